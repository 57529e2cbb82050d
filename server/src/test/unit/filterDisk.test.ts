/**
 * Filtered views of files on disk against a plain full parse of the same text: the bundle index's rows
 * and a scan of the files (gzip, CRLF, small chunks) find the same entries as the document filter does
 * on the concatenated files, and every part of their views holds those entries' own text. Also: the
 * first part of a scan shown before the scan has got far, byte ranges read in one go, and an entry's
 * own text cut out of the bytes up to the next entry.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { BundleBuilder } from '../../bundle/bundleBuilder';
import { scanFiles, ScanFile } from '../../filter/diskScan';
import { readRanges } from '../../filter/readRanges';
import { Plan, rowsPlan, scanPlan, ViewFile } from '../../filter/viewPlans';
import { analyze, Analysis } from '../../service/analysis';
import { parseLog } from '../../service/parse';
import { FilterClause } from '../../service/formats/filterSpec';
import { matchDocument, sessionKey } from '../../service/filters/documentFilter';
import { matchRows, rowsCanAnswer } from '../../service/filters/rowFilter';
import { entryTextOf, planRowView } from '../../service/filters/rowView';
import { PageLimits } from '../../service/filters/view';
import { BundleIndex } from '../../service/index/bundleIndex';
import { LogFormat } from '../../service/model';
import { blueCedarEntries, BundleFile, oagEntries, placer as placeIn, rotate, writeBundle } from './bundleFixtures';
import { NOW } from './helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'glt-filter-disk-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** `file:line` (1-based) of each line of the concatenation. */
function placer(files: readonly BundleFile[]): (line: number) => string {
  const place = placeIn(files);
  return (line) => {
    const p = place(line);
    return `${p.file}:${p.line + 1}`;
  };
}

interface Fixture {
  format: LogFormat;
  files: BundleFile[];
  analysis: Analysis;
  index: BundleIndex;
  /** The files as the index orders them (by time). */
  paths: string[];
}

async function fixture(name: string, format: LogFormat, files: BundleFile[]): Promise<Fixture> {
  const dir = path.join(tmp, name);
  const written = writeBundle(dir, files);
  const index = new BundleIndex();
  await new BundleBuilder(index).indexFiles(written, written.map((p) => fs.statSync(p).size), { now: NOW, chunkBytes: 4096 });
  const analysis = analyze(parseLog(files.map((f) => f.text).join(''), format, { now: NOW }));
  return { format, files, analysis, index, paths: index.files.map((f) => f.path) };
}

/** Places (file:line) of the document filter's matches on the concatenated text. */
function expected(f: Fixture, clauses: FilterClause[]): string[] {
  const matches = matchDocument(f.analysis, clauses);
  assert.ok(typeof matches !== 'string', String(matches));
  const place = placer(f.files);
  return [...matches].map((i) => place(f.analysis.log.entries[i].startLine));
}

function viewFiles(f: Fixture): ViewFile[] {
  return f.index.files.map((file) => ({ uri: `file://${file.path}`, path: file.path, name: path.basename(file.path), format: file.format, compressed: file.compressed }));
}

/** Every part of a plan: the place and text of each entry, and where each gap's first skipped entry is. */
async function allParts(plan: Plan, gaps: string[] = []): Promise<{ place: string; text: string }[]> {
  const out: { place: string; text: string }[] = [];
  for (let part = 0; part < 1000; part++) {
    const page = await plan.page(part);
    if (!page) {
      break;
    }
    const lines = page.text.split(page.eol);
    for (let g = 0; g < page.gaps.count; g++) {
      gaps.push(`${plan.files[page.gaps.file[g]].name}:${page.gaps.line[g] + 1}`);
    }
    for (let k = 0; k < page.entries.count; k++) {
      out.push({
        place: `${plan.files[page.entries.file[k]].name}:${page.entries.line[k] + 1}`,
        text: lines.slice(page.entries.viewLine[k], page.entries.viewLine[k] + page.entries.lines[k]).join('\n'),
      });
    }
    if (!page.end?.more) {
      break;
    }
  }
  return out;
}

/** Where the first entry skipped before each match is (for the matches that follow skipped entries). */
function expectedGaps(f: Fixture, clauses: FilterClause[]): string[] {
  const matches = matchDocument(f.analysis, clauses) as Int32Array;
  const place = placer(f.files);
  return [...matches].flatMap((m, i) => {
    const previous = i > 0 ? matches[i - 1] : -1;
    return m - previous > 1 ? [place(f.analysis.log.entries[previous + 1].startLine)] : [];
  });
}

