// The language server dies (killed by the OS, out of memory, a bug): the client starts a
// new one, features come back on the open documents, and the user is told once only.
// Runs last of the suites (file order) so a failed restart cannot hide other results.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, hoverAt, hoverText, openSample, positionOf, waitFor } from './helpers';

/** What the extension's `activate` returns (client/src/extension.ts, GatewayLogsApi). */
interface GatewayLogsApi {
  serverInfo(): Promise<{ pid: number; documents: number } | undefined>;
  readonly restarts: { readonly crashRestarts: number; readonly noticesShown: number };
}

async function api(): Promise<GatewayLogsApi> {
  const exports = (await activateExtension()).exports as GatewayLogsApi | undefined;
  assert.ok(exports && typeof exports.serverInfo === 'function', 'the extension returns no API from activate');
  return exports;
}

async function killAndWaitForNewServer(gateway: GatewayLogsApi, pid: number): Promise<number> {
  process.kill(pid, 'SIGKILL');
  const next = await waitFor(
    `a new language server process after killing ${pid}`,
    () => gateway.serverInfo(),
    (info) => info !== undefined && info.pid !== pid && info.documents > 0,
  );
  return next!.pid;
}

suite('Server recovery', () => {
  test('a killed server is restarted, hover works again, and the user is told once', async () => {
    const gateway = await api();
    const doc = await openSample('gateway.log', 'bluecedar-log');
    const position = positionOf(doc, 'Sev:', 1);
    const severityHover = () => hoverAt(doc, position).then(hoverText);
    await waitFor('a hover on Sev: before the crash', severityHover, (t) => /severity/i.test(t));

    const first = await waitFor('the server to report its process', () => gateway.serverInfo(), (i) => i !== undefined);
    const before = { ...gateway.restarts };
    assert.strictEqual(before.noticesShown, before.crashRestarts > 0 ? 1 : 0);

    const second = await killAndWaitForNewServer(gateway, first!.pid);
    await waitFor('a hover on Sev: after the first restart', severityHover, (t) => /severity/i.test(t));
    assert.strictEqual(gateway.restarts.crashRestarts, before.crashRestarts + 1);
    assert.strictEqual(gateway.restarts.noticesShown, 1, 'the user should be told about the restart');

    await killAndWaitForNewServer(gateway, second);
    await waitFor('a hover on Sev: after the second restart', severityHover, (t) => /severity/i.test(t));
    const symbols = await waitFor(
      'the outline after the second restart',
      () => vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri),
      (s) => (s?.length ?? 0) > 0,
    );
    assert.ok(symbols.length > 0);
    assert.strictEqual(gateway.restarts.crashRestarts, before.crashRestarts + 2);
    assert.strictEqual(gateway.restarts.noticesShown, 1, 'the user should be told once, not on every restart');
  });
});
