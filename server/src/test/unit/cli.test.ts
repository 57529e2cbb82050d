/**
 * The command-line tool (`gateway-logs`, server/out/cli.js) as a pipeline sees it: a child process
 * whose output is read through a pipe as it comes, checked against a full parse of the concatenated
 * files; CSV, entries, and what it says of files it cannot read.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { analyze } from '../../service/analysis';
import { parseLog } from '../../service/parse';
import { blueCedarEntries, rotate, writeBundle } from './bundleFixtures';
import { NOW } from './helpers';

const CLI = path.resolve(__dirname, '..', '..', 'cli.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'glt-cli-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with its output on a pipe, read as it arrives (as `gateway-logs … | jq` would). */
function run(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');

describe('gateway-logs', () => {
  // Enough sessions for over a megabyte of NDJSON: many times what a pipe holds at once.
  const files = rotate(blueCedarEntries(24000, 21), 3, 'messages', { gzipEvery: 2 });
  const paths = writeBundle(path.join(tmp, 'bundle'), files);
  const expected = analyze(parseLog(files.map((f) => f.text).join(''), 'bluecedar', { now: NOW })).sessions.sessions.length;

  test('sessions through a pipe: every session of a full parse, one JSON object per line, whatever the workers', async () => {
    const threaded = await run(['sessions', '--quiet', ...paths]);
    assert.equal(threaded.code, 0, threaded.stderr);
    assert.ok(threaded.stdout.length > 1024 * 1024, `${threaded.stdout.length} bytes of output`);
    const records = lines(threaded.stdout).map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(records.length, expected);
    assert.ok(records.every((r) => r.format === 'bluecedar' && 'startAt' in r && 'stopAt' in r && 'problems' in r));
    const inline = await run(['sessions', '--quiet', '--workers', '0', ...paths]);
    assert.equal(inline.stdout, threaded.stdout);
  });

  test('CSV: the documented columns, then one row per session', async () => {
    const csv = await run(['sessions', '--quiet', '--format', 'csv', path.join(tmp, 'bundle')]);
    assert.equal(csv.code, 0, csv.stderr);
    const rows = lines(csv.stdout);
    assert.equal(rows[0], 'format,key,user,device,app,start,stop,durationSeconds,events,startAt,stopAt,problems');
    assert.equal(rows.length - 1, expected);
  });

  test('a file it cannot read is named on stderr and the rest is still read; nothing readable exits 1', async () => {
    const binary = path.join(tmp, 'binary.log');
    fs.writeFileSync(binary, Buffer.from([0, 1, 2, 3, 0, 255]));
    const mixed = await run(['sessions', '--quiet', binary, paths[0]]);
    assert.equal(mixed.code, 0);
    assert.match(mixed.stderr, /binary\.log/);
    assert.ok(lines(mixed.stdout).length > 0);
    const nothing = await run(['sessions', '--quiet', binary]);
    assert.equal(nothing.code, 1);
    assert.equal(nothing.stdout, '');
  });

  test('a --workers value that is not a whole number is refused with the usage', async () => {
    for (const value of ['abc', '1.5', '0.5']) {
      const refused = await run(['sessions', '--quiet', '--workers', value, paths[0]]);
      assert.equal(refused.code, 2, value);
      assert.match(refused.stderr, /--workers takes a whole number/);
      assert.equal(refused.stdout, '');
    }
  });

  test('entries --json: one record per entry of the files', async () => {
    const entries = await run(['entries', '--quiet', '--json', paths[0]]);
    assert.equal(entries.code, 0, entries.stderr);
    const records = lines(entries.stdout).map((l) => JSON.parse(l) as Record<string, unknown>);
    const file = files.find((f) => path.basename(paths[0]) === f.name)!;
    assert.equal(records.length, parseLog(file.text, 'bluecedar', { now: NOW }).entries.length);
  });
});
