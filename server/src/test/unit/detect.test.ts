import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseLog } from '../../service/parse';
import {
  BLUECEDAR_FIRST_LINE, BUNDLE_DEFAULTS, detectLineLanguage, detectLogLanguage, DETECT_MAX_CHARS, OAG_FIRST_LINE, parseTextAndRange,
} from '../../service/formats';

const samples = path.resolve(__dirname, '../../../../samples');

// Header lines of the Blue Cedar reference, one per form.
const blueCedarHeaders = [
  'Nov 11 2021 22:24:37 tilera3 Mocana: [INTFMGR], SubCls:999, EID: 658120114, ',
  'Nov 11 2021 22:24:37 tilera3 Mocana: [IKE], SubCls:050, EID: 0, ',
  'Nov 11 2021 22:24:37 tilera3 Mocana: [AAA] SubCls:ACCT, EID: 0, ',
  'Nov 11 2021 22:24:37 tilera3 Mocana: [AAA], SubCls:999, EID: 0, ',
  'Oct 22 2021 13:31:13.664259: [AAA] ',
  'Oct  2 13:45:35 tilera3 Mocana: [AAA], SubCls:ACCT, EID:          0, Type:    Acct, Sev:Informational, ',
  'Oct  2 13:42:50 tilera3 Mocana: [AAA], SubCls:ACCT, EID:          0, Type:    Acct, Sev:Informational, ',
  'Nov 11 2021 22:24:37 tilera3 Mocana: [AAA], SubCls:ACCT, EID: 0, Type: Acct, Sev:Informational, Session START {"sessionId":{}}',
  'Oct 2 2021 13:45:35 tilera3 Mocana: [AAA], SubCls:ACCT, EID: 0, Type: Acct, Sev:Informational,',
];

