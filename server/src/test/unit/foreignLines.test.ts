/**
 * Lines of other programs in Blue Cedar and OAG files: what they are (foreign entries), no false
 * errors, hovers on their timestamp, host and program, folding as their own group, and the outline
 * group the outline can show them in.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MarkupContent } from 'vscode-languageserver-types';
import { diagnostics } from '../../service/features/diagnostics';
import { foldingRanges } from '../../service/features/folding';
import { foreignLineDetail, foreignLineName, foreignProgramGroups } from '../../service/features/foreignOutline';
import { doHover } from '../../service/features/hover';
import { clockTime } from '../../service/wording';
import { analyzeText, bcStart, bcStop, parse, positionOfText } from './helpers';

const T0 = Date.UTC(2021, 9, 2, 13, 45, 0);
const SESSION = { username: 'kfarouk', appGsid: 3300417, durationSeconds: 65 };

/** A Blue Cedar syslog file: the gateway's session among sshd, sudo and systemd lines (year-less form). */
function blueCedarWithSyslog(): string {
  return [
    bcStart(T0, SESSION, { withYear: false }).trimEnd(),
    'Oct  2 13:45:35 edge-gw2 sshd[812]: Accepted publickey for ops from 192.0.2.44 port 52314 ssh2',
    'Oct  2 13:45:40 edge-gw2 sudo:      ops : TTY=pts/0 ; PWD=/home/ops ; USER=root ; COMMAND=/usr/bin/systemctl status gw',
    'Oct  2 13:45:41 edge-gw2 systemd[1]: Started Session 7 of user ops.',
    bcStop(T0 + 65_000, SESSION, { withYear: false }).trimEnd(),
  ].join('\n');
}

function hoverText(analysis: ReturnType<typeof analyzeText>, needle: string, occurrence = 0, shift = 0): string {
  const hover = doHover(analysis, positionOfText(analysis.log.text, needle, occurrence, shift));
  assert.ok(hover, `no hover on ${needle}`);
  return (hover.contents as MarkupContent).value;
}

test('Blue Cedar: syslog lines of other programs are foreign entries, not errors, and the session still pairs', () => {
  const analysis = analyzeText(blueCedarWithSyslog(), 'bluecedar');
  const { entries } = analysis.log;
  assert.deepEqual(entries.map((e) => e.kind), ['sessionStart', 'foreign', 'foreign', 'foreign', 'sessionStop']);
  assert.deepEqual(entries.filter((e) => e.kind === 'foreign').map((e) => e.program), ['sshd', 'sudo', 'systemd']);
  assert.deepEqual(diagnostics(analysis, 100).filter((d) => d.severity === 1 || d.severity === 2), []);
  const session = analysis.sessions.sessions.find((s) => s.key === String(SESSION.appGsid));
  assert.ok(session && session.start === 0 && session.stop === 4, JSON.stringify(analysis.sessions.sessions));
  // Year-less like the gateway's own lines, and placed in the same year.
  assert.deepEqual(entries.map((e) => new Date(e.time!).getUTCFullYear()), [2021, 2021, 2021, 2021, 2021]);
  assert.equal(clockTime(entries[1]), '13:45:35');
});

test('Blue Cedar: the gateway\'s own broken headers are still errors; another program\'s impossible date is a warning', () => {
  const text = [
    'Oct  2 13:45:38 edge-gw2 Mocana [AAA] missing colon',
    'Oct 32 13:45:39 edge-gw2 sshd[812]: Connection closed by 192.0.2.44',
    'Oct  2 13:45:40 edge-gw2 Mocana: SubCls:ACCT, EID: 0, Type: Acct, Sev:Informational, no component',
  ].join('\n');
  const log = parse(text, 'bluecedar');
  assert.deepEqual(log.entries.map((e) => [e.kind, e.problems.map((p) => `${p.severity}:${p.code}`).join()]), [
    ['other', 'error:bad-header'],
    ['foreign', 'warning:bad-timestamp'],
    ['other', 'warning:missing-component'],
  ]);
});

test('hover on a foreign line: its timestamp, host, program and process ID', () => {
  const analysis = analyzeText(blueCedarWithSyslog(), 'bluecedar');
  const time = hoverText(analysis, 'Oct  2 13:45:35');
  assert.match(time, /^\*\*Timestamp\*\*/);
  assert.ok(time.includes('2021-10-02 13:45:35') && time.includes('does not state the year'), time);
  assert.ok(hoverText(analysis, 'edge-gw2 sshd', 0, 1).startsWith('**Host**'));
  const sshd = hoverText(analysis, 'sshd[812]');
  assert.ok(sshd.startsWith('**Program**') && sshd.includes('OpenSSH'), sshd);
  assert.ok(hoverText(analysis, '812]').startsWith('**Process ID**'));
  const sudo = hoverText(analysis, 'sudo:');
  assert.ok(sudo.includes('another account'), sudo);
});

