import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Field, FieldGroup, LogFormat } from '../../service/model';
import { describeField, FieldDocContext, humanBytes, humanDuration } from '../../service/fieldDocs';
import {
  BLUECEDAR_COMPONENTS, BLUECEDAR_SEVERITIES, OAG_APPLICATIONS, OAG_COMPONENTS, OAG_EVENT_LABELS, OAG_EVENTS, OAG_LEVELS, OAG_SD_KEYS,
  OAG_SUB_COMPONENTS, OAG_SUB_PROCESSES, POLICY_REJECT_REASONS,
} from '../../service/formats/vocabulary';

function makeField(group: FieldGroup, name: string, value: string, jsonType?: Field['jsonType']): Field {
  return { group, name, value, jsonType, start: 0, end: 1, keyStart: 0, keyEnd: 1, valueStart: 0, valueEnd: 1 };
}

/** Removes CommonMark code spans (a run of n backticks up to the next run of exactly n). */
function withoutCodeSpans(markdown: string): string {
  let out = '';
  let i = 0;
  while (i < markdown.length) {
    if (markdown[i] !== '`') {
      out += markdown[i++];
      continue;
    }
    let n = 0;
    while (markdown[i + n] === '`') n++;
    const fence = '`'.repeat(n);
    let j = i + n;
    let close = -1;
    while ((j = markdown.indexOf(fence, j)) >= 0) {
      if (markdown[j + n] !== '`' && markdown[j - 1] !== '`') {
        close = j;
        break;
      }
      while (markdown[j] === '`') j++;
    }
    if (close < 0) {
      out += fence;
      i += n;
    } else {
      out += ' CODE ';
      i = close + n;
    }
  }
  return out;
}

/** Markdown outside code spans must not carry links, HTML or command URIs. */
function assertSafe(markdown: string): void {
  const outside = withoutCodeSpans(markdown);
  assert.ok(!outside.includes('](command:'), `raw command link in: ${markdown}`);
  assert.ok(!/<img/i.test(outside), `raw <img in: ${markdown}`);
  assert.ok(!outside.includes('<'), `raw < in: ${markdown}`);
}

function hover(format: LogFormat, group: FieldGroup, name: string, value: string, ctx: FieldDocContext = {}, jsonType?: Field['jsonType']): string {
  const md = describeField(format, makeField(group, name, value, jsonType), ctx);
  assert.ok(md !== undefined, `no hover for ${format} ${group} ${name}=${value}`);
  assert.match(md, /^\*\*[^*\n]+\*\*/, `first line must be a bold title: ${md}`);
  assertSafe(md);
  return md;
}

const bc = (name: string, value: string, ctx: FieldDocContext = {}) => hover('bluecedar', 'header', name, value, ctx);
const json = (name: string, value: string, ctx: FieldDocContext = {}, jsonType: Field['jsonType'] = 'string') =>
  hover('bluecedar', 'json', name, value, ctx, jsonType);
const oag = (name: string, value: string, ctx: FieldDocContext = {}) => hover('oag', 'header', name, value, ctx);
const sd = (name: string, value: string, ctx: FieldDocContext = {}) => hover('oag', 'sd', name, value, ctx);

function includesAll(md: string, ...parts: string[]): void {
  for (const part of parts) {
    assert.ok(md.includes(part), `expected ${JSON.stringify(part)} in:\n${md}`);
  }
}

test('humanDuration and humanBytes', () => {
  assert.equal(humanDuration(437), '7 min 17 s');
  assert.equal(humanDuration(49), '49 s');
  assert.equal(humanDuration(0), '0 s');
  assert.equal(humanDuration(3600), '1 h');
  assert.equal(humanDuration(3661), '1 h 1 min 1 s');
  assert.equal(humanDuration(90061), '1 d 1 h 1 min 1 s');
  assert.equal(humanBytes(648674), '633.5 KB');
  assert.equal(humanBytes(21297), '20.8 KB');
  assert.equal(humanBytes(1024), '1 KB');
  assert.equal(humanBytes(512), '512 bytes');
  assert.equal(humanBytes(1), '1 byte');
  assert.equal(humanBytes(5 * 1024 * 1024), '5 MB');
  assert.equal(humanBytes(3 * 1024 ** 3), '3 GB');
});

test('Blue Cedar timestamp: ISO 8601 local time, fraction kept, inferred year said', () => {
  const md = bc('timestamp', 'Nov 11 2021 22:24:37', { time: Date.UTC(2021, 10, 11, 22, 24, 37) });
  assert.match(md, /^\*\*Timestamp\*\*/);
  includesAll(md, '2021-11-11T22:24:37', 'local', 'Nov 11 2021 22:24:37');
  assert.ok(!md.includes('inference'));
  const precise = bc('timestamp', 'Oct 22 2021 13:31:13.664259', { time: Date.UTC(2021, 9, 22, 13, 31, 13, 664) });
  includesAll(precise, '2021-10-22T13:31:13.664259');
  const inferred = bc('timestamp', 'Oct  2 13:45:35', { time: Date.UTC(2025, 9, 2, 13, 45, 35), yearInferred: true });
  includesAll(inferred, '2025-10-02T13:45:35', 'does not state the year', '2025');
  includesAll(bc('timestamp', 'Foo 99 99:99', {}), 'could not be read');
});

