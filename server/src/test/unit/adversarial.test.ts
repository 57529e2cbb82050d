/** Hostile logs never crash: hand-made adversarial fixtures, and log content that tries to inject markup. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MarkupContent } from 'vscode-languageserver-types';
import { Analysis } from '../../service/analysis';
import { entryFields } from '../../service/fields';
import { codeLenses } from '../../service/features/codeLens';
import { diagnostics } from '../../service/features/diagnostics';
import { foldingRanges } from '../../service/features/folding';
import { doHover } from '../../service/features/hover';
import { findDefinition, findHighlights, findReferences } from '../../service/features/navigation';
import { documentSymbols } from '../../service/features/symbols';
import { LogFormat } from '../../service/model';
import { computeLineStarts, lineContentEnd, Position } from '../../service/text';
import { inlineRegions } from '../markdownInert';
import {
  analyzeText, bcStart, BcSession, bcStop, exerciseFeatures, oagLogin, oagLogout, oagSession, positionOf, positionOfText,
  LENS_COMMANDS, stripCodeSpans, textOfRange,
} from './helpers';

const H = 'Nov 11 2021 22:24:37 tilera3 Mocana: [AAA], SubCls:ACCT, EID: 0, Type: Acct, Sev:Informational,';
const O = '2020-06-24T10:05:56.000-05:00 example.myaccessgateway.com ACCESS_GATEWAY WEB_CONSOLE - - INFO SYSTEM_STARTUP [] Startup complete.';
const URI = 'file:///adversarial.log';

/** A spread of positions: each line's start, middle and end, and a few past the end. */
function samplePositions(text: string): Position[] {
  const starts = computeLineStarts(text);
  const out: Position[] = [];
  const step = Math.max(1, Math.floor(starts.length / 50));
  for (let line = 0; line < starts.length; line += step) {
    const length = lineContentEnd(text, starts, line) - starts[line];
    out.push({ line, character: 0 }, { line, character: length >> 1 }, { line, character: length }, { line, character: length + 5 });
  }
  out.push({ line: starts.length + 3, character: 0 });
  return out;
}

function errorCount(analysis: Analysis): number {
  return diagnostics(analysis, 100000).filter((d) => d.severity === 1).length;
}

function hoverAt(analysis: Analysis, position: Position): { text: string; range: string } {
  const hover = doHover(analysis, position);
  assert.ok(hover && hover.range, `no hover at ${JSON.stringify(position)}`);
  return { text: (hover.contents as MarkupContent).value, range: textOfRange(analysis.log.text, hover.range) };
}

test('a 1 MB single line', () => {
  const mega = 'x'.repeat(1 << 20);
  const cases: [string, LogFormat][] = [
    [`${H} ${mega}`, 'bluecedar'],
    [`${H}\nSession START {"sessionId":{"username":"${mega}"}}`, 'bluecedar'],
    [`${O.slice(0, O.indexOf('['))}[${'KEY="value" '.repeat(90000)}] end`, 'oag'],
    [mega, 'bluecedar'],
    [mega, 'oag'],
  ];
  for (const [text, format] of cases) {
    const analysis = exerciseFeatures(text, format, samplePositions(text));
    assert.ok(analysis.log.entries.length <= 1);
  }
  // The huge username is a hover target like any other, shortened in the hover text.
  const text = cases[1][0];
  const analysis = analyzeText(text, 'bluecedar');
  const hover = hoverAt(analysis, positionOfText(text, '"username"', 0, 2));
  assert.equal(hover.range, '"username"');
  assert.ok(hover.text.length < 5000);
});

test('NUL and binary bytes', () => {
  let binary = '';
  for (let i = 0; i < 256; i++) {
    binary += String.fromCharCode(i);
  }
  const text = [`\u0000\u0000${H}`, `${H} ${binary}`, `Session START {"sessionId":{"username":"a${binary.replace(/["\\]/g, '')}"}}`, binary, H].join('\n');
  for (const format of ['bluecedar', 'oag'] as const) {
    exerciseFeatures(text, format, samplePositions(text));
  }
  const analysis = analyzeText(text, 'bluecedar');
  // The header after the binary junk is still an entry.
  assert.equal(analysis.log.entries[analysis.log.entries.length - 1].start, text.lastIndexOf(H));
});

