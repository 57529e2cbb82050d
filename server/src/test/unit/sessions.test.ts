/** Session pairing, the session cross-checks, and the features built on them (navigation, lenses, outline). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MarkupContent, SymbolKind } from 'vscode-languageserver-types';
import { Analysis } from '../../service/analysis';
import { codeLenses } from '../../service/features/codeLens';
import { foldingRanges } from '../../service/features/folding';
import { doHover } from '../../service/features/hover';
import { findDefinition, findHighlights, findReferences } from '../../service/features/navigation';
import { documentSymbols } from '../../service/features/symbols';
import { LogEntry } from '../../service/model';
import {
  analyzeText, bcHeader, bcLinked, bcReject, BcSession, bcStart, bcStop, oagAuthz, oagLogin, oagLogout, oagSession,
  LENS_COMMANDS, positionOf, prng,
} from './helpers';

const URI = 'file:///test.log';

function problemsWith(analysis: Analysis, code: string): { entry: LogEntry | undefined; severity: string; text: string }[] {
  return analysis.sessionProblems.filter((p) => p.code === code).map((p) => ({
    entry: analysis.log.entries.find((e) => e.start <= p.start && p.start <= e.end),
    severity: p.severity,
    text: analysis.log.text.slice(p.start, p.end),
  }));
}

function entriesOfKind(analysis: Analysis, kind: LogEntry['kind']): LogEntry[] {
  return analysis.log.entries.filter((e) => e.kind === kind);
}

function headerPos(analysis: Analysis, entry: LogEntry, shift = 0): { line: number; character: number } {
  return positionOf(analysis.log.text, entry.start + shift);
}

function hoverText(analysis: Analysis, offset: number): string {
  const hover = doHover(analysis, positionOf(analysis.log.text, offset));
  assert.ok(hover, `no hover at ${offset}`);
  return (hover.contents as MarkupContent).value;
}

function durationText(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m ? `${m} minutes ${s} seconds` : `${s} seconds`;
}

const T0 = Date.UTC(2021, 10, 11, 22, 0, 0);
const sec = (n: number): number => T0 + n * 1000;

function session(username: string, appGsid: number, extra: Partial<BcSession> = {}): BcSession {
  return { username, appGsid, ...extra };
}

function stopped(s: BcSession, seconds: number): BcSession {
  return { ...s, durationSeconds: seconds, duration: durationText(seconds) };
}

test('appGsid pairs interleaved START/STOP; the check finds nothing to complain about', () => {
  const a = session('alice', 111);
  const b = session('bob', 222);
  const text = bcStart(sec(0), a) + bcStart(sec(5), b) + bcStop(sec(49), stopped(a, 49)) + bcStop(sec(65), stopped(b, 60));
  const analysis = analyzeText(text, 'bluecedar');
  const { sessions, sessionOf } = analysis.sessions;
  assert.equal(sessions.length, 2);
  assert.deepEqual(sessions.map((s) => [s.rule, s.key, s.start, s.stop]), [['appGsid', '111', 0, 2], ['appGsid', '222', 1, 3]]);
  assert.deepEqual([...sessionOf], [0, 1, 0, 1]);
  assert.deepEqual(analysis.sessionProblems, []);
  const hover = hoverText(analysis, analysis.log.entries[2].eventStart!);
  assert.match(hover, /Paired by/);
  assert.match(hover, /appGsid/);
});

test('identity pairing when appGsid is 0, and the hover names the rule', () => {
  const a1 = session('carol', 0, { uniqueId: 'AA:01' });
  const a2 = session('carol', 0, { uniqueId: 'BB:02' }); // same user, other device: another session
  const d = session('dave', 0, { uniqueId: 'AA:01' }); // same device, other user: another session
  const text = bcStart(sec(0), a1) + bcStart(sec(2), a2) + bcStart(sec(3), d)
    + bcStop(sec(30), stopped(a2, 28)) + bcStop(sec(40), stopped(d, 37)) + bcStop(sec(50), stopped(a1, 50))
    // the first device again, after its first session stopped: a new, separate pair
    + bcStart(sec(60), a1) + bcStop(sec(70), stopped(a1, 10));
  const analysis = analyzeText(text, 'bluecedar');
  const { sessions } = analysis.sessions;
  assert.equal(sessions.length, 4);
  assert.ok(sessions.every((s) => s.rule === 'identity'));
  assert.deepEqual(sessions.map((s) => [s.start, s.stop]), [[0, 5], [1, 3], [2, 4], [6, 7]]);
  assert.deepEqual(analysis.sessionProblems, []);
  const stop = analysis.log.entries[3];
  const hover = hoverText(analysis, stop.eventStart! + 3);
  assert.match(hover, /Paired by/);
  assert.match(hover, /username/);
  assert.doesNotMatch(hover, /Paired by: app\.appGsid/);
});

test('EID links an event to the session with that appGsid', () => {
  const a = session('erin', 424242);
  const text = bcLinked(sec(0), 424242, 'Adding tunnel interface vt3 with address 10.24.0.42')
    + bcStart(sec(1), a)
    + bcLinked(sec(2), 424242, '108.99.99.25', 'IKE')
    + bcLinked(sec(3), 999, 'not a session we know')
    + bcStop(sec(20), stopped(a, 19))
    + bcLinked(sec(21), 424242, 'Removing tunnel interface vt3 with address 10.24.0.42');
  const analysis = analyzeText(text, 'bluecedar');
  const { sessions, sessionOf } = analysis.sessions;
  assert.equal(sessions.length, 1);
  assert.deepEqual(sessions[0].members, [0, 1, 2, 4, 5]);
  assert.equal(sessionOf[3], -1);
  const linked = analysis.log.entries[2];
  const eidOffset = analysis.log.text.indexOf('424242', linked.start);
  const hover = hoverText(analysis, eidOffset);
  assert.match(hover, /Paired by/);
  assert.match(hover, /EID/);
  // References from a linked event list the whole session.
  const refs = findReferences(analysis, URI, headerPos(analysis, linked));
  assert.deepEqual(refs.map((r) => r.range.start.line), sessions[0].members.map((i) => analysis.log.entries[i].startLine));
  // Definition from a linked event goes to the START.
  const def = findDefinition(analysis, URI, headerPos(analysis, linked));
  assert.equal(def[0].range.start.line, analysis.log.entries[1].startLine);
});

test('Policy REJECTs belong to no session but have their outline group', () => {
  const a = session('frank', 777);
  const text = bcReject(sec(0), 'frank') + bcStart(sec(1), a) + bcReject(sec(2), 'gina', 'Invalid or malformed MAC address') + bcStop(sec(10), stopped(a, 9));
  const analysis = analyzeText(text, 'bluecedar');
  const rejects = entriesOfKind(analysis, 'policyReject');
  assert.equal(rejects.length, 2);
  for (const r of rejects) {
    assert.equal(analysis.sessions.sessionOf[r.index], -1);
  }
  const symbols = documentSymbols(analysis, 5000);
  assert.equal(symbols.length, 2);
  assert.equal(symbols[0].kind, SymbolKind.Namespace);
  const group = symbols[1];
  assert.match(group.name, /^Policy rejects/);
  assert.match(group.name, /\b2\b/);
  assert.deepEqual(group.children!.map((c) => c.selectionRange.start.line), rejects.map((r) => r.startLine));
});

test('STOP without START is information; START without STOP is a hint', () => {
  const text = bcStop(sec(10), stopped(session('hank', 1), 10)) + bcStart(sec(20), session('ivy', 2));
  const analysis = analyzeText(text, 'bluecedar');
  const orphan = problemsWith(analysis, 'stop-without-start');
  assert.equal(orphan.length, 1);
  assert.equal(orphan[0].severity, 'information');
  assert.equal(orphan[0].entry?.kind, 'sessionStop');
  assert.equal(orphan[0].text, 'Session STOP');
  const open = problemsWith(analysis, 'start-without-stop');
  assert.equal(open.length, 1);
  assert.equal(open[0].severity, 'hint');
  assert.equal(open[0].entry?.kind, 'sessionStart');
  assert.equal(analysis.sessionProblems.length, 2);
  // Lenses say the other end is missing; clicking them describes the session instead of moving.
  const lenses = codeLenses(analysis, URI, LENS_COMMANDS);
  assert.equal(lenses.length, 2);
  assert.ok(lenses.every((l) => l.command!.command === LENS_COMMANDS.describe));
  assert.deepEqual(lenses.map((l) => l.command!.arguments), [[URI, analysis.log.entries[0].startLine], [URI, analysis.log.entries[1].startLine]]);
  assert.deepEqual(findDefinition(analysis, URI, headerPos(analysis, analysis.log.entries[0])), []);
});

test('durationSeconds more than 2 s away from the timestamps is a warning; within 2 s is fine', () => {
  for (const [reported, warns] of [[49, false], [51, false], [47, false], [52, true], [40, true]] as const) {
    const s = session('jack', 5150);
    const text = bcStart(sec(0), s) + bcStop(sec(49), { ...s, durationSeconds: reported, duration: durationText(reported) });
    const analysis = analyzeText(text, 'bluecedar');
    const found = problemsWith(analysis, 'duration-mismatch');
    assert.equal(found.length, warns ? 1 : 0, `reported ${reported}`);
    if (warns) {
      assert.equal(found[0].severity, 'warning');
      assert.equal(found[0].entry?.kind, 'sessionStop');
    }
  }
});

test('duration text disagreeing with durationSeconds is a warning', () => {
  const s = session('kate', 6160);
  const good = analyzeText(bcStart(sec(0), s) + bcStop(sec(437), { ...s, durationSeconds: 437, duration: '7 minutes 17 seconds' }), 'bluecedar');
  assert.deepEqual(good.sessionProblems, []);
  const bad = analyzeText(bcStart(sec(0), s) + bcStop(sec(437), { ...s, durationSeconds: 437, duration: '9 minutes 17 seconds' }), 'bluecedar');
  const found = problemsWith(bad, 'duration-text-mismatch');
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'warning');
  assert.equal(bad.sessionProblems.length, 1);
});

test('a STOP timestamped before its START is a warning', () => {
  const s = session('liam', 7170);
  const text = bcStart(sec(100), s) + bcStop(sec(40), stopped(s, 60));
  const analysis = analyzeText(text, 'bluecedar');
  const found = problemsWith(analysis, 'stop-before-start');
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'warning');
  assert.equal(found[0].entry?.kind, 'sessionStop');
});

test('two STARTs for one appGsid without a STOP between them is a warning on the second', () => {
  const s = session('mia', 8180);
  const text = bcStart(sec(0), s) + bcStart(sec(10), s) + bcStop(sec(20), stopped(s, 10));
  const analysis = analyzeText(text, 'bluecedar');
  const found = problemsWith(analysis, 'start-twice');
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'warning');
  assert.equal(found[0].entry?.index, 1);
  // The STOP pairs with the latest START.
  assert.equal(analysis.sessions.sessions[1].stop, 2);
  // Restarting after a STOP is fine.
  const again = analyzeText(bcStart(sec(0), s) + bcStop(sec(5), stopped(s, 5)) + bcStart(sec(10), s) + bcStop(sec(20), stopped(s, 10)), 'bluecedar');
  assert.deepEqual(again.sessionProblems, []);
  assert.deepEqual(again.sessions.sessions.map((x) => [x.start, x.stop]), [[0, 1], [2, 3]]);
});

test('year inference across Dec -> Jan (syslog form) gives the right elapsed time', () => {
  const s = session('nora', 9190);
  const start = Date.UTC(2021, 11, 31, 23, 59, 30);
  const stop = Date.UTC(2022, 0, 1, 0, 0, 19);
  // Without any explicit year: the newest entry is placed before NOW (June 2022).
  const text = bcStart(start, s, { withYear: false }) + bcStop(stop, stopped(s, 49), { withYear: false });
  const analysis = analyzeText(text, 'bluecedar');
  const [a, b] = analysis.log.entries;
  assert.equal(a.time, start);
  assert.equal(b.time, stop);
  assert.deepEqual(analysis.sessionProblems, []);
  const lens = codeLenses(analysis, URI, LENS_COMMANDS).find((l) => l.range.start.line === a.startLine);
  assert.match(lens!.command!.title, /49 s/);
  // With an explicit year before: the year carries over and rolls forward.
  const withYear = `${bcHeader(Date.UTC(2020, 11, 31, 23, 0, 0), { type: 'General' })} clock synchronized\n`
    + bcStart(Date.UTC(2020, 11, 31, 23, 59, 30), s, { withYear: false }) + bcStop(Date.UTC(2021, 0, 1, 0, 0, 19), stopped(s, 49), { withYear: false });
  const second = analyzeText(withYear, 'bluecedar');
  assert.equal(second.log.entries[1].time, Date.UTC(2020, 11, 31, 23, 59, 30));
  assert.equal(second.log.entries[2].time, Date.UTC(2021, 0, 1, 0, 0, 19));
  assert.deepEqual(second.sessionProblems, []);
});

// ---------------------------------------------------------------------------------------------
// Generated interleaved sessions

interface Planned {
  name: string;
  start: number;
  stop: number;
  /** Times of the other events of the session. */
  others: number[];
}

