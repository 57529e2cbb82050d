/**
 * Findings and the timeline across a bundle: the records the index gives the rules are those of a
 * full parse of the concatenated files, so every rule finds the same things; and a pattern split
 * over two files (a burst of REJECTs across a rotation) is found in the bundle and in neither file.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { BundleBuilder } from '../../bundle/bundleBuilder';
import { analyze } from '../../service/analysis';
import { parseLog } from '../../service/parse';
import { buildTimeline } from '../../service/features/timeline';
import { computeFindings, defaultFindingsOptions, factsOfAnalysis, Finding } from '../../service/findings';
import { BundleIndex } from '../../service/index/bundleIndex';
import { bundleLevels, factsOfBundle } from '../../service/index/bundleFacts';
import { BundleFile, oagEntries, rotate, writeBundle } from './bundleFixtures';
import { bcHeader, bcLinked, bcReject, BcSession, bcStart, bcStop, NOW } from './helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'glt-bundle-findings-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const options = defaultFindingsOptions();

async function indexOf(dir: string, files: readonly BundleFile[]): Promise<BundleIndex> {
  const index = new BundleIndex();
  await new BundleBuilder(index).sync(writeBundle(path.join(tmp, dir), files), { now: NOW, chunkBytes: 4096 });
  return index;
}

/** Findings as comparable text: rule, who, and the concatenation's line they are shown on. */
function describe(findings: readonly Finding[], place: (file: string | undefined, line: number) => number): string[] {
  return findings.map((f) => `${f.code} ${f.user ?? ''} @${place(f.where.file, f.where.line)}`).sort();
}

function concatenationPlace(index: BundleIndex, files: readonly BundleFile[]): (file: string | undefined, line: number) => number {
  const bases = new Map<string, number>();
  let total = 0;
  for (const f of files) {
    bases.set(f.name, total);
    total += f.text.split('\n').length - 1;
  }
  return (file, line) => (file === undefined ? line : bases.get(path.basename(file))! + line);
}

test('a session without STOP runs to the bundle\'s last entry, in the next file too, as in the concatenated files', async () => {
  // Two sessions of bob from two addresses, neither stopped; the next file goes on for half an hour
  // with entries no rule reads.
  const T = Date.UTC(2021, 10, 11, 8, 0, 0);
  const start = (ms: number, gsid: number, ip: string, device: string): string => `${bcHeader(ms)}\nSession START ${JSON.stringify({ sessionId: { username: 'bob', device: { osType: 'ios', uniqueId: device }, app: { publicSrcIp: ip, appName: 'Mail', appGsid: gsid } } })}\n`;
  const files: BundleFile[] = [
    { name: 'messages.1', text: start(T, 11, '198.51.100.1', 'A') + start(T + 60_000, 12, '203.0.113.7', 'B'), gzip: false },
    { name: 'messages', text: bcLinked(T + 30 * 60_000, 12, 'Removing tunnel interface vt2'), gzip: true },
  ];
  const index = await indexOf('no-stop', files);
  const facts = factsOfBundle(index);
  assert.equal(facts.end, T + 30 * 60_000);
  const overlaps = computeFindings(facts, options).findings.filter((f) => f.code === 'finding-overlapping-sessions');
  const whole = computeFindings(factsOfAnalysis(analyze(parseLog(files.map((f) => f.text).join(''), 'bluecedar', { now: NOW }))), options).findings
    .filter((f) => f.code === 'finding-overlapping-sessions');
  assert.equal(overlaps.length, 1);
  assert.deepEqual(overlaps.map((f) => f.message), whole.map((f) => f.message));
});

