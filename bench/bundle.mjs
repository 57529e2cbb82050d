// Bundle benchmark: a generated bundle of rotated logs (50 MB files, every other one gzipped, sessions
// crossing from one file to the next) indexed by the CLI (`gateway-logs sessions`) and by lnav on the
// same files, side by side, at three sizes. Wall time and peak RSS of each process (GNU time), best
// and spread over the runs. Part of `npm run bench`; results go to bench/results.json ("bundle").
//
//   node bench/bundle.mjs                     250 MB, 500 MB and 1 GB of each format, 3 runs
//   node bench/bundle.mjs --sizes 250 --runs 1 --only bluecedar
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { blueCedarEntries, oagEntries } from './generate.mjs';

const require = createRequire(import.meta.url);

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH, '..');
const DATA = path.join(BENCH, 'data', 'bundle');
const FILE_MB = 50;
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const SIZES = option('sizes', '250,500,1000').split(',').map(Number);
const RUNS = Number(option('runs', '3'));
const ONLY = option('only', undefined);
const FORMATS = ONLY ? [ONLY] : ['bluecedar', 'oag'];
const CLI = path.join(ROOT, 'dist', 'cli.js');
const log = (message) => console.log(`[bundle-bench] ${message}`);
const round = (n, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

/** The generated files of a format, oldest first; made once and reused (git-ignored). */
function bundleFiles(format, totalMB) {
  const count = Math.ceil(totalMB / FILE_MB);
  const generator = createHash('sha256').update(readFileSync(path.join(BENCH, 'generate.mjs'))).digest('hex').slice(0, 12);
  const dir = path.join(DATA, `${format}-${generator}`);
  const base = format === 'bluecedar' ? 'messages' : 'ics_all.log';
  // Files are numbered by age from the newest of the largest size; smaller sizes take the oldest ones.
  const all = Math.ceil(Math.max(...SIZES, totalMB) / FILE_MB);
  const name = (age) => (age === 0 ? base : `${base}.${age}${age % 2 === 1 ? '.gz' : ''}`);
  const files = Array.from({ length: all }, (_, i) => path.join(dir, name(all - 1 - i)));
  if (!existsSync(path.join(dir, `.complete-${all}`))) {
    // Bundles of an older generator are of no use any more: 1 GB each.
    for (const old of existsSync(DATA) ? readdirSync(DATA) : []) {
      if (old.startsWith(`${format}-`)) {
        rmSync(path.join(DATA, old), { recursive: true, force: true });
      }
    }
    mkdirSync(dir, { recursive: true });
    const entries = format === 'bluecedar' ? blueCedarEntries(1) : oagEntries(2);
    const started = Date.now();
    for (let i = 0; i < all; i++) {
      const parts = [];
      let size = 0;
      while (size < FILE_MB * 1024 * 1024) {
        const entry = entries.next().value;
        parts.push(entry, '\n');
        size += entry.length + 1;
      }
      const text = Buffer.from(parts.join(''));
      writeFileSync(files[i], files[i].endsWith('.gz') ? gzipSync(text, { level: 6 }) : text);
    }
    writeFileSync(path.join(dir, `.complete-${all}`), '');
    log(`generated ${all} files of ${format} in ${round((Date.now() - started) / 1000)} s`);
  }
  return files.slice(0, count);
}

/** Decompressed size of the files (what both tools index). */
function contentBytes(files) {
  return files.reduce((sum, f) => sum + (f.endsWith('.gz') ? gunzippedSize(f) : statSync(f).size), 0);
}

function gunzippedSize(file) {
  // ISIZE: the last four bytes of a single-member gzip file (files here are under 4 GB).
  const data = readFileSync(file);
  return data.readUInt32LE(data.length - 4);
}

/** Runs a command under GNU time: wall seconds and peak RSS (MB). */
function timed(command, commandArgs, env) {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...commandArgs], { env, encoding: 'utf8', maxBuffer: 1 << 30 });
  const last = result.stderr.trim().split('\n').pop() ?? '';
  const [seconds, kilobytes] = last.split(' ').map(Number);
  if (result.status !== 0 || !Number.isFinite(seconds)) {
    throw new Error(`${command} failed (${result.status}): ${result.stderr.slice(-2000)}`);
  }
  return { seconds, rssMB: round(kilobytes / 1024), stdout: result.stdout };
}

