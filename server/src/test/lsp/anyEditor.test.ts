/**
 * The server as an editor other than VS Code uses it: documents arrive with whatever language id the
 * editor gives them (`log`, `text`, an empty one), and lenses run the server's own commands.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeLens, DocumentSymbol, Hover, Location, MarkupContent } from 'vscode-languageserver-protocol';
import { REQUESTS, SERVER_COMMANDS } from '../../service/formats/ids';
import { REPO_ROOT, startServer, TestClient, waitFor } from './lspClient';

const GATEWAY = fs.readFileSync(path.join(REPO_ROOT, 'samples', 'gateway.log'), 'utf8');
const AUDIT = fs.readFileSync(path.join(REPO_ROOT, 'samples', 'audit.log'), 'utf8');
const lines = (text: string): string[] => text.split('\n');
const lineOf = (text: string, needle: string): number => lines(text).findIndex((l) => l.includes(needle));

interface ServerInfo {
  pid: number;
  documents: number;
  formats: Record<string, { format: string | null; detected: boolean }>;
}

describe('documents opened with a language id that is not ours', () => {
  let client: TestClient;
  before(async () => {
    client = await startServer({}, { capabilities: { window: { showDocument: { support: true } } } });
  });
  after(() => client.stop());

  for (const languageId of ['log', 'plaintext', 'text', '']) {
    test(`a Blue Cedar log opened as '${languageId}' gets every feature`, async () => {
      const uri = `file:///tmp/any-editor/${languageId || 'empty'}/gateway.log`;
      const diagnostics = client.diagnostics(uri);
      client.open(uri, languageId, GATEWAY);
      const published = await diagnostics;
      assert.ok(published.some((d) => d.code === 'stop-without-start'), 'session checks ran');
      const line = lineOf(GATEWAY, 'Sev:Informational');
      const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: GATEWAY.split('\n')[line].indexOf('Sev') } });
      assert.match((hover!.contents as MarkupContent).value, /Severity/);
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.ok(symbols.some((s) => s.name.includes('jruser') || s.name.includes('akim')));
      const stopLine = lineOf(GATEWAY, 'Session STOP {"sessionId":{"username":"akim"');
      const definition = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: { line: stopLine, character: 2 } });
      assert.equal(definition.length, 1);
      assert.match(lines(GATEWAY)[definition[0].range.start.line + 1] + lines(GATEWAY)[definition[0].range.start.line], /Session START/);
      const info = await client.request<ServerInfo>(REQUESTS.serverInfo, null);
      assert.deepEqual(info.formats[uri], { format: 'bluecedar', detected: true });
      assert.ok(client.logs.some((m) => m.includes(uri) && /Blue Cedar/.test(m)), 'the detection is logged');
    });
  }

  test('an OAG audit log opened as plain text is recognised as OAG', async () => {
    const uri = 'file:///tmp/any-editor/audit.log';
    const diagnostics = client.diagnostics(uri);
    client.open(uri, 'text', AUDIT);
    await diagnostics;
    const info = await client.request<ServerInfo>(REQUESTS.serverInfo, null);
    assert.deepEqual(info.formats[uri], { format: 'oag', detected: true });
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(symbols.length > 0);
  });

  test('a text that is not a gateway log is left alone', async () => {
    const uri = 'file:///tmp/any-editor/notes.txt';
    const text = 'Shopping list\n{"json": [1, 2, 3]}\nOct  2 13:45:35 myhost sshd[1234]: Accepted publickey for admin\n';
    client.open(uri, 'text', text);
    // The server handles messages in order: once serverInfo answers, the open has been handled.
    const info = await client.request<ServerInfo>(REQUESTS.serverInfo, null);
    assert.deepEqual(info.formats[uri], { format: null, detected: true });
    assert.deepEqual(client.published(uri), [], 'no diagnostics for a document that is not ours');
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 2 } }), null);
    assert.equal(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), null);
    assert.ok(client.logs.some((m) => m.includes(uri) && /not a gateway log/.test(m)));
  });

  test('a document of our language id is not sniffed: the id decides', async () => {
    const uri = 'file:///tmp/any-editor/forced.log';
    const diagnostics = client.diagnostics(uri);
    client.open(uri, 'oag-log', 'just some words\n');
    await diagnostics;
    const info = await client.request<ServerInfo>(REQUESTS.serverInfo, null);
    assert.deepEqual(info.formats[uri], { format: 'oag', detected: false });
  });
});

describe('lenses run the server\'s own commands', () => {
  let client: TestClient;
  const uri = 'file:///tmp/any-editor/lenses/gateway.log';
  before(async () => {
    client = await startServer({}, { capabilities: { window: { showDocument: { support: true } } } });
    const diagnostics = client.diagnostics(uri);
    client.open(uri, 'log', GATEWAY);
    await diagnostics;
  });
  after(() => client.stop());

  test('the server advertises its commands, and no lens carries an empty one', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.ok(lenses.length > 10);
    for (const lens of lenses) {
      assert.ok(lens.command && Object.values(SERVER_COMMANDS).includes(lens.command.command as never), JSON.stringify(lens.command));
    }
  });

  test('a jump lens opens the document at the other end of the session (window/showDocument)', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const jump = lenses.find((l) => l.command!.command === SERVER_COMMANDS.revealEntry && /→ STOP/.test(l.command!.title))!;
    const [, targetLine] = jump.command!.arguments as [string, number];
    const before = client.shownDocuments.length;
    await client.request('workspace/executeCommand', { command: jump.command!.command, arguments: jump.command!.arguments });
    await waitFor(() => client.shownDocuments.length > before, 'a document shown');
    const shown = client.shownDocuments[client.shownDocuments.length - 1];
    assert.equal(shown.uri, uri);
    assert.equal(shown.selection!.start.line, targetLine);
    assert.match(lines(GATEWAY).slice(targetLine, targetLine + 2).join('\n'), /Session STOP/);
  });

  test('go to paired event from a STOP line shows its START', async () => {
    const stopLine = lineOf(GATEWAY, 'Session STOP {"sessionId":{"username":"akim"') - 1;
    const before = client.shownDocuments.length;
    await client.request('workspace/executeCommand', { command: SERVER_COMMANDS.goToPairedEvent, arguments: [uri, stopLine] });
    await waitFor(() => client.shownDocuments.length > before, 'a document shown');
    const target = client.shownDocuments[client.shownDocuments.length - 1].selection!.start.line;
    assert.match(lines(GATEWAY).slice(target, target + 2).join('\n'), /Session START\s+\{"sessionId":\{"username":"akim"/);
  });

  test('a lens that only informs describes the session in a message', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const info = lenses.find((l) => l.command!.command === SERVER_COMMANDS.describeSession)!;
    assert.match(info.command!.title, /no START in this file/);
    const before = client.messages.length;
    await client.request('workspace/executeCommand', { command: info.command!.command, arguments: info.command!.arguments });
    await waitFor(() => client.messages.length > before, 'a message shown');
    assert.match(client.messages[client.messages.length - 1], /^dpatel · .*\(no START in file\) → 22:46:20 · gsid 3120447815/);
  });

  test('commands with bad arguments answer null and do nothing', async () => {
    const before = client.shownDocuments.length + client.messages.length;
    for (const args of [[], [uri], [uri, -1], [uri, 1.5], [42, 3], ['file:///unknown.log', 'x']]) {
      assert.equal(await client.request('workspace/executeCommand', { command: SERVER_COMMANDS.revealEntry, arguments: args }), null);
    }
    await client.request(REQUESTS.serverInfo, null);
    assert.equal(client.shownDocuments.length + client.messages.length, before);
  });
});

describe('a client with a reveal command of its own (the VS Code client)', () => {
  test('lenses carry that command instead of the server\'s', async () => {
    const client = await startServer({}, { initializationOptions: { clientCommands: { revealEntry: 'myEditor.reveal' } } });
    try {
      const uri = 'file:///tmp/any-editor/vscode/gateway.log';
      const diagnostics = client.diagnostics(uri);
      client.open(uri, 'bluecedar-log', GATEWAY);
      await diagnostics;
      const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
      assert.ok(lenses.some((l) => l.command!.command === 'myEditor.reveal'));
      assert.ok(lenses.every((l) => l.command!.command === 'myEditor.reveal' || l.command!.command === SERVER_COMMANDS.describeSession));
    } finally {
      await client.stop();
    }
  });
});

