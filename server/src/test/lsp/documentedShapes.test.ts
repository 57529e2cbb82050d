/**
 * Through the real server over stdio: the older OAG format, the shapes of Okta's other Access Gateway
 * pages, and other programs' lines in both formats are read without false errors, hover as what they
 * are, fold as their own group, and show times as the log writes them.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, DocumentSymbol, FoldingRange, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { REPO_ROOT, startServer, TestClient } from './lspClient';

const OLDER = fs.readFileSync(path.join(REPO_ROOT, 'samples', 'oag-older-format.log'), 'utf8');
const ALL = fs.readFileSync(path.join(REPO_ROOT, 'samples', 'ics_all.log'), 'utf8');
const GATEWAY = [
  'Oct  2 13:45:34 edge-gw2 Mocana: [AAA], SubCls:ACCT, EID: 0, Type: Acct, Sev:Informational,',
  'Session START {"sessionId":{"username":"kfarouk","device":{"osType":"ios","uniqueId":"00:00:00:00:00:07"},"app":{"appGsid":3300417}}}',
  'Oct  2 13:45:35 edge-gw2 sshd[812]: Accepted publickey for ops from 192.0.2.44 port 52314 ssh2',
  'Oct  2 13:45:40 edge-gw2 sudo:      ops : TTY=pts/0 ; PWD=/home/ops ; USER=root ; COMMAND=/usr/bin/true',
  'Oct  2 13:45:41 edge-gw2 systemd[1]: Started Session 7 of user ops.',
  'Oct  2 13:46:39 edge-gw2 Mocana: [AAA], SubCls:ACCT, EID: 0, Type: Acct, Sev:Informational,',
  'Session STOP {"sessionId":{"username":"kfarouk","durationSeconds":65,"device":{"osType":"ios","uniqueId":"00:00:00:00:00:07"},"app":{"appGsid":3300417}}}',
].join('\n');
const OLDER_URI = 'file:///samples/oag-older-format.log';
const ALL_URI = 'file:///samples/ics_all.log';
const GATEWAY_URI = 'file:///logs/messages';

function at(text: string, needle: string, shift = 1): { line: number; character: number } {
  const offset = text.indexOf(needle);
  assert.notEqual(offset, -1, `"${needle}" not in text`);
  const before = text.slice(0, offset + shift);
  return { line: before.split('\n').length - 1, character: offset + shift - (before.lastIndexOf('\n') + 1) };
}

describe('documented shapes and other programs\' lines, through the server', () => {
  let client: TestClient;
  let olderDiagnostics: Promise<Diagnostic[]>;
  let allDiagnostics: Promise<Diagnostic[]>;
  let gatewayDiagnostics: Promise<Diagnostic[]>;

  before(async () => {
    client = await startServer();
    olderDiagnostics = client.diagnostics(OLDER_URI);
    allDiagnostics = client.diagnostics(ALL_URI);
    gatewayDiagnostics = client.diagnostics(GATEWAY_URI);
    client.open(OLDER_URI, 'oag-log', OLDER);
    client.open(ALL_URI, 'oag-log', ALL);
    client.open(GATEWAY_URI, 'bluecedar-log', GATEWAY);
  });

  after(async () => {
    await client.stop();
  });

  async function hover(uri: string, text: string, needle: string, shift = 1): Promise<string> {
    const result = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: at(text, needle, shift) });
    assert.ok(result, `no hover on ${needle}`);
    return (result.contents as MarkupContent).value;
  }

  test('no false errors: only the documented notes and the typographic-quote warning', async () => {
    assert.deepEqual((await olderDiagnostics).map((d) => [d.range.start.line + 1, d.severity, d.code]), [[17, 4, 'start-without-stop'], [47, 4, 'start-without-stop']]);
    assert.deepEqual((await allDiagnostics).map((d) => [d.range.start.line + 1, d.severity, d.code]), [[20, 2, 'sd-typographic-quotes']]);
    assert.deepEqual(await gatewayDiagnostics, []);
  });

  test('hover on the older format: syslog timestamp with its year anchored, application in words, monitor sub-process', async () => {
    const time = await hover(OLDER_URI, OLDER, 'Dec 30 23:04:52');
    assert.match(time, /^\*\*Timestamp\*\*/);
    assert.ok(time.includes('`2017-12-30 23:04:52`') && time.includes('local time') && time.includes('does not state the year'), time);
    const app = await hover(OLDER_URI, OLDER, 'Access Gateway ACCESS');
    assert.ok(app.startsWith('**Application**') && app.includes('older log format'), app);
    const monitor = await hover(OLDER_URI, OLDER, 'OAG_MONITOR MONITOR CERT_CHECK');
    assert.ok(monitor.startsWith('**Sub-process**'), monitor);
    const expiry = await hover(OLDER_URI, OLDER, 'EXPIRY=');
    assert.ok(expiry.includes('2018-01-21') && expiry.includes('20 days after this entry') && expiry.includes('⚠️'), expiry);
  });

  test('hover on labels and keys of several words, and on a line without a hostname', async () => {
    const copy = await hover(ALL_URI, ALL, 'Copy HA configs', 5);
    assert.ok(copy.startsWith('**Event**') && copy.includes('`Copy HA configs`') && copy.includes('high-availability configuration'), copy);
    const key = await hover(ALL_URI, ALL, 'NEW NAME', 5);
    assert.ok(key.startsWith('**New endpoint name** `NEW NAME`') && key.includes('`nw_health`'), key);
    const support = await hover(ALL_URI, ALL, 'ENABLE_SUPPORT_CONNECTION');
    assert.ok(support.includes('support VPN') && support.includes('switched on'), support);
    const quoted = await hover(ALL_URI, ALL, 'USER=“', 0);
    assert.ok(quoted.includes('`oag-mgmt`') && quoted.includes('Management console account'), quoted);
  });

  test('hover on other programs\' lines: program, timestamp as written with its offset, Java parts', async () => {
    const sshd = await hover(GATEWAY_URI, GATEWAY, 'sshd[812]');
    assert.ok(sshd.startsWith('**Program**') && sshd.includes('OpenSSH'), sshd);
    const certVerifier = await hover(ALL_URI, ALL, 'CERT VERIFIER', 6);
    assert.ok(certVerifier.includes('certificate validation service'), certVerifier);
    const time = await hover(ALL_URI, ALL, '2021-06-13T12:06:58.075-05:00');
    assert.ok(time.includes('`2021-06-13 12:06:58-05:00`') && time.includes('UTC'), time);
    const logger = await hover(ALL_URI, ALL, 'c.i.s.web.rest');
    assert.ok(logger.startsWith('**Logger**'), logger);
    const tag = await hover(OLDER_URI, OLDER, 'claimsportal claims');
    assert.ok(tag.startsWith('**Web server log tag**'), tag);
  });

  test('folding: runs of other programs\' lines fold as their own group; a stack trace with its line', async () => {
    const older = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: OLDER_URI } });
    // systemd, systemd (lines 1-2), and sshd, sshd, sudo (lines 5-7)
    assert.ok(older.some((r) => r.startLine === 0 && r.endLine === 1), JSON.stringify(older));
    assert.ok(older.some((r) => r.startLine === 4 && r.endLine === 6), JSON.stringify(older));
    const all = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: ALL_URI } });
    const trace = at(ALL, 'c.i.s.web.rest').line;
    assert.ok(all.some((r) => r.startLine === trace && r.endLine === trace + 3), JSON.stringify(all));
    const gateway = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: GATEWAY_URI } });
    assert.ok(gateway.some((r) => r.startLine === 2 && r.endLine === 4), JSON.stringify(gateway));
  });

  test('outline: sessions of the older format show their times as written, without an offset', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: OLDER_URI } });
    const admin = symbols.find((s) => s.name === 'admin');
    assert.ok(admin, symbols.map((s) => s.name).join(', '));
    assert.ok(admin.detail?.startsWith('23:04:31 → 23:15:22'), admin.detail);
    const lena = symbols.find((s) => s.name.startsWith('lena.hoffmann'));
    assert.ok(lena?.detail?.startsWith('23:59:40 → 00:05:33 · 5 min 53 s'), lena?.detail);
  });
});