test('Blue Cedar gateway and program', () => {
  includesAll(bc('gateway', 'tilera3'), '**Gateway name**', 'tilera3');
  includesAll(bc('program', 'Mocana:'), '**Program tag**', 'Mocana:');
});

test('Blue Cedar component: every documented subsystem explained, unknown flagged', () => {
  const expected: Record<string, string> = {
    AAA: 'Accounting', AMF: 'Availability Management Framework', CFM: 'Core File Manager', DATAPATH: 'DHCP',
    IKE: 'Internet Key Exchange', INTFMGR: 'Interface Manager', IPSEC: 'IPsec', REPORTMGR: 'Report Manager',
    'SERVICES-LOGS': 'NTP',
  };
  assert.deepEqual(Object.keys(expected).sort(), [...BLUECEDAR_COMPONENTS].sort());
  for (const component of BLUECEDAR_COMPONENTS) {
    const md = bc('component', component);
    assert.match(md, /^\*\*Component\*\*/);
    includesAll(md, component, expected[component]);
    assert.ok(!md.includes('not one of'), md);
  }
  includesAll(bc('component', '[aaa]'), 'Accounting');
  includesAll(bc('component', 'FOO'), 'not one of the components');
});

test('Blue Cedar SubCls: numeric vs ACCT', () => {
  includesAll(bc('subcls', 'ACCT'), '**Subclass**', 'accounting subclass');
  includesAll(bc('subcls', '050'), 'subclass number 50');
  includesAll(bc('subcls', 'x1'), 'neither a number nor ACCT');
});

test('Blue Cedar EID: zero unused, non-zero shared count and session lookup', () => {
  includesAll(bc('eid', '0'), '**Event ID**', 'not used');
  const found = bc('eid', '658120114', { eidShareCount: 3, eidSessionFound: true });
  includesAll(found, '658120114', '3 events in this file share this EID', 'appGsid) equals this EID is in this file');
  const lonely = bc('eid', '658120114', { eidShareCount: 1, eidSessionFound: false });
  includesAll(lonely, 'No other entry', 'No session in this file');
});

test('Blue Cedar Type: General and Acct', () => {
  includesAll(bc('type', 'General'), '**Type**', 'ordinary');
  includesAll(bc('type', 'Acct'), 'accounting record');
  includesAll(bc('type', 'Other'), 'not one of the two types');
});

test('Blue Cedar severity: rank among six and meaning, unknown flagged', () => {
  const meanings = ['highest severity', 'serious', 'least serious', 'may turn out', 'status information', 'troubleshooting'];
  BLUECEDAR_SEVERITIES.forEach((level, i) => {
    const md = bc('sev', level);
    assert.match(md, /^\*\*Severity\*\*/);
    includesAll(md, level, `${['1st', '2nd', '3rd', '4th', '5th', '6th'][i]} most severe of 6`, meanings[i]);
  });
  includesAll(bc('sev', 'informational'), '5th most severe of 6');
  includesAll(bc('sev', 'Fatal'), '⚠️', 'not one of the 6 severity levels');
});

test('Blue Cedar event names explained, free text recognised', () => {
  includesAll(bc('event', 'Session START'), '**Event**', 'can carry traffic');
  includesAll(bc('event', 'Session STOP'), 'has ended', 'how long');
  includesAll(bc('event', 'Policy REJECT'), 'refused a connection', 'reason');
  includesAll(bc('event', 'Link Update'), 'ethernet port', 'up or down');
  includesAll(bc('event', 'Received unexpected accounting STOP signal for handle 0x295923e0b100'), '**Message**', 'free-text', 'not tracking');
  includesAll(bc('event', 'Removing tunnel interface vt1'), 'free-text', 'Removing tunnel interface vt1');
});