// Entry lines of the OAG reference (placeholders replaced by plausible values).
const oagLines = [
  '2020-06-24T09:40:36.000-05:00 example.myaccessgateway.com ACCESS_GATEWAY WEB_CONSOLE APP - INFO SYSTEM_APP_EVENT [GUID="93d2e78a-c6b7-4c27-83c8-15c2b783d3bb" NAME="Sample Header App" TYPE="SAMPLEHEADER_APP" REASON="CREATE" SUBJECT="admin" REMOTE_IP="-"] Application: \'Sample Header App\' action: \'CREATE\'',
  '2020-06-24T09:40:36.000-05:00 example.myaccessgateway.com ACCESSS_GATEWAY WEB_CONSOLE APP - INFO SYSTEM_APP_EVENT [GUID="x" REASON="UPDATE"] Application: \'Sample Header App\' action: \'UPDATE\'',
  '2020-06-24T09:40:36.000-05:00 example.myaccessgateway.com WEB_CONSOLE APP - INFO SYSTEM_APP_EVENT [GUID="x" REASON="DELETE"] Application: \'Sample Header App\' action: \'DELETE\'',
  '2020-08-26T21:24:03.678-05:00 oag01.okta.com ACCESS_GATEWAY ACCESS AUTHZ POLICY INFO USER_AUTHZ [SESSION_ID="_3fd5e31193bff51983c9f81c8092cc9f23a1339446" SUBJECT="admin@oag.okta.com" RESOURCE="/api/v1/setting/loglevel" METHOD="PUT" RESULT="ALLOW" USER_AGENT="PostmanRuntime/7.26.3"] allow access to resource',
  '2020-08-26T21:24:03.000-05:00 oag01.okta.com application_template_service event for file_with_path:/opt/oag/events/loglevel.local.UPDATE.json',
  '2020-08-26T21:24:03.000-05:00 oag01.okta.com application_template_service Acquiring lock',
  "2020-08-26T21:24:03.000-05:00 oag01.okta.com application_template_service ['/opt/oag/events/loglevel.local.UPDATE.json']",
  '2020-08-26T21:24:04.000-05:00 oag01.okta.com OAG syslog-ng: Access-Gateway SYSLOG-NG restart completed',
  '2020-08-26T21:24:04.000-05:00 oag01.okta.com application_template_service loglevel event:update template for file:loglevel.local.UPDATE.json',
  '2021-04-28T12:04:16.000-05:00 oag.adminX.com ACCESS_GATEWAY WEB_CONSOLE Admin password updated successfully.',
  '2021-04-28T12:00:14.451-05:00 oag.adminX.com WEB_CONSOLE PASSWORD_RESET WEB_CONSOLE ERROR PASSWORD_RESET [USER="oag-mgmt"] Password reset failed. Default password was entered.',
  '2021-04-28T12:03:53.906-05:00 oag.adminX.com SCRIPT INFO DEFAULT_PASSWORD_CHECK [USER="spgw"] Default admin password being used.',
  '2021-02-23T12:55:29.267-06:00 oag.adminX.com ADMIN_CONSOLE PASSWORD_RESET ADMIN_CONSOLE INFO PASSWORD_RESET [USER="oag-mgmt" USERNAME="oag-mgmt"] Password reset',
  '2020-06-24T05:40:25.786-05:00 example.myaccessgateway.com OAG_MONITOR MONITOR NGINX INFO CONFIG_TEST [STATUS="VALID" UUID="b7e4c2a0"] nginx: the configuration file /tmp/nginx/nginx.conf syntax is ok',
  '2020-06-24T10:05:56.000-05:00 example.myaccessgateway.com ACCESS_GATEWAY WEB_CONSOLE - - INFO SYSTEM_STARTUP [] Startup complete, system ready.',
  '2020-06-24T08:31:25.729-05:00 example.myaccessgateway.com OAG ADMIN_CONSOLE SYSTEM SHUTDOWN INFO SHUTDOWN [USER="oag-mgmt"] Shutting down system.',
  '2020-06-24T04:00:01.000-05:00 example.myaccessgateway.com ACCESS_GATEWAY WEB_CONSOLE IDP LOCAL INFO SYSTEM_IDP_STATUS [NAME="MyIDP" DOMAIN="someorg.oktapreview.com" TYPE="IDP_OKTA" RESULT="PASS" REASON="VALID"] Success confirming IDP status with: someorg.oktapreview.com.',
  '2020-07-15T04:46:38.000-04:00 localhost ACCESS_GATEWAY WEB_CONSOLE TRUSTED_DOMAINS - INFO SYSTEM_TD_EVENT [ SOURCE="APP" ACTION="UPDATE" ] source_app_guid: "61602a9d", source_app_name="Wikipedia SSO App"',
  '2020-07-15T04:46:38.000-04:00 localhost ACCESS_GATEWAY WEB_CONSOLE TRUSTED_DOMAINS - INFO SYSTEM_TD_EVENT [ SOURCE="OKTA_TRUSTED_ORIGIN" ACTION="SYNC" ]',
  '2020-06-24T10:06:23.000-05:00 example.myaccessgateway.com ACCESS_GATEWAY WEB_CONSOLE KRB5 - INFO SYSTEM_KRB5_EVENT [REALM="CORP.EXAMPLE.COM" REASON="CREATE"] Kerberos Realm: \'CORP.EXAMPLE.COM\' action: \'CREATE\'',
  '2020-06-24T10:06:23.000-05:00 example.myaccessgateway.com ACCESS_GATEWAY WEB_CONSOLE AUTHN LOCAL INFO USER_LOGIN [SESSION_ID="_abc" SUBJECT="admin" TYPE="LOCAL" RESULT="PASS"] User login success: admin',
  '2020-06-04T13:53:59.986-05:00 example.myaccessgateway.com ACCESS_GATEWAY ACCESS AUTHN SESSION INFO USER_LOGOUT [SESSION_ID="_abc" SUBJECT="admin"] User logout success: admin.',
  '2020-06-24T09:41:16.766-05:00 example.myaccessgateway.com CHECK_HOST HOST_IP_CHECK INFO HOST [USER="admin" app.example.com] Host app.example.com not found',
  '2020-06-24T09:45:28.024-05:00 example.myaccessgateway.com CHECK_HOST checkConnection.sh INFO 10.0.0.1 7001 [USER="admin"] Ncat: Connection refused.',
  '2020-06-25T14:18:52.458-05:00 example.store.com ACCESS_GATEWAY ACCESS AUTHN FAILED WARN STORE [STORE_NAME="ldap" FAILURE_COUNT="3"] Store failed during initialization.',
  '2020-06-25T14:18:52Z gw.example.com ACCESS_GATEWAY ACCESS AUTHN FAILED WARN STORE [STORE_NAME="ldap" FAILURE_COUNT="3"] Store failed during initialization.',
];

