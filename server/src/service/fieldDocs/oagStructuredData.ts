import { Field } from '../model';
import { inlineCode } from '../markdown';
import { FieldDocContext } from './context';
import { describeIpAddress } from './net';
import {
  readAction, readAuthnContext, readMethod, readPolicyType, readReason, readResult, readSource, readStatus, readType,
} from './oagValues';
import { FieldDoc, renderDoc } from './render';
import { summarizeUserAgent } from './userAgent';
import { groupDigits, parseNumber } from './units';
import { MONITOR_KEYS, readUser } from './oagMonitorKeys';
import { CLUSTER_EVENTS } from './oagClusterEvents';
import { isAbsent, one, Reader, SdDoc } from './sdDoc';

const readIp: Reader = (value) => {
  if (isAbsent(value)) {
    return { text: 'not available.' };
  }
  const kind = describeIpAddress(value);
  return kind ? { text: `${kind}.` } : undefined;
};

const readSessionId: Reader = (value) =>
  isAbsent(value) ? { text: 'no session.' } : { text: 'entries with the same session ID belong to the same session.' };

const readUserAgent: Reader = (value) => {
  if (isAbsent(value)) {
    return { text: 'not available.' };
  }
  const summary = summarizeUserAgent(value);
  return summary ? { text: `${summary}.` } : undefined;
};

const readCount: Reader = (value) => {
  const n = parseNumber(value);
  return n === undefined ? { text: 'not a number.', problem: true } : { text: `${groupDigits(n)} ${n === 1 ? 'attempt' : 'attempts'}.` };
};

const readDuration: Reader = (value) => {
  const n = parseNumber(value);
  return n === undefined ? undefined : { text: `${groupDigits(n)} (the documentation gives no unit).` };
};

const readResource: Reader = (value) =>
  /\/api\/v1\/setting\/loglevel\b/.test(value) ? { text: 'the API that sets the log verbosity.' } : undefined;

const readApp: Reader = (value) =>
  value.trim() === 'Local OAG Admin Console' ? { text: 'the gateway\'s own Admin UI console.' } : undefined;

const APP_EVENTS = 'SYSTEM_APP_EVENT';
const SETUP_EVENTS = ['SYSTEM_SPGW_SETUP', 'SYSTEM_SPGW_RESET', 'SYSTEM_OAG_RESET'];
const AUTH_MODULE_TESTS = ['TEST_AUTHN_AD', 'TEST_AUTHN_LDAP'];
const LOGIN_EVENTS = ['USER_LOGIN', 'USER_AUTHN'];
const ACCESS_EVENTS = ['USER_SESSION', 'USER_LOGOUT'];

function forEvents(events: readonly string[], text: string): Record<string, string> {
  return Object.fromEntries(events.map((e) => [e, text]));
}