test('Blue Cedar Policy REJECT reasons: each explained with its corrective action', () => {
  const expected = [
    ['jailbroken (or rooted) device', 'Allowing compromised devices and apps'],
    ['all zeros', 'valid hardware address'],
    ['MDM server', 'remediation'],
    ['policy rules', 'Managing dynamic app policies'],
  ];
  POLICY_REJECT_REASONS.forEach((reason, i) => {
    const md = json('reason', reason);
    assert.match(md, /^\*\*reason\*\*/);
    includesAll(md, reason, expected[i][0], '**Corrective action:**', expected[i][1]);
  });
  includesAll(json('reason', 'Attempting login with jailbroken device'), 'jailbroken (or rooted) device', 'Allowing compromised');
  includesAll(json('reason', 'device FAILED VALIDATION: not enrolled'), 'MDM server');
  const unknown = json('reason', 'Device is not compliant with corporate policy');
  includesAll(unknown, 'not one of the four reasons', 'MDM server may send its own message');
  assert.ok(!unknown.includes('Corrective action'));
  includesAll(json('remediation', 'Enroll your device'), '**remediation**', 'MDM', 'Enroll your device');
});

test('Blue Cedar JSON objects: sessionId, device, app, linkUpdate', () => {
  includesAll(json('sessionId', '{…}', {}, 'object'), '**sessionId**', 'user, the device and the app');
  includesAll(json('sessionId.device', '{…}', {}, 'object'), '**device**', 'jailbroken');
  includesAll(json('sessionId.app', '{…}', {}, 'object'), '**app**', 'global session ID');
  includesAll(json('linkUpdate', '{…}', {}, 'object'), '**linkUpdate**', 'ethernet port');
  assert.ok(!json('sessionId', '{…}', {}, 'object').includes('**Value:**'));
});

test('Blue Cedar session keys: username, duration, durationSeconds', () => {
  includesAll(json('sessionId.username', 'jlennon'), '**username**', 'jlennon');
  includesAll(json('sessionId.username', ''), 'no user name');
  includesAll(json('sessionId.duration', '7 minutes 17 seconds'), '**duration**', '7 minutes 17 seconds', 'durationSeconds');
  includesAll(json('sessionId.durationSeconds', '437', {}, 'number'), '**durationSeconds**', '7 min 17 s', '437 seconds');
  includesAll(json('sessionId.durationSeconds', 'abc'), 'not a number');
});

test('Blue Cedar device keys', () => {
  includesAll(json('sessionId.device.osType', 'ios'), '**osType**', 'iOS (Apple)');
  includesAll(json('sessionId.device.osType', 'android'), 'Android');
  includesAll(json('sessionId.device.osType', 'windows'), 'neither ios nor android');
  includesAll(json('sessionId.device.deviceName', 'Platinum series I'), '**deviceName**', 'Platinum series I');
  includesAll(json('sessionId.device.hardware', 'iPhone8,2'), '**hardware**', 'Apple hardware model code');
  includesAll(json('sessionId.device.hardware', 'x86_64'), 'emulator');
  includesAll(json('sessionId.device.hardware', 'HTC One m8'), 'HTC One m8', 'manufacturer');
  includesAll(json('sessionId.device.version', '9.1'), '**version**', 'operating system', '9.1');
  includesAll(json('sessionId.device.securityPatchVersion', '2019-06-05'), '**securityPatchVersion**', 'Android only', '2019-06-05');
  includesAll(json('sessionId.device.carrierName', 'Verizon Wireless'), '**carrierName**', 'carrier', 'Verizon Wireless');
  includesAll(json('sessionId.device.mobileNetworkCode', '260'), '**mobileNetworkCode**', 'network operator', '260');
  includesAll(json('sessionId.device.mobileNetworkCode', 'abcd'), 'not a two- or three-digit code');
});

test('Blue Cedar mobileCountryCode names the country, unknown codes said so', () => {
  const countries: Record<string, string> = {
    '310': 'United States', '311': 'United States', '316': 'United States', '302': 'Canada', '234': 'United Kingdom',
    '235': 'United Kingdom', '262': 'Germany', '208': 'France', '222': 'Italy', '214': 'Spain', '440': 'Japan',
    '441': 'Japan', '450': 'South Korea', '460': 'China', '404': 'India', '405': 'India', '505': 'Australia',
    '530': 'New Zealand', '724': 'Brazil', '334': 'Mexico', '250': 'Russia', '655': 'South Africa',
  };
  for (const [mcc, country] of Object.entries(countries)) {
    includesAll(json('sessionId.device.mobileCountryCode', mcc), '**mobileCountryCode**', `**${country}**`);
  }
  includesAll(json('sessionId.device.mobileCountryCode', '508'), 'not a country code we know');
  includesAll(json('sessionId.device.mobileCountryCode', 'x'), 'not a country code we know');
});

test('Blue Cedar uniqueId: MAC vs advertising ID, zero MAC invalid', () => {
  const zero = json('sessionId.device.uniqueId', '00:00:00:00:00:00');
  includesAll(zero, '**uniqueId**', '⚠️', 'all zeros', 'Invalid or malformed MAC address');
  includesAll(json('sessionId.device.uniqueId', '00:00:00:00:00:03'), 'MAC address', 'placeholder');
  includesAll(json('sessionId.device.uniqueId', 'a4:5e:60:d1:22:0b'), 'MAC address');
  includesAll(json('sessionId.device.uniqueId', '06736CC0-E65A-4E9C-A139-4C5A5D1C1F87'), 'advertising ID');
  includesAll(json('sessionId.device.uniqueId', '9226B414-93B5-451E-8440-086D715DIIII'), 'not a well-formed UUID');
  includesAll(json('sessionId.device.uniqueId', '00:00:00:00:0'), '⚠️', 'neither a well-formed MAC address nor a UUID');
});