function lnavHome() {
  if (spawnSync('lnav', ['-V']).status !== 0) {
    if (process.getuid?.() === 0) {
      log('installing lnav (Debian package)');
      execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'lnav'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    } else {
      return undefined;
    }
  }
  const home = mkdtempSync(path.join(os.tmpdir(), 'glt-lnav-'));
  for (const format of ['bluecedar_log', 'oag_log']) {
    const file = path.join(home, `${format}.json`);
    copyFileSync(path.join(BENCH, 'lnav-formats', `${format}.json`), file);
    execFileSync('lnav', ['-i', file], { env: { ...process.env, HOME: home }, stdio: 'ignore' });
  }
  return home;
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { best: sorted[0], median: sorted[Math.floor(sorted.length / 2)], worst: sorted[sorted.length - 1] };
}

async function main() {
  // Always built: a dist/cli.js left from older sources would be measured instead of the code.
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'bundle.mjs')], { stdio: 'inherit' });
  const home = lnavHome();
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const results = {};
  for (const format of FORMATS) {
    results[format] = [];
    for (const sizeMB of SIZES) {
      const files = bundleFiles(format, sizeMB);
      const bytes = contentBytes(files);
      const runs = { cli: [], lnav: [] };
      let sessions = 0;
      for (let run = 0; run < RUNS; run++) {
        const cli = timed(process.execPath, [CLI, 'sessions', '--quiet', ...files], process.env);
        sessions = cli.stdout.split('\n').filter((l) => l.trim()).length;
        runs.cli.push(cli);
        if (home) {
          const table = format === 'bluecedar' ? 'bluecedar_log' : 'oag_log';
          const lnav = timed('lnav', ['-n', '-c', `;SELECT count(*) FROM ${table}`, ...files], { ...process.env, HOME: home });
          runs.lnav.push(lnav);
        }
        log(`${format} ${sizeMB} MB run ${run + 1}: cli ${runs.cli[run].seconds} s ${runs.cli[run].rssMB} MB` + (home ? `, lnav ${runs.lnav[run].seconds} s ${runs.lnav[run].rssMB} MB` : ''));
      }
      const cliTime = stats(runs.cli.map((r) => r.seconds));
      const cliRss = stats(runs.cli.map((r) => r.rssMB));
      const lnavTime = home ? stats(runs.lnav.map((r) => r.seconds)) : undefined;
      const lnavRss = home ? stats(runs.lnav.map((r) => r.rssMB)) : undefined;
      const mb = bytes / 1048576;
      results[format].push({
        sizeMB: round(mb), files: files.length, gzipped: files.filter((f) => f.endsWith('.gz')).length, sessions,
        cli: { seconds: cliTime, peakRssMB: cliRss, mbPerSecond: round(mb / cliTime.best), mbPerSecondPerCore: round(mb / cliTime.best / cores) },
        lnav: lnavTime && { seconds: lnavTime, peakRssMB: lnavRss, mbPerSecond: round(mb / lnavTime.best) },
        lnavOverCli: lnavTime ? round(lnavTime.best / cliTime.best, 2) : undefined,
      });
    }
  }
  if (home) {
    rmSync(home, { recursive: true, force: true });
  }
  const inProcess = {};
  for (const format of FORMATS) {
    inProcess[format] = await queries(bundleFiles(format, Math.max(...SIZES)));
  }
  const oagFastPath = FORMATS.includes('oag') ? fastPathAgainstParser(bundleFiles('oag', FILE_MB * 2).find((f) => !f.endsWith('.gz'))) : undefined;
  const lnavVersion = spawnSync('lnav', ['-V'], { encoding: 'utf8' }).stdout?.trim();
  const section = {
    date: new Date().toISOString(),
    machine: { cpu: os.cpus()[0]?.model, cores, node: process.version, loadAverage1m: round(os.loadavg()[0], 2) },
    peer: lnavVersion ?? 'lnav not available',
    method: `CLI: node dist/cli.js sessions --quiet FILES (worker threads: one per core, at most 4). lnav: lnav -n -c ';SELECT count(*) FROM <format>' FILES with the formats in bench/lnav-formats/. Wall time and peak RSS by GNU time; ${RUNS} runs each, alternating; best, median and worst.`,
    results,
    inProcess,
    oagFastPath,
  };
  const resultsFile = path.join(BENCH, 'results.json');
  const all = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {};
  all.bundle = section;
  writeFileSync(resultsFile, JSON.stringify(all, null, 2) + '\n');
  console.log('\n| format | size (MB) | files (gz) | sessions | CLI s (best/median/worst) | CLI MB/s (per core) | CLI peak RSS MB | lnav s (best/median/worst) | lnav MB/s | lnav peak RSS MB | lnav ÷ CLI |');
  console.log('|---|---:|---:|---:|---|---:|---:|---|---:|---:|---:|');
  for (const [format, rows] of Object.entries(results)) {
    for (const r of rows) {
      const t = (s) => (s ? `${s.best} / ${s.median} / ${s.worst}` : '–');
      console.log(`| ${format} | ${r.sizeMB} | ${r.files} (${r.gzipped}) | ${r.sessions} | ${t(r.cli.seconds)} | ${r.cli.mbPerSecond} (${r.cli.mbPerSecondPerCore}) | ${r.cli.peakRssMB.worst} | ${t(r.lnav?.seconds)} | ${r.lnav?.mbPerSecond ?? '–'} | ${r.lnav?.peakRssMB.worst ?? '–'} | ${r.lnavOverCli ?? '–'} |`);
    }
  }
}