test('every Blue Cedar header form of the reference is recognised', () => {
  for (const line of blueCedarHeaders) {
    assert.equal(detectLineLanguage(line), 'bluecedar-log', line);
    assert.equal(detectLogLanguage(line + '\n'), 'bluecedar-log', line);
  }
});

test('every OAG entry form of the reference is recognised', () => {
  for (const line of oagLines) {
    assert.equal(detectLineLanguage(line), 'oag-log', line);
    assert.equal(detectLogLanguage(line), 'oag-log', line);
  }
});

test('the sample logs are recognised', () => {
  const expectations: Array<[string, string]> = [
    ['gateway.log', 'bluecedar-log'],
    ['audit.log', 'oag-log'],
    ['malformed/broken-gateway.log', 'bluecedar-log'],
    ['malformed/broken-audit.log', 'oag-log'],
  ];
  for (const [file, language] of expectations) {
    const text = fs.readFileSync(path.join(samples, file), 'utf8');
    assert.equal(detectLogLanguage(text), language, file);
  }
});

test('leading blank lines, CRLF line ends and a byte order mark do not matter', () => {
  assert.equal(detectLogLanguage('\n\n   \n' + blueCedarHeaders[0] + '\nType: General, Sev:Informational,\n'), 'bluecedar-log');
  assert.equal(detectLogLanguage('\r\n\r\n' + oagLines[0] + '\r\n'), 'oag-log');
  assert.equal(detectLogLanguage('\ufeff' + oagLines[3]), 'oag-log');
});

test('a text that starts inside a multi-line payload is recognised by the next header', () => {
  const text = [
    '                     "bytesTx":0}}}',
    '',
    blueCedarHeaders[5],
    'Session START   {"sessionId":{"username":"jruser"}}',
  ].join('\n');
  assert.equal(detectLogLanguage(text), 'bluecedar-log');
});

test('texts of other formats are not claimed', () => {
  const negatives: Record<string, string> = {
    empty: '',
    blank: '\n  \n\t\n',
    json: '{\n  "sessionId": {\n    "username": "jruser",\n    "app": {"appGsid": 1}\n  }\n}\n',
    syslog: 'Oct  2 13:45:35 myhost sshd[1234]: Accepted publickey for admin from 10.0.0.5 port 52144 ssh2\n' +
      'Oct  2 13:45:36 myhost CRON[2211]: (root) CMD (run-parts /etc/cron.hourly)\n',
    syslogWithYear: 'Nov 11 2021 22:24:37 myhost kernel: eth0: link up\n',
    python: '2024-05-01 12:00:00,123 - app.main - INFO - started\n2024-05-01 12:00:01,456 - app.db - ERROR - [KEY="x"] failed\n',
    pythonIso: '2024-05-01T12:00:00.123+02:00 worker-1 app.main INFO started\n',
    rfc5424: '2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application"] An application event\n',
    nginx: '192.168.1.10 - - [24/Jun/2020:09:40:55 -0500] "GET / HTTP/1.1" 200 612 "-" "Mozilla/5.0"\n',
    prose: 'Gateway log contents\n\nEvent logs consist of a series of keys and values.\n',
    brokenTimestamps: '22020-06-25T14:18:52.458-05: example.store.com ACCESS_GATEWAY ACCESS AUTHN FAILED WARN STORE [STORE_NAME="x"] y\n' +
      'O2020-06-24T08:31:25.729-05:00 example.com OAG ADMIN_CONSOLE SYSTEM SHUTDOWN INFO SHUTDOWN [USER="oag-mgmt"] Shutting down system.\n',
  };
  for (const [name, text] of Object.entries(negatives)) {
    assert.equal(detectLogLanguage(text), undefined, name);
  }
});

