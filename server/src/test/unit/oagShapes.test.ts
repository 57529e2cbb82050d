/**
 * Every line shape Okta's Access Gateway pages print, written out as our own fixtures (invented
 * hosts, users and ids): each is an entry with the right fields, or another program's line; none
 * gets an Error; times are shown as the log writes them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entryFields } from '../../service/fields';
import { LogEntry, ParsedLog } from '../../service/model';
import { clockTime } from '../../service/wording';
import { analyzeText, parse } from './helpers';

interface Shape {
  /** Which page prints this shape, and what is special about it. */
  what: string;
  line: string;
  header?: Record<string, string>;
  event?: string;
  sd?: Record<string, string>;
  message?: string;
  /** Foreign lines: the program, and the fields their hover offers. */
  program?: string;
  foreign?: Record<string, string>;
  /** The time as the log writes it (see clockTime). */
  clock: string;
  /** Problems expected (none may be an error). */
  codes?: string[];
}

const SHAPES: Shape[] = [
  // Logging overview ("Log Formats and Examples"): the older syslog timestamp, PROC_ID first.
  {
    what: 'overview: syslog timestamp, no APPLICATION, placeholder component and sub-component, empty structured data',
    line: 'Oct  9 07:12:44 gw-east.corp.test WEB_CONSOLE - - INFO SYSTEM_STARTUP [] Startup complete, system ready.',
    header: { timestamp: 'Oct  9 07:12:44', hostname: 'gw-east.corp.test', subProcess: 'WEB_CONSOLE', component: '-', subComponent: '-', logLevel: 'INFO', event: 'SYSTEM_STARTUP' },
    event: 'SYSTEM_STARTUP', sd: {}, message: 'Startup complete, system ready.', clock: '07:12:44',
  },
  {
    what: 'overview: local login in the syslog form',
    line: 'Oct  9 07:20:03 gw-east.corp.test WEB_CONSOLE AUTHN LOCAL INFO USER_LOGIN [SESSION_ID="Qz81mXv0cLr2" SUBJECT="ops-admin" TYPE="LOCAL" RESULT="PASS" REASON="VALID_CREDENTIALS" REMOTE_IP="-" USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/115.0"] User login success: ops-admin',
    header: { subProcess: 'WEB_CONSOLE', component: 'AUTHN', subComponent: 'LOCAL', logLevel: 'INFO' },
    event: 'USER_LOGIN', sd: { SESSION_ID: 'Qz81mXv0cLr2', RESULT: 'PASS' }, clock: '07:20:03',
  },
  {
    what: 'overview: setup event, component OAG',
    line: 'Oct  9 07:31:55 gw-east.corp.test WEB_CONSOLE OAG - INFO SYSTEM_SPGW_SETUP [GUID="5a0c7e2e-1b1d-4a5e-9c0f-2f7d3e6b8a11" HOST="gw.corp.test" COOKIE_DOMAIN="corp.test" REASON="OAG_ACCEPT_LICENSE" SESSION_ID="Qz81mXv0cLr2" SUBJECT="ops-admin" REMOTE_IP="-"] Access Gateway event host: \'gw.corp.test\' action: \'SYSTEM_SPGW_SETUP\'',
    header: { subProcess: 'WEB_CONSOLE', component: 'OAG', subComponent: '-' },
    event: 'SYSTEM_SPGW_SETUP', sd: { HOST: 'gw.corp.test', COOKIE_DOMAIN: 'corp.test' }, clock: '07:31:55',
  },
  {
    what: 'overview: the reset event',
    line: 'Oct  9 08:02:10 gw-east.corp.test WEB_CONSOLE OAG - INFO SYSTEM_OAG_RESET [GUID="5a0c7e2e" HOST="gw.corp.test" COOKIE_DOMAIN="corp.test" SESSION_ID="Rr0tT5" SUBJECT="ops-admin" REMOTE_IP="-"] Access Gateway event host: \'gw.corp.test\' action: \'SYSTEM_OAG_RESET\'',
    event: 'SYSTEM_OAG_RESET', clock: '08:02:10',
  },
  {
    what: 'overview: no hostname, application written in words',
    line: 'Oct  9 04:00:00 Access Gateway WEB_CONSOLE IDP LOCAL INFO SYSTEM_IDP_STATUS [NAME="Corp Okta" DOMAIN="corp.okta.test" TYPE="IDP_OKTA" RESULT="PASS" REASON="VALID"] Success confirming IDP status with: corp.okta.test',
    header: { application: 'Access Gateway', subProcess: 'WEB_CONSOLE', component: 'IDP', subComponent: 'LOCAL' },
    event: 'SYSTEM_IDP_STATUS', clock: '04:00:00',
  },
  {
    what: 'overview: application in words after the host (SAML)',
    line: 'Oct 26 10:21:02 gw-east.corp.test Access Gateway ACCESS AUTHN SAML ERROR USER_AUTHN [TYPE="SAML_2_0" TRACKER_ID="a81f03c2d9" SOURCE="unknown" RESULT="FAIL" REASON="Invalid SAML Assertion" REMOTE_IP="198.51.100.23"] Unable to find the current binding.',
    header: { hostname: 'gw-east.corp.test', application: 'Access Gateway', subProcess: 'ACCESS', component: 'AUTHN', subComponent: 'SAML', logLevel: 'ERROR' },
    event: 'USER_AUTHN', sd: { RESULT: 'FAIL', REMOTE_IP: '198.51.100.23' }, clock: '10:21:02',
  },
  {
    what: 'overview: session integrity, empty SESSION_ID and REMOTE_IP',
    line: 'Oct  6 09:14:37 gw-east.corp.test Access Gateway ACCESS AUTHZ SESSION ALERT USER_SESSION [SESSION_ID="" SUBJECT="mia.ortiz@corp.test" APP="Payroll" APP_TYPE="HEADER_APP" APP_DOMAIN="payroll.corp.test" RESULT="DENY" REASON="SESSION_INTEGRITY_DOMAIN_MISMATCH" REMOTE_IP=""] Request domain:payroll.corp.test does not match session Domain:hr.corp.test',
    header: { logLevel: 'ALERT', subComponent: 'SESSION' }, event: 'USER_SESSION', clock: '09:14:37',
  },
  {
    what: 'overview: process monitor in the older format (application in words, PROC_ID OAG_MONITOR)',
    line: 'Oct  9 15:40:02 gw-east.corp.test Access Gateway OAG_MONITOR MONITOR NGINX INFO CONFIG_TEST [STATUS="VALID" UUID="c0ffee00-1111-4222-8333-444455556666"] nginx: configuration file test is successful',
    header: { application: 'Access Gateway', subProcess: 'OAG_MONITOR', component: 'MONITOR', subComponent: 'NGINX' },
    event: 'CONFIG_TEST', sd: { STATUS: 'VALID' }, clock: '15:40:02',
  },
  {
    what: 'overview: certificate check',
    line: 'Oct  9 15:41:10 gw-east.corp.test Access Gateway OAG_MONITOR MONITOR CERT_CHECK WARN SSL_CERT_VALIDITY_CHECK [USER="root" EXPIRY="20201101"] SSL Certificate is going to expire in 30 days or less',
    header: { subComponent: 'CERT_CHECK', logLevel: 'WARN' }, event: 'SSL_CERT_VALIDITY_CHECK', sd: { EXPIRY: '20201101' }, clock: '15:41:10',
  },
  {
    what: 'overview: authentication module test',
    line: 'Oct  9 15:42:30 gw-east.corp.test Access Gateway OAG_MONITOR MONITOR AUTH_MODULE INFO TEST_AUTHN_LDAP [STATUS="LDAP_VALID" UUID="9d3e" HOST="10.20.30.40" PORT="636" USER_SEARCH_BASE_DN="ou=People,dc=corp,dc=test" SEARCH_ATTRIBUTE="uid"] Auth module is valid',
    header: { subComponent: 'AUTH_MODULE' }, event: 'TEST_AUTHN_LDAP', sd: { PORT: '636', USER_SEARCH_BASE_DN: 'ou=People,dc=corp,dc=test' }, clock: '15:42:30',
  },
  // Monitor log: OAG_MONITOR MONITOR <what was checked>, no sub-component.
  {
    what: 'monitor log: disk usage',
    line: '2021-05-11T06:00:03.412-04:00 node-1.corp.test OAG_MONITOR MONITOR DISK_USAGE INFO DISK_USAGE [FILESYSTEM="/dev/sda2" MOUNT="/var" USAGE="41%"] Mount /var is 41% full',
    header: { application: 'OAG_MONITOR', subProcess: 'MONITOR', component: 'DISK_USAGE' }, event: 'DISK_USAGE', sd: { USAGE: '41%' }, clock: '06:00:03-04:00',
  },
  {
    what: 'monitor log: Kerberos check',
    line: '2021-05-11T06:00:03.500-04:00 node-1.corp.test OAG_MONITOR MONITOR KRB5 INFO MONITOR [STATUS="VALID"] Kerberos is configured',
    event: 'MONITOR', clock: '06:00:03-04:00',
  },
  {
    what: 'monitor log: session cache',
    line: '2021-05-11T06:00:03.610-04:00 node-1.corp.test OAG_MONITOR MONITOR SESSION_CACHE INFO SESSION_CACHE_USAGE [CACHE_SIZE="134217728" CURRENT_USAGE="52000" USAGE_PERCENT="1%"] Current session cache utilization is 1%.',
    event: 'SESSION_CACHE_USAGE', clock: '06:00:03-04:00',
  },
  {
    what: 'monitor log: service start and stop',
    line: '2021-05-11T05:58:40.020-04:00 node-1.corp.test OAG_MONITOR MONITOR SERVICE INFO STOP [SERVICE="php-fpm"] Stopping php-fpm.',
    event: 'STOP', sd: { SERVICE: 'php-fpm' }, clock: '05:58:40-04:00',
  },
  {
    what: 'monitor log: validation, message is only a full stop right after the brackets',
    line: '2021-05-11T06:10:00.900-04:00 node-1.corp.test OAG_MONITOR MONITOR STORE INFO VALIDATE [NAME="HR Directory" STATUS="failed"].',
    event: 'VALIDATE', message: '.', clock: '06:10:00-04:00',
  },
  // Admin renomination: CLUSTER MANAGER components, event labels of several words.
  {
    what: 'renomination: application present, label of three words',
    line: '2020-08-05T18:40:23.711-07:00 node-b OAG ADMIN_CONSOLE CLUSTER MANAGER ADMIN NOMINATION INFO Mgmt console Event [USER="oag-mgmt"] OAG Version - 2020.9.1, Cluster Manager Version - 2020.1.7',
    header: { hostname: 'node-b', application: 'OAG', subProcess: 'ADMIN_CONSOLE', component: 'CLUSTER MANAGER ADMIN', subComponent: 'NOMINATION', event: 'Mgmt console Event' },
    event: 'Mgmt console Event', sd: { USER: 'oag-mgmt' }, clock: '18:40:23-07:00',
  },
  {
    what: 'renomination: no application, label of six words',
    line: '2020-08-05T18:41:02.118-07:00 node-c.corp.test ADMIN_CONSOLE CLUSTER MANAGER ADMIN NOMINATION INFO Prep HA config for worker node [USER="root"] Prepared HA config file /tmp/nolock.a1b2.json for worker node - node-d.corp.test',
    header: { subProcess: 'ADMIN_CONSOLE', component: 'CLUSTER MANAGER ADMIN', subComponent: 'NOMINATION', event: 'Prep HA config for worker node' },
    event: 'Prep HA config for worker node', clock: '18:41:02-07:00',
  },
  {
    what: 'renomination: a failed step at ERROR',
    line: '2020-08-05T18:41:05.200-07:00 node-c.corp.test ADMIN_CONSOLE CLUSTER MANAGER ADMIN NOMINATION ERROR Determine Version Compatibility [USER="root"] Incompatible Node List - node-e.corp.test. Update worker nodes to version - 2020.8.3 or higher',
    header: { logLevel: 'ERROR' }, event: 'Determine Version Compatibility', clock: '18:41:05-07:00',
  },
  {
    what: 'renomination: one-word label in mixed case',
    line: '2020-08-05T18:41:00.010-07:00 node-c.corp.test ADMIN_CONSOLE CLUSTER MANAGER ADMIN NOMINATION INFO Arguments [USER="root"] Started nomination process with args: adminNode - node-a.corp.test',
    event: 'Arguments', clock: '18:41:00-07:00',
  },
  {
    what: 'renomination: CLUSTER MANAGER with UPDATE ADMIN',
    line: '2020-08-06T13:06:41.872-05:00 node-a.corp.test ADMIN_CONSOLE CLUSTER MANAGER UPDATE ADMIN INFO Started Admin Node Nomination App [USER="oagha"] Started Admin Node Nomination App on admin node - node-a.corp.test',
    header: { component: 'CLUSTER MANAGER', subComponent: 'UPDATE ADMIN' }, event: 'Started Admin Node Nomination App', clock: '13:06:41-05:00',
  },
  {
    what: 'renomination: CLUSTER MANAGER with UPDATE WORKER',
    line: '2020-08-06T13:07:44.520-05:00 node-b.corp.test ADMIN_CONSOLE CLUSTER MANAGER UPDATE WORKER INFO Sent Ack file [USER="root"] Sent acknowledgment file - /tmp/77aa.ack.prep to nominated admin node - node-c.corp.test',
    header: { subComponent: 'UPDATE WORKER' }, event: 'Sent Ack file', clock: '13:07:44-05:00',
  },
  // REST monitoring management: MONITORING REST API, a key with a space.
  {
    what: 'REST monitoring: placeholder host in angle brackets, one-word event',
    line: '2021-06-13T11:03:40.834-05:00 <gw.corp.test> OAG ADMIN_CONSOLE MONITORING REST API INFO ENABLE [USER="oag-mgmt"] Enabling Monitoring REST APIs.',
    header: { hostname: '<gw.corp.test>', component: 'MONITORING', subComponent: 'REST API' }, event: 'ENABLE', clock: '11:03:40-05:00',
  },
  {
    what: 'REST monitoring: label of three words and a key of two',
    line: '2021-06-13T11:16:07.198-05:00 node-a.corp.test OAG ADMIN_CONSOLE MONITORING REST API INFO ENDPOINT NAME CHANGE [USER="oag-mgmt" NEW NAME="healthz"] NEW ENDPOINT NAME UPDATED IN FILE /opt/oag/monitoring_rest/active.conf',
    event: 'ENDPOINT NAME CHANGE', sd: { USER: 'oag-mgmt', 'NEW NAME': 'healthz' }, clock: '11:16:07-05:00',
  },
  {
    what: 'REST monitoring: allowed address added',
    line: '2021-06-13T11:03:53.818-05:00 node-a.corp.test OAG ADMIN_CONSOLE MONITORING REST API INFO ADD ALLOWED IP [USER="oag-mgmt" ENTRY="203.0.113.0/28"] Added entry to file /opt/oag/monitoring_rest/active.conf',
    event: 'ADD ALLOWED IP', sd: { ENTRY: '203.0.113.0/28' }, clock: '11:03:53-05:00',
  },
  // Support VPN: no hostname at all; one line has no event either.
  {
    what: 'support VPN: no hostname',
    line: '2021-02-23T12:55:29.267-06:00 OAG ADMIN_CONSOLE SUPPORT_CONNECTION DISABLE INFO ENABLE_SUPPORT_CONNECTION [USER="oag-mgmt"] Disabling support connection',
    header: { application: 'OAG', subProcess: 'ADMIN_CONSOLE', component: 'SUPPORT_CONNECTION', subComponent: 'DISABLE' }, event: 'ENABLE_SUPPORT_CONNECTION', clock: '12:55:29-06:00',
  },
  {
    what: 'support VPN: no hostname, no event, multi-word component and sub-component',
    line: '2021-02-23T12:56:02.004-06:00 OAG ADMIN_CONSOLE SUPPORT CONNECTION CHECK STATUS ERROR [USER="oag-mgmt"] Exception when checking connection status on the system: timed out',
    header: { component: 'SUPPORT CONNECTION', subComponent: 'CHECK STATUS', logLevel: 'ERROR' }, sd: { USER: 'oag-mgmt' }, clock: '12:56:02-06:00',
  },
  // Client certificate chains: typographic quotes around a value.
  {
    what: 'certificate chains: value between typographic quotes (a warning, the value is read)',
    line: '2021-03-04T12:08:10.183-06:00 node-a.corp.test. OAG ADMIN_CONSOLE SERVICES CLIENT_CERT INFO CLIENT_CERT [USER=“oag-mgmt”] Added a client certificate chain',
    header: { hostname: 'node-a.corp.test.', component: 'SERVICES', subComponent: 'CLIENT_CERT' }, event: 'CLIENT_CERT', sd: { USER: 'oag-mgmt' },
    codes: ['sd-typographic-quotes'], clock: '12:08:10-06:00',
  },
  {
    what: 'certificate chains: the API event',
    line: '2021-03-04T12:09:00.226-06:00 node-a.corp.test OAG ADMIN_CONSOLE SERVICES CLIENT_CERT INFO CLIENT_CERT_API [USER="oag-mgmt"] CRL config updated.',
    event: 'CLIENT_CERT_API', clock: '12:09:00-06:00',
  },
  // Audit log: irregular spacing.
  {
    what: 'audit log: two spaces after the timestamp, a no-break space between fields',
    line: '2020-06-24T09:40:36.000-05:00  node-a.corp.test ACCESS_GATEWAY WEB_CONSOLE\u00a0KRB5 - INFO SYSTEM_KRB5_EVENT [REALM="CORP.TEST" REASON="UPDATE" SESSION_ID="kq2" SUBJECT="ops-admin" REMOTE_IP="-"] Kerberos Realm: \'CORP.TEST\' action: \'UPDATE\'',
    header: { hostname: 'node-a.corp.test', application: 'ACCESS_GATEWAY', subProcess: 'WEB_CONSOLE', component: 'KRB5', subComponent: '-' },
    event: 'SYSTEM_KRB5_EVENT', sd: { REALM: 'CORP.TEST' }, clock: '09:40:36-05:00',
  },
  {
    what: 'audit log: placeholder host in brackets, program words only',
    line: '2020-08-26T21:24:03.000-05:00 [name of the admin node] application_template_service Acquiring lock',
    header: { hostname: '[name of the admin node]', application: 'application_template_service' }, message: 'Acquiring lock', clock: '21:24:03-05:00',
  },
  // Other programs in the same files.
  {
    what: 'certificate chains: the validation service under its two-word name',
    line: '2021-03-04T12:09:00.000-06:00 node-a.corp.test CERT VERIFIER CRL settings updated to refresh every 600 minutes and cache for 660 minutes',
    program: 'CERT VERIFIER', foreign: { hostname: 'node-a.corp.test', program: 'CERT VERIFIER' }, clock: '12:09:00-06:00',
  },
  {
    what: 'certificate chains: a bracket in the message of the validation service',
    line: '2021-01-22T13:10:55.000-06:00 node-a.corp.test CERT VERIFIER Starting [Started) application | certificate loader]',
    program: 'CERT VERIFIER', clock: '13:10:55-06:00',
  },
  {
    what: 'certificate chains: systemd without pid or colon',
    line: '2021-01-20T10:54:58.075-06:00 node-a.corp.test systemd Stopped Certificate Validation Service.',
    program: 'systemd', clock: '10:54:58-06:00',
  },
  {
    what: 'renomination: sudo with its padded fields',
    line: '2020-08-06T13:06:42.000-05:00 node-a[.corp.test] sudo    oagha : TTY=unknown ; PWD=/opt/oag ; USER=root ; COMMAND=/opt/oag/scripts/backup.sh',
    program: 'sudo', foreign: { hostname: 'node-a[.corp.test]', program: 'sudo' }, clock: '13:06:42-05:00',
  },
  {
    what: 'certificate chains: a Java service in Spring Boot\'s layout',
    line: '2021-03-04 12:08:10.170  INFO 2207 --- [91-8443-exec-4] c.e.gateway.certs.ChainLoader   : Importing \'CN=Corp Root, O=Corp\' as certificate authority.',
    program: 'Java service', foreign: { timestamp: '2021-03-04 12:08:10.170', level: 'INFO', pid: '2207', thread: '91-8443-exec-4', logger: 'c.e.gateway.certs.ChainLoader' }, clock: '12:08:10',
  },
  {
    what: 'audit log: a Java service error, thread name with a leading space',
    line: '2020-08-10 15:42:30.583 ERROR 1336 --- [ XNIO-2 task-9] c.e.gateway.service.CertStore : Failed to read certificate from file /opt/oag/ssl/x.crt',
    program: 'Java service', foreign: { level: 'ERROR', thread: ' XNIO-2 task-9' }, clock: '15:42:30',
  },
  {
    what: 'overview: NGINX error line behind a syslog tag',
    line: 'Oct  6 09:14:37 gw-east.corp.test hrportal 2017/10/06 09:14:37 [warn] 3120#0: *88 using uninitialized "title" variable, client: 198.51.100.7, server: hr.corp.test',
    program: 'hrportal', foreign: { tag: 'hrportal', nginxLevel: 'warn', pid: '3120#0' }, clock: '09:14:37',
  },
  {
    what: 'overview: NGINX access line behind a syslog tag',
    line: 'Oct  6 09:14:37 gw-east.corp.test hrportal hr.corp.test 198.51.100.7 - - [06/Oct/2017:09:14:37 -0500] "GET /start HTTP/1.1" 405 1877 "-" "Mozilla/5.0" "-" 0.000 - .',
    program: 'hrportal', foreign: { vhost: 'hr.corp.test', client: '198.51.100.7', request: 'GET /start HTTP/1.1', status: '405', size: '1877' }, clock: '09:14:37',
  },
  {
    what: 'access log: the current format, tag auth',
    line: '2020-06-24T09:40:43.000-05:00 node-a.corp.test auth admin.corp.test 10.0.0.17 - - "GET /ui/ HTTP/2.0" 302 163 "-" "Mozilla/5.0" "-" 0.073 -',
    program: 'auth', foreign: { tag: 'auth', status: '302' }, clock: '09:40:43-05:00',
  },
];

