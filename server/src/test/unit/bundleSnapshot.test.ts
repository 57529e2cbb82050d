/**
 * The bundle snapshot: the whole index in one file, from which a reopened workspace starts. Every
 * file it holds is checked on disk first; what changed since is read again (or from where it grew),
 * and the result always equals an index built from scratch.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { BundleBuilder } from '../../bundle/bundleBuilder';
import { loadSnapshot } from '../../bundle/bundleSnapshot';
import { BundleService, DEFAULT_BUNDLE_SETTINGS } from '../../bundle/bundleService';
import { BundleIndex } from '../../service/index/bundleIndex';
import { StringTable } from '../../service/index/strings';
import { blueCedarEntries, oagEntries, rotate, writeBundle } from './bundleFixtures';
import { NOW } from './helpers';
import { dumpIndex, freshIndex } from './indexDumps';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'glt-snapshot-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A bundle indexed with a cache folder and its snapshot written; the per-file indexes removed unless `keepFiles`. */
async function snapshotOf(name: string, paths: string[], keepFiles = false): Promise<string> {
  const cache = path.join(tmp, `${name}-cache`);
  const builder = new BundleBuilder(new BundleIndex(), undefined, cache);
  await builder.sync(paths, { now: NOW });
  assert.equal(await builder.saveSnapshot(), true);
  if (!keepFiles) {
    for (const file of fs.readdirSync(cache).filter((f) => f.endsWith('.gli'))) {
      fs.rmSync(path.join(cache, file));
    }
  }
  return cache;
}

/** A bundle index that tells whether it took its sessions from a snapshot. */
class WatchedIndex extends BundleIndex {
  adopted = false;

  override adoptSessions(sessions: Parameters<BundleIndex['adoptSessions']>[0]): void {
    this.adopted = true;
    super.adoptSessions(sessions);
  }
}

async function reopen(cache: string, paths: string[]): Promise<{ index: WatchedIndex; how: string[]; bytes: number }> {
  const index = new WatchedIndex();
  const result = await new BundleBuilder(index, undefined, cache).sync(paths, { now: NOW });
  return { index, how: paths.map((p) => result.how.get(p) ?? 'none'), bytes: result.bytes };
}

test('reopening starts from the snapshot: no log and no per-file index is read, and the index is the same', async () => {
  const dir = path.join(tmp, 'whole');
  const paths = writeBundle(dir, rotate(blueCedarEntries(300, 3), 3, 'messages', { gzipEvery: 2 }));
  const cache = await snapshotOf('whole', paths);
  const { index, how, bytes } = await reopen(cache, paths);
  assert.deepEqual(how, ['snapshot', 'snapshot', 'snapshot']);
  assert.equal(bytes, 0);
  assert.ok(index.adopted, 'the sessions are the snapshot\'s, not paired again');
  assert.deepEqual(dumpIndex(index), dumpIndex(await freshIndex(paths)));
});

test('strings of a snapshot are found by value, and a file added later pairs with its sessions', async () => {
  const dir = path.join(tmp, 'added');
  const files = rotate(blueCedarEntries(300, 17), 3, 'messages');
  const all = writeBundle(dir, files);
  const first = all.slice(0, 2);
  const cache = await snapshotOf('added', first);
  const { index } = await reopen(cache, first);
  const key = index.files[0].entries.key.find((id) => id >= 0)!;
  assert.equal(index.strings.find(index.strings.get(key)!), key);
  await new BundleBuilder(index, undefined, cache).sync(all, { now: NOW });
  assert.deepEqual(dumpIndex(index), dumpIndex(await freshIndex(all)));
});