test('Blue Cedar jailbroken: true is a warning, false said plainly', () => {
  const yes = json('sessionId.device.jailbroken', 'true', {}, 'boolean');
  includesAll(yes, '**jailbroken**', '⚠️', '**This device is jailbroken.**');
  const no = json('sessionId.device.jailbroken', 'false', {}, 'boolean');
  includesAll(no, 'not jailbroken');
  assert.ok(!no.includes('⚠️'));
  includesAll(json('sessionId.device.jailbroken', 'null', {}, 'null'), 'not a boolean');
});

test('Blue Cedar app keys: addresses, identity, GSID', () => {
  includesAll(json('sessionId.app.assignedIp', '10.24.0.51'), '**assignedIp**', 'private side', 'private (RFC 1918)');
  includesAll(json('sessionId.app.assignedIp', ''), 'no address was assigned');
  includesAll(json('sessionId.app.publicSrcIp', '108.99.99.25'), '**publicSrcIp**', 'IKE', 'public IPv4 address');
  includesAll(json('sessionId.app.publicSrcIp', ''), 'no source address');
  includesAll(json('sessionId.app.federation', 'com.mocana.map.federation.FED1'), '**federation**', 'policy server', 'FED1');
  includesAll(json('sessionId.app.federation', ''), 'no federation');
  includesAll(json('sessionId.app.appName', 'PromCLI'), '**appName**', 'PromCLI');
  includesAll(json('sessionId.app.appPackageId', 'com.mocana.promcli'), '**appPackageId**', 'reverse-domain', 'com.mocana.promcli');
  includesAll(json('sessionId.app.appVersion', '1.0'), '**appVersion**', '1.0');
  includesAll(json('sessionId.app.appUuid', '58C4EFBE-DA93-4FD7-9E74-F0A568DDIIII'), '**appUuid**', 'only iOS');
  includesAll(json('sessionId.app.appUuid', ''), 'normal on Android');
  includesAll(json('sessionId.app.appGsid', '0', {}, 'number'), '**appGsid**', 'no global session ID was assigned');
  includesAll(json('sessionId.app.appGsid', '2572815711', {}, 'number'), 'global session ID 2572815711', 'EID');
  includesAll(json('sessionId.app.acceptedEula', 'true', {}, 'boolean'), '**acceptedEula**', 'accepted the EULA');
  includesAll(json('sessionId.app.acceptedEula', 'false', {}, 'boolean'), 'has not accepted');
});

test('Blue Cedar traffic counters: packets with direction, bytes in 1024-based units', () => {
  includesAll(json('sessionId.app.packetsRx', '607', {}, 'number'), '**packetsRx**', '607 packets received from the app');
  includesAll(json('sessionId.app.packetsTx', '335', {}, 'number'), '**packetsTx**', '335 packets sent to the app');
  includesAll(json('sessionId.app.bytesRx', '648674', {}, 'number'), '**bytesRx**', '**633.5 KB** received from the app', '648,674 bytes', '1 KB = 1024 bytes');
  includesAll(json('sessionId.app.bytesTx', '21297', {}, 'number'), '**bytesTx**', '20.8 KB** sent to the app');
  includesAll(json('sessionId.app.bytesTx', '0', {}, 'number'), '0 bytes');
  includesAll(json('sessionId.app.packetsRx', '1', {}, 'number'), '1 packet received');
});

test('Blue Cedar Link Update: interface and status', () => {
  includesAll(json('linkUpdate.name', 'ethernet0'), '**name**', '**private** interface');
  includesAll(json('linkUpdate.name', 'ethernet1'), '**public** interface');
  includesAll(json('linkUpdate.name', 'ethernet7'), 'not one of the two ports');
  includesAll(json('linkUpdate.status', 'up'), '**status**', 'link is connected');
  includesAll(json('linkUpdate.status', 'down'), '⚠️', 'not connected');
});

test('Blue Cedar JSON lookup is lenient about nesting but not about generic or unknown keys', () => {
  includesAll(json('osType', 'ios'), 'iOS');
  includesAll(json('payload.device.jailbroken', 'true', {}, 'boolean'), '⚠️');
  includesAll(json('sessionId.bytesRx', '2048', {}, 'number'), '2 KB');
  includesAll(json('other.device.version', '14'), 'operating system');
  for (const name of ['foo', 'sessionId.foo', 'sessionId.app.name', 'status', 'sessionId.version', 'constructor', 'toString']) {
    assert.equal(describeField('bluecedar', makeField('json', name, 'x'), {}), undefined, name);
  }
  assert.equal(describeField('bluecedar', makeField('sd', 'RESULT', 'PASS'), {}), undefined);
});