function headerValues(log: ParsedLog, entry: LogEntry): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of entryFields(log, entry).filter((x) => x.group === 'header')) {
    out[f.name] = log.text.slice(f.start, f.end);
  }
  return out;
}

test('every shape of the Access Gateway pages is an entry or another program\'s line, with the right fields and no error', () => {
  for (const shape of SHAPES) {
    const log = parse(shape.line, 'oag');
    assert.equal(log.entries.length, 1, shape.what);
    const entry = log.entries[0];
    assert.deepEqual(log.problems, [], shape.what);
    assert.deepEqual(entry.problems.map((p) => p.code), shape.codes ?? [], `${shape.what}: ${JSON.stringify(entry.problems)}`);
    assert.ok(entry.problems.every((p) => p.severity !== 'error'), shape.what);
    assert.equal(clockTime(entry), shape.clock, shape.what);
    if (shape.program !== undefined) {
      assert.equal(entry.kind, 'foreign', shape.what);
      assert.equal(entry.program, shape.program, shape.what);
      const fields = Object.fromEntries(entryFields(log, entry).map((f) => [f.name, shape.line.slice(f.start, f.end)]));
      assert.ok(fields.timestamp !== undefined, `${shape.what}: a foreign line's timestamp is a hover target`);
      for (const [name, text] of Object.entries(shape.foreign ?? {})) {
        assert.equal(fields[name], text, `${name} of: ${shape.what}`);
      }
      continue;
    }
    assert.notEqual(entry.kind, 'foreign', shape.what);
    const header = headerValues(log, entry);
    for (const [name, text] of Object.entries(shape.header ?? {})) {
      assert.equal(header[name], text, `${name} of: ${shape.what}`);
    }
    assert.equal(entry.eventName, shape.event, shape.what);
    if (shape.event !== undefined) {
      assert.equal(shape.line.slice(entry.eventStart, entry.eventEnd), shape.event, shape.what);
      assert.ok(!entry.problems.some((p) => p.code === 'unknown-event'), `${shape.what}: a documented event`);
    }
    if (shape.sd !== undefined) {
      const sd = Object.fromEntries(entryFields(log, entry).filter((f) => f.group === 'sd').map((f) => [f.name, f.value]));
      for (const [key, value] of Object.entries(shape.sd)) {
        assert.equal(sd[key], value, `${key} of: ${shape.what}`);
      }
    }
    if (shape.message !== undefined) {
      assert.equal(shape.line.slice(entry.messageStart, entry.end), shape.message, shape.what);
    }
  }
});

