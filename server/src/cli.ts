#!/usr/bin/env node
/**
 * gateway-logs: the bundle index as a command-line tool, for pipelines (DuckDB, Splunk, Elasticsearch).
 *   gateway-logs sessions FILE_OR_DIR... [--format ndjson|csv]
 *   gateway-logs entries FILE_OR_DIR... [--json]
 * Files that cannot be read are named on stderr; the exit code is non-zero only when nothing was read.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { BundleBuilder } from './bundle/bundleBuilder';
import { LineOutput, terminalText } from './cliOutput';
import { discoverFiles, expandWildcards } from './bundle/discover';
import { WorkerPool } from './bundle/workerPool';
import { BundleIndex } from './service/index/bundleIndex';
import { sessionRecord, SESSION_FIELDS, entryRecords, toCsvRow } from './service/index/records';

const USAGE = `Usage:
  gateway-logs sessions FILE_OR_DIR... [--format ndjson|csv]
  gateway-logs entries FILE_OR_DIR... [--json]

Indexes Blue Cedar gateway logs and Okta Access Gateway audit logs (rotated, .gz, any size) and prints
one session per line (sessions) or one entry per line (entries). Folders are searched for log files.

Options:
  --format ndjson|csv   sessions: output format (default ndjson)
  --json                entries: one JSON object per line instead of tab-separated text
  --workers N           parse on N worker threads (default: one per core, at most 4; 0: none)
  --cache DIR           keep the index in DIR (the bundle's and each file's) and reuse it while files are unchanged
                        (a file that only grew is read from where it grew)
  --quiet               no progress on stderr
  -h, --help            this text`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'ndjson' },
        json: { type: 'boolean', default: false },
        workers: { type: 'string' },
        cache: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`gateway-logs: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...targets] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE + '\n');
    return values.help ? 0 : 2;
  }
  if ((command !== 'sessions' && command !== 'entries') || targets.length === 0 || (values.format !== 'ndjson' && values.format !== 'csv')) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (values.workers !== undefined && !/^\d{1,3}$/.test(values.workers)) {
    process.stderr.write(`gateway-logs: --workers takes a whole number of threads (0 for none), not "${values.workers}"\n\n${USAGE}\n`);
    return 2;
  }
  const workerCount = values.workers !== undefined ? Number(values.workers) : Math.min(4, os.availableParallelism?.() ?? os.cpus().length);
  const pool = workerCount > 0 ? new WorkerPool(path.join(__dirname, 'indexWorker.js'), workerCount) : undefined;
  const index = new BundleIndex();
  const builder = new BundleBuilder(index, pool, values.cache ? path.resolve(values.cache) : undefined);
  const discovery = await discoverFiles(await expandWildcards(targets.map((t) => path.resolve(t))));
  for (const skip of discovery.skipped) {
    process.stderr.write(`gateway-logs: skipped ${terminalText(skip.path)}: ${terminalText(skip.reason)}\n`);
  }
  let lastReport = 0;
  const result = await builder.sync(discovery.files, {
    onSkip: (file, reason) => process.stderr.write(`gateway-logs: ${terminalText(file)}: ${terminalText(reason)}\n`),
    onProgress: (p) => {
      if (!values.quiet && process.stderr.isTTY && Date.now() - lastReport > 500) {
        lastReport = Date.now();
        process.stderr.write(`\rgateway-logs: ${p.fileNumber}/${p.fileCount} ${terminalText(path.basename(p.file))} ${(100 * p.read / Math.max(1, p.size)).toFixed(0)}% ${p.mbPerSecond.toFixed(0)} MB/s  `);
      }
    },
  });
  await pool?.close();
  if (!values.quiet && process.stderr.isTTY) {
    process.stderr.write('\r\x1b[K');
  }
  if (index.files.length === 0) {
    process.stderr.write('gateway-logs: no Blue Cedar or OAG log could be read.\n');
    return 1;
  }
  const out = new LineOutput(process.stdout);
  if (command === 'sessions') {
    if (values.format === 'csv') {
      await out.write(toCsvRow([...SESSION_FIELDS]));
    }
    const sessions = index.sessions;
    for (let id = 0; id < sessions.length; id++) {
      const record = sessionRecord(index, id);
      await out.write(values.format === 'csv' ? toCsvRow(SESSION_FIELDS.map((f) => record[f])) : JSON.stringify(record));
    }
  } else {
    for (const record of entryRecords(index)) {
      await out.write(values.json ? JSON.stringify(record) : [`${record.file}:${record.line}`, record.time ?? '', record.severity ?? '', record.kind, record.label ?? ''].map(terminalText).join('\t'));
    }
  }
  await out.flush();
  await builder.saveSnapshot().catch((error) => {
    process.stderr.write(`gateway-logs: the index could not be kept in ${terminalText(values.cache ?? '')}: ${terminalText(error instanceof Error ? error.message : String(error))}\n`);
  });
  return 0;
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
}, (error) => {
  // A stack's lines are the program's own; only what it quotes (a file name in a message) is escaped.
  process.stderr.write(`gateway-logs: ${error instanceof Error ? `${terminalText(error.message)}\n${(error.stack ?? '').split('\n').slice(1).join('\n')}` : terminalText(String(error))}\n`);
  process.exitCode = 1;
});
