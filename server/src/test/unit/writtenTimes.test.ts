/** Times are shown as the log writes them: its own wall clock, with its offset when it writes one. */
import assert from 'node:assert/strict';
import test from 'node:test';
import { codeLenses } from '../../service/features/codeLens';
import { doHover } from '../../service/features/hover';
import { documentSymbols } from '../../service/features/symbols';
import { clockTime, dateTime, zoneText } from '../../service/wording';
import { analyzeText, LENS_COMMANDS, positionOfText } from './helpers';

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
  assert.equal(session.children?.[0].detail, '08:00:41-05:00 · line 1');
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