/**
 * The OAG fast path (oagFastRows.ts) against the parser alone on one 50 MB file in memory, cut into
 * the reader's 4 MB chunks: alternately, five times each, in this process (server/out).
 */
function fastPathAgainstParser(file) {
  const { indexOagBytes } = require(path.join(ROOT, 'server', 'out', 'bundle', 'oagFastRows.js'));
  const { parseChunkBytes } = require(path.join(ROOT, 'server', 'out', 'bundle', 'parseChunk.js'));
  const { newSink } = require(path.join(ROOT, 'server', 'out', 'service', 'index', 'transfer.js'));
  const bytes = readFileSync(file);
  const index = (fast) => {
    const sink = newSink();
    const started = performance.now();
    let fastLines = 0;
    for (let from = 0; from < bytes.length;) {
      const lf = bytes.indexOf(10, Math.min(bytes.length, from + 4 * 1024 * 1024));
      const to = lf === -1 ? bytes.length : lf + 1;
      const chunk = bytes.subarray(from, to);
      if (fast) {
        fastLines += indexOagBytes(chunk, from, sink);
      } else {
        parseChunkBytes('oag', { bytes: chunk, byte: from }, sink);
      }
      from = to;
    }
    return { ms: performance.now() - started, rows: sink.entries.length, fastLines };
  };
  const fast = [];
  const parser = [];
  let last;
  for (let run = 0; run < 5; run++) {
    last = index(true);
    fast.push(round(last.ms, 0));
    parser.push(round(index(false).ms, 0));
  }
  const out = {
    file: path.basename(file), sizeMB: round(bytes.length / 1e6), rows: last.rows, fastLines: last.fastLines,
    fastMs: stats(fast), parserMs: stats(parser), ratioOfBest: round(stats(fast).best / stats(parser).best, 2),
  };
  log(`OAG fast path on ${out.file}: ${out.fastMs.best} ms against the parser's ${out.parserMs.best} ms (best of 5), ${out.fastLines} of ${out.rows} entries on the fast path`);
  return out;
}

