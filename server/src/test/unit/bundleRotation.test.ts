/**
 * Log rotation as logrotate and syslog daemons do it on gateways, while the bundle is kept up to date:
 * rename-and-create (with delaycompress and dateext names), copytruncate, files changing while they are
 * read, deleted or replaced by a link, two rotations between syncs, an incomplete last line, and all of
 * it again after a restart from the cache folder. After every step the index must equal an index built
 * from scratch of what is on disk: the same sessions, files and lines, none twice, none lost.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, test } from 'node:test';
import { BuildOptions, BundleBuilder } from '../../bundle/bundleBuilder';
import { BundleIndex } from '../../service/index/bundleIndex';
import { blueCedarEntries } from './bundleFixtures';
import { NOW } from './helpers';
import { dumpIndex, freshIndex } from './indexDumps';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'glt-rotation-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The index equals a fresh one of the files that exist, and no offset lies past what a file holds. */
async function assertFresh(index: BundleIndex, paths: readonly string[], step: string): Promise<void> {
  const present = paths.filter((p) => fs.existsSync(p));
  assert.deepEqual(dumpIndex(index), dumpIndex(await freshIndex(present)), step);
  for (const file of index.files) {
    const n = file.entries.length;
    assert.ok(n === 0 || file.entries.offset[n - 1] < file.bytes, `${step}: ${path.basename(file.path)} has an offset past its bytes`);
    if (!file.compressed) {
      assert.ok(file.bytes <= fs.statSync(file.path).size, `${step}: ${path.basename(file.path)} indexes ${file.bytes} bytes of ${fs.statSync(file.path).size}`);
    }
  }
}

/** A new folder for a test, the entries its logs are made of, and where its live log (`messages`) goes. */
function folder(name: string, count: number, seed: number): { dir: string; live: string; entries: string[] } {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  return { dir, live: path.join(dir, 'messages'), entries: blueCedarEntries(count, seed) };
}

function gzipAway(plain: string, gz: string): void {
  fs.writeFileSync(gz, gzipSync(fs.readFileSync(plain)));
  fs.rmSync(plain);
}

/** Options that run `once` when the read of `file` has handed out `after` bytes or more. */
function during(file: string, after: number, once: () => void, chunkBytes = 4096): BuildOptions {
  let done = false;
  return {
    now: NOW, chunkBytes,
    onProgress: (p) => {
      if (!done && p.file === file && p.read >= after && p.read > 0) {
        done = true;
        once();
      }
    },
  };
}

for (const naming of ['numbered', 'dateext'] as const) {
  test(`rename-and-create (${naming}), then delaycompress: every step equals a fresh index`, async () => {
    const { dir, live, entries } = folder(`create-${naming}`, 600, 41);
    const cache = path.join(tmp, `create-${naming}-cache`);
    const first = naming === 'numbered' ? path.join(dir, 'messages.1') : path.join(dir, 'messages-20211104');
    const second = naming === 'numbered' ? path.join(dir, 'messages.2') : path.join(dir, 'messages-20211105');
    fs.writeFileSync(live, entries.slice(0, 200).join(''));
    const index = new BundleIndex();
    const builder = new BundleBuilder(index, undefined, cache);
    const sync = async (paths: string[], step: string): Promise<void> => {
      await builder.sync(paths.filter((p) => fs.existsSync(p)), { now: NOW, chunkBytes: 4096 });
      await assertFresh(index, paths, step);
      await builder.saveSnapshot();
    };
    await sync([live], 'first read');
    // Rotation: the live log is renamed away, a new empty one is created and grows.
    fs.renameSync(live, first);
    fs.writeFileSync(live, '');
    await sync([first, live], 'rotated, new log empty');
    fs.appendFileSync(live, entries.slice(200, 300).join(''));
    await sync([first, live], 'new log grew');
    // delaycompress: at the next rotation the previous one is gzipped and the plain one deleted.
    fs.renameSync(first, second);
    fs.renameSync(live, first);
    fs.writeFileSync(live, entries.slice(300, 320).join(''));
    await sync([second, first, live], 'second rotation');
    gzipAway(second, `${second}.gz`);
    await sync([`${second}.gz`, first, live], 'delaycompress');
    fs.appendFileSync(live, entries.slice(320, 400).join(''));
    // A restart after the log grew: the snapshot and cached indexes are checked and used.
    const reopened = new BundleIndex();
    const result = await new BundleBuilder(reopened, undefined, cache).sync([`${second}.gz`, first, live], { now: NOW, chunkBytes: 4096 });
    assert.equal(result.how.get(live), 'grown');
    await assertFresh(reopened, [`${second}.gz`, first, live], 'restart');
  });
}

