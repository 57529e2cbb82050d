#!/usr/bin/env node
// Benchmark of filtered views (issue #15). Part of `npm run bench`, after bench/run.mjs.
//
//   node bench/filter.mjs               50 MB logs in-process, and a 1 GB Blue Cedar file on disk
//   node bench/filter.mjs --size 2      smoke run: 2 MB logs and a 40 MB "large" file (results in bench/data/)
//   node bench/filter.mjs --runs 7      repetitions of each in-process measure (default 5)
//
// What is measured:
// - In-process, on the 50 MB logs of bench/run.mjs (same generator and seeds), after the log is
//   analysed: building the "only problems" and "only this user" views (evaluating the clause over every
//   entry, cutting the matches into parts, the text and map of the first part), and a regular-expression
//   view; each run several times (min / median / max).
// - A 1 GB Blue Cedar file on disk, not in the bundle index: the first part of a filtered view through
//   the server's view code (the scan of the file), the rate of the whole scan, and the process's
//   memory while scanning (sampled every 50 ms: peak RSS and heap above what it was before).
// - The same file in the bundle index: indexing it, then the first part of the same views from the
//   index (rows evaluated without reading text, the part's text read by byte offset).
// - For comparison, the parse rate of one file (parseLog of the 50 MB log in-process).
import { existsSync, mkdirSync, openSync, closeSync, writeSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateBlueCedar, generateOag } from './generate.mjs';
import { now, ROOT } from './lsp.mjs';

const require = createRequire(import.meta.url);
const out = (p) => require(path.join(ROOT, 'server', 'out', p));
const { parseLog } = out('service/parse.js');
const { analyze } = out('service/analysis.js');
const { matchDocument } = out('service/filters/documentFilter.js');
const { planDocumentView, documentPage } = out('service/filters/documentView.js');
const { FilterViews } = out('filter/filterViews.js');
const { BundleService } = out('bundle/bundleService.js');
const { viewUri } = out('service/formats/filterSpec.js');

const MB = 1024 * 1024;
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i === -1 ? fallback : argv[i + 1];
};
const SIZE_MB = Number(option('--size', '50'));
const RUNS = Number(option('--runs', '5'));
const LARGE_MB = SIZE_MB === 50 ? 1024 : SIZE_MB * 20;
const FULL_RUN = SIZE_MB === 50;
const DATA = path.join(ROOT, 'bench', 'data');
const RESULTS = FULL_RUN ? path.join(ROOT, 'bench', 'filter-results.json') : path.join(DATA, `filter-results-${SIZE_MB}MB.json`);
const log = (...a) => console.error('[bench:filter]', ...a);
const round = (x, d = 1) => (x === undefined || Number.isNaN(x) ? undefined : +x.toFixed(d));
const spread = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: round(sorted[0]), median: round(sorted[Math.floor(sorted.length / 2)]), max: round(sorted[sorted.length - 1]), n: values.length };
};

// -------------------------------------------------------------------------- 50 MB, in-process

/** The view of `clauses` as the server builds it for an open document: evaluate, cut into parts, first part. */
function buildView(analysis, clauses) {
  const t = now();
  const matches = matchDocument(analysis, clauses);
  if (typeof matches === 'string') throw new Error(matches);
  const plan = planDocumentView(analysis, matches);
  const page = documentPage(analysis, plan, 0);
  return { ms: now() - t, matches: matches.length, parts: Math.max(1, plan.starts.length), firstPartMB: page.text.length / MB, firstPartLines: page.lineCount };
}

function measureDocument(format) {
  const target = Math.max(4096, SIZE_MB * MB - 4096);
  const text = format === 'bluecedar' ? generateBlueCedar(target, 1) : generateOag(target, 2);
  const parseTimes = [];
  for (let i = 0; i < 3; i++) {
    const t = now();
    parseLog(text, format);
    parseTimes.push(now() - t);
  }
  const analysis = analyze(parseLog(text, format));
  const user = format === 'bluecedar' ? 'akim' : 'akim@acme-corp.com';
  const views = {
    problems: [{ type: 'problems' }],
    user: [{ type: 'user', value: user }],
    regex: [{ type: 'text', pattern: format === 'bluecedar' ? 'tunnel interface vt(1|2)\\d\\b' : 'RESOURCE="/r/(1|2)\\d\\d"', regex: true }],
  };
  const result = { bytes: Buffer.byteLength(text), entries: analysis.log.entries.length, parseMBps: round(Buffer.byteLength(text) / MB / (Math.min(...parseTimes) / 1000)) };
  for (const [name, clauses] of Object.entries(views)) {
    buildView(analysis, clauses); // warm-up
    const runs = [];
    let last;
    for (let i = 0; i < RUNS; i++) {
      last = buildView(analysis, clauses);
      runs.push(last.ms);
    }
    result[name] = { ms: spread(runs), matches: last.matches, parts: last.parts, firstPartMB: round(last.firstPartMB, 2), firstPartLines: last.firstPartLines };
    log(`${format} ${name}: ${result[name].ms.median} ms (${result[name].ms.min}-${result[name].ms.max}), ${last.matches} matches, ${last.parts} parts`);
  }
  return result;
}

