/**
 * The findings rules against a hostile log writer: values written to hide a real finding (a username
 * in another case, with a space or an invisible character; a query string on a path; a negative
 * counter) or to make one look like something else, and odd values of the settings.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultFindingsOptions, factsOfAnalysis, findingsOf } from '../../service/findings';
import { EventFacts, Finding } from '../../service/findings/model';
import { FindingsOptions, readFindingsOptions } from '../../service/findings/options';
import { buildTimeline } from '../../service/features/timeline';
import { event, MIN, only, run, session, T0 } from './findingsRecords';
import { analyzeText, bcHeader, bcLinked } from './helpers';

/** One account written five ways that a reader (and most directories) take for the same name. */
const SPELLINGS = ['mreyes', 'MReyes', ' mreyes', 'mre\u200Byes', '\uFF4D\uFF52\uFF45\uFF59\uFF45\uFF53' /* fullwidth */];

describe('evasion: one account written in several ways', () => {
  test('a burst of REJECTs is not split by case, spaces, invisible or fullwidth characters in the username', () => {
    // Each from another device, so only the user can tie them together.
    const burst = SPELLINGS.map((user, i) => event({ kind: 'policyReject', user, device: `dev${i}`, time: T0 + i * MIN }));
    const found = only(run({ events: burst }), 'finding-failure-burst');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /^5 Policy REJECTs for user 'mreyes'/);
    assert.equal(found[0].user, 'mreyes', 'the first name as written');
    // The evidence shows each name as written when it is not the one in the message (the invisible character written out).
    assert.deepEqual(found[0].evidence.map((e) => /\('(.*)'\)$/.exec(e.text)?.[1]), [undefined, 'MReyes', ' mreyes', 'mre\\u200Byes', SPELLINGS[4]]);
  });

  test('names that differ in more than that stay apart', () => {
    const burst = ['mreyes', 'mreyes2', 'm reyes', 'mreye', 'nreyes'].map((user, i) => event({ kind: 'policyReject', user, device: `dev${i}`, time: T0 + i * MIN }));
    assert.deepEqual(only(run({ events: burst }), 'finding-failure-burst'), []);
  });

  test('overlapping sessions of one account written in two cases', () => {
    const a = session({ user: 'bob', publicIp: '198.51.100.1', start: T0, stop: T0 + 60 * MIN });
    const b = session({ user: 'BOB ', publicIp: '203.0.113.7', start: T0 + 10 * MIN, stop: T0 + 20 * MIN });
    const found = only(run({ sessions: [a, b] }), 'finding-overlapping-sessions');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /^'BOB ' had two sessions/);
    assert.ok(found[0].evidence.some((e) => e.text.includes("user 'bob'")), 'the other spelling is in the evidence');
  });

  test('a console login from a new address under a case-changed account name', () => {
    const login = (user: string, ip: string, minutes: number): EventFacts => event({ kind: 'adminLogin', user, sourceIp: ip, time: T0 + minutes * MIN });
    const events = [login('admin', '10.0.0.1', 0), login('Admin', '10.9.9.9', 10), login('ADMIN\u200B', '10.0.0.1', 20)];
    const found = only(run({ events }), 'finding-admin-new-address');
    assert.deepEqual(found.map((f) => f.where), [events[1].where]);
    assert.match(found[0].evidence[1].text, /first console login of 'admin'/);
    // Known addresses are compared the same way (an IPv6 address in capitals, a stray space).
    const v6 = [login('root', 'FE80::1', 0), login('root', ' 10.0.0.1', 5)];
    assert.deepEqual(only(run({ events: v6 }, (o) => { o.rules.adminNewAddress.knownAddresses = ['fe80::1', '10.0.0.1']; }), 'finding-admin-new-address'), []);
  });
});

/** A Blue Cedar START or STOP of `user` with these device and app facts. */
function bcSession(what: 'START' | 'STOP', ms: number, user: string, gsid: number, ip: string, device: string, app: Record<string, unknown> = {}): string {
  const json = JSON.stringify({ sessionId: { username: user, device: { osType: 'ios', uniqueId: device, jailbroken: false }, app: { publicSrcIp: ip, appName: 'Mail', appGsid: gsid, ...app } } });
  return `${bcHeader(ms)}\nSession ${what} ${json}\n`;
}

