/**
 * What real bundles also contain: named pipes, device files, link loops, binary and damaged files,
 * and gzip bombs. Each is named with the reason it was left out, and the rest is still indexed.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { constants as zlibConstants, gunzipSync, gzipSync } from 'node:zlib';
import { BundleBuilder } from '../../bundle/bundleBuilder';
import { discoverFiles } from '../../bundle/discover';
import { cutPoint, describeError, examineFile, readChunks } from '../../bundle/fileReader';
import { readRange } from '../../bundle/readRange';
import { readRanges } from '../../filter/readRanges';
import { BundleIndex } from '../../service/index/bundleIndex';
import { parseLog } from '../../service/parse';
import { blueCedarEntries, rotate, writeBundle } from './bundleFixtures';
import { NOW } from './helpers';
import { dumpIndex, freshIndex } from './indexDumps';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'glt-hostile-bundle-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('a folder with a FIFO, a device link, a link loop, a binary file and a real log: only the log is indexed, the rest named', async () => {
  const dir = path.join(tmp, 'mixed');
  fs.mkdirSync(path.join(dir, 'sub'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'messages'), blueCedarEntries(50, 1).join(''));
  execFileSync('mkfifo', [path.join(dir, 'pipe.log')]);
  fs.symlinkSync('/dev/zero', path.join(dir, 'zero.log'));
  fs.symlinkSync(dir, path.join(dir, 'sub', 'loop'));
  fs.symlinkSync(path.join(dir, 'self.log'), path.join(dir, 'self.log'));
  fs.writeFileSync(path.join(dir, 'core.gz'), gzipSync(Buffer.from([0, 1, 2, 3, 0, 0, 255, 0])));
  fs.writeFileSync(path.join(dir, 'other.log'), 'just some notes\nnothing to see\n');
  fs.writeFileSync(path.join(dir, 'empty.log'), '');
  const discovery = await discoverFiles([dir]);
  assert.ok(discovery.skipped.some((s) => s.path.endsWith(path.join('sub', 'loop')) && /loop/.test(s.reason)), JSON.stringify(discovery.skipped));
  assert.ok(discovery.skipped.some((s) => s.path.endsWith('self.log') && /loop/.test(s.reason)), JSON.stringify(discovery.skipped));
  const index = new BundleIndex();
  const skipped = new Map<string, string>();
  const result = await new BundleBuilder(index).sync(discovery.files, { now: NOW, onSkip: (p, reason) => skipped.set(path.basename(p), reason) });
  assert.deepEqual(result.indexed.map((p) => path.basename(p)), ['messages']);
  assert.match(skipped.get('pipe.log') ?? '', /named pipe/);
  assert.match(skipped.get('zero.log') ?? '', /device|not a regular file/);
  assert.match(skipped.get('core.gz') ?? '', /binary/);
  assert.match(skipped.get('other.log') ?? '', /neither a Blue Cedar .* nor an Okta/);
  assert.equal(skipped.get('empty.log'), 'it is empty');
  assert.ok(index.sessions.length > 0);
});

test('a log with a run of NUL bytes where a crash cut it (in its first lines) is indexed as a full parse reads it; a tar of logs is not', async () => {
  // After a power loss a syslog file often holds a run of NUL bytes where its last writes were lost,
  // then the lines written after the restart.
  const crashed = (seed: number): string => {
    const entries = blueCedarEntries(40, seed);
    return entries.slice(0, 3).join('') + '\0'.repeat(3000) + entries.slice(3).join('');
  };
  const texts: Record<string, string> = { 'messages': crashed(30), 'messages.1.gz': crashed(31) };
  const dir = path.join(tmp, 'crashed');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'messages'), texts['messages']);
  fs.writeFileSync(path.join(dir, 'messages.1.gz'), gzipSync(Buffer.from(texts['messages.1.gz'])));
  const text = texts['messages'];
  // A tar archive: its first block is a file name padded with NUL bytes, then the log itself.
  const tarHeader = Buffer.alloc(512);
  tarHeader.write('messages\0');
  fs.writeFileSync(path.join(dir, 'logs.tar.gz'), gzipSync(Buffer.concat([tarHeader, Buffer.from(text)])));
  const index = new BundleIndex();
  const skipped = new Map<string, string>();
  await new BundleBuilder(index).sync(['messages', 'messages.1.gz', 'logs.tar.gz'].map((f) => path.join(dir, f)), { now: NOW, onSkip: (p, reason) => skipped.set(path.basename(p), reason) });
  for (const name of ['messages', 'messages.1.gz']) {
    const parsed = parseLog(texts[name], 'bluecedar', { now: NOW });
    const file = index.file(path.join(dir, name));
    assert.ok(file, `${name} is indexed (${skipped.get(name)})`);
    assert.equal(file.entries.length, parsed.entries.length, name);
    assert.deepEqual([...file.entries.line.subarray(0, file.entries.length)], parsed.entries.map((e) => e.startLine), name);
  }
  assert.match(skipped.get('logs.tar.gz') ?? '', /binary/);
});

test('a folder: dated rotations (messages-20211111) are found by default, and a log reached twice through a link is read once', async () => {
  const dir = path.join(tmp, 'dated');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'messages'), blueCedarEntries(30, 2).join(''));
  fs.writeFileSync(path.join(dir, 'messages-20211111'), blueCedarEntries(30, 3).join(''));
  fs.writeFileSync(path.join(dir, 'messages-20211104.gz'), gzipSync(Buffer.from(blueCedarEntries(30, 4).join(''))));
  fs.symlinkSync('messages-20211111', path.join(dir, 'messages.link'));
  const discovery = await discoverFiles([dir, path.join(dir, 'messages')]);
  assert.deepEqual(discovery.files.map((f) => path.basename(f)).sort(), ['messages', 'messages-20211104.gz', 'messages-20211111']);
});

test('the same log twice (a copy, a hard link, a gzipped copy): read once and named, sessions as in a full parse without the copies', async () => {
  const dir = path.join(tmp, 'copies');
  const files = rotate(blueCedarEntries(600, 8), 3, 'messages', { gzipEvery: 2 });
  const paths = writeBundle(dir, files);
  fs.copyFileSync(path.join(dir, 'messages.1'), path.join(dir, 'messages.1.bak'));
  fs.linkSync(path.join(dir, 'messages'), path.join(dir, 'messages.hard'));
  fs.writeFileSync(path.join(dir, 'messages.1.gz'), gzipSync(fs.readFileSync(path.join(dir, 'messages.1'))));
  const discovery = await discoverFiles([dir]);
  assert.equal(discovery.files.length, 6);
  const index = new BundleIndex();
  const builder = new BundleBuilder(index);
  const expected = dumpIndex(await freshIndex(paths));
  for (const round of [1, 2]) {
    const skipped = new Map<string, string>();
    await builder.sync(discovery.files, { now: NOW, chunkBytes: 4096, onSkip: (p, reason) => skipped.set(path.basename(p), reason) });
    assert.deepEqual(index.files.map((f) => path.basename(f.path)), ['messages.2.gz', 'messages.1', 'messages'], `sync ${round}`);
    assert.deepEqual(dumpIndex(index), expected, `sync ${round}: entries and sessions`);
    assert.deepEqual([...skipped.keys()].sort(), ['messages.1.bak', 'messages.1.gz', 'messages.hard'], `sync ${round}`);
    assert.match(skipped.get('messages.hard')!, /same content as .*messages\b/);
    assert.match(skipped.get('messages.1.gz')!, /same content as .*messages\.1\b/);
  }
});

test('many logs of one shape (same size, lines and entries) are told apart without comparing each with every other', async () => {
  // A probe writing one entry of the same length every minute, one file each: none is a copy.
  const dir = path.join(tmp, 'probes');
  fs.mkdirSync(dir, { recursive: true });
  const paths: string[] = [];
  for (let i = 0; i < 200; i++) {
    const file = path.join(dir, `probe-${String(i).padStart(4, '0')}.log`);
    const minute = String(i % 60).padStart(2, '0');
    const hour = String(10 + Math.floor(i / 60)).padStart(2, '0');
    fs.writeFileSync(file, `Nov 11 2021 ${hour}:${minute}:00 tilera3 Mocana: [AAA], SubCls:ACCT, EID: 0, Type: General, Sev:Informational, probe ok\n`);
    paths.push(file);
  }
  const fileIndex = await import('../../service/index/fileIndex');
  const exported = fileIndex as unknown as { sameContent: (...args: unknown[]) => boolean };
  const compare = exported.sameContent;
  let comparisons = 0;
  exported.sameContent = (...args: unknown[]) => {
    comparisons++;
    return compare(...args);
  };
  try {
    const index = new BundleIndex();
    await new BundleBuilder(index).sync(paths, { now: NOW });
    assert.equal(index.files.length, 200, 'no probe is a copy of another');
    assert.ok(comparisons <= 200, `${comparisons} row-by-row comparisons for 200 files`);
  } finally {
    exported.sameContent = compare;
  }
});

test('a gzip bomb is read as a stream: progress is reported and cancelling stops it', async () => {
  // 60 MB of log lines in about 200 KB: decompressed piece by piece, never whole.
  const line = Buffer.from('Nov 11 2021 22:24:37 tilera3 Mocana: [IKE], SubCls:050, EID: 0, Type: General, Sev:Informational, 10.0.0.1\n');
  const bomb = path.join(tmp, 'bomb.log.gz');
  fs.writeFileSync(bomb, gzipSync(Buffer.alloc(60 * 1024 * 1024, line), { level: 9 }));
  assert.ok(fs.statSync(bomb).size < 1024 * 1024);
  const verdict = await examineFile(bomb);
  assert.ok(verdict.ok && verdict.compressed);
  const controller = new AbortController();
  const produced: number[] = [];
  let largestChunk = 0;
  await assert.rejects(readChunks(bomb, 'bluecedar', true, (chunk) => {
    largestChunk = Math.max(largestChunk, chunk.bytes.length);
  }, {
    signal: controller.signal,
    chunkBytes: 1024 * 1024,
    onProgress: (p) => {
      produced.push(p.produced);
      if (p.produced > 8 * 1024 * 1024) {
        controller.abort();
      }
    },
  }), /cancelled/);
  assert.ok(produced.length >= 3, 'progress was reported along the way');
  assert.ok(produced.every((p, i) => i === 0 || p > produced[i - 1]), 'and grew');
  assert.ok(produced[produced.length - 1] < 20 * 1024 * 1024, `stopped soon after cancelling (at ${produced[produced.length - 1]} bytes)`);
  assert.ok(largestChunk <= 2 * 1024 * 1024, `chunks stay small (${largestChunk} bytes)`);
});

test('an entry with no line break for megabytes is cut at the chunk limit, not held whole', async () => {
  const file = path.join(tmp, 'one-line.log');
  fs.writeFileSync(file, `Nov 11 2021 22:24:37 tilera3 Mocana: [AAA], SubCls:ACCT, EID: 0, Type: Acct, Sev:Informational, Session START {"x":"${'a'.repeat(6 * 1024 * 1024)}"}\n`);
  const sizes: number[] = [];
  await readChunks(file, 'bluecedar', false, (chunk) => {
    sizes.push(chunk.bytes.length);
  }, { chunkBytes: 256 * 1024, maxChunkBytes: 1024 * 1024 });
  assert.ok(sizes.length >= 6, `several chunks: ${sizes}`);
  assert.ok(Math.max(...sizes) <= 1024 * 1024 + 1024 * 1024, `none much over the limit: ${Math.max(...sizes)}`);
  assert.equal(sizes.reduce((a, b) => a + b, 0), fs.statSync(file).size, 'every byte is read once');
});

test('a truncated .gz: what could be decompressed is indexed, and the file is named with the damage', async () => {
  const text = blueCedarEntries(400, 17).join('');
  const whole = gzipSync(Buffer.from(text));
  const file = path.join(tmp, 'cut', 'messages.1.gz');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, whole.subarray(0, Math.floor(whole.length * 0.6)));
  const index = new BundleIndex();
  const reasons: string[] = [];
  await new BundleBuilder(index).sync([file], { now: NOW, chunkBytes: 4096, onSkip: (_p, reason) => reasons.push(reason) });
  assert.ok(reasons.some((r) => /cut short/.test(r)), reasons.join('; '));
  const entries = index.file(file)!.entries;
  assert.ok(entries.length > 50 && entries.length < 400, `${entries.length} entries kept`);
});

test('a truncated .gz read in chunks larger than what survives: every entry that can be decompressed is kept', async () => {
  const text = blueCedarEntries(2000, 23).join('');
  const whole = gzipSync(Buffer.from(text));
  const cut = whole.subarray(0, Math.floor(whole.length * 0.5));
  const file = path.join(tmp, 'cut-large', 'messages.1.gz');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, cut);
  // What zlib can give back from the damaged file, as `zcat` would.
  const readable = gunzipSync(cut, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString('utf8');
  const index = new BundleIndex();
  const reasons: string[] = [];
  await new BundleBuilder(index).sync([file], { now: NOW, onSkip: (_p, reason) => reasons.push(reason) });
  assert.ok(reasons.some((r) => /cut short/.test(r)), reasons.join('; '));
  assert.equal(index.file(file)!.entries.length, parseLog(readable, 'bluecedar', { now: NOW }).entries.length);
});

test('a .gz followed by bytes that are not gzip: every entry is indexed and shown (windows, filtered views), as zcat reads it, and the file is named', async () => {
  // zlib stops at the garbage with an error and drops what it decompressed last (up to a chunk of it).
  for (const count of [60, 3000]) {
    const text = blueCedarEntries(count, 29).join('');
    const file = path.join(tmp, `garbage-${count}`, 'messages.1.gz');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Two members, as `cat a.gz b.gz` makes, then a stray text line.
    const half = text.indexOf('\n', text.length >> 1) + 1;
    fs.writeFileSync(file, Buffer.concat([gzipSync(text.slice(0, half)), gzipSync(text.slice(half)), Buffer.from('not gzip\n')]));
    const index = new BundleIndex();
    const reasons: string[] = [];
    await new BundleBuilder(index).sync([file], { now: NOW, onSkip: (_p, reason) => reasons.push(reason) });
    assert.ok(reasons.some((r) => /damaged/.test(r)), reasons.join('; '));
    const entries = index.file(file)!.entries;
    assert.equal(entries.length, parseLog(text, 'bluecedar', { now: NOW }).entries.length, `${count} entries`);
    const last = entries.offset[entries.length - 1];
    const expected = Buffer.from(text).subarray(last, last + 200).toString('utf8');
    const shown = await readRange(file, true, last, last + 200);
    assert.equal(shown.toString('utf8'), expected, 'a window');
    const [viewed] = await readRanges(file, true, [{ start: last, end: last + 200 }]);
    assert.equal(viewed.toString('utf8'), expected, 'a filtered view');
  }
});

test('errors are described in words', () => {
  const error = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), { code });
  assert.match(describeError(error('EACCES')), /permission denied/);
  assert.match(describeError(error('ELOOP')), /leads back to itself/);
  assert.match(describeError(error('ENOENT')), /does not exist/);
  assert.match(describeError(error('Z_DATA_ERROR')), /damaged/);
});

test('a chunk cut by force never ends between CR and LF, even when the bytes read so far end with the CR', () => {
  // The LF may be the first byte of the next read: cutting after the CR would count two line breaks.
  const bytes = Buffer.from('xxxxxxxxxx\r\nyyyyyyyyyy\r');
  assert.equal(cutPoint(bytes, 'oag', true), 12);
  assert.equal(cutPoint(Buffer.from('xxxxxxxxxx\ryyyyyyyyyy\r'), 'oag', true), 11, 'a lone CR before it still ends a line');
  assert.equal(cutPoint(Buffer.from('xxxxxxxxxx\r\n'), 'oag', true), 12);
});
