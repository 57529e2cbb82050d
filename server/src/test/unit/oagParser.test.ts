/** The OAG audit-log parser: the full header, the reference's short forms, structured data, problems. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entryFields } from '../../service/fields';
import { LogEntry, ParsedLog, Problem } from '../../service/model';
import { field, fieldText, hasField, offsetOf, parse } from './helpers';

function one(line: string): { log: ParsedLog; entry: LogEntry } {
  const log = parse(line, 'oag');
  assert.equal(log.entries.length, 1, `one entry expected for ${line}`);
  return { log, entry: log.entries[0] };
}

function errors(entry: LogEntry): Problem[] {
  return entry.problems.filter((p) => p.severity === 'error');
}

function headerValues(log: ParsedLog, entry: LogEntry): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of entryFields(log, entry).filter((x) => x.group === 'header')) {
    out[f.name] = log.text.slice(f.start, f.end);
  }
  return out;
}

function message(log: ParsedLog, entry: LogEntry): string {
  return log.text.slice(entry.messageStart, entry.end);
}

const FULL = '2020-06-24T09:40:55.667-05:00 example.myaccessgateway.com ACCESS_GATEWAY ACCESS AUTHZ POLICY INFO USER_AUTHZ '
  + '[SESSION_ID="_8832d5961146a7d69baafe864b05eac3d5e3bb72bb" SUBJECT="admin@<Domain.tld>" RESOURCE="/" METHOD="GET" POLICY="root" '
  + 'POLICY_TYPE="PROTECTED" DURATION="0" APP="Local OAG Admin Console" APP_TYPE="ADMINUI_APP" APP_DOMAIN="gw-admin.[domain.tld]" RESULT="ALLOW" '
  + 'REASON="N/A - SESSIONID=_8832d5961146a7d69baafe864b05eac3d5e3bb72bb X-Authorization=admin@oag.okta.com username=admin '
  + 'RelayDomain=gw-admin.domain.tld UserName=admin@<Domain.tld >SourceAuthNType=urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport '
  + 'RemoteIP=10.0.0.110 USER_AGENT=Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_6) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/80.0.3987.149 Safari/537.36 "] '
  + 'allow access to resource.';

test('full eight-field header: every field is its own text', () => {
  const { log, entry } = one(FULL);
  assert.deepEqual(headerValues(log, entry), {
    timestamp: '2020-06-24T09:40:55.667-05:00',
    hostname: 'example.myaccessgateway.com',
    application: 'ACCESS_GATEWAY',
    subProcess: 'ACCESS',
    component: 'AUTHZ',
    subComponent: 'POLICY',
    logLevel: 'INFO',
    event: 'USER_AUTHZ',
  });
  assert.equal(field(log, entry, 'subProcess').start, offsetOf(FULL, 'ACCESS AUTHZ'));
  assert.equal(entry.severity, 'INFO');
  assert.equal(entry.component, 'AUTHZ');
  assert.equal(entry.eventName, 'USER_AUTHZ');
  assert.equal(FULL.slice(entry.eventStart, entry.eventEnd), 'USER_AUTHZ');
  assert.equal(entry.sessionId, '_8832d5961146a7d69baafe864b05eac3d5e3bb72bb');
  assert.equal(entry.subject, 'admin@<Domain.tld>');
  assert.equal(entry.app, 'Local OAG Admin Console');
  assert.equal(entry.result, 'ALLOW');
  assert.equal(message(log, entry), 'allow access to resource.');
  assert.equal(FULL.slice(entry.payloadStart, entry.payloadEnd), FULL.slice(FULL.indexOf('['), FULL.indexOf('"] ') + 2));
  assert.equal(entry.time, Date.UTC(2020, 5, 24, 14, 40, 55, 667));
  assert.deepEqual(entry.problems, []);
});

test('structured-data values keep brackets, "=" and spaces; key and value ranges are exact', () => {
  const { log, entry } = one(FULL);
  const domain = field(log, entry, 'APP_DOMAIN');
  assert.equal(domain.value, 'gw-admin.[domain.tld]');
  assert.equal(fieldText(log, domain).key, 'APP_DOMAIN');
  assert.equal(fieldText(log, domain).value, '"gw-admin.[domain.tld]"');
  assert.equal(domain.keyStart, offsetOf(FULL, 'APP_DOMAIN='));
  const reason = field(log, entry, 'REASON');
  const reasonText = FULL.slice(FULL.indexOf('REASON="') + 8, FULL.indexOf(' "]') + 1);
  assert.equal(reason.value, reasonText);
  assert.ok(reason.value.includes('RelayDomain=gw-admin.domain.tld'));
  assert.ok(reason.value.includes('(KHTML, like Gecko)'));
  assert.equal(fieldText(log, reason).whole, `REASON="${reasonText}"`);
  const app = field(log, entry, 'APP');
  assert.equal(app.value, 'Local OAG Admin Console');
  // Keys inside values are not fields of their own.
  assert.equal(hasField(log, entry, 'RelayDomain'), false);
  assert.equal(hasField(log, entry, 'USER_AGENT'), false);
  const sdNames = entryFields(log, entry).filter((f) => f.group === 'sd').map((f) => f.name);
  assert.deepEqual(sdNames, ['SESSION_ID', 'SUBJECT', 'RESOURCE', 'METHOD', 'POLICY', 'POLICY_TYPE', 'DURATION', 'APP', 'APP_TYPE', 'APP_DOMAIN', 'RESULT', 'REASON']);
});

test('escaped quotes in values are decoded; the range covers the escapes', () => {
  const line = '2020-06-24T09:40:36.000-05:00 gw ACCESS_GATEWAY WEB_CONSOLE APP - INFO SYSTEM_APP_EVENT [NAME="say \\"hi\\" [x]" TYPE="A B=C"] done';
  const { log, entry } = one(line);
  const name = field(log, entry, 'NAME');
  assert.equal(name.value, 'say "hi" [x]');
  assert.equal(fieldText(log, name).value, '"say \\"hi\\" [x]"');
  assert.equal(field(log, entry, 'TYPE').value, 'A B=C');
  assert.equal(message(log, entry), 'done');
  assert.deepEqual(entry.problems, []);
});

interface ShortForm {
  line: string;
  header: Record<string, string>;
  message: string;
  event?: string;
  sd?: Record<string, string>;
}

const SHORT_FORMS: ShortForm[] = [
  {
    line: '2020-08-26T21:24:03.000-05:00 oag01.okta.com application_template_service Acquiring lock',
    header: { application: 'application_template_service' },
    message: 'Acquiring lock',
  },
  {
    line: "2020-08-26T21:24:03.000-05:00 oag01.okta.com application_template_service ['/opt/oag/events/loglevel.local.UPDATE.json']",
    header: { application: 'application_template_service' },
    message: "['/opt/oag/events/loglevel.local.UPDATE.json']",
  },
  {
    line: '2020-08-26T21:24:04.000-05:00 oag01.okta.com OAG syslog-ng: Access-Gateway SYSLOG-NG restart completed',
    header: { application: 'OAG', subProcess: 'syslog-ng:' },
    message: 'Access-Gateway SYSLOG-NG restart completed',
  },
  {
    line: '2020-06-24T09:45:28.024-05:00 example.myaccessgateway.com CHECK_HOST checkConnection.sh INFO 10.0.0.1 7001 [USER="admin"] Ncat: Connection refused.',
    header: { application: 'CHECK_HOST', subProcess: 'checkConnection.sh', logLevel: 'INFO' },
    message: 'Ncat: Connection refused.',
    sd: { USER: 'admin' },
  },
  {
    line: '2021-04-28T12:03:53.906-05:00 oag.adminX.com SCRIPT INFO DEFAULT_PASSWORD_CHECK [USER="spgw"] Default admin password being used.',
    header: { logLevel: 'INFO', event: 'DEFAULT_PASSWORD_CHECK' },
    event: 'DEFAULT_PASSWORD_CHECK',
    message: 'Default admin password being used.',
    sd: { USER: 'spgw' },
  },
  {
    line: '2020-06-24T09:40:36.000-05:00 example.myaccessgateway.com WEB_CONSOLE APP - INFO SYSTEM_APP_EVENT [GUID="93d2e78a" NAME="Sample Header App"] Application created',
    header: { logLevel: 'INFO', event: 'SYSTEM_APP_EVENT' },
    event: 'SYSTEM_APP_EVENT',
    message: 'Application created',
    sd: { GUID: '93d2e78a', NAME: 'Sample Header App' },
  },
  {
    line: '2021-04-28T12:04:16.000-05:00 oag.adminX.com ACCESS_GATEWAY WEB_CONSOLE Admin password updated successfully.',
    header: { application: 'ACCESS_GATEWAY', subProcess: 'WEB_CONSOLE' },
    message: 'Admin password updated successfully.',
  },
  {
    line: '2020-07-15T04:46:38.000-04:00 localhost ACCESS_GATEWAY WEB_CONSOLE TRUSTED_DOMAINS - INFO SYSTEM_TD_EVENT [ SOURCE="APP" ACTION="UPDATE" ] source_app_guid: "61602a9d"',
    header: { application: 'ACCESS_GATEWAY', component: 'TRUSTED_DOMAINS', logLevel: 'INFO', event: 'SYSTEM_TD_EVENT' },
    event: 'SYSTEM_TD_EVENT',
    message: 'source_app_guid: "61602a9d"',
    sd: { SOURCE: 'APP', ACTION: 'UPDATE' },
  },
  {
    line: '2020-06-24T10:05:56.000-05:00 example.myaccessgateway.com ACCESS_GATEWAY WEB_CONSOLE - - INFO SYSTEM_STARTUP [] Startup complete, system ready.',
    header: { application: 'ACCESS_GATEWAY', subProcess: 'WEB_CONSOLE', logLevel: 'INFO', event: 'SYSTEM_STARTUP' },
    event: 'SYSTEM_STARTUP',
    message: 'Startup complete, system ready.',
    sd: {},
  },
  {
    line: "2020-07-15T04:46:38.000-04:00 localhost ACCESS_GATEWAY WEB_CONSOLE TRUSTED_DOMAINS ALERT SYSTEM_TD_EVENT [ SOURCE=\"APP\" ACTION=\"UPDATE\" ] Exception when disable/enable trusted domains: [Errno 13] Permission denied: '/opt/oag/events/td'",
    header: { application: 'ACCESS_GATEWAY', component: 'TRUSTED_DOMAINS', logLevel: 'ALERT', event: 'SYSTEM_TD_EVENT' },
    event: 'SYSTEM_TD_EVENT',
    message: "Exception when disable/enable trusted domains: [Errno 13] Permission denied: '/opt/oag/events/td'",
    sd: { SOURCE: 'APP', ACTION: 'UPDATE' },
  },
];

test('every short form of the reference parses without errors, as far as its fields go', () => {
  for (const form of SHORT_FORMS) {
    const { log, entry } = one(form.line);
    const header = headerValues(log, entry);
    assert.equal(header.timestamp, form.line.slice(0, form.line.indexOf(' ')), form.line);
    assert.equal(header.hostname, form.line.split(' ')[1], form.line);
    for (const [name, text] of Object.entries(form.header)) {
      assert.equal(header[name], text, `${name} of ${form.line}`);
    }
    assert.equal(entry.eventName, form.event, form.line);
    assert.equal(message(log, entry), form.message, form.line);
    const sd = Object.fromEntries(entryFields(log, entry).filter((f) => f.group === 'sd').map((f) => [f.name, f.value]));
    assert.deepEqual(sd, form.sd ?? {}, form.line);
    if (form.sd === undefined) {
      assert.equal(entry.payloadStart, undefined, form.line);
    }
    assert.deepEqual(errors(entry), [], form.line);
    assert.deepEqual(log.problems, [], form.line);
  }
  // SCRIPT: whichever slot it takes, it is a header field with its own text.
  const script = one(SHORT_FORMS[4].line);
  const scriptField = entryFields(script.log, script.entry).find((f) => script.log.text.slice(f.start, f.end) === 'SCRIPT');
  assert.ok(scriptField && scriptField.group === 'header');
});

test('the [] of SYSTEM_STARTUP is an empty payload', () => {
  const { log, entry } = one(SHORT_FORMS[8].line);
  assert.equal(log.text.slice(entry.payloadStart, entry.payloadEnd), '[]');
});

test('broken timestamps (five-digit year, stray letter) are errors on the timestamp token', () => {
  const cases = [
    '22020-06-25T14:18:52.458-05: example.store.com ACCESS_GATEWAY ACCESS AUTHN FAILED WARN STORE [STORE_NAME="x" FAILURE_COUNT="3"] Store failed during initialization.',
    'O2020-06-24T08:31:25.729-05:00 example.myaccessgateway.com OAG ADMIN_CONSOLE SYSTEM SHUTDOWN INFO SHUTDOWN [USER="oag-mgmt"] Shutting down system.',
  ];
  for (const line of cases) {
    const good = '2020-06-24T08:31:25.729-05:00 gw OAG ADMIN_CONSOLE SYSTEM SHUTDOWN INFO SHUTDOWN [USER="oag-mgmt"] Shutting down system.';
    const text = `${good}\n${line}\n${good}`;
    const log = parse(text, 'oag');
    assert.equal(log.entries.length, 3, line);
    const broken = log.entries[1];
    assert.equal(broken.startLine, 1);
    const problem = errors(broken)[0];
    assert.ok(problem, line);
    assert.equal(problem.code, 'bad-timestamp');
    assert.equal(problem.start, text.indexOf(line));
    assert.equal(text.slice(problem.start, problem.end), line.slice(0, line.indexOf(' ')));
    assert.equal(broken.time, undefined);
    assert.deepEqual(log.entries[2].problems, []);
  }
});

test('impossible dates and times are errors', () => {
  for (const ts of ['2021-02-29T10:00:00.000Z', '2021-13-01T10:00:00.000Z', '2021-04-31T10:00:00Z', '2021-04-30T24:00:00Z']) {
    const { entry } = one(`${ts} gw ACCESS_GATEWAY WEB_CONSOLE - - INFO SYSTEM_STARTUP [] ok`);
    const p = errors(entry)[0];
    assert.ok(p, ts);
    assert.equal(p.code, 'bad-timestamp');
    assert.equal(p.start, 0);
    assert.equal(p.end, ts.length);
  }
});

const PREFIX = '2021-09-14T08:05:03.127-05:00 oag01 ACCESS_GATEWAY ACCESS AUTHN SAML INFO USER_AUTHN ';

test('unterminated quote: error from the opening quote to the end of the line', () => {
  const line = `${PREFIX}[SESSION_ID="_abc" RESULT="DENY" REASON="N/A - runs to the end`;
  const { log, entry } = one(line);
  const p = errors(entry);
  assert.equal(p.length, 1, JSON.stringify(p));
  assert.equal(p[0].code, 'sd-unterminated');
  assert.equal(p[0].start, line.indexOf('"N/A'));
  assert.equal(p[0].end, line.length);
  assert.equal(entry.sessionId, '_abc');
  assert.equal(entry.result, 'DENY');
  assert.equal(field(log, entry, 'REASON').value, 'N/A - runs to the end');
});

test('closing quote missing before the next pair: error up to that pair, which still parses', () => {
  const line = `${PREFIX}[SESSION_ID="_abc" SUBJECT="alice@example.com TYPE="SAML_2_0" RESULT="PASS"] User login`;
  const { log, entry } = one(line);
  const p = errors(entry);
  assert.equal(p.length, 1, JSON.stringify(p));
  assert.equal(p[0].code, 'sd-unterminated');
  assert.equal(p[0].start, line.indexOf('"alice'));
  assert.equal(p[0].end, line.indexOf('TYPE='));
  assert.equal(entry.subject, 'alice@example.com');
  assert.equal(field(log, entry, 'TYPE').value, 'SAML_2_0');
  assert.equal(entry.result, 'PASS');
  assert.equal(message(log, entry), 'User login');
});

test("missing ']': error on the opening bracket", () => {
  const line = '2021-09-14T09:00:12.729-05:00 oag01 OAG ADMIN_CONSOLE SYSTEM SHUTDOWN INFO SHUTDOWN [USER="oag-mgmt" Shutting down system.';
  const { entry } = one(line);
  const p = errors(entry);
  assert.equal(p.length, 1, JSON.stringify(p));
  assert.equal(p[0].code, 'sd-unclosed');
  assert.equal(p[0].start, line.indexOf('['));
  assert.equal(p[0].end, line.indexOf('[') + 1);
  assert.equal(entry.subject, 'oag-mgmt');
});

test("key without '=': error on the key, the other pairs still read", () => {
  const line = `${PREFIX}[SESSION_ID="_fa70" SUBJECT "carol.wu@acme-corp.com" TYPE="SAML_2_0" RESULT="PASS"] User login:carol`;
  const { log, entry } = one(line);
  const p = errors(entry);
  assert.equal(p.length, 1, JSON.stringify(p));
  assert.equal(p[0].code, 'sd-no-equals');
  assert.equal(line.slice(p[0].start, p[0].end), 'SUBJECT');
  assert.equal(p[0].start, line.indexOf('SUBJECT "'));
  assert.equal(entry.sessionId, '_fa70');
  assert.equal(field(log, entry, 'TYPE').value, 'SAML_2_0');
  assert.equal(entry.result, 'PASS');
});

test('value without its opening quote, and a doubled closing quote', () => {
  const unquoted = `${PREFIX}[SESSION_ID="_x" USER_AGENT=Mozilla/5.0 (Macintosh) Safari/537.36"] ok`;
  const a = one(unquoted);
  const pa = errors(a.entry);
  assert.equal(pa.length, 1, JSON.stringify(pa));
  assert.equal(pa[0].code, 'sd-unquoted');
  assert.equal(pa[0].start, unquoted.indexOf('Mozilla'));
  assert.equal(unquoted.slice(pa[0].start, pa[0].end), 'Mozilla/5.0');
  assert.equal(field(a.log, a.entry, 'USER_AGENT').value, 'Mozilla/5.0 (Macintosh) Safari/537.36');
  const doubled = `${PREFIX}[SESSION_ID="_x" APP_DOMAIN="expenses.acme-corp.com"" RESULT="PASS"] ok`;
  const b = one(doubled);
  const pb = errors(b.entry);
  assert.equal(pb.length, 1, JSON.stringify(pb));
  assert.equal(pb[0].code, 'sd-after-value');
  assert.equal(pb[0].start, doubled.indexOf('"" ') + 1);
  assert.equal(doubled.slice(pb[0].start, pb[0].end), '"');
  assert.equal(b.entry.result, 'PASS');
});

test('timezone offsets give the right UTC time', () => {
  const cases: [string, number][] = [
    ['2020-06-24T09:40:36.000-05:00', Date.UTC(2020, 5, 24, 14, 40, 36)],
    ['2020-06-24T09:40:36.250+05:30', Date.UTC(2020, 5, 24, 4, 10, 36, 250)],
    ['2020-06-24T09:40:36Z', Date.UTC(2020, 5, 24, 9, 40, 36)],
    ['2020-06-24T09:40:36.5+0100', Date.UTC(2020, 5, 24, 8, 40, 36, 500)],
    ['2020-12-31T22:30:00.000-04:00', Date.UTC(2021, 0, 1, 2, 30, 0)],
    ['2021-02-23T12:55:29.267-06:00', Date.UTC(2021, 1, 23, 18, 55, 29, 267)],
  ];
  for (const [ts, expected] of cases) {
    const { entry } = one(`${ts} gw ACCESS_GATEWAY WEB_CONSOLE - - INFO SYSTEM_STARTUP [] ok`);
    assert.equal(entry.time, expected, ts);
    assert.deepEqual(entry.problems, [], ts);
  }
});

test('a line without a timestamp after an entry joins it, with a warning', () => {
  const first = '2020-06-24T09:40:36.000-05:00 gw ACCESS_GATEWAY WEB_CONSOLE - - INFO SYSTEM_STARTUP [] ok';
  const text = `${first}\ncontinued text\n\n${first}`;
  const log = parse(text, 'oag');
  assert.equal(log.entries.length, 2);
  assert.equal(log.entries[0].endLine, 1);
  assert.equal(log.entries[0].end, text.indexOf('\n\n'));
  assert.equal(log.entries[1].startLine, 3);
  assert.equal(log.problems.length, 1);
  assert.equal(log.problems[0].code, 'stray-text');
  assert.equal(text.slice(log.problems[0].start, log.problems[0].end), 'continued text');
});

test('USER_LOGIN/USER_AUTHN are logins, USER_LOGOUT a logout; placeholder SESSION_IDs are no session', () => {
  const kinds = ['USER_LOGIN', 'USER_AUTHN', 'USER_LOGOUT', 'USER_SESSION', 'USER_AUTHZ'].map((event) =>
    one(`2020-06-24T09:40:36.000-05:00 gw ACCESS_GATEWAY ACCESS AUTHN SAML INFO ${event} [SESSION_ID=" _s1 " SUBJECT="a"] m`).entry);
  assert.deepEqual(kinds.map((e) => e.kind), ['login', 'login', 'logout', 'other', 'other']);
  assert.deepEqual(kinds.map((e) => e.sessionId), ['_s1', '_s1', '_s1', '_s1', '_s1']);
  for (const placeholder of ['-', 'N/A', ' ']) {
    const { entry } = one(`2020-06-24T09:40:36.000-05:00 gw ACCESS_GATEWAY ACCESS AUTHN SAML INFO USER_AUTHN [SESSION_ID="${placeholder}" SUBJECT="a"] m`);
    assert.equal(entry.sessionId, undefined, placeholder);
  }
});

test('a line with only a timestamp: the hostname is missing, whatever line break follows', () => {
  const ts = '2020-06-24T10:05:56.000-05:00';
  for (const after of ['', '\n', '\r\n', '\r', ' \n']) {
    const log = parse(`${ts}${after}`, 'oag');
    assert.equal(log.entries.length, 1, JSON.stringify(after));
    assert.deepEqual(log.entries[0].problems.map((p) => [p.code, p.start, p.end]), [['missing-host', 0, ts.length]], JSON.stringify(after));
    assert.equal(log.entries[0].time, Date.UTC(2020, 5, 24, 15, 5, 56));
  }
});
