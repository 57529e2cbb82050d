import { Field } from '../model';
import { inlineCode } from '../markdown';
import { OAG_LEVELS } from '../formats/vocabulary';
import { FieldDocContext } from './context';
import { describeOagEvent } from './oagEvents';
import { FieldDoc, renderDoc } from './render';
import { ordinal } from './units';
import { dateTime } from '../wording';

const APPLICATIONS: Record<string, string> = {
  ACCESS_GATEWAY: 'the Access Gateway itself (its consoles, authentication and authorization).',
  OAG: 'the Access Gateway system (for example a shutdown started from the Management console).',
  OAG_MONITOR: 'the Access Gateway monitor, which checks the system (for example the NGINX configuration test).',
  CHECK_HOST: 'a specific service: the host and connection check run when an application is added.',
  'ACCESS GATEWAY': 'the Access Gateway, as the older log format (with syslog timestamps) names itself.',
};

const SUB_PROCESSES: Record<string, string> = {
  APPLICATIONSERVICE: 'the application service.',
  ACCESS: 'request handling for end users: authentication, sessions and access policies.',
  ADMIN_CONSOLE: 'the Access Gateway Management console (the `oag-mgmt` administration tool).',
  EBS_SSOAGENT: 'the Oracle E-Business Suite SSO agent.',
  HOST_IP_CHECK: 'the check that an application\'s host name resolves.',
  MONITOR: 'the system monitor.',
  SCRIPT: 'a system script (for example the default-password check at login).',
  SERVICE: 'a system service.',
  TRUSTEDORIGINUPDATESCHEDULER: 'the scheduled update of trusted origins from the Okta tenant.',
  WEB_CONSOLE: 'the Access Gateway Admin UI console (the web administration interface).',
  OAG_MONITOR: 'the process monitor (the older log format names it here, after `Access Gateway`).',
};

const COMPONENTS: Record<string, string> = {
  APP: 'application configuration.',
  AUTHN: 'authentication: proving who the user is.',
  AUTHZ: 'authorization: deciding what the user may reach.',
  'CLUSTER MANAGER ADMIN': 'management of the high-availability cluster.',
  ERROR: 'error reporting.',
  IDP: 'identity provider connections.',
  INFO: 'general information.',
  KRB5: 'Kerberos realms.',
  LOG_DOWNLOAD_STATUS: 'the status of a log download.',
  LOG_PREPARE_OPERATION: 'preparing logs for download.',
  LOG_PREPARE_STATUS: 'the status of log preparation.',
  NGINX: 'NGINX, the web server and proxy at the core of the gateway.',
  SYSTEM: 'the system as a whole (startup, shutdown).',
  TRUSTED_DOMAINS: 'trusted domains (trusted origins).',
  'CLUSTER MANAGER': 'the cluster manager of a high-availability cluster; the sub-component says which node is being updated.',
  OAG: 'the gateway\'s own setup (older format).',
  MONITOR: 'the process monitor (older format); the sub-component says what it checked.',
  SERVICES: 'the gateway\'s services, such as client certificate validation.',
  MONITORING: 'monitoring settings, such as the monitoring REST API.',
  SUPPORT_CONNECTION: 'the support VPN that Okta support uses to reach the gateway.',
  'SUPPORT CONNECTION': 'the support VPN that Okta support uses to reach the gateway.',
  SESSION: 'user sessions.',
  PASSWORD_RESET: 'console passwords.',
  CERT_CHECK: 'the monitor\'s SSL certificate check.',
  DISK_USAGE: 'the monitor\'s disk usage check.',
  SERVICE: 'the monitor starting and stopping the gateway\'s services.',
  SESSION_CACHE: 'the monitor\'s session cache check.',
  STORE: 'the monitor\'s validation of data stores.',
};

const SUB_COMPONENTS: Record<string, string> = {
  ALERT: 'an alert.',
  EBS_SSOAGENT: 'the Oracle E-Business Suite SSO agent.',
  HOST: 'a host check.',
  INFO: 'general information.',
  LOCAL: 'the local (built-in) identity store or check.',
  NETCAT: 'a network connection test (netcat).',
  NOMINATION: 'admin nomination.',
  POLICY: 'access policy evaluation.',
  SESSION: 'user sessions.',
  STARTUP: 'system startup.',
  SHUTDOWN: 'system shutdown.',
  'STARTUP/SHUTDOWN': 'system startup or shutdown.',
  SAML: 'SAML single sign-on.',
  FAILED: 'a failure.',
  NGINX: 'the NGINX configuration (older format, under the monitor).',
  CERT_CHECK: 'the SSL certificate check (older format, under the monitor).',
  AUTH_MODULE: 'the test of an authentication module such as LDAP or Active Directory (older format, under the monitor).',
  CLIENT_CERT: 'client certificate chains: the certificate authorities client certificates are validated against.',
  ENABLE: 'switching on.',
  DISABLE: 'switching off.',
  'UPDATE ADMIN': 'an update on the admin node during admin renomination.',
  'UPDATE WORKER': 'an update on a worker node during admin renomination.',
  'REST API': 'the monitoring REST API.',
  'CHECK STATUS': 'a check of the current status.',
};

