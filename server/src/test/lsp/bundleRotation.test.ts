/**
 * Log rotation through the real server, told of changes by the client's file watcher
 * (workspace/didChangeWatchedFiles): after logrotate renames the live log away and a new one grows,
 * after a copytruncate while the server was down, and while a log is written without pause, the
 * server's bundle must come to equal an index built from scratch of what is on disk.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REQUESTS } from '../../service/formats/ids';
import { blueCedarEntries } from '../unit/bundleFixtures';
import { freshIndex } from '../unit/indexDumps';
import { startServer, TestClient, waitFor } from './lspClient';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'glt-lsp-rotation-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Status {
  files: { path: string; entries: number }[];
  sessions: number;
  entries: number;
  indexing: boolean;
}

const WATCHING = { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } };

function start(dir: string, storage: string, settings: Record<string, unknown> = {}): Promise<TestClient> {
  return startServer(settings, { capabilities: WATCHING, workspaceFolders: [pathToFileURL(dir).href], initializationOptions: { bundle: { storagePath: storage } } });
}

/** What the server's bundle should say of these files: each file's entries and the sessions. */
async function expected(paths: readonly string[]): Promise<string> {
  const index = await freshIndex([...paths]);
  return JSON.stringify({ files: index.files.map((f) => `${path.basename(f.path)}:${f.entries.length}`).sort(), sessions: index.sessions.length });
}

function described(status: Status): string {
  return JSON.stringify({ files: status.files.map((f) => `${path.basename(f.path)}:${f.entries}`).sort(), sessions: status.sessions });
}

/** Polls the server's status until it says `want` (or the time is up, with the last status in the message). */
async function untilStatus(client: TestClient, want: string, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const status = await client.request<Status>(REQUESTS.bundleStatus, null);
    last = described(status);
    if (!status.indexing && last === want) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`${what}: the server's bundle is ${last}, a fresh index of the files is ${want}`);
}

function changed(client: TestClient, ...files: string[]): void {
  void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: files.map((f) => ({ uri: pathToFileURL(f).href, type: 2 })) });
}

test('rename-and-create, growth and a copytruncate while the server was down: the bundle equals a fresh index', async () => {
  const dir = path.join(tmp, 'rotate');
  const storage = path.join(tmp, 'rotate-storage');
  fs.mkdirSync(dir, { recursive: true });
  const entries = blueCedarEntries(600, 81);
  const live = path.join(dir, 'messages');
  const first = path.join(dir, 'messages.1');
  fs.writeFileSync(live, entries.slice(0, 200).join(''));
  let client = await start(dir, storage);
  try {
    await untilStatus(client, await expected([live]), 'first read');
    fs.renameSync(live, first);
    fs.writeFileSync(live, entries.slice(200, 260).join(''));
    changed(client, live, first);
    await untilStatus(client, await expected([first, live]), 'after rotation');
    fs.appendFileSync(live, entries.slice(260, 300).join(''));
    changed(client, live);
    await untilStatus(client, await expected([first, live]), 'after growth');
  } finally {
    await client.stop();
  }
  fs.copyFileSync(live, first);
  fs.truncateSync(live, 0);
  fs.appendFileSync(live, entries.slice(300, 600).join(''));
  client = await start(dir, storage);
  try {
    await untilStatus(client, await expected([first, live]), 'copytruncate while down, after a restart');
  } finally {
    await client.stop();
  }
});

