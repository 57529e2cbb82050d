/**
 * Pivots (issue 17, item 2): Find All References and highlights on a user, device, IP address or app
 * list every entry carrying the same value. The expected entries are found here another way: by the
 * fields of every entry (entryFields), or by a regular expression over each entry's text.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { Analysis } from '../../service/analysis';
import { entryFields } from '../../service/fields';
import { entryAtLine } from '../../service/lookup';
import { MAX_HIGHLIGHTS, MAX_REFERENCES } from '../../service/features/capping';
import { findHighlights, findReferences } from '../../service/features/navigation';
import { documentSymbols } from '../../service/features/symbols';
import { analyzeText, bcReject, bcStart, offsetOf, positionOf, readSample, textOfRange } from './helpers';

const URI = 'file:///gateway.log';
const GATEWAY = readSample('gateway.log');
const AUDIT = readSample('audit.log');

/** Entry indices whose fields named `names` hold `value` (decoded), in document order. */
function entriesWithField(analysis: Analysis, names: string[], value: string): number[] {
  return analysis.log.entries
    .filter((e) => entryFields(analysis.log, e).some((f) => names.includes(f.name) && f.value === value))
    .map((e) => e.index);
}

/** Entry indices whose text holds `address` as a whole address. */
function entriesWithAddress(analysis: Analysis, address: string): number[] {
  const whole = new RegExp(`(?<![\\d.])${address.replace(/\./g, '\\.')}(?!\\d|\\.\\d)`);
  return analysis.log.entries.filter((e) => whole.test(analysis.log.text.slice(e.start, e.end))).map((e) => e.index);
}

/** References from inside the `occurrence`-th `needle`, `shift` characters into it. */
function referencedEntries(analysis: Analysis, text: string, needle: string, occurrence = 0, shift = 1): { entries: number[]; texts: string[] } {
  const refs = findReferences(analysis, URI, positionOf(text, offsetOf(text, needle, occurrence) + shift));
  return {
    entries: refs.map((r) => entryAtLine(analysis.log, r.range.start.line)!.index),
    texts: refs.map((r) => textOfRange(text, r.range)),
  };
}

const USER_FIELDS = ['sessionId.username', 'SUBJECT', 'USER', 'USERNAME'];

test('references on a username list every entry of that user, pointing at the name', () => {
  const analysis = analyzeText(GATEWAY, 'bluecedar');
  const expected = entriesWithField(analysis, USER_FIELDS, 'tnguyen');
  assert.ok(expected.length >= 2, 'tnguyen has a START and a STOP in the sample');
  const { entries, texts } = referencedEntries(analysis, GATEWAY, '"tnguyen"');
  assert.deepEqual(entries, expected);
  assert.ok(texts.every((t) => t === 'tnguyen'), texts.join(', '));
  // Highlights are the same places.
  const highlights = findHighlights(analysis, positionOf(GATEWAY, offsetOf(GATEWAY, '"tnguyen"') + 2));
  assert.deepEqual(highlights.map((h) => entryAtLine(analysis.log, h.range.start.line)!.index), expected);
});

test('references on a public IP include the IKE event that writes it in its message', () => {
  const analysis = analyzeText(GATEWAY, 'bluecedar');
  const expected = entriesWithAddress(analysis, '98.207.113.66');
  const ike = analysis.log.entries.find((e) => e.component === 'IKE' && analysis.log.text.slice(e.messageStart, e.end).trim() === '98.207.113.66');
  assert.ok(ike && expected.includes(ike.index), 'the sample has the IKE line');
  assert.ok(expected.length >= 3);
  // From the publicSrcIp value in the STOP, and from the IKE line itself.
  for (const [needle, occurrence] of [['"98.207.113.66"', 1], ['98.207.113.66', 0]] as const) {
    const { entries, texts } = referencedEntries(analysis, GATEWAY, needle, occurrence);
    assert.deepEqual(entries, expected, `from ${needle} #${occurrence}`);
    assert.ok(texts.every((t) => t === '98.207.113.66'));
  }
});

