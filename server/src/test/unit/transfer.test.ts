/**
 * Rows indexed elsewhere (a worker's chunk) and appended to a file's index (transfer.ts): the rows of
 * the chunks indexed in place, every column of entries and facts, whatever the string ids were there.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseChunkBytes } from '../../bundle/parseChunk';
import { appendPart, newSink, toPart } from '../../service/index/transfer';
import { FactColumns } from '../../service/index/facts';
import { bcLinked, bcReject, bcStart, bcStop } from './helpers';
import { readablePart } from './indexDumps';

const T = Date.UTC(2021, 10, 11, 8, 0, 0);

/** Entries whose facts fill every column: sessions, rejections (jailbroken, a reason), durations. */
function entries(): string[] {
  const out: string[] = [];
  for (let i = 0; i < 60; i++) {
    const s = { username: `user${i % 7}`, osType: i % 2 ? 'ios' : 'android', uniqueId: `dev-${i % 5}`, appName: `App ${i % 3}`, assignedIp: `10.0.0.${i}`, appGsid: 1000 + i };
    out.push(bcStart(T + i * 10_000, s));
    out.push(bcLinked(T + i * 10_000 + 1000, 1000 + i, `tunnel vt${i} up`));
    if (i % 4 === 0) {
      out.push(bcReject(T + i * 10_000 + 2000, `user${i % 7}`, `reason ${i % 3}`));
    }
    out.push(bcStop(T + i * 10_000 + 5000, { ...s, durationSeconds: 5 + i, duration: `${5 + i} seconds` }));
  }
  return out;
}

test('parts appended one after another give the rows of the whole text indexed in place', () => {
  const all = entries();
  const bytes = Buffer.from(all.join(''));
  const whole = newSink();
  parseChunkBytes('bluecedar', { bytes, byte: 0 }, whole);

  // Three chunks of whole entries, each indexed into a sink of its own (as a worker does) ...
  const cuts = [0, 50, 130, all.length];
  const target = newSink();
  // ... and appended to a sink whose table numbers strings differently.
  for (const value of ['something else', 'user3', 'App 2', 'reason 1']) {
    target.strings.id(value);
  }
  let byte = 0;
  for (let c = 0; c + 1 < cuts.length; c++) {
    const chunk = Buffer.from(all.slice(cuts[c], cuts[c + 1]).join(''));
    const sink = newSink();
    parseChunkBytes('bluecedar', { bytes: chunk, byte }, sink);
    appendPart(target, toPart(sink));
    byte += chunk.length;
  }
  const expected = readablePart(toPart(whole));
  assert.ok(expected.factJailbroken.includes(1), 'a jailbroken device is among the facts');
  assert.ok(expected['fact.reason'].some((r) => r !== undefined), 'a reason is among the facts');
  assert.ok(expected['fact.durationSeconds'].some((d) => typeof d === 'number' && !Number.isNaN(d)), 'a duration is among the facts');
  assert.deepEqual(readablePart(toPart(target)), expected);
});

test('fact rows added after a copy or a shrink are empty', () => {
  const facts = new FactColumns();
  const first = facts.add(3);
  facts.strings.user[first] = 7;
  facts.numbers.bytesRx[first] = 12;
  facts.jailbroken[first] = 1;
  facts.event[first] = 2;
  facts.compact();
  const copy = facts.clone();
  for (const columns of [facts, copy]) {
    assert.equal(columns.strings.user[0], 7);
    assert.equal(columns.numbers.bytesRx[0], 12);
    const row = columns.add(4);
    assert.equal(row, 1);
    assert.equal(columns.entry[row], 4);
    assert.equal(columns.strings.user[row], -1);
    assert.ok(Number.isNaN(columns.numbers.bytesRx[row]));
    assert.equal(columns.jailbroken[row], -1);
    assert.equal(columns.event[row], -1);
  }
  // A copy of fewer rows than there are.
  const short = copy.clone(1);
  assert.equal(short.length, 1);
  const row = short.add(9);
  assert.equal(short.strings.user[row], -1);
  assert.equal(short.jailbroken[row], -1);
});

test('columns a done file leaves empty share memory, and a row added later writes to its own copy', () => {
  const make = (user: number): FactColumns => {
    const facts = new FactColumns();
    for (let i = 0; i < 1000; i++) {
      const row = facts.add(i);
      facts.strings.user[row] = user;
      facts.numbers.durationSeconds[row] = i;
    }
    facts.compact();
    return facts;
  };
  const a = make(1);
  const b = make(2);
  // Each holds its own values; the columns no row names (osType, bytesRx...) hold no memory of their own.
  assert.deepEqual([a.strings.user[999], b.strings.user[999], a.numbers.durationSeconds[999]], [1, 2, 999]);
  assert.equal(a.strings.osType.length, 1000);
  assert.ok(a.strings.osType.every((id) => id === -1));
  assert.ok(a.numbers.bytesRx.every((n) => Number.isNaN(n)));
  const full = 1000 * (4 + 1 + 1 + 4 * Object.keys(a.strings).length + 8 * Object.keys(a.numbers).length);
  assert.equal(a.bytes(), 1000 * (4 + 1 + 1 + 4 + 8), `only entry, jailbroken, event, user and durationSeconds are its own (of ${full})`);
  // A file that grows after it was done: its new row is its own, the other file's columns unchanged.
  const row = a.add(1000);
  a.strings.osType[row] = 7;
  a.numbers.bytesRx[row] = 12;
  a.strings.osType[0] = 8;
  assert.equal(a.strings.osType[row], 7);
  assert.ok(b.strings.osType.every((id) => id === -1), 'the other file still names no OS');
  assert.ok(b.numbers.bytesRx.every((n) => Number.isNaN(n)));
  assert.ok(make(3).strings.osType.every((id) => id === -1), 'nor does a file done later');
});