test('all the shapes in one file: no error, one entry per line, sessions still link', () => {
  const text = SHAPES.map((s) => s.line).join('\n');
  const analysis = analyzeText(text, 'oag');
  assert.equal(analysis.log.entries.length, SHAPES.length);
  const errors = [...analysis.log.problems, ...analysis.log.entries.flatMap((e) => e.problems)].filter((p) => p.severity === 'error');
  assert.deepEqual(errors, []);
  // The syslog-form login and the setup event share a SESSION_ID: one session.
  const login = analysis.log.entries.findIndex((e) => e.eventName === 'USER_LOGIN');
  const setup = analysis.log.entries.findIndex((e) => e.eventName === 'SYSTEM_SPGW_SETUP');
  assert.notEqual(analysis.sessions.sessionOf[login], -1);
  assert.equal(analysis.sessions.sessionOf[login], analysis.sessions.sessionOf[setup]);
  // Foreign lines take part in no session.
  for (const entry of analysis.log.entries.filter((e) => e.kind === 'foreign')) {
    assert.equal(analysis.sessions.sessionOf[entry.index], -1);
  }
});

test('the older format gets its year from the entries around it; without any, from today', () => {
  const older = 'Dec 31 23:59:58 gw-east.corp.test WEB_CONSOLE - - INFO SYSTEM_STARTUP [] up';
  const newer = 'Jan  1 00:00:03 gw-east.corp.test WEB_CONSOLE - - INFO SYSTEM_STARTUP [] up';
  const iso = '2019-01-01T00:00:05.000-05:00 node-a.corp.test ACCESS_GATEWAY WEB_CONSOLE - - INFO SYSTEM_STARTUP [] up';
  const anchored = parse([older, newer, iso].join('\n'), 'oag');
  assert.deepEqual(anchored.entries.map((e) => new Date(e.time!).getUTCFullYear()), [2018, 2019, 2019]);
  assert.deepEqual(anchored.entries.map((e) => e.yearInferred === true), [true, true, false]);
  // Alone, the newest entry is placed in the current year (the tests' "now" is 15 June 2022).
  const alone = parse([older, newer].join('\n'), 'oag');
  assert.deepEqual(alone.entries.map((e) => new Date(e.time!).toISOString()), ['2021-12-31T23:59:58.000Z', '2022-01-01T00:00:03.000Z']);
  assert.equal(alone.entries[0].zone, undefined);
  // A day that does not exist is an error on the timestamp, like the current format's.
  const impossible = parse('Feb 30 10:00:00 gw-east.corp.test WEB_CONSOLE - - INFO SYSTEM_STARTUP [] up', 'oag');
  assert.deepEqual(impossible.entries[0].problems.map((p) => [p.severity, p.code]), [['error', 'bad-timestamp']]);
  const garbled = parse('Oct  9 0x:12:44 gw-east.corp.test WEB_CONSOLE - - INFO SYSTEM_STARTUP [] up', 'oag');
  const problem = garbled.entries[0].problems[0];
  assert.equal(problem.code, 'bad-timestamp');
  assert.equal(garbled.text.slice(problem.start, problem.end), 'Oct  9 0x:12:44');
});