test('OAG timestamp, hostname', () => {
  const time = Date.parse('2020-06-24T09:40:36.000-05:00');
  includesAll(oag('timestamp', '2020-06-24T09:40:36.000-05:00', { time }), '**Timestamp**', '-05:00', '2020-06-24T14:40:36.000Z', 'UTC');
  includesAll(oag('timestamp', '22020-06-25T14:18:52.458-05:', {}), 'could not be read');
  includesAll(oag('hostname', 'example.myaccessgateway.com'), '**Hostname**', 'example.myaccessgateway.com');
});

test('OAG application, sub-process, component, sub-component: every documented value explained', () => {
  const tables: [string, string, readonly string[]][] = [
    ['application', 'Application', OAG_APPLICATIONS],
    ['subProcess', 'Sub-process', OAG_SUB_PROCESSES],
    ['component', 'Component', OAG_COMPONENTS],
    ['subComponent', 'Sub-component', OAG_SUB_COMPONENTS],
  ];
  for (const [name, title, values] of tables) {
    for (const value of values) {
      const md = oag(name, value);
      assert.match(md, new RegExp(`^\\*\\*${title}\\*\\*`));
      assert.ok(!md.includes('not one of'), `${name}=${value}: ${md}`);
      includesAll(md, value);
    }
    includesAll(oag(name, 'SOMETHING_ELSE'), 'not one of the');
    includesAll(oag(name, '-'), 'none for this event');
  }
  includesAll(oag('subProcess', 'ADMIN_CONSOLE'), 'Management console');
  includesAll(oag('subProcess', 'WEB_CONSOLE'), 'Admin UI console');
  includesAll(oag('component', 'AUTHZ'), 'authorization');
  includesAll(oag('component', 'KRB5'), 'Kerberos');
  includesAll(oag('subComponent', 'NOMINATION'), 'admin nomination');
  includesAll(oag('application', 'OAG_MONITOR'), 'monitor');
});

test('OAG log level: rank from TRACE to FATAL with ALERT', () => {
  const ranks = ['1st', '2nd', '3rd', '4th', '5th', '6th', '7th'];
  OAG_LEVELS.forEach((level, i) => {
    const md = oag('logLevel', level);
    assert.match(md, /^\*\*Log level\*\*/);
    includesAll(md, level, `${ranks[i]} of 7 from least to most severe`);
  });
  includesAll(oag('logLevel', 'ALERT'), 'trusted-domain');
  includesAll(oag('logLevel', 'VERBOSE'), '⚠️', 'not a log level');
});

test('OAG events: every event type explained', () => {
  const expected: Record<string, string> = {
    SYSTEM_APP_EVENT: 'application was created', USER_LOGIN: 'tried to log in', USER_AUTHN: 'SAML assertion',
    USER_SESSION: 'session cookie', USER_LOGOUT: 'logged out', USER_AUTHZ: 'ALLOW or DENY', CONFIG_TEST: 'NGINX',
    SYSTEM_STARTUP: 'ready', SHUTDOWN: 'shutdown has begun', SYSTEM_IDP_STATUS: 'identity provider',
    SYSTEM_TD_EVENT: 'trusted domain', SYSTEM_KRB5_EVENT: 'Kerberos realm', PASSWORD_RESET: 'password change',
    DEFAULT_PASSWORD_CHECK: 'default admin password', CHECK_HOST: 'connection check', CHECK_CONNECTION: 'domain was tested',
    HOST: 'host', STORE: 'data store failed',
    SYSTEM_SPGW_SETUP: 'set up', SYSTEM_SPGW_RESET: 'reset', SYSTEM_OAG_RESET: 'reset', SSL_CERT_VALIDITY_CHECK: 'SSL certificate',
    TEST_AUTHN_AD: 'Active Directory', TEST_AUTHN_LDAP: 'LDAP', DISK_USAGE: 'mount point', MONITOR: 'Kerberos',
    SESSION_CACHE_USAGE: 'session cache', START: 'being started', STOP: 'being stopped', VALIDATE: 'data store',
    CLIENT_CERT: 'certificate chain', CLIENT_CERT_API: 'revocation list', ENABLE_SUPPORT_CONNECTION: 'support VPN',
    ENABLE: 'switched on', DISABLE: 'switched off',
  };
  assert.deepEqual(Object.keys(expected).sort(), [...OAG_EVENTS].sort());
  for (const event of OAG_EVENTS) {
    const md = oag('event', event, { event });
    assert.match(md, /^\*\*Event\*\*/);
    includesAll(md, event, expected[event]);
    assert.ok(!md.includes('not an event type'), md);
  }
  includesAll(oag('event', 'NEW_EVENT'), 'not an event type');
});

