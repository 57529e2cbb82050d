/**
 * Hovers on the lines of other programs that share a log file (foreign entries, see foreign/lines.ts):
 * what the program is, and the parts of syslog, nginx and Spring Boot lines.
 */
import { inlineCode } from '../markdown';
import { Field } from '../model';
import { dateTime } from '../wording';
import { FieldDocContext } from './context';
import { describeIpAddress } from './net';
import { readMethod } from './oagValues';
import { FieldDoc, renderDoc } from './render';
import { groupDigits, humanBytes, parseNumber } from './units';

const PROGRAMS: Record<string, string> = {
  sshd: 'the OpenSSH server: remote logins to the machine over SSH.',
  sudo: 'a command run with another account\'s rights, usually root\'s. The line names who ran it, where, and the command.',
  su: 'a switch to another user account.',
  systemd: 'the service manager: services and sessions starting and stopping.',
  'systemd-logind': 'systemd\'s login manager: user sessions on the machine.',
  crond: 'the scheduler of periodic jobs (cron).',
  cron: 'the scheduler of periodic jobs (cron).',
  anacron: 'the scheduler of periodic jobs for machines that are not always on.',
  kernel: 'the operating system kernel.',
  nginx: 'NGINX, the web server and proxy at the core of the gateway.',
  'syslog-ng': 'the system\'s log daemon, which writes these files.',
  rsyslogd: 'the system\'s log daemon, which writes these files.',
  chronyd: 'time synchronisation (NTP).',
  ntpd: 'time synchronisation (NTP).',
  dhclient: 'the DHCP client: the machine\'s network address.',
  networkmanager: 'the network configuration service.',
  auditd: 'the Linux audit daemon.',
  postfix: 'the mail server.',
  polkitd: 'the service that decides which programs may do what (polkit).',
  dbus: 'the system message bus.',
  'dbus-daemon': 'the system message bus.',
  yum: 'the package manager: software installs and updates.',
  dnf: 'the package manager: software installs and updates.',
  'php-fpm': 'PHP-FPM, the process manager that runs PHP code.',
  'cert verifier': 'the Access Gateway\'s certificate validation service, which checks client certificates against their chains and revocation lists.',
  'java service': 'a Java service of the gateway (the Management console\'s certificate and configuration services, for example), logging in Spring Boot\'s layout: time, level, process ID, `---`, [thread], class, `:` and the message.',
};

const NGINX_LEVELS: Record<string, string> = {
  debug: 'debugging detail.',
  info: 'information.',
  notice: 'something worth noticing.',
  warn: 'a warning.',
  error: 'an error while handling a request.',
  crit: 'a critical condition.',
  alert: 'a condition that needs action at once.',
  emerg: 'the server is unusable.',
};

const JAVA_LEVELS: Record<string, string> = {
  TRACE: 'the finest detail.',
  DEBUG: 'detail for troubleshooting.',
  INFO: 'normal operation.',
  WARN: 'something may be wrong.',
  ERROR: 'something failed; a Java stack trace often follows on the next lines.',
  FATAL: 'a failure the service cannot recover from.',
};

/** HTTP status codes as the Access Gateway access log documents them. */
const STATUSES: Record<string, string> = {
  200: 'success.',
  302: 'a redirect (for example to the identity provider to sign in).',
  303: 'a redirect after a form was posted (for example the SAML assertion).',
  304: 'not modified: the browser\'s cached copy is current.',
  400: 'the application was called by IP address, or by a host name this gateway does not serve.',
  401: 'the session does not exist.',
  403: 'a policy rule denied access to the resource.',
  404: 'no such page or resource.',
  405: 'the session failed its integrity check.',
  413: 'the request entity (its body) is too large.',
  500: 'an error on the server side.',
  502: 'the back-end application is not available.',
  503: 'the application is in maintenance, inactive or offline.',
  504: 'the back-end application did not answer in time.',
};