test('a Java stack trace stays with its line, without warnings; other lines without a timestamp still warn', () => {
  const text = [
    '2020-08-10 15:36:49.769 ERROR 1336 --- [ XNIO-2 task-2] c.e.gateway.web.ExceptionAdvice  : handleExceptions',
    'org.example.json.JSONException: No value for relayDomain',
    '\tat org.example.json.JSONObject.get(JSONObject.java:101)',
    '2021-01-20T10:54:58.075-06:00 node-a.corp.test systemd Started Certificate Validation Service.',
    'a line of nothing',
  ].join('\n');
  const log = parse(text, 'oag');
  assert.equal(log.entries.length, 2);
  assert.deepEqual([log.entries[0].startLine, log.entries[0].endLine], [0, 2]);
  assert.deepEqual(log.problems.map((p) => [p.code, log.text.slice(p.start, p.end)]), [['stray-text', 'a line of nothing']]);
});

test('a Java service line with a cut year is another program\'s line with a warning, not an error', () => {
  const log = parse('021-03-04 12:06:34.099  INFO 1101 --- [.61-8443-exec-6] o.e.c.r.ChainResource : Removed certificate chain ID ‘7f3a’.', 'oag');
  const entry = log.entries[0];
  assert.equal(entry.kind, 'foreign');
  assert.equal(entry.time, undefined);
  assert.deepEqual(entry.problems.map((p) => [p.severity, p.code, log.text.slice(p.start, p.end)]), [['warning', 'bad-timestamp', '021-03-04 12:06:34.099']]);
});