const KEYS: Record<string, SdDoc> = {
  GUID: {
    title: 'GUID',
    meaning: {
      default: 'The identifier of the application.',
      ...forEvents(SETUP_EVENTS, 'The identifier of the Access Gateway system that was set up or reset.'),
    },
  },
  NAME: {
    title: 'Name',
    meaning: {
      default: 'The name of the application or identity provider the event concerns.',
      [APP_EVENTS]: 'The name of the application.',
      SYSTEM_IDP_STATUS: 'The name of the identity provider.',
      VALIDATE: 'The name of the data store or authentication context that was validated.',
    },
  },
  TYPE: {
    title: 'Type',
    meaning: {
      default: 'The type of the application, identity provider or authentication module involved.',
      [APP_EVENTS]: 'The type of the application.',
      SYSTEM_IDP_STATUS: 'The type of the identity provider: IDP_OKTA or LOCAL.',
      ...forEvents(LOGIN_EVENTS, 'The authentication module that handled the login, for example LOCAL or SAML_2_0.'),
    },
    read: readType,
  },
  DOMAIN: {
    title: 'Domain',
    meaning: { default: 'The domain of the application or identity provider.', [APP_EVENTS]: 'The domain of the application.', SYSTEM_IDP_STATUS: 'The domain of the identity provider.' },
  },
  IDP: { title: 'Identity provider', meaning: one('The identity provider the application uses.') },
  IDP_TYPE: { title: 'Identity provider type', meaning: one('The kind of identity provider the application uses: Okta or LOCAL.'), read: readType },
  REASON: {
    title: 'Reason',
    meaning: {
      default: 'Why the event turned out as it did, or, for configuration events, the action taken.',
      [APP_EVENTS]: 'The action taken on the application: CREATE, UPDATE, DELETE, ENABLE or DISABLE.',
      SYSTEM_KRB5_EVENT: 'The action taken on the Kerberos realm: CREATE, UPDATE or DELETE.',
      ...forEvents(LOGIN_EVENTS, 'Why the login passed or failed.'),
      ...forEvents(ACCESS_EVENTS, 'Why the request was allowed or denied.'),
      USER_AUTHZ: 'Why access was allowed or denied: the policy condition involved (N/A if none), then the session\'s attributes.',
      SYSTEM_IDP_STATUS: 'VALID when the identity provider check succeeded, otherwise why it failed.',
    },
    read: readReason,
  },
  SESSION_ID: { title: 'Session ID', meaning: one('The gateway\'s internal ID of the user\'s session, if there is one.'), read: readSessionId },
  SESSION_AUTH: { title: 'Authentication session', meaning: one('Information identifying the authentication session behind this request.') },
  SESSION_APP: { title: 'Application session', meaning: one('The application session created or used for this request.') },
  SUBJECT: {
    title: 'Subject',
    meaning: {
      default: 'The user the event is about, for example an email address.',
      [APP_EVENTS]: 'The user who performed the action, usually an administrator.',
      SYSTEM_KRB5_EVENT: 'The user who performed the action, usually an administrator.',
      ...forEvents(LOGIN_EVENTS, 'The login name of the user, for example an email address.'),
      USER_AUTHZ: 'The user who requested the resource.',
    },
  },
  REMOTE_IP: { title: 'Remote IP', meaning: one('The IP address the user\'s request came from, when known.'), read: readIp },
  USER_AGENT: { title: 'User agent', meaning: one('The User-Agent of the user\'s client: browser, operating system and so on.'), read: readUserAgent },
  RESULT: {
    title: 'Result',
    meaning: { default: 'The outcome: PASS or FAIL for logins and checks, ALLOW or DENY for access decisions.' },
    read: readResult,
  },
  RESOURCE: { title: 'Resource', meaning: one('The resource (path) that was requested.'), read: readResource },
  METHOD: { title: 'Method', meaning: one('The HTTP method of the request.'), read: readMethod },
  POLICY: { title: 'Policy', meaning: one('The name of the access policy that was applied.') },
  POLICY_TYPE: { title: 'Policy type', meaning: one('The kind of policy that was applied.'), read: readPolicyType },
  DURATION: {
    title: 'Duration',
    meaning: one('How long handling the request took: Okta\'s pages call it the duration of the request, or the time the policy took to run. Neither states the unit.'),
    read: readDuration,
  },
  APP: { title: 'Application', meaning: one('The name of the application.'), read: readApp },
  APP_TYPE: { title: 'Application type', meaning: one('The type of application the session was used against, for example ADMINUI_APP.'), read: readType },
  APP_DOMAIN: { title: 'Application domain', meaning: one('The domain of the application.') },
  STATUS: {
    title: 'Status',
    meaning: {
      default: 'The outcome of the check.',
      CONFIG_TEST: 'The outcome of the NGINX configuration check: VALID, or a code that names the problem.',
      MONITOR: 'The outcome of the monitor\'s check.',
      TEST_AUTHN_AD: 'The outcome of the authentication module test: LDAP_VALID, or a code that names the problem.',
      TEST_AUTHN_LDAP: 'The outcome of the authentication module test: LDAP_VALID, or a code that names the problem.',
      VALIDATE: 'Whether the data store or authentication context passed its validation.',
    },
    read: readStatus,
  },
  UUID: {
    title: 'UUID',
    meaning: {
      default: 'The UUID of the configuration that was checked.',
      CONFIG_TEST: 'The UUID of the configuration that was checked; for an application\'s NGINX configuration, the application\'s identifier.',
      ...forEvents(AUTH_MODULE_TESTS, 'The identifier of the authentication module that was tested.'),
    },
  },
  REALM: { title: 'Kerberos realm', meaning: one('The Kerberos realm the action concerns.') },
  SOURCE: {
    title: 'Source',
    meaning: {
      default: 'Where the event came from.',
      SYSTEM_TD_EVENT: 'What the trusted-domain change came from: APP (an application) or OKTA_TRUSTED_ORIGIN (the Okta tenant\'s trusted origins).',
      ...forEvents(LOGIN_EVENTS, 'The identity provider that sent the SAML assertion, named by its entity ID (usually a URL).'),
    },
    read: readSource,
  },
  SOURCE_TYPE: { title: 'Source type', meaning: one('The type of identity provider that authenticated the user.'), read: readType },
  SOURCE_DOMAIN: { title: 'Source domain', meaning: one('The domain of the identity provider that authenticated the user.') },
  SOURCE_AUTHN_TYPE: { title: 'Source authentication type', meaning: one('How the identity provider authenticated the user, as a SAML authentication context class.'), read: readAuthnContext },
  TRACKER_ID: { title: 'Tracker ID', meaning: one('A tracking ID that ties a failed authentication to the gateway\'s other records of it.') },
  ACTION: {
    title: 'Action',
    meaning: one('What happened to the trusted domain: CREATE, UPDATE, DELETE, or SYNC (synchronised with the Okta tenant).'),
    read: readAction,
  },
  STORE_NAME: { title: 'Store name', meaning: one('The name of the data store that failed to initialize.') },
  FAILURE_COUNT: { title: 'Failure count', meaning: one('How many attempts were made to reach the data store.'), read: readCount },
  USER: {
    title: 'User',
    meaning: {
      default: 'The user who performed the action.',
      PASSWORD_RESET: 'The account whose password was changed or checked.',
      DEFAULT_PASSWORD_CHECK: 'The account that logged in.',
      ...forEvents(['CHECK_HOST', 'CHECK_CONNECTION', 'HOST'], 'The internal user that ran the check.'),
      SHUTDOWN: 'The user who started the shutdown.',
      SSL_CERT_VALIDITY_CHECK: 'The account that owns the certificate.',
      ...forEvents(Object.keys(CLUSTER_EVENTS), 'The account that ran this renomination step: oag-mgmt, root or oagha, depending on the step.'),
    },
    read: readUser,
  },
  /** The parser's name for a value written without a key (the domain in CHECK_CONNECTION / HOST events). */
  '(VALUE)': { title: 'Checked domain', meaning: one('The application domain the connection check tested. The log writes it without a key.') },
  USERNAME: { title: 'Username', meaning: one('The account name for Management console password events, which is always oag-mgmt.'), read: readUser },
  ...MONITOR_KEYS,
};

export function describeOagStructuredData(field: Field, ctx: FieldDocContext): string | undefined {
  const key = field.name.trim().replace(/\s+/g, ' ').toUpperCase();
  if (!Object.prototype.hasOwnProperty.call(KEYS, key)) {
    return undefined;
  }
  const doc = KEYS[key];
  const event = ctx.event?.trim().toUpperCase();
  const meaning = event !== undefined && Object.prototype.hasOwnProperty.call(doc.meaning, event) ? doc.meaning[event] : doc.meaning.default;
  const reading = doc.read?.(field.value, ctx);
  const out: FieldDoc = {
    title: doc.title,
    key: key === '(VALUE)' ? undefined : field.name,
    meaning,
    value: reading ? `${inlineCode(field.value)}: ${reading.text}` : inlineCode(field.value),
    action: reading?.action,
  };
  return renderDoc(out);
}

export const DOCUMENTED_SD_KEYS: readonly string[] = Object.keys(KEYS);