test('a file changed since the snapshot with the same size and time is read again', async () => {
  const dir = path.join(tmp, 'changed');
  const paths = writeBundle(dir, rotate(oagEntries(200, 8), 2, 'audit.log'));
  // A whole second, which every file system keeps exactly.
  const time = new Date(Date.UTC(2021, 8, 15));
  fs.utimesSync(paths[1], time, time);
  const cache = await snapshotOf('changed', paths);
  // Same length, other content, the modification time put back: only the blocks tell.
  const stat = fs.statSync(paths[1]);
  const text = fs.readFileSync(paths[1], 'latin1');
  fs.writeFileSync(paths[1], text.replace(/USER_LOGOUT/g, 'USER_LOGOFF'), 'latin1');
  fs.utimesSync(paths[1], time, time);
  assert.equal(fs.statSync(paths[1]).size, stat.size);
  assert.equal(fs.statSync(paths[1]).mtimeMs, stat.mtimeMs);
  const { index, how } = await reopen(cache, paths);
  assert.deepEqual(how, ['snapshot', 'read']);
  assert.equal(index.adopted, false);
  assert.deepEqual(dumpIndex(index), dumpIndex(await freshIndex(paths)));
});

test('a file grown since the snapshot is read from where it grew; a rotated one keeps its index', async () => {
  const dir = path.join(tmp, 'grown');
  const entries = blueCedarEntries(300, 29);
  const paths = writeBundle(dir, rotate(entries.slice(0, 200), 2, 'messages'));
  const cache = await snapshotOf('grown', paths);
  fs.appendFileSync(paths[1], entries.slice(200, 250).join(''));
  const grown = await reopen(cache, paths);
  assert.deepEqual(grown.how, ['snapshot', 'grown']);
  assert.ok(grown.bytes < fs.statSync(paths[1]).size / 2, `read ${grown.bytes} bytes, not the whole file`);
  assert.deepEqual(dumpIndex(grown.index), dumpIndex(await freshIndex(paths)));
  // logrotate: messages -> messages.1 (whose content the snapshot knows), a new messages.
  const rotated = [path.join(dir, 'messages.2'), path.join(dir, 'messages.1'), path.join(dir, 'messages')];
  const cache2 = await snapshotOf('rotated', paths);
  fs.renameSync(paths[0], rotated[0]);
  fs.renameSync(paths[1], rotated[1]);
  fs.writeFileSync(rotated[2], entries.slice(250).join(''));
  const after = await reopen(cache2, rotated);
  assert.deepEqual(after.how, ['renamed', 'renamed', 'read']);
  assert.deepEqual(dumpIndex(after.index), dumpIndex(await freshIndex(rotated)));
});

test('a file of the snapshot no longer listed leaves the bundle, and the others are paired again', async () => {
  const dir = path.join(tmp, 'left');
  const paths = writeBundle(dir, rotate(blueCedarEntries(300, 71), 3, 'messages'));
  const cache = await snapshotOf('left', paths);
  const kept = [paths[0], paths[2]];
  const { index, how } = await reopen(cache, kept);
  assert.deepEqual(how, ['snapshot', 'snapshot']);
  assert.equal(index.adopted, false);
  assert.deepEqual(dumpIndex(index), dumpIndex(await freshIndex(kept)));
});

test('what an interrupted write left over an hour ago is removed when a bundle starts', async () => {
  const dir = path.join(tmp, 'stale');
  const paths = writeBundle(dir, rotate(blueCedarEntries(60, 81), 2, 'messages'));
  const cache = await snapshotOf('stale', paths);
  const old = path.join(cache, 'bundle.glb.4242.tmp');
  const recent = path.join(cache, 'bundle.glb.4343.tmp');
  fs.writeFileSync(old, 'half a snapshot');
  fs.writeFileSync(recent, 'a snapshot being written');
  const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
  fs.utimesSync(old, twoHoursAgo, twoHoursAgo);
  const { how } = await reopen(cache, paths);
  assert.deepEqual(how, ['snapshot', 'snapshot']);
  assert.equal(fs.existsSync(old), false);
  assert.equal(fs.existsSync(recent), true, 'a write that may still be going on is left alone');
});