/** The document's text of the entries at the expected places (line breaks as LF). */
function expectedTexts(f: Fixture, clauses: FilterClause[]): string[] {
  const matches = matchDocument(f.analysis, clauses) as Int32Array;
  const { text, entries } = f.analysis.log;
  return [...matches].map((i) => text.slice(entries[i].start, entries[i].end).replace(/\r\n?/g, '\n'));
}

/** `Nov 11 10:12:13` of a time (the wall clock as the fixtures write it, UTC). */
function clockOf(time: number): string {
  const d = new Date(time);
  return `Nov ${d.getUTCDate()} ${d.toISOString().slice(11, 19)}`;
}

const SMALL: PageLimits = { maxChars: 3000, maxLines: 40, maxEntryChars: 100_000 };

async function checkAllWays(f: Fixture, clauses: FilterClause[], what: string): Promise<void> {
  const want = expected(f, clauses);
  const texts = expectedTexts(f, clauses);
  const fileNumbers = f.index.files.map((_, i) => i);
  if (rowsCanAnswer(clauses, f.format)) {
    const rows = matchRows(f.index, fileNumbers, clauses);
    assert.ok(typeof rows !== 'string');
    const places = [...rows].map((r) => {
      const ref = f.index.entryRef(r);
      return `${path.basename(ref.path)}:${ref.line + 1}`;
    });
    assert.deepEqual(places, want, `${what}: rows`);
    const plan = rowsPlan(f.index, planRowView(f.index, fileNumbers, rows, SMALL), viewFiles(f), new Map(fileNumbers.map((n) => [n, n])), '\n', SMALL);
    const gaps: string[] = [];
    const parts = await allParts(plan, gaps);
    assert.deepEqual(parts.map((p) => p.place), want, `${what}: parts of the rows view`);
    assert.deepEqual(gaps, expectedGaps(f, clauses), `${what}: skipped entries of the rows view`);
    assert.deepEqual(parts.map((p) => p.text), texts, `${what}: texts of the rows view`);
  }
  const scan: ScanFile[] = f.index.files.map((file, i) => ({ path: file.path, format: file.format, compressed: file.compressed, indexFile: i }));
  const plan = scanPlan(viewFiles(f), scan, clauses, f.index, '\n', { limits: SMALL, provisionalMs: 60_000, chunkBytes: 4096 });
  const gaps: string[] = [];
  const parts = await allParts(plan, gaps);
  assert.deepEqual(parts.map((p) => p.place), want, `${what}: scan with the index`);
  assert.deepEqual(gaps, expectedGaps(f, clauses), `${what}: skipped entries of the scanned view`);
  assert.deepEqual(parts.map((p) => p.text), texts, `${what}: texts of the scanned view`);
  assert.equal(plan.matched(), want.length);
  // Without the index: the scan pairs sessions itself as it reads, and finds the same entries; only
  // the problems of sessions wait for the index (filtering a file adds it to the bundle).
  if (!clauses.some((c) => c.type === 'problems')) {
    const places: string[] = [];
    await scanFiles(scan.map((s) => ({ ...s, indexFile: undefined })), clauses, undefined, (m) => {
      places.push(`${path.basename(scan[m.file].path)}:${m.line + 1}`);
      return true;
    }, { chunkBytes: 2048 });
    assert.deepEqual(places, want, `${what}: scan without the index`);
    // Every part of the view without the index: a later part is read again from where it starts, and
    // must know what the entries before it told (who a session names) as the counting scan did.
    const unindexed = scanPlan(viewFiles(f), scan.map((s) => ({ ...s, indexFile: undefined })), clauses, undefined, '\n', { limits: SMALL, provisionalMs: 60_000, chunkBytes: 4096 });
    const unindexedParts = await allParts(unindexed);
    assert.deepEqual(unindexedParts.map((p) => p.place), want, `${what}: parts of the scanned view without the index`);
    assert.equal(unindexed.matched(), want.length);
  }
}

