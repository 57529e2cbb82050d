/**
 * Hostile logs through the standalone server: each must be answered, within 2 s per request, by a
 * server that is still alive afterwards. Log content is written by clients and cannot be trusted.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeLens, Diagnostic, DocumentSymbol, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { SERVER_COMMANDS } from '../../service/formats/ids';
import { startServer, TestClient } from './lspClient';

const HEADER = 'Nov 11 2021 22:24:37 tilera3 Mocana: [AAA], SubCls:ACCT, EID: 0, Type: Acct, Sev:Informational,';
const OAG = '2020-06-24T10:06:23.000-05:00 example.com ACCESS_GATEWAY WEB_CONSOLE AUTHN LOCAL INFO USER_LOGIN';
const INJECTION = '[x](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> `tick` | pipe |';

const FIXTURES: Record<string, string> = {
  'empty file': '',
  'a header followed by nothing': HEADER,
  'a 1 MB single line': HEADER + ' ' + 'A'.repeat(1024 * 1024),
  'NUL and binary bytes': `${HEADER}\u0000\u0001\u0002\u0003\ufffe\uffff Session START {"sessionId":{"username":"a\u0000b"}}\n\u0000\u0000\n`,
  'invalid UTF-8 decoded as replacement characters': Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0x0a]).toString('utf8') + HEADER + ' ' + Buffer.from([0xe2, 0x28, 0xa1]).toString('utf8'),
  'CR, LF and CRLF mixed': `${HEADER}\rSession START {"sessionId":\r\n{"username":"a"}}\n${HEADER}\r\n`,
  'a byte order mark': `\ufeff${HEADER} Session START {"sessionId":{"username":"bom"}}\n`,
  'emoji before hover targets': `${HEADER} Session START {"sessionId":{"username":"😀😀😀","device":{"osType":"ios"}}}\n`,
  'JSON nested 10 000 deep': `${HEADER} Session START ${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}\n`,
  '100 000 { on one line': `${HEADER} Session START ${'{'.repeat(100_000)}\n`,
  'markup injection in values': `${HEADER}\nSession START {"sessionId":{"username":"${INJECTION.replace(/"/g, '\\"')}","device":{"osType":"ios"},"app":{"appGsid":7}}}\n${HEADER}\nSession STOP {"sessionId":{"username":"${INJECTION}","durationSeconds":1,"app":{"appGsid":7}}}\n`,
  'an OAG line of 100 000 broken structured-data items': `${OAG} [${'a '.repeat(50_000)}] m\n`,
  'OAG injection in structured data': `${OAG} [SESSION_ID="s1" SUBJECT="${INJECTION}" RESULT="PASS"] ${INJECTION}\n`,
};

const DEADLINE_MS = 2_000;

describe('hostile logs through the standalone server', () => {
  let client: TestClient;

  before(async () => {
    client = await startServer();
  });

  after(async () => {
    await client.stop();
  });

  let n = 0;
  for (const [name, text] of Object.entries(FIXTURES)) {
    for (const languageId of ['bluecedar-log', 'oag-log']) {
      test(`${name} (${languageId})`, async () => {
        const uri = `file:///hostile/${n++}.log`;
        const published = client.diagnostics(uri, () => true, DEADLINE_MS);
        client.open(uri, languageId, text);
        const diagnostics: Diagnostic[] = await published;
        for (const d of diagnostics) {
          assert.doesNotMatch(d.message, /[\u0000-\u0008\u000b-\u001f]/, 'messages carry no control characters');
        }
        const doc = { textDocument: { uri } };
        const lines = text.split(/\r\n|\r|\n/);
        const positions = [
          { line: 0, character: 0 }, { line: 0, character: 5 }, { line: 0, character: 40 }, { line: 0, character: 90 },
          { line: 1, character: 20 }, { line: lines.length - 1, character: 1 }, { line: 0, character: 1_000_000 },
        ];
        for (const position of positions) {
          const hover = await client.request<Hover | null>('textDocument/hover', { ...doc, position }, DEADLINE_MS);
          if (hover) {
            const markdown = (hover.contents as MarkupContent).value;
            assert.doesNotMatch(markdown, /\]\(command:/, 'no live command link from log content');
            assert.doesNotMatch(markdown, /<img/i, 'no raw HTML from log content');
          }
          await client.request('textDocument/definition', { ...doc, position }, DEADLINE_MS);
          await client.request('textDocument/references', { ...doc, position, context: { includeDeclaration: true } }, DEADLINE_MS);
          await client.request('textDocument/documentHighlight', { ...doc, position }, DEADLINE_MS);
        }
        const symbols = await client.request<DocumentSymbol[] | null>('textDocument/documentSymbol', doc, DEADLINE_MS);
        for (const symbol of symbols ?? []) {
          assert.ok(symbol.name.trim().length > 0, 'symbol names are never blank');
          assert.doesNotMatch(symbol.name, /[\u0000-\u001f]/);
        }
        const lenses = await client.request<CodeLens[] | null>('textDocument/codeLens', doc, DEADLINE_MS);
        for (const lens of lenses ?? []) {
          // No command is ever built from log content: only the server's own commands, with a URI and a line.
          assert.ok(lens.command!.command === SERVER_COMMANDS.revealEntry || lens.command!.command === SERVER_COMMANDS.describeSession);
          assert.equal(lens.command!.arguments![0], uri);
          assert.equal(typeof lens.command!.arguments![1], 'number');
        }
        await client.request('textDocument/foldingRange', doc, DEADLINE_MS);
        void client.connection.sendNotification('textDocument/didClose', doc);
        assert.equal(client.process.exitCode, null, 'the server is still running');
      });
    }
  }

  test('a cancelled request is answered and the server keeps serving', async () => {
    const uri = 'file:///hostile/cancel.log';
    const published = client.diagnostics(uri, () => true, DEADLINE_MS);
    client.open(uri, 'bluecedar-log', `${HEADER} Session START {"sessionId":{"username":"a"}}\n`);
    await published;
    const { CancellationTokenSource } = await import('vscode-languageserver-protocol');
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } }, source.token);
    source.cancel();
    // Either answered before the cancellation arrived or rejected as cancelled; never left hanging.
    await Promise.race([
      pending.then(() => undefined, () => undefined),
      new Promise((_, reject) => setTimeout(() => reject(new Error('cancelled request left hanging')), DEADLINE_MS)),
    ]);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } }, DEADLINE_MS);
    assert.ok(hover);
    assert.equal(client.stderr().includes('Unhandled'), false);
  });
});