/**
 * In the server's own process (server/out): indexing with a cache folder, then reopening from it (what
 * a workspace with the bundle does when it is opened again), and the queries of Ctrl+T and the
 * Sessions view on the whole index.
 */
async function queries(files) {
  const { BundleBuilder } = require(path.join(ROOT, 'server', 'out', 'bundle', 'bundleBuilder.js'));
  const { WorkerPool } = require(path.join(ROOT, 'server', 'out', 'bundle', 'workerPool.js'));
  const { BundleIndex } = require(path.join(ROOT, 'server', 'out', 'service', 'index', 'bundleIndex.js'));
  const { searchSessions } = require(path.join(ROOT, 'server', 'out', 'service', 'index', 'search.js'));
  const { treeChildren } = require(path.join(ROOT, 'server', 'out', 'service', 'index', 'sessionTree.js'));
  const cache = mkdtempSync(path.join(os.tmpdir(), 'glt-bundle-cache-'));
  const pool = new WorkerPool(path.join(ROOT, 'server', 'out', 'indexWorker.js'), 1);
  try {
    const first = new BundleIndex();
    let started = performance.now();
    const builder = new BundleBuilder(first, pool, cache);
    await builder.sync(files);
    const pairStarted = performance.now();
    const sessions = first.sessions.length;
    const pairMs = performance.now() - pairStarted;
    const indexMs = performance.now() - started;
    // What the server does once a sync's answers are out: the whole bundle's index in one file.
    started = performance.now();
    await builder.saveSnapshot();
    const snapshotWriteMs = performance.now() - started;
    const reopened = new BundleIndex();
    started = performance.now();
    const result = await new BundleBuilder(reopened, undefined, cache).sync(files);
    void reopened.sessions.length;
    const reopenMs = performance.now() - started;
    const cachedEverything = [...result.how.values()].every((h) => h === 'snapshot' || h === 'cached');
    const timeQuery = (run) => {
      const times = [];
      let answer;
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        answer = run();
        times.push(performance.now() - t);
      }
      return { ms: stats(times.map((x) => round(x, 1))), results: answer.length };
    };
    const firstUser = reopened.summary(0).user ?? 'a';
    // The first query after a pairing builds the per-session columns and the search's value index:
    // what a user waits for on the first Ctrl+T (or Sessions view) after reopening or after a change.
    started = performance.now();
    void searchSessions(reopened, firstUser);
    const firstQueryMs = performance.now() - started;
    const out = {
      files: files.length, entries: reopened.entryCount, sessions, indexWithServerServiceMs: round(indexMs, 0), pairMs: round(pairMs, 0),
      snapshotWriteMs: round(snapshotWriteMs, 0), reopenFromCacheMs: round(reopenMs, 0), reopenReadNothing: cachedEverything,
      firstWorkspaceSymbolAfterReopenMs: round(firstQueryMs, 0),
      reopenedFrom: [...new Set(result.how.values())].join(', '),
      workspaceSymbol: {
        user: timeQuery(() => searchSessions(reopened, firstUser)),
        partOfAKey: timeQuery(() => searchSessions(reopened, '1000')),
        nothing: timeQuery(() => searchSessions(reopened, 'no-such-user')),
      },
      sessionsViewDays: timeQuery(() => treeChildren(reopened, undefined, 'user')),
    };
    log(`in process (${files.length} files): index ${out.indexWithServerServiceMs} ms, snapshot written in ${out.snapshotWriteMs} ms, reopen from it ${out.reopenFromCacheMs} ms, first Ctrl+T ${out.firstWorkspaceSymbolAfterReopenMs} ms, then '${firstUser}' ${out.workspaceSymbol.user.ms.median} ms`);
    return out;
  } finally {
    await pool.close();
    rmSync(cache, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
