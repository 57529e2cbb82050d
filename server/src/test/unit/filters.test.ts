/**
 * Filtered views, the model: clauses read from untrusted JSON, their wording, view URIs that survive an
 * editor's re-encoding, and each clause evaluated on the entries of the samples, checked against the
 * entries found another way (the sessions' member lists, the header text, a naive per-entry search).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Analysis } from '../../service/analysis';
import {
  describeClauses, FilterClause, parseViewUri, readClauses, severityRank, severityWords, viewUri, ViewSpec,
} from '../../service/formats/filterSpec';
import { compareTimes, entryTime, parseTimeRange } from '../../service/formats/timeRange';
import { compileEntryTest, documentContext, matchDocument, sessionKey } from '../../service/filters/documentFilter';
import { textMatcher } from '../../service/filters/textMatch';
import { LogEntry } from '../../service/model';
import { documentChoices } from '../../service/filters/choices';
import { analyzeText, bcStart, readSample } from './helpers';

const gateway = analyzeText(readSample('gateway.log'), 'bluecedar');
const audit = analyzeText(readSample('audit.log'), 'oag');

function matched(analysis: Analysis, clauses: FilterClause[]): number[] {
  const result = matchDocument(analysis, clauses);
  assert.ok(typeof result !== 'string', String(result));
  return [...result];
}

function entryText(analysis: Analysis, entry: LogEntry): string {
  return analysis.log.text.slice(entry.start, entry.end);
}

function headerLine(analysis: Analysis, entry: LogEntry): string {
  const text = entryText(analysis, entry);
  const end = text.search(/\r?\n/);
  return end === -1 ? text : text.slice(0, end);
}

describe('filter clauses from untrusted JSON', () => {
  test('valid clauses are kept as given; unknown keys are dropped', () => {
    const clauses = readClauses([
      { type: 'severity', min: 'warning' }, { type: 'user', value: 'akim', extra: 1 }, { type: 'text', pattern: 'a|b', regex: true, exclude: true },
      { type: 'session', key: 'g:2109085776', label: 'akim · Field Service', anchorTime: 5 }, { type: 'rejected' },
    ]);
    assert.deepEqual(clauses, [
      { type: 'severity', min: 'warning' }, { type: 'user', value: 'akim' }, { type: 'text', pattern: 'a|b', regex: true, exclude: true },
      { type: 'session', key: 'g:2109085776', label: 'akim · Field Service', anchorTime: 5 }, { type: 'rejected' },
    ]);
  });

  test('malformed clauses are refused with a reason', () => {
    for (const bad of [
      'x', [null], [{ type: 'severity', min: 'loud' }], [{ type: 'session', key: 'x:1' }], [{ type: 'user', value: '  ' }],
      [{ type: 'text', pattern: 'a'.repeat(5000) }], [{ type: 'kind', kinds: [] }], [{ type: '__proto__' }], Array(100).fill({ type: 'rejected' }),
    ]) {
      assert.equal(typeof readClauses(bad), 'string', JSON.stringify(bad).slice(0, 80));
    }
  });

  test('the wording names each clause', () => {
    assert.equal(describeClauses([{ type: 'user', value: 'akim' }, { type: 'severity', min: 'warning' }, { type: 'text', pattern: 'keepalive', exclude: true }]),
      'user “akim” · warning or worse · not text “keepalive”');
    assert.equal(describeClauses([{ type: 'kind', kinds: ['sessionStart', 'sessionStop'] }, { type: 'time', range: '2021-10-31 22:45 to 23:00' }]),
      'Session START/Session STOP · 2021-10-31 22:45 to 23:00');
    assert.equal(describeClauses([]), 'no filter');
  });

  test('values from logs are shown inert: one line, and no $(icon) in status bars, lens titles or pick lists', () => {
    const shown = describeClauses([{ type: 'user', value: '$(alert) root\nInjected' }, { type: 'component', values: ['$(x)'] }, { type: 'text', pattern: '$(zap)', regex: true }]);
    assert.ok(!shown.includes('$('), shown);
    assert.ok(!/[\r\n]/.test(shown), shown);
    assert.match(shown, /user “\$\u200b\(alert\) root Injected”/);
  });

  test('values from logs with invisible or direction-changing characters are shown with those written out', () => {
    const clauses: FilterClause[] = [{ type: 'user', value: 'mallory\u202E' }, { type: 'device', value: 'al\u200Bice' }];
    const shown = describeClauses(clauses);
    assert.ok(!/[\u202E\u200B]/.test(shown), JSON.stringify(shown));
    assert.ok(shown.includes('mallory\\u202E') && shown.includes('al\\u200Bice'), shown);
    const title = decodeURIComponent(viewUri({ source: { kind: 'file', uri: 'file:///logs/gateway.log' }, clauses, page: 0 } as ViewSpec, 'gate\u202Eway.log').split('?')[0]);
    assert.ok(!/[\u202E\u200B]/.test(title), JSON.stringify(title));
  });

  test('severity floors put both formats on one scale', () => {
    assert.deepEqual(severityWords('bluecedar', 'error'), ['Critical', 'Major', 'Minor']);
    assert.deepEqual(severityWords('oag', 'warning'), ['FATAL', 'ALERT', 'ERROR', 'WARN']);
    assert.equal(severityRank('bluecedar', 'critical'), -1, 'severities are case-sensitive, as the format writes them');
    assert.equal(severityRank('oag', 'TRACE'), severityRank('bluecedar', 'Debug'));
  });
});

describe('view URIs', () => {
  const spec: ViewSpec = {
    source: { kind: 'document', uri: 'file:///c%3A/logs/gateway%20(1).log' }, format: 'bluecedar', page: 2,
    clauses: [{ type: 'text', pattern: '100% & ?#/ “quotes” ✓ \u{1F600}' }, { type: 'user', value: 'Ünïcode/..\\x' }],
  };

  test('a URI gives back its spec, also after an editor percent-encodes it', () => {
    const uri = viewUri(spec, 'gateway (1).log');
    assert.deepEqual(parseViewUri(uri), spec);
    const [head, query] = uri.split('?');
    // How VS Code writes a URI back: the path and query percent-encoded.
    assert.deepEqual(parseViewUri(`${head}?${encodeURIComponent(query)}`), spec);
    // Separators and URI delimiters of the pattern and value leave the title (they stay in the spec); a
    // backslash becomes a look-alike that separates nothing.
    assert.equal(decodeURIComponent(head), 'gateway-log-view:/gateway (1).log (text “100 & “quotes” ✓ 😀” · user “Ünïcode ..∖x” · part 3).bluecedar-log');
    assert.ok(!decodeURIComponent(head).slice('gateway-log-view:/'.length).includes('/'), 'the title holds no path separator');
  });

  test('anything else is not a view', () => {
    assert.equal(parseViewUri('file:///x.log'), undefined);
    assert.equal(parseViewUri('gateway-log-view:/x.bluecedar-log'), undefined);
    assert.equal(parseViewUri('gateway-log-view:/x.bluecedar-log?!!'), undefined);
    assert.equal(parseViewUri(`gateway-log-view:/x.bluecedar-log?${Buffer.from('{"source":1}').toString('base64url')}`), undefined);
  });
});

describe('clauses on a document', () => {
  test('a session: exactly its members, EID-linked events included', () => {
    const akim = gateway.sessions.sessions.find((s) => s.key === '2109085776');
    assert.ok(akim);
    const ids = matched(gateway, [{ type: 'session', key: sessionKey(akim) }]);
    assert.deepEqual(ids, akim.members);
    const linked = ids.filter((i) => gateway.log.entries[i].kind === 'other');
    assert.ok(linked.length >= 3, 'the IKE and INTFMGR lines linked by EID are in');
    // Every session of both samples: the clause finds its member list.
    for (const analysis of [gateway, audit]) {
      for (const session of analysis.sessions.sessions) {
        const clause: FilterClause = { type: 'session', key: sessionKey(session), anchorTime: analysis.log.entries[session.start ?? session.stop ?? session.members[0]].time };
        const sameKey = analysis.sessions.sessions.filter((s) => sessionKey(s) === sessionKey(session));
        if (sameKey.length === 1) {
          assert.deepEqual(matched(analysis, [clause]), session.members, `session ${session.key}`);
        }
      }
    }
  });

  test('a user: their own entries and every event of their sessions', () => {
    for (const [analysis, user] of [[gateway, 'akim'], [audit, 'lena.fischer@acme-corp.com']] as const) {
      const ids = new Set(matched(analysis, [{ type: 'user', value: user.toUpperCase() }]));
      const sessionsOfUser = analysis.sessions.sessions.filter((s) => s.members.some((m) => {
        const e = analysis.log.entries[m];
        return (e.session?.username ?? e.subject) === user;
      }));
      assert.ok(sessionsOfUser.length > 0);
      for (const s of sessionsOfUser) {
        for (const m of s.members) {
          assert.ok(ids.has(m), `member at line ${analysis.log.entries[m].startLine + 1}`);
        }
      }
      for (const id of ids) {
        const e = analysis.log.entries[id];
        const own = e.session?.username ?? e.subject;
        const inSession = sessionsOfUser.some((s) => s.members.includes(id));
        assert.ok(own === user || inSession, `line ${e.startLine + 1} names ${own}`);
      }
    }
  });

  test('a time range: the entries whose header time (read from the text) lies in it', () => {
    for (const [analysis, range] of [[gateway, 'Oct 31 22:50 to 23:10:30'], [audit, '2021-09-14 08:00:30 to 08:05'], [gateway, '2021-10-31 23:00']] as const) {
      const parsed = parseTimeRange(range);
      assert.ok(typeof parsed !== 'string');
      const expected = analysis.log.entries.filter((e) => {
        const t = entryTime(headerLine(analysis, e));
        return t !== undefined && compareTimes(t, parsed.from) >= 0 && (parsed.to === undefined || compareTimes(t, parsed.to) <= 0);
      }).map((e) => e.index);
      assert.ok(expected.length > 0 && expected.length < analysis.log.entries.length, range);
      assert.deepEqual(matched(analysis, [{ type: 'time', range }]), expected, range);
    }
    assert.match(String(matchDocument(gateway, [{ type: 'time', range: 'yesterday' }])), /not a time/);
  });

  test('an end before the start says what to type; without years across New Year, to give them', () => {
    assert.equal(parseTimeRange('2021-11-11 10:00 to 2021-11-11 09:00'), 'The end time is before the start time.');
    assert.match(String(parseTimeRange('Dec 31 23:00 to Jan 1 01:00')), /before the start time.*New Year.*2021-12-31 23:00 to 2022-01-01 01:00/);
    const across = parseTimeRange('2021-12-31 23:00 to 2022-01-01 01:00');
    assert.ok(typeof across !== 'string');
  });

  test('severity, kinds, components, events, rejections and problems', () => {
    const sev = matched(gateway, [{ type: 'severity', min: 'warning' }]);
    assert.deepEqual(sev, gateway.log.entries.filter((e) => /Sev:(Critical|Major|Minor|Warning),/.test(headerLine(gateway, e))).map((e) => e.index));
    const kinds = matched(gateway, [{ type: 'kind', kinds: ['sessionStart', 'policyReject'] }]);
    assert.deepEqual(kinds, gateway.log.entries.filter((e) => /\n?\s*(Session START|Policy REJECT)/.test(entryText(gateway, e).split('\n').slice(0, 2).join('\n'))).map((e) => e.index));
    assert.deepEqual(matched(gateway, [{ type: 'component', values: ['IKE'] }]),
      gateway.log.entries.filter((e) => headerLine(gateway, e).includes('Mocana: [IKE]')).map((e) => e.index));
    assert.deepEqual(matched(audit, [{ type: 'event', values: ['USER_LOGOUT'] }]),
      audit.log.entries.filter((e) => / USER_LOGOUT \[/.test(entryText(audit, e))).map((e) => e.index));
    const rejected = matched(audit, [{ type: 'rejected' }]);
    assert.deepEqual(rejected, audit.log.entries.filter((e) => /RESULT="(FAIL|DENY)"/.test(entryText(audit, e))).map((e) => e.index));
    assert.ok(rejected.length > 0);
    const problems = matched(gateway, [{ type: 'problems' }]);
    const withProblems = new Set([
      ...gateway.log.entries.filter((e) => e.problems.some((p) => p.severity !== 'hint')).map((e) => e.index),
      ...gateway.sessionProblems.filter((p) => p.severity !== 'hint').map((p) => p.entry),
    ]);
    assert.deepEqual(problems, [...withProblems].sort((a, b) => a - b));
  });

  test('clauses combine with AND, and exclude turns one around', () => {
    const user = new Set(matched(gateway, [{ type: 'user', value: 'akim' }]));
    const linked = new Set(matched(gateway, [{ type: 'component', values: ['INTFMGR'] }]));
    const both = matched(gateway, [{ type: 'user', value: 'akim' }, { type: 'component', values: ['INTFMGR'] }]);
    assert.deepEqual(both, [...user].filter((i) => linked.has(i)));
    assert.ok(both.length > 0);
    const notLinked = matched(gateway, [{ type: 'user', value: 'akim' }, { type: 'component', values: ['INTFMGR'], exclude: true }]);
    assert.deepEqual(notLinked, [...user].filter((i) => !linked.has(i)));
    assert.equal(matched(gateway, [{ type: 'rejected' }, { type: 'rejected', exclude: true }]).length, 0);
  });
});

describe('text clauses', () => {
  test('plain text, any case, equals a search of each entry on its own (also across entry boundaries)', () => {
    const analysis = gateway;
    fc.assert(fc.property(
      fc.constantFrom('akim', 'AKIM', 'Session', 'vt3', '"}}}', '}\nOct', 'tunnel interface', 'xyz-none', ',', 'Informational, ', '2021 22'),
      fc.boolean(),
      (pattern, caseSensitive) => {
        const expected = analysis.log.entries.filter((e) => {
          const t = entryText(analysis, e);
          return caseSensitive ? t.includes(pattern) : t.toLowerCase().includes(pattern.toLowerCase());
        }).map((e) => e.index);
        assert.deepEqual(matched(analysis, [{ type: 'text', pattern, caseSensitive }]), expected, pattern);
      },
    ), { numRuns: 40 });
  });

  test('random text in random entries: the one-pass search agrees with a per-entry search', () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'B', '\n', ' ') , maxLength: 12 }), { minLength: 1, maxLength: 20 }), fc.string({ unit: fc.constantFrom('a', 'b', '\n'), minLength: 1, maxLength: 3 }), (messages, pattern) => {
      const text = messages.map((m, i) => `Oct 31 2021 22:45:${String(i).padStart(2, '0')} gw Mocana: [AAA], SubCls:999, EID: 0, Type: General, Sev:Informational, ${m}\n`).join('');
      const analysis = analyzeText(text, 'bluecedar');
      const expected = analysis.log.entries.filter((e) => entryText(analysis, e).toLowerCase().includes(pattern.toLowerCase())).map((e) => e.index);
      assert.deepEqual(matched(analysis, [{ type: 'text', pattern }]), expected);
    }), { numRuns: 200 });
  });

  test('regular expressions run per entry, multi-line, with RE2 syntax', () => {
    const ids = matched(gateway, [{ type: 'text', pattern: '^Session (START|STOP)\\s+\\{"sessionId":\\{"username":"(akim|dpatel)"', regex: true }]);
    const expected = gateway.log.entries.filter((e) => /^Session (START|STOP)\s+\{"sessionId":\{"username":"(akim|dpatel)"/m.test(entryText(gateway, e))).map((e) => e.index);
    assert.deepEqual(ids, expected);
    assert.ok(ids.length >= 2);
    assert.match(String(textMatcher('(a)\\1', true, false)), /cannot be used.*back-references/);
    assert.match(String(textMatcher('(?<=x)y', true, false)), /cannot be used/);
  });

  test('a catastrophic pattern on a long line costs linear time', { timeout: 20_000 }, () => {
    // (a+)+$ on "aaaa…a!" takes exponential time in a backtracking engine; this one finishes.
    const line = `Oct 31 2021 22:45:00 gw Mocana: [AAA], SubCls:999, EID: 0, Type: General, Sev:Informational, ${'a'.repeat(50_000)}!\n`;
    const analysis = analyzeText(line.repeat(3), 'bluecedar');
    assert.deepEqual(matched(analysis, [{ type: 'text', pattern: '(a+)+$', regex: true }]), []);
    assert.deepEqual(matched(analysis, [{ type: 'text', pattern: '(a+)+!$', regex: true }]), [0, 1, 2]);
  });
});

test('a text clause over texts that change (a scan\'s chunks): each text is searched anew', () => {
  const context = { format: 'bluecedar' as const, text: 'nothing here at all', sessionOf: () => -1, sessionsWithKey: () => () => false, sessionValues: () => [], hasProblem: () => false };
  const test = compileEntryTest([{ type: 'text', pattern: 'needle' }], context);
  assert.ok(typeof test !== 'string');
  const entry = (start: number, end: number) => ({ start, end } as LogEntry);
  assert.equal(test(entry(0, 19)), false);
  context.text = `${'x'.repeat(40)} needle`;
  assert.equal(test(entry(20, 47)), true, 'the next chunk\'s text is searched, even from a later offset');
});

test('a session clause takes events linked to a session whose START and STOP are not in the text', () => {
  const text = ['Oct 31 2021 22:47:03 gw Mocana: [IKE], SubCls:050, EID: 42, Type: General, Sev:Informational, 108.99.99.25',
    'Oct 31 2021 22:47:04 gw Mocana: [INTFMGR], SubCls:999, EID: 42, Type: General, Sev:Informational, Adding tunnel interface vt3',
    'Oct 31 2021 22:47:05 gw Mocana: [INTFMGR], SubCls:999, EID: 43, Type: General, Sev:Informational, Adding tunnel interface vt4', ''].join('\n');
  const analysis = analyzeText(text, 'bluecedar');
  assert.deepEqual(matched(analysis, [{ type: 'session', key: 'g:42' }]), [0, 1]);
});

test('documentContext: the sessions of a key, narrowed by the anchor time when given', () => {
  const text = readSample('gateway.log');
  const analysis = analyzeText(text, 'bluecedar');
  const context = documentContext(analysis);
  const session = analysis.sessions.sessions.find((s) => s.start !== undefined && s.stop !== undefined)!;
  const ids = (test: (id: number) => boolean): number[] => analysis.sessions.sessions.map((s) => s.id).filter(test);
  assert.deepEqual(ids(context.sessionsWithKey(sessionKey(session), undefined)), [session.id]);
  assert.deepEqual(ids(context.sessionsWithKey(sessionKey(session), 12345)), [session.id], 'an unknown anchor falls back to the key');
});

describe('required literals of regular expressions', () => {
  test('found at the top level only, and never from an optional atom', async () => {
    const { requiredLiteral } = await import('../../service/filters/requiredLiteral');
    assert.equal(requiredLiteral('tunnel interface vt(1|2)\\d\\b'), 'tunnel interface vt');
    assert.equal(requiredLiteral('a|tunnel'), undefined);
    assert.equal(requiredLiteral('Session (START|STOP)'), 'Session ');
    assert.equal(requiredLiteral('abcx?defg'), 'defg');
    assert.equal(requiredLiteral('abcd+ef'), 'abcd');
    assert.equal(requiredLiteral('[abc]def\\.ghi'), 'def.ghi');
    assert.equal(requiredLiteral('ab{0,3}cde'), 'cde');
    assert.equal(requiredLiteral('(?i)AKIM'), undefined, 'a flag group: no literal');
    assert.equal(requiredLiteral('(?i:AKIM)x'), undefined, 'inside a group');
    // Escapes whose names take more characters: those characters are no literal text.
    assert.equal(requiredLiteral('\\pLkim'), 'kim');
    assert.equal(requiredLiteral('\\PNxyz'), 'xyz');
    assert.equal(requiredLiteral('\\p{Greek}kim'), 'kim');
    assert.equal(requiredLiteral('\\x41bcd'), 'bcd');
    assert.equal(requiredLiteral('\\x{41}bcd'), 'bcd');
    assert.equal(requiredLiteral('\\101bcd'), 'bcd');
  });

  test('a character outside the BMP is one atom: a quantifier after it never leaves half of it in the literal', async () => {
    const { requiredLiteral } = await import('../../service/filters/requiredLiteral');
    // `user😀?` matches `user` alone: the literal must not hold the emoji's first half.
    assert.equal(requiredLiteral('user😀?'), 'user');
    assert.equal(requiredLiteral('𝐀𝐁𝐂?'), '𝐀𝐁');
    assert.equal(requiredLiteral('ab😀+'), 'ab😀');
    for (const caseSensitive of [true, false]) {
      const matcher = textMatcher('user😀?', true, caseSensitive);
      assert.ok(typeof matcher !== 'string');
      assert.ok(matcher.test('username akim'), `caseSensitive ${caseSensitive}`);
      assert.ok(matcher.test('user😀'));
      assert.ok(!matcher.test('use'));
    }
  });

  test('a pattern RE2 cannot use is refused with its reason, quoting the pattern as typed', () => {
    for (const caseSensitive of [true, false]) {
      const refused = textMatcher('a(', true, caseSensitive);
      assert.equal(typeof refused, 'string');
      assert.match(refused as string, /missing closing \): `a\(`/);
    }
  });

  test('a line end in a pattern ($, ^) means the end of a line in CRLF logs too', () => {
    for (const pattern of ['Informational,$', '^\\s+"durationSeconds":\\s*\\d+,$']) {
      const matcher = textMatcher(pattern, true, true);
      assert.ok(typeof matcher !== 'string');
      const entry = 'Nov 11 2021 22:24:37 tilera3 Mocana: [AAA], SubCls:ACCT, EID: 0, Type: Acct, Sev:Informational,\n  "durationSeconds": 3,\n}';
      assert.ok(matcher.test(entry), `${pattern} on LF`);
      assert.ok(matcher.test(entry.replace(/\n/g, '\r\n')), `${pattern} on CRLF`);
      assert.ok(matcher.test(entry.replace(/\n/g, '\r')), `${pattern} on CR`);
    }
  });

  test('random patterns: the filter with its literal agrees with the expression alone', async () => {
    const { RE2JS } = await import('re2js');
    const atom = fc.oneof(
      fc.constantFrom('a', 'b', 'c', 'ab', 'abc', '\\d', '\\b', '.', '[ab]', '[^c]', '\\.', 'x', '\\pL', '\\PN', '\\p{Lu}', '\\x41', '\\x{61}', '\\101', '😀', '𝐀'),
      fc.constantFrom('(a|b)', '(abc)', '(?:ca)', '(?i)', 'c{2}', 'b{0,2}', 'a{1,}'),
    );
    const piece = fc.tuple(atom, fc.constantFrom('', '', '', '*', '+', '?', '*?', '{2}', '{0,1}')).map(([a, q]) => a + q);
    const pattern = fc.array(piece, { minLength: 1, maxLength: 8 }).chain((pieces) =>
      fc.oneof(fc.constant(pieces.join('')), fc.integer({ min: 1, max: Math.max(1, pieces.length - 1) }).map((k) => `${pieces.slice(0, k).join('')}|${pieces.slice(k).join('')}`)));
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', 'B', '1', '.', ' ', '\n', 'x', '😀', '𝐀'), maxLength: 30 });
    fc.assert(fc.property(pattern, fc.array(text, { minLength: 1, maxLength: 8 }), fc.boolean(), (p, texts, caseSensitive) => {
      let plain: InstanceType<typeof RE2JS>;
      try {
        plain = RE2JS.compile(p, RE2JS.MULTILINE | (caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE));
      } catch {
        return;
      }
      const matcher = textMatcher(p, true, caseSensitive);
      assert.ok(typeof matcher !== 'string');
      for (const t of texts) {
        assert.equal(matcher.test(t), plain.test(t), `${p} on ${JSON.stringify(t)}`);
      }
    }), { numRuns: Number(process.env.GLT_PROPERTY_RUNS ?? 2000) });
  });
});

test('the filter builder\'s choices leave out values too long to pick from a list, so the answer stays bounded', () => {
  const T = Date.UTC(2021, 10, 11, 9, 0, 0);
  const huge = 'u'.repeat(100_000);
  const text = [...Array.from({ length: 150 }, (_, i) => bcStart(T + i * 1000, { username: `${huge}${i}`, appGsid: 100 + i })), bcStart(T, { username: 'akim', appGsid: 1 })].join('');
  const choices = documentChoices(analyzeText(text, 'bluecedar'));
  assert.deepEqual(choices.who.user.map((c) => c.value), ['akim']);
  assert.ok(JSON.stringify(choices).length < 100_000, `${JSON.stringify(choices).length} characters`);
});
