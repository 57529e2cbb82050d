/** Diagnostics: clean samples stay clean, broken ones are flagged where they break, and the cap. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { diagnostics } from '../../service/features/diagnostics';
import { LogFormat } from '../../service/model';
import { analyzeText, bcHeader, lineContaining, positionOf, readSample, textOfRange } from './helpers';

function diagnose(text: string, format: LogFormat, max = 1000): Diagnostic[] {
  return diagnostics(analyzeText(text, format), max);
}

function errorsOf(list: Diagnostic[]): Diagnostic[] {
  return list.filter((d) => d.severity === DiagnosticSeverity.Error);
}

function onLine(list: Diagnostic[], line: number): Diagnostic[] {
  return list.filter((d) => d.range.start.line === line);
}

function show(list: Diagnostic[]): string {
  return list.map((d) => `${d.range.start.line + 1}:${d.range.start.character} ${d.code} ${d.message}`).join('\n');
}

test('the well-formed samples produce no Error diagnostics', () => {
  for (const [file, format] of [['gateway.log', 'bluecedar'], ['audit.log', 'oag'], ['oag-older-format.log', 'oag'], ['ics_all.log', 'oag']] as const) {
    const list = diagnose(readSample(file), format);
    assert.deepEqual(errorsOf(list), [], `${file}:\n${show(errorsOf(list))}`);
    for (const d of list) {
      assert.equal(d.source, 'gateway-logs');
    }
  }
});

test('samples/oag-older-format.log and ics_all.log: only what samples/README.md documents is reported', () => {
  const older = diagnose(readSample('oag-older-format.log'), 'oag');
  assert.deepEqual(older.map((d) => `${d.range.start.line + 1} ${d.code}`), ['17 start-without-stop', '47 start-without-stop'], show(older));
  const all = diagnose(readSample('ics_all.log'), 'oag');
  assert.deepEqual(all.map((d) => `${d.range.start.line + 1} ${d.severity} ${d.code}`), ['20 2 sd-typographic-quotes'], show(all));
});

test('samples/gateway.log: the documented orphan STOP and unfinished START are reported, nothing worse than information', () => {
  const text = readSample('gateway.log');
  const list = diagnose(text, 'bluecedar');
  assert.ok(list.every((d) => d.severity! >= DiagnosticSeverity.Information), show(list));
  const orphan = list.find((d) => d.code === 'stop-without-start');
  assert.ok(orphan);
  // The first STOP of the file is the orphan (dpatel, gsid 3120447815).
  assert.equal(orphan.range.start.line, lineContaining(text, 'Session STOP'));
  const open = list.find((d) => d.code === 'start-without-stop');
  assert.ok(open);
  const gsidLine = lineContaining(text, '"appGsid":3735102297');
  assert.ok(open.range.start.line <= gsidLine && gsidLine - open.range.start.line < 30);
  assert.equal(textOfRange(text, open.range), 'Session START');
  assert.equal(textOfRange(text, orphan.range), 'Session STOP');
});

test('malformed/broken-gateway.log: errors where the README says', () => {
  const text = readSample('malformed/broken-gateway.log');
  const list = diagnose(text, 'bluecedar');
  const errors = errorsOf(list);

  // Missing comma after "version":"12": the error starts at the next key.
  const keyLine = lineContaining(text, '"securityPatchVersion"');
  const missingComma = onLine(errors, keyLine);
  assert.equal(missingComma.length, 1, show(errors));
  assert.equal(missingComma[0].range.start.character, positionOf(text, text.indexOf('"securityPatchVersion"')).character);
  assert.equal(textOfRange(text, missingComma[0].range), '"securityPatchVersion"');

  // Unknown severity: a diagnostic (not an error) on the word.
  const sevLine = lineContaining(text, 'Sev:Catastrophic');
  const sev = onLine(list, sevLine).find((d) => d.code === 'unknown-severity');
  assert.ok(sev, show(list));
  assert.equal(textOfRange(text, sev.range), 'Catastrophic');
  assert.equal(onLine(errors, sevLine).length, 0);

  // STOP cut off before the next header: error at the end of the line before that header.
  const nextHeader = lineContaining(text, '[INTFMGR], SubCls:999, EID: 2109085776');
  const cut = errors.filter((d) => d.range.start.line === nextHeader - 1);
  assert.equal(cut.length, 1, show(errors));
  assert.match(cut[0].message, /next entry/);
  const lastLine = text.split('\n')[nextHeader - 1];
  assert.equal(cut[0].range.start.character, lastLine.trimEnd().length - 1);
  assert.equal(onLine(list, nextHeader).length, 0, 'the next entry parses cleanly');

  // Trailing comma in the Link Update: on the ',' or the '}'.
  const linkLine = lineContaining(text, '"status":"down",}');
  const trailing = onLine(errors, linkLine);
  assert.equal(trailing.length, 1, show(errors));
  assert.ok([',', '}'].includes(textOfRange(text, trailing[0].range)));

  // Python's False.
  const falseLine = lineContaining(text, '"jailbroken":False');
  const pyFalse = onLine(errors, falseLine);
  assert.equal(pyFalse.length, 1);
  assert.equal(textOfRange(text, pyFalse[0].range), 'False');

  // The sparse but valid REJECT and the valid lines have no error.
  const quiet = [lineContaining(text, 'fmartin'), lineContaining(text, 'fmartin') - 1, lineContaining(text, '[CFM]'), 0, 1];
  for (const line of quiet) {
    assert.equal(onLine(errors, line).length, 0, `line ${line + 1}: ${show(onLine(errors, line))}`);
  }
  assert.equal(errors.length, 4, show(errors));
});

test('malformed/broken-audit.log: errors where the README says', () => {
  const text = readSample('malformed/broken-audit.log');
  const lines = text.split('\n');
  const list = diagnose(text, 'oag');
  const errors = errorsOf(list);
  const errorOn = (needle: string): Diagnostic => {
    const line = lineContaining(text, needle);
    const found = onLine(errors, line);
    assert.equal(found.length, 1, `line ${line + 1} (${needle}):\n${show(errors)}`);
    return found[0];
  };

  const fiveDigit = errorOn('22020-06-25T14:18:52.458-05:');
  assert.equal(fiveDigit.range.start.character, 0);
  assert.equal(textOfRange(text, fiveDigit.range), '22020-06-25T14:18:52.458-05:');

  const subjectLine = lineContaining(text, 'alice.nguyen@acme-corp.com TYPE=');
  const subject = errorOn('alice.nguyen@acme-corp.com TYPE=');
  assert.ok(subject.range.start.character > lines[subjectLine].indexOf('['), 'inside the structured data');
  assert.ok(textOfRange(text, subject.range).startsWith('"alice.nguyen'));

  const reasonLine = lineContaining(text, 'RESULT="ALLOW" REASON="N/A');
  const reason = errorOn('RESULT="ALLOW" REASON="N/A');
  assert.equal(reason.code, 'sd-unterminated');
  assert.equal(reason.range.start.character, lines[reasonLine].indexOf('"N/A'));
  assert.equal(reason.range.end.character, lines[reasonLine].length);

  const bracketLine = lineContaining(text, 'deny access to resource');
  const bracket = errorOn('deny access to resource');
  assert.equal(bracket.code, 'sd-unclosed');
  assert.equal(bracket.range.start.character, lines[bracketLine].indexOf('['));

  const noEquals = errorOn('SUBJECT "carol.wu');
  assert.equal(textOfRange(text, noEquals.range), 'SUBJECT');

  const agentLine = lineContaining(text, 'USER_AGENT=Mozilla');
  const agent = errorOn('USER_AGENT=Mozilla');
  assert.equal(agent.range.start.character, lines[agentLine].indexOf('USER_AGENT=Mozilla') + 'USER_AGENT='.length);

  const doubled = errorOn('expenses.acme-corp.com""');
  assert.equal(textOfRange(text, doubled.range), '"');

  const stray = errorOn('O2020-06-24T');
  assert.equal(stray.range.start.character, 0);

  const lastLine = lines.findIndex((l, i) => i > 0 && l.includes('[USER="oag-mgmt" Shutting down system.') && !l.startsWith('O'));
  const last = onLine(errors, lastLine);
  assert.equal(last.length, 1);
  assert.equal(last[0].code, 'sd-unclosed');

  for (const needle of ['SYSTEM_STARTUP', 'VALID_CREDENTIALS', 'User logout success: admi']) {
    assert.equal(onLine(errors, lineContaining(text, needle)).length, 0, needle);
  }
  assert.equal(errors.length, 9, show(errors));
});

const START_HEADER = bcHeader(Date.UTC(2021, 10, 11, 22, 24, 37));

test('malformed JSON: the error covers the offending token, not the whole entry', () => {
  const cases: [string, string][] = [
    ['{"sessionId":{"username":"jruser" "device":{}}}', '"device"'], // missing comma
    ['{"sessionId":{"username" "jruser"}}', '"jruser"'], // missing colon
    ['{"sessionId":{"username":jruser}}', 'jruser'], // unquoted value
    ['{"sessionId":{username:"x"}}', 'username'], // unquoted key
    ['{"a":[1,2 3]}', '3'], // missing comma in an array
  ];
  for (const [json, token] of cases) {
    const text = `${START_HEADER}\nSession START ${json}`;
    const list = errorsOf(diagnose(text, 'bluecedar'));
    assert.equal(list.length, 1, `${json}\n${show(list)}`);
    const start = text.indexOf(token, text.indexOf('{'));
    assert.deepEqual(list[0].range.start, positionOf(text, start), json);
    assert.ok(textOfRange(text, list[0].range).length <= token.length, `${json}: ${textOfRange(text, list[0].range)}`);
    assert.equal(list[0].code, 'json-syntax');
  }
});

test('payload cut off at the end of the file and before the next header', () => {
  const cut = 'Session START {"sessionId":{"username":"jruser",\n  "device":{"osType":"ios"';
  const atEof = `${START_HEADER}\n${cut}`;
  const eof = errorsOf(diagnose(atEof, 'bluecedar'));
  assert.equal(eof.length, 1, show(eof));
  assert.match(eof[0].message, /end of file/);
  assert.deepEqual(eof[0].range.start, positionOf(atEof, atEof.length - 1));
  assert.equal(textOfRange(atEof, eof[0].range), '"');

  const withTrailingLines = `${atEof}\n\n  \n`;
  const eof2 = errorsOf(diagnose(withTrailingLines, 'bluecedar'));
  assert.equal(eof2.length, 1);
  assert.match(eof2[0].message, /end of file/);
  assert.deepEqual(eof2[0].range.start, positionOf(withTrailingLines, atEof.length - 1));

  const next = `${START_HEADER}\n${cut}\n${START_HEADER} Process restarted`;
  const before = errorsOf(diagnose(next, 'bluecedar'));
  assert.equal(before.length, 1, show(before));
  assert.match(before[0].message, /next entry/);
  assert.deepEqual(before[0].range.start, positionOf(next, atEof.length - 1));
});

test('every diagnostic carries the source and a code', () => {
  const text = readSample('malformed/broken-gateway.log');
  for (const d of diagnose(text, 'bluecedar')) {
    assert.equal(d.source, 'gateway-logs');
    assert.equal(typeof d.code, 'string');
    assert.ok(d.message.length > 0);
  }
});

test('the cap keeps the most serious problems and adds a diagnostics-capped notice', () => {
  // 3 errors (impossible dates), 10 warnings (unknown severities), 10 hints (STARTs never stopped).
  const parts: string[] = [];
  for (let i = 0; i < 10; i++) {
    parts.push(`Nov 11 2021 22:24:${String(i).padStart(2, '0')} gw Mocana: [AAA], SubCls:999, EID: 0, Type: General, Sev:Loud, message ${i}`);
    parts.push(`Nov 11 2021 22:25:${String(i).padStart(2, '0')} gw Mocana: [AAA], SubCls:ACCT, EID: 0, Type: Acct, Sev:Informational,\nSession START {"sessionId":{"username":"u${i}","app":{"appGsid":${1000 + i}}}}`);
    if (i % 3 === 0 && i < 9) {
      parts.push(`Nov 31 2021 22:26:0${i} gw Mocana: [AAA], SubCls:999, EID: 0, Type: General, Sev:Informational, impossible date`);
    }
  }
  const text = parts.join('\n');
  const full = diagnose(text, 'bluecedar', 1000);
  assert.equal(full.filter((d) => d.code === 'diagnostics-capped').length, 0);
  assert.equal(errorsOf(full).length, 3);
  assert.equal(full.filter((d) => d.severity === DiagnosticSeverity.Warning).length, 10);
  assert.equal(full.filter((d) => d.severity === DiagnosticSeverity.Hint).length, 10);
  assert.equal(full.length, 23);

  const capped = diagnose(text, 'bluecedar', 5);
  assert.equal(capped.length, 6);
  const notice = capped.filter((d) => d.code === 'diagnostics-capped');
  assert.equal(notice.length, 1);
  assert.equal(notice[0].severity, DiagnosticSeverity.Information);
  assert.deepEqual(notice[0].range.start, { line: 0, character: 0 });
  assert.match(notice[0].message, /\b5\b/);
  assert.match(notice[0].message, /\b23\b/);
  const kept = capped.filter((d) => d.code !== 'diagnostics-capped');
  assert.equal(errorsOf(kept).length, 3);
  assert.equal(kept.filter((d) => d.severity === DiagnosticSeverity.Warning).length, 2);
  assert.equal(kept.filter((d) => d.severity === DiagnosticSeverity.Hint).length, 0);

  // 0 turns diagnostics off altogether.
  assert.deepEqual(diagnose(text, 'bluecedar', 0), []);
  const one = diagnose(text, 'bluecedar', 1);
  assert.deepEqual(one.map((d) => [d.code, d.severity]).sort(), [['bad-timestamp', DiagnosticSeverity.Error], ['diagnostics-capped', DiagnosticSeverity.Information]]);

  const exact = diagnose(text, 'bluecedar', 23);
  assert.equal(exact.filter((d) => d.code === 'diagnostics-capped').length, 0);
});