test('bare NGINX lines (no syslog prefix) are NGINX\'s, placed by their own time', () => {
  const access = parse('198.51.100.7 - - [06/Oct/2017:09:14:37 -0500] "POST /login HTTP/1.1" 303 601 "-" "Mozilla/5.0"', 'oag').entries[0];
  assert.equal(access.kind, 'foreign');
  assert.equal(access.program, 'nginx');
  assert.equal(clockTime(access), '09:14:37-05:00');
  assert.equal(access.time, Date.UTC(2017, 9, 6, 14, 14, 37));
  const error = parse('2017/10/06 09:14:37 [error] 3120#0: *91 upstream timed out', 'oag').entries[0];
  assert.equal(error.kind, 'foreign');
  assert.equal(clockTime(error), '09:14:37');
});

test('structured data: a lower-case word before a key is still a mistake, not part of a key', () => {
  const line = '2021-06-13T11:16:07.198-05:00 node-a OAG ADMIN_CONSOLE MONITORING REST API INFO ENDPOINT NAME CHANGE [USER="oag-mgmt" new NAME="x"] m';
  const log = parse(line, 'oag');
  const entry = log.entries[0];
  assert.deepEqual(entry.problems.map((p) => [p.code, line.slice(p.start, p.end)]), [['sd-no-equals', 'new']]);
  assert.ok(entryFields(log, entry).some((f) => f.name === 'NAME' && f.value === 'x'));
});

