/** Over stdio: `gatewayLogs.diagnostics.<code>` turns a check off or changes its level, at once. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { REPO_ROOT, startServer, TestClient } from './lspClient';

const GATEWAY = fs.readFileSync(path.join(REPO_ROOT, 'samples', 'gateway.log'), 'utf8');
const URI = 'file:///samples/rotated/gateway.log';

const codes = (list: Diagnostic[]): string[] => list.map((d) => String(d.code));

describe('diagnostic settings over stdio', () => {
  let client: TestClient;

  before(async () => {
    // As VS Code sends them: the dotted setting names nested under `diagnostics`.
    client = await startServer({ diagnostics: { 'stop-without-start': 'off', 'start-without-stop': 'warning' } });
  });

  after(async () => {
    await client.stop();
  });

  test('a check turned off in the settings is not published; one set to warning is a warning', async () => {
    const tuned = client.diagnostics(URI, (list) => list.length > 0 && !codes(list).includes('stop-without-start'));
    client.open(URI, 'bluecedar-log', GATEWAY);
    const list = await tuned;
    const open = list.filter((d) => d.code === 'start-without-stop');
    assert.ok(open.length > 0);
    assert.ok(open.every((d) => d.severity === 2), JSON.stringify(open));
  });

  test('changing the setting republishes with the check back at its default level', async () => {
    const restored = client.diagnostics(URI, (list) => codes(list).includes('stop-without-start'));
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { gatewayLogs: { diagnostics: {} } } });
    const list = await restored;
    assert.ok(list.filter((d) => d.code === 'start-without-stop').every((d) => d.severity === 4));
    assert.equal(list.find((d) => d.code === 'stop-without-start')?.severity, 3);
  });
});