test('OAG: hover on other programs\' parts (Java service, tagged NGINX, CERT VERIFIER); an ISO timestamp gives UTC too', () => {
  const text = [
    '2021-03-04 12:08:10.170  INFO 2207 --- [91-8443-exec-4] c.e.gateway.certs.ChainLoader   : Importing a certificate authority.',
    'Oct  6 09:14:37 gw-east.corp.test hrportal hr.corp.test 198.51.100.7 - - [06/Oct/2017:09:14:37 -0500] "GET /start HTTP/1.1" 405 1877 "-" "Mozilla/5.0"',
    '2021-03-04T12:09:00.000-06:00 node-a.corp.test CERT VERIFIER CRL settings updated',
  ].join('\n');
  const analysis = analyzeText(text, 'oag');
  assert.ok(hoverText(analysis, 'c.e.gateway').startsWith('**Logger**'));
  assert.ok(hoverText(analysis, 'INFO').includes('normal operation'));
  assert.ok(hoverText(analysis, '91-8443').startsWith('**Thread**'));
  const status = hoverText(analysis, '405');
  assert.ok(status.includes('⚠️') && status.includes('integrity'), status);
  assert.ok(hoverText(analysis, 'hrportal').startsWith('**Web server log tag**'));
  assert.ok(hoverText(analysis, '198.51.100.7').includes('public IPv4'));
  assert.ok(hoverText(analysis, '"GET', 0, 1).includes('reads a resource'));
  const cert = hoverText(analysis, 'CERT VERIFIER', 0, 6);
  assert.ok(cert.includes('certificate validation service'), cert);
  const iso = hoverText(analysis, '2021-03-04T12');
  assert.ok(iso.includes('2021-03-04 12:09:00-06:00') && iso.includes('UTC: `2021-03-04T18:09:00.000Z`'), iso);
});

test('folding: a run of other programs\' lines folds as one group; a stack trace folds as its entry', () => {
  const bc = analyzeText(blueCedarWithSyslog(), 'bluecedar');
  const foreignRun = foldingRanges(bc).filter((r) => r.startLine === bc.log.entries[1].startLine);
  assert.deepEqual(foreignRun, [{ startLine: bc.log.entries[1].startLine, endLine: bc.log.entries[3].endLine }]);
  const oag = analyzeText([
    '2021-01-20T10:54:58.075-06:00 node-a.corp.test systemd Started Certificate Validation Service.',
    '2020-08-10 15:36:49.769 ERROR 1336 --- [ XNIO-2 task-2] c.e.gateway.web.ExceptionAdvice : handleExceptions',
    'org.example.json.JSONException: No value for relayDomain',
    '2021-06-13T11:03:40.834-05:00 node-a.corp.test OAG ADMIN_CONSOLE MONITORING REST API INFO ENABLE [USER="oag-mgmt"] Enabling Monitoring REST APIs.',
    '2021-01-20T10:55:58.075-06:00 node-a.corp.test systemd Stopped Certificate Validation Service.',
  ].join('\n'), 'oag');
  assert.deepEqual(foldingRanges(oag), [{ startLine: 0, endLine: 2 }, { startLine: 1, endLine: 2 }]);
});

test('outline group of other programs: by program in order of appearance, named by message, bounded', () => {
  const analysis = analyzeText(blueCedarWithSyslog(), 'bluecedar');
  const groups = foreignProgramGroups(analysis.log);
  assert.deepEqual(groups.map((g) => g.name), ['sshd (1)', 'sudo (1)', 'systemd (1)']);
  const sshd = groups[0].entries[0];
  assert.equal(foreignLineName(analysis.log, sshd), 'Accepted publickey for ops from 192.0.2.44 port 52314 ssh2');
  assert.equal(foreignLineDetail(sshd), '13:45:35 · line 3');
  // A hostile log cannot make thousands of groups.
  const many = Array.from({ length: 300 }, (_, i) => `Oct  2 13:45:35 edge-gw2 prog${i}[1]: hello`).join('\n');
  const manyGroups = foreignProgramGroups(parse(many, 'bluecedar'));
  assert.equal(manyGroups.length, 50);
  assert.equal(manyGroups[49].name, 'other programs (251)');
});