test('copytruncate growing back past its old size before the next sync is read again, and its copy keeps the sessions', async () => {
  const { dir, live, entries } = folder('copytruncate', 700, 43);
  const cache = path.join(tmp, 'copytruncate-cache');
  const copy = path.join(dir, 'messages.1');
  fs.writeFileSync(live, entries.slice(0, 200).join(''));
  const index = new BundleIndex();
  const builder = new BundleBuilder(index, undefined, cache);
  await builder.sync([live], { now: NOW, chunkBytes: 4096 });
  const oldSize = fs.statSync(live).size;
  fs.copyFileSync(live, copy);
  fs.truncateSync(live, 0);
  fs.appendFileSync(live, entries.slice(200, 500).join(''));
  assert.ok(fs.statSync(live).size > oldSize);
  const result = await builder.sync([copy, live], { now: NOW, chunkBytes: 4096 });
  assert.equal(result.how.get(copy), 'renamed');
  assert.notEqual(result.how.get(live), 'grown');
  await assertFresh(index, [copy, live], 'copytruncate');
  await builder.saveSnapshot();
  // Again while the server is down: a restart must not take the old index for the new content.
  fs.copyFileSync(live, copy);
  fs.truncateSync(live, 0);
  fs.appendFileSync(live, entries.slice(500, 700).join(''));
  const reopened = new BundleIndex();
  await new BundleBuilder(reopened, undefined, cache).sync([copy, live], { now: NOW, chunkBytes: 4096 });
  await assertFresh(reopened, [copy, live], 'copytruncate while down');
});

test('a log appended to as its read ends is brought up to date by the next sync, with or without a restart', async () => {
  const { live, entries } = folder('append-during', 300, 47);
  const cache = path.join(tmp, 'append-during-cache');
  fs.writeFileSync(live, entries.slice(0, 200).join(''));
  const index = new BundleIndex();
  const builder = new BundleBuilder(index, undefined, cache);
  // One chunk (bigger than the file): the append lands after the last read, before the read returns.
  await builder.sync([live], during(live, 1, () => fs.appendFileSync(live, entries.slice(200, 250).join('')), 1 << 20));
  await builder.saveSnapshot();
  const again = await builder.sync([live], { now: NOW });
  await assertFresh(index, [live], 'next sync');
  assert.ok(again.how.get(live) === 'grown' || again.bytes === 0, 'read from where it grew (or nothing to read)');
  const reopened = new BundleIndex();
  await new BundleBuilder(reopened, undefined, cache).sync([live], { now: NOW });
  await assertFresh(reopened, [live], 'restart');
});

test('a log renamed away and re-created while it is read: neither file takes the other\'s content', async () => {
  const { dir, live, entries } = folder('rename-during', 400, 53);
  const cache = path.join(tmp, 'rename-during-cache');
  const first = path.join(dir, 'messages.1');
  fs.writeFileSync(live, entries.slice(0, 200).join(''));
  const index = new BundleIndex();
  const builder = new BundleBuilder(index, undefined, cache);
  await builder.sync([live], during(live, 1, () => {
    fs.renameSync(live, first);
    fs.writeFileSync(live, entries.slice(200, 260).join(''));
  }, 1 << 20));
  await builder.saveSnapshot();
  await builder.sync([first, live], { now: NOW });
  await assertFresh(index, [first, live], 'next sync');
  const reopened = new BundleIndex();
  await new BundleBuilder(reopened, undefined, cache).sync([first, live], { now: NOW });
  await assertFresh(reopened, [first, live], 'restart');
});

