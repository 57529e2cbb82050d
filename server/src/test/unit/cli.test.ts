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

  test('wildcards left to it (as cmd.exe and PowerShell do) name the files they match, in the case the platform ignores', async () => {
    // `messages*` matches every rotated file of the bundle; `MESSAGES.?.gz` only on Windows and macOS.
    const pattern = await run(['sessions', '--quiet', '--workers', '0', path.join(tmp, 'bundle', 'messages*')]);
    assert.equal(pattern.code, 0, pattern.stderr);
    assert.equal(lines(pattern.stdout).length, expected);
    const upper = await run(['sessions', '--quiet', '--workers', '0', path.join(tmp, 'bundle', 'MESSAGES.?.gz')]);
    if (process.platform === 'linux') {
      assert.equal(upper.code, 1);
      assert.match(upper.stderr, /MESSAGES\.\?\.gz: it cannot be read/);
    } else {
      assert.equal(upper.code, 0, upper.stderr);
    }
    const none = await run(['sessions', '--quiet', path.join(tmp, 'bundle', 'nothing*')]);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /nothing\*: it cannot be read \(ENOENT\)/);
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

  // Names with line breaks and escapes are possible on Linux and macOS (not on Windows).
  const hostileNames = process.platform === 'win32' ? test.skip : test;

  hostileNames('a file name with a line break or a terminal escape is written out on stderr: it forges no line and drives no terminal', async () => {
    const dir = path.join(tmp, 'hostile-names');
    fs.mkdirSync(dir, { recursive: true });
    const forged = path.join(dir, 'x.log\ngateway-logs: all files read\u001b[2J\u001b]0;title\u0007.log');
    fs.writeFileSync(forged, Buffer.from([0, 1, 2, 3]));
    const bidi = path.join(dir, 'messages\u202Egz.1.log');
    fs.writeFileSync(bidi, 'not a log\n');
    const result = await run(['sessions', '--quiet', forged, bidi, paths[0]]);
    assert.equal(result.code, 0);
    const said = lines(result.stderr);
    assert.equal(said.length, 2, result.stderr);
    assert.ok(said.every((l) => l.startsWith('gateway-logs: ')), result.stderr);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(result.stderr.replace(/\n/g, ''), /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u, JSON.stringify(result.stderr));
    // Each file is still recognisable by its name, written out.
    assert.ok(said.some((l) => l.includes('x.log\\ngateway-logs: all files read\\u001B[2J')), JSON.stringify(said));
    assert.ok(said.some((l) => l.includes('messages\\u202Egz.1.log')), JSON.stringify(said));
  });

  hostileNames('entries as text: one line of five tab-separated fields per entry, whatever tabs and line breaks the file name holds', async () => {
    const file = files.find((f) => path.basename(paths[0]) === f.name)!;
    const odd = path.join(tmp, 'tab\there\nand a line.log');
    fs.writeFileSync(odd, file.text);
    const result = await run(['entries', '--quiet', odd]);
    assert.equal(result.code, 0, result.stderr);
    const rows = lines(result.stdout);
    assert.equal(rows.length, parseLog(file.text, 'bluecedar', { now: NOW }).entries.length);
    assert.ok(rows.every((r) => r.split('\t').length === 5), rows.slice(0, 3).join('\n'));
    assert.ok(rows[0].startsWith(`${path.join(tmp, 'tab\\there\\nand a line.log')}:1\t`), rows[0]);
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