test('only the first twenty non-empty lines are examined', () => {
  const noise = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
  assert.equal(detectLogLanguage(noise + '\n' + oagLines[0]), undefined);
  const lessNoise = Array.from({ length: 19 }, (_, i) => `line ${i}`).join('\n');
  assert.equal(detectLogLanguage(lessNoise + '\n\n\n' + oagLines[0]), 'oag-log');
});

test('only the first 8 KB are examined', () => {
  const padding = 'x'.repeat(DETECT_MAX_CHARS) + '\n';
  assert.equal(detectLogLanguage(padding + oagLines[0]), undefined);
  // A header that starts before the limit and is cut by it still counts.
  const nearlyFull = 'y'.repeat(DETECT_MAX_CHARS - 200) + '\n';
  assert.equal(detectLogLanguage(nearlyFull + oagLines[0]), 'oag-log');
});

// ------------------------------------------------------------------ one source of truth

/** Lines and the language whose entry they start (undefined: neither), for every recogniser to agree on. */
const HEADER_TABLE: Array<[string, 'bluecedar-log' | 'oag-log' | undefined]> = [
  ...blueCedarHeaders.map((line): [string, 'bluecedar-log'] => [line, 'bluecedar-log']),
  ...oagLines.map((line): [string, 'oag-log'] => [line, 'oag-log']),
  // The short form without fraction digits is a header for the parser, so detection takes it too.
  ['Oct 22 2021 13:31:13: [AAA] x', 'bluecedar-log'],
  ['Oct 22 2021 13:31:13:[IKE]', 'bluecedar-log'],
  ['Nov 11 2021 22:24:37\tgw-1\tMocana: [AAA]', 'bluecedar-log'],
  // A Blue Cedar header whose message holds what looks like OAG structured data stays Blue Cedar.
  ['Oct  2 13:45:35 tilera3 Mocana: [AAA], SubCls:ACCT, Sev:Informational, Session START {"list":[],"x":"[A=\\"b\\"]"}', 'bluecedar-log'],
  // Older gateways write the year-less syslog timestamp before OAG fields.
  ['Oct  9 09:47:02 gw.example.net WEB_CONSOLE - - INFO SYSTEM_STARTUP [] Startup complete, system ready.', 'oag-log'],
  ['Oct 9 09:53:08 gw.example.net WEB_CONSOLE AUTHN LOCAL INFO USER_LOGIN [SESSION_ID="abc" SUBJECT="admin" RESULT="FAIL"] User login failed: admin', 'oag-log'],
  ['Mar 14 10:02:11 gw2 ACCESS_GATEWAY ACCESS AUTHZ POLICY INFO USER_AUTHZ [SESSION_ID="x" RESULT="ALLOW"] allow', 'oag-log'],
  ['Mar 14 10:02:11 gw2 ADMIN_CONSOLE CLUSTER MANAGER ADMIN INFO Copy HA configs [NODE="n2"] done', 'oag-log'],
  // The other shapes of Okta's Access Gateway pages: no hostname, the application in words, labels
  // and keys of several words, typographic quotes, two spaces after the timestamp.
  ['Oct  9 04:00:00 Access Gateway WEB_CONSOLE IDP LOCAL INFO SYSTEM_IDP_STATUS [NAME="Corp Okta" RESULT="PASS" REASON="VALID"] Success', 'oag-log'],
  ['Oct 26 10:21:02 gw-east.corp.test Access Gateway ACCESS AUTHN SAML ERROR USER_AUTHN [TYPE="SAML_2_0" RESULT="FAIL"] Unable to find the current binding.', 'oag-log'],
  ['2021-02-23T12:55:29.267-06:00 OAG ADMIN_CONSOLE SUPPORT_CONNECTION ENABLE INFO ENABLE_SUPPORT_CONNECTION [USER="oag-mgmt"] Enabling support connection', 'oag-log'],
  ['2021-02-23T12:56:02.004-06:00 OAG ADMIN_CONSOLE SUPPORT CONNECTION CHECK STATUS ERROR [USER="oag-mgmt"] Exception when checking connection status', 'oag-log'],
  ['2021-06-13T11:16:07.198-05:00 node-a.corp.test OAG ADMIN_CONSOLE MONITORING REST API INFO ENDPOINT NAME CHANGE [USER="oag-mgmt" NEW NAME="healthz"] updated', 'oag-log'],
  ['2020-08-05T18:41:02.118-07:00 node-c.corp.test ADMIN_CONSOLE CLUSTER MANAGER ADMIN NOMINATION INFO Prep HA config for worker node [USER="root"] Prepared', 'oag-log'],
  ['2021-03-04T12:08:10.183-06:00 node-a.corp.test. OAG ADMIN_CONSOLE SERVICES CLIENT_CERT INFO CLIENT_CERT [USER=“oag-mgmt”] Added a client certificate chain', 'oag-log'],
  ['2021-05-11T06:00:03.412-04:00 node-1.corp.test OAG_MONITOR MONITOR DISK_USAGE INFO DISK_USAGE [FILESYSTEM="/dev/sda2" MOUNT="/var" USAGE="41%"] Mount /var is 41% full', 'oag-log'],
  ['2020-06-24T09:40:36.000-05:00  node-a.corp.test ACCESS_GATEWAY WEB_CONSOLE KRB5 - INFO SYSTEM_KRB5_EVENT [REALM="CORP.TEST" REASON="UPDATE"] Kerberos Realm', 'oag-log'],
  // Lines of other programs that those pages print among the gateway's: never enough to claim a file.
  ['2021-01-20T10:54:58.075-06:00 node-a.corp.test systemd Started Certificate Validation Service.', undefined],
  ['2021-03-04T12:09:00.000-06:00 node-a.corp.test CERT VERIFIER Starting [Started) application | certificate loader]', undefined],
  ['2020-08-06T13:06:42.000-05:00 node-a[.corp.test] sudo    oagha : TTY=unknown ; PWD=/opt/oag ; USER=root ; COMMAND=/opt/oag/scripts/backup.sh', undefined],
  ['Oct  6 09:14:37 gw-east.corp.test hrportal 2017/10/06 09:14:37 [warn] 3120#0: *88 using uninitialized "title" variable', undefined],
  ['Oct  6 09:14:37 gw-east.corp.test hrportal hr.corp.test 198.51.100.7 - - [06/Oct/2017:09:14:37 -0500] "GET /start HTTP/1.1" 405 1877', undefined],
  ['2020-06-24T09:40:43.000-05:00 node-a.corp.test auth admin.corp.test 10.0.0.17 - - "GET /ui/ HTTP/2.0" 302 163 "-" "Mozilla/5.0"', undefined],
  ['2020-08-10 15:42:30.583 ERROR 1336 --- [ XNIO-2 task-9] c.e.gateway.service.CertStore : Failed to read certificate', undefined],
  // Generic application logs with a level and a bracketed thread are not OAG.
  ['2024-05-01T12:00:00.123+02:00 worker-1 app INFO [main] started', undefined],
  ['2024-05-01T12:00:00.123Z worker-1 app.main ERROR [pool-1-thread-2] failed', undefined],
  ['2021-03-04 12:08:10.170  INFO 1101 --- [           main] o.s.b.StartupInfoLogger : Starting', undefined],
  ['Oct  2 13:45:35 myhost sshd[1234]: Accepted publickey for admin', undefined],
  ['Oct  2 13:45:35 myhost Mocana [AAA] no colon after the program', undefined],
  ['Nov 11 2021 22:24:37 myhost kernel: eth0: link up', undefined],
  ['Oct  2 13:45:35 tilera3 sudo: admin : TTY=pts/0 ; COMMAND=/bin/ls', undefined],
  ['192.168.1.10 - - [24/Jun/2020:09:40:55 -0500] "GET / HTTP/1.1" 200 612', undefined],
  ['2020-06-24T09:40:36.000 example.com ACCESS_GATEWAY WEB_CONSOLE APP - INFO X [] no offset', undefined],
  ['Foo 11 2021 22:24:37 tilera3 Mocana: [AAA]', undefined],
  ['', undefined],
];

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as {
  contributes: { languages: Array<{ id: string; firstLine?: string }> };
};

