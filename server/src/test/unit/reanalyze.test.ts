/**
 * After an edit, the analysis redoes only the whole-file steps whose inputs changed: sessions are kept
 * when no session key, EID or kind changed, and the session checks are moved rather than redone when
 * no duration, result or line number changed. Each case checks the path taken and that the answer
 * equals a fresh analysis.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analysis } from '../../service/analysis';
import { getLanguageService } from '../../service/languageService';
import { LogFormat } from '../../service/model';
import { BcSession, bcStart, bcStop, oagLogin, oagLogout, OPTIONS } from './helpers';

const service = getLanguageService(OPTIONS);
const T0 = Date.UTC(2021, 10, 11, 22, 0, 0);
const sec = (s: number): number => T0 + s * 1000;

/** Replaces the `occurrence`-th `needle` with `replacement` through service.update. */
function edited(analysis: Analysis, needle: string, replacement: string, occurrence = 0): Analysis {
  const text = analysis.log.text;
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
  }
  assert.notEqual(at, -1, `${needle} not in the text`);
  const newText = text.slice(0, at) + replacement + text.slice(at + needle.length);
  return service.update(analysis, newText, { start: at, end: at + needle.length, text: replacement });
}

function sessionProblemsOf(analysis: Analysis): unknown {
  return analysis.sessionProblems.map(({ severity, start, end, code, message }) => ({ severity, start, end, code, message }));
}

function assertLikeFresh(updated: Analysis, format: LogFormat): void {
  const fresh = service.analyze(updated.log.text, format);
  assert.deepEqual(updated.sessions, fresh.sessions);
  assert.deepEqual(sessionProblemsOf(updated), sessionProblemsOf(fresh));
  assert.deepEqual([...updated.eidCounts], [...fresh.eidCounts]);
  assert.deepEqual(service.diagnostics(updated, 1000), service.diagnostics(fresh, 1000));
}

const alice: BcSession = { username: 'alice', appGsid: 111 };
const bob: BcSession = { username: 'bob', appGsid: 0, uniqueId: 'dev-b' };

function blueCedarLog(): string {
  // alice: START and STOP (duration right); bob (identity pairing): START only, a hint.
  return bcStart(sec(0), alice) + bcStart(sec(5), bob) + bcStart(sec(6), alice)
    + bcStop(sec(49), { ...alice, durationSeconds: 43, duration: '43 seconds' });
}

test('a username edit in an appGsid-paired START keeps the sessions and moves their problems', () => {
  const before = service.analyze(blueCedarLog(), 'bluecedar');
  assert.ok(before.sessionProblems.some((p) => p.code === 'start-twice'));
  const after = edited(before, '"alice"', '"alicia"');
  assert.strictEqual(after.sessions, before.sessions, 'the sessions should have been kept');
  assertLikeFresh(after, 'bluecedar');
});

test('a longer username moves the problems of every later entry', () => {
  const before = service.analyze(blueCedarLog(), 'bluecedar');
  const after = edited(before, '"alice"', '"alice.with.a.much.longer.name"');
  assert.strictEqual(after.sessions, before.sessions);
  assert.ok(after.sessionProblems.some((p) => p.start !== before.sessionProblems.find((q) => q.code === p.code)?.start));
  assertLikeFresh(after, 'bluecedar');
});

test('a username edit in an identity-paired START pairs again', () => {
  const before = service.analyze(blueCedarLog(), 'bluecedar');
  const after = edited(before, '"bob"', '"rob"');
  assert.notStrictEqual(after.sessions, before.sessions);
  assertLikeFresh(after, 'bluecedar');
});

test('an appGsid edit pairs again', () => {
  const before = service.analyze(blueCedarLog(), 'bluecedar');
  const after = edited(before, '111', '112', 1);
  assert.notStrictEqual(after.sessions, before.sessions);
  assertLikeFresh(after, 'bluecedar');
});

test('a durationSeconds edit keeps the sessions but checks them again', () => {
  const before = service.analyze(blueCedarLog(), 'bluecedar');
  assert.ok(!before.sessionProblems.some((p) => p.code === 'duration-mismatch'));
  const after = edited(before, '43,', '430,');
  assert.strictEqual(after.sessions, before.sessions);
  assert.ok(after.sessionProblems.some((p) => p.code === 'duration-mismatch'), 'the new duration should be checked');
  assertLikeFresh(after, 'bluecedar');
});

test('a line added before a repeated START updates the line number its warning quotes', () => {
  const before = service.analyze(blueCedarLog(), 'bluecedar');
  const after = edited(before, '"alice"', '\n"alice"');
  assert.match(after.sessionProblems.find((p) => p.code === 'start-twice')!.message, /line \d+/);
  assertLikeFresh(after, 'bluecedar');
});

test('OAG: a failed login that becomes successful is checked again (its missing logout is now a hint)', () => {
  const text = oagLogin(sec(0), 'S1', 'amy', 'SAML', 'FAIL') + oagLogin(sec(1), 'S2', 'ben') + oagLogout(sec(9), 'S2', 'ben', 'app');
  const before = service.analyze(text, 'oag');
  assert.ok(!before.sessionProblems.some((p) => p.code === 'start-without-stop'));
  const after = edited(before, 'FAIL', 'PASS');
  assert.strictEqual(after.sessions, before.sessions);
  assert.ok(after.sessionProblems.some((p) => p.code === 'start-without-stop'));
  assertLikeFresh(after, 'oag');
});

test('OAG: a SESSION_ID edit pairs again; a SUBJECT edit does not', () => {
  const text = oagLogin(sec(0), 'S1', 'amy') + oagLogin(sec(1), 'S2', 'ben') + oagLogout(sec(9), 'S2', 'ben', 'app');
  const before = service.analyze(text, 'oag');
  const renamed = edited(before, '"amy"', '"amelia"');
  assert.strictEqual(renamed.sessions, before.sessions);
  assertLikeFresh(renamed, 'oag');
  const repaired = edited(renamed, 'S1', 'S2');
  assert.notStrictEqual(repaired.sessions, renamed.sessions);
  assertLikeFresh(repaired, 'oag');
});