describe('views of files on disk agree with the document filter', () => {
  test('Blue Cedar, three rotated files, one gzipped', async () => {
    // Some entries of other severities, so that a severity floor selects some.
    // Some STOPs whose durationSeconds disagree with their START (a session problem, a warning).
    const entries = blueCedarEntries(600, 5).map((e, i) => (i % 7 === 3 ? e.replace('Sev:Informational', 'Sev:Warning') : i % 11 === 5 ? e.replace('Sev:Informational', 'Sev:Major') : e))
      .map((e, i) => (i % 9 === 4 && /Session STOP/.test(e) ? e.replace(/"durationSeconds": ?\d+/, '"durationSeconds":99999') : e));
    const f = await fixture('bc', 'bluecedar', rotate(entries, 3, 'messages', { gzipEvery: 2 }));
    // A session that crosses files, found by its key.
    const crossing = f.analysis.sessions.sessions.find((s) => s.start !== undefined && s.stop !== undefined && s.members.length > 2
      && placer(f.files)(f.analysis.log.entries[s.start].startLine).split(':')[0] !== placer(f.files)(f.analysis.log.entries[s.stop].startLine).split(':')[0]);
    assert.ok(crossing, 'the fixture has a session across files');
    const cases: [string, FilterClause[]][] = [
      ['severity', [{ type: 'severity', min: 'warning' }]],
      ['kinds', [{ type: 'kind', kinds: ['sessionStart', 'sessionStop'] }]],
      ['component', [{ type: 'component', values: ['INTFMGR'] }]],
      ['event', [{ type: 'event', values: ['Policy REJECT'] }]],
      ['rejected', [{ type: 'rejected' }]],
      ['problems', [{ type: 'problems' }]],
      ['session across files', [{ type: 'session', key: sessionKey(crossing), anchorTime: f.analysis.log.entries[crossing.start!].time }]],
      ['user', [{ type: 'user', value: 'AKIM' }]],
      ['app and not a user', [{ type: 'app', value: 'docs' }, { type: 'user', value: 'akim', exclude: true }]],
      ['time range', [{ type: 'time', range: 'Nov 11 09:00 to 10:30:15' }]],
      // Both ends are inclusive: a range that ends on an entry's time takes that entry.
      ['time range ending on an entry', [{ type: 'time', range: `Nov 11 08:10 to ${clockOf(f.analysis.log.entries[200].time!)}` }]],
      ['text', [{ type: 'text', pattern: 'tunnel interface vt1' }]],
      ['regex and user', [{ type: 'text', pattern: 'vt[0-9]\\b', regex: true }, { type: 'user', value: 'dpatel' }]],
    ];
    for (const [what, clauses] of cases) {
      const want = expected(f, clauses);
      assert.ok(want.length > 0 && want.length < f.analysis.log.entries.length, `${what} selects some entries (${want.length})`);
      await checkAllWays(f, clauses, what);
    }
  });

  test('OAG with CRLF, four files, two gzipped', async () => {
    const f = await fixture('oag', 'oag', rotate(oagEntries(500, 9), 4, 'ics_all.log', { gzipEvery: 2, crlf: true }));
    const session = f.analysis.sessions.sessions.find((s) => s.members.length > 3)!;
    const cases: [string, FilterClause[]][] = [
      ['event', [{ type: 'event', values: ['USER_AUTHZ'] }]],
      ['rejected', [{ type: 'rejected' }]],
      ['session', [{ type: 'session', key: sessionKey(session) }]],
      ['user', [{ type: 'user', value: 'akim@acme.example' }]],
      ['component (not in the index: a scan)', [{ type: 'component', values: ['AUTHN'] }]],
      ['time', [{ type: 'time', range: '2021-09-14 08:10 to 08:20' }]],
    ];
    for (const [what, clauses] of cases) {
      const want = expected(f, clauses);
      assert.ok(want.length > 0, `${what} selects some entries`);
      await checkAllWays(f, clauses, what);
    }
  });
});

test('a time range across New Year takes the year-less entries between its ends: document, index and scan alike', async () => {
  const line = (clock: string, message: string): string => `${clock} tilera3 Mocana: [IKE], SubCls:999, EID: 0, Type: General, Sev:Informational, ${message}\n`;
  const text = line('Dec 30 12:00:00', 'the day before') + line('Dec 31 23:30:00', 'before midnight') + line('Jan  1 00:30:00', 'after midnight')
    + line('Jan  1 02:30:00', 'later');
  const f = await fixture('new-year', 'bluecedar', [{ name: 'gateway.log', text, gzip: false }]);
  const cases: [FilterClause[], string[]][] = [
    [[{ type: 'time', range: '2021-12-31 23:00 to 2022-01-01 01:00' }], ['gateway.log:2', 'gateway.log:3']],
    [[{ type: 'time', range: 'Dec 31 2021 23:00 to Jan 1 2022 01:00', exclude: true }], ['gateway.log:1', 'gateway.log:4']],
    // More than a year: every year-less time is in it.
    [[{ type: 'time', range: '2020-12-31 23:00 to 2022-01-01 01:00' }], ['gateway.log:1', 'gateway.log:2', 'gateway.log:3', 'gateway.log:4']],
    [[{ type: 'time', range: '2021-12-31 00:00 to 2021-12-31 23:59' }], ['gateway.log:2']],
  ];
  for (const [clauses, want] of cases) {
    assert.deepEqual(expected(f, clauses), want, clauses[0].type === 'time' ? clauses[0].range : '');
    await checkAllWays(f, clauses, JSON.stringify(clauses));
  }
});