test('an assigned IP pivots to the tunnel interface lines that name it, and not to a longer address', () => {
  const text = GATEWAY + 'Nov  1 00:23:00 bcgw-prod-01 Mocana: [INTFMGR], SubCls:999, EID: 0, Type: General, Sev:Informational, address 10.24.0.580 and 110.24.0.58 are other addresses\n';
  const analysis = analyzeText(text, 'bluecedar');
  const expected = entriesWithAddress(analysis, '10.24.0.58');
  assert.ok(expected.length >= 3);
  const { entries } = referencedEntries(analysis, text, '"assignedIp":"10.24.0.58"', 0, '"assignedIp":"'.length + 2);
  assert.deepEqual(entries, expected);
  assert.ok(!entries.includes(analysis.log.entries.length - 1));
});

test('device ids, device names and app names pivot too', () => {
  const analysis = analyzeText(GATEWAY, 'bluecedar');
  for (const [field, value] of [['sessionId.device.uniqueId', 'a8:7d:12:4e:90:3c'], ['sessionId.app.appName', 'Timesheets']]) {
    const expected = entriesWithField(analysis, [field], value);
    assert.ok(expected.length >= 1, `${value} is in the sample`);
    const { entries } = referencedEntries(analysis, GATEWAY, JSON.stringify(value));
    assert.deepEqual(entries, expected, value);
  }
});

test('a user seen only in a Policy REJECT: references find it and Go to Symbol names it', () => {
  const analysis = analyzeText(GATEWAY, 'bluecedar');
  const expected = entriesWithField(analysis, USER_FIELDS, 'mreyes');
  assert.ok(expected.length >= 1);
  assert.ok(expected.every((i) => analysis.log.entries[i].kind === 'policyReject'));
  assert.deepEqual(referencedEntries(analysis, GATEWAY, '"mreyes"').entries, expected);
  const names: string[] = [];
  const walk = (symbols: ReturnType<typeof documentSymbols>): void => symbols.forEach((s) => {
    names.push(s.name);
    walk(s.children ?? []);
  });
  walk(documentSymbols(analysis, 5000));
  assert.ok(names.some((n) => /^Policy REJECT · mreyes · /.test(n)), names.filter((n) => n.startsWith('Policy')).join('\n'));
});

test('OAG: SUBJECT and REMOTE_IP list every line carrying them, across sessions', () => {
  const analysis = analyzeText(AUDIT, 'oag');
  const subject = 'alice.nguyen@acme-corp.com';
  const expectedUser = entriesWithField(analysis, USER_FIELDS, subject);
  assert.ok(expectedUser.length >= 3);
  assert.deepEqual(referencedEntries(analysis, AUDIT, `SUBJECT="${subject}"`.slice(8)).entries, expectedUser);
  const ip = '10.20.1.15';
  const expectedIp = entriesWithAddress(analysis, ip);
  assert.ok(new Set(expectedIp.map((i) => analysis.sessions.sessionOf[i])).size >= 2, 'the address is used by several sessions');
  assert.deepEqual(referencedEntries(analysis, AUDIT, `REMOTE_IP="${ip}"`.slice(10)).entries, expectedIp);
});

test('a value shared by thousands of entries: references and highlights stay bounded and keep the cursor\'s entry', () => {
  const parts: string[] = [];
  for (let i = 0; i < 1500; i++) {
    parts.push(bcReject(Date.UTC(2021, 10, 11, 0, 0, i), 'mallory'));
  }
  const text = parts.join('');
  const analysis = analyzeText(text, 'bluecedar');
  const at = offsetOf(text, '"mallory"', 1200) + 2;
  const cursorEntry = entryAtLine(analysis.log, positionOf(text, at).line)!.index;
  const refs = findReferences(analysis, URI, positionOf(text, at));
  assert.equal(refs.length, MAX_REFERENCES);
  const highlights = findHighlights(analysis, positionOf(text, at));
  assert.equal(highlights.length, MAX_HIGHLIGHTS);
  assert.ok(highlights.some((h) => entryAtLine(analysis.log, h.range.start.line)!.index === cursorEntry));
});

test('off a value, references still list the session\'s events, each pointing at its event', () => {
  const text = bcStart(Date.UTC(2021, 10, 11), { username: 'jruser', appGsid: 7 }, { pretty: true });
  const analysis = analyzeText(text, 'bluecedar');
  const refs = findReferences(analysis, URI, { line: 0, character: 3 });
  assert.deepEqual(refs.map((r) => textOfRange(text, r.range)), ['Session START']);
});
