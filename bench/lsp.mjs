// A small LSP client for the benchmark: starts the built server the way other editors do
// (`node server/out/server.js --stdio`), answers workspace/configuration with the given
// `gatewayLogs` section, and times requests and diagnostics.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER = path.join(ROOT, 'server', 'out', 'server.js');

export const now = () => Number(process.hrtime.bigint()) / 1e6;

export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The machine the bench runs on is often busy with other work; a higher scheduling priority (when
 * allowed) keeps the measured processes from being preempted in the middle of a timed request.
 * Returns whether it worked.
 */
export function raisePriority(pid = 0) {
  try {
    os.setPriority(pid, -10);
    return true;
  } catch {
    return false;
  }
}

/**
 * @param {Record<string, unknown>} settings the `gatewayLogs` section answered to workspace/configuration
 * @param {string[]} [nodeArgs] extra node options for the server process (e.g. --cpu-prof)
 * @param {string} [serverPath] the server to start (another build, to compare with)
 */
export async function startServer(settings, nodeArgs = [], serverPath = SERVER) {
  const child = spawn(process.execPath, [...nodeArgs, serverPath, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  raisePriority(child.pid);
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters = [];
  const logs = [];
  let configurationAnswered;
  const configured = new Promise((resolve) => (configurationAnswered = resolve));
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    const at = now();
    for (const waiter of [...waiters]) {
      if (waiter.uri === params.uri) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve({ at, diagnostics: params.diagnostics });
      }
    }
  });
  connection.onNotification('window/logMessage', (params) => logs.push(params.message));
  connection.onRequest('workspace/configuration', (params) => {
    setImmediate(configurationAnswered);
    return params.items.map(() => settings);
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  await withTimeout(connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: {
      workspace: { configuration: true },
      textDocument: {
        synchronization: { didSave: false },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
      },
    },
  }), 20_000, 'initialize');
  await connection.sendNotification('initialized', {});
  await withTimeout(configured, 10_000, 'workspace/configuration');
  // Messages are handled in order: once this answer is back, the settings above are in effect.
  await withTimeout(connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'file:///nothing-open.log' } }), 10_000, 'settle');

  return {
    pid: child.pid,
    /** Resolves with the exit code (or signal) when the server process ends. */
    exited: exited.then(() => child.exitCode ?? child.signalCode),
    logs,
    stderr: () => stderr,
    /** Resolves with { at, diagnostics } for the next diagnostics published for uri. */
    nextDiagnostics(uri, timeoutMs = 120_000) {
      return withTimeout(new Promise((resolve) => waiters.push({ uri, resolve })), timeoutMs, `diagnostics for ${uri}`);
    },
    notify(method, params) {
      return connection.sendNotification(method, params);
    },
    request(method, params, timeoutMs = 120_000) {
      return withTimeout(connection.sendRequest(method, params), timeoutMs, method);
    },
    /** CPU time (user + system) the server process has used so far, in ms (Linux /proc; 10 ms steps). */
    cpuMs() {
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ').pop().split(' ');
      // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second here).
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    /** Peak and current resident set size of the server process, in bytes (Linux /proc). */
    memory() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = (key) => Number((status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm')) ?? [])[1]) * 1024;
      return { peakRss: kb('VmHWM'), rss: kb('VmRSS') };
    },
    async stop() {
      try {
        await withTimeout(connection.sendRequest('shutdown'), 10_000, 'shutdown');
        await connection.sendNotification('exit');
        await withTimeout(exited, 20_000, 'server exit');
      } catch {
        if (child.exitCode === null) child.kill();
      }
      connection.dispose();
    },
  };
}
