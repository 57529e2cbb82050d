/**
 * Diagnostics a user can tune and trust (issue 17, item 4): a setting per check, no cascades, and
 * JSON messages in the user's words.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { CHECK_LEVELS, DIAGNOSTIC_CODES, ProblemCode } from '../../service/diagnosticCodes';
import { allProblems, diagnostics } from '../../service/features/diagnostics';
import { LogFormat } from '../../service/model';
import { readSettings } from '../../settings';
import { analyzeText, bcHeader, BcSession, bcStart, bcStop, lineContaining, readSample, ROOT, textOfRange } from './helpers';
import { BLUECEDAR_FRAGMENTS, OAG_FRAGMENTS } from './fragments';

interface SettingSchema {
  type: string;
  enum: string[];
  default: string;
  markdownDescription: string;
}

const PREFIX = 'gatewayLogs.diagnostics.';

test('package.json contributes one setting per check, with its built-in severity as the default', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const properties: Record<string, SettingSchema> = pkg.contributes.configuration.properties;
  const contributed = Object.keys(properties).filter((k) => k.startsWith(PREFIX)).map((k) => k.slice(PREFIX.length)).sort();
  assert.deepEqual(contributed, Object.keys(DIAGNOSTIC_CODES).sort());
  for (const [code, doc] of Object.entries(DIAGNOSTIC_CODES)) {
    const setting = properties[PREFIX + code];
    assert.equal(setting.type, 'string');
    assert.deepEqual(setting.enum, CHECK_LEVELS);
    assert.equal(setting.default, doc.severity, code);
    assert.ok(setting.markdownDescription.startsWith(doc.description), `${code}: the description in package.json is not the table's`);
  }
});

/** Texts that set off many checks: the samples, the malformed samples and the test fragments. */
function corpus(): [string, LogFormat][] {
  const texts: [string, LogFormat][] = [
    [readSample('gateway.log'), 'bluecedar'], [readSample('malformed/broken-gateway.log'), 'bluecedar'],
    [readSample('audit.log'), 'oag'], [readSample('malformed/broken-audit.log'), 'oag'],
  ];
  texts.push([BLUECEDAR_FRAGMENTS.join('\n'), 'bluecedar'], [OAG_FRAGMENTS.join('\n'), 'oag']);
  // One line or entry for each check the samples do not set off.
  const t = (s: number): number => Date.UTC(2021, 10, 11, 22, 0, s);
  const a: BcSession = { username: 'ann', appGsid: 11 };
  const b: BcSession = { username: 'bob', appGsid: 12 };
  texts.push([[
    'text before any entry',
    'Nov 11 2021 22:00:00 gw Mocana: SubCls:999, EID: 0, Type: General, Sev:Informational, no component',
    'Nov 11 2021 22:00:01 gw Mocana: [NEWTHING], SubCls:999, EID: 0, Type: General, Sev:Informational, x',
    'Nov 11 2021 22:00:02 gw Mocana: [AAA], SubCls:, EID: 0, Type: General, Sev:Informational, x',
    'Nov 11 2021 22:00:03 gw Mocana: [AAA], SubCls:999, EID: 12x, Type: General, Sev:Informational, x',
    'Nov 11 2021 22:00:04 gw Mocana: [AAA], SubCls:999, EID: 0, Type: Strange, Sev:Informational, x',
    'Nov 11 2021 22:00:05 gw Mocana: [AAA], SubCls:ACCT, EID: 0, Type: Acct, Sev:Informational, Session START',
    'Nov 31 2021 22:00:06 gw Mocana: [AAA], SubCls:999, EID: 0, Type: General, Sev:Informational, x',
    'Nov 11 2021 2:0 gw Mocana: [AAA] broken header',
  ].join('\n') + '\n' + bcStart(t(10), a) + bcStop(t(5), { ...a, durationSeconds: 5, duration: '5 seconds' })
    + bcStart(t(20), b) + bcStart(t(21), b) + bcStop(t(40), { ...b, durationSeconds: 3, duration: '9 seconds' })
    + bcStart(t(50), { username: 'cy', appGsid: 13 }).replace('"username":"cy"', '"username":"cy","username":"cyd"'), 'bluecedar']);
  texts.push([[
    '2021-09-14T08:00:41.220-05:00',
    '2021-09-14T08:00:42.220-05:00 oag01 ACCESS_GATEWAY ACCESS AUTHN SAML INFO BRAND_NEW_EVENT [RESULT="PASS"] x',
    '2021-09-14T08:00:43.220-05:00 oag01 ACCESS_GATEWAX WEB_CONSOLE AUTHN LOCAL INFO USER_LOGIN [RESULT="PASS"] x',
  ].join('\n'), 'oag']);
  return texts;
}

test('every problem is raised at the severity its setting documents as the default', () => {
  const seen = new Set<ProblemCode>();
  for (const [text, format] of corpus()) {
    for (const problem of allProblems(analyzeText(text, format))) {
      assert.equal(problem.severity, DIAGNOSTIC_CODES[problem.code].severity, `${problem.code}: ${problem.message}`);
      seen.add(problem.code);
    }
  }
  const missing = Object.keys(DIAGNOSTIC_CODES).filter((c) => !seen.has(c as ProblemCode));
  assert.deepEqual(missing, ['json-too-deep'], 'checks the corpus does not set off');
});