test('invalid UTF-8 decoded as replacement characters', () => {
  const junk = Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0xed, 0xa0, 0x80]).toString('utf8');
  assert.ok(junk.includes('\ufffd'));
  const bc = `${H}\nSession START {"sessionId":{"username":"${junk}","device":{"osType":"ios"}}}\n${junk}\n${H} ${junk}`;
  const analysis = exerciseFeatures(bc, 'bluecedar', samplePositions(bc));
  assert.equal(analysis.log.entries[0].session?.username, junk);
  assert.equal(hoverAt(analysis, positionOfText(bc, '"osType"', 0, 1)).range, '"osType"');
  const oag = `${O.replace('Startup complete.', junk)}\n${junk}${O}\n2020-06-24T10:06:23.000-05:00 gw ACCESS_GATEWAY WEB_CONSOLE AUTHN LOCAL INFO USER_LOGIN [SESSION_ID="${junk}" SUBJECT="${junk}" APP="Portal"] x`;
  const oagAnalysis = exerciseFeatures(oag, 'oag', samplePositions(oag));
  const login = oagAnalysis.log.entries.find((e) => e.kind === 'login');
  assert.equal(login?.subject, junk);
  assert.equal(hoverAt(oagAnalysis, positionOfText(oag, 'APP="Portal"', 0, 1)).range, 'APP');
});

test('CR, LF and CRLF line breaks mixed', () => {
  const s: BcSession = { username: 'mixed', appGsid: 4242 };
  const lf = bcStart(Date.UTC(2021, 10, 11, 22, 0, 0), s, { pretty: true }) + `${H} plain line\n`
    + bcStop(Date.UTC(2021, 10, 11, 22, 0, 49), { ...s, durationSeconds: 49, duration: '49 seconds' }, { pretty: true });
  const breaks = ['\r', '\n', '\r\n'];
  let k = 0;
  const mixed = lf.replace(/\n/g, () => breaks[k++ % 3]);
  const reference = analyzeText(lf, 'bluecedar');
  const analysis = exerciseFeatures(mixed, 'bluecedar', samplePositions(mixed));
  assert.deepEqual(analysis.log.entries.map((e) => [e.startLine, e.endLine, e.kind]), reference.log.entries.map((e) => [e.startLine, e.endLine, e.kind]));
  assert.deepEqual(analysis.sessionProblems, []);
  assert.equal(errorCount(analysis), 0);
  const stop = analysis.log.entries[2];
  const def = findDefinition(analysis, URI, { line: stop.startLine, character: 3 });
  assert.equal(def.length, 1);
  assert.deepEqual(def[0].range.start, { line: 0, character: 0 });
  assert.equal(textOfRange(mixed, def[0].range), lf.slice(0, lf.indexOf('\n')));
  assert.deepEqual(foldingRanges(analysis), foldingRanges(reference));

  const oagLf = `${O}\n${O}\n${O}\n${O}\n`;
  k = 0;
  const oagMixed = oagLf.replace(/\n/g, () => breaks[k++ % 3]);
  const oagAnalysis = exerciseFeatures(oagMixed, 'oag', samplePositions(oagMixed));
  assert.deepEqual(oagAnalysis.log.entries.map((e) => e.startLine), [0, 1, 2, 3]);
  assert.equal(errorCount(oagAnalysis), 0);
  assert.deepEqual(oagAnalysis.log.problems, []);
});

test('a byte order mark at the start: the first header is still recognised', () => {
  for (const [line, format] of [[`${H} message`, 'bluecedar'], [O, 'oag']] as const) {
    const text = `\uFEFF${line}\n${line}`;
    const analysis = exerciseFeatures(text, format, samplePositions(text));
    assert.equal(analysis.log.entries.length, 2, format);
    assert.equal(analysis.log.entries[0].start, 1);
    assert.equal(analysis.log.entries[0].time, analysis.log.entries[1].time);
    assert.deepEqual(diagnostics(analysis, 100), [], format);
    const hover = hoverAt(analysis, { line: 0, character: 3 });
    assert.equal(hover.range, line.slice(0, format === 'oag' ? 29 : 20));
  }
});

