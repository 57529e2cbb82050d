/**
 * Runs a piece of service-layer work in a child Node process with a small heap, so that a test can
 * tell work whose memory is bounded from work whose memory grows with its input: the latter dies with
 * "heap out of memory" (exit code 134) instead of returning an answer.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/** The compiled service layer (server/out/service), for `require` in the child. */
const SERVICE = resolve(__dirname, '..', '..', 'service');

export interface LimitedRun<T> {
  status: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** What the child printed as JSON on its last line, when it got that far. */
  result?: T;
}

/**
 * `body` is the source of a function body run in the child with `service` (the directory of the
 * compiled service layer) in scope; it returns a JSON-serialisable value.
 */
export function runWithHeapLimit<T>(heapMB: number, body: string): LimitedRun<T> {
  const script = `const service = ${JSON.stringify(SERVICE)};\nconst result = (() => {\n${body}\n})();\nprocess.stdout.write('\\n' + JSON.stringify(result) + '\\n');`;
  const child = spawnSync(process.execPath, [`--max-old-space-size=${heapMB}`, '-e', script], {
    encoding: 'utf8', maxBuffer: 16 * 1024 * 1024,
  });
  const lines = (child.stdout ?? '').trim().split('\n');
  let result: T | undefined;
  try {
    result = child.status === 0 ? JSON.parse(lines[lines.length - 1]) as T : undefined;
  } catch {
    result = undefined;
  }
  return { status: child.status, signal: child.signal, stderr: (child.stderr ?? '').slice(-2000), result };
}