function lookup(table: Record<string, string>, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

function timestampDoc(field: Field, ctx: FieldDocContext, title: string, meaning: string): FieldDoc {
  const doc: FieldDoc = { title, meaning };
  if (ctx.time === undefined) {
    doc.value = `${inlineCode(field.value)}: could not be read as a date and time.`;
    return doc;
  }
  doc.value = `${inlineCode(field.value)} is ${inlineCode(dateTime({ time: ctx.time, zone: ctx.zone }))}`
    + (ctx.zone === undefined ? ' (the machine\'s local time; the line writes no offset from UTC).' : '.');
  if (ctx.zone !== undefined) {
    doc.details = [`UTC: ${inlineCode(new Date(ctx.time).toISOString())}`];
  }
  if (ctx.yearInferred) {
    doc.details = [`The line does not state the year: ${new Date(ctx.time).getUTCFullYear()} is inferred from the entries around it, so treat it with care.`];
  }
  return doc;
}

export function describeForeignField(field: Field, ctx: FieldDocContext): string | undefined {
  const value = inlineCode(field.value);
  switch (field.name) {
    case 'timestamp':
      return renderDoc(timestampDoc(field, ctx, 'Timestamp', 'When the program wrote this line. The line comes from another program that logs into the same file; it is not an entry of the log\'s own format.'));
    case 'hostname':
      return renderDoc({ title: 'Host', meaning: 'The machine that wrote the line.', value });
    case 'program': {
      const known = lookup(PROGRAMS, field.value.trim().toLowerCase());
      return renderDoc({
        title: 'Program',
        meaning: 'Another program that writes into this log file. Its lines are shown as they are; they take no part in sessions or checks.',
        value: known ? `${value}: ${known}` : `${value}: a program this extension does not describe.`,
      });
    }
    case 'tag':
      return renderDoc({
        title: 'Web server log tag',
        meaning: 'The syslog tag under which the gateway writes an application\'s NGINX lines: the application\'s short name, or `auth` for the gateway\'s own Admin UI console.',
        value,
      });
    case 'pid':
      return renderDoc({ title: 'Process ID', meaning: 'The process that wrote the line (for NGINX: process and worker thread, `pid#tid`).', value });
    case 'level': {
      const known = lookup(JAVA_LEVELS, field.value.trim().toUpperCase());
      return renderDoc({ title: 'Level', meaning: 'How serious the Java service considers the line.', value: known ? `${value}: ${known}` : value });
    }
    case 'thread':
      return renderDoc({ title: 'Thread', meaning: 'The Java thread that wrote the line (a request handler or a worker).', value });
    case 'logger':
      return renderDoc({ title: 'Logger', meaning: 'The Java class that wrote the line; Spring Boot shortens its package names to their initials.', value });
    case 'innerTimestamp':
      return renderDoc({ title: 'NGINX\'s own time', meaning: 'When NGINX handled the request, as NGINX writes it. The line is placed by the timestamp at its start.', value });
    case 'nginxLevel': {
      const known = lookup(NGINX_LEVELS, field.value.trim().toLowerCase());
      return renderDoc({ title: 'NGINX level', meaning: 'How serious NGINX considers the message.', value: known ? `${value}: ${known}` : value });
    }
    case 'vhost':
      return renderDoc({ title: 'Application host', meaning: 'The host name the request was addressed to: the application\'s public domain.', value });
    case 'client': {
      const kind = describeIpAddress(field.value);
      return renderDoc({ title: 'Client address', meaning: 'The address the request came from.', value: kind ? `${value}: ${kind}.` : value });
    }
    case 'request': {
      const method = /^\s*([A-Z]+)\s/.exec(field.value)?.[1];
      const reading = method ? readMethod(method) : undefined;
      return renderDoc({ title: 'Request', meaning: 'The HTTP request line: method, path and protocol.', value: reading ? `${value}: ${reading.text}` : value });
    }
    case 'status': {
      const known = lookup(STATUSES, field.value.trim());
      const failed = /^[45]/.test(field.value.trim());
      return renderDoc({
        title: 'HTTP status',
        meaning: 'The status code the gateway answered the request with.',
        value: known ? `${value}: ${failed ? '⚠️ ' : ''}${known}` : value,
      });
    }
    case 'size': {
      const n = parseNumber(field.value);
      return renderDoc({
        title: 'Size',
        // Okta's access log page names this column the request size (request body, in bytes). In NGINX's
        // usual combined layout the same column is the response body sent; we state Okta's word and say so.
        meaning: 'A size in bytes. Okta\'s access log page calls this column the size of the request body; in NGINX\'s standard access log layout the same column holds the size of the response body sent.',
        value: n === undefined ? value : `${value}: ${humanBytes(n)} (${groupDigits(n)} bytes).`,
      });
    }
    default:
      return undefined;
  }
}