test('emoji and surrogate pairs before hover targets: ranges are UTF-16 correct', () => {
  const bc = `${H}\nSession START {"sessionId":{"username":"😀👩‍👩‍👧","device":{"deviceName":"𝔘𝔫𝔦𝔠𝔬𝔡𝔢 📱","osType":"ios"}}}`;
  const analysis = analyzeText(bc, 'bluecedar');
  for (const [needle, expected] of [['"osType"', '"osType"'], ['"deviceName"', '"deviceName"'], ['"ios"', '"osType":"ios"']]) {
    const at = positionOfText(bc, needle, 0, 1);
    const hover = hoverAt(analysis, at);
    assert.equal(hover.range, expected, needle);
  }
  const entry = analysis.log.entries[0];
  for (const f of entryFields(analysis.log, entry)) {
    const hover = doHover(analysis, positionOf(bc, f.keyStart === f.keyEnd ? f.start : f.keyStart));
    assert.ok(hover?.range, f.name);
    const expected = f.keyStart === f.keyEnd ? bc.slice(f.start, f.end) : bc.slice(f.keyStart, f.keyEnd);
    assert.equal(textOfRange(bc, hover.range), expected, f.name);
  }
  const oag = '2020-06-24T10:06:23.000-05:00 😀host ACCESS_GATEWAY WEB_CONSOLE AUTHN LOCAL INFO USER_LOGIN [SESSION_ID="_1" SUBJECT="👩‍👩‍👧 𝔘ser" APP="Portal 📱" RESULT="PASS"] ok';
  const oagAnalysis = analyzeText(oag, 'oag');
  assert.equal(hoverAt(oagAnalysis, positionOfText(oag, 'APP=', 0, 1)).range, 'APP');
  assert.equal(hoverAt(oagAnalysis, positionOfText(oag, 'Portal', 0, 2)).range, 'APP="Portal 📱"');
  assert.equal(hoverAt(oagAnalysis, positionOfText(oag, 'RESULT', 0, 1)).range, 'RESULT');
  assert.equal(hoverAt(oagAnalysis, positionOfText(oag, 'USER_LOGIN', 0, 1)).range, 'USER_LOGIN');
});

test('JSON nested 10 000 deep: no stack overflow, at most one diagnostic', () => {
  const depth = 10000;
  const payloads = [
    '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
    '['.repeat(depth) + ']'.repeat(depth),
    '{"a":'.repeat(depth),
    '{"a":['.repeat(depth) + '1' + ']}'.repeat(depth),
    '{"sessionId":' + '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) + '}',
  ];
  for (const payload of payloads) {
    for (const sep of ['\nSession START ', ' ']) {
      const text = `${H}${sep}${payload}`;
      const analysis = exerciseFeatures(text, 'bluecedar', [...samplePositions(text), positionOf(text, text.length >> 1)]);
      assert.ok(errorCount(analysis) <= 1, payload.slice(0, 20));
    }
  }
});

test('100 000 opening braces on one line', () => {
  for (const text of [`${H}\nSession START ${'{'.repeat(100000)}`, `${H} ${'{'.repeat(100000)}`, `${'{'.repeat(100000)}`]) {
    const analysis = exerciseFeatures(text, 'bluecedar', samplePositions(text));
    assert.ok(errorCount(analysis) <= 1);
  }
  const oag = `${O.slice(0, O.indexOf('['))}[${'['.repeat(100000)}`;
  exerciseFeatures(oag, 'oag', samplePositions(oag));
});

test('a header followed by nothing', () => {
  const cases: [string, LogFormat][] = [
    [H, 'bluecedar'], [`${H}\n`, 'bluecedar'], [`${H}\n\n\n`, 'bluecedar'], ['Oct 22 2021 13:31:13.664259: [AAA]', 'bluecedar'],
    ['Oct 22 2021 13:31:13.664259:', 'bluecedar'], ['Nov 11 2021 22:24:37', 'bluecedar'], [`${H}\nSession START`, 'bluecedar'],
    [`${H}\nSession START {`, 'bluecedar'],
    ['2020-06-24T10:05:56.000-05:00', 'oag'], ['2020-06-24T10:05:56.000-05:00 host', 'oag'], [`${O.slice(0, O.indexOf('['))}[`, 'oag'],
    ['2020-06-24T10:05:56.000-05:00 host ACCESS_GATEWAY ACCESS AUTHN SAML INFO USER_AUTHN [SESSION_ID="', 'oag'],
  ];
  for (const [text, format] of cases) {
    const starts = computeLineStarts(text);
    const every: Position[] = [];
    for (let line = 0; line < starts.length; line++) {
      for (let c = 0; c <= lineContentEnd(text, starts, line) - starts[line]; c++) {
        every.push({ line, character: c });
      }
    }
    exerciseFeatures(text, format, every);
  }
});

