/**
 * Highlights (sent on every cursor move) and references are bounded however large a session is: a
 * log can link hundreds of thousands of events to one START through their EID.
 */
import { test } from 'node:test';
import { entryAtLine } from '../../service/lookup';
import assert from 'node:assert/strict';
import { capLocations, MAX_HIGHLIGHTS, MAX_REFERENCES } from '../../service/features/capping';
import { doHover } from '../../service/features/hover';
import { findHighlights, findReferences } from '../../service/features/navigation';
import { MarkupContent } from 'vscode-languageserver-types';
import { analyzeText, bcLinked, bcStart, bcStop, lineContaining } from './helpers';

const T0 = Date.UTC(2021, 10, 11, 22, 0, 0);
const GSID = 4242;

function bigSession(linked: number): string {
  const s = { username: 'many', appGsid: GSID };
  const parts = [bcStart(T0, s)];
  for (let i = 0; i < linked; i++) {
    parts.push(bcLinked(T0 + 1000, GSID, `event ${i}`));
  }
  parts.push(bcStop(T0 + 60_000, { ...s, durationSeconds: 60 }));
  return parts.join('');
}

test('a session of 100 000 linked events: highlights are the START, the STOP and the events near the cursor, capped', () => {
  const linked = 100_000;
  const text = bigSession(linked);
  const analysis = analyzeText(text, 'bluecedar');
  const entries = analysis.log.entries;
  assert.equal(entries.length, linked + 2);
  const startLine = entries[0].startLine;
  const stopLine = entries[entries.length - 1].startLine;
  for (const cursorEntry of [0, 1, 50_000, linked, linked + 1]) {
    const line = entries[cursorEntry].startLine;
    const highlights = findHighlights(analysis, { line, character: 3 });
    assert.ok(highlights.length <= MAX_HIGHLIGHTS, `${highlights.length} highlights`);
    // Each highlight is on its event's name or message: the line of its entry's header is what counts.
    const lines = highlights.map((h) => entryAtLine(analysis.log, h.range.start.line)!.startLine);
    assert.ok(lines.includes(startLine), 'the START is highlighted');
    assert.ok(lines.includes(stopLine), 'the STOP is highlighted');
    assert.ok(lines.includes(line), 'the event under the cursor is highlighted');
    assert.deepEqual(lines, [...lines].sort((a, b) => a - b), 'in document order');
    // The neighbours of the cursor's event come with it.
    if (cursorEntry > 1 && cursorEntry < linked) {
      assert.ok(lines.includes(entries[cursorEntry - 1].startLine) && lines.includes(entries[cursorEntry + 1].startLine));
    }
  }
});

test('a session of 100 000 linked events: references are capped and say how many were left out', () => {
  const linked = 100_000;
  const text = bigSession(linked);
  const analysis = analyzeText(text, 'bluecedar');
  const line = lineContaining(text, 'event 70000');
  let omitted = -1;
  const references = findReferences(analysis, 'file:///x.log', { line, character: 3 }, (count) => { omitted = count; });
  assert.equal(references.length, MAX_REFERENCES);
  assert.equal(omitted, linked + 2 - MAX_REFERENCES);
  const lines = references.map((r) => entryAtLine(analysis.log, r.range.start.line)!.startLine);
  assert.ok(lines.includes(analysis.log.entries[0].startLine) && lines.includes(entryAtLine(analysis.log, line)!.startLine));
  // A small session is listed whole, and nothing is reported as left out.
  const small = analyzeText(bigSession(3), 'bluecedar');
  let smallOmitted = 0;
  assert.equal(findReferences(small, 'file:///x.log', { line: 0, character: 3 }, (count) => { smallOmitted = count; }).length, 5);
  assert.equal(smallOmitted, 0);
});

test('capLocations keeps the pinned items and those nearest the centre, in order, and counts the rest', () => {
  const list = Array.from({ length: 1000 }, (_, i) => i * 10);
  assert.deepEqual(capLocations(list, 5, { near: 500, pinned: [0, 999] }), { items: [0, 4990, 5000, 5010, 9990], omitted: 995 });
  assert.deepEqual(capLocations(list, 4, { near: 0 }), { items: [0, 10, 20, 30], omitted: 996 });
  assert.deepEqual(capLocations(list, 3, { near: 999 }), { items: [9970, 9980, 9990], omitted: 997 });
  assert.deepEqual(capLocations([1, 2, 3], 10, { near: 1 }), { items: [1, 2, 3], omitted: 0 });
  assert.deepEqual(capLocations([1, 2, 3], 0), { items: [], omitted: 3 });
});

test('an OAG session of 100 000 events: the hover on its SESSION_ID reads a few of its entries, not all', () => {
  const lines: string[] = [];
  for (let i = 0; i < 100_000; i++) {
    lines.push(`2020-06-04T13:40:00.000-05:00 gw ACCESS_GATEWAY ACCESS AUTHZ POLICY INFO USER_AUTHZ [SESSION_ID="s1" SUBJECT="bob" APP="Wiki" RESULT="ALLOW"] allow ${i}`);
  }
  const text = lines.join('\n');
  const analysis = analyzeText(text, 'oag');
  // Count the entries the hover looks at (by index) through a proxy of the entry list.
  let reads = 0;
  const entries = analysis.log.entries;
  const counted = new Proxy(entries, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) {
        reads++;
      }
      return Reflect.get(target, key, receiver);
    },
  });
  const line = 50_000;
  const character = lines[line].indexOf('s1');
  const hover = doHover({ ...analysis, log: { ...analysis.log, entries: counted } }, { line, character });
  const value = (hover?.contents as MarkupContent).value;
  assert.match(value, /bob · Wiki/);
  assert.match(value, /100000 events/);
  assert.ok(reads < 100, `${reads} entries read for one hover`);
});