test('a log truncated and rewritten while it is read is not indexed as a mix of both', async () => {
  const { live, entries } = folder('truncate-during', 800, 59);
  fs.writeFileSync(live, entries.slice(0, 300).join(''));
  const index = new BundleIndex();
  const builder = new BundleBuilder(index);
  // copytruncate after the first chunks were read; the new content grows past where the read is.
  await builder.sync([live], during(live, 8192, () => {
    fs.truncateSync(live, 0);
    fs.appendFileSync(live, entries.slice(300, 800).join(''));
  }));
  await assertFresh(index, [live], 'the sync it happened in');
  // Truncated to less than was read: no offset may lie past the end.
  await builder.sync([live], during(live, 8192, () => {
    fs.writeFileSync(live, entries.slice(0, 10).join(''));
  }));
  await assertFresh(index, [live], 'truncated shorter');
});

test('a log deleted while it is read, and a log replaced by a link to another log', async () => {
  const { dir, entries } = folder('delete-link', 600, 61);
  const paths = ['messages.2', 'messages.1', 'messages'].map((n) => path.join(dir, n));
  paths.forEach((p, i) => fs.writeFileSync(p, entries.slice(i * 200, (i + 1) * 200).join('')));
  const index = new BundleIndex();
  const builder = new BundleBuilder(index);
  await builder.sync(paths, during(paths[0], 4096, () => fs.rmSync(paths[0])));
  await builder.sync(paths.filter((p) => fs.existsSync(p)), { now: NOW });
  await assertFresh(index, paths, 'deleted while read');
  fs.rmSync(paths[2]);
  fs.symlinkSync(paths[1], paths[2]);
  await builder.sync([paths[1], paths[2]], { now: NOW });
  await assertFresh(index, [paths[1], paths[2]], 'replaced by a link');
});

test('two rotations between two syncs, and an incomplete last line completed later', async () => {
  const { dir, entries } = folder('two-rotations', 600, 67);
  const cache = path.join(tmp, 'two-rotations-cache');
  const [m, m1, m2] = ['messages', 'messages.1', 'messages.2'].map((n) => path.join(dir, n));
  fs.writeFileSync(m, entries.slice(0, 200).join(''));
  const index = new BundleIndex();
  const builder = new BundleBuilder(index, undefined, cache);
  await builder.sync([m], { now: NOW });
  fs.renameSync(m, m1);
  fs.writeFileSync(m, entries.slice(200, 400).join(''));
  fs.renameSync(m1, m2);
  fs.renameSync(m, m1);
  const last = entries.slice(400, 500).join('');
  const cut = last.length - 17;
  fs.writeFileSync(m, last.slice(0, cut));
  await builder.sync([m2, m1, m], { now: NOW });
  await assertFresh(index, [m2, m1, m], 'two rotations, last line incomplete');
  await builder.saveSnapshot();
  fs.appendFileSync(m, last.slice(cut));
  const completed = await builder.sync([m2, m1, m], { now: NOW });
  assert.equal(completed.how.get(m), 'grown');
  await assertFresh(index, [m2, m1, m], 'last line completed');
  fs.appendFileSync(m, entries[500].slice(0, 20));
  await builder.sync([m2, m1, m], { now: NOW });
  await builder.saveSnapshot();
  fs.appendFileSync(m, entries[500].slice(20));
  const reopened = new BundleIndex();
  await new BundleBuilder(reopened, undefined, cache).sync([m2, m1, m], { now: NOW });
  await assertFresh(reopened, [m2, m1, m], 'completed while down');
});

test('a log found grown, then truncated and rewritten before its turn to be read, is read again whole', async () => {
  const { dir, entries } = folder('grown-then-truncated', 700, 71);
  const [other, live] = ['ics_all.log', 'messages'].map((n) => path.join(dir, n));
  fs.writeFileSync(other, entries.slice(0, 100).join(''));
  fs.writeFileSync(live, entries.slice(100, 300).join(''));
  const index = new BundleIndex();
  const builder = new BundleBuilder(index);
  await builder.sync([other, live], { now: NOW });
  // The other log changes (read first), the live one grows (to be read from where it grew)...
  fs.writeFileSync(other, entries.slice(0, 120).reverse().join(''));
  fs.appendFileSync(live, entries.slice(300, 320).join(''));
  // ...and is copytruncated and written again, longer, while the other is read.
  const result = await builder.sync([other, live], during(other, 1, () => {
    fs.truncateSync(live, 0);
    fs.appendFileSync(live, entries.slice(320, 700).join(''));
  }, 1 << 20));
  assert.equal(result.how.get(live), 'grown', 'probed as grown before it was rewritten');
  await assertFresh(index, [other, live], 'rewritten after the probe');
});

