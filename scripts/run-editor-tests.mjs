// Runs the extension inside a real VS Code on this machine, without internet:
//   1. installs the offline VS Code server and Chromium when missing;
//   2. packages the extension (npm run package) and the test runner extension;
//   3. installs both VSIX files into a fresh extensions folder;
//   4. starts the VS Code server and opens its workbench in headless Chromium on
//      a temporary copy of samples/; the runner extension runs the mocha suites
//      of test/suite inside the extension host and writes a JSON report;
//   5. drives the workbench like a person (scripts/ui-tests.mjs): hover,
//      outline, screenshots.
// Prints each test, then "N passed, N failed"; exits non-zero on any failure.
//
// Options (environment):
//   GLT_EDITOR_TIMEOUT  seconds to wait for the in-editor suites (default 300)
//   GLT_TEST_GREP       run only the suites/tests whose title matches
//   GLT_TEST_GREP_INVERT=1  run the tests whose title does NOT match GLT_TEST_GREP
//   GLT_SKIP_UI=1       skip the browser-level tests
//   GLT_SKIP_SUITES=1   skip the in-editor suites
//   GLT_UPDATE_SCREENSHOTS=1  also copy the screenshots to images/ (for the README)
//   GLT_UI_TIMELINE_ONLY=1  of the browser-level tests, only the timeline's (see scripts/ui-tests.mjs)
//   GLT_KEEP_TMP=1      keep the temporary folders (logs) after the run
import { cpSync, existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ensurePackage, ensureVSCode, freePort, installExtensions, launchBrowser, packageRunner, root, run,
  quietSettings, startServer, waitUntil, workbenchUrl, writeUserSettings,
} from './lib/vscode-server.mjs';
import { runUiTests, uiSettings } from './ui-tests.mjs';