test('an empty file: every feature answers with nothing', () => {
  for (const format of ['bluecedar', 'oag'] as const) {
    const analysis = exerciseFeatures('', format, [{ line: 0, character: 0 }, { line: 5, character: 5 }]);
    assert.deepEqual(analysis.log.entries, []);
    assert.deepEqual(diagnostics(analysis, 1000), []);
    assert.deepEqual(documentSymbols(analysis, 1000), []);
    assert.deepEqual(foldingRanges(analysis), []);
    assert.deepEqual(codeLenses(analysis, URI, LENS_COMMANDS), []);
    assert.equal(doHover(analysis, { line: 0, character: 0 }), null);
    assert.deepEqual(findDefinition(analysis, URI, { line: 0, character: 0 }), []);
    assert.deepEqual(findReferences(analysis, URI, { line: 0, character: 0 }), []);
    assert.deepEqual(findHighlights(analysis, { line: 0, character: 0 }), []);
  }
});

// ---------------------------------------------------------------------------------------------
// Injection: log values are untrusted and must show literally

const LINK = '[x](command:workbench.action.terminal.new)';
const IMG = '<img src=x onerror=alert(1)>';
const TICKS = '`a|b`|``c | --- |';

/** Markdown outside code spans must contain no live link to a command and no raw HTML image. */
function assertInert(markdown: string, where: string): void {
  const outside = stripCodeSpans(markdown);
  assert.ok(!outside.includes('](command:'), `${where}: live command link in\n${markdown}`);
  assert.ok(!/<img/i.test(outside), `${where}: raw <img in\n${markdown}`);
  assert.ok(!/\]\([^)]*\)/.test(outside.replace(/\\./g, '')), `${where}: a markdown link in\n${markdown}`);
  // The table pipes and backticks of the value do not form a table row of their own.
  assert.ok(!/^\s*\|.*\|\s*$/m.test(outside.replace(/\\\|/g, '')), `${where}: table row in\n${markdown}`);
}

function assertCommandsSafe(analysis: Analysis): void {
  for (const lens of codeLenses(analysis, URI, LENS_COMMANDS)) {
    const command = lens.command!;
    assert.ok(command.command === LENS_COMMANDS.reveal || command.command === LENS_COMMANDS.describe, command.command);
    assert.deepEqual(command.arguments!.map((a) => typeof a), ['string', 'number']);
    assert.equal(command.arguments![0], URI);
    assert.ok(!command.title.includes('command:'), command.title);
    assert.ok(!command.title.includes('<img'), command.title);
  }
}

function assertSymbolsPlain(analysis: Analysis): void {
  const walk = (symbols: ReturnType<typeof documentSymbols>): void => {
    for (const s of symbols) {
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(s.name, /[\u0000-\u001f\u007f\u2028\u2029]/, JSON.stringify(s.name));
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(s.detail ?? '', /[\u0000-\u001f\u007f\u2028\u2029]/, JSON.stringify(s.detail));
      walk(s.children ?? []);
    }
  };
  walk(documentSymbols(analysis, 5000));
}

test('injection in Blue Cedar values: hover markdown shows them literally', () => {
  const evil: BcSession = { username: `${LINK}\n\u0007${IMG}`, appGsid: 31337, appName: TICKS, uniqueId: IMG, osType: LINK };
  const text = bcStart(Date.UTC(2021, 10, 11, 22, 0, 0), evil)
    + bcStop(Date.UTC(2021, 10, 11, 22, 1, 0), { ...evil, durationSeconds: 60, duration: '1 minutes 0 seconds' });
  const analysis = analyzeText(text, 'bluecedar');
  assert.equal(analysis.sessions.sessions.length, 1);
  const starts = computeLineStarts(text);
  let hovers = 0;
  for (let line = 0; line < starts.length; line++) {
    for (let c = 0; c <= lineContentEnd(text, starts, line) - starts[line]; c++) {
      const hover = doHover(analysis, { line, character: c });
      if (hover) {
        hovers++;
        assertInert((hover.contents as MarkupContent).value, `hover at ${line}:${c}`);
      }
    }
  }
  assert.ok(hovers > 100);
  // The session part of the event hover names the user, escaped.
  const event = hoverAt(analysis, positionOfText(text, 'Session STOP', 0, 2)).text;
  assert.match(event, /Paired by/);
  assert.ok(inlineRegions(event).some((r) => r.text.includes('[x](command:workbench.action.terminal.new)')), 'the text is still shown');
  assertCommandsSafe(analysis);
  assertSymbolsPlain(analysis);
  const names = documentSymbols(analysis, 100).map((s) => s.name);
  assert.ok(names[0].includes(LINK), names[0]);
});

