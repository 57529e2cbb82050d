// Entry point of the in-editor tests, in the shape @vscode/test-electron
// expects: `run()` resolves when every test passed and rejects otherwise.
// `runDetailed()` returns a report instead; the offline runner extension
// (test/runner-extension) uses it to hand results back to the test command.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export interface TestOutcome {
  title: string;
  durationMs: number;
  message?: string;
  stack?: string;
}

export interface TestReport {
  passes: TestOutcome[];
  failures: TestOutcome[];
  pending: TestOutcome[];
  durationMs: number;
}

/** Runs the suites; `onProgress` sees the report after every finished test. */
export function runDetailed(onProgress?: (report: TestReport) => void): Promise<TestReport> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    timeout: Number(process.env.GLT_TEST_TIMEOUT ?? 60000),
    // In the offline runner the driver prints the report; test-electron shows
    // the spec reporter's output in its terminal.
    reporter: process.env.GLT_TEST_RESULTS ? 'dot' : 'spec',
  });
  if (process.env.GLT_TEST_GREP) {
    mocha.grep(process.env.GLT_TEST_GREP);
    if (process.env.GLT_TEST_GREP_INVERT) mocha.invert();
  }
  const files = fs
    .readdirSync(__dirname)
    .filter((file) => file.endsWith('.test.js'))
    .sort();
  for (const file of files) {
    mocha.addFile(path.join(__dirname, file));
  }

  const report: TestReport = { passes: [], failures: [], pending: [], durationMs: 0 };
  const started = Date.now();
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        report.durationMs = Date.now() - started;
        resolve(report);
      });
      runner.on('pass', (test) => {
        report.passes.push({ title: test.fullTitle(), durationMs: test.duration ?? 0 });
        onProgress?.(report);
      });
      runner.on('fail', (test, error: Error) => {
        report.failures.push({
          title: test.fullTitle(),
          durationMs: test.duration ?? 0,
          message: error?.message ?? String(error),
          stack: error?.stack,
        });
        onProgress?.(report);
      });
      runner.on('pending', (test) => {
        report.pending.push({ title: test.fullTitle(), durationMs: 0 });
      });
    } catch (error) {
      reject(error);
    }
  });
}

export async function run(): Promise<void> {
  const report = await runDetailed();
  if (report.failures.length > 0) {
    throw new Error(`${report.failures.length} of ${report.passes.length + report.failures.length} tests failed.`);
  }
}
