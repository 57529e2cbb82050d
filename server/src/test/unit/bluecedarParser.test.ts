/** The Blue Cedar parser: every header form of the reference, event names, JSON payloads, problems. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entryFields, fieldAt } from '../../service/fields';
import { LogEntry, ParsedLog } from '../../service/model';
import { field, fieldText, hasField, offsetOf, parse } from './helpers';

function only(log: ParsedLog): LogEntry {
  assert.equal(log.entries.length, 1, `expected one entry, got ${log.entries.length}`);
  return log.entries[0];
}

function codes(entry: LogEntry): string[] {
  return entry.problems.map((p) => p.code);
}

function slice(log: ParsedLog, start: number | undefined, end: number | undefined): string {
  return log.text.slice(start!, end!);
}

const WITH_YEAR = 'Nov 11 2021 22:24:37 tilera3 Mocana: [IKE], SubCls:050, EID: 0, Type: General, Sev:Informational, 10.42.18.20';

test('header with a year: every field has the exact range of its text', () => {
  const log = parse(WITH_YEAR, 'bluecedar');
  const entry = only(log);
  const t = field(log, entry, 'timestamp');
  assert.equal(fieldText(log, t).whole, 'Nov 11 2021 22:24:37');
  assert.equal(t.start, 0);
  const gateway = field(log, entry, 'gateway');
  assert.equal(fieldText(log, gateway).value, 'tilera3');
  assert.equal(gateway.start, offsetOf(WITH_YEAR, 'tilera3'));
  const program = field(log, entry, 'program');
  assert.equal(program.value, 'Mocana');
  assert.equal(fieldText(log, program).value, 'Mocana');
  const component = field(log, entry, 'component');
  assert.equal(fieldText(log, component).key, 'IKE');
  assert.equal(fieldText(log, component).whole, '[IKE]');
  for (const [name, key, value] of [['subcls', 'SubCls', '050'], ['eid', 'EID', '0'], ['type', 'Type', 'General'], ['sev', 'Sev', 'Informational']]) {
    const f = field(log, entry, name);
    assert.equal(fieldText(log, f).key, key, name);
    assert.equal(fieldText(log, f).value, value, name);
    assert.equal(f.value, value, name);
    assert.equal(f.keyStart, offsetOf(WITH_YEAR, `${key}:`), name);
  }
  assert.equal(entry.time, Date.UTC(2021, 10, 11, 22, 24, 37));
  assert.equal(entry.yearInferred, false);
  assert.equal(entry.component, 'IKE');
  assert.equal(entry.severity, 'Informational');
  assert.equal(entry.eid, 0);
  assert.equal(entry.kind, 'other');
  assert.equal(log.text.slice(entry.messageStart, entry.end), '10.42.18.20');
  assert.deepEqual(entry.problems, []);
  assert.deepEqual(log.problems, []);
});

const SYSLOG_START = [
  'Oct  2 13:45:35 tilera3 Mocana: [AAA], SubCls:ACCT, EID:          0, Type:    Acct, Sev:Informational, ',
  'Session START   {"sessionId":{"username":"jruser",',
  '                              "device":{"osType":"ios",',
  '                                        "deviceName":"Platinum series I",',
  '                                        "hardware":"iWatch1,0",',
  '                      "uniqueId":"9226B414-93B5-451E-8440-086D715DIIII",',
  '                                        "jailbroken":false},',
  '                              "app":{"assignedIp":"10.24.0.51",',
  '                                     "publicSrcIp": "108.99.99.25",  ',
  '                                     "appName":"PromCLI",',
  '                                     "appPackageId":"com.mocana.promcli",',
  '                                     "appGsid":2572815711}}}',
].join('\n');

test('syslog header without a year (two-space day) and padded EID/Type values', () => {
  const log = parse(SYSLOG_START, 'bluecedar');
  const entry = only(log);
  assert.equal(fieldText(log, field(log, entry, 'timestamp')).whole, 'Oct  2 13:45:35');
  const eid = field(log, entry, 'eid');
  assert.equal(fieldText(log, eid).key, 'EID');
  assert.equal(fieldText(log, eid).value, '0');
  assert.equal(eid.valueStart, offsetOf(SYSLOG_START, '0, Type'));
  const type = field(log, entry, 'type');
  assert.equal(fieldText(log, type).value, 'Acct');
  assert.equal(type.valueStart, offsetOf(SYSLOG_START, 'Acct'));
  assert.equal(entry.yearInferred, true);
  // NOW is June 2022: October 2022 would be in the future, so the year is 2021.
  assert.equal(entry.time, Date.UTC(2021, 9, 2, 13, 45, 35));
  assert.equal(entry.eid, 0);
  assert.equal(entry.kind, 'sessionStart');
  assert.equal(entry.startLine, 0);
  assert.equal(entry.endLine, 11);
  assert.equal(entry.problems.filter((p) => p.severity === 'error').length, 0, JSON.stringify(entry.problems));
});

const MICRO = [
  'Oct 22 2021 13:31:13.664259: [AAA] ',
  'Policy REJECT {"reason":"Attempting login with jailbroken device",',
  '               "sessionId":{"username":"jruser",',
  '                            "device":{"osType":"android","uniqueId":"00:00:00:00:00:03","jailbroken":true},',
  '                            "app":{"assignedIp":"","appName":"PromCLI","appGsid":0}}}',
].join('\n');

test('microsecond header without a gateway name', () => {
  const log = parse(MICRO, 'bluecedar');
  const entry = only(log);
  assert.equal(fieldText(log, field(log, entry, 'timestamp')).whole, 'Oct 22 2021 13:31:13.664259');
  assert.equal(hasField(log, entry, 'gateway'), false);
  assert.equal(hasField(log, entry, 'program'), false);
  assert.equal(fieldText(log, field(log, entry, 'component')).key, 'AAA');
  assert.equal(entry.time, Date.UTC(2021, 9, 22, 13, 31, 13, 664));
  assert.equal(entry.kind, 'policyReject');
  assert.equal(entry.eventName, 'Policy REJECT');
  assert.equal(slice(log, entry.eventStart, entry.eventEnd), 'Policy REJECT');
  assert.equal(entry.reason, 'Attempting login with jailbroken device');
  assert.equal(entry.session?.username, 'jruser');
  assert.equal(entry.session?.appGsid, '0');
  assert.deepEqual(entry.problems.filter((p) => p.severity === 'error'), []);
});

const NO_COMMA_STOP = [
  'Nov 11 2021 22:24:37 tilera3 Mocana: [AAA] SubCls:ACCT, EID: 0, ',
  'Type: Acct, Sev:Informational, ',
  'Session STOP {"sessionId":{"username":"jlennon","duration":"7 minutes 17 seconds","durationSeconds":437,',
  '"device":{"osType":"ios","deviceName":"JLennon’s iPhone", "hardware":"iPhone8,2","version":"9.1",',
  '"uniqueId":"06736CC0-E65A-4E9C-A139-4C5J5D1C1F87","jailbroken":false},',
  '"app":{"assignedIp":"10.42.5.30","publicSrcIp": "108.99.99.25","appName":"","appPackageId":"com.sid.singleAPITester",',
  '"appGsid":2109085776,"packetsRx":607,"bytesRx":648674,"packetsTx":335,"bytesTx":21297}}}',
].join('\n');

test('[AAA] without a comma, header continued on the next line', () => {
  const log = parse(NO_COMMA_STOP, 'bluecedar');
  const entry = only(log);
  assert.equal(fieldText(log, field(log, entry, 'component')).whole, '[AAA]');
  const subcls = field(log, entry, 'subcls');
  assert.equal(fieldText(log, subcls).value, 'ACCT');
  assert.equal(subcls.keyStart, offsetOf(NO_COMMA_STOP, 'SubCls'));
  const type = field(log, entry, 'type');
  assert.equal(type.keyStart, offsetOf(NO_COMMA_STOP, 'Type:'));
  assert.equal(fieldText(log, type).value, 'Acct');
  assert.equal(fieldText(log, field(log, entry, 'sev')).value, 'Informational');
  assert.equal(entry.kind, 'sessionStop');
  assert.equal(entry.severity, 'Informational');
  assert.equal(entry.session?.username, 'jlennon');
  assert.equal(entry.session?.duration, '7 minutes 17 seconds');
  assert.equal(entry.session?.durationSeconds, 437);
  assert.equal(entry.session?.appGsid, '2109085776');
  assert.equal(entry.endLine, 6);
  assert.deepEqual(entry.problems, []);
});

const WRAPPED = [
  'Nov 11 2021 22:24:37 tilera3 Mocana: [INTFMGR], SubCls:999, EID: 658120114, ',
  'Type: General, Sev:Informational, ',
  'Removing tunnel interface vt1 with address 10.24.0.51',
].join('\n');

test('header wrapped over three lines', () => {
  const log = parse(WRAPPED, 'bluecedar');
  const entry = only(log);
  assert.equal(entry.eid, 658120114);
  assert.equal(fieldText(log, field(log, entry, 'eid')).value, '658120114');
  const type = field(log, entry, 'type');
  assert.equal(type.keyStart, offsetOf(WRAPPED, 'Type:'));
  assert.equal(fieldText(log, type).value, 'General');
  const sev = field(log, entry, 'sev');
  assert.equal(fieldText(log, sev).value, 'Informational');
  assert.equal(entry.severity, 'Informational');
  assert.equal(entry.startLine, 0);
  assert.equal(entry.endLine, 2);
  assert.equal(entry.messageStart, offsetOf(WRAPPED, 'Removing'));
  assert.equal(entry.kind, 'other');
  assert.equal(entry.eventName, undefined);
  assert.deepEqual(entry.problems, []);
});

function header(time = 'Nov 11 2021 22:24:37', sev = 'Informational', component = 'AAA'): string {
  return `${time} tilera3 Mocana: [${component}], SubCls:999, EID: 0, Type: General, Sev:${sev},`;
}

test('event names: Session START/STOP, Policy REJECT, Link Update (quoted or not), free text, unexpected STOP', () => {
  const cases: [string, string | undefined, string, string | undefined][] = [
    ['Session START {"sessionId":{"username":"a","app":{"appGsid":5}}}', 'Session START', 'sessionStart', 'Session START'],
    ['Session STOP {"sessionId":{"username":"a","app":{"appGsid":5}}}', 'Session STOP', 'sessionStop', 'Session STOP'],
    ['Policy REJECT {"reason":"Invalid or malformed MAC address"}', 'Policy REJECT', 'policyReject', 'Policy REJECT'],
    ['"Link Update" {"linkUpdate":{"name":"ethernet1","status":"down"}}', 'Link Update', 'linkUpdate', '"Link Update"'],
    ['Link Update {"linkUpdate":{"name":"ethernet0","status":"up"}}', 'Link Update', 'linkUpdate', 'Link Update'],
    ['Process dpclient terminated by signal 11', undefined, 'other', undefined],
    ['Received unexpected accounting STOP signal for handle 0x295923e0b100', undefined, 'unexpectedStop', undefined],
  ];
  for (const [message, name, kind, written] of cases) {
    for (const sep of [' ', '\n']) {
      const text = `${header()}${sep}${message}`;
      const log = parse(text, 'bluecedar');
      const entry = only(log);
      assert.equal(entry.eventName, name, message);
      assert.equal(entry.kind, kind, message);
      if (written !== undefined) {
        assert.equal(slice(log, entry.eventStart, entry.eventEnd), written, message);
        const f = field(log, entry, 'event');
        assert.equal(f.value, name);
      } else {
        assert.equal(entry.eventStart, undefined);
      }
      assert.equal(entry.messageStart, offsetOf(text, message.slice(0, 8), 0, header().length), message);
      assert.deepEqual(entry.problems.filter((p) => p.severity === 'error'), [], message);
    }
  }
});

test('JSON keys have ranges: key text, value text and decoded value', () => {
  const log = parse(SYSLOG_START, 'bluecedar');
  const entry = only(log);
  const os = field(log, entry, 'sessionId.device.osType');
  assert.equal(fieldText(log, os).key, '"osType"');
  assert.equal(os.keyStart, offsetOf(SYSLOG_START, '"osType"'));
  assert.equal(fieldText(log, os).value, '"ios"');
  assert.equal(os.value, 'ios');
  assert.equal(os.jsonType, 'string');
  assert.equal(fieldText(log, os).whole, '"osType":"ios"');
  const src = field(log, entry, 'sessionId.app.publicSrcIp');
  assert.equal(fieldText(log, src).whole, '"publicSrcIp": "108.99.99.25"');
  const gsid = field(log, entry, 'sessionId.app.appGsid');
  assert.equal(gsid.jsonType, 'number');
  assert.equal(gsid.value, '2572815711');
  assert.equal(fieldText(log, gsid).value, '2572815711');
  const jail = field(log, entry, 'sessionId.device.jailbroken');
  assert.equal(jail.jsonType, 'boolean');
  assert.equal(jail.value, 'false');
  const device = field(log, entry, 'sessionId.device');
  assert.equal(device.jsonType, 'object');
  assert.ok(fieldText(log, device).value.startsWith('{"osType"'));
  // Every JSON field's key slice is the quoted key name's last path segment.
  for (const f of entryFields(log, entry).filter((x) => x.group === 'json')) {
    assert.equal(fieldText(log, f).key, JSON.stringify(f.name.split('.').pop()));
  }
  // fieldAt: on the key, on a string value, and never on an object value.
  assert.equal(fieldAt(log, entry, os.keyStart + 2)?.name, 'sessionId.device.osType');
  assert.equal(fieldAt(log, entry, os.valueStart + 1)?.name, 'sessionId.device.osType');
  assert.equal(fieldAt(log, entry, gsid.valueStart)?.name, 'sessionId.app.appGsid');
  assert.equal(fieldAt(log, entry, offsetOf(SYSLOG_START, 'Acct') + 1)?.name, 'type');
});

test('multi-line payload: the entry spans it and the payload slice is the whole JSON', () => {
  const log = parse(SYSLOG_START, 'bluecedar');
  const entry = only(log);
  assert.equal(entry.payloadStart, offsetOf(SYSLOG_START, '{"sessionId"'));
  assert.equal(entry.payloadEnd, SYSLOG_START.length);
  const payload = JSON.parse(slice(log, entry.payloadStart, entry.payloadEnd));
  assert.equal(payload.sessionId.app.appGsid, 2572815711);
  assert.equal(entry.end, SYSLOG_START.length);
});

test('session info is extracted from the payload', () => {
  const start = parse(SYSLOG_START, 'bluecedar').entries[0];
  assert.deepEqual(
    { ...start.session },
    {
      username: 'jruser', duration: undefined, durationSeconds: undefined, osType: 'ios', deviceName: 'Platinum series I',
      uniqueId: '9226B414-93B5-451E-8440-086D715DIIII', appName: 'PromCLI', appPackageId: 'com.mocana.promcli',
      assignedIp: '10.24.0.51', appGsid: '2572815711', publicSrcIp: '108.99.99.25', jailbroken: false,
      securityPatchVersion: undefined, mobileCountryCode: undefined, bytesRx: undefined, bytesTx: undefined,
    },
  );
});

test('entries end before the next header, blank lines excluded', () => {
  const text = `${WRAPPED}\n\n   \n${WITH_YEAR}\n${SYSLOG_START}\n`;
  const log = parse(text, 'bluecedar');
  assert.equal(log.entries.length, 3);
  const [a, b, c] = log.entries;
  assert.equal(a.endLine, 2);
  assert.equal(a.end, WRAPPED.length);
  assert.equal(b.startLine, 5);
  assert.equal(b.start, offsetOf(text, WITH_YEAR));
  assert.equal(b.endLine, 5);
  assert.equal(b.end, b.start + WITH_YEAR.length);
  assert.equal(c.startLine, 6);
  assert.equal(c.start, b.end + 1);
  assert.equal(c.end, text.length - 1);
  assert.deepEqual(log.entries.map((e) => e.index), [0, 1, 2]);
  assert.deepEqual(log.problems, []);
});

test('unknown component and unknown severity are flagged, not fatal', () => {
  const text = `${header('Nov 11 2021 22:24:37', 'Catastrophic', 'WIDGETS')} Something happened`;
  const log = parse(text, 'bluecedar');
  const entry = only(log);
  const component = entry.problems.find((p) => p.code === 'unknown-component');
  assert.ok(component, JSON.stringify(entry.problems));
  assert.notEqual(component.severity, 'error');
  assert.equal(text.slice(component.start, component.end), 'WIDGETS');
  const severity = entry.problems.find((p) => p.code === 'unknown-severity');
  assert.ok(severity);
  assert.notEqual(severity.severity, 'error');
  assert.equal(text.slice(severity.start, severity.end), 'Catastrophic');
  // The entry still has all its fields and its message.
  assert.equal(entry.severity, 'Catastrophic');
  assert.equal(entry.component, 'WIDGETS');
  assert.equal(slice(log, entry.messageStart, entry.end), 'Something happened');
});

test('broken header lines give a bad-timestamp or bad-header error, and the next entry still parses', () => {
  const impossible = header('Oct 32 2021 22:24:37') + ' message';
  const garbled = header('Nov 11 2021 2x:24:37') + ' message';
  for (const [line, code] of [[impossible, 'bad-timestamp'], [garbled, 'bad-header']] as const) {
    const text = `${WITH_YEAR}\n${line}\n${WITH_YEAR}`;
    const log = parse(text, 'bluecedar');
    assert.equal(log.entries.length, 3, code);
    const broken = log.entries[1];
    const problem = broken.problems.find((p) => p.code === code);
    assert.ok(problem, `${code}: ${JSON.stringify(broken.problems)}`);
    assert.equal(problem.severity, 'error');
    assert.equal(problem.start, offsetOf(text, line));
    assert.ok(problem.end > problem.start && problem.end <= problem.start + line.length);
    assert.ok(text.slice(problem.start, problem.end).startsWith(line.slice(0, 6)));
    assert.equal(broken.time, undefined);
    assert.equal(log.entries[2].startLine, 2);
    assert.deepEqual(log.entries[2].problems, []);
    assert.deepEqual(log.entries[0].problems, []);
  }
  const impossibleLog = parse(impossible, 'bluecedar');
  const p = impossibleLog.entries[0].problems.find((x) => x.code === 'bad-timestamp')!;
  assert.equal(impossible.slice(p.start, p.end), 'Oct 32 2021 22:24:37');
  const feb = parse(header('Feb 29 2021 10:00:00') + ' x', 'bluecedar');
  assert.ok(feb.entries[0].problems.some((x) => x.code === 'bad-timestamp'), '29 Feb 2021 does not exist');
  const leap = parse(header('Feb 29 2020 10:00:00') + ' x', 'bluecedar');
  assert.ok(!leap.entries[0].problems.some((x) => x.code === 'bad-timestamp'), '29 Feb 2020 exists');
});

test('text before the first header is stray text, belonging to no entry', () => {
  const text = `garbage line\n${WITH_YEAR}`;
  const log = parse(text, 'bluecedar');
  assert.equal(log.entries.length, 1);
  assert.equal(log.problems.length, 1);
  assert.equal(log.problems[0].code, 'stray-text');
  assert.equal(text.slice(log.problems[0].start, log.problems[0].end), 'garbage line');
});

test('CRLF line endings give the same entries and fields (without the CR)', () => {
  const lf = `${WRAPPED}\n${SYSLOG_START}`;
  const crlf = lf.replace(/\n/g, '\r\n');
  const a = parse(lf, 'bluecedar');
  const b = parse(crlf, 'bluecedar');
  assert.equal(b.entries.length, a.entries.length);
  for (let i = 0; i < a.entries.length; i++) {
    assert.equal(b.entries[i].startLine, a.entries[i].startLine);
    assert.equal(b.entries[i].endLine, a.entries[i].endLine);
    assert.equal(b.entries[i].kind, a.entries[i].kind);
    assert.deepEqual(b.entries[i].session, a.entries[i].session);
    assert.notEqual(crlf.charCodeAt(b.entries[i].end - 1), 13);
    assert.deepEqual(b.entries[i].problems.map((p) => p.code), a.entries[i].problems.map((p) => p.code));
  }
  const type = field(b, b.entries[0], 'type');
  assert.equal(fieldText(b, type).value, 'General');
});

test('a missing payload after an event name is a warning', () => {
  const log = parse(`${header()} Session START`, 'bluecedar');
  assert.deepEqual(codes(log.entries[0]), ['missing-payload']);
  assert.equal(log.entries[0].problems[0].severity, 'warning');
});

test('a wrapped header reads the same with LF, CRLF and lone CR line breaks', () => {
  for (const br of ['\n', '\r\n', '\r']) {
    const text = WRAPPED.replace(/\n/g, br);
    const log = parse(text, 'bluecedar');
    const entry = only(log);
    assert.equal(entry.severity, 'Informational', JSON.stringify(br));
    assert.equal(entry.eid, 658120114);
    assert.equal(entry.endLine, 2);
    assert.equal(entry.messageStart, text.indexOf('Removing'), JSON.stringify(br));
    assert.equal(fieldText(log, field(log, entry, 'type')).value, 'General');
    assert.deepEqual(entry.problems, []);
  }
});