test('Blue Cedar: the bundle\'s findings are those of the concatenated files (jailbroken, burst, long session)', async () => {
  const T = Date.UTC(2021, 10, 11, 8, 0, 0);
  const jail: BcSession = { username: 'tnguyen', appGsid: 11 };
  const long: BcSession = { username: 'rsingh', appGsid: 12 };
  const start = (ms: number, s: BcSession, jailbroken = false): string =>
    bcStart(ms, s).replace('"jailbroken":false', `"jailbroken":${jailbroken}`);
  const files: BundleFile[] = [
    { name: 'messages.1', text: start(T, jail, true) + start(T + 1000, long) + bcReject(T + 50 * 60_000, 'mreyes') + bcReject(T + 51 * 60_000, 'mreyes') + bcReject(T + 52 * 60_000, 'mreyes'), gzip: false },
    { name: 'messages', text: bcReject(T + 53 * 60_000, 'mreyes') + bcReject(T + 54 * 60_000, 'mreyes') + bcStop(T + 60 * 60_000, { ...jail, durationSeconds: 3600 }) + bcStop(T + 30 * 3_600_000, { ...long, durationSeconds: 30 * 3600 }), gzip: false },
  ];
  const index = await indexOf('bc', files);
  const bundle = computeFindings(factsOfBundle(index), options).findings;
  const whole = computeFindings(factsOfAnalysis(analyze(parseLog(files.map((f) => f.text).join(''), 'bluecedar', { now: NOW }))), options).findings;
  const place = concatenationPlace(index, files);
  assert.deepEqual(describe(bundle, place), describe(whole, place));
  const codes = bundle.map((f) => f.code);
  assert.ok(codes.includes('finding-jailbroken-allowed'));
  assert.ok(codes.includes('finding-failure-burst'), 'five REJECTs of one user over the rotation');
  assert.ok(codes.includes('finding-long-session'));
  // Neither file alone has the burst: three REJECTs in one, two in the other.
  for (const file of files) {
    const alone = computeFindings(factsOfAnalysis(analyze(parseLog(file.text, 'bluecedar', { now: NOW }))), options).findings;
    assert.ok(!alone.some((f) => f.code === 'finding-failure-burst'), `${file.name} alone`);
  }
  const burst = bundle.find((f) => f.code === 'finding-failure-burst')!;
  assert.deepEqual([...new Set(burst.evidence.map((e) => path.basename(e.where.file!)))].sort(), ['messages', 'messages.1']);
});

test('OAG: the same findings and timeline from the index as from the concatenated files', async () => {
  const files = rotate(oagEntries(600, 31), 3, 'ics_all.log', { gzipEvery: 2 });
  const index = await indexOf('oag', files);
  const analysis = analyze(parseLog(files.map((f) => f.text).join(''), 'oag', { now: NOW }));
  const place = concatenationPlace(index, files);
  // Thresholds low enough for this small log's denials to make spikes.
  const sensitive = defaultFindingsOptions();
  sensitive.rules.denySpike = { ...sensitive.rules.denySpike, count: 2, windowMinutes: 30 };
  const bundle = computeFindings(factsOfBundle(index), sensitive);
  const whole = computeFindings(factsOfAnalysis(analysis), sensitive);
  assert.ok(whole.findings.filter((f) => f.code === 'finding-deny-spike').length >= 3, `${whole.findings.length} findings`);
  assert.deepEqual(describe(bundle.findings, place), describe(whole.findings, place));
  const facts = factsOfBundle(index, { errors: true });
  const wholeFacts = factsOfAnalysis(analysis, { errors: true });
  assert.equal(facts.sessions.length, wholeFacts.sessions.length);
  assert.deepEqual(facts.events.map((e) => `${e.kind} ${e.user} ${e.resource} ${place(e.where.file, e.where.line)}`),
    wholeFacts.events.map((e) => `${e.kind} ${e.user} ${e.resource} ${e.where.line}`));
  const timeline = buildTimeline({ format: 'oag', facts, findings: bundle, levels: bundleLevels(index) });
  assert.equal(timeline.sessions.length, wholeFacts.sessions.length);
  assert.equal(timeline.entries, analysis.log.entries.length);
  assert.ok(timeline.sessions.some((s) => s.file?.endsWith('.gz')), 'sessions of the gzipped file are on it');
});