test('without the index, a scan pairs sessions as it reads: an appGsid used again later is another session', async () => {
  const { bcLinked, bcStart, bcStop } = await import('./helpers');
  const t = Date.UTC(2021, 10, 11, 9, 0, 0);
  const akim = { username: 'akim', appGsid: 77 };
  const lena = { username: 'lena', appGsid: 77 };
  const text = bcStart(t, akim) + bcLinked(t + 1000, 77, 'Adding tunnel interface vt1') + bcStop(t + 2000, { ...akim, durationSeconds: 2 })
    + bcStart(t + 3000, lena) + bcLinked(t + 4000, 77, 'Adding tunnel interface vt2') + bcStop(t + 5000, { ...lena, durationSeconds: 2 });
  const [file] = writeBundle(path.join(tmp, 'reuse'), [{ name: 'gateway.log', text, gzip: false }]);
  const scanned = async (clauses: FilterClause[]): Promise<number[]> => {
    const lines: number[] = [];
    await scanFiles([{ path: file, format: 'bluecedar', compressed: false }], clauses, undefined, (m) => lines.push(m.line) > 0);
    return lines;
  };
  const analysis = analyze(parseLog(text, 'bluecedar', { now: NOW }));
  const lines = (clauses: FilterClause[]) => [...(matchDocument(analysis, clauses) as Int32Array)].map((i) => analysis.log.entries[i].startLine);
  assert.deepEqual(await scanned([{ type: 'user', value: 'lena' }]), lines([{ type: 'user', value: 'lena' }]));
  assert.equal((await scanned([{ type: 'user', value: 'lena' }])).length, 3);
  const akimsTunnel: FilterClause[] = [{ type: 'user', value: 'akim' }, { type: 'text', pattern: 'tunnel' }];
  assert.deepEqual(await scanned(akimsTunnel), lines(akimsTunnel));
  assert.equal(lines(akimsTunnel).length, 1, 'only the event of akim\'s session, not of lena\'s with the same appGsid');
});

test('a scan shows its first part before it is full, then finishes it and says so', async () => {
  const files = rotate(blueCedarEntries(400, 2), 1, 'gateway.log');
  const [file] = writeBundle(path.join(tmp, 'provisional'), files);
  let finished = 0;
  const plan = scanPlan([{ uri: 'file:///x', path: file, name: 'gateway.log', format: 'bluecedar', compressed: false }],
    [{ path: file, format: 'bluecedar', compressed: false }], [{ type: 'severity', min: 'debug' }], undefined, '\n', { provisionalMs: 0, chunkBytes: 1024, onFirstPartFinished: () => finished++ });
  const early = (await plan.page(0))!;
  assert.ok(early.end?.reading, 'the early part says reading goes on');
  while (!plan.complete()) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const final = (await plan.page(0))!;
  assert.equal(final.end?.reading, undefined);
  assert.equal(finished, 1);
  assert.equal(final.entries.count, 400);
  assert.ok(final.text.startsWith(early.text.replace(/\n$/, '')), 'what was shown early is the start of the part');
});

test('export of a scan still reading: every matching entry, not the part shown so far', async () => {
  const { exportPlan } = await import('../../filter/viewExport');
  const entries = blueCedarEntries(400, 3);
  const [file] = writeBundle(path.join(tmp, 'export-reading'), rotate(entries, 1, 'gateway.log'));
  const clauses: FilterClause[] = [{ type: 'text', pattern: 'tunnel interface' }];
  const want = entries.filter((e) => e.includes('tunnel interface'));
  assert.ok(want.length > 10);
  // The first part is shown at once (before any reading), as a slow read of a large file shows it.
  const plan = scanPlan([{ uri: 'file:///x', path: file, name: 'gateway.log', format: 'bluecedar', compressed: false }],
    [{ path: file, format: 'bluecedar', compressed: false }], clauses, undefined, '\n', { limits: SMALL, provisionalMs: 0, chunkBytes: 512 });
  const target = path.join(tmp, 'export-reading.log');
  const result = await exportPlan(plan, target, 'log');
  assert.ok(!('error' in result));
  assert.equal(result.entries, want.length);
  assert.equal(fs.readFileSync(target, 'utf8'), want.join(''));
});

