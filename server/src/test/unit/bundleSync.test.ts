/**
 * Keeping a bundle index up to date: a growing file is read from where it grew, a rotated (renamed)
 * file keeps its sessions without being read again, a cached index is used on reopening, and the
 * result always equals an index built from scratch.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { BundleBuilder } from '../../bundle/bundleBuilder';
import { BundleService, DEFAULT_BUNDLE_SETTINGS } from '../../bundle/bundleService';
import { BundleIndex } from '../../service/index/bundleIndex';
import { blueCedarEntries, rotate, writeBundle } from './bundleFixtures';
import { NOW } from './helpers';
import { dumpIndex, freshIndex } from './indexDumps';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'glt-sync-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('a growing file is read from its last entry on, and the index equals a fresh one', async () => {
  const dir = path.join(tmp, 'grow');
  const entries = blueCedarEntries(400, 21);
  const [older, newer] = rotate(entries.slice(0, 300), 2, 'messages');
  const paths = writeBundle(dir, [older, newer]);
  const index = new BundleIndex();
  const builder = new BundleBuilder(index);
  const first = await builder.sync(paths, { now: NOW, chunkBytes: 4096 });
  assert.deepEqual([...first.how.values()], ['read', 'read']);
  const before = index.file(paths[1])!;
  // The newest file grows by a hundred entries, one of them written in two steps.
  const growth = entries.slice(300).join('');
  const half = growth.indexOf('\n', 2000);
  fs.appendFileSync(paths[1], growth.slice(0, half));
  const second = await builder.sync(paths, { now: NOW, chunkBytes: 4096 });
  assert.equal(second.how.get(paths[1]), 'grown');
  assert.equal(second.how.get(paths[0]), 'unchanged');
  assert.ok(second.bytes < fs.statSync(paths[1]).size - before.size + 4096, `read ${second.bytes} bytes again, not the whole file`);
  fs.appendFileSync(paths[1], growth.slice(half));
  const third = await builder.sync(paths, { now: NOW, chunkBytes: 4096 });
  assert.equal(third.how.get(paths[1]), 'grown');
  assert.deepEqual(dumpIndex(index), dumpIndex(await freshIndex(paths)));
  assert.equal(index.file(paths[1])!.entries.length + index.file(paths[0])!.entries.length, 400);
});

test('rotation: messages becomes messages.1 and keeps its sessions without being read again', async () => {
  const dir = path.join(tmp, 'rotate');
  const entries = blueCedarEntries(300, 5);
  const [older, newer] = rotate(entries.slice(0, 200), 2, 'messages');
  const paths = writeBundle(dir, [older, newer]);
  const index = new BundleIndex();
  const builder = new BundleBuilder(index);
  await builder.sync(paths, { now: NOW });
  // logrotate: messages.1 -> messages.2, messages -> messages.1, a new messages starts.
  const rotated = [path.join(dir, 'messages.2'), path.join(dir, 'messages.1'), path.join(dir, 'messages')];
  fs.renameSync(paths[0], rotated[0]);
  fs.renameSync(paths[1], rotated[1]);
  fs.writeFileSync(rotated[2], entries.slice(200).join(''));
  const result = await builder.sync(rotated, { now: NOW });
  assert.equal(result.how.get(rotated[0]), 'renamed');
  assert.equal(result.how.get(rotated[1]), 'renamed');
  assert.equal(result.how.get(rotated[2]), 'read');
  assert.deepEqual(dumpIndex(index), dumpIndex(await freshIndex(rotated)));
});

test('reopening: indexes kept in the cache folder are used instead of reading the files', async () => {
  const dir = path.join(tmp, 'cache-logs');
  const cache = path.join(tmp, 'cache');
  const paths = writeBundle(dir, rotate(blueCedarEntries(300, 9), 3, 'gateway.log', { gzipEvery: 1 }));
  const first = new BundleIndex();
  const built = await new BundleBuilder(first, undefined, cache).sync(paths, { now: NOW });
  assert.deepEqual([...built.how.values()], ['read', 'read', 'read']);
  assert.equal(fs.readdirSync(cache).filter((f) => f.endsWith('.gli')).length, 3);
  const second = new BundleIndex();
  const reopened = await new BundleBuilder(second, undefined, cache).sync(paths, { now: NOW });
  assert.deepEqual([...reopened.how.values()], ['cached', 'cached', 'cached']);
  assert.equal(reopened.bytes, 0, 'nothing read');
  assert.deepEqual(dumpIndex(second), dumpIndex(first));
  // A damaged cache file is ignored and the log read again.
  const damaged = path.join(cache, fs.readdirSync(cache).find((f) => f.endsWith('.gli'))!);
  fs.writeFileSync(damaged, fs.readFileSync(damaged).subarray(0, 100));
  const third = new BundleIndex();
  const again = await new BundleBuilder(third, undefined, cache).sync(paths, { now: NOW });
  assert.equal([...again.how.values()].filter((h) => h === 'read').length, 1);
  assert.deepEqual(dumpIndex(third), dumpIndex(first));
});

test('the cache folder keeps one index per file of the bundle: a growing log and a deleted one leave none behind', async () => {
  const dir = path.join(tmp, 'prune-logs');
  const cache = path.join(tmp, 'prune-cache');
  const entries = blueCedarEntries(300, 31);
  const paths = writeBundle(dir, rotate(entries.slice(0, 200), 2, 'messages'));
  const builder = new BundleBuilder(new BundleIndex(), undefined, cache);
  await builder.sync(paths, { now: NOW });
  const indexes = (): string[] => fs.readdirSync(cache).filter((f) => f.endsWith('.gli'));
  assert.equal(indexes().length, 2);
  for (let i = 200; i < 300; i += 25) {
    fs.appendFileSync(paths[1], entries.slice(i, i + 25).join(''));
    const grown = await builder.sync(paths, { now: NOW });
    assert.equal(grown.how.get(paths[1]), 'grown');
    assert.equal(indexes().length, 2, `after growing to ${i + 25} entries`);
  }
  const before = indexes();
  fs.rmSync(paths[0]);
  await builder.sync([paths[1]], { now: NOW });
  assert.equal(indexes().length, 1);
  assert.ok(before.includes(indexes()[0]), 'the remaining file\'s index is the one it had');
});

test('a file that changed in place (not grown) is read again; a file no longer listed leaves the bundle', async () => {
  const dir = path.join(tmp, 'change');
  const paths = writeBundle(dir, rotate(blueCedarEntries(200, 13), 2, 'messages'));
  const index = new BundleIndex();
  const builder = new BundleBuilder(index);
  await builder.sync(paths, { now: NOW });
  fs.writeFileSync(paths[1], blueCedarEntries(50, 99, Date.UTC(2021, 10, 12)).join(''));
  const result = await builder.sync(paths, { now: NOW });
  assert.equal(result.how.get(paths[1]), 'read');
  assert.deepEqual(dumpIndex(index), dumpIndex(await freshIndex(paths)));
  await builder.sync([paths[0]], { now: NOW });
  assert.deepEqual(index.files.map((f) => f.path), [paths[0]]);
});

test('the status the bundle service gives when it tells its host of a change says indexing is over', async () => {
  // The editor's Sessions view shows "Indexing…" from the status that comes with the change: a status
  // still saying so (the snapshot being written after the answers are out) stayed on screen.
  const dir = path.join(tmp, 'service-status');
  writeBundle(dir, rotate(blueCedarEntries(120, 6), 2, 'messages'));
  const seen: boolean[] = [];
  const service: BundleService = new BundleService({
    log: () => undefined,
    beginProgress: async () => ({ cancelled: false, report: () => undefined, done: () => undefined }),
    changed: () => seen.push(service.status().indexing),
  }, { cacheDir: path.join(tmp, 'service-status-cache') });
  try {
    service.configure([dir], [], DEFAULT_BUNDLE_SETTINGS);
    await service.idle();
    assert.deepEqual(seen, [false]);
    assert.equal(service.status().files.length, 2);
  } finally {
    await service.dispose();
  }
});

test('the bundle service tells its host when a file was deleted, so diagnostics and views are asked again', async () => {
  const dir = path.join(tmp, 'service-delete');
  const paths = writeBundle(dir, rotate(blueCedarEntries(120, 5), 2, 'messages'));
  let changes = 0;
  const service = new BundleService({
    log: () => undefined,
    beginProgress: async () => ({ cancelled: false, report: () => undefined, done: () => undefined }),
    changed: () => changes++,
  });
  try {
    service.configure([dir], [], DEFAULT_BUNDLE_SETTINGS);
    await service.idle();
    assert.equal(service.status().files.length, 2);
    const before = changes;
    fs.rmSync(paths[0]);
    service.filesChanged();
    await service.idle();
    assert.equal(service.status().files.length, 1);
    assert.ok(changes > before, 'the host heard of the change');
  } finally {
    await service.dispose();
  }
});