function interleave<T extends { time: number }>(items: T[]): T[] {
  return items.map((item, i) => ({ item, i })).sort((x, y) => x.item.time - y.item.time || x.i - y.i).map((x) => x.item);
}

function plan(count: number, seed: number): Planned[] {
  const random = prng(seed);
  const plans: Planned[] = [];
  for (let i = 0; i < count; i++) {
    const start = Math.floor(random() * 600) * 2; // even seconds: no two sessions start together
    const length = 12 + Math.floor(random() * 2400);
    const others = [start + 1 + Math.floor(random() * (length - 2)), start + 1 + Math.floor(random() * (length - 2))];
    plans.push({ name: `user${String(i).padStart(2, '0')}`, start, stop: start + length, others });
  }
  return plans;
}

function checkLensTitle(title: string, seconds: number, events: number): void {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  if (m > 0) {
    assert.match(title, new RegExp(`\\b${m} min\\b`), title);
  }
  if (s > 0) {
    assert.match(title, new RegExp(`\\b${s} s\\b`), title);
  }
  assert.match(title, new RegExp(`\\b${events} events\\b`), title);
}

test('Blue Cedar: twelve interleaved sessions pair, navigate, fold, lens and outline correctly', () => {
  const plans = plan(12, 7);
  type Item = { time: number; text: string; owner: number; kind: 'start' | 'stop' | 'other' };
  const items: Item[] = [];
  plans.forEach((p, i) => {
    const gsid = i % 4 === 3 ? 0 : 3_000_000_000 + i; // every fourth session pairs by identity
    const s = session(p.name, gsid, { osType: i % 2 ? 'android' : 'ios', uniqueId: `ID-${i}` });
    const pretty = i % 3 === 0;
    items.push({ time: p.start, text: bcStart(sec(p.start), s, { pretty }), owner: i, kind: 'start' });
    items.push({ time: p.stop, text: bcStop(sec(p.stop), stopped(s, p.stop - p.start), { pretty }), owner: i, kind: 'stop' });
    if (gsid) {
      for (const t of p.others) {
        items.push({ time: t, text: bcLinked(sec(t), gsid, `Adding tunnel interface vt${i} with address 10.24.0.${i}`), owner: i, kind: 'other' });
      }
    }
  });
  items.push({ time: 300, text: bcReject(sec(300), 'mallory'), owner: -1, kind: 'other' });
  const ordered = interleave(items);
  const text = ordered.map((x) => x.text).join('');
  const analysis = analyzeText(text, 'bluecedar');
  const { entries } = analysis.log;
  assert.equal(entries.length, ordered.length);
  assert.deepEqual(analysis.sessionProblems, []);
  assert.deepEqual(analysis.log.problems, []);
  assert.ok(entries.every((e) => e.problems.length === 0));

  const sessions = analysis.sessions.sessions;
  assert.equal(sessions.length, plans.length);
  for (let i = 0; i < plans.length; i++) {
    const expectedMembers = ordered.map((x, index) => (x.owner === i ? index : -1)).filter((x) => x >= 0);
    const startIndex = ordered.findIndex((x) => x.owner === i && x.kind === 'start');
    const stopIndex = ordered.findIndex((x) => x.owner === i && x.kind === 'stop');
    const found = sessions.find((s) => s.start === startIndex);
    assert.ok(found, `session of ${plans[i].name}`);
    assert.equal(found.rule, i % 4 === 3 ? 'identity' : 'appGsid');
    assert.equal(found.stop, stopIndex);
    assert.deepEqual(found.members, expectedMembers);

    const start = entries[startIndex];
    const stop = entries[stopIndex];
    // Definition both ways, from anywhere on the header line.
    const toStart = findDefinition(analysis, URI, headerPos(analysis, stop, 5));
    assert.deepEqual(toStart.map((l) => [l.uri, l.range.start.line, l.range.start.character]), [[URI, start.startLine, 0]]);
    const toStop = findDefinition(analysis, URI, headerPos(analysis, start, 30));
    assert.deepEqual(toStop.map((l) => l.range.start.line), [stop.startLine]);
    // References and highlights: every event of the session.
    const refs = findReferences(analysis, URI, headerPos(analysis, stop));
    assert.deepEqual(refs.map((r) => r.range.start.line), expectedMembers.map((m) => entries[m].startLine));
    assert.equal(findHighlights(analysis, headerPos(analysis, start)).length, expectedMembers.length);
    // Lenses on both ends, naming the elapsed time and the event count, pointing at the other end.
    const lenses = codeLenses(analysis, URI, LENS_COMMANDS);
    for (const [entry, other] of [[start, stop], [stop, start]]) {
      const lens = lenses.find((l) => l.range.start.line === entry.startLine);
      assert.ok(lens, `lens on line ${entry.startLine}`);
      checkLensTitle(lens.command!.title, plans[i].stop - plans[i].start, expectedMembers.length);
      assert.equal(lens.command!.command, LENS_COMMANDS.reveal);
      assert.deepEqual(lens.command!.arguments, [URI, other.startLine]);
    }
  }

  // Folding: exactly the multi-line entries.
  const folds = foldingRanges(analysis);
  const multi = entries.filter((e) => e.endLine > e.startLine);
  assert.ok(multi.length > 0);
  assert.deepEqual(folds.map((f) => [f.startLine, f.endLine]), multi.map((e) => [e.startLine, e.endLine]));

  // Outline: the sessions first, with their events as children, then the groups.
  const symbols = documentSymbols(analysis, 5000);
  assert.equal(symbols.length, sessions.length + 1);
  sessions.forEach((s, k) => {
    const symbol = symbols[k];
    assert.equal(symbol.kind, SymbolKind.Namespace);
    assert.ok(symbol.name.includes(entries[s.start!].session!.username!), symbol.name);
    assert.deepEqual(symbol.children!.map((c) => c.selectionRange.start.line), s.members.map((m) => entries[m].startLine));
    assert.equal(symbol.range.start.line, entries[s.members[0]].startLine);
    assert.equal(symbol.range.end.line, entries[s.members[s.members.length - 1]].endLine);
  });
  assert.match(symbols[sessions.length].name, /^Policy rejects/);
  assert.equal(symbols[sessions.length].children!.length, 1);
});