// -------------------------------------------------------------------------- 1 GB on disk

function ensureLarge() {
  mkdirSync(DATA, { recursive: true });
  const file = path.join(DATA, `filter-bluecedar-${LARGE_MB}MB.log`);
  if (existsSync(file) && statSync(file).size >= LARGE_MB * MB - 64 * MB) {
    return file;
  }
  const started = now();
  const fd = openSync(file, 'w');
  let written = 0;
  // Files of this size cannot be one string: written as 50 MB pieces of different seeds.
  const piece = Math.min(50, LARGE_MB) * MB;
  for (let seed = 1; written < LARGE_MB * MB; seed++) {
    const text = generateBlueCedar(Math.min(piece, LARGE_MB * MB - written), seed);
    written += writeSync(fd, text);
  }
  closeSync(fd);
  log(`generated ${path.relative(ROOT, file)} (${Math.round(written / MB)} MB) in ${Math.round((now() - started) / 1000)} s`);
  return file;
}

/** Samples memory every 50 ms until stopped: peak RSS and heap above the start. */
function memoryWatch() {
  global.gc?.();
  const base = process.memoryUsage();
  let rss = 0;
  let heap = 0;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss - base.rss);
    heap = Math.max(heap, m.heapUsed + m.external + m.arrayBuffers - base.heapUsed - base.external - base.arrayBuffers);
  }, 50);
  return () => {
    clearInterval(timer);
    return { peakRssAboveStartMB: round(rss / MB), peakHeapAboveStartMB: round(heap / MB), startRssMB: round(base.rss / MB) };
  };
}