test('an NGINX line behind a syslog tag gives its year to the year-less lines around it', () => {
  const text = [
    'Dec 31 23:59:40 gw-east.corp.test Access Gateway ACCESS AUTHN SAML INFO USER_AUTHN [SESSION_ID="_q1" SUBJECT="ana" RESULT="PASS"] User login:ana',
    'Jan  1 00:00:09 gw-east.corp.test hrportal hr.corp.test 198.51.100.7 - - [01/Jan/2018:00:00:09 -0800] "GET / HTTP/1.1" 200 1942',
    'Jan  1 00:05:33 gw-east.corp.test Access Gateway ACCESS AUTHN SESSION INFO USER_LOGOUT [SESSION_ID="_q1" SUBJECT="ana" RESULT="PASS"] bye',
  ].join('\n');
  const log = parse(text, 'oag');
  assert.deepEqual(log.entries.map((e) => new Date(e.time!).getUTCFullYear()), [2017, 2018, 2018]);
  assert.deepEqual(log.entries.map((e) => e.yearInferred), [true, false, true]);
  assert.equal(clockTime(log.entries[1]), '00:00:09');
});

test('any syslog program with a process ID is another program\'s line; an unknown word alone is the gateway\'s (current format)', () => {
  const withPid = parse('2021-05-11T06:00:00.000-04:00 node-1.corp.test fwupd-agent[4411]: heartbeat ok', 'oag').entries[0];
  assert.equal(withPid.kind, 'foreign');
  assert.equal(withPid.program, 'fwupd-agent');
  const service = parse('2021-05-11T06:00:00.000-04:00 node-1.corp.test token_refresh_service Refreshing tokens', 'oag').entries[0];
  assert.notEqual(service.kind, 'foreign');
  // In the older syslog form, a line without the audit header's level is another program's.
  const older = parse('May 11 06:00:00 node-1.corp.test token_refresh_service Refreshing tokens', 'oag').entries[0];
  assert.equal(older.kind, 'foreign');
});
