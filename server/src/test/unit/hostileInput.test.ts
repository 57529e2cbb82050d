/**
 * Hostile input, round 2: payloads and values a client can write into a log to exhaust memory, make an
 * algorithm quadratic, or make the analysis state wrong facts. Sizes are those a real log reaches;
 * the assertions are on the answers (timings live in `npm run bench`, section "hostile").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MarkupContent } from 'vscode-languageserver-types';
import { doHover } from '../../service/features/hover';
import { diagnostics } from '../../service/features/diagnostics';
import { documentSymbols } from '../../service/features/symbols';
import { MAX_JSON_ERRORS } from '../../service/json';
import { parseDurationText } from '../../service/sessionChecks';
import { pairedEntry } from '../../service/sessions';
import { analyzeText, bcHeader, bcStart, bcStop, offsetOf, parse, positionOf, positionOfText, runs } from './helpers';
import { runWithHeapLimit } from './limited';

const MB = 1024 * 1024;
const T0 = Date.UTC(2021, 10, 11, 22, 0, 0);
const H = 'Nov 11 2021 22:24:37 tilera3 Mocana: [AAA], SubCls:ACCT, EID: 0, Type: Acct, Sev:Informational,';

function hoverText(analysis: ReturnType<typeof analyzeText>, offset: number): string | undefined {
  const hover = doHover(analysis, positionOf(analysis.log.text, offset));
  return hover ? (hover.contents as MarkupContent).value : undefined;
}

// ------------------------------------------------------------------------------- 1. heap exhaustion

test('10 MB payloads of tiny tokens without commas: the first error is found, and hover answers, in a 160 MB heap', () => {
  // The tolerant re-parse that located the error kept one error object (and one value) per token:
  // hundreds of MB for these payloads, so the child below ran out of heap.
  for (const [name, unit, firstError, message] of [
    ['objects', '{}', 8, "Expected ',' or ']' after an array element."],
    ['commas', ',', 6, 'Expected a value (a string, number, object, array, true, false or null).'],
    ['numbers', '1 ', 8, "Expected ',' or ']' after an array element."],
  ] as const) {
    const run = runWithHeapLimit<{ problems: { code: string; at: number; message: string }[]; keyHover: string | null; middleHover: boolean; endHover: boolean }>(160, `
      const { getLanguageService } = require(service + '/languageService');
      const ls = getLanguageService();
      const head = ${JSON.stringify(`${H} Session START `)};
      const text = head + '{"a":[' + ${JSON.stringify(unit)}.repeat(Math.ceil(${10 * MB} / ${unit.length}));
      const analysis = ls.analyze(text, 'bluecedar');
      const problems = ls.diagnostics(analysis, 100).map((d) => ({ code: d.code, at: d.range.start.character - head.length, message: d.message }));
      const hover = (character) => ls.doHover(analysis, { line: 0, character });
      const key = hover(head.length + 2);
      return {
        problems,
        keyHover: key ? key.contents.value.split('\\n')[0] : null,
        middleHover: hover(text.length >> 1) !== null,
        endHover: hover(text.length - 1) !== null,
      };
    `);
    assert.equal(run.status, 0, `${name}: the child died (${run.signal ?? run.status}): ${run.stderr}`);
    const result = run.result!;
    assert.deepEqual(result.problems.filter((p) => p.code === 'json-syntax'), [{ code: 'json-syntax', at: firstError, message }], name);
    assert.match(result.keyHover ?? '', /`a`/, `${name}: the key before the error still has its hover`);
    assert.equal(result.middleHover, false, `${name}: no field in the middle of the garbage`);
  }
});

// ------------------------------------------------------------------------------- 2. quadratic paths

test('a STOP whose duration is a 40 000-digit run is read linearly: no reading, no warning', () => {
  // The old regex backtracked over the whole run from each of its digits (seconds for 40 KB).
  assert.equal(parseDurationText('1'.repeat(40_000) + 'x'), undefined);
  assert.equal(parseDurationText('7 minutes 17 seconds'), 437);
  assert.equal(parseDurationText('1 day 2 hours 3 min 4 s'), 86400 + 7200 + 180 + 4);
  const session = { username: 'u', appGsid: 7, durationSeconds: 5, duration: '9'.repeat(40_000) + ' seconds' };
  const analysis = analyzeText(bcStart(T0, session) + bcStop(T0 + 5000, session), 'bluecedar');
  assert.deepEqual(diagnostics(analysis, 100).map((d) => d.code), []);
});

test('duration texts are read only up to a bounded length', () => {
  // A real duration is a few words; a longer text is not one we read, whatever it ends with.
  assert.equal(parseDurationText('1 seconds' + ' '.repeat(200)), undefined);
  assert.equal(parseDurationText(' '.repeat(200) + '5 seconds'), undefined);
  assert.equal(parseDurationText('2 hours 5 minutes 30 seconds'), 7530);
});

test('100 000 STARTs of one identity followed by their STOPs pair first-in first-out', () => {
  // appGsid 0: pairing by identity took the oldest open START with Array.shift(), O(n) each.
  const n = 100_000;
  const parts: string[] = [];
  const json = '{"sessionId":{"username":"same","device":{"uniqueId":"D"},"app":{"appPackageId":"p","assignedIp":"10.0.0.1","appGsid":0}}}';
  for (let i = 0; i < n; i++) parts.push(`${H} Session START ${json}`);
  for (let i = 0; i < n; i++) parts.push(`${H} Session STOP ${json}`);
  const analysis = analyzeText(parts.join('\n'), 'bluecedar');
  assert.equal(analysis.sessions.sessions.length, n);
  for (const i of [0, 1, n >> 1, n - 1]) {
    assert.equal(pairedEntry(analysis.sessions, i), n + i, `START ${i} pairs with STOP ${i}`);
  }
});

test('hover on the last key of a payload with a million keys, in a 192 MB heap', () => {
  // The first hover built (and kept) a field object for every key: +600 MB.
  const run = runWithHeapLimit<{ title: string | null; value: string | null }>(192, `
    const { getLanguageService } = require(service + '/languageService');
    const ls = getLanguageService();
    const keys = [];
    for (let i = 0; i < 1000000; i++) keys.push('"k' + i + '":' + i);
    const head = ${JSON.stringify(`${H} Session START `)};
    const text = head + '{' + keys.join(',') + '}';
    keys.length = 0;
    const analysis = ls.analyze(text, 'bluecedar');
    const at = text.lastIndexOf('"k999999"');
    const onKey = ls.doHover(analysis, { line: 0, character: at + 3 });
    const onValue = ls.doHover(analysis, { line: 0, character: at + 11 });
    return { title: onKey ? onKey.contents.value.split('\\n')[0] : null, value: onValue ? onValue.contents.value : null };
  `);
  assert.equal(run.status, 0, `the child died (${run.signal ?? run.status}): ${run.stderr}`);
  assert.match(run.result!.title ?? '', /`k999999`/);
  assert.match(run.result!.value ?? '', /`999999`/);
});

// ------------------------------------------------------------------------------- 4. deep nesting

test('a payload nested deeper than the limit is reported without being handed to JSON.parse', () => {
  const parse0 = JSON.parse;
  let longest = 0;
  JSON.parse = ((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
    longest = Math.max(longest, text.length);
    return parse0(text, reviver);
  }) as typeof JSON.parse;
  try {
    for (const payload of ['{"a":' + '['.repeat(200_000), '{"a":' + '[{"b":'.repeat(50_000)]) {
      longest = 0;
      const log = parse(`${H} Session START ${payload}`, 'bluecedar');
      assert.deepEqual(log.entries[0].problems.map((p) => p.code), ['json-too-deep']);
      assert.ok(longest < 1000, `JSON.parse was given ${longest} characters`);
    }
  } finally {
    JSON.parse = parse0;
  }
  // Deep but within the limit: parsed as usual.
  const ok = parse(`${H} Session START {"sessionId":{"username":"deep","x":${'['.repeat(100)}${']'.repeat(100)}}}`, 'bluecedar');
  assert.deepEqual(ok.entries[0].problems, []);
  assert.equal(ok.entries[0].session?.username, 'deep');
});

// ------------------------------------------------------------------------------- 7. odd values

test('gsids above 2^53 do not collide: sessions are keyed by the literal text of the number', () => {
  const a = '9007199254740993';
  const b = '9007199254740992';
  const json = (gsid: string, user: string): string => `{"sessionId":{"username":"${user}","app":{"appGsid":${gsid}}}}`;
  const text = [`${H} Session START ${json(a, 'alice')}`, `${H} Session START ${json(b, 'bob')}`,
    `${H} Session STOP ${json(a, 'alice')}`, `${H} Session STOP ${json(b, 'bob')}`].join('\n');
  const analysis = analyzeText(text, 'bluecedar');
  assert.deepEqual(analysis.sessions.sessions.map((s) => [s.key, s.members]), [[a, [0, 2]], [b, [1, 3]]]);
  assert.deepEqual(diagnostics(analysis, 100).map((d) => d.code), []);
  // The hover quotes the number as written, not as a double would print it.
  assert.match(hoverText(analysis, offsetOf(text, a) + 2) ?? '', new RegExp('`' + a + '`'));
});

test('an EID above 2^53: its hover agrees with pairing, which links it to nothing', () => {
  // 9007199254740993 and 9007199254740992 are the same double: read as numbers, the EID would be
  // counted with its neighbour's and said to name the session whose appGsid is the neighbour.
  const above = '9007199254740993';
  const neighbour = '9007199254740992';
  const member = (eid: string): string => `Nov 11 2021 22:25:00 tilera3 Mocana: [IKE], SubCls:050, EID: ${eid}, Type: General, Sev:Informational, peer`;
  const text = [
    `${H} Session START {"sessionId":{"username":"alice","app":{"appGsid":${neighbour}}}}`,
    member(above),
    member(neighbour),
  ].join('\n');
  const analysis = analyzeText(text, 'bluecedar');
  assert.equal(pairedEntry(analysis.sessions, 1), undefined);
  const hover = hoverText(analysis, offsetOf(text, `EID: ${above}`) + 6) ?? '';
  assert.match(hover, new RegExp('`' + above + '`'));
  assert.doesNotMatch(hover, /events in this file share this EID/);
  assert.doesNotMatch(hover, /equals this EID is in this file/);
  assert.match(hover, /not linked/);
  // A safe EID still gets its count and its session.
  const safe = analyzeText([`${H} Session START {"sessionId":{"username":"bob","app":{"appGsid":77}}}`, member('77'), member('77')].join('\n'), 'bluecedar');
  const safeHover = hoverText(safe, offsetOf(safe.log.text, 'EID: 77') + 6) ?? '';
  assert.match(safeHover, /2 events in this file share this EID/);
  assert.match(safeHover, /equals this EID is in this file/);
});

test('numbers are shown as written: 1e400 is not Infinity', () => {
  const text = `${H} Session START {"sessionId":{"username":"u","durationSeconds":1e400,"x":-0.10e-5}}`;
  const analysis = analyzeText(text, 'bluecedar');
  const big = hoverText(analysis, offsetOf(text, '1e400') + 1) ?? '';
  assert.match(big, /`1e400`/);
  assert.doesNotMatch(big, /Infinity/);
  assert.match(hoverText(analysis, offsetOf(text, '-0.10e-5') + 1) ?? '', /`-0\.10e-5`/);
});

test('__proto__ in a payload never makes a session appear from an inherited key', () => {
  const inner = '{"sessionId":{"username":"ghost","device":{"uniqueId":"D"},"app":{"appGsid":77}}}';
  for (const payload of [
    `{"__proto__":${inner}}`,
    `{"__proto__":${inner}} trailing`,
    `{"__proto__":${inner},"x":1,}`,
    `{"sessionId":{"__proto__":{"username":"ghost","app":{"appGsid":77}}}} x`,
  ]) {
    const analysis = analyzeText(`${H} Session START ${payload}`, 'bluecedar');
    assert.equal(analysis.log.entries[0].session?.username, undefined, payload);
    assert.equal(analysis.sessions.sessions.length, 0, payload);
  }
});

test('duplicate keys that change pairing are reported, and the last one is the one used', () => {
  const payloads = [
    '{"sessionId":{"username":"alice","username":"bob","app":{"appGsid":0}}}',
    '{"sessionId":{"username":"alice","user\\u006eame":"bob","app":{"appGsid":0}}}',
    '{"sessionId":{"username":"bob","app":{"appGsid":5},"app":{"appGsid":0}}} x',
  ];
  for (const payload of payloads) {
    const text = `${H} Session START ${payload}`;
    const log = parse(text, 'bluecedar');
    const entry = log.entries[0];
    const duplicates = entry.problems.filter((p) => p.code === 'json-duplicate-key');
    assert.equal(duplicates.length, 1, `${payload}: ${JSON.stringify(entry.problems)}`);
    assert.equal(duplicates[0].severity, 'warning');
    assert.equal(entry.session?.username, 'bob', payload);
    assert.equal(entry.session?.appGsid, '0', payload);
  }
  // A key repeated in different objects is no duplicate.
  const fine = parse(`${H} Session START {"sessionId":{"username":"a","device":{"name":"x"},"app":{"name":"y","appGsid":3}}}`, 'bluecedar');
  assert.deepEqual(fine.entries[0].problems, []);
});

test('years 0000 to 0099 are those years, not 19xx', () => {
  const bc = parse('Nov 11 0042 22:24:37 tilera3 Mocana: [AAA], SubCls:999, EID: 0, Type: General, Sev:Informational, x', 'bluecedar');
  assert.equal(new Date(bc.entries[0].time!).toISOString(), '0042-11-11T22:24:37.000Z');
  const oag = parse('0007-06-24T10:06:23.000-05:00 example.com ACCESS_GATEWAY WEB_CONSOLE AUTHN LOCAL INFO USER_LOGIN [SESSION_ID="s"] x', 'oag');
  assert.equal(new Date(oag.entries[0].time!).toISOString(), '0007-06-24T15:06:23.000Z');
});

test('bidi, zero-width and control characters are shown visibly in symbols, hovers and messages', () => {
  const tricky = 'al\u200Bice\u202Egnp.exe\u2066x\u0007';
  const session = { username: tricky, appGsid: 9, durationSeconds: 99, duration: `1 minutes \u202E 0 seconds` };
  const text = bcStart(T0, session) + bcStop(T0 + 60_000, session);
  const analysis = analyzeText(text, 'bluecedar');
  const name = documentSymbols(analysis, 100)[0].name;
  assert.ok(name.includes('al\\u200Bice\\u202Egnp.exe\\u2066x\\u0007'), name);
  assert.doesNotMatch(name, /[\u200B\u202E\u2066\u0007]/u);
  const hover = hoverText(analysis, offsetOf(text, 'ice') + 1) ?? '';
  assert.ok(hover.includes('al\\u200Bice\\u202Egnp.exe\\u2066x\\u0007'), hover);
  assert.doesNotMatch(hover, /[\u200B\u202E\u2066\u0007]/u);
  const messages = diagnostics(analysis, 100).map((d) => d.message).join('\n');
  assert.ok(messages.includes('\\u202E'), messages);
  assert.doesNotMatch(messages, /[\u202E]/u);
});

test('truncating log text never splits a surrogate pair', () => {
  for (let pad = 0; pad < 4; pad++) {
    const user = 'x'.repeat(pad) + '😀'.repeat(400);
    const session = { username: user, appGsid: 11 };
    const text = bcStart(T0, session);
    const analysis = analyzeText(text, 'bluecedar');
    const shown = [documentSymbols(analysis, 10)[0].name, hoverText(analysis, offsetOf(text, '😀') + 1) ?? ''];
    for (const s of shown) {
      assert.ok(s.includes('…'), 'shortened');
      assert.doesNotMatch(s, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/, `lone surrogate in ${JSON.stringify(s.slice(-20))}`);
    }
  }
});

test('bidi characters in a JSON key are shown visibly in the hover title', () => {
  const text = `${bcHeader(T0)}\nSession START {"sessionId":{"user\u202Ename":"x"}}`;
  const analysis = analyzeText(text, 'bluecedar');
  const hover = doHover(analysis, positionOfText(text, 'user', 0, 1));
  const title = (hover!.contents as MarkupContent).value.split('\n')[0];
  assert.ok(title.includes('\\u202E'), title);
});

test('a payload is read past a few syntax errors, but not past MAX_JSON_ERRORS of them', () => {
  // One missing comma: what follows is still read, for the session and for hovers.
  const one = `${H} Session START {"sessionId":{"username":"kept" "device":{"osType":"ios"},"app":{"appGsid":12}}}`;
  const a = analyzeText(one, 'bluecedar');
  assert.equal(a.log.entries[0].session?.appGsid, '12');
  assert.match(hoverText(a, offsetOf(one, 'osType') + 1) ?? '', /osType/);
  // Garbage with an error at every token: reading stops, whatever comes after it.
  const garbage = `${H} Session START {"x":[${'{}'.repeat(MAX_JSON_ERRORS + 5)}],"sessionId":{"username":"late","app":{"appGsid":13}}}`;
  const b = analyzeText(garbage, 'bluecedar');
  assert.equal(b.log.entries[0].session, undefined);
  assert.equal(hoverText(b, offsetOf(garbage, '"late"') + 2), undefined);
  assert.deepEqual(b.log.entries[0].problems.map((p) => p.code), ['json-syntax']);
  // The key before the garbage still has its hover.
  assert.match(hoverText(b, offsetOf(garbage, '"x"') + 1) ?? '', /`x`/);
});

test('the duration reader reads what the former regular expression read, on short texts', () => {
  const unitSeconds: Record<string, number> = { d: 86400, h: 3600, m: 60, s: 1 };
  const former = (text: string): number | undefined => {
    const parts = [...text.matchAll(/(\d+(?:\.\d+)?)\s*(days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\b/gi)];
    return parts.length === 0 ? undefined : parts.reduce((total, [, amount, unit]) => total + Number(amount) * unitSeconds[unit[0].toLowerCase()], 0);
  };
  const words = ['1', '27', '0', '.', '.5', ' ', '\t', 'd', 'day', 'days', 'h', 'hr', 'hrs', 'hour', 'hours', 'm', 'min', 'mins',
    'minute', 'minutes', 's', 'sec', 'secs', 'second', 'seconds', 'x', '_', 'S', 'MIN', 'ms', '\u00a0', 'é'];
  fc.assert(fc.property(fc.array(fc.constantFrom(...words), { maxLength: 10 }), (parts) => {
    const text = parts.join('');
    assert.equal(parseDurationText(text), former(text), JSON.stringify(text));
  }), { numRuns: runs(3000) });
});

test('facts read from the engine\'s parse equal those the visitor reads from the same payload made invalid', () => {
  // A valid payload is read from JSON.parse's objects; the same payload with junk after it takes the
  // visitor. Whatever keys, types and nesting, both must find the same facts.
  const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.constantFrom(0, 1e21, -0.5, 2 ** 53 + 1), fc.boolean(), fc.constant(null));
  const keysOf = (names: string[], inner: fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> =>
    fc.dictionary(fc.constantFrom(...names, 'other', '__proto__'), inner, { maxKeys: 6 });
  const device = keysOf(['osType', 'deviceName', 'uniqueId', 'jailbroken', 'securityPatchVersion', 'mobileCountryCode'], scalar);
  const app = keysOf(['appName', 'appPackageId', 'assignedIp', 'publicSrcIp', 'appGsid', 'bytesRx', 'bytesTx'], scalar);
  const session = fc.tuple(keysOf(['username', 'duration', 'durationSeconds'], scalar), fc.option(device), fc.option(app))
    .map(([fields, d, a]) => ({ ...fields, ...(d ? { device: d } : {}), ...(a ? { app: a } : {}) }));
  const payload = fc.tuple(fc.option(fc.string({ maxLength: 8 })), fc.option(fc.oneof(session, scalar)))
    .map(([reason, s]) => ({ ...(reason !== null ? { reason } : {}), ...(s !== null ? { sessionId: s } : {}) }));
  fc.assert(fc.property(payload, fc.boolean(), (value, pretty) => {
    const json = JSON.stringify(value, null, pretty ? 2 : undefined);
    const fast = parse(`${H} Session START ${json}`, 'bluecedar').entries[0];
    const visited = parse(`${H} Session START ${json} x`, 'bluecedar').entries[0];
    assert.deepEqual(fast.problems, []);
    assert.deepEqual(visited.problems.map((p) => p.code), ['json-syntax']);
    assert.deepEqual({ reason: visited.reason, session: visited.session }, { reason: fast.reason, session: fast.session }, json);
  }), { numRuns: runs(500) });
});