function firstLineOf(language: string): RegExp {
  const entry = manifest.contributes.languages.find((l) => l.id === language);
  assert.ok(entry?.firstLine, `package.json has no firstLine for ${language}`);
  return new RegExp(entry.firstLine);
}

test('package.json firstLine patterns are the shared module\'s (npm run sync:manifest writes them)', () => {
  assert.equal(firstLineOf('bluecedar-log').source, new RegExp(BLUECEDAR_FIRST_LINE).source);
  assert.equal(firstLineOf('oag-log').source, new RegExp(OAG_FIRST_LINE).source);
});

test('package.json firstLine patterns accept and reject exactly what detection does', () => {
  const patterns = { 'bluecedar-log': firstLineOf('bluecedar-log'), 'oag-log': firstLineOf('oag-log') };
  for (const [line, expected] of HEADER_TABLE) {
    assert.equal(detectLineLanguage(line), expected, `detection of ${JSON.stringify(line)}`);
    for (const [language, pattern] of Object.entries(patterns)) {
      // Each line is claimed by at most one firstLine, the one detection names.
      assert.equal(pattern.test(line), language === expected, `${language} firstLine on ${JSON.stringify(line)}`);
    }
  }
});

test('every line detection accepts is an entry header for the server\'s parser', () => {
  for (const [line, expected] of HEADER_TABLE) {
    if (!expected) {
      continue;
    }
    const format = expected === 'bluecedar-log' ? 'bluecedar' : 'oag';
    const log = parseLog(line, format, { now: new Date(Date.UTC(2022, 0, 1)) });
    assert.equal(log.entries.length, 1, `one entry for ${JSON.stringify(line)}`);
    const errors = log.entries[0].problems.filter((p) => p.code === 'bad-header' || p.code === 'bad-timestamp');
    assert.deepEqual(errors, [], `header errors for ${JSON.stringify(line)}`);
  }
});