test('OAG event labels of several words: every documented label explained, in any case and spacing', () => {
  for (const label of OAG_EVENT_LABELS) {
    const written = label.toLowerCase().replace(/^./, (c) => c.toUpperCase());
    const md = oag('event', written, { event: written });
    assert.match(md, /^\*\*Event\*\*/);
    assert.ok(!md.includes('not an event type'), md);
    includesAll(md, written);
  }
  includesAll(oag('event', 'Copy  HA configs', { event: 'Copy HA configs' }), 'high-availability configuration', 'copied');
  includesAll(oag('event', 'Copy HA configs', { event: 'Copy HA configs', message: 'Failed to transfer HA configuration files' }),
    'In this entry:', 'failed', '**Corrective action:**', 'back as they were');
  includesAll(oag('event', 'Determine Version Compatibility', { message: 'Incompatible Node List - n1,n2' }), '2020.8.3', 'start the renomination again');
  includesAll(oag('event', 'ENDPOINT NAME CHANGE'), 'NEW NAME');
  includesAll(oag('event', 'ENABLE_SUPPORT_CONNECTION', { message: 'Disabling support connection' }), 'switched off');
  includesAll(oag('event', 'SSL_CERT_VALIDITY_CHECK', { message: 'SSL Certificate is going to expire in 30 days or less' }), '**Suggestion:**', 'Renew');
  includesAll(oag('event', 'Some new step'), 'not an event type');
});

test('OAG events: the message picks the case and its corrective action', () => {
  const cases: [string, string, string[]][] = [
    ['PASSWORD_RESET', 'Password reset failed. Default password was entered.', ['original default', '**Corrective action:**']],
    ['PASSWORD_RESET', 'Password reset failed. Password did not meet minimum requirement', ['did not meet the requirements']],
    ['PASSWORD_RESET', 'Password reset failed', ['did not meet the requirements']],
    ['PASSWORD_RESET', 'Incorrect password entered', ['Enter the Management console password again']],
    ['SYSTEM_IDP_STATUS', 'Failure confirming connectivity with IDP: x. Please verify your network configuration.', ['network settings']],
    ['SYSTEM_IDP_STATUS', 'Failure validating security token with IDP: x. Please validate token exists and is enabled.', ['API token for this identity provider still exists and is enabled']],
    ['USER_SESSION', 'This should be investigated by your security group.', ['security group', '**Corrective action:**']],
    ['USER_LOGIN', 'Received an assertion that has expired. Check clock synchronization on IDP and SP.', ['synchronised']],
    ['USER_AUTHN', 'Received an assertion that has expired. Check clock synchronization on IdP and SP.', ['synchronised']],
    ['DEFAULT_PASSWORD_CHECK', 'Default admin password being used.', ['still in use', '**Suggestion:**']],
    ['CHECK_HOST', 'Ncat: Connection refused.', ['nothing accepted the connection']],
  ];
  for (const [event, message, parts] of cases) {
    includesAll(oag('event', event, { event, message }), 'In this entry:', ...parts);
  }
  const success = oag('event', 'PASSWORD_RESET', { event: 'PASSWORD_RESET', message: 'Admin password updated successfully.' });
  includesAll(success, 'changed successfully');
  assert.ok(!success.includes('Corrective action'));
  const all = oag('event', 'PASSWORD_RESET', { event: 'PASSWORD_RESET' });
  includesAll(all, 'Possible outcomes', 'original default', 'Management console password again');
  includesAll(oag('event', 'STORE', { message: 'Store failed during initialization.' }), 'FAILURE_COUNT', '**Suggestion:**');
});

test('OAG structured data: every documented key has a titled hover that names the value', () => {
  for (const key of OAG_SD_KEYS) {
    const md = sd(key, 'some-value');
    const firstLine = md.split('\n')[0];
    assert.ok(firstLine.includes('`' + key + '`'), firstLine);
    includesAll(md, 'some-value');
  }
  assert.match(sd('SESSION_ID', 'abc'), /^\*\*Session ID\*\* `SESSION_ID`/);
  const bare = sd('(value)', 'payroll.acme-corp.local', { event: 'HOST' });
  assert.match(bare, /^\*\*Checked domain\*\*\n/);
  includesAll(bare, 'connection check', '`payroll.acme-corp.local`');
  assert.equal(describeField('oag', makeField('sd', 'NOT_A_KEY', 'x'), {}), undefined);
  assert.equal(describeField('oag', makeField('json', 'reason', 'x'), {}), undefined);
});

