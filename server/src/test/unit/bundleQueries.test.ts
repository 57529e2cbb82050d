/** Queries on a bundle index: finding sessions (Ctrl+T), the Sessions tree, windows into files. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BundleBuilder } from '../../bundle/bundleBuilder';
import { parseTextAndRange } from '../../service/formats/timeRange';
import { BundleIndex } from '../../service/index/bundleIndex';
import { FileIndex } from '../../service/index/fileIndex';
import { searchRejections } from '../../service/index/rejections';
import { searchSessions } from '../../service/index/search';
import { treeChildren } from '../../service/index/sessionTree';
import { parseWindowUri, WINDOW_MAX_BYTES, windowRows, windowUri } from '../../service/index/windows';
import { BundleFile, writeBundle } from './bundleFixtures';
import { BcSession, bcHeader, bcReject, bcStart, bcStop, NOW, oagLogin, oagSession } from './helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'glt-queries-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const T = Date.UTC(2021, 10, 11, 9, 0, 0);
const session = (username: string, appGsid: number, appName = 'Docs'): BcSession => ({ username, appGsid, appName });

describe('finding rejections that belong to no session', () => {
  const index = new BundleIndex();
  before(async () => {
    // mreyes was only ever rejected (in two files); ann has a session and a rejection; one REJECT names
    // a user "mreyes-admin" (prefix) and one "Amreyes" (anywhere).
    const older = [bcReject(T, 'mreyes', 'Attempting login with jailbroken device'), bcStart(T + 1000, session('ann', 21)), bcStop(T + 2000, session('ann', 21))].join('');
    // ann's second REJECT names her session by its EID: it is found with the session, not apart.
    const linked = `${bcHeader(T + 4500, { type: 'General', eid: 21 })}\nPolicy REJECT {"reason":"Linked","sessionId":{"username":"ann"}}\n`;
    const newer = [bcReject(T + 3000, 'mreyes', 'Device is not compliant'), bcReject(T + 4000, 'ann'), linked, bcReject(T + 5000, 'mreyes-admin'), bcReject(T + 6000, 'Amreyes')].join('');
    const paths = writeBundle(path.join(tmp, 'rejections'), [{ name: 'messages.1', text: older, gzip: true }, { name: 'messages', text: newer, gzip: false }]);
    await new BundleBuilder(index).sync(paths, { now: NOW });
  });

  const users = (query: string, max?: number): string[] => searchRejections(index, query, max).map((m) => `${index.fact(m.row, 'user')} ${index.fact(m.row, 'reason')}`);

  test('found by user: exact first, newest first among them, then prefixes, then matches anywhere', () => {
    assert.equal(searchSessions(index, 'mreyes').length, 0, 'mreyes has no session');
    assert.deepEqual(users('MReyes'), [
      'mreyes Device is not compliant', 'mreyes Attempting login with jailbroken device',
      'mreyes-admin Attempting login with jailbroken device', 'Amreyes Attempting login with jailbroken device',
    ]);
    assert.equal(users('mreyes', 1).length, 1, 'bounded');
    assert.deepEqual(users(''), []);
    assert.deepEqual(users('no-such-user'), []);
  });

  test('OAG: a failed login without a SESSION_ID is found by its SUBJECT; one inside a session is not', async () => {
    const oag = new BundleIndex();
    const text = oagLogin(T, '-', 'dkumar', 'LOCAL', 'FAIL') + oagLogin(T + 1000, 's1', 'dkumar', 'LOCAL', 'FAIL') + oagSession(T + 2000, 's1', 'dkumar', 'Docs');
    const paths = writeBundle(path.join(tmp, 'oag-rejections'), [{ name: 'audit.log', text, gzip: false }]);
    await new BundleBuilder(oag).sync(paths, { now: NOW });
    const found = searchRejections(oag, 'dkumar');
    assert.deepEqual(found.map((m) => oag.entryRef(m.row).line), [0]);
  });

  test('in both files, the gzipped one too; a rejection outside sessions is found even for a user who has sessions', () => {
    const found = searchRejections(index, 'mreyes').slice(0, 2).map((m) => path.basename(index.entryRef(m.row).path));
    assert.deepEqual(found, ['messages', 'messages.1']);
    assert.deepEqual(users('ann'), ['ann Attempting login with jailbroken device']);
  });

});

describe('finding sessions', () => {
  const index = new BundleIndex();
  before(async () => {
    // ann (exact), annabel and joanna (prefix and substring of "ann"), at different times.
    const text = [
      bcStart(T, session('joanna', 10)), bcStop(T + 1000, session('joanna', 10)),
      bcStart(T + 2000, session('annabel', 11)), bcStop(T + 3000, session('annabel', 11)),
      bcStart(T + 4000, session('ann', 12)), bcStop(T + 5000, session('ann', 12)),
      bcStart(T + 6000, session('ann', 13, 'Mail')), bcStop(T + 7000, session('ann', 13, 'Mail')),
      bcStart(T + 8000, session('bob', 14)),
    ].join('');
    const paths = writeBundle(path.join(tmp, 'search'), [{ name: 'messages', text, gzip: false }]);
    await new BundleBuilder(index).sync(paths, { now: NOW });
  });

  test('the row of an entry is found by the line it starts on, and only by that line', () => {
    const file = index.files[0];
    const { line, length } = file.entries;
    for (let i = 0; i < length; i++) {
      assert.equal(index.rowAt(file.path, line[i]), i);
    }
    // A line inside an entry (its payload's second line, when it has one), past the last entry, in no file.
    const inside = Array.from({ length: length - 1 }, (_, i) => line[i] + 1).find((l, i) => l < line[i + 1]);
    if (inside !== undefined) {
      assert.equal(index.rowAt(file.path, inside), undefined);
    }
    assert.equal(index.rowAt(file.path, line[length - 1] + 1_000), undefined);
    assert.equal(index.rowAt(path.join(tmp, 'no-such-file'), 0), undefined);
  });

  test('exact matches first, then prefixes, then matches anywhere; newest first among equals', () => {
    const users = searchSessions(index, 'ann').map((m) => `${index.summary(m.id).user} ${index.summary(m.id).app}`);
    assert.deepEqual(users, ['ann Mail', 'ann Docs', 'annabel Docs', 'joanna Docs']);
  });

  test('by appGsid, part of it, and in any case', () => {
    assert.deepEqual(searchSessions(index, '11').map((m) => index.summary(m.id).user), ['annabel']);
    assert.equal(searchSessions(index, 'MAIL').length, 1);
    assert.deepEqual(searchSessions(index, '').length, 0);
    assert.equal(searchSessions(index, 'ann', 2).length, 2, 'bounded');
    // A gsid typed whole is an exact match on the key (the index keeps it with its rule, `g:13`).
    assert.deepEqual(searchSessions(index, '13').map((m) => [index.summary(m.id).app, m.field, m.quality]), [['Mail', 'key', 0]]);
    assert.deepEqual(searchSessions(index, '1').map((m) => m.quality), [1, 1, 1, 1, 1]);
  });

  test('the Sessions tree groups a day by user, and filters by words and time', () => {
    const [day] = treeChildren(index, undefined, 'user');
    assert.equal(day.label, '2021-11-11');
    assert.deepEqual(treeChildren(index, day.id, 'user').map((n) => `${n.label} ${n.count}`), ['ann 2', 'annabel 1', 'bob 1', 'joanna 1']);
    assert.deepEqual(treeChildren(index, day.id, 'app').map((n) => `${n.label} ${n.count}`), ['Docs 4', 'Mail 1']);
    const range = parseTextAndRange('ann from 2021-11-11 09:00:03 to 09:00:05');
    assert.ok(typeof range !== 'string');
    assert.deepEqual(treeChildren(index, day.id, 'user', range).map((n) => `${n.label} ${n.count}`), ['ann 1']);
    const [ann] = treeChildren(index, day.id, 'user');
    const sessions = treeChildren(index, ann.id, 'user');
    assert.deepEqual(sessions.map((s) => s.label), ['09:00:04 → 09:00:05', '09:00:06 → 09:00:07']);
    const open = treeChildren(index, treeChildren(index, day.id, 'user')[2].id, 'user');
    assert.match(open[0].description ?? '', /⚑ no STOP in bundle/);
  });
});

describe('windows', () => {
  test('a window URI names the file and line, and reads back as an editor writes it', () => {
    const uri = windowUri('file:///logs/a%20b/messages.2.gz', 'bluecedar', 1234);
    assert.equal(uri, 'gateway-log-window:///logs/a%20b/messages.2.gz.bluecedar-log?line=1234');
    assert.deepEqual(parseWindowUri(uri), { fileUri: 'file:///logs/a%20b/messages.2.gz', line: 1234 });
    assert.deepEqual(parseWindowUri('gateway-log-window:/logs/x.gz.oag-log?line%3D7'), { fileUri: 'file:///logs/x.gz', line: 7 });
    assert.equal(parseWindowUri('file:///logs/x.gz'), undefined);
    assert.equal(parseWindowUri('gateway-log-window:/logs/x.gz.txt?line=7'), undefined);
    assert.equal(parseWindowUri('gateway-log-window:/logs/x.gz.oag-log'), undefined);
    assert.equal(parseWindowUri('gateway-log-window:logs/x.gz.oag-log?line=7'), undefined);
    assert.equal(parseWindowUri('gateway-log-window:/.oag-log?line=7'), undefined);
    assert.deepEqual(parseWindowUri('gateway-log-window://server/share/x.gz.oag-log?line=7'), { fileUri: 'file://server/share/x.gz', line: 7 });
  });

  test('a window holds the entry of its line and the lines around it, within its byte budget', () => {
    const entries = 5000;
    const lines = new Int32Array(entries).map((_, i) => i * 3);
    const offset = new Float64Array(entries).map((_, i) => i * 2000);
    const file = { entries: { length: entries, line: lines, offset }, bytes: entries * 2000 } as unknown as FileIndex;
    for (const line of [0, 1, 2999, 3001, 14_999]) {
      const { first, end } = windowRows(file, line);
      const holding = Math.floor(line / 3);
      assert.ok(first <= holding && holding < end, `line ${line}: rows ${first}-${end}`);
      assert.ok(lines[first] >= line - 400 - 3 && (end >= entries || lines[end] > line + 400 - 3), `line ${line}: about 400 lines each side`);
    }
    // Huge entries: the budget wins, but the entry of the line is always in.
    const big = { entries: { length: 10, line: new Int32Array(10).map((_, i) => i), offset: new Float64Array(10).map((_, i) => i * WINDOW_MAX_BYTES) }, bytes: 10 * WINDOW_MAX_BYTES } as unknown as FileIndex;
    assert.deepEqual(windowRows(big, 5), { first: 5, end: 6 });
  });
});

test('bundle files without any time go last, others by first time', async () => {
  const t = Date.UTC(2021, 10, 11, 8);
  const files: BundleFile[] = [
    { name: 'b.log', text: bcStart(t + 60_000, session('x', 1)), gzip: false },
    { name: 'a.log', text: bcStart(t, session('y', 2)), gzip: false },
    { name: 'c.log', text: 'Nov 99 2021 25:61:00 tilera3 Mocana: [AAA], SubCls:ACCT, EID: 0, Type: Acct, Sev:Informational, x\n', gzip: false },
  ];
  const index = new BundleIndex();
  await new BundleBuilder(index).sync(writeBundle(path.join(tmp, 'order'), files), { now: NOW });
  assert.deepEqual(index.files.map((f) => path.basename(f.path)), ['a.log', 'b.log', 'c.log']);
});