describe('documents: what the facts say about the log', () => {
  test('a session without STOP runs to the last entry of the log, not to the last entry a rule reads', () => {
    // Two sessions of bob from two addresses, neither stopped; the log goes on for half an hour with
    // entries no rule reads (tunnel messages).
    const text = bcSession('START', T0, 'bob', 11, '198.51.100.1', 'A') + bcSession('START', T0 + MIN, 'bob', 12, '203.0.113.7', 'B')
      + bcLinked(T0 + 30 * MIN, 12, 'Removing tunnel interface vt2 with address 10.24.0.37');
    const analysis = analyzeText(text, 'bluecedar');
    assert.equal(factsOfAnalysis(analysis).end, T0 + 30 * MIN);
    const found = only(findingsOf(analysis, defaultFindingsOptions()).findings, 'finding-overlapping-sessions');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /at once for 29 min/);
  });

  test('facts without a log end (an older index) still end at their own last time', () => {
    const a = session({ user: 'dave', publicIp: '198.51.100.1', start: T0, stop: undefined, stopRef: undefined });
    const b = session({ user: 'dave', publicIp: '203.0.113.7', start: T0 + 5 * MIN, stop: undefined, stopRef: undefined });
    const last = event({ kind: 'policyReject', time: T0 + 20 * MIN });
    assert.match(only(run({ sessions: [a, b], events: [last] }), 'finding-overlapping-sessions')[0].message, /15 min/);
  });
});

/** A lone surrogate (half of a pair): what a cut in the middle of an emoji leaves. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Characters that reorder or hide text. */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u0000-\u001F]/;

describe('inertness and bounds of what a finding holds', () => {
  test('a long name is cut on a character boundary, and bidi or zero-width characters are written out', () => {
    const long = 'a'.repeat(79) + '\u{1F600}' + 'zz';
    const [cut] = only(run({ sessions: [session({ user: long, jailbroken: true })] }), 'finding-jailbroken-allowed');
    assert.doesNotMatch(cut.message, LONE_SURROGATE, cut.message);
    const [bidi] = only(run({ sessions: [session({ user: 'evil\u202Egnp.exe', device: 'pho\u200Bne\n# heading', jailbroken: true })] }), 'finding-jailbroken-allowed');
    assert.doesNotMatch(bidi.message, INVISIBLE, bidi.message);
    assert.match(bidi.message, /'evil\\u202Egnp\.exe'/);
    assert.match(bidi.message, /'pho\\u200Bne # heading'/);
  });

  test('evidence lines, users and devices are bounded, whatever the log writes', () => {
    const huge = 'x'.repeat(1_000_000);
    const login = (ip: string, minutes: number): EventFacts => event({ kind: 'adminLogin', user: huge, sourceIp: ip, label: `USER_LOGIN ${huge}`, time: T0 + minutes * MIN });
    const found = only(run({ events: [login(huge, 0), login(`${huge}2`, 1), login(`${huge}3`, 2)] }), 'finding-admin-new-address');
    assert.equal(found.length, 2);
    for (const f of found) {
      assert.ok(f.message.length <= 400, `message of ${f.message.length}`);
      assert.ok(f.user!.length <= 300, `user of ${f.user!.length}`);
      for (const e of f.evidence) {
        assert.ok(e.text.length <= 500, `evidence of ${e.text.length}`);
      }
    }
    const [overlap] = only(run({ sessions: [
      session({ user: huge, device: huge, publicIp: `${huge}1`, start: T0, stop: T0 + 60 * MIN }),
      session({ user: huge, device: huge, publicIp: `${huge}2`, start: T0 + MIN, stop: T0 + 60 * MIN }),
    ] }), 'finding-overlapping-sessions');
    assert.ok(overlap.message.length <= 400, `message of ${overlap.message.length}`);
    assert.ok(overlap.device!.length <= 300, `device of ${overlap.device!.length}`);
    assert.ok(overlap.evidence.every((e) => e.text.length <= 500));
  });
});

describe('evasion: one resource written in several ways', () => {
  test('a query string or a fragment does not make each denial a resource of its own', () => {
    const denials = Array.from({ length: 10 }, (_, i) => event({ kind: 'authzDeny', resource: i % 2 ? `/payroll?id=${i}` : `/payroll#${i}`, app: 'HR', time: T0 + i * 10_000 }));
    const found = only(run({ events: denials }), 'finding-deny-spike');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /^10 access denials for resource '\/payroll · HR'/);
    // Other paths are other resources (of other users: one user's denials of many paths are a scan).
    const paths = Array.from({ length: 10 }, (_, i) => event({ kind: 'authzDeny', resource: `/payroll/${i}`, app: 'HR', user: `u${i}`, time: T0 + i * 10_000 }));
    assert.deepEqual(only(run({ events: paths }), 'finding-deny-spike'), []);
  });
});

describe('evasion: numbers a STOP writes', () => {
  test('a negative byte counter does not cancel the other one out', () => {
    // 500 GB received in ten minutes, "sent" minus as much: the sum was 10 bytes and nothing fired.
    const hidden = session({ start: T0, stop: T0 + 10 * MIN, durationSeconds: 600, bytesRx: 5e11, bytesTx: -5e11 + 10 });
    const [found] = only(run({ sessions: [hidden] }), 'finding-implausible-traffic');
    assert.ok(found, 'reported');
    assert.match(found.message, /465\.7 GB in 10 min/);
    const mirrored = session({ start: T0, stop: T0 + 10 * MIN, durationSeconds: 600, bytesRx: -5e11, bytesTx: 5e11 + 10 });
    assert.equal(only(run({ sessions: [mirrored] }), 'finding-implausible-traffic').length, 1);
    // Negative counters alone are no traffic.
    assert.deepEqual(only(run({ sessions: [session({ durationSeconds: 1, bytesRx: -5e11, bytesTx: -1 })] }), 'finding-implausible-traffic'), []);
  });
});

