/** Findings of whole documents: the facts adapter, and the diagnostics, outline group and hover built on them. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DiagnosticSeverity, SymbolKind } from 'vscode-languageserver-types';
import { findingDiagnostics } from '../../service/features/findingDiagnostics';
import { findingHover } from '../../service/features/findingHover';
import { findingSymbols } from '../../service/features/findingSymbols';
import { computeFindings, defaultFindingsOptions, factsOfAnalysis, findingsOf, knownFindings, RULES } from '../../service/findings';
import { getLanguageService } from '../../service/languageService';
import {
  analyzeText, bcHeader, lineContaining, OPTIONS, positionOfText, readSample, ROOT, textOfRange,
} from './helpers';

const URI = 'file:///samples/gateway.log';
const options = defaultFindingsOptions();

/** The 0-based line of the entry header before the first line containing `needle`. */
function headerBefore(text: string, needle: string): number {
  const lines = text.split('\n');
  let line = lineContaining(text, needle);
  while (line > 0 && !/^[A-Z][a-z]{2} +\d/.test(lines[line])) {
    line--;
  }
  return line;
}

function gateway() {
  const text = readSample('gateway.log');
  return { text, analysis: analyzeText(text, 'bluecedar') };
}

describe('findings of samples/gateway.log', () => {
  test('the jailbroken session of tnguyen, the REJECT burst of mreyes and two old Android patches; nothing else', () => {
    const { text, analysis } = gateway();
    const { findings, omitted } = findingsOf(analysis, options);
    assert.deepEqual(omitted, {});
    const summary = findings.map((f) => `${f.code}@${f.where.line}:${f.user}`);
    assert.deepEqual(summary, [
      `finding-jailbroken-allowed@${headerBefore(text, '"username":"tnguyen"')}:tnguyen`,
      `finding-old-security-patch@${headerBefore(text, '"username": "bchen"')}:bchen`,
      `finding-failure-burst@${headerBefore(text, '"username":"mreyes"')}:mreyes`,
      `finding-old-security-patch@${headerBefore(text, '"username":"ocampbell"')}:ocampbell`,
    ]);
    const burst = findings[2];
    assert.equal(burst.evidence.length, 5);
    assert.ok(burst.evidence.every((e) => text.split('\n')[e.where.line].includes('2021 23:1')), 'every evidence line is a REJECT header between 23:10 and 23:19');
  });

  test('samples/audit.log: the facts the OAG rules read, and no finding with the defaults', () => {
    const text = readSample('audit.log');
    const analysis = analyzeText(text, 'oag');
    const facts = factsOfAnalysis(analysis);
    const kinds = (kind: string): number[] => facts.events.filter((e) => e.kind === kind).map((e) => e.where.line + 1);
    assert.deepEqual(kinds('loginFail'), [lineContaining(text, 'RESULT="FAIL" REASON="INVALID_CREDENTIALS"') + 1]);
    assert.deepEqual(kinds('authnFail'), [lineContaining(text, 'REASON="Invalid SAML Assertion"') + 1]);
    assert.deepEqual(kinds('adminLogin'), [lineContaining(text, 'SUBJECT="admin" TYPE="LOCAL" RESULT="PASS"') + 1, lineContaining(text, 'SUBJECT="secops" TYPE="LOCAL"') + 1]);
    const denied = facts.events.filter((e) => e.kind === 'authzDeny');
    assert.ok(denied.length >= 3);
    for (const e of denied) {
      assert.ok(text.split('\n')[e.where.line].includes(`RESOURCE="${e.resource}"`), `resource ${e.resource} on line ${e.where.line + 1}`);
    }
    const sessionDeny = facts.events.find((e) => e.kind === 'sessionDeny');
    assert.equal(sessionDeny?.resource, 'expenses.acme-corp.com');
    const admin = facts.sessions.find((s) => s.user === 'admin' && s.startRef);
    assert.equal(admin?.publicIp, '10.20.1.15');
    assert.deepEqual(findingsOf(analysis, options).findings, []);
  });
});

