/** Over stdio: findings as diagnostics, hover and outline group, their settings, and the timeline requests. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, DocumentSymbol, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import type { TimelineCursor, TimelineData } from '../../service/features/timeline';
import { REPO_ROOT, startServer, TestClient } from './lspClient';

const GATEWAY = fs.readFileSync(path.join(REPO_ROOT, 'samples', 'gateway.log'), 'utf8');
const LINES = GATEWAY.split('\n');
const URI = 'file:///samples/gateway.log';
const hasFindings = (d: Diagnostic[]): boolean => d.some((x) => String(x.code).startsWith('finding-'));

/** 0-based line of the entry header at or before the first line containing `needle`. */
function headerOf(needle: string): number {
  let line = LINES.findIndex((l) => l.includes(needle));
  assert.notEqual(line, -1, needle);
  while (line > 0 && !/^[A-Z][a-z]{2} +\d/.test(LINES[line])) line--;
  return line;
}

describe('findings and timeline through the server', () => {
  let client: TestClient;
  let diagnostics: Diagnostic[];

  before(async () => {
    client = await startServer();
    const published = client.diagnostics(URI, hasFindings);
    client.open(URI, 'bluecedar-log', GATEWAY);
    diagnostics = await published;
  });

  after(async () => {
    await client.stop();
  });

  test('the jailbroken session and the REJECT burst are diagnostics with their codes, on their events, with evidence', () => {
    const jailbroken = diagnostics.filter((d) => d.code === 'finding-jailbroken-allowed');
    assert.equal(jailbroken.length, 1);
    assert.equal(jailbroken[0].range.start.line, headerOf('"username":"tnguyen"') + 1);
    assert.equal(jailbroken[0].severity, 2);
    const burst = diagnostics.filter((d) => d.code === 'finding-failure-burst');
    assert.equal(burst.length, 1);
    assert.match(burst[0].message, /5 Policy REJECTs for user 'mreyes'/);
    const rejectHeaders = LINES.map((l, i) => ({ l, i })).filter(({ i }) => (LINES[i + 1] ?? '').startsWith('Policy REJECT {"reason":"Attempting login with jailbroken device"')).map(({ i }) => i);
    assert.deepEqual(burst[0].relatedInformation!.map((r) => r.location.range.start.line), rejectHeaders);
    // The parse's own diagnostics are still there.
    assert.ok(diagnostics.some((d) => d.code === 'stop-without-start'));
  });

  test('hover on the burst explains it with its evidence lines; the outline ends with a Findings group', async () => {
    const line = headerOf('"username":"mreyes"') + 1;
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: URI }, position: { line, character: 3 } });
    const text = (hover.contents as MarkupContent).value;
    assert.match(text, /Finding: Burst of rejections/);
    assert.match(text, /line \d+ · 23:15:27 — Policy REJECT/);
    assert.match(text, /gatewayLogs\.findings\.failureBurst\.enabled/);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
    const group = symbols[symbols.length - 1];
    assert.equal(group.name, `Findings (${diagnostics.filter((d) => String(d.code).startsWith('finding-')).length})`);
    assert.ok(group.children!.some((c) => /Jailbroken device allowed: tnguyen/.test(c.name)));
  });

  test('gatewayLogs/timeline: every session, the REJECTs as marks, the findings, a histogram of every entry', async () => {
    const data = await client.request<TimelineData>('gatewayLogs/timeline', { uri: URI });
    const gsids = new Set([...GATEWAY.matchAll(/Session (?:START|STOP)\s*\{[\s\S]*?"appGsid"\s*:\s*(\d+)/g)].map((m) => m[1]));
    assert.equal(data.sessions.length, gsids.size);
    for (const s of data.sessions.filter((x) => x.startLine !== undefined)) {
      assert.ok(/Session START/.test(LINES[s.startLine!] + LINES[s.startLine! + 1]), `line ${s.startLine! + 1} starts a session`);
    }
    const tnguyen = data.sessions.find((s) => s.user === 'tnguyen')!;
    assert.deepEqual(tnguyen.findings, ['finding-jailbroken-allowed']);
    assert.equal(tnguyen.start, Date.UTC(2021, 9, 31, 22, 55, 41));
    assert.equal(data.marks.filter((m) => m.kind === 'reject').length, GATEWAY.split('Policy REJECT').length - 1);
    assert.ok(data.marks.some((m) => m.kind === 'error' && LINES[m.line].includes('Sev:Critical')));
    assert.deepEqual(data.findings.map((f) => f.code).sort(), diagnostics.filter((d) => String(d.code).startsWith('finding-')).map((d) => String(d.code)).sort());
    const counted = Object.values(data.histogram!.counts).flat().reduce((a, b) => a + b, 0);
    assert.equal(counted, data.entries);
    assert.equal(data.entries, LINES.filter((l) => /^[A-Z][a-z]{2} +\d/.test(l)).length);
    assert.equal(await client.request('gatewayLogs/timeline', { uri: 'file:///not-open.log' }), null);
  });

  test('gatewayLogs/timelineCursor: a line inside an entry names that entry and its session', async () => {
    const header = headerOf('"username":"tnguyen"');
    const cursor = await client.request<TimelineCursor>('gatewayLogs/timelineCursor', { uri: URI, line: header + 1 });
    assert.equal(cursor.line, header);
    const data = await client.request<TimelineData>('gatewayLogs/timeline', { uri: URI });
    assert.equal(data.sessions.find((s) => s.id === cursor.session)?.user, 'tnguyen');
    assert.equal(await client.request('gatewayLogs/timelineCursor', { uri: URI, line: 'x' }), null);
  });
});