test('OAG: twelve interleaved sessions group by SESSION_ID, navigate, lens and outline correctly', () => {
  const plans = plan(12, 11);
  type Item = { time: number; text: string; owner: number; kind: 'start' | 'stop' | 'other' };
  const items: Item[] = [];
  plans.forEach((p, i) => {
    const id = `_${(0xabc000 + i).toString(16)}f459e98a5bed21ff2a8332b25a184faaf19`;
    const subject = `${p.name}@example.com`;
    const app = i % 2 ? 'HR Portal' : 'Expense Portal';
    items.push({ time: p.start, text: oagLogin(sec(p.start), id, subject, i % 5 === 0 ? 'LOCAL' : 'SAML'), owner: i, kind: 'start' });
    items.push({ time: p.start + 1, text: oagSession(sec(p.start + 1), id, subject, app), owner: i, kind: 'other' });
    for (const t of p.others) {
      items.push({ time: t, text: oagAuthz(sec(t), id, subject, app, `/r/${t}`, t % 2 ? 'ALLOW' : 'DENY'), owner: i, kind: 'other' });
    }
    items.push({ time: p.stop, text: oagLogout(sec(p.stop), id, subject, app), owner: i, kind: 'stop' });
  });
  items.push({ time: 200, text: '2021-11-11T17:03:20.000-05:00 oag01.example.com ACCESS_GATEWAY WEB_CONSOLE - - INFO SYSTEM_STARTUP [] Startup complete, system ready.\n', owner: -1, kind: 'other' });
  const ordered = interleave(items);
  const text = ordered.map((x) => x.text).join('');
  const analysis = analyzeText(text, 'oag');
  const { entries } = analysis.log;
  assert.equal(entries.length, ordered.length);
  assert.ok(entries.every((e) => e.problems.length === 0), JSON.stringify(entries.flatMap((e) => e.problems)));
  assert.deepEqual(analysis.sessionProblems, []);

  const sessions = analysis.sessions.sessions;
  assert.equal(sessions.length, plans.length);
  const lenses = codeLenses(analysis, URI, LENS_COMMANDS);
  for (let i = 0; i < plans.length; i++) {
    const expectedMembers = ordered.map((x, index) => (x.owner === i ? index : -1)).filter((x) => x >= 0);
    const startIndex = ordered.findIndex((x) => x.owner === i && x.kind === 'start');
    const stopIndex = ordered.findIndex((x) => x.owner === i && x.kind === 'stop');
    const found = sessions.find((s) => s.start === startIndex);
    assert.ok(found);
    assert.equal(found.rule, 'sessionId');
    assert.equal(found.stop, stopIndex);
    assert.deepEqual(found.members, expectedMembers);
    assert.deepEqual(found.members.map((m) => entries[m].eventName), ordered.filter((x) => x.owner === i).map((x) => /(\w+) \[/.exec(x.text)![1]));
    const start = entries[startIndex];
    const stop = entries[stopIndex];
    assert.deepEqual(findDefinition(analysis, URI, headerPos(analysis, stop, 40)).map((l) => l.range.start.line), [start.startLine]);
    assert.deepEqual(findDefinition(analysis, URI, headerPos(analysis, start)).map((l) => l.range.start.line), [stop.startLine]);
    const session = entries[expectedMembers[1]];
    assert.equal(session.eventName, 'USER_SESSION');
    assert.deepEqual(findDefinition(analysis, URI, headerPos(analysis, session)).map((l) => l.range.start.line), [start.startLine]);
    assert.deepEqual(findReferences(analysis, URI, headerPos(analysis, session)).map((r) => r.range.start.line), expectedMembers.map((m) => entries[m].startLine));
    for (const [entry, other] of [[start, stop], [stop, start]]) {
      const lens = lenses.find((l) => l.range.start.line === entry.startLine);
      assert.ok(lens);
      checkLensTitle(lens.command!.title, plans[i].stop - plans[i].start, expectedMembers.length);
      assert.deepEqual(lens.command!.arguments, [URI, other.startLine]);
    }
    // Hover on SESSION_ID says the session and how it was grouped.
    const hover = hoverText(analysis, text.indexOf('SESSION_ID', stop.start) + 2);
    assert.match(hover, /Paired by/);
    assert.match(hover, /SESSION_ID/);
  }
  assert.deepEqual(foldingRanges(analysis), []);
  const symbols = documentSymbols(analysis, 5000);
  assert.ok(symbols.length > sessions.length);
  sessions.forEach((s, k) => {
    assert.equal(symbols[k].kind, SymbolKind.Namespace);
    assert.ok(symbols[k].name.includes(entries[s.start!].subject!), symbols[k].name);
    assert.equal(symbols[k].children!.length, s.members.length);
  });
  for (const group of symbols.slice(sessions.length)) {
    assert.notEqual(group.kind, SymbolKind.Namespace);
    assert.ok(group.children!.length > 0);
  }
});

test('OAG: a failed login without logout is no hint; a logout without login is information', () => {
  const text = oagLogin(sec(0), '_s1', 'a@x', 'LOCAL', 'FAIL') + oagLogout(sec(5), '_s2', 'b@x', 'App') + oagLogin(sec(6), '_s3', 'c@x');
  const analysis = analyzeText(text, 'oag');
  assert.deepEqual(analysis.sessionProblems.map((p) => [p.code, p.severity]).sort(), [['start-without-stop', 'hint'], ['stop-without-start', 'information']]);
  const hint = problemsWith(analysis, 'start-without-stop')[0];
  assert.equal(hint.entry?.sessionId, '_s3');
  assert.equal(hint.text, 'USER_AUTHN');
});

// ---------------------------------------------------------------------------------------------
// Rules that mutation testing found unguarded

test('two open sessions of one identity (appGsid 0): the first STOP pairs with the earliest open START', () => {
  const a = session('kim', 0, { uniqueId: 'AA:01' });
  const text = bcStart(sec(0), a) + bcStart(sec(10), a) + bcStop(sec(20), stopped(a, 20)) + bcStop(sec(30), stopped(a, 20));
  const analysis = analyzeText(text, 'bluecedar');
  assert.deepEqual(analysis.sessions.sessions.map((s) => [s.rule, s.start, s.stop]), [['identity', 0, 2], ['identity', 1, 3]]);
  assert.deepEqual(analysis.sessionProblems, [], 'both durations agree with their pairs');
});

test('a second STOP for one appGsid is reported, not paired in place of the first', () => {
  const a = session('lee', 31);
  const text = bcStart(sec(0), a) + bcStop(sec(10), stopped(a, 10)) + bcStop(sec(20), stopped(a, 20));
  const analysis = analyzeText(text, 'bluecedar');
  assert.deepEqual(analysis.sessions.sessions.map((s) => [s.key, s.start, s.stop]), [['31', 0, 1], ['31', undefined, 2]]);
  const orphan = problemsWith(analysis, 'stop-without-start');
  assert.equal(orphan.length, 1);
  assert.equal(orphan[0].entry?.index, 2);
  const def = findDefinition(analysis, URI, headerPos(analysis, analysis.log.entries[0]));
  assert.equal(def[0].range.start.line, analysis.log.entries[1].startLine, 'the START still goes to its own STOP');
});

test('OAG: two USER_LOGINs in one SESSION_ID: the first is the login', () => {
  const text = oagLogin(sec(0), '_s1', 'mia', 'LOCAL') + oagLogin(sec(5), '_s1', 'mia', 'LOCAL') + oagLogout(sec(9), '_s1', 'mia', 'App');
  const analysis = analyzeText(text, 'oag');
  assert.deepEqual(analysis.sessions.sessions.map((s) => [s.start, s.stop]), [[0, 2]]);
  const def = findDefinition(analysis, URI, headerPos(analysis, analysis.log.entries[2]));
  assert.equal(def[0].range.start.line, analysis.log.entries[0].startLine);
});

test('an event of a session with a STOP but no START: Go to Definition goes to the STOP', () => {
  const a = session('ned', 8080);
  const text = bcLinked(sec(0), 8080, 'tunnel up') + bcStop(sec(10), stopped(a, 10)) + bcLinked(sec(11), 8080, 'tunnel down');
  const analysis = analyzeText(text, 'bluecedar');
  const [first, stop, last] = analysis.log.entries;
  assert.equal(analysis.sessions.sessions.length, 1);
  assert.equal(findDefinition(analysis, URI, headerPos(analysis, first))[0].range.start.line, stop.startLine);
  assert.equal(findDefinition(analysis, URI, headerPos(analysis, last))[0].range.start.line, stop.startLine);
  assert.deepEqual(findDefinition(analysis, URI, headerPos(analysis, stop)), [], 'the STOP itself has nowhere to go');
});