test('a live log emptied by rotation (copytruncate, or created empty) leaves the bundle, whatever order the files are listed in', async () => {
  const { dir, live, entries } = folder('emptied', 300, 73);
  const first = path.join(dir, 'messages.1');
  fs.writeFileSync(live, entries.slice(0, 200).join(''));
  const index = new BundleIndex();
  const builder = new BundleBuilder(index);
  // Listed as discovery lists them: by name, the live log first.
  await builder.sync([live], { now: NOW });
  fs.copyFileSync(live, first);
  fs.truncateSync(live, 0);
  await builder.sync([live, first], { now: NOW });
  await assertFresh(index, [live, first], 'copytruncate, nothing written yet');
  assert.deepEqual(index.files.map((f) => path.basename(f.path)), ['messages.1']);
  fs.appendFileSync(live, entries.slice(200, 300).join(''));
  await builder.sync([live, first], { now: NOW });
  await assertFresh(index, [live, first], 'written again');
  fs.rmSync(first);
  fs.renameSync(live, first);
  fs.writeFileSync(live, '');
  await builder.sync([live, first], { now: NOW });
  await assertFresh(index, [live, first], 'renamed away, created empty');
});

test('delaycompress seen mid-way: a .gz still being written, then beside its plain copy, then alone', async () => {
  const { dir, entries } = folder('gzip-at-work', 400, 79);
  const cache = path.join(tmp, 'gzip-at-work-cache');
  const [m1, gz, m] = ['messages.1', 'messages.1.gz', 'messages'].map((n) => path.join(dir, n));
  fs.writeFileSync(m1, entries.slice(0, 300).join(''));
  fs.writeFileSync(m, entries.slice(300).join(''));
  const index = new BundleIndex();
  const builder = new BundleBuilder(index, undefined, cache);
  const listed = (): string[] => [m, m1, gz].filter((p) => fs.existsSync(p)).sort();
  await builder.sync(listed(), { now: NOW });
  const whole = gzipSync(fs.readFileSync(m1));
  fs.writeFileSync(gz, whole.subarray(0, whole.length >> 1));
  await builder.sync(listed(), { now: NOW });
  await assertFresh(index, listed(), 'gzip writing');
  fs.writeFileSync(gz, whole);
  await builder.sync(listed(), { now: NOW });
  await assertFresh(index, listed(), 'gzip done, plain still there');
  assert.equal(index.files.length, 2, 'the copy is read once');
  fs.rmSync(m1);
  await builder.sync(listed(), { now: NOW });
  await assertFresh(index, listed(), 'plain deleted');
  assert.deepEqual(index.files.map((f) => path.basename(f.path)).sort(), ['messages', 'messages.1.gz']);
});

test('a log rewritten to the same size within the same modification-time tick (coarse clocks: FAT, HFS+) is read again', async () => {
  const { live, entries } = folder('same-tick', 200, 83);
  // A file system that keeps whole seconds: both writes fall in the same second.
  const tick = Math.floor(Date.now() / 1000);
  fs.writeFileSync(live, entries.join(''));
  fs.utimesSync(live, tick, tick);
  const index = new BundleIndex();
  const builder = new BundleBuilder(index);
  await builder.sync([live], { now: NOW });
  // copytruncate, then the same number of bytes written again (two entries in the other order).
  fs.truncateSync(live, 0);
  fs.appendFileSync(live, [entries[1], entries[0], ...entries.slice(2)].join(''));
  fs.utimesSync(live, tick, tick);
  const result = await builder.sync([live], { now: NOW });
  assert.notEqual(result.how.get(live), 'unchanged');
  await assertFresh(index, [live], 'same size, same time');
});