describe('settings at their edges', () => {
  test('overlap of 0 minutes: sessions must still overlap, one after the other is not "at once"', () => {
    const a = session({ user: 'bob', publicIp: '198.51.100.1', start: T0, stop: T0 + 10 * MIN });
    const b = session({ user: 'bob', publicIp: '203.0.113.7', start: T0 + 10 * MIN, stop: T0 + 20 * MIN });
    const instant = session({ user: 'bob', publicIp: '203.0.113.8', start: T0 + 5 * MIN, stop: T0 + 5 * MIN });
    const zero = (o: FindingsOptions): void => { o.rules.overlappingSessions.minOverlapMinutes = 0; };
    assert.deepEqual(only(run({ sessions: [a, b, instant] }, zero), 'finding-overlapping-sessions').map((f) => f.message), []);
    const c = session({ user: 'bob', publicIp: '203.0.113.7', start: T0 + 10 * MIN - 1000, stop: T0 + 20 * MIN });
    assert.match(only(run({ sessions: [a, c] }, zero), 'finding-overlapping-sessions')[0].message, /for 1 s/);
  });

  test('a burst count below one, or with a fraction, counts whole events', () => {
    const rejects = (n: number): EventFacts[] => Array.from({ length: n }, (_, i) => event({ kind: 'policyReject', user: 'zoe', time: T0 + i * MIN }));
    // 0 (below the schema's minimum of 1) is every failure, not silently none.
    const [one] = only(run({ events: rejects(1) }, (o) => { o.rules.failureBurst.count = 0; }), 'finding-failure-burst');
    assert.match(one.message, /^1 Policy REJECTs for user 'zoe' .*threshold: 1 in 10 min/);
    const fraction = (o: FindingsOptions): void => { o.rules.failureBurst.count = 2.5; o.rules.denySpike.count = 0.2; };
    assert.deepEqual(only(run({ events: rejects(2) }, fraction), 'finding-failure-burst'), []);
    assert.match(only(run({ events: rejects(3) }, fraction), 'finding-failure-burst')[0].message, /threshold: 3 in 10 min/);
    const denial = event({ kind: 'authzDeny', resource: '/a', time: T0 });
    assert.equal(only(run({ events: [denial] }, fraction), 'finding-deny-spike').length, 1);
  });

  test('odd values of the settings: wrong kinds, NaN, negative, huge', () => {
    const o = readFindingsOptions({
      enabled: 'false', maxPerRule: 1e300,
      failureBurst: { count: Number.NaN, windowMinutes: -5 }, denySpike: { count: '10', windowMinutes: Infinity },
      longSession: { hours: null, timesMedian: [] }, overlappingSessions: { sameDevice: 'true', minOverlapMinutes: {} },
      adminNewAddress: { knownAddresses: 'x' }, __proto__: { enabled: false },
    });
    const d = defaultFindingsOptions();
    assert.equal(o.enabled, true);
    assert.deepEqual(o.rules, d.rules);
    // A limit, however large it is set: every list and answer built on the findings stays bounded.
    assert.equal(o.maxPerRule, 10_000);
    assert.equal(readFindingsOptions({ maxPerRule: 2.7 }).maxPerRule, 2);
    assert.equal(readFindingsOptions({ maxPerRule: -1 }).maxPerRule, 100);
  });
});

describe('the timeline data', () => {
  test('a finding whose message a rule wrote with raw log text still reaches the view inert and bounded', () => {
    const finding: Finding = {
      rule: 'x', code: 'finding-x', title: 'X', severity: 'warning', message: `user evil\u202Egnp.exe ${'m'.repeat(10_000)}`,
      where: { entry: 0, line: 0 }, time: T0, user: 'bob\u200B', device: 'd'.repeat(10_000), evidence: [], moreEvidence: 0,
    };
    const data = buildTimeline({ format: 'bluecedar', facts: { sessions: [], events: [] }, findings: { findings: [finding], omitted: {} }, levels: () => undefined });
    const [shown] = data.findings;
    assert.match(shown.message, /^user evil\\u202Egnp\.exe m+…$/);
    // 500 units and the ellipsis, plus 5 for the one invisible character written out as an escape.
    assert.ok(shown.message.length <= 506, `message of ${shown.message.length}`);
    assert.equal(shown.user, 'bob\\u200B');
    assert.ok(shown.device!.length <= 201, `device of ${shown.device!.length}`);
  });
});