const started = Date.now();
const suiteDeadlineMs = Number(process.env.GLT_EDITOR_TIMEOUT ?? 300) * 1000;
const startDeadlineMs = 120 * 1000;
const resultsDir = path.join(root, 'test-results', 'editor');
const step = (message) => console.log(`[editor-tests] ${message} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

const outcomes = []; // { title, ok, message?, durationMs }
let server;
let browser;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'glt-editor-'));

async function cleanUp() {
  await browser?.close().catch(() => {});
  await server?.stop().catch(() => {});
  if (!process.env.GLT_KEEP_TMP) rmSync(tmp, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await cleanUp();
    process.exit(130);
  });
}

function report() {
  const passed = outcomes.filter((o) => o.ok).length;
  const failed = outcomes.length - passed;
  console.log('');
  for (const outcome of outcomes) {
    const time = outcome.durationMs ? ` (${outcome.durationMs} ms)` : '';
    console.log(`  ${outcome.ok ? '✔' : '✘'} ${outcome.title}${time}`);
  }
  const failures = outcomes.filter((o) => !o.ok);
  if (failures.length) {
    console.log('\n  Failures:');
    failures.forEach((f, i) => {
      console.log(`\n  ${i + 1}) ${f.title}`);
      console.log(`     ${String(f.message ?? '').split('\n').join('\n     ')}`);
      if (f.stack) console.log(`     ${f.stack.split('\n').slice(1, 6).join('\n     ')}`);
    });
  }
  console.log(`\neditor tests took ${((Date.now() - started) / 1000).toFixed(1)} s; logs in ${path.relative(root, resultsDir)}/`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && outcomes.length > 0;
}

async function main() {
  mkdirSync(resultsDir, { recursive: true });
  step('checking the offline VS Code server');
  ensureVSCode();
  step('packaging the extension');
  const productVsix = ensurePackage({ force: !process.env.GLT_SKIP_PACKAGE });
  step('compiling the in-editor suites');
  run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'test', 'tsconfig.json')]);
  const runnerVsix = packageRunner();

  const dirs = {
    extensionsDir: path.join(tmp, 'extensions'),
    serverDataDir: path.join(tmp, 'server-data'),
    userDataDir: path.join(tmp, 'user-data'),
  };
  Object.values(dirs).forEach((d) => mkdirSync(d, { recursive: true }));
  step('installing the VSIX files into a fresh extensions folder');
  installExtensions(dirs, [productVsix, runnerVsix]);
  writeUserSettings(dirs, { ...quietSettings, ...uiSettings });

  const workspace = path.join(tmp, 'workspace', 'samples');
  cpSync(path.join(root, 'samples'), workspace, { recursive: true });

  const resultsFile = path.join(tmp, 'suite-results.json');
  const runSuites = !process.env.GLT_SKIP_SUITES;
  const port = await freePort();
  step(`starting the VS Code server on port ${port}`);
  server = await startServer({
    port,
    ...dirs,
    logFile: path.join(resultsDir, 'server.log'),
    env: runSuites
      ? { GLT_TEST_INDEX: path.join(root, 'test', 'out', 'suite', 'index.js'), GLT_TEST_RESULTS: resultsFile }
      : {},
  });
  browser = await launchBrowser();
  const url = workbenchUrl(server.url, workspace);

  if (runSuites) {
    step('opening the workbench; the runner extension starts the suites');
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const consoleLines = [];
    page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
    await page.goto(url);
    const collect = (result) => {
      if (result.error) {
        outcomes.push({ title: 'in-editor suites could not run', ok: false, message: result.error });
      }
      for (const pass of result.passes ?? []) outcomes.push({ title: pass.title, ok: true, durationMs: pass.durationMs });
      for (const failure of result.failures ?? []) {
        outcomes.push({ title: failure.title, ok: false, message: failure.message, stack: failure.stack, durationMs: failure.durationMs });
      }
    };
    try {
      // The extension host starts once the workbench has loaded; fail early if it never does.
      await waitUntil('the runner extension to start the suites', () => existsSync(`${resultsFile}.started`), startDeadlineMs, 250);
      await waitUntil('the in-editor suites to finish', () => existsSync(resultsFile), suiteDeadlineMs, 250);
      const result = JSON.parse(readFileSync(resultsFile, 'utf8'));
      collect(result);
      step(`in-editor suites finished in ${((result.durationMs ?? 0) / 1000).toFixed(1)} s`);
    } catch (error) {
      // Report what finished before the deadline, then the hang itself.
      if (existsSync(`${resultsFile}.partial`)) collect(JSON.parse(readFileSync(`${resultsFile}.partial`, 'utf8')));
      const started = existsSync(`${resultsFile}.started`);
      outcomes.push({
        title: 'in-editor suites',
        ok: false,
        message: `${error.message}${started ? ' (the runner started them; the test after the last one listed hung)' : ' (the runner extension never started: is the extension host up?)'}`,
      });
      await page.screenshot({ path: path.join(resultsDir, 'suites-timeout.png') }).catch(() => {});
    } finally {
      writeFileSync(path.join(resultsDir, 'browser-console.log'), consoleLines.join('\n'));
      await context.close();
    }
  }

  if (!process.env.GLT_SKIP_UI) {
    step('driving the workbench in the browser');
    // A fresh copy: the suites add files to theirs, and VS Code keeps per-folder UI state.
    const uiWorkspace = path.join(tmp, 'workspace-ui', 'samples');
    cpSync(path.join(root, 'samples'), uiWorkspace, { recursive: true });
    const uiOutcomes = await runUiTests({
      browser,
      url: workbenchUrl(server.url, uiWorkspace),
      workspace: uiWorkspace,
      resultsDir,
      updateImages: Boolean(process.env.GLT_UPDATE_SCREENSHOTS),
    });
    outcomes.push(...uiOutcomes);
  }
}

let ok = false;
try {
  await main();
} catch (error) {
  outcomes.push({ title: 'editor test harness', ok: false, message: error.stack ?? String(error) });
} finally {
  ok = report();
  await cleanUp();
}
process.exit(ok ? 0 : 1);