function diagnose(text: string, format: LogFormat, levels?: Parameters<typeof diagnostics>[2]): Diagnostic[] {
  return diagnostics(analyzeText(text, format), 1000, levels);
}

test('a check turned off is not reported; a check given another level is reported at that level', () => {
  const text = readSample('gateway.log');
  const plain = diagnose(text, 'bluecedar');
  assert.ok(plain.some((d) => d.code === 'stop-without-start'));
  const tuned = diagnose(text, 'bluecedar', { levels: { 'stop-without-start': 'off', 'start-without-stop': 'warning' } });
  assert.ok(!tuned.some((d) => d.code === 'stop-without-start'));
  const open = tuned.filter((d) => d.code === 'start-without-stop');
  assert.ok(open.length > 0 && open.every((d) => d.severity === DiagnosticSeverity.Warning));
  // Everything else is untouched.
  const others = (list: Diagnostic[]): string[] => list.filter((d) => d.code !== 'stop-without-start' && d.code !== 'start-without-stop').map((d) => `${d.code}@${d.range.start.line}:${d.severity}`);
  assert.deepEqual(others(tuned), others(plain));
});

test('the cap counts only what is reported, and names the setting it was given', () => {
  const text = readSample('malformed/broken-gateway.log');
  const all = diagnose(text, 'bluecedar');
  const withoutJson = diagnostics(analyzeText(text, 'bluecedar'), 2, { levels: { 'json-syntax': 'off' }, limitSetting: 'gatewayLogs.maxDiagnostics' });
  const reported = all.filter((d) => d.code !== 'json-syntax').length;
  assert.match(withoutJson[0].message, new RegExp(`^Showing 2 of ${reported} problems .*Raise the setting gatewayLogs\\.maxDiagnostics`));
});

test('readSettings keeps known codes with known levels and ignores the rest', () => {
  const settings = readSettings({ diagnostics: { 'stop-without-start': 'off', 'json-syntax': 'loud', 'no-such-check': 'off', 'start-twice': 'hint' } });
  assert.deepEqual(settings.diagnostics, { 'stop-without-start': 'off', 'start-twice': 'hint' });
  assert.deepEqual(readSettings({ diagnostics: 'off' }).diagnostics, {});
});

test('no cascade: a STOP whose payload is cut off says so, instead of blaming its START on line 1', () => {
  const text = readSample('malformed/broken-gateway.log');
  const list = diagnose(text, 'bluecedar');
  const stopLine = lineContaining(text, 'Session STOP');
  const onStop = list.filter((d) => d.range.start.line === stopLine);
  assert.deepEqual(onStop.map((d) => d.code), ['unreadable-stop']);
  assert.match(onStop[0].message, /payload is broken/);
  assert.ok(!list.some((d) => d.code === 'stop-without-start'));
  // The START of that session (line 2) points at the broken STOP instead of saying none exists.
  const start = list.find((d) => d.code === 'start-without-stop' && d.range.start.line === lineContaining(text, '"username":"akim"'));
  assert.ok(start);
  assert.match(start.message, new RegExp(`line ${stopLine}\\b.*payload is broken`));
});

test('a STOP from a rotated log (well-formed payload) still says its START may be in an earlier log', () => {
  const text = readSample('gateway.log');
  const orphan = diagnose(text, 'bluecedar').filter((d) => d.code === 'stop-without-start');
  assert.equal(orphan.length, 1);
  assert.match(orphan[0].message, /earlier \(rotated\) log/);
});

function jsonError(payload: string): { message: string; at: string } {
  const text = `${bcHeader(Date.UTC(2021, 10, 11), { type: 'General' })}\nPolicy REJECT ${payload}\n`;
  const error = diagnose(text, 'bluecedar').find((d) => d.code === 'json-syntax');
  assert.ok(error, `no JSON error for ${payload}`);
  return { message: error.message, at: textOfRange(text, error.range) };
}

test('JSON messages speak the user\'s language', () => {
  assert.deepEqual(jsonError('{"reason":"x","jailbroken":False}'), { message: 'JSON booleans are lowercase: false.', at: 'False' });
  assert.equal(jsonError('{"reason":"x","jailbroken":TRUE}').message, 'JSON booleans are lowercase: true.');
  assert.equal(jsonError('{"reason":None}').message, 'An empty value is written null in JSON, not None.');
  assert.equal(jsonError('{"reason":\'x\'}').message, 'JSON strings are written in double quotes, not single quotes.');
  assert.equal(jsonError('{"bytes":NaN}').message, 'JSON has no NaN: write a number, or null.');
  assert.equal(jsonError('{reason:"x"}').message, 'A property name is written in double quotes in JSON: "reason".');
  assert.deepEqual(jsonError('{"linkUpdate":{"name":"ethernet1","status":"down",}}'), { message: 'JSON does not allow a comma before \'}\'.', at: ',' });
  assert.deepEqual(jsonError('{"list":[1,2,]}'), { message: 'JSON does not allow a comma before \']\'.', at: ',' });
  // What the parser says plainly already stays as it was.
  assert.equal(jsonError('{"a":1 "b":2}').message, "Expected ',' or '}' after a property value.");
});