const LEVEL_MEANINGS: Record<string, string> = {
  TRACE: 'the finest detail, for tracing.',
  DEBUG: 'detail for troubleshooting.',
  INFO: 'normal operation.',
  WARN: 'something may be wrong.',
  ERROR: 'something failed.',
  ALERT: 'not in the LOG_LEVEL lists, but Okta\'s examples use it for failed trusted-domain operations, failed identity provider checks and session integrity denials.',
  FATAL: 'a failure the process cannot recover from.',
};

function lookup(table: Record<string, string>, value: string): string | undefined {
  const key = value.trim().replace(/\s+/g, ' ').toUpperCase();
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

function placeholder(value: string): boolean {
  return value.trim() === '-' || value.trim() === '';
}

function listedValue(field: Field, table: Record<string, string>, what: string, serviceAllowed = false): string {
  if (placeholder(field.value)) {
    return `${inlineCode(field.value)}: none for this event.`;
  }
  const known = lookup(table, field.value);
  if (known) {
    return `${inlineCode(field.value)}: ${known}`;
  }
  return `${inlineCode(field.value)}: not one of the ${what} the Okta documentation lists` +
    (serviceAllowed ? '; the documentation also allows the name of a specific service here (for example check_connection).' : '.');
}

function timestampDoc(field: Field, ctx: FieldDocContext): FieldDoc {
  if (/^[A-Z][a-z]{2}\s/.test(field.value)) {
    return syslogTimestampDoc(field, ctx);
  }
  const doc: FieldDoc = {
    title: 'Timestamp',
    meaning: 'The system date and time of the event, in ISO 8601 form with the offset from UTC.',
  };
  const offset = /([+-]\d{2}:?\d{2}|Z)$/.exec(field.value.trim())?.[1];
  if (ctx.time === undefined || Number.isNaN(ctx.time)) {
    doc.value = `${inlineCode(field.value)}: could not be read as a date and time.`;
  } else {
    const utc = new Date(ctx.time).toISOString();
    doc.value = `${inlineCode(field.value)}` + (offset ? ` (offset ${inlineCode(offset)})` : '') + ` is ${inlineCode(utc)} in UTC.`;
  }
  return doc;
}

/** The older format's `Oct  9 09:53:08`: no year, no offset. */
function syslogTimestampDoc(field: Field, ctx: FieldDocContext): FieldDoc {
  const doc: FieldDoc = {
    title: 'Timestamp',
    meaning: 'The system date and time of the event, in the older syslog form: the gateway\'s local clock, written without a year or an offset from UTC.',
  };
  if (ctx.time === undefined || Number.isNaN(ctx.time)) {
    doc.value = `${inlineCode(field.value)}: could not be read as a date and time.`;
    return doc;
  }
  doc.value = `${inlineCode(field.value)} is ${inlineCode(dateTime({ time: ctx.time }))} (gateway local time).`;
  if (ctx.yearInferred) {
    doc.details = [`The line does not state the year: ${new Date(ctx.time).getUTCFullYear()} is inferred from the entries around it (or from today's date), so treat it with care.`];
  }
  return doc;
}

function logLevelDoc(field: Field): FieldDoc {
  const level = field.value.trim().toUpperCase();
  const index = (OAG_LEVELS as readonly string[]).indexOf(level);
  const doc: FieldDoc = {
    title: 'Log level',
    meaning: `How serious the event is. From least to most severe: ${OAG_LEVELS.join(', ')}. The documentation lists all but ALERT and ranks none of them; this order, ALERT's place included, is our placement.`,
  };
  doc.value = index < 0
    ? `${inlineCode(field.value)}: ⚠️ not a log level the documentation lists.`
    : `${inlineCode(field.value)}, the ${ordinal(index + 1)} of ${OAG_LEVELS.length} from least to most severe: ${LEVEL_MEANINGS[level]}`;
  return doc;
}

export function describeOagHeader(field: Field, ctx: FieldDocContext): string | undefined {
  switch (field.name) {
    case 'timestamp':
      return renderDoc(timestampDoc(field, ctx));
    case 'hostname':
      return renderDoc({ title: 'Hostname', meaning: 'The host name of the gateway node that produced the event.', value: inlineCode(field.value) });
    case 'application':
      return renderDoc({
        title: 'Application',
        meaning: 'The part of Access Gateway that issued the event: ACCESS_GATEWAY, OAG, OAG_MONITOR, or the name of a specific service.',
        value: listedValue(field, APPLICATIONS, 'applications', true),
      });
    case 'subProcess':
      return renderDoc({ title: 'Sub-process', meaning: 'The process within the application that issued the event.', value: listedValue(field, SUB_PROCESSES, 'sub-processes', true) });
    case 'component':
      return renderDoc({ title: 'Component', meaning: 'The component of the sub-process the event concerns.', value: listedValue(field, COMPONENTS, 'components') });
    case 'subComponent':
      return renderDoc({ title: 'Sub-component', meaning: 'A finer division of the component.', value: listedValue(field, SUB_COMPONENTS, 'sub-components') });
    case 'logLevel':
      return renderDoc(logLevelDoc(field));
    case 'event':
      return describeOagEvent(field, ctx);
    default:
      return undefined;
  }
}