test('the other programs\' lines detection passes over are read as such by the parsers, without errors', () => {
  const foreign = HEADER_TABLE.filter(([line, expected]) => expected === undefined
    && /sshd|kernel|sudo|systemd|CERT VERIFIER|hrportal| auth |---/.test(line));
  assert.ok(foreign.length >= 9, String(foreign.length));
  for (const [line] of foreign) {
    const format = /^[A-Z][a-z]{2} /.test(line) && !/hrportal/.test(line) ? 'bluecedar' : 'oag';
    const entries = parseLog(line, format, { now: new Date(Date.UTC(2022, 0, 1)) }).entries;
    assert.deepEqual(entries.map((e) => e.kind), ['foreign'], `${format}: ${JSON.stringify(line)}`);
    assert.ok(entries[0].problems.every((p) => p.severity !== 'error'), JSON.stringify(line));
  }
});

test('package.json bundle settings default to the shared module\'s patterns (npm run sync:manifest writes them)', () => {
  const properties = (manifest as unknown as { contributes: { configuration: { properties: Record<string, { default?: unknown }> } } })
    .contributes.configuration.properties;
  assert.deepEqual(properties['gatewayLogs.bundle.include'].default, BUNDLE_DEFAULTS.include);
  assert.deepEqual(properties['gatewayLogs.bundle.exclude'].default, BUNDLE_DEFAULTS.exclude);
});

test('a filter box reads words and an optional time range', () => {
  assert.deepEqual(parseTextAndRange('akim'), { text: 'akim' });
  const range = parseTextAndRange('akim from 2021-11-11 10:00 to 10:30');
  assert.ok(typeof range !== 'string');
  assert.equal(range.text, 'akim');
  assert.equal(range.from?.year, 2021);
  assert.ok(range.to && range.from && range.to.withinYear - range.from.withinYear === 30 * 60 * 1000);
  const alone = parseTextAndRange('Nov 11 10:00 to Nov 11 11:00');
  assert.ok(typeof alone !== 'string' && alone.text === '' && alone.from?.year === undefined);
  assert.match(String(parseTextAndRange('akim from yesterday')), /not a time/);
});
