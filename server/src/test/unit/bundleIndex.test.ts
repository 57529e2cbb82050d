/**
 * The bundle index against a plain full parse of the concatenated files: the same entries (times,
 * severities, kinds, places) and the same sessions, whatever the files' names, compression, line
 * ends or chunking, and whether chunks are parsed here or in worker threads.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { after, describe, test } from 'node:test';
import { BundleBuilder } from '../../bundle/bundleBuilder';
import { WorkerPool } from '../../bundle/workerPool';
import { analyze } from '../../service/analysis';
import { parseLog } from '../../service/parse';
import { BLUECEDAR_SEVERITIES, OAG_LEVELS } from '../../service/formats/vocabulary';
import { BundleIndex } from '../../service/index/bundleIndex';
import { factsOfBundle } from '../../service/index/bundleFacts';
import { EVENT_KINDS, LogFormat } from '../../service/model';
import { blueCedarEntries, BundleFile, oagEntries, Place, placer, rotate, writeBundle } from './bundleFixtures';
import { bcStart, bcStop, NOW } from './helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'glt-bundle-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const WORKER = path.resolve(__dirname, '..', '..', 'indexWorker.js');

const at = (p: Place | undefined): string => (p ? `${p.file}:${p.line + 1}` : '-');

/** Sessions of a full parse of the concatenated text: start, stop, event count, user. */
function expectedSessions(files: readonly BundleFile[], format: LogFormat): string[] {
  const analysis = analyze(parseLog(files.map((f) => f.text).join(''), format, { now: NOW }));
  const place = placer(files);
  const { entries } = analysis.log;
  return analysis.sessions.sessions.map((s) => {
    const start = s.start === undefined ? undefined : place(entries[s.start].startLine);
    const stop = s.stop === undefined ? undefined : place(entries[s.stop].startLine);
    return `${at(start)} → ${at(stop)} · ${s.members.length} events`;
  }).sort();
}

function actualSessions(index: BundleIndex): string[] {
  const out: string[] = [];
  for (let id = 0; id < index.sessions.length; id++) {
    const s = index.summary(id);
    const place = (ref: typeof s.start): Place | undefined => (ref ? { file: path.basename(ref.path), line: ref.line } : undefined);
    out.push(`${at(place(s.start))} → ${at(place(s.stop))} · ${s.events} events`);
  }
  return out.sort();
}

/** Entries of the full parse and of the index, as comparable lines: place, time, zone, severity, kind. */
function entryLines(files: readonly BundleFile[], format: LogFormat, index: BundleIndex): { expected: string[]; actual: string[] } {
  const log = parseLog(files.map((f) => f.text).join(''), format, { now: NOW });
  const place = placer(files);
  const expected = log.entries.map((e) => `${at(place(e.startLine))} ${e.time} ${e.zone} ${e.severity} ${e.kind}`);
  const levels: readonly string[] = format === 'bluecedar' ? BLUECEDAR_SEVERITIES : OAG_LEVELS;
  const actual: string[] = [];
  for (const file of index.files) {
    const c = file.entries;
    for (let i = 0; i < c.length; i++) {
      const time = Number.isNaN(c.time[i]) ? undefined : c.time[i];
      const zone = c.zone[i] === -32768 ? undefined : c.zone[i];
      const severity = c.severity[i] > 0 ? levels[c.severity[i] - 1] : undefined;
      actual.push(`${path.basename(file.path)}:${c.line[i] + 1} ${time} ${zone} ${severity} ${EVENT_KINDS[c.kind[i]]}`);
    }
  }
  return { expected, actual };
}

async function build(dir: string, files: readonly BundleFile[], options: { pool?: WorkerPool; chunkBytes?: number; now?: Date } = {}): Promise<BundleIndex> {
  const paths = writeBundle(dir, files);
  const index = new BundleIndex();
  // Given in name order, newest first, as a folder listing would: the index orders them by time.
  const byName = [...paths].sort();
  const result = await new BundleBuilder(index, options.pool).indexFiles(byName, byName.map((p) => fs.statSync(p).size), { now: options.now ?? NOW, chunkBytes: options.chunkBytes });
  assert.deepEqual(result.skipped, []);
  return index;
}