describe('findings settings through the server', () => {
  test('a rule turned off reports nothing; a severity changes; thresholds apply', async () => {
    const client = await startServer({ findings: { failureBurst: { enabled: false }, jailbrokenAllowed: { severity: 'Information' }, oldSecurityPatch: { maxAgeDays: 100 } } });
    try {
      // Settings arrive after the open (the server asks for them once initialized): wait for them to apply.
      const published = client.diagnostics(URI, (d) => hasFindings(d) && !d.some((x) => x.code === 'finding-failure-burst'));
      client.open(URI, 'bluecedar-log', GATEWAY);
      const list = await published;
      const findings = list.filter((d) => String(d.code).startsWith('finding-'));
      assert.deepEqual(findings.map((d) => `${d.code}:${d.severity}`), ['finding-jailbroken-allowed:3', 'finding-old-security-patch:3']);
      assert.match(findings[1].message, /ocampbell/);
    } finally {
      await client.stop();
    }
  });

  test('all findings off: none published, none in the outline', async () => {
    const client = await startServer({ findings: { enabled: false } });
    try {
      const published = client.diagnostics(URI, (d) => !hasFindings(d) && d.length > 0);
      client.open(URI, 'bluecedar-log', GATEWAY);
      assert.deepEqual((await published).filter((d) => String(d.code).startsWith('finding-')), []);
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
      assert.ok(!symbols.some((s) => s.name.startsWith('Findings')));
    } finally {
      await client.stop();
    }
  });
});

describe('the timeline of a hostile log through the server', () => {
  /** A Blue Cedar entry header (the year written) at `minute` past 22:00 on 2021-10-31. */
  const header = (minute: number, type = 'Acct'): string =>
    `Oct 31 2021 22:${String(minute).padStart(2, '0')}:00 gw Mocana: [AAA], SubCls:ACCT, EID: 0, Type: ${type}, Sev:Informational,`;
  const huge = 'd'.repeat(200_000);
  const session = (what: string, minute: number, user: string, device: string, bytes: Record<string, number> = {}): string =>
    `${header(minute)}\nSession ${what} ${JSON.stringify({ sessionId: { username: user, device: { osType: 'ios', deviceName: device, uniqueId: device, jailbroken: true }, app: { publicSrcIp: '198.51.100.1', appName: 'Mail\u202E', appGsid: 77, ...bytes } } })}\n`;
  const reject = (minute: number): string =>
    `${header(minute, 'General')}\nPolicy REJECT ${JSON.stringify({ reason: 'bad \u2066token\u2069 ' + 'a'.repeat(287) + '\u{1F600}', sessionId: { username: 'mal\u200Bory', device: { uniqueId: 'x\u200By' }, app: { appGsid: 0 } } })}\n`;
  const TEXT = session('START', 0, 'evil\u202Egnp.exe', huge) + reject(1) + session('STOP', 30, 'evil\u202Egnp.exe', huge, { bytesRx: 5e9, bytesTx: -5e9 });
  const HOSTILE_URI = 'file:///hostile/gateway.log';

  test('every string from the log is written out inert and bounded; byte counts are never negative', async () => {
    const client = await startServer();
    try {
      const published = client.diagnostics(HOSTILE_URI, hasFindings);
      client.open(HOSTILE_URI, 'bluecedar-log', TEXT);
      await published;
      const data = await client.request<TimelineData>('gatewayLogs/timeline', { uri: HOSTILE_URI });
      assert.equal(data.sessions.length, 1);
      const [s] = data.sessions;
      assert.equal(s.user, 'evil\\u202Egnp.exe');
      assert.equal(s.app, 'Mail\\u202E');
      assert.ok(s.device.length <= 201 && s.deviceId!.length <= 201, `device of ${s.device.length}`);
      assert.ok(s.bytes! >= 5e9, `bytes ${s.bytes}`);
      const [mark] = data.marks.filter((m) => m.kind === 'reject');
      assert.equal(mark.user, 'mal\\u200Bory');
      assert.match(mark.reason!, /^bad \\u2066token\\u2069 a+…$/);
      assert.ok(data.findings.length > 0);
      // Every string of the answer: no character that reorders or hides text, no half of a surrogate pair.
      const strings: string[] = [];
      JSON.stringify(data, (_key, value: unknown) => { if (typeof value === 'string') strings.push(value); return value; });
      for (const text of strings) {
        assert.doesNotMatch(text, /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\u0000-\u001F]/, text.slice(0, 80));
        assert.doesNotMatch(text, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/, text.slice(0, 80));
      }
      // The 200 000-character device name is not repeated in the answer.
      assert.ok(JSON.stringify(data).length < 20_000, `answer of ${JSON.stringify(data).length} characters`);
    } finally {
      await client.stop();
    }
  });
});
