/**
 * Hostile logs through the standalone server: each must be answered, within 2 s per request, by a
 * server that is still alive afterwards. Log content is written by clients and cannot be trusted.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeLens, Diagnostic, DocumentSymbol, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { MAX_HIGHLIGHTS, MAX_REFERENCES } from '../../service/features/capping';
import { SERVER_COMMANDS } from '../../service/formats/ids';
import { assertNoLiveMarkup, assertShownInert } from '../markdownInert';
import { startServer, TestClient, waitFor } from './lspClient';

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
            assertNoLiveMarkup((hover.contents as MarkupContent).value, `hover at ${JSON.stringify(position)}`);
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

  test('the injected value itself, hovered, reads literally', async () => {
    const cases: [string, string, string, string][] = [
      ['bluecedar-log', FIXTURES['markup injection in values'], 'username', '"username":"'],
      ['oag-log', FIXTURES['OAG injection in structured data'], 'SUBJECT', 'SUBJECT="'],
    ];
    for (const [languageId, text, what, before] of cases) {
      const uri = `file:///hostile/value-${what}.log`;
      const published = client.diagnostics(uri, () => true, DEADLINE_MS);
      client.open(uri, languageId, text);
      await published;
      const offset = text.indexOf(before) + before.length + 3;
      const line = text.slice(0, offset).split('\n').length - 1;
      const position = { line, character: offset - (text.lastIndexOf('\n', offset - 1) + 1) };
      const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position }, DEADLINE_MS);
      assert.ok(hover, `a hover on the ${what} value`);
      const markdown = (hover.contents as MarkupContent).value;
      assertShownInert(markdown, INJECTION, what);
      assertNoLiveMarkup(markdown, what);
      void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
  });

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

/** Line and character of `offset` in `text` (LF line breaks). */
function positionIn(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, character: offset - lineStart };
}

describe('hostile logs, round 2: memory, bounded answers, links, re-opened documents', () => {
  let client: TestClient;
  const HEAP_MB = 256;

  before(async () => {
    // A smaller heap than Node's default, as on a small machine: what grows with the number of
    // tokens in a payload dies here.
    client = await startServer({}, { nodeArgs: [`--max-old-space-size=${HEAP_MB}`] });
  });

  after(async () => {
    await client.stop();
  });

  test(`a 10 MB payload of tiny tokens without commas: diagnostics and hovers, the server alive (${HEAP_MB} MB heap)`, async () => {
    const head = `${HEADER} Session START `;
    const text = head + '{"a":[' + '{}'.repeat(5 * 1024 * 1024);
    const uri = 'file:///hostile/tokens.log';
    const published = client.diagnostics(uri, (d) => d.length > 0, 20_000);
    client.open(uri, 'bluecedar-log', text);
    const diagnostics = await published;
    assert.deepEqual(diagnostics.filter((d) => d.code === 'json-syntax').map((d) => d.range.start.character - head.length), [8]);
    for (const character of [head.length + 2, text.length >> 1, text.length - 1]) {
      await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character } }, 10_000);
    }
    const key = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: head.length + 2 } }, 10_000);
    assert.match((key!.contents as MarkupContent).value.split('\n')[0], /`a`/);
    void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    assert.equal(client.process.exitCode, null, 'the server is still running');
  });

  test('a session of 100 000 linked events: highlights and references are bounded', async () => {
    const gsid = 5151;
    const start = `${HEADER} Session START {"sessionId":{"username":"many","app":{"appGsid":${gsid}}}}\n`;
    const linked = `Nov 11 2021 22:24:38 tilera3 Mocana: [INTFMGR], SubCls:999, EID: ${gsid}, Type: General, Sev:Informational, tunnel event\n`;
    const stop = `${HEADER} Session STOP {"sessionId":{"username":"many","durationSeconds":1,"app":{"appGsid":${gsid}}}}\n`;
    const count = 100_000;
    const text = start + linked.repeat(count) + stop;
    const uri = 'file:///hostile/big-session.log';
    const published = client.diagnostics(uri, () => true, 20_000);
    client.open(uri, 'bluecedar-log', text);
    await published;
    const doc = { textDocument: { uri } };
    for (const line of [0, 1, count >> 1, count + 1]) {
      const { result, bytes } = await sizedRequest(client, 'textDocument/documentHighlight', { ...doc, position: { line, character: 3 } });
      const highlights = result as { range: { start: { line: number } } }[];
      assert.ok(highlights.length <= MAX_HIGHLIGHTS, `${highlights.length} highlights`);
      assert.ok(bytes <= 2 * 1024 * 1024, `${bytes} bytes`);
      const lines = highlights.map((h) => h.range.start.line);
      assert.ok(lines.includes(0) && lines.includes(count + 1) && lines.includes(line), `START, STOP and line ${line} highlighted`);
    }
    const logsBefore = client.logs.length;
    const references = await client.request<unknown[]>('textDocument/references', { ...doc, position: { line: count >> 1, character: 3 }, context: { includeDeclaration: true } }, 10_000);
    assert.equal(references.length, MAX_REFERENCES);
    const note = await waitFor(() => client.logs.slice(logsBefore).find((l) => /left out/.test(l)), 'a log line saying how many were left out');
    assert.match(note, new RegExp(`${(count + 2 - MAX_REFERENCES).toLocaleString('en-US')}|${count + 2 - MAX_REFERENCES}`));
    void client.connection.sendNotification('textDocument/didClose', doc);
  });

  test('a username that is a URL is no link in the hover', async () => {
    const url = 'http://134744072/phish';
    const text = `${HEADER}\nSession START {"sessionId":{"username":"${url}","app":{"appGsid":77}}}\n${HEADER}\nSession STOP {"sessionId":{"username":"${url}","durationSeconds":0,"app":{"appGsid":77}}}\n`;
    const uri = 'file:///hostile/autolink.log';
    const published = client.diagnostics(uri, () => true, DEADLINE_MS);
    client.open(uri, 'bluecedar-log', text);
    await published;
    for (const offset of [text.indexOf(url) + 5, text.indexOf('Session STOP') + 3]) {
      const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionIn(text, offset) }, DEADLINE_MS);
      assert.ok(hover);
      const markdown = (hover.contents as MarkupContent).value;
      assertShownInert(markdown, url, `hover at ${offset}`);
      assertNoLiveMarkup(markdown, `hover at ${offset}`);
    }
    void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  test('a document re-opened without being closed, or changed without a new version, is analysed again', async () => {
    const uri = 'file:///hostile/reopened.log';
    const oneSession = (user: string): string => `${HEADER} Session START {"sessionId":{"username":"${user}","app":{"appGsid":9}}}\n`;
    const symbols = async (): Promise<string[]> => ((await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } }, DEADLINE_MS)) ?? []).map((s) => s.name);
    let published = client.diagnostics(uri, () => true, DEADLINE_MS);
    client.open(uri, 'bluecedar-log', oneSession('first'));
    await published;
    assert.match((await symbols())[0], /first/);
    published = client.diagnostics(uri, () => true, DEADLINE_MS);
    client.open(uri, 'bluecedar-log', oneSession('second'));
    await published;
    assert.match((await symbols())[0], /second/, 'answers about the text opened last');
    void client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 1 },
      contentChanges: [{ text: oneSession('third') }],
    });
    assert.match((await symbols())[0], /third/, 'answers about the text after a change that kept the version');
    void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });
});

async function sizedRequest(client: TestClient, method: string, params: unknown): Promise<{ result: unknown; bytes: number }> {
  const result = await client.request<unknown>(method, params, 10_000);
  return { result, bytes: Buffer.byteLength(JSON.stringify(result)) };
}