test('OAG RESULT: PASS/ALLOW vs FAIL/DENY', () => {
  const allow = sd('RESULT', 'ALLOW');
  includesAll(allow, '**Result**', '**allowed**');
  assert.ok(!allow.includes('⚠️'));
  includesAll(sd('RESULT', 'DENY'), '⚠️', '**denied**');
  includesAll(sd('RESULT', 'PASS'), '**passed**');
  includesAll(sd('RESULT', 'FAIL'), '⚠️', '**failed**');
});

test('OAG REASON: meaning depends on the event, documented values interpreted', () => {
  includesAll(sd('REASON', 'CREATE', { event: 'SYSTEM_APP_EVENT' }), 'action taken on the application', 'was created');
  includesAll(sd('REASON', 'DISABLE', { event: 'SYSTEM_APP_EVENT' }), 'disabled');
  includesAll(sd('REASON', 'DELETE', { event: 'SYSTEM_KRB5_EVENT' }), 'Kerberos realm', 'deleted');
  includesAll(sd('REASON', 'VALID_CREDENTIALS', { event: 'USER_LOGIN' }), 'login passed or failed', 'were correct');
  includesAll(sd('REASON', 'INVALID_CREDENTIALS', { event: 'USER_LOGIN' }), 'was wrong');
  includesAll(sd('REASON', 'Valid SAML Assertion', { event: 'USER_AUTHN' }), 'assertion was accepted');
  includesAll(sd('REASON', 'Invalid SAML Assertion', { event: 'USER_AUTHN' }), 'assertion was rejected');
  includesAll(sd('REASON', 'NOT_EXIST', { event: 'USER_SESSION' }), 'allowed or denied', 'no session cookie');
  includesAll(sd('REASON', 'VALID_AUTHCOOKIE', { event: 'USER_SESSION' }), 'cookie was valid');
  includesAll(sd('REASON', 'INVALID_AUTHCOOKIE', { event: 'USER_SESSION' }), 'not valid', '**Corrective action:**', 'security group');
  includesAll(sd('REASON', 'VALID_SESSION', { event: 'USER_LOGOUT' }), 'session was valid');
  includesAll(sd('REASON', 'VALID', { event: 'SYSTEM_IDP_STATUS' }), 'check succeeded');
  includesAll(sd('REASON', 'INVALID_NETWORK_CONN', { event: 'SYSTEM_IDP_STATUS' }), 'could not be reached', 'network settings');
  includesAll(sd('REASON', 'N/A - SESSIONID=_3fd5 username=admin', { event: 'USER_AUTHZ' }), 'policy condition involved', 'N/A');
  includesAll(sd('REASON', 'Groups=(?!.*Everyone:) - SESSIONID=_4a3f', { event: 'USER_AUTHZ' }), 'condition before the dash decided');
  includesAll(sd('REASON', 'CREATE'), 'action taken');
});

test('OAG TYPE, IDP_TYPE, APP_TYPE, POLICY_TYPE, SOURCE_TYPE', () => {
  includesAll(sd('TYPE', 'IDP_OKTA', { event: 'SYSTEM_IDP_STATUS' }), 'type of the identity provider', 'Okta identity provider');
  includesAll(sd('TYPE', 'LOCAL', { event: 'USER_LOGIN' }), 'authentication module', 'built-in');
  includesAll(sd('TYPE', 'SAML_2_0', { event: 'USER_AUTHN' }), 'SAML 2.0');
  includesAll(sd('TYPE', 'SAMPLEHEADER_APP', { event: 'SYSTEM_APP_EVENT' }), 'type of the application', 'header-based');
  includesAll(sd('IDP_TYPE', 'Okta'), '**Identity provider type**', 'Okta.');
  includesAll(sd('APP_TYPE', 'ADMINUI_APP'), 'Admin UI console');
  includesAll(sd('POLICY_TYPE', 'PROTECTED'), 'has to be authenticated');
  includesAll(sd('POLICY_TYPE', 'PROTECTED_REGEX'), 'regular expression');
  includesAll(sd('SOURCE_TYPE', 'IDP_OKTA'), 'Okta');
});

