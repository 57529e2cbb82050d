/**
 * Hover facts checked against the vendors' pages (the fact audit): each test pins a fact a page states
 * that an earlier hover contradicted, missed, or claimed without a page behind it. The page is named
 * in the test; the sentences are ours.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Field, FieldGroup, LogFormat } from '../../service/model';
import { describeField, FieldDocContext } from '../../service/fieldDocs';

function hover(format: LogFormat, group: FieldGroup, name: string, value: string, ctx: FieldDocContext = {}, jsonType?: Field['jsonType']): string {
  const field: Field = { group, name, value, jsonType, start: 0, end: 1, keyStart: 0, keyEnd: 1, valueStart: 0, valueEnd: 1 };
  const md = describeField(format, field, ctx);
  assert.ok(md !== undefined, `no hover for ${format} ${group} ${name}=${value}`);
  return md;
}

const sd = (name: string, value: string, event?: string) => hover('oag', 'sd', name, value, { event });
const oagHeader = (name: string, value: string) => hover('oag', 'header', name, value);
const foreign = (name: string, value: string) => hover('oag', 'foreign', name, value);
const json = (name: string, value: string, jsonType: Field['jsonType'] = 'string') => hover('bluecedar', 'json', name, value, {}, jsonType);

function includesAll(md: string, ...parts: string[]): void {
  for (const part of parts) {
    assert.ok(md.includes(part), `expected ${JSON.stringify(part)} in:\n${md}`);
  }
}

function includesNone(md: string, ...parts: string[]): void {
  for (const part of parts) {
    assert.ok(!md.includes(part), `did not expect ${JSON.stringify(part)} in:\n${md}`);
  }
}

test('ALERT: the pages show it on trusted domains, identity provider checks and session integrity; its rank is ours', () => {
  // Audit log (SYSTEM_TD_EVENT), Log Formats and Examples (SYSTEM_IDP_STATUS failures, SESSION_INTEGRITY_DOMAIN_MISMATCH).
  const md = oagHeader('logLevel', 'ALERT');
  includesAll(md, 'trusted-domain', 'identity provider', 'session integrity');
  // No page ranks ALERT against the other levels: the hover says the order is our placement.
  includesAll(oagHeader('logLevel', 'INFO'), 'our placement');
});

test('GUID of the setup and reset events identifies the gateway, not an application', () => {
  // Log Formats and Examples: SYSTEM_SPGW_SETUP / SYSTEM_SPGW_RESET list GUID as the system identifier.
  for (const event of ['SYSTEM_SPGW_SETUP', 'SYSTEM_SPGW_RESET', 'SYSTEM_OAG_RESET']) {
    const md = sd('GUID', '82847f5a-2954-4beb-ad47-98d7ab4bdfe2', event);
    includesAll(md, 'Access Gateway system');
    includesNone(md, 'identifier of the application');
  }
  includesAll(sd('GUID', '93d2e78a', 'SYSTEM_APP_EVENT'), 'identifier of the application');
});

test('UUID of an authentication module test identifies the module', () => {
  // Log Formats and Examples, Auth Modules: UUID is the auth module identifier.
  const md = sd('UUID', 'a185d793-4538-4e5f-9deb-46eb40850aba', 'TEST_AUTHN_AD');
  includesAll(md, 'authentication module');
  includesNone(md, 'configuration that was checked');
  // NGINX application configuration check: the application identifier.
  includesAll(sd('UUID', '9179e919', 'CONFIG_TEST'), 'application');
});

test('NAME of a VALIDATE event is the data store or authentication context validated', () => {
  // Monitor log, VALIDATE: NAME names what is being validated.
  const md = sd('NAME', 'LDAP Datastore', 'VALIDATE');
  includesAll(md, 'validated');
  includesNone(md, 'application or identity provider');
});

test('DURATION: both pages\' descriptions, no unit', () => {
  // Audit log: duration of the request; Log Formats and Examples: time it takes to execute the policy.
  includesAll(sd('DURATION', '0', 'USER_AUTHZ'), 'policy', 'unit');
});

test('SESSION_INTEGRITY_REMOTEIP_MISMATCH: the documented comparison, causes only as possibilities', () => {
  // Log Formats and Examples: the request's RemoteIP (x-forwarded-for) failed to match the session's.
  const md = sd('REASON', 'SESSION_INTEGRITY_REMOTEIP_MISMATCH', 'USER_SESSION');
  includesAll(md, 'X-Forwarded-For', 'not say why');
});

test('access log size column: Okta calls it the request body size', () => {
  // Access log page: "Request size" is the size of the request body in bytes.
  const md = foreign('size', '1229');
  includesAll(md, 'request body', '1,229 bytes');
  includesNone(md, 'sent back');
});

test('access log status 413: request entity too large', () => {
  // Troubleshoot HTTP status codes: 413 is a request entity that is too large.
  includesAll(foreign('status', '413'), '⚠️', 'too large');
});

test('php-fpm: named for what it is, no claim about login pages', () => {
  // The monitor log lists php-fpm among the services; no page says what it serves.
  includesNone(hover('oag', 'sd', 'SERVICE', 'php-fpm', { event: 'START' }), 'login pages');
  includesNone(foreign('program', 'php-fpm'), 'login pages');
  includesAll(foreign('program', 'php-fpm'), 'PHP');
});

test('Blue Cedar uniqueId: which devices report a MAC is not claimed', () => {
  // Gateway event log: uniqueId is the MAC or the iOS advertising ID, varying with device and OS version.
  const md = json('sessionId.device.uniqueId', 'a4:5e:60:d1:22:0b');
  includesAll(md, 'MAC address', 'device and OS version');
  includesNone(md, 'Android devices and older iOS');
});

test('Blue Cedar appGsid and EID: the link is our reading of the examples', () => {
  // The page says a non-zero EID links events to a session instance; it never equates EID with appGsid.
  includesAll(json('sessionId.app.appGsid', '2572815711', 'number'), 'EID', 'not state');
});

test('Blue Cedar deviceName: not in the documentation\'s tables', () => {
  const md = json('sessionId.device.deviceName', 'Platinum series I');
  includesAll(md, 'do not describe this key');
  includesNone(md, 'as its owner set it');
});

test('Blue Cedar unexpected accounting STOP: our reading, marked as such', () => {
  const md = hover('bluecedar', 'header', 'event', 'Received unexpected accounting STOP signal for handle 0x295923e0b100');
  includesAll(md, 'not tracking', 'our reading');
});

test('REST monitoring ENABLE/DISABLE: what the endpoint is for, without who polls it', () => {
  // Basic REST API monitoring: the endpoint reports the health of a cluster or standalone instance.
  for (const event of ['ENABLE', 'DISABLE']) {
    const md = oagHeader('event', event);
    includesAll(md, 'health of this gateway or its cluster');
    includesNone(md, 'load balancer');
  }
});

// Second audit round: Log Formats and Examples (start and access log parts), the admin renomination
// events page, SOURCE_TYPE values, and the mobile country code table against an E.212 list.

test('SOURCE_TYPE: the identity provider types the Log Formats page lists are read', () => {
  // Log Formats and Examples, USER_AUTHN: SOURCE_TYPE is the identity provider type, IDP_IDCS or IDP_SAML_LOCAL.
  includesAll(sd('SOURCE_TYPE', 'IDP_IDCS', 'USER_AUTHN'), 'IDCS', 'Oracle Identity Cloud Service', 'does not describe');
  includesAll(sd('SOURCE_TYPE', 'IDP_SAML_LOCAL', 'USER_AUTHN'), 'SAML', 'does not describe');
  includesAll(sd('SOURCE_TYPE', 'IDP_OKTA', 'USER_AUTHN'), 'Okta identity provider');
});

test('SOURCE of a SAML login: the identity provider\'s entity ID, not an endpoint', () => {
  // Log Formats and Examples, USER_AUTHN: SOURCE is the EntityID (http://www.okta.com/exk... in its sample).
  const md = sd('SOURCE', 'http://www.okta.com/exkca4yif7Qpdc6en0h7', 'USER_AUTHN');
  includesAll(md, 'entity ID');
  includesNone(md, 'endpoint the assertion came from');
});

test('USER of renomination steps: oag-mgmt, root or oagha depending on the step', () => {
  // Admin renomination events: USER is oag-mgmt for some steps, root for others, oagha on the admin node.
  for (const [event, user] of [['ARGUMENTS', 'root'], ['AUTH TOKEN VERIFICATION', 'oag-mgmt'], ['COPY USER PRIVATE KEY', 'oagha']]) {
    includesAll(sd('USER', user, event), 'renomination step', 'oag-mgmt', 'root', 'oagha');
  }
  includesNone(sd('USER', 'root', 'ARGUMENTS'), 'cluster steps run as root');
  // No page says what oagha is for beyond carrying the keys renomination copies.
  includesNone(sd('USER', 'oagha', 'ACTIVATE ADMIN APP'), 'reach each other');
});

test('renomination: the completion event confirms the former admin node became standalone', () => {
  // Admin renomination events, "Confirmation of reset": the existing admin's reset to standalone is confirmed.
  includesAll(oagHeader('event', 'Nomination completed'), 'standalone');
});

test('renomination: acknowledgement by every worker is its own outcome', () => {
  // Admin renomination events: "Newly nominated admin node ... has been acknowledged by all worker nodes".
  const md = hover('oag', 'header', 'event', 'Received acknowledgment', { message: 'Newly nominated admin node - oag.nodeC.com has been acknowledged by all worker nodes' });
  includesAll(md, 'Every worker');
});

test('mobile country codes: E.212 assignments, and 508 (the Blue Cedar example) is not one', () => {
  // E.212 list: 308 is Saint Pierre and Miquelon; 508 is its telephone calling code, not a mobile country code.
  includesAll(json('sessionId.device.mobileCountryCode', '308'), 'Saint Pierre and Miquelon');
  includesAll(json('sessionId.device.mobileCountryCode', '508'), 'not a country code we know');
  includesAll(json('sessionId.device.mobileCountryCode', '332'), 'United States Virgin Islands');
  includesAll(json('sessionId.device.mobileCountryCode', '750'), 'Falkland Islands');
});