test('injection in OAG values: hover markdown, lenses, symbols and diagnostics stay inert', () => {
  const id = '_inj';
  const text = oagLogin(Date.UTC(2021, 8, 14, 13, 0, 0), id, `${LINK} ${IMG}`)
    + oagSession(Date.UTC(2021, 8, 14, 13, 0, 1), id, `${LINK} ${IMG}`, TICKS)
    + oagLogout(Date.UTC(2021, 8, 14, 13, 5, 0), id, `${LINK} ${IMG}`, TICKS)
    + `2021-09-14T08:05:03.127-05:00 oag01 ACCESS_GATEWAY ACCESS AUTHN SAML INFO USER_AUTHN [SESSION_ID="_x" ${IMG}="1" SUBJECT ${LINK} RESULT=\`${TICKS}] m\n`;
  const analysis = analyzeText(text, 'oag');
  const starts = computeLineStarts(text);
  let hovers = 0;
  for (let line = 0; line < starts.length; line++) {
    for (let c = 0; c <= lineContentEnd(text, starts, line) - starts[line]; c++) {
      const hover = doHover(analysis, { line, character: c });
      if (hover) {
        hovers++;
        assertInert((hover.contents as MarkupContent).value, `hover at ${line}:${c}`);
      }
    }
  }
  assert.ok(hovers > 100);
  const login = hoverAt(analysis, positionOfText(text, 'USER_AUTHN', 0, 2)).text;
  assert.match(login, /Paired by/);
  assertCommandsSafe(analysis);
  assertSymbolsPlain(analysis);
  const list = diagnostics(analysis, 1000);
  assert.ok(list.length > 0);
  for (const d of list) {
    assert.doesNotMatch(d.message, /[\r\n]/, d.message);
  }
});

test('other programs\' lines a megabyte long are read (their patterns look at a bounded start)', () => {
  const tail = 'x'.repeat(1 << 20);
  const lines = [
    `Oct  2 13:45:35 edge-gw2 sshd[812]: ${tail}`,
    `2021-03-04 12:08:10.170  INFO 2207 --- [exec-4] c.e.Loader : ${tail}`,
    `Oct  6 09:14:37 gw hrportal hr.corp.test 198.51.100.7 - - [06/Oct/2017:09:14:37 -0500] "GET /${tail}" 200 1`,
    `2017/10/06 09:14:37 [warn] 1#0: ${tail}`,
  ];
  for (const line of lines) {
    for (const format of ['oag', 'bluecedar'] as const) {
      const analysis = exerciseFeatures(line, format, samplePositions(line));
      assert.equal(analysis.log.entries.length <= 1, true);
    }
  }
});

test('a long OAG line full of broken structured-data items is read in linear time', () => {
  // Each broken item used to rescan the rest of the line: 400 KB of them took minutes.
  const prefix = '2020-06-24T10:05:56.000-05:00 host ACCESS_GATEWAY WEB_CONSOLE - - INFO SYSTEM_STARTUP [';
  for (const item of ['a ', 'K "v" ', 'K=v ', 'K=“v ', 'NEW NAME TAG ', 'K=”v” ']) {
    const text = `${prefix}${item.repeat(Math.floor(400_000 / item.length))}] end`;
    const started = process.hrtime.bigint();
    const analysis = analyzeText(text, 'oag');
    diagnostics(analysis, 1000);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(ms < 5000, `${JSON.stringify(item)}: ${ms.toFixed(0)} ms`);
    assert.equal(analysis.log.entries.length, 1);
  }
});