describe('bundle index', () => {
  const bc = blueCedarEntries(900, 7);
  const bcFiles = rotate(bc, 3, 'messages', { gzipEvery: 2 });

  test('Blue Cedar, three rotated files (one gzipped): the entries and sessions of a full parse', async () => {
    const index = await build(path.join(tmp, 'bc'), bcFiles);
    assert.deepEqual(index.files.map((f) => path.basename(f.path)), ['messages.2.gz', 'messages.1', 'messages'], 'ordered by time, not name');
    const { expected, actual } = entryLines(bcFiles, 'bluecedar', index);
    assert.equal(actual.length, expected.length);
    assert.deepEqual(actual, expected);
    const sessions = expectedSessions(bcFiles, 'bluecedar');
    assert.deepEqual(actualSessions(index), sessions);
    // The bundle has sessions that cross files: the point of pairing across them.
    assert.ok(sessions.some((s) => /^messages\.2\.gz:\d+ → messages\.1:/.test(s)), 'a session from the oldest file stops in the next');
    assert.ok(sessions.some((s) => /^messages\.1:\d+ → messages:/.test(s)), 'a session crosses into the newest file');
  });

  test('chunks parsed in worker threads and in small pieces give the same index', async () => {
    const pool = new WorkerPool(WORKER, 2);
    try {
      assert.equal(pool.threads, 0, 'no thread before there is work');
      const index = await build(path.join(tmp, 'bc-workers'), bcFiles, { pool, chunkBytes: 8 * 1024 });
      assert.equal(pool.threads, 2);
      const { expected, actual } = entryLines(bcFiles, 'bluecedar', index);
      assert.deepEqual(actual, expected);
      assert.deepEqual(actualSessions(index), expectedSessions(bcFiles, 'bluecedar'));
    } finally {
      await pool.close();
    }
  });

  test('byte offsets point at each entry in files with and without UTF-8 beyond ASCII, in chunks of both kinds', async () => {
    // Every third entry names a device with a typographic apostrophe or an emoji, so some chunks are
    // pure ASCII (characters are bytes) and others are not (a character can be four bytes).
    const entries = blueCedarEntries(600, 5).map((e, i) => (i % 3 === 0 ? e.replace(/vt(\d+)/, 'vt$1 for Alice Kim’s iPhone 📱').replace(/'s phone/g, '’s phone 📱') : e));
    const files = rotate(entries, 3, 'messages', { gzipEvery: 2 });
    assert.ok(files.every((f) => /’/.test(f.text)), 'each file has text beyond ASCII');
    for (const options of [{ chunkBytes: 2048 }, { chunkBytes: 1 << 20 }]) {
      const dir = path.join(tmp, `utf8-${options.chunkBytes}`);
      const index = await build(dir, files, options);
      let checked = 0;
      for (const file of index.files) {
        const raw = fs.readFileSync(file.path);
        const bytes = file.compressed ? zlib.gunzipSync(raw) : raw;
        const text = files.find((f) => f.name === path.basename(file.path))!.text;
        const headers = parseLog(text, 'bluecedar', { now: NOW }).entries.map((e) => text.slice(e.start, text.indexOf('\n', e.start)));
        assert.equal(file.entries.length, headers.length);
        for (let i = 0; i < file.entries.length; i++) {
          const at = file.entries.offset[i];
          assert.equal(bytes.toString('utf8', at, at + Buffer.byteLength(headers[i])), headers[i], `${path.basename(file.path)} entry ${i}`);
          checked++;
        }
      }
      assert.equal(checked, entries.length);
      // Names beyond ASCII are read as the log writes them (not byte by byte).
      const devices = new Set<string>();
      for (let id = 0; id < index.sessions.length; id++) {
        devices.add(index.summary(id).device ?? '');
      }
      assert.ok([...devices].some((d) => d.endsWith('’s phone 📱')), [...devices].join(', '));
      assert.ok([...devices].every((d) => !/â|ð/.test(d)), [...devices].join(', '));
    }
  });

  test('OAG with CRLF line ends, four files, two gzipped', async () => {
    const files = rotate(oagEntries(700, 11), 4, 'ics_all.log', { gzipEvery: 2, crlf: true });
    const index = await build(path.join(tmp, 'oag'), files, { chunkBytes: 4096 });
    const { expected, actual } = entryLines(files, 'oag', index);
    assert.deepEqual(actual, expected);
    assert.deepEqual(actualSessions(index), expectedSessions(files, 'oag'));
  });

  test('OAG sessions name the user and app of their first entry that names them, however the files are cut into chunks', async () => {
    const files = rotate(oagEntries(900, 31), 3, 'ics_all.log', { gzipEvery: 2 });
    const analysis = analyze(parseLog(files.map((f) => f.text).join(''), 'oag', { now: NOW }));
    const place = placer(files);
    const { entries } = analysis.log;
    const expected = analysis.sessions.sessions.map((s) => {
      const members = s.members.map((m) => entries[m]);
      return `${at(place(entries[s.members[0]].startLine))} ${members.find((e) => e.subject)?.subject} ${members.find((e) => e.app)?.app}`;
    }).sort();
    for (const chunkBytes of [2048, 1 << 20]) {
      const index = await build(path.join(tmp, `oag-who-${chunkBytes}`), files, { chunkBytes });
      const actual: string[] = [];
      for (let id = 0; id < index.sessions.length; id++) {
        const summary = index.summary(id);
        const first = index.entryRef(index.members(id, 1)[0])!;
        actual.push(`${path.basename(first.path)}:${first.line + 1} ${summary.user} ${summary.app}`);
      }
      assert.deepEqual(actual.sort(), expected, `chunks of ${chunkBytes} bytes`);
      // The findings read the same names (session by session, in the index's order).
      const facts = factsOfBundle(index).sessions.map((f) => `${f.user} ${f.app}`);
      const summaries = Array.from({ length: index.sessions.length }, (_, id) => `${index.summary(id).user} ${index.summary(id).app}`);
      assert.deepEqual(facts, summaries, `findings' facts, chunks of ${chunkBytes} bytes`);
    }
  });

  test('a rotated file written without years takes them from the files around it, as in one text', async () => {
    // The newest file's headers carry no year (Nov 11 22:24:37): alone it would be given this year.
    const rotated = rotate(blueCedarEntries(600, 41), 3, 'messages', { gzipEvery: 2 });
    const files = rotated.map((f) => (f.name === 'messages' ? { ...f, text: f.text.replace(/^([A-Z][a-z]{2} [ \d]\d) \d{4} /gm, '$1 ') } : f));
    assert.ok(!/^[A-Z][a-z]{2} [ \d]\d \d{4} /m.test(files[2].text) && /^[A-Z][a-z]{2} [ \d]\d \d{4} /m.test(files[0].text));
    // Years later, as when a support bundle is read long after it was taken.
    const index = await build(path.join(tmp, 'years'), files, { now: new Date(Date.UTC(2026, 11, 1)) });
    assert.deepEqual(index.files.map((f) => path.basename(f.path)), ['messages.2.gz', 'messages.1', 'messages']);
    const { expected, actual } = entryLines(files, 'bluecedar', index);
    assert.deepEqual(actual, expected);
    assert.deepEqual(actualSessions(index), expectedSessions(files, 'bluecedar'));
  });

  test('two open sessions of one identity (appGsid 0) across files: the first STOP takes the earliest START', async () => {
    const who = { username: 'akim', uniqueId: 'AA:BB', appName: 'Docs', appPackageId: 'com.acme.docs', assignedIp: '10.24.0.9', appGsid: 0 };
    const t = Date.UTC(2021, 10, 11, 9, 0, 0);
    const files: BundleFile[] = [
      { name: 'messages.1', text: bcStart(t, who) + bcStart(t + 60_000, who), gzip: false },
      { name: 'messages', text: bcStop(t + 120_000, { ...who, durationSeconds: 120 }) + bcStop(t + 180_000, { ...who, durationSeconds: 120 }), gzip: false },
    ];
    const index = await build(path.join(tmp, 'identity'), files);
    assert.deepEqual(actualSessions(index), ['messages.1:1 → messages:1 · 2 events', 'messages.1:3 → messages:3 · 2 events']);
    assert.deepEqual(actualSessions(index), expectedSessions(files, 'bluecedar'));
  });

  test('a newest file cut in the middle of a multi-line entry reads like the same text parsed whole', async () => {
    const files = rotate(blueCedarEntries(300, 3), 3, 'gateway.log');
    const last = files[files.length - 1];
    const cut = last.text.lastIndexOf('"app":');
    assert.ok(cut > 0);
    const truncated = [...files.slice(0, -1), { ...last, text: last.text.slice(0, cut) }];
    const index = await build(path.join(tmp, 'cut'), truncated, { chunkBytes: 2048 });
    const { expected, actual } = entryLines(truncated, 'bluecedar', index);
    assert.deepEqual(actual, expected);
    assert.deepEqual(actualSessions(index), expectedSessions(truncated, 'bluecedar'));
  });
});
