/** Times are shown as the log writes them: its own wall clock, with its offset when it writes one. */
import assert from 'node:assert/strict';
import test from 'node:test';
import { codeLenses } from '../../service/features/codeLens';
import { doHover } from '../../service/features/hover';
import { documentSymbols } from '../../service/features/symbols';
import fc from 'fast-check';
import { clockTime, dateTime, isoWritten, zoneText } from '../../service/wording';
import { analyzeText, LENS_COMMANDS, positionOfText, runs } from './helpers';

const OAG = [
  '2021-09-14T08:00:41.220-05:00 oag01 ACCESS_GATEWAY ACCESS AUTHN SAML INFO USER_AUTHN [SESSION_ID="s1" SUBJECT="lena" RESULT="PASS"] User login:lena',
  '2021-09-14T08:07:59.903-05:00 oag01 ACCESS_GATEWAY ACCESS AUTHN SESSION INFO USER_LOGOUT [SESSION_ID="s1" SUBJECT="lena" RESULT="PASS"] User logout success: lena.',
].join('\n');

test('wall clock and offset as written', () => {
  const instant = Date.UTC(2021, 8, 14, 13, 0, 52);
  assert.equal(clockTime({ time: instant, zone: -300 }), '08:00:52-05:00');
  assert.equal(clockTime({ time: instant, zone: 330 }), '18:30:52+05:30');
  assert.equal(clockTime({ time: instant, zone: 0 }), '13:00:52Z');
  assert.equal(clockTime({ time: instant }), '13:00:52');
  assert.equal(clockTime({}), '?');
  assert.equal(dateTime({ time: instant, zone: -300 }), '2021-09-14 08:00:52-05:00');
  assert.equal(zoneText(-90), '-01:30');
});

test('the Outline shows OAG times in the log\'s own offset, not UTC', () => {
  const analysis = analyzeText(OAG, 'oag');
  const [session] = documentSymbols(analysis, 100);
  assert.match(session.detail ?? '', /^08:00:41-05:00 → 08:07:59-05:00 · 7 min 19 s/);
  assert.equal(session.children?.[0].name, 'USER_AUTHN PASS · 08:00:41-05:00');
  assert.equal(session.children?.[0].detail, 'line 1');
  const flat = JSON.stringify(documentSymbols(analysis, 100));
  assert.doesNotMatch(flat, /13:00:41|13:07:59/);
});

test('CodeLens titles and the session hover quote the written times', () => {
  const analysis = analyzeText(OAG, 'oag');
  const lenses = codeLenses(analysis, 'file:///a.log', LENS_COMMANDS);
  assert.ok(lenses.some((l) => l.command?.title.includes('7 min 19 s later')));
  const hover = doHover(analysis, positionOfText(OAG, 'USER_LOGOUT'));
  const text = typeof hover?.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
  assert.match(text, /line 1, 08:00:41-05:00/);
  assert.match(text, /line 2, 08:07:59-05:00/);
});

/**
 * isoWritten as a Date writes it (what it replaced, computed without a Date for millions of records).
 * The Date-based one read the time part at a fixed place, wrong for years beyond 9999 (`+010000-…`).
 */
function isoByDate(time: number | undefined, zone: number | undefined): string | undefined {
  if (time === undefined || !Number.isFinite(time)) {
    return undefined;
  }
  const date = new Date(time + (zone ?? 0) * 60_000);
  if (Number.isNaN(date.getTime())) {
    return undefined;
  }
  // `2021-11-11T22:24:37.118Z`, or `+010000-01-01T…` beyond 0-9999: the time part follows the T.
  const iso = date.toISOString();
  const t = iso.indexOf('T');
  const millis = date.getUTCMilliseconds() ? iso.slice(t + 9, t + 13) : '';
  const year = date.getUTCFullYear();
  const datePart = year >= 0 && year <= 9999 ? iso.slice(0, 10) : `${year}-${iso.slice(t - 5, t)}`;
  return `${datePart}T${iso.slice(t + 1, t + 9)}${millis}${zoneText(zone)}`;
}

test('ISO times for machines: the text a Date gives, for any instant and offset', () => {
  assert.equal(isoWritten({ time: Date.UTC(2021, 8, 14, 13, 0, 41, 220), zone: -300 }), '2021-09-14T08:00:41.220-05:00');
  assert.equal(isoWritten({ time: Date.UTC(2021, 10, 11, 22, 24, 37) }), '2021-11-11T22:24:37');
  assert.equal(isoWritten({ time: Date.UTC(2000, 1, 29, 0, 0, 0, 5), zone: 0 }), '2000-02-29T00:00:00.005Z');
  const time = fc.oneof(
    fc.integer({ min: -8.64e15, max: 8.64e15 }),
    fc.integer({ min: Date.UTC(-1, 0, 1), max: Date.UTC(10001, 0, 1) }),
    fc.double({ min: -9e15, max: 9e15, noNaN: false }),
    fc.constantFrom(0, -1, 8.64e15, -8.64e15, 8.64e15 + 1, Date.UTC(1600, 1, 29), Date.UTC(1900, 2, 1) - 1, Date.UTC(9999, 11, 31, 23, 59, 59, 999)),
  );
  const zone = fc.option(fc.integer({ min: -1440, max: 1440 }), { nil: undefined });
  fc.assert(fc.property(time, zone, (t, z) => {
    assert.equal(isoWritten({ time: t, zone: z }), isoByDate(t, z));
  }), { numRuns: runs(20_000) });
});