describe('findings shown: diagnostics, outline, hover', () => {
  test('one diagnostic per finding on its event name, with its code, severity and evidence as related locations', () => {
    const { text, analysis } = gateway();
    const diagnostics = findingDiagnostics(analysis, findingsOf(analysis, options), URI);
    assert.equal(diagnostics.length, 4);
    const jailbroken = diagnostics.find((d) => d.code === 'finding-jailbroken-allowed')!;
    assert.equal(textOfRange(text, jailbroken.range), 'Session START');
    assert.equal(jailbroken.severity, DiagnosticSeverity.Warning);
    assert.equal(jailbroken.source, 'gateway-logs');
    assert.match(jailbroken.message, /^Jailbroken device allowed: .*tnguyen/);
    const burst = diagnostics.find((d) => d.code === 'finding-failure-burst')!;
    assert.equal(textOfRange(text, burst.range), 'Policy REJECT');
    assert.equal(burst.relatedInformation?.length, 5);
    assert.ok(burst.relatedInformation!.every((r) => r.location.uri === URI && /^23:1\d:\d\d Policy REJECT/.test(r.message)));
    assert.equal(diagnostics.find((d) => d.code === 'finding-old-security-patch')!.severity, DiagnosticSeverity.Information);
  });

  test('the Findings group lists each finding in document order, inside its range', () => {
    const { analysis } = gateway();
    const group = findingSymbols(analysis, findingsOf(analysis, options), 5000)!;
    assert.equal(group.name, 'Findings (4)');
    assert.equal(group.kind, SymbolKind.Key);
    const lines = group.children!.map((c) => c.selectionRange.start.line);
    assert.deepEqual(lines, [...lines].sort((a, b) => a - b));
    assert.match(group.children![0].name, /^⚠ Jailbroken device allowed: tnguyen$/);
    for (const child of group.children!) {
      assert.ok(child.range.start.line >= group.range.start.line && child.range.end.line <= group.range.end.line);
    }
    const capped = findingSymbols(analysis, findingsOf(analysis, options), 2)!;
    assert.equal(capped.children!.length, 2);
    assert.equal(capped.name, 'Findings (4)');
    assert.match(capped.detail!, /2 more not listed/);
  });

  test('hover on a finding: what, why with the thresholds, evidence with lines and times as written, how to silence it', () => {
    const { text, analysis } = gateway();
    const result = findingsOf(analysis, options);
    const burst = result.findings.find((f) => f.code === 'finding-failure-burst')!;
    const at = positionOfText(text, 'Policy REJECT', 0, 3);
    const hover = findingHover(analysis, result, options, at, 'gatewayLogs.findings')!;
    assert.ok(hover);
    const md = hover.markdown;
    assert.match(md, /\*\*Finding: Burst of rejections or failed logins\*\*/);
    assert.match(md, /At least 5 Policy REJECTs .* within 10 minutes/);
    for (const e of burst.evidence) {
      const line = text.split('\n')[e.where.line];
      const clock = /2021 (\d\d:\d\d:\d\d)/.exec(line)![1];
      assert.ok(md.includes(`- line ${e.where.line + 1} · ${clock} — Policy REJECT`), `evidence for line ${e.where.line + 1} (${clock}) in:\n${md}`);
    }
    assert.match(md, /`gatewayLogs\.findings\.failureBurst\.enabled` to `false`/);
    assert.equal(textOfRange(text, hover.range), 'Policy REJECT');
    // Not on the second REJECT of the burst (the finding is shown on the first), nor on a header elsewhere.
    assert.equal(findingHover(analysis, result, options, positionOfText(text, 'Policy REJECT', 1, 3), 'p'), null);
    assert.equal(findingHover(analysis, result, options, positionOfText(text, 'Sev:Critical', 0, 2), 'p'), null);
  });

  test('log text in a finding is inert in the hover and one line in the diagnostic', () => {
    const user = '<img src=x onerror=alert(1)>**bold**\n[link](command:x)';
    const text = `${bcHeader(Date.UTC(2021, 10, 11, 8, 0, 0))}\nSession START ${JSON.stringify({ sessionId: { username: user, device: { deviceName: '`tick`', jailbroken: true }, app: { appGsid: 42 } } })}\n`;
    const analysis = analyzeText(text, 'bluecedar');
    const result = findingsOf(analysis, options);
    assert.equal(result.findings.length, 1);
    const md = findingHover(analysis, result, options, positionOfText(text, 'Session START', 0, 2), 'gatewayLogs.findings')!.markdown;
    assert.doesNotMatch(md, /<img/);
    assert.doesNotMatch(md, /\[link\]\(command:/);
    assert.doesNotMatch(md, /\*\*bold\*\*/);
    const [diagnostic] = findingDiagnostics(analysis, result, URI);
    assert.doesNotMatch(diagnostic.message, /\n/);
  });
});

describe('findings over edits and files', () => {
  const service = getLanguageService(OPTIONS);

  test('an edit in an entry no rule reads carries the findings over, moved to their new lines', () => {
    const { text, analysis } = gateway();
    const before = findingsOf(analysis, options);
    // Insert a line into a DATAPATH message (an entry no rule reads) near the top.
    const at = text.indexOf('DHCP DISCOVER relayed');
    const next = text.slice(0, at) + 'x\n' + text.slice(at);
    const edited = service.update(analysis, next, { start: at, end: at, text: 'x\n' });
    const carried = knownFindings(edited, options);
    assert.ok(carried, 'findings carried over');
    const fresh = computeFindings(factsOfAnalysis(edited), options);
    assert.deepEqual(carried.findings.map((f) => [f.code, f.where.line, f.evidence.map((e) => e.where.line)]),
      fresh.findings.map((f) => [f.code, f.where.line, f.evidence.map((e) => e.where.line)]));
    assert.notDeepEqual(carried.findings.map((f) => f.where.line), before.findings.map((f) => f.where.line));
  });

  test('an edit in a REJECT or a session entry needs the rules again; different options too', () => {
    const { text, analysis } = gateway();
    findingsOf(analysis, options);
    const at = text.indexOf('"username":"mreyes"') + '"username":"'.length;
    const next = text.slice(0, at) + 'z' + text.slice(at);
    const edited = service.update(analysis, next, { start: at, end: at, text: 'z' });
    assert.equal(knownFindings(edited, options), undefined);
    const other = defaultFindingsOptions();
    other.rules.failureBurst.count = 2;
    assert.equal(knownFindings(analysis, other), undefined);
    assert.equal(knownFindings(analysis, defaultFindingsOptions())?.findings.length, 4);
  });

  test('across files: two halves of the sample, read as two files, give the burst in both', () => {
    const { text } = gateway();
    const lines = text.split('\n');
    const cut = lineContaining(text, 'DHCP pool 10.24.0.0/20'); // between the third and the fourth REJECT of the burst
    const first = analyzeText(lines.slice(0, cut).join('\n'), 'bluecedar');
    const second = analyzeText(lines.slice(cut).join('\n'), 'bluecedar');
    const a = factsOfAnalysis(first, { file: 'gateway.log.1' });
    const b = factsOfAnalysis(second, { file: 'gateway.log' });
    const alone = [computeFindings(a, options), computeFindings(b, options)].flatMap((r) => r.findings).filter((f) => f.code === 'finding-failure-burst');
    assert.equal(alone.length, 0, 'neither half has five REJECTs');
    const together = computeFindings({ sessions: [...a.sessions, ...b.sessions], events: [...b.events, ...a.events] }, options);
    const burst = together.findings.find((f) => f.code === 'finding-failure-burst')!;
    assert.equal(burst.where.file, 'gateway.log.1');
    assert.deepEqual(burst.evidence.map((e) => e.where.file), ['gateway.log.1', 'gateway.log.1', 'gateway.log.1', 'gateway.log', 'gateway.log']);
    assert.deepEqual(burst.evidence.map((e) => e.where.line), [...a.events.slice(-3), ...b.events.slice(0, 2)].map((e) => e.where.line));
  });
});

describe('settings contributed in package.json', () => {
  test('every rule option has a setting gatewayLogs.findings.<rule>.<option> with the same default, and no setting is left over', () => {
    const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8'));
    const properties: Record<string, { default: unknown; enum?: string[] }> = manifest.contributes.configuration.properties;
    const contributed = Object.keys(properties).filter((k) => k.startsWith('gatewayLogs.findings.'));
    const expected = ['gatewayLogs.findings.enabled', 'gatewayLogs.findings.maxPerRule'];
    const defaults = defaultFindingsOptions();
    assert.equal(properties['gatewayLogs.findings.maxPerRule'].default, defaults.maxPerRule);
    for (const rule of RULES) {
      for (const [key, value] of Object.entries(rule.defaults)) {
        const name = `gatewayLogs.findings.${rule.id}.${key}`;
        expected.push(name);
        assert.ok(properties[name], `${name} is not contributed`);
        const shown = key === 'severity' ? String(value).replace(/^./, (c) => c.toUpperCase()) : value;
        assert.deepEqual(properties[name].default, shown, name);
      }
    }
    assert.deepEqual(contributed.sort(), expected.sort());
  });

  test('each rule has its own code and id', () => {
    assert.equal(new Set(RULES.map((r) => r.code)).size, RULES.length);
    assert.equal(new Set(RULES.map((r) => r.id)).size, RULES.length);
    assert.ok(RULES.every((r) => r.code.startsWith('finding-')));
  });
});

