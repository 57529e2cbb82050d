/**
 * Filtered views through the real server: a view of one session of an open log (its text, its lines
 * back to the original, hover, F12 within the view and from an entry's time to the original, hints,
 * lenses, export), following edits of the log; views of files on disk from the bundle index (a
 * session across rotated files, one gzipped) and from a scan (text clauses), in parts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeLens, Diagnostic, Hover, InlayHint, InlayHintLabelPart, Location, MarkupContent } from 'vscode-languageserver-protocol';
import { FilterClause, parseViewUri, ViewSpec } from '../../service/formats/filterSpec';
import { NOTIFICATIONS, REQUESTS } from '../../service/formats/ids';
import { bundleIndexed, startServer, REPO_ROOT, TestClient } from './lspClient';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glt-lsp-filter-'));
const gatewayText = fs.readFileSync(path.join(REPO_ROOT, 'samples', 'gateway.log'), 'utf8');
const gatewayPath = path.join(dir, 'gateway.log');
const gatewayUri = pathToFileURL(gatewayPath).href;
const rotated = path.join(dir, 'rotated');

interface Context {
  session?: FilterClause;
  user?: string;
  source: ViewSpec['source'];
  sourceName: string;
  sourceLine: number;
  format: 'bluecedar' | 'oag';
}

function linesOf(text: string): string[] {
  return text.split(/\r?\n/);
}

function hintText(hint: InlayHint): string {
  return typeof hint.label === 'string' ? hint.label : hint.label.map((p: InlayHintLabelPart) => p.value).join('');
}

describe('filtered views through the server', () => {
  let client: TestClient;
  const changed: { uris: string[]; textChanged: boolean }[] = [];

  before(async () => {
    fs.writeFileSync(gatewayPath, gatewayText);
    fs.mkdirSync(rotated);
    for (const name of ['messages', 'messages.1', 'messages.2.gz']) {
      fs.copyFileSync(path.join(REPO_ROOT, 'samples', 'rotated', name), path.join(rotated, name));
    }
    client = await startServer({}, {
      workspaceFolders: [pathToFileURL(dir).href],
      initializationOptions: {
        bundle: { storagePath: path.join(dir, '.storage') },
        clientCommands: { revealEntry: 'test.reveal', filterShowSession: 'test.showSession', filterNextPage: 'test.next', filterPreviousPage: 'test.previous', filterLog: 'test.edit' },
        filter: { partLimits: { maxLines: 150 } },
      },
    });
    client.connection.onNotification(NOTIFICATIONS.filterChanged, (params: { uris: string[]; textChanged: boolean }) => changed.push(params));
    await bundleIndexed(client, 4);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const stopLine = linesOf(gatewayText).findIndex((l) => l.startsWith('Session STOP {"sessionId":{"username":"akim"')) - 1;

  async function openSessionView(): Promise<{ uri: string; line: number; text: string }> {
    const diagnostics = client.diagnostics(gatewayUri);
    client.open(gatewayUri, 'bluecedar-log', gatewayText);
    await diagnostics;
    const context = await client.request<Context>(REQUESTS.filterContext, { uri: gatewayUri, line: stopLine + 1 });
    assert.equal(context.user, 'akim');
    assert.deepEqual(context.source, { kind: 'document', uri: gatewayUri });
    assert.equal(context.sourceLine, stopLine, 'the entry holding the line starts on its header');
    assert.equal(context.session?.type, 'session');
    const opened = await client.request<{ uri: string; line: number }>(REQUESTS.filterOpen, {
      spec: { source: context.source, clauses: [context.session], page: 0, format: context.format }, line: context.sourceLine,
    });
    const { text } = await client.request<{ text: string }>(REQUESTS.filterText, { uri: opened.uri });
    return { ...opened, text };
  }

  test('one session of an open log: exactly its events, each line the original\'s, the STOP where the cursor was', async () => {
    const { uri, line, text } = await openSessionView();
    assert.match(decodeURIComponent(uri), /^gateway-log-view:\/gateway\.log \(session “akim · Field Service · ios”\)\.bluecedar-log\?/);
    const lines = linesOf(text);
    assert.equal(lines[line], linesOf(gatewayText)[stopLine], 'the view opens on the line the command was run from');
    const headers = lines.filter((l) => /^[A-Z][a-z]{2} [ \d]\d 2021 /.test(l));
    assert.equal(headers.length, 5, headers.join('\n'));
    assert.ok(headers.every((h) => /EID: 2109085776|EID: 0, Type: Acct/.test(h)), 'linked by EID, or the START and STOP');
    for (let l = 0; l < lines.length; l++) {
      const origin = await client.request<{ uri: string; line: number } | { error: string }>(REQUESTS.filterOriginal, { uri, line: l });
      if (lines[l] === '') {
        continue;
      }
      assert.ok('uri' in origin, JSON.stringify(origin));
      assert.equal(origin.uri, gatewayUri);
      assert.equal(linesOf(gatewayText)[origin.line], lines[l], `view line ${l}`);
    }
  });

  test('in the view: diagnostics, hover, F12 between START and STOP, F12 on a time to the original, hints and lenses', async () => {
    const { uri, text } = await openSessionView();
    const diagnostics = client.diagnostics(uri);
    client.open(uri, 'bluecedar-log', text);
    const published: Diagnostic[] = await diagnostics;
    assert.deepEqual(published.filter((d) => d.severity! <= 2), [], 'no errors or warnings in a clean session');
    const lines = linesOf(text);
    const stop = lines.findIndex((l) => l.startsWith('Session STOP'));
    const start = lines.findIndex((l) => l.startsWith('Session START'));
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: stop - 1, character: lines[stop - 1].indexOf('Sev:') + 1 } });
    assert.match((hover.contents as MarkupContent).value, /Severity/);
    const toStart = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: { line: stop, character: 3 } });
    assert.deepEqual(toStart.map((l) => [l.uri, l.range.start.line]), [[uri, start - 1]]);
    const toOriginal = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: { line: stop - 1, character: 2 } });
    assert.deepEqual(toOriginal.map((l) => [l.uri, l.range.start.line]), [[gatewayUri, stopLine]]);
    // Elsewhere on the header, F12 is what it is in any log: the other end of the session, in the view.
    const fromHeader = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: { line: stop - 1, character: lines[stop - 1].indexOf('[AAA]') + 1 } });
    assert.deepEqual(fromHeader.map((l) => [l.uri, l.range.start.line]), [[uri, start - 1]]);
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } } });
    const origins = hints.map(hintText).filter((h) => h.startsWith('⟵ gateway.log:'));
    assert.equal(origins.length, 5);
    assert.ok(origins.includes(`⟵ gateway.log:${stopLine + 1}`), origins.join(', '));
    const gaps = hints.map(hintText).filter((h) => /^⋯ \d+ entr(y|ies) skipped ⋯$/.test(h));
    assert.ok(gaps.length >= 2, hints.map(hintText).join('\n'));
    const part = (hints.find((h) => hintText(h) === `⟵ gateway.log:${stopLine + 1}`)!.label as InlayHintLabelPart[])[1];
    assert.deepEqual(part.command?.arguments, [gatewayUri, stopLine]);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.match(lenses[0].command!.title, /^Filter: session “akim · Field Service · ios” · 5 of \d+ entries$/);
    assert.equal(lenses[0].command!.command, 'test.edit');
  });

  test('a view of STOPs only does not report them as STOPs without STARTs (a selection leaves the STARTs out)', async () => {
    const opened = await client.request<{ uri: string }>(REQUESTS.filterOpen, { spec: { source: { kind: 'document', uri: gatewayUri }, clauses: [{ type: 'kind', kinds: ['sessionStop'] }], page: 0, format: 'bluecedar' } });
    const { text } = await client.request<{ text: string }>(REQUESTS.filterText, { uri: opened.uri });
    const diagnostics = client.diagnostics(opened.uri);
    client.open(opened.uri, 'bluecedar-log', text);
    const published: Diagnostic[] = await diagnostics;
    assert.ok(linesOf(text).filter((l) => l.startsWith('Session STOP')).length >= 3);
    assert.deepEqual(published.filter((d) => d.code === 'stop-without-start'), []);
    // The same text as an ordinary document does get them: the view drops them on purpose.
    const plain = 'untitled:stops';
    const plainDiagnostics = client.diagnostics(plain);
    client.open(plain, 'bluecedar-log', text);
    assert.ok((await plainDiagnostics).some((d) => d.code === 'stop-without-start'));
  });

  test('"only this session" lenses beside each START and STOP of a log', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: gatewayUri } });
    const only = lenses.filter((l) => l.command?.command === 'test.showSession');
    assert.ok(only.length > 0);
    assert.ok(only.some((l) => l.range.start.line === stopLine && l.command!.arguments![1] === stopLine));
  });

  test('export: NDJSON with the parsed fields, CSV, and never onto the log', async () => {
    const { uri } = await openSessionView();
    const target = path.join(dir, 'akim.ndjson');
    const result = await client.request<{ entries: number }>(REQUESTS.filterExport, { uri, path: target, as: 'ndjson' });
    assert.equal(result.entries, 5);
    const records = fs.readFileSync(target, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(records.map((r) => r.kind), ['other', 'other', 'sessionStart', 'sessionStop', 'other']);
    const stop = records[3];
    assert.equal(stop.line, stopLine + 1);
    assert.equal(stop.user, 'akim');
    assert.equal(stop.session, '2109085776');
    assert.equal(stop.fields['sessionId.durationSeconds'], '437');
    assert.equal(stop.text.split('\n')[0], linesOf(gatewayText)[stopLine]);
    const csv = path.join(dir, 'akim.csv');
    await client.request(REQUESTS.filterExport, { uri, path: csv, as: 'csv' });
    assert.match(fs.readFileSync(csv, 'utf8').split('\n')[0], /^file,line,time,severity,component,event,kind,session,user/);
    const refused = await client.request<{ error: string }>(REQUESTS.filterExport, { uri, path: gatewayPath, as: 'log' });
    assert.match(refused.error, /the log itself/);
    assert.equal(fs.readFileSync(gatewayPath, 'utf8'), gatewayText);
  });

  test('export: never onto the log through another name of it (a link), and a target it cannot write is an error', async () => {
    const { uri } = await openSessionView();
    const links = [path.join(dir, 'hard-link.log')];
    fs.linkSync(gatewayPath, links[0]);
    try {
      fs.symlinkSync(gatewayPath, path.join(dir, 'soft-link.log'));
      links.push(path.join(dir, 'soft-link.log'));
    } catch {
      // A file system (or a Windows account) without symbolic links: the hard link is enough.
    }
    for (const link of links) {
      const refused = await client.request<{ error?: string; entries?: number }>(REQUESTS.filterExport, { uri, path: link, as: 'csv' });
      assert.match(refused.error ?? '', /the log itself/, link);
      assert.equal(fs.readFileSync(gatewayPath, 'utf8'), gatewayText, `${link}: the log is untouched`);
      fs.rmSync(link);
    }
    // A folder, or a file in a folder that does not exist: nothing is written, and the answer says so.
    for (const target of [dir, path.join(dir, 'no such folder', 'out.csv')]) {
      const failed = await client.request<{ error?: string; entries?: number }>(REQUESTS.filterExport, { uri, path: target, as: 'csv' });
      assert.equal(failed.entries, undefined, `${target}: no count of entries written`);
      assert.match(failed.error ?? '', /Could not write/, target);
    }
  });

  test('a view follows edits of its log', async () => {
    const { uri } = await openSessionView();
    changed.length = 0;
    const edited = gatewayText.replace('Removing tunnel interface vt3', 'Removing tunnel interface vt9');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: gatewayUri, version: 2 }, contentChanges: [{ text: edited }] });
    const names = (c: { uris: string[] }): boolean => c.uris.some((u) => JSON.stringify(parseViewUri(u)) === JSON.stringify(parseViewUri(uri)));
    for (let i = 0; i < 100 && !changed.some((c) => c.textChanged && names(c)); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const note = changed.find((c) => c.textChanged && names(c));
    assert.ok(note, 'the server says the view changed');
    // Every view of that log is named (other tests left views of it open too).
    assert.ok(note.uris.some((u) => JSON.stringify(parseViewUri(u)) === JSON.stringify(parseViewUri(uri))), JSON.stringify(note.uris));
    assert.ok(note.uris.every((u) => { const spec = parseViewUri(u); return spec?.source.kind === 'document' && spec.source.uri === gatewayUri; }));
    const { text } = await client.request<{ text: string }>(REQUESTS.filterText, { uri });
    assert.match(text, /Removing tunnel interface vt9/);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: gatewayUri, version: 3 }, contentChanges: [{ text: gatewayText }] });
  });

  test('a session across rotated files, from the bundle index: its events in both files, the gzipped one through a window', async () => {
    const older = pathToFileURL(path.join(rotated, 'messages.1')).href;
    const lines1 = linesOf(fs.readFileSync(path.join(rotated, 'messages.1'), 'utf8'));
    const stop = lines1.findIndex((l) => l.includes('"username":"nkowalski"')) - 1;
    // The file is not open: the server answers from the index.
    const context = await client.request<Context>(REQUESTS.filterContext, { uri: older, line: stop });
    assert.deepEqual(context.source, { kind: 'file', uri: older });
    const opened = await client.request<{ uri: string }>(REQUESTS.filterOpen, { spec: { source: { kind: 'bundle', format: 'bluecedar' }, clauses: [context.session], page: 0, format: 'bluecedar' } });
    const { text } = await client.request<{ text: string }>(REQUESTS.filterText, { uri: opened.uri });
    const lines = linesOf(text);
    const headers = lines.map((l, i) => [l, i] as const).filter(([l]) => /^Nov  1 2021 /.test(l));
    assert.equal(headers.length, 6);
    const places = [];
    for (const [, i] of headers) {
      places.push(await client.request<{ uri: string; line: number; name: string }>(REQUESTS.filterOriginal, { uri: opened.uri, line: i }));
    }
    assert.deepEqual(places.map((p) => p.name), ['messages.2.gz', 'messages.2.gz', 'messages.2.gz', 'messages.1', 'messages.1', 'messages.1']);
    assert.match(places[0].uri, /^gateway-log-window:.*messages\.2\.gz\.bluecedar-log\?line=/);
    const window = await client.request<{ text: string }>(REQUESTS.bundleWindow, { uri: places[0].uri });
    assert.equal(linesOf(window.text)[places[0].line], lines[headers[0][1]]);
    assert.equal(places[3].uri, older);
  });

  test('a text clause on a gzipped file: a scan of the file, every part of it, the same entries as the index has', async () => {
    const gz = pathToFileURL(path.join(rotated, 'messages.2.gz')).href;
    const spec = { source: { kind: 'file', uri: gz }, clauses: [{ type: 'text', pattern: 'tunnel interface' }], page: 0, format: 'bluecedar' };
    const opened = await client.request<{ uri: string }>(REQUESTS.filterOpen, { spec });
    const { text } = await client.request<{ text: string }>(REQUESTS.filterText, { uri: opened.uri });
    const all = linesOf(await (async () => (await import('node:zlib')).gunzipSync(fs.readFileSync(path.join(rotated, 'messages.2.gz'))).toString('utf8'))());
    const expected = all.filter((l) => l.includes('tunnel interface'));
    assert.deepEqual(linesOf(text).filter((l) => l !== ''), expected);
    const info = await client.request<{ kind: string; matched: number; complete: boolean }>(REQUESTS.filterInfo, { uri: opened.uri });
    assert.equal(info.kind, 'scan');
    assert.equal(info.matched, expected.length);
  });

  test('a view of a file that grows: after a refresh it shows the new entries; exported as the log\'s own text', async () => {
    const growing = path.join(dir, 'growing.log');
    const first = gatewayText.split('\n').slice(0, 29).join('\n') + '\n';
    fs.writeFileSync(growing, first);
    const spec = { source: { kind: 'file', uri: pathToFileURL(growing).href }, clauses: [{ type: 'text', pattern: 'grows' }], page: 0, format: 'bluecedar' };
    const opened = await client.request<{ uri: string }>(REQUESTS.filterOpen, { spec });
    assert.equal((await client.request<{ text: string }>(REQUESTS.filterText, { uri: opened.uri })).text.trim(), '');
    const added = 'Oct 31 2021 23:59:00 bcgw-prod-01 Mocana: [AAA], SubCls:999, EID: 0, Type: General, Sev:Informational, the log grows';
    fs.appendFileSync(growing, `${added}\n`);
    await client.request(REQUESTS.filterRefresh, { uri: opened.uri }, 30_000);
    const { text } = await client.request<{ text: string }>(REQUESTS.filterText, { uri: opened.uri });
    assert.deepEqual(linesOf(text).filter((l) => l !== ''), [added]);
    const target = path.join(dir, 'grows.log');
    const result = await client.request<{ entries: number }>(REQUESTS.filterExport, { uri: opened.uri, path: target, as: 'log' });
    assert.equal(result.entries, 1);
    assert.equal(fs.readFileSync(target, 'utf8'), `${added}\n`);
  });

  test('a log too long for one part: parts of at most the limit, each entry in exactly one, the same through the index and a scan', async () => {
    const collect = async (clauses: FilterClause[]): Promise<{ headers: string[]; kind: string; parts: number }> => {
      const spec = { source: { kind: 'file', uri: pathToFileURL(path.join(rotated, 'messages.1')).href }, clauses, page: 0, format: 'bluecedar' as const };
      const headers: string[] = [];
      let parts = 0;
      let kind = '';
      for (let page = 0; page < 50; page++) {
        const opened = await client.request<{ uri: string }>(REQUESTS.filterOpen, { spec: { ...spec, page } });
        const uri = opened.uri.replace(/\?.*$/, '') + '?' + Buffer.from(JSON.stringify({ ...spec, page })).toString('base64url');
        const answer = await client.request<{ text?: string; error?: string }>(REQUESTS.filterText, { uri });
        if (answer.error) {
          break;
        }
        parts++;
        const lines = linesOf(answer.text!);
        assert.ok(lines.length <= 151, `part ${page}: ${lines.length} lines`);
        headers.push(...lines.filter((l) => /^Nov  1 2021 /.test(l)));
        const info = await client.request<{ kind: string; complete: boolean; parts: number }>(REQUESTS.filterInfo, { uri });
        kind = info.kind;
      }
      return { headers, kind, parts };
    };
    const byIndex = await collect([{ type: 'severity', min: 'debug' }]);
    const byScan = await collect([{ type: 'text', pattern: ' 2021 ' }]);
    assert.equal(byIndex.kind, 'rows');
    assert.equal(byScan.kind, 'scan');
    const expected = linesOf(fs.readFileSync(path.join(rotated, 'messages.1'), 'utf8')).filter((l) => /^Nov  1 2021 /.test(l));
    assert.deepEqual(byIndex.headers, expected);
    assert.deepEqual(byScan.headers, expected);
  });
});