test('OAG other keys: METHOD, DURATION, STATUS, SOURCE, ACTION, REMOTE_IP, SESSION_ID, FAILURE_COUNT, USER', () => {
  includesAll(sd('METHOD', 'PUT'), '**Method**', 'HTTP method', 'replaces or updates');
  includesAll(sd('METHOD', 'GET'), 'reads a resource');
  const duration = sd('DURATION', '0');
  includesAll(duration, '**Duration**', 'no unit');
  assert.ok(!/\bms\b|millisecond/.test(duration));
  includesAll(sd('STATUS', 'VALID'), 'passed the check');
  includesAll(sd('STATUS', 'INVALID'), '⚠️', 'failed the check');
  includesAll(sd('SOURCE', 'APP', { event: 'SYSTEM_TD_EVENT' }), 'trusted-domain change', 'an application on the gateway');
  includesAll(sd('SOURCE', 'OKTA_TRUSTED_ORIGIN', { event: 'SYSTEM_TD_EVENT' }), 'trusted origins of the Okta tenant');
  includesAll(sd('SOURCE', 'https://idp.example.com/sso/saml', { event: 'USER_AUTHN' }), 'identity provider');
  includesAll(sd('ACTION', 'SYNC'), 'synchronised');
  includesAll(sd('ACTION', 'UPDATE'), 'updated');
  includesAll(sd('REMOTE_IP', '-'), 'not available');
  includesAll(sd('REMOTE_IP', ''), 'not available');
  includesAll(sd('REMOTE_IP', '192.168.1.84'), 'private');
  includesAll(sd('REMOTE_IP', '8.8.8.8'), 'public');
  includesAll(sd('SESSION_ID', '-'), 'no session');
  includesAll(sd('SESSION_ID', ''), 'no session');
  includesAll(sd('SESSION_ID', '_3fd5e311'), 'same session');
  includesAll(sd('FAILURE_COUNT', '3'), '**Failure count**', '3 attempts');
  includesAll(sd('USER', 'oag-mgmt', { event: 'PASSWORD_RESET' }), 'password was changed', 'Management console account');
  includesAll(sd('USER', 'admin', { event: 'CHECK_HOST' }), 'internal user');
  includesAll(sd('USERNAME', 'oag-mgmt'), 'always oag-mgmt');
  includesAll(sd('SUBJECT', 'admin', { event: 'SYSTEM_APP_EVENT' }), 'usually an administrator');
  includesAll(sd('SUBJECT', 'user@example.com', { event: 'USER_AUTHZ' }), 'requested the resource');
  includesAll(sd('NAME', 'MyIDP', { event: 'SYSTEM_IDP_STATUS' }), 'name of the identity provider');
  includesAll(sd('RESOURCE', '/api/v1/setting/loglevel'), 'log verbosity');
  includesAll(sd('SOURCE_AUTHN_TYPE', 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport'), 'protected (TLS) connection');
});

test('OAG USER_AGENT summarised', () => {
  includesAll(sd('USER_AGENT', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/61.0.3163.100 Safari/537.36'), 'Chrome 61 on Windows 10 or 11');
  includesAll(sd('USER_AGENT', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:80.0) Gecko/20100101 Firefox/80.0'), 'Firefox 80 on macOS 10.15');
  includesAll(sd('USER_AGENT', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_6) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/80.0.3987.149 Safari/537.36'), 'Chrome 80 on macOS 10.14.6');
  includesAll(sd('USER_AGENT', 'PostmanRuntime/7.26.3'), 'Postman 7.26.3');
  includesAll(sd('USER_AGENT', 'Mozilla/5.0 (iPhone; CPU iPhone OS 14_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.0 Mobile/15E148 Safari/604.1'), 'Safari 14 on iOS 14.2');
  includesAll(sd('USER_AGENT', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0'), 'Microsoft Edge 120');
  includesAll(sd('USER_AGENT', 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0 Mobile Safari/537.36'), 'Chrome 116 on Android 13');
  includesAll(sd('USER_AGENT', 'Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0'), 'Firefox 115 on Linux');
  includesAll(sd('USER_AGENT', '-'), 'not available');
});

test('log content is shown literally: no links, HTML or command URIs leak into the markdown', () => {
  const hostile = ['[x](command:foo)', '<img src=x onerror=alert(1)>', '`` `[y](command:workbench.action.quit)` ``', '**bold** _i_ <b>x</b>', 'a\n\n# heading\n[z](command:bar)'];
  for (const value of hostile) {
    const samples = [
      json('sessionId.username', value),
      json('sessionId.device.deviceName', value),
      json('reason', value),
      json('remediation', value),
      json('sessionId.device.mobileCountryCode', value),
      json('sessionId.device.uniqueId', value),
      json('linkUpdate.name', value),
      bc('gateway', value),
      bc('component', value),
      bc('sev', value),
      bc('event', value),
      bc('eid', value),
      bc('timestamp', value, { time: 0 }),
      oag('hostname', value),
      oag('event', value),
      oag('logLevel', value),
      oag('timestamp', value, { time: 0 }),
      sd('SUBJECT', value),
      sd('REASON', value, { event: 'USER_AUTHZ' }),
      sd('USER_AGENT', value),
      sd('REMOTE_IP', value),
    ];
    for (const md of samples) {
      assertSafe(md);
      assert.ok(!md.includes('\n#'), md);
    }
  }
  // The value is still there to read, inside a code span.
  includesAll(json('sessionId.username', '[x](command:foo)'), '`[x](command:foo)`');
  includesAll(sd('SUBJECT', '<img src=x>'), '`<img src=x>`');
});