test('a log written without pause is indexed as it grows, not only once the writes stop', async () => {
  const dir = path.join(tmp, 'busy');
  fs.mkdirSync(dir, { recursive: true });
  const entries = blueCedarEntries(400, 83);
  const live = path.join(dir, 'messages');
  fs.writeFileSync(live, entries.slice(0, 100).join(''));
  const client = await start(dir, path.join(tmp, 'busy-storage'));
  let writer: NodeJS.Timeout | undefined;
  try {
    await untilStatus(client, await expected([live]), 'first read');
    const before = (await client.request<Status>(REQUESTS.bundleStatus, null)).entries;
    // A busy gateway: a line every 100 ms, each write a watcher event, for as long as the test waits.
    let written = 100;
    writer = setInterval(() => {
      if (written < entries.length) {
        fs.appendFileSync(live, entries[written++]);
        changed(client, live);
      }
    }, 100);
    const deadline = Date.now() + 15_000;
    let seen = before;
    while (Date.now() < deadline && seen < before + 20) {
      seen = (await client.request<Status>(REQUESTS.bundleStatus, null)).entries;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(seen >= before + 20, `the bundle holds ${seen} entries while ${written} are written`);
  } finally {
    clearInterval(writer);
    await client.stop();
  }
});

test('a log added to the bundle from outside the workspace is watched, so its rotation is followed', async () => {
  const dir = path.join(tmp, 'added');
  const more = path.join(tmp, 'added-later');
  fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(more, { recursive: true });
  const entries = blueCedarEntries(300, 89);
  const live = path.join(dir, 'messages');
  const other = path.join(more, 'gateway.log');
  fs.writeFileSync(live, entries.slice(0, 150).join(''));
  fs.writeFileSync(other, entries.slice(150, 200).join(''));
  const client = await startServer({}, {
    capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } } },
    initializationOptions: { bundle: { storagePath: path.join(tmp, 'added-storage'), extraPaths: [live] } },
  });
  /** Whether the server asked the client to watch `file` (a pattern relative to its folder that names it). */
  const watched = (file: string): boolean => client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'
    && (r.registerOptions as { watchers: { globPattern: unknown }[] }).watchers.some(({ globPattern }) => {
      const g = globPattern as { baseUri?: string; pattern?: string };
      return g.baseUri === pathToFileURL(path.dirname(file)).href && (g.pattern === path.basename(file) || g.pattern === '**/*');
    }));
  try {
    await untilStatus(client, await expected([live]), 'first read');
    await waitFor(() => watched(live), 'watching the added file');
    await client.request(REQUESTS.bundleAdd, { paths: [more] });
    await untilStatus(client, await expected([live, other]), 'a folder added');
    await waitFor(() => watched(other), 'watching the added folder');
    fs.appendFileSync(live, entries.slice(200, 300).join(''));
    changed(client, live);
    await untilStatus(client, await expected([live, other]), 'the added file grew');
  } finally {
    await client.stop();
  }
});


test('the watchers follow the include setting: a changed setting replaces the patterns watched', async () => {
  const dir = path.join(tmp, 'include');
  fs.mkdirSync(dir, { recursive: true });
  const entries = blueCedarEntries(200, 97);
  const messages = path.join(dir, 'messages');
  const text = path.join(dir, 'gateway-export.txt');
  fs.writeFileSync(messages, entries.slice(0, 100).join(''));
  fs.writeFileSync(text, entries.slice(100).join(''));
  const settings = { bundle: { include: ['**/messages*'] } };
  const client = await start(dir, path.join(tmp, 'include-storage'), settings);
  /** The glob patterns of the workspace watchers in force. */
  const patterns = (): unknown[] => client.registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles')
    .flatMap((r) => (r.registerOptions as { watchers: { globPattern: unknown }[] }).watchers.map((w) => w.globPattern));
  try {
    await untilStatus(client, await expected([messages]), 'first read');
    await waitFor(() => patterns().includes('**/messages*'), 'watching messages');
    // The user changes the setting: the text export is a log of the bundle now, and is watched.
    settings.bundle.include = ['**/*.txt'];
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await untilStatus(client, await expected([text]), 'the new setting');
    await waitFor(() => patterns().includes('**/*.txt') && !patterns().includes('**/messages*'), 'watching only the new pattern');
    assert.equal(patterns().length, 1);
  } finally {
    await client.stop();
  }
});