async function untilComplete(views, uri) {
  for (;;) {
    const info = views.info(uri);
    if (info?.complete) return info;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function measureView(views, file, clauses, name) {
  const spec = { source: { kind: 'file', uri: pathToFileURL(file).href }, clauses, page: 0, format: 'bluecedar' };
  const stop = memoryWatch();
  const t = now();
  const uri = viewUri(spec, path.basename(file));
  const answer = await views.text(uri);
  if (answer.error) throw new Error(answer.error);
  const firstPartMs = now() - t;
  const info = await untilComplete(views, uri);
  const totalMs = now() - t;
  const memory = stop();
  const size = statSync(file).size;
  const result = {
    firstPartMs: round(firstPartMs), firstPartLines: answer.text.split('\n').length, kind: info.kind, matched: info.matched, entries: info.entries,
    parts: info.parts, totalMs: round(totalMs), MBps: round(size / MB / (totalMs / 1000)), memory,
  };
  log(`${name}: first part ${result.firstPartMs} ms, ${info.kind}, ${info.matched} matches in ${info.parts} parts, whole file ${Math.round(totalMs)} ms (${result.MBps} MB/s), +${memory.peakRssAboveStartMB} MB RSS`);
  return result;
}

async function measureLarge() {
  const file = ensureLarge();
  const size = statSync(file).size;
  const views = {
    user: [{ type: 'user', value: 'akim' }],
    warnings: [{ type: 'severity', min: 'warning' }],
    problems: [{ type: 'problems' }],
  };
  const result = { bytes: size, scan: {}, index: {} };
  // Not in any index: the server scans the file.
  for (const [name, clauses] of Object.entries(views)) {
    const filterViews = new FilterViews({ analysisOf: () => undefined, changed: () => undefined, log: () => undefined });
    result.scan[name] = await measureView(filterViews, file, clauses, `scan ${name}`);
    filterViews.dispose();
  }
  // In the bundle index: index it first (as the server does in the background), then the same views.
  const stop = memoryWatch();
  const bundle = new BundleService({ log: () => undefined, beginProgress: async () => ({ report() {}, cancelled: false, done() {} }), changed: () => undefined },
    { workerScript: path.join(ROOT, 'server', 'out', 'indexWorker.js'), workers: 1 });
  const t = now();
  bundle.configure([], [file], { enabled: false, include: [], exclude: [] });
  await new Promise((resolve) => setTimeout(resolve, 10));
  await bundle.idle();
  result.index.indexMs = round(now() - t);
  result.index.indexMemory = stop();
  result.index.entries = bundle.index.entryCount;
  log(`indexed ${Math.round(size / MB)} MB in ${result.index.indexMs} ms (${bundle.index.entryCount} entries)`);
  for (const [name, clauses] of Object.entries(views)) {
    const filterViews = new FilterViews({ analysisOf: () => undefined, bundle, changed: () => undefined, log: () => undefined });
    result.index[name] = await measureView(filterViews, file, clauses, `index ${name}`);
    filterViews.dispose();
  }
  await bundle.dispose();
  return result;
}

async function main() {
  const results = {
    machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version, load: os.loadavg().map((l) => round(l, 2)) },
    sizeMB: SIZE_MB, runs: RUNS,
    document: { bluecedar: measureDocument('bluecedar'), oag: measureDocument('oag') },
  };
  results.large = await measureLarge();
  const d = results.document;
  const l = results.large;
  const met = (value, target) => `${value} ${value <= target ? '(met)' : '(MISSED)'}`;
  const table = [
    '| measure | Blue Cedar | OAG | target |',
    '|---|---:|---:|---|',
    `| 50 MB log: parseLog, best of 3 (MB/s) | ${d.bluecedar.parseMBps} | ${d.oag.parseMBps} | |`,
    `| "only problems" view, after analysis: median (min-max) ms; matches | ${met(d.bluecedar.problems.ms.median, 300)} (${d.bluecedar.problems.ms.min}-${d.bluecedar.problems.ms.max}); ${d.bluecedar.problems.matches} | ${met(d.oag.problems.ms.median, 300)} (${d.oag.problems.ms.min}-${d.oag.problems.ms.max}); ${d.oag.problems.matches} | ≤ 300 ms |`,
    `| "only this user" view, after analysis: median (min-max) ms; matches, parts | ${met(d.bluecedar.user.ms.median, 300)} (${d.bluecedar.user.ms.min}-${d.bluecedar.user.ms.max}); ${d.bluecedar.user.matches}, ${d.bluecedar.user.parts} | ${met(d.oag.user.ms.median, 300)} (${d.oag.user.ms.min}-${d.oag.user.ms.max}); ${d.oag.user.matches}, ${d.oag.user.parts} | ≤ 300 ms |`,
    `| regular-expression view: median ms (MB/s) | ${d.bluecedar.regex.ms.median} (${round(d.bluecedar.bytes / MB / (d.bluecedar.regex.ms.median / 1000))}) | ${d.oag.regex.ms.median} (${round(d.oag.bytes / MB / (d.oag.regex.ms.median / 1000))}) | |`,
  ];
  const large = [
    `| ${Math.round(l.bytes / MB)} MB Blue Cedar file on disk | first part (ms) | whole file (ms; MB/s) | matches (parts) | peak RSS / heap above start (MB) |`,
    '|---|---:|---:|---:|---:|',
    ...['user', 'warnings', 'problems'].flatMap((name) => ['scan', 'index'].map((how) => {
      const r = l[how][name];
      return `| ${how === 'scan' ? 'not indexed (scan)' : 'from the index'}: ${name === 'user' ? 'only this user' : name === 'warnings' ? 'warnings or worse' : 'only problems'} | ${r.firstPartMs}${how === 'scan' && name !== 'problems' ? ` ${r.firstPartMs <= 2000 ? '(met)' : '(MISSED)'}` : ''} | ${r.totalMs}; ${r.MBps} | ${r.matched} (${r.parts}) | ${r.memory.peakRssAboveStartMB} / ${r.memory.peakHeapAboveStartMB} |`;
    })),
    `| indexing the file (1 worker) | | ${l.index.indexMs}; ${round(l.bytes / MB / (l.index.indexMs / 1000))} | ${l.index.entries} entries | ${l.index.indexMemory.peakRssAboveStartMB} / ${l.index.indexMemory.peakHeapAboveStartMB} |`,
  ];
  results.table = `${table.join('\n')}\n\n${large.join('\n')}`;
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  console.log(results.table);
  log(`results in ${path.relative(ROOT, RESULTS)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
