/**
 * The bundle through the real server: a workspace folder of rotated logs (one gzipped) is indexed in
 * the background; then a STOP in the newest file finds its START in an older one, the "no START in
 * this file" diagnostic is gone, Ctrl+T (workspace/symbol) finds a user's sessions in several files,
 * and a gzipped file is shown through a window with the START at the line the definition names.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeLens, Diagnostic, Hover, Location, MarkupContent, SymbolInformation } from 'vscode-languageserver-protocol';
import { SymbolKind } from 'vscode-languageserver-protocol';
import { REQUESTS } from '../../service/formats/ids';
import { bcReject, BcSession, bcStart, bcStop } from '../unit/helpers';
import { bundleIndexed, startServer, TestClient } from './lspClient';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glt-lsp-bundle-'));
const T = Date.UTC(2021, 10, 11, 9, 0, 0);
const akim: BcSession = { username: 'akim', appName: 'Docs', appGsid: 2109085776 };
const lena: BcSession = { username: 'lena', appName: 'Mail', appGsid: 2109085777 };

// messages.2.gz (oldest): akim's START; messages.1: lena's session and akim's second START; messages: akim's STOPs.
const files: Record<string, string> = {
  'messages.2': bcStart(T, akim) + bcStart(T + 1000, { ...lena, appGsid: 1 }) + bcStop(T + 2000, { ...lena, appGsid: 1, durationSeconds: 1 }),
  'messages.1': bcStart(T + 3_600_000, lena) + bcStop(T + 3_700_000, { ...lena, durationSeconds: 100 }) + bcStart(T + 3_800_000, { ...akim, appGsid: 42 })
    // Three REJECTs of mreyes here and two more in the next file: a burst only the bundle sees.
    + bcReject(T + 3_850_000, 'mreyes') + bcReject(T + 3_910_000, 'mreyes') + bcReject(T + 3_970_000, 'mreyes'),
  messages: bcStop(T + 7_200_000, { ...akim, durationSeconds: 7200 }) + bcStop(T + 7_300_000, { ...akim, appGsid: 42, durationSeconds: 3500 })
    + bcReject(T + 4_030_000, 'mreyes') + bcReject(T + 4_090_000, 'mreyes'),
};

describe('the bundle through the server', () => {
  let client: TestClient;
  const newest = path.join(dir, 'messages');
  const newestUri = pathToFileURL(newest).href;

  before(async () => {
    const { gzipSync } = await import('node:zlib');
    fs.writeFileSync(path.join(dir, 'messages.2.gz'), gzipSync(Buffer.from(files['messages.2'])));
    fs.writeFileSync(path.join(dir, 'messages.1'), files['messages.1']);
    fs.writeFileSync(newest, files.messages);
    client = await startServer({}, { workspaceFolders: [pathToFileURL(dir).href], initializationOptions: { bundle: { storagePath: path.join(dir, '.storage') } } });
    // Indexing runs in the background: wait until it has taken all three files.
    await bundleIndexed(client, 3);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a STOP whose START is in an older file: no "no START" diagnostic, and F12 reaches the START', async () => {
    const diagnostics = client.diagnostics(newestUri);
    client.open(newestUri, 'bluecedar-log', files.messages);
    const published: Diagnostic[] = await diagnostics;
    assert.deepEqual(published.filter((d) => d.code === 'stop-without-start'), [], JSON.stringify(published));
    const definition = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: newestUri }, position: { line: 0, character: 2 } });
    assert.equal(definition.length, 1);
    // The START is in the gzipped file: a window onto it, with the START at the line given.
    assert.match(definition[0].uri, /^gateway-log-window:.*messages\.2\.gz\.bluecedar-log\?line=0$/);
    const window = await client.request<{ text: string }>(REQUESTS.bundleWindow, { uri: definition[0].uri });
    const lines = window.text.split('\n');
    assert.match(lines[definition[0].range.start.line] + lines[definition[0].range.start.line + 1], /Session START .*"akim"/);
    // The second STOP's START is in the plain older file: its own URI.
    const second = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: newestUri }, position: { line: 2, character: 2 } });
    assert.equal(second[0].uri, pathToFileURL(path.join(dir, 'messages.1')).href);
    assert.match(files['messages.1'].split('\n')[second[0].range.start.line + 1], /Session START .*"akim"/);
  });

  test('the STOP\'s CodeLens and hover name the file of its START', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: newestUri } });
    assert.ok(lenses.some((l) => /^← START in messages\.2\.gz \(line 1, 09:00:00\)/.test(l.command!.title)), JSON.stringify(lenses.map((l) => l.command!.title)));
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: newestUri }, position: { line: 1, character: 3 } });
    assert.match((hover.contents as MarkupContent).value, /In the bundle[\s\S]*START: in `messages\.2\.gz`, line 1/);
  });

  test('workspace symbols find a user\'s sessions in every file, the newest first', async () => {
    const symbols = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'akim' });
    assert.equal(symbols.length, 2);
    assert.ok(symbols.every((s) => /^akim · Docs/.test(s.name)));
    assert.deepEqual(symbols.map((s) => s.containerName!.split(' · ')[0]), ['messages.1', 'messages.2.gz']);
    const byGsid = await client.request<SymbolInformation[]>('workspace/symbol', { query: '2109085777' });
    assert.equal(byGsid.length, 1);
    assert.match(byGsid[0].name, /^lena/);
  });

  test('workspace symbols find someone who was only rejected: each rejection outside sessions, the newest first', async () => {
    const symbols = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'mreyes' });
    assert.equal(symbols.length, 5, JSON.stringify(symbols.map((s) => s.name)));
    assert.ok(symbols.every((s) => s.kind === SymbolKind.Event && /^mreyes · rejected: Attempting login with jailbroken device$/.test(s.name)));
    assert.deepEqual(symbols.map((s) => s.containerName!.split(' · ')[0]), ['messages', 'messages', 'messages.1', 'messages.1', 'messages.1']);
    // Each leads to its Policy REJECT.
    const [newestReject] = symbols;
    assert.equal(newestReject.location.uri, newestUri);
    assert.match(files.messages.split('\n')[newestReject.location.range.start.line + 1], /Policy REJECT .*"mreyes"/);
  });

  test('the Sessions tree: days, then users, then sessions with where they start', async () => {
    const days = await client.request<{ id: string; label: string; count: number }[]>(REQUESTS.bundleTree, {});
    assert.deepEqual(days.map((d) => [d.label, d.count]), [['2021-11-11', 4]]);
    const users = await client.request<{ id: string; label: string; count: number }[]>(REQUESTS.bundleTree, { parent: days[0].id });
    assert.deepEqual(users.map((u) => [u.label, u.count]), [['akim', 2], ['lena', 2]]);
    const sessions = await client.request<{ label: string; description: string; location: { uri: string; line: number } }[]>(REQUESTS.bundleTree, { parent: users[0].id });
    assert.equal(sessions.length, 2);
    assert.equal(sessions[0].label, '09:00:00 → 11:00:00');
    assert.match(sessions[0].description, /^Docs · akim's phone · 2 h · 2 events/);
    assert.match(sessions[0].location.uri, /messages\.2\.gz/);
  });

  test('the Sessions tree filters by text and by a time range typed as the log writes it', async () => {
    const count = async (query: string): Promise<string[]> => {
      const [day] = await client.request<{ id: string }[]>(REQUESTS.bundleTree, { filter: { query } });
      const users = day ? await client.request<{ label: string; count: number }[]>(REQUESTS.bundleTree, { parent: day.id, filter: { query } }) : [];
      return users.map((u) => `${u.label} ${u.count}`);
    };
    assert.deepEqual(await count('lena'), ['lena 2']);
    assert.deepEqual(await count('2021-11-11 10:00 to 10:30'), ['akim 1', 'lena 1']);
    assert.deepEqual(await count('akim from 2021-11-11 10:00 to 10:30'), ['akim 1']);
    assert.deepEqual(await count('nobody'), []);
  });

  test('a burst of REJECTs split over two files is a finding on the first file, with evidence in both', async () => {
    const olderUri = pathToFileURL(path.join(dir, 'messages.1')).href;
    const published = client.diagnostics(olderUri, (d) => d.some((x) => x.code === 'finding-failure-burst'));
    client.open(olderUri, 'bluecedar-log', files['messages.1']);
    const burst = (await published).find((d) => d.code === 'finding-failure-burst')!;
    assert.match(burst.message, /across the bundle's files/);
    assert.deepEqual([...new Set(burst.relatedInformation!.map((r) => path.basename(new URL(r.location.uri).pathname)))].sort(), ['messages', 'messages.1']);
  });

  test('the bundle\'s timeline has every file\'s sessions and marks, and locates their entries', async () => {
    const timeline = await client.request<{ sessions: { user: string; file?: string; line: number }[]; marks: { kind: string }[]; findings: unknown[] }>(REQUESTS.bundleTimeline, {});
    assert.deepEqual(timeline.sessions.map((s) => s.user).sort(), ['akim', 'akim', 'lena', 'lena']);
    assert.equal(timeline.marks.filter((m) => m.kind === 'reject').length, 5);
    assert.ok(timeline.findings.length >= 1);
    const oldest = timeline.sessions.find((s) => s.file?.endsWith('messages.2.gz'))!;
    const at = await client.request<{ uri: string; line: number }>(REQUESTS.bundleLocate, { path: oldest.file, line: oldest.line });
    assert.match(at.uri, /^gateway-log-window:/);
  });
});

describe('file names of the bundle where the editor shows them', () => {
  // A name that reads backwards from its bidi control on, and (where names may hold them) line breaks
  // that would start a heading of the hover's markdown. Only the bundle names it: the STOP is elsewhere.
  const name = process.platform === 'win32' ? 'messages.1\u202Ezg.tnemyap' : 'messages.1\u202Ezg\n\n# All sessions are fine\n';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glt-lsp-names-'));
  const newest = path.join(dir, 'messages');
  const newestUri = pathToFileURL(newest).href;
  const stop = bcStop(T + 7_200_000, { ...akim, durationSeconds: 7200 });
  let client: TestClient;

  before(async () => {
    fs.writeFileSync(path.join(dir, name), bcStart(T, akim));
    fs.writeFileSync(newest, stop);
    client = await startServer({}, { workspaceFolders: [pathToFileURL(dir).href] });
    await bundleIndexed(client, 2);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the CodeLens and the hover of a STOP write the START\'s file name out, on one line', async () => {
    client.open(newestUri, 'bluecedar-log', stop);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: newestUri } });
    const lens = lenses.map((l) => l.command!.title).find((t) => t.startsWith('← START in '));
    assert.ok(lens, JSON.stringify(lenses.map((l) => l.command!.title)));
    assert.ok(lens.startsWith('← START in messages.1\\u202Ezg'), lens);
    assert.doesNotMatch(lens, /[\u202E\n]/);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: newestUri }, position: { line: 1, character: 3 } });
    const value = (hover.contents as MarkupContent).value;
    const note = value.slice(value.indexOf('**In the bundle**'));
    assert.match(note, /^\*\*In the bundle\*\*\n- START: in `messages\.1\\u202Ezg[^`\n]*`, line 1, /);
    assert.doesNotMatch(note, /[\u202E]|\n#/);
  });
});