test('export writes each entry whole, also one that a part of the view shows cut', async () => {
  const { FilterViews } = await import('../../filter/filterViews');
  const { viewUri } = await import('../../service/formats/filterSpec');
  const long = `{"reason":"${'x'.repeat(5000)}"}`;
  const text = blueCedarEntries(30, 4).join('').replace('Adding tunnel interface', `Adding tunnel interface ${long}`);
  const analysis = analyze(parseLog(text, 'bluecedar', { now: NOW }));
  const uri = 'untitled:gateway.log';
  const views = new FilterViews({ analysisOf: (u) => (u === uri ? analysis : undefined), changed: () => undefined, log: () => undefined },
    { maxChars: 100_000, maxLines: 1000, maxEntryChars: 1000 });
  const view = viewUri({ source: { kind: 'document', uri }, clauses: [{ type: 'text', pattern: 'tunnel interface' }], page: 0, format: 'bluecedar' }, 'gateway.log');
  const shown = await views.text(view);
  assert.ok('text' in shown && !shown.text.includes(long), 'the view shows the long entry cut');
  const target = path.join(tmp, 'export-whole.log');
  const result = await views.export(view, target, 'log');
  assert.ok(!('error' in result), JSON.stringify(result));
  const matches = matchDocument(analysis, [{ type: 'text', pattern: 'tunnel interface' }]) as Int32Array;
  assert.equal(fs.readFileSync(target, 'utf8'), [...matches].map((i) => `${text.slice(analysis.log.entries[i].start, analysis.log.entries[i].end)}\n`).join(''));
  views.dispose();
});

test('two requests for a view not made yet make one plan, and both are answered from it', async () => {
  // A plan of a file on disk scans the file: a second plan made for the same view at the same time
  // was never disposed of, and its scan read the file to its end for nothing.
  const { FilterViews } = await import('../../filter/filterViews');
  const { viewUri } = await import('../../service/formats/filterSpec');
  const text = blueCedarEntries(60, 5).join('');
  const analysis = analyze(parseLog(text, 'bluecedar', { now: NOW }));
  const uri = 'untitled:twice.log';
  const views = new FilterViews({ analysisOf: (u) => (u === uri ? analysis : undefined), changed: () => undefined, log: () => undefined });
  const internals = views as unknown as { makePlan: (...args: unknown[]) => Promise<unknown> };
  const make = internals.makePlan.bind(views);
  let made = 0;
  internals.makePlan = (...args: unknown[]) => {
    made++;
    return make(...args);
  };
  const view = viewUri({ source: { kind: 'document', uri }, clauses: [{ type: 'text', pattern: 'tunnel' }], page: 0, format: 'bluecedar' }, 'twice.log');
  const [a, b] = await Promise.all([views.text(view), views.text(view)]);
  assert.equal(made, 1);
  assert.ok('text' in a && 'text' in b && a.text === b.text && a.text.length > 0);
  views.dispose();
});

test('readRanges: any ranges of a plain or gzipped file, in the order asked', async () => {
  const text = Buffer.from(blueCedarEntries(200, 4).join(''));
  const plain = path.join(tmp, 'ranges.log');
  const gz = path.join(tmp, 'ranges.log.gz');
  fs.writeFileSync(plain, text);
  fs.writeFileSync(gz, gzipSync(text));
  await fc.assert(fc.asyncProperty(fc.array(fc.tuple(fc.nat(text.length), fc.nat(70_000)), { maxLength: 12 }), async (pairs) => {
    const ranges = pairs.map(([start, length]) => ({ start, end: Math.min(text.length + 10, start + length) }));
    const want = ranges.map((r) => text.subarray(r.start, r.end));
    assert.deepEqual(await readRanges(plain, false, ranges), want);
    assert.deepEqual(await readRanges(gz, true, ranges), want);
  }), { numRuns: 25 });
});

test('entryTextOf: an entry without what follows it up to the next entry', () => {
  assert.equal(entryTextOf('bluecedar', 'Oct 31 2021 22:45:00 h Mocana: [AAA], x  \n{\n "a": 1\n}\n\n  \n'), 'Oct 31 2021 22:45:00 h Mocana: [AAA], x  \n{\n "a": 1\n}');
  assert.equal(entryTextOf('bluecedar', 'Oct 31 2021 22:45:00 h Mocana: [AAA], x\r\n\r\n'), 'Oct 31 2021 22:45:00 h Mocana: [AAA], x');
  assert.equal(entryTextOf('oag', '2021-09-14T08:00:05.000-05:00 h APP - - INFO X [] m\r\ncontinued\r\n\r\nstray after a blank\r\n'), '2021-09-14T08:00:05.000-05:00 h APP - - INFO X [] m\r\ncontinued');
  assert.equal(entryTextOf('oag', 'one line'), 'one line');
});
