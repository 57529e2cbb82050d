/**
 * Unknown but well-formed is never an error: keys the references do not list (payloads grow with new
 * versions) get a hover with their path and a plain reading of their value, and no diagnostic.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MarkupContent } from 'vscode-languageserver-types';
import { diagnostics } from '../../service/features/diagnostics';
import { doHover } from '../../service/features/hover';
import { plainReading } from '../../service/fieldDocs';
import { analyzeText, bcHeader, positionOfText } from './helpers';

const T0 = Date.UTC(2021, 10, 11, 22, 24, 37);

const STOP = `${bcHeader(T0)}\nSession STOP {"sessionId":{"username":"lbarros","durationSeconds":65,"sessionSecondsIdle":185,`
  + `"device":{"osType":"android","uniqueId":"00:00:00:00:00:07","jailbroken":false,"appTampered":true,"lastSeenTime":1636669477},`
  + `"app":{"appGsid":4410021,"atlasClientVersion":"4.1.2","tunnelBytesTotal":1048576,"gatewayNode":"10.8.0.12","geo":{"lat":52.1}}}}`;

const OAG = '2021-09-14T08:05:03.127-05:00 node-a.corp.test ACCESS_GATEWAY ACCESS AUTHN SAML INFO USER_AUTHN '
  + '[SESSION_ID="_s9" SUBJECT="rsato" MFA_USED="true" CLIENT_IP="203.0.113.9" RETRY_AFTER_SECONDS="90" ISSUED_AT="2021-09-14T13:05:00Z" RESULT="PASS"] User login:rsato';

function hoverOn(text: string, format: 'bluecedar' | 'oag', needle: string): string {
  const analysis = analyzeText(text, format);
  const hover = doHover(analysis, positionOfText(text, needle, 0, 1));
  assert.ok(hover, `no hover on ${needle}`);
  return (hover.contents as MarkupContent).value;
}

test('Blue Cedar: an unknown JSON key shows its path and a plain reading of its value', () => {
  const cases: [string, string[]][] = [
    ['"appTampered"', ['**Undocumented key** `sessionId.device.appTampered`', 'does not document', '**yes**']],
    ['"atlasClientVersion"', ['`sessionId.app.atlasClientVersion`', 'a version number']],
    ['"tunnelBytesTotal"', ['1,048,576', '**1 MB**', 'counts bytes']],
    ['"sessionSecondsIdle"', ['185 seconds', '**3 min 5 s**']],
    ['"lastSeenTime"', ['Unix time', '2021-11-11 22:24:37']],
    ['"gatewayNode"', ['private (RFC 1918)']],
    ['"geo"', ['a group of fields']],
  ];
  for (const [key, parts] of cases) {
    const md = hoverOn(STOP, 'bluecedar', key);
    for (const part of parts) {
      assert.ok(md.includes(part), `${key}: expected ${JSON.stringify(part)} in\n${md}`);
    }
  }
  // Unknown keys give no diagnostic at all; only the session check speaks (its START is not in this file).
  const analysis = analyzeText(STOP, 'bluecedar');
  assert.deepEqual(diagnostics(analysis, 100).map((d) => d.code), ['stop-without-start']);
});

test('OAG: an unknown structured-data key shows its name and a plain reading of its value', () => {
  const cases: [string, string[]][] = [
    ['MFA_USED', ['**Undocumented key** `MFA_USED`', 'does not document', '**yes**']],
    ['CLIENT_IP', ['public IPv4']],
    ['RETRY_AFTER_SECONDS', ['90 seconds', '**1 min 30 s**']],
    ['ISSUED_AT', ['a date and time']],
  ];
  for (const [key, parts] of cases) {
    const md = hoverOn(OAG, 'oag', key);
    for (const part of parts) {
      assert.ok(md.includes(part), `${key}: expected ${JSON.stringify(part)} in\n${md}`);
    }
  }
  assert.deepEqual(diagnostics(analyzeText(OAG, 'oag'), 100).map((d) => d.code), ['start-without-stop']);
});

test('plain readings: what the value says, and log content stays quoted', () => {
  assert.ok(plainReading('enabled', 'false').includes('**no**'));
  assert.ok(plainReading('count', '12').includes('a number: 12'));
  assert.ok(plainReading('latencyMs', '2000').includes('**2 s**'));
  assert.ok(plainReading('loadPercent', '87').includes('87 %'));
  assert.ok(plainReading('createdAt', '1636669477000').includes('2021-11-11'));
  assert.ok(plainReading('listenPort', '8443').includes('a port number'));
  assert.ok(plainReading('note', '').includes('empty'));
  assert.equal(plainReading('note', '**bold** [x](y)'), '`**bold** [x](y)`');
  assert.ok(plainReading('x', 'null', 'null').includes('no value'));
});