test('a damaged snapshot is ignored: the per-file indexes are used', async () => {
  const dir = path.join(tmp, 'damaged');
  const paths = writeBundle(dir, rotate(blueCedarEntries(200, 41), 2, 'messages'));
  const cache = await snapshotOf('damaged', paths, true);
  const file = path.join(cache, 'bundle.glb');
  fs.writeFileSync(file, fs.readFileSync(file).subarray(0, fs.statSync(file).size - 100));
  const { index, how } = await reopen(cache, paths);
  assert.deepEqual(how, ['cached', 'cached']);
  assert.deepEqual(dumpIndex(index), dumpIndex(await freshIndex(paths)));
});

test('a snapshot is written only after the bundle changed, and keeps only the strings its files use', async () => {
  const dir = path.join(tmp, 'writes');
  const paths = writeBundle(dir, rotate(blueCedarEntries(300, 55), 3, 'messages'));
  const cache = path.join(tmp, 'writes-cache');
  const index = new BundleIndex();
  const builder = new BundleBuilder(index, undefined, cache);
  await builder.sync(paths, { now: NOW });
  assert.equal(await builder.saveSnapshot(), true);
  assert.equal(await builder.saveSnapshot(), false, 'nothing changed since');
  await builder.sync(paths, { now: NOW });
  assert.equal(await builder.saveSnapshot(), false, 'a sync that found everything unchanged');
  await builder.sync(paths.slice(1), { now: NOW });
  assert.equal(await builder.saveSnapshot(), true, 'a file left');
  const table = new StringTable();
  const snapshot = await loadSnapshot(cache, table);
  assert.deepEqual(snapshot?.files.map((f) => path.basename(f.path)), paths.slice(1).map((p) => path.basename(p)));
  assert.ok(table.size < index.strings.size, `${table.size} strings kept of ${index.strings.size}`);
  assert.equal(table.size, (await freshIndex(paths.slice(1))).strings.size);
});

test('a copy of a log in the bundle does not count as a change: the snapshot is not written again, and a reopen takes its sessions', async () => {
  const dir = path.join(tmp, 'copy');
  const paths = writeBundle(dir, rotate(blueCedarEntries(300, 56), 3, 'messages'));
  const copy = path.join(dir, 'messages.1.bak');
  fs.copyFileSync(paths.find((p) => p.endsWith('messages.1'))!, copy);
  const all = [...paths, copy];
  const cache = path.join(tmp, 'copy-cache');
  const builder = new BundleBuilder(new BundleIndex(), undefined, cache);
  await builder.sync(all, { now: NOW });
  assert.equal(await builder.saveSnapshot(), true);
  const again = await builder.sync(all, { now: NOW });
  assert.ok(again.skipped.some((s) => s.path === copy), 'the copy is still left out');
  assert.equal(await builder.saveSnapshot(), false, 'the copy, found again, is no change');
  const { index, how } = await reopen(cache, all);
  assert.deepEqual(how.slice(0, 3), ['snapshot', 'snapshot', 'snapshot']);
  assert.ok(index.adopted, 'the sessions are the snapshot\'s, not paired again');
  assert.deepEqual(dumpIndex(index), dumpIndex(await freshIndex(paths)));
});

test('the bundle service writes the snapshot after a sync, and a new service starts from it', async () => {
  const dir = path.join(tmp, 'service');
  writeBundle(dir, rotate(blueCedarEntries(150, 61), 2, 'messages'));
  const cache = path.join(tmp, 'service-cache');
  const logs: string[] = [];
  const host = {
    log: (message: string) => logs.push(message),
    beginProgress: async () => ({ cancelled: false, report: () => undefined, done: () => undefined }),
    changed: () => undefined,
  };
  for (let round = 0; round < 2; round++) {
    const service = new BundleService(host, { cacheDir: cache });
    try {
      service.configure([dir], [], DEFAULT_BUNDLE_SETTINGS);
      await service.idle();
      assert.equal(service.status().files.length, 2);
      assert.ok(fs.existsSync(path.join(cache, 'bundle.glb')));
    } finally {
      await service.dispose();
    }
  }
  assert.deepEqual(logs.filter((l) => /could not/.test(l)), []);
});
