/**
 * The findings rules on plain records: each fires, stays quiet, honours its thresholds, works across
 * midnight and across files (records of several files, told apart by their EntryRef's file).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeFindings, defaultFindingsOptions, readFindingsOptions } from '../../service/findings';
import { findBursts } from '../../service/findings/bursts';
import { EventFacts, Finding } from '../../service/findings/model';
import { patchDate } from '../../service/findings/rules/oldSecurityPatch';
import { event, MIN, only, run, session, T0 } from './findingsRecords';

function codes(findings: Finding[]): string[] {
  return findings.map((f) => f.code);
}

describe('findBursts (sliding window)', () => {
  test('N events within the window make one burst; a gap splits bursts; fewer than N make none', () => {
    assert.deepEqual(findBursts([0, 1, 2, 3, 4], 5, 10), [[0, 4]]);
    assert.deepEqual(findBursts([0, 1, 2, 3], 5, 10), []);
    assert.deepEqual(findBursts([0, 1, 2, 100, 101, 102], 3, 10), [[0, 2], [3, 5]]);
    // A long run of events, each window full: one burst, not one per event.
    assert.deepEqual(findBursts(Array.from({ length: 50 }, (_, i) => i * 3), 4, 10), [[0, 49]]);
    // Exactly the window apart still counts; one more millisecond does not.
    assert.deepEqual(findBursts([0, 10], 2, 10), [[0, 1]]);
    assert.deepEqual(findBursts([0, 11], 2, 10), []);
  });
});

describe('jailbrokenAllowed', () => {
  test('fires for an allowed session from a jailbroken device, with the START and STOP as evidence', () => {
    const s = session({ user: 'tnguyen', jailbroken: true });
    const found = only(run({ sessions: [s, session({ jailbroken: false }), session({})] }), 'finding-jailbroken-allowed');
    assert.equal(found.length, 1);
    assert.equal(found[0].where, s.where);
    assert.equal(found[0].severity, 'warning');
    assert.match(found[0].message, /tnguyen/);
    assert.deepEqual(found[0].evidence.map((e) => e.where.line), [s.startRef!.line, s.stopRef!.line]);
  });

  test('does not fire for a session whose login failed, nor when turned off; severity is configurable', () => {
    assert.deepEqual(codes(run({ sessions: [session({ jailbroken: true, failed: true })] })), []);
    assert.deepEqual(codes(run({ sessions: [session({ jailbroken: true })] }, (o) => { o.rules.jailbrokenAllowed.enabled = false; })), []);
    assert.deepEqual(codes(run({ sessions: [session({ jailbroken: true })] }, (o) => { o.enabled = false; })), []);
    const info = run({ sessions: [session({ jailbroken: true })] }, (o) => { o.rules.jailbrokenAllowed.severity = 'information'; });
    assert.equal(info[0].severity, 'information');
  });
});

describe('oldSecurityPatch', () => {
  test('patch dates: days and months, nothing else', () => {
    assert.equal(patchDate('2021-10-05'), Date.UTC(2021, 9, 5));
    assert.equal(patchDate('2021-10'), Date.UTC(2021, 9, 1));
    assert.equal(patchDate('October 2021'), undefined);
    assert.equal(patchDate('2021-13-01'), undefined);
  });

  test('fires above the limit in days at the session start, not at or below it', () => {
    const start = Date.UTC(2021, 9, 31, 22, 0, 0);
    const old = session({ start, securityPatchVersion: '2021-08-01' }); // 91 days
    const edge = session({ start, securityPatchVersion: '2021-08-02' }); // 90 days
    const recent = session({ start, securityPatchVersion: '2021-10-01' });
    const found = only(run({ sessions: [old, edge, recent] }), 'finding-old-security-patch');
    assert.deepEqual(found.map((f) => f.where), [old.where]);
    assert.match(found[0].message, /91 days/);
    const stricter = only(run({ sessions: [old, edge, recent] }, (o) => { o.rules.oldSecurityPatch.maxAgeDays = 30; }), 'finding-old-security-patch');
    assert.equal(stricter.length, 2);
  });

  test('counts days on the wall clock the log writes (an OAG offset moves the day)', () => {
    // 03:30 UTC on Nov 1 is 22:30 on Oct 31 at UTC-05:00, as the log writes it: 91 days after Aug 1, not 92.
    const s = session({ start: Date.UTC(2021, 10, 1, 3, 30), zone: -300, securityPatchVersion: '2021-08-01' });
    assert.match(only(run({ sessions: [s] }), 'finding-old-security-patch')[0].message, /91 days/);
  });
});

describe('failureBurst', () => {
  const rejects = (n: number, stepMs: number, over: Partial<EventFacts> = {}): EventFacts[] =>
    Array.from({ length: n }, (_, i) => event({ kind: 'policyReject', user: 'mreyes', device: 'd1', time: T0 + i * stepMs, ...over }));

  test('five REJECTs of one user within ten minutes are one finding, reported once (not again by device)', () => {
    const burst = rejects(5, 2 * MIN);
    const found = only(run({ events: burst }), 'finding-failure-burst');
    assert.equal(found.length, 1);
    assert.equal(found[0].where, burst[0].where);
    assert.equal(found[0].user, 'mreyes');
    assert.match(found[0].message, /5 Policy REJECTs for user 'mreyes' within 8 min/);
    assert.equal(found[0].evidence.length, 5);
  });

  test('four are not a burst, nor five spread over more than the window', () => {
    assert.deepEqual(codes(run({ events: rejects(4, MIN) })), []);
    assert.deepEqual(codes(run({ events: rejects(5, 3 * MIN) })), []); // 12 minutes
  });

  test('thresholds come from the options', () => {
    assert.equal(only(run({ events: rejects(5, 3 * MIN) }, (o) => { o.rules.failureBurst.windowMinutes = 15; }), 'finding-failure-burst').length, 1);
    assert.equal(only(run({ events: rejects(3, MIN) }, (o) => { o.rules.failureBurst.count = 3; }), 'finding-failure-burst').length, 1);
    assert.equal(only(run({ events: rejects(5, MIN) }, (o) => { o.rules.failureBurst.count = 6; }), 'finding-failure-burst').length, 0);
  });

  test('across midnight: REJECTs at 23:56 .. 00:04 are one burst', () => {
    const burst = rejects(5, 2 * MIN, { time: undefined }).map((e, i) => ({ ...e, time: Date.UTC(2021, 9, 31, 23, 56) + i * 2 * MIN }));
    const found = only(run({ events: burst }), 'finding-failure-burst');
    assert.equal(found.length, 1);
    assert.equal(found[0].end, Date.UTC(2021, 10, 1, 0, 4));
  });

  test('different users from one device: a burst of the device', () => {
    const burst = Array.from({ length: 5 }, (_, i) => event({ kind: 'policyReject', user: `user${i}`, device: 'shared-device', time: T0 + i * MIN }));
    const found = only(run({ events: burst }), 'finding-failure-burst');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /device 'shared-device'/);
  });

  test('OAG failed logins from one address; successful logins and denials do not count', () => {
    const fails = Array.from({ length: 5 }, (_, i) => event({ kind: i % 2 ? 'loginFail' : 'authnFail', sourceIp: '203.0.113.9', time: T0 + i * MIN }));
    const found = only(run({ events: fails }), 'finding-failure-burst');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /5 failed logins for source address '203\.0\.113\.9'/);
    const others = Array.from({ length: 5 }, (_, i) => event({ kind: i % 2 ? 'adminLogin' : 'authzDeny', sourceIp: '203.0.113.9', time: T0 + i * MIN }));
    assert.deepEqual(only(run({ events: others }), 'finding-failure-burst'), []);
  });

  test('across files: a burst split over two rotated files is one finding whose evidence names both files', () => {
    const burst = rejects(5, MIN).map((e, i) => ({ ...e, where: { file: i < 2 ? 'gateway.log.1' : 'gateway.log', entry: i, line: i * 3 } }));
    // Records of the newer file come first, as an index may list them: the rules sort by time.
    const found = only(run({ events: [...burst.slice(2), ...burst.slice(0, 2)] }), 'finding-failure-burst');
    assert.equal(found.length, 1);
    assert.equal(found[0].where.file, 'gateway.log.1');
    assert.deepEqual(found[0].evidence.map((e) => e.where.file), ['gateway.log.1', 'gateway.log.1', 'gateway.log', 'gateway.log', 'gateway.log']);
  });

  test('evidence is bounded; hostile long values are cut in the message', () => {
    const many = rejects(500, 1000, { user: 'x'.repeat(5000) });
    const [found] = only(run({ events: many }), 'finding-failure-burst');
    assert.equal(found.evidence.length, 10);
    assert.equal(found.moreEvidence, 490);
    assert.ok(found.message.length < 300, found.message);
  });
});

describe('overlappingSessions', () => {
  test('one user, two devices, overlapping, different public addresses: fires on the later session', () => {
    const a = session({ user: 'bob', publicIp: '198.51.100.1', start: T0, stop: T0 + 60 * MIN });
    const b = session({ user: 'bob', publicIp: '203.0.113.7', start: T0 + 10 * MIN, stop: T0 + 20 * MIN });
    const found = only(run({ sessions: [b, a] }), 'finding-overlapping-sessions');
    assert.equal(found.length, 1);
    assert.equal(found[0].where, b.where);
    assert.match(found[0].message, /'bob' had two sessions at once for 10 min/);
    assert.match(found[0].message, /198\.51\.100\.1.*203\.0\.113\.7/);
  });

  test('different mobile country codes count too; the same address and country do not', () => {
    const a = session({ user: 'bob', publicIp: undefined, mobileCountryCode: '310', start: T0, stop: T0 + 60 * MIN });
    const b = session({ user: 'bob', publicIp: undefined, mobileCountryCode: '234', start: T0 + 5 * MIN, stop: T0 + 50 * MIN });
    assert.equal(only(run({ sessions: [a, b] }), 'finding-overlapping-sessions').length, 1);
    const c = session({ user: 'bob', start: T0, stop: T0 + 60 * MIN });
    const d = session({ user: 'bob', start: T0 + 5 * MIN, stop: T0 + 50 * MIN });
    assert.deepEqual(only(run({ sessions: [c, d] }), 'finding-overlapping-sessions'), []);
  });

  test('no finding for sessions one after the other, for other users, or for the same device unless asked', () => {
    const a = session({ user: 'bob', publicIp: '198.51.100.1', start: T0, stop: T0 + 10 * MIN });
    const b = session({ user: 'bob', publicIp: '203.0.113.7', start: T0 + 10 * MIN, stop: T0 + 20 * MIN });
    assert.deepEqual(only(run({ sessions: [a, b] }), 'finding-overlapping-sessions'), []);
    const c = session({ user: 'carol', publicIp: '203.0.113.7', start: T0 + 5 * MIN, stop: T0 + 20 * MIN });
    assert.deepEqual(only(run({ sessions: [a, c] }), 'finding-overlapping-sessions'), []);
    const phone1 = session({ user: 'bob', uniqueId: 'same', publicIp: '198.51.100.1', start: T0, stop: T0 + 30 * MIN });
    const phone2 = session({ user: 'bob', uniqueId: 'same', publicIp: '203.0.113.7', start: T0 + 5 * MIN, stop: T0 + 40 * MIN });
    assert.deepEqual(only(run({ sessions: [phone1, phone2] }), 'finding-overlapping-sessions'), []);
    assert.equal(only(run({ sessions: [phone1, phone2] }, (o) => { o.rules.overlappingSessions.sameDevice = true; }), 'finding-overlapping-sessions').length, 1);
  });

  test('the minimum overlap is a threshold', () => {
    const a = session({ user: 'bob', publicIp: '198.51.100.1', start: T0, stop: T0 + 10 * MIN });
    const b = session({ user: 'bob', publicIp: '203.0.113.7', start: T0 + 9 * MIN + 30_000, stop: T0 + 20 * MIN });
    assert.deepEqual(only(run({ sessions: [a, b] }), 'finding-overlapping-sessions'), []);
    assert.equal(only(run({ sessions: [a, b] }, (o) => { o.rules.overlappingSessions.minOverlapMinutes = 0; }), 'finding-overlapping-sessions').length, 1);
  });

  test('across midnight, with a STOP-only session placed by its durationSeconds and a START without STOP running to the end', () => {
    // The first session's START is in the previous file: only its STOP (00:20, 40 minutes long) is here.
    const before = session({ user: 'dave', publicIp: '198.51.100.1', start: undefined, stop: Date.UTC(2021, 10, 1, 0, 20), durationSeconds: 2400 });
    const now = session({ user: 'dave', publicIp: '203.0.113.7', start: Date.UTC(2021, 9, 31, 23, 55), stop: undefined, stopRef: undefined });
    const last = event({ kind: 'policyReject', time: Date.UTC(2021, 10, 1, 1, 0) });
    const found = only(run({ sessions: [before, now], events: [last] }), 'finding-overlapping-sessions');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /25 min/);
  });

  test('across files: sessions of one user in two files', () => {
    const a = session({ user: 'erin', publicIp: '198.51.100.1', where: { file: 'a.log', entry: 1, line: 1 }, startRef: { file: 'a.log', entry: 1, line: 1 } });
    const b = session({ user: 'erin', publicIp: '203.0.113.7', start: T0 + 5 * MIN, where: { file: 'b.log', entry: 1, line: 1 }, startRef: { file: 'b.log', entry: 1, line: 1 } });
    const [found] = only(run({ sessions: [a, b] }), 'finding-overlapping-sessions');
    assert.equal(found.where.file, 'b.log');
    assert.deepEqual(found.evidence.slice(0, 2).map((e) => e.where.file), ['a.log', 'b.log']);
  });
});

describe('denySpike', () => {
  const denials = (n: number, stepMs: number, resource = '/payroll'): EventFacts[] =>
    Array.from({ length: n }, (_, i) => event({ kind: i % 3 ? 'authzDeny' : 'sessionDeny', resource, app: 'HR', user: `u${i}`, time: T0 + i * stepMs }));

  test('ten denials of one resource within five minutes fire; nine do not; another resource is another count', () => {
    const found = only(run({ events: denials(10, 20_000) }), 'finding-deny-spike');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /10 access denials for resource '\/payroll · HR'/);
    assert.deepEqual(only(run({ events: denials(9, 20_000) }), 'finding-deny-spike'), []);
    assert.deepEqual(only(run({ events: [...denials(5, 20_000, '/a'), ...denials(5, 20_000, '/b')] }), 'finding-deny-spike'), []);
  });

  test('a scan: ten denials of ten paths for one user, or from one address, within five minutes fire once', () => {
    const scan = (who: Partial<EventFacts>): EventFacts[] =>
      Array.from({ length: 10 }, (_, i) => event({ kind: 'authzDeny', resource: `/admin/${i}`, app: 'HR', time: T0 + i * 20_000, ...who }));
    const byUser = only(run({ events: scan({ user: 'mallory', sourceIp: undefined }) }), 'finding-deny-spike');
    assert.equal(byUser.length, 1);
    assert.match(byUser[0].message, /^10 access denials for user 'mallory'/);
    // Written in two ways, one user; several users from one address are one address.
    const twoWays = scan({ user: 'mallory' }).map((e, i) => ({ ...e, user: i % 2 ? 'Mallory' : 'mallory' }));
    assert.equal(only(run({ events: twoWays }), 'finding-deny-spike').length, 1);
    const byAddress = only(run({ events: scan({ sourceIp: '203.0.113.9' }).map((e, i) => ({ ...e, user: `u${i}` })) }), 'finding-deny-spike');
    assert.equal(byAddress.length, 1);
    assert.match(byAddress[0].message, /^10 access denials for source address '203\.0\.113\.9'/);
    // Ten paths, ten users, no address in common: nothing.
    assert.deepEqual(only(run({ events: scan({}).map((e, i) => ({ ...e, user: `u${i}` })) }), 'finding-deny-spike'), []);
  });

  test('thresholds, and across midnight', () => {
    assert.equal(only(run({ events: denials(4, MIN) }, (o) => { o.rules.denySpike.count = 4; }), 'finding-deny-spike').length, 1);
    assert.deepEqual(only(run({ events: denials(10, MIN) }), 'finding-deny-spike'), []); // nine minutes
    assert.equal(only(run({ events: denials(10, MIN) }, (o) => { o.rules.denySpike.windowMinutes = 10; }), 'finding-deny-spike').length, 1);
    const night = denials(10, 20_000).map((e, i) => ({ ...e, time: Date.UTC(2021, 9, 31, 23, 58) + i * 20_000 }));
    assert.equal(only(run({ events: night }), 'finding-deny-spike').length, 1);
  });
});

describe('adminNewAddress', () => {
  const login = (user: string, ip: string, minutes: number, file?: string): EventFacts =>
    event({ kind: 'adminLogin', user, sourceIp: ip, time: T0 + minutes * MIN, ...(file ? { where: { file, entry: minutes, line: minutes } } : {}) });

  test("an account's first address is known; a later login from another fires, once per new address", () => {
    const events = [login('admin', '10.0.0.1', 0), login('admin', '10.0.0.1', 5), login('admin', '10.9.9.9', 10), login('admin', '10.9.9.9', 15), login('ops', '10.9.9.9', 20)];
    const found = only(run({ events }), 'finding-admin-new-address');
    assert.equal(found.length, 1);
    assert.equal(found[0].where, events[2].where);
    assert.match(found[0].message, /'admin' from '10\.9\.9\.9'/);
    assert.equal(found[0].evidence[1].where, events[0].where);
  });

  test('known addresses from the options: every login from outside them fires, even the first', () => {
    const events = [login('admin', '10.0.0.1', 0), login('admin', '10.9.9.9', 10)];
    const found = only(run({ events }, (o) => { o.rules.adminNewAddress.knownAddresses = ['10.0.0.1']; }), 'finding-admin-new-address');
    assert.equal(found.length, 1);
    const first = only(run({ events: [login('root', '10.5.5.5', 0)] }, (o) => { o.rules.adminNewAddress.knownAddresses = ['10.0.0.1']; }), 'finding-admin-new-address');
    assert.equal(first.length, 1);
    assert.match(first[0].message, /not among the known admin addresses/);
  });

  test('across files and midnight: order is by time, not by the order records arrive in', () => {
    const newer = login('admin', '10.9.9.9', 20, 'audit.log');
    const older = login('admin', '10.0.0.1', 0, 'audit.log.1');
    const found = only(run({ events: [newer, older] }), 'finding-admin-new-address');
    assert.deepEqual(found.map((f) => f.where.file), ['audit.log']);
  });
});

describe('longSession', () => {
  test('over the limit in hours fires; under it does not; the limit is an option', () => {
    const long = session({ start: T0, stop: T0 + 25 * 3600_000 });
    const short = session({ start: T0, stop: T0 + 23 * 3600_000 });
    assert.deepEqual(only(run({ sessions: [long, short] }), 'finding-long-session').map((f) => f.where), [long.where]);
    assert.equal(only(run({ sessions: [long, short] }, (o) => { o.rules.longSession.hours = 12; }), 'finding-long-session').length, 2);
  });

  test('a session never stopped that was still open more than the limit after its START, at the end of the log, fires', () => {
    const open = session({ start: T0, stop: undefined, stopRef: undefined });
    const later = session({ start: T0 + 20 * 3600_000, stop: undefined, stopRef: undefined });
    const end = T0 + 30 * 3600_000;
    const found = only(computeFindings({ sessions: [open, later], events: [], end }, defaultFindingsOptions()).findings, 'finding-long-session');
    assert.deepEqual(found.map((f) => f.where), [open.where]);
    assert.match(found[0].message, /no STOP .*still open .*1 d 6 h after it started/);
    // Without a log end, the latest time any fact carries stands in (here the other START: 20 h, under the limit).
    assert.deepEqual(only(run({ sessions: [open, later] }), 'finding-long-session'), []);
    // An OAG session without logout lapses: the log going on says nothing of it.
    const oag = session({ format: 'oag', start: T0, stop: undefined, stopRef: undefined });
    assert.deepEqual(only(computeFindings({ sessions: [oag], events: [], end }, defaultFindingsOptions()).findings, 'finding-long-session'), []);
    // The median is not applied to open sessions: their length is only a lower bound.
    const usual = Array.from({ length: 12 }, () => session({ start: T0, stop: T0 + 5 * MIN }));
    assert.deepEqual(only(computeFindings({ sessions: [...usual, session({ start: T0, stop: undefined, stopRef: undefined })], events: [], end: T0 + 3 * 3600_000 }, defaultFindingsOptions()).findings, 'finding-long-session'), []);
  });

  test('far longer than the median of at least ten sessions (and an hour) fires; durationSeconds wins over timestamps', () => {
    const usual = Array.from({ length: 12 }, () => session({ start: T0, stop: T0 + 5 * MIN }));
    const odd = session({ start: T0, stop: T0 + 3 * 3600_000 }); // 36 times the median of 5 min
    assert.deepEqual(only(run({ sessions: [...usual, odd] }), 'finding-long-session').map((f) => f.where), [odd.where]);
    assert.deepEqual(only(run({ sessions: [...usual, odd] }, (o) => { o.rules.longSession.timesMedian = 0; }), 'finding-long-session'), []);
    assert.deepEqual(only(run({ sessions: [...usual.slice(0, 5), odd] }), 'finding-long-session'), []);
    const reported = session({ start: undefined, stop: T0, durationSeconds: 30 * 3600 });
    assert.match(only(run({ sessions: [reported] }), 'finding-long-session')[0].message, /1 d 6 h/);
  });
});

describe('implausibleTraffic', () => {
  test('bytes over the duration above the limit fire; plausible traffic and missing counters do not', () => {
    const heavy = session({ durationSeconds: 10, bytesRx: 500_000_000, bytesTx: 0 }); // 400 Mbit/s
    const normal = session({ durationSeconds: 2417, bytesRx: 20_977_342, bytesTx: 2_210_457 });
    const none = session({ durationSeconds: 1 });
    const found = only(run({ sessions: [heavy, normal, none] }), 'finding-implausible-traffic');
    assert.equal(found.length, 1);
    assert.equal(found[0].where, heavy.stopRef);
    assert.match(found[0].message, /400 Mbit\/s/);
    assert.equal(only(run({ sessions: [heavy] }, (o) => { o.rules.implausibleTraffic.maxMbps = 500; }), 'finding-implausible-traffic').length, 0);
  });

  test('a session of 0 seconds counts as one second', () => {
    const zero = session({ durationSeconds: 0, start: T0, stop: T0, bytesRx: 20_000_000 }); // 160 Mbit in 1 s
    assert.equal(only(run({ sessions: [zero] }), 'finding-implausible-traffic').length, 1);
  });
});

describe('options and limits', () => {
  test('settings are read by kind; wrong kinds and negative numbers keep the defaults', () => {
    const o = readFindingsOptions({
      maxPerRule: 3, failureBurst: { count: 7, windowMinutes: 'ten', severity: 'Information' }, longSession: { hours: -1 },
      adminNewAddress: { knownAddresses: ['10.0.0.1', 2] }, jailbrokenAllowed: { enabled: false, severity: 'Error' },
    });
    assert.equal(o.maxPerRule, 3);
    assert.equal(o.rules.failureBurst.count, 7);
    assert.equal(o.rules.failureBurst.windowMinutes, 10);
    assert.equal(o.rules.failureBurst.severity, 'information');
    assert.equal(o.rules.longSession.hours, 24);
    assert.deepEqual(o.rules.adminNewAddress.knownAddresses, []);
    assert.equal(o.rules.jailbrokenAllowed.enabled, false);
    assert.equal(o.rules.jailbrokenAllowed.severity, 'warning');
    assert.deepEqual(readFindingsOptions(undefined), defaultFindingsOptions());
  });

  test('each rule stops at maxPerRule and counts the rest', () => {
    const sessions = Array.from({ length: 30 }, () => session({ jailbroken: true }));
    const options = defaultFindingsOptions();
    options.maxPerRule = 4;
    const result = computeFindings({ sessions, events: [] }, options);
    assert.equal(result.findings.length, 4);
    assert.deepEqual(result.omitted, { jailbrokenAllowed: 26 });
  });
});
