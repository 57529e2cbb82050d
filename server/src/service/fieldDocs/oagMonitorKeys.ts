/**
 * Structured-data keys of the monitor log, the older format's setup events, the authentication
 * module test and the Management console's settings (REST monitoring, certificates). Facts from
 * Okta's Access Gateway pages, in our own words.
 */
import { describeIpAddress } from './net';
import { ValueReading } from './oagValues';
import { isAbsent, one, Reader, SdDoc } from './sdDoc';
import { groupDigits, humanBytes, parseNumber } from './units';

const ACCOUNTS: Record<string, string> = {
  'oag-mgmt': 'the Access Gateway Management console account.',
  root: 'the system administrator account of the node.',
  // Okta's renomination page shows oagha on the admin node's steps and copies its keys to the new admin;
  // it says no more about the account, so neither do we.
  oagha: 'an account of the high-availability cluster; renomination copies its keys to the nominated node.',
};

export const readUser: Reader = (value) => {
  const account = value.trim();
  return Object.prototype.hasOwnProperty.call(ACCOUNTS, account) ? { text: ACCOUNTS[account] } : undefined;
};

/** `12%`, `0%`: how full; a warning from 90 %. */
const readPercent: Reader = (value) => {
  const match = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
  if (!match) {
    return undefined;
  }
  const n = Number(match[1]);
  return n >= 90 ? { text: `⚠️ ${n} % full.`, problem: true } : { text: `${n} % full.` };
};

/**
 * Session cache sizes. The documentation says megabytes, but its example (67108864) is 64 MB counted
 * in bytes, so both readings are given for large values.
 */
const readCacheSize: Reader = (value) => {
  const n = parseNumber(value);
  if (n === undefined) {
    return undefined;
  }
  return n >= 1024 * 1024
    ? { text: `${groupDigits(n)}: ${humanBytes(n)} if counted in bytes, as a value this large must be (the documentation says megabytes).` }
    : { text: `${groupDigits(n)} (the documentation gives megabytes; small values may be bytes).` };
};

/** `20220603`: the date, and how far it is from the entry when the entry's time is known. */
const readExpiry: Reader = (value, ctx) => {
  const match = /^\s*(\d{4})(\d{2})(\d{2})\s*$/.exec(value);
  if (!match) {
    return undefined;
  }
  const [, y, m, d] = match;
  const expiry = Date.UTC(Number(y), Number(m) - 1, Number(d));
  if (Number.isNaN(expiry) || new Date(expiry).getUTCDate() !== Number(d)) {
    return { text: 'not a real date (YYYYMMDD expected).', problem: true };
  }
  const date = `${y}-${m}-${d}`;
  if (ctx.entryTime === undefined) {
    return { text: `${date}.` };
  }
  const days = Math.floor((expiry - ctx.entryTime) / 86_400_000);
  if (days < 0) {
    return { text: `⚠️ ${date}: already expired when this entry was written.`, problem: true };
  }
  const when = `${date}, ${days} ${days === 1 ? 'day' : 'days'} after this entry`;
  return days <= 30 ? { text: `⚠️ ${when}: renew it soon.`, problem: true } : { text: `${when}.` };
};

const PORTS: Record<string, string> = {
  389: 'the standard LDAP port (plain or STARTTLS).',
  636: 'the standard LDAPS port (LDAP over TLS).',
  3268: 'the Active Directory global catalog port.',
  3269: 'the Active Directory global catalog port over TLS.',
};

const readPort: Reader = (value) => {
  const key = value.trim();
  if (Object.prototype.hasOwnProperty.call(PORTS, key)) {
    return { text: PORTS[key] };
  }
  const n = parseNumber(key);
  return n !== undefined && Number.isInteger(n) && n > 0 && n < 65536 ? { text: 'a TCP port.' } : { text: 'not a port number.', problem: true };
};

const readHost: Reader = (value) => {
  if (isAbsent(value)) {
    return undefined;
  }
  const kind = describeIpAddress(value);
  return kind ? { text: `${kind}.` } : undefined;
};

const SERVICES: Record<string, string> = {
  'okta-nginx': 'NGINX, the web server and proxy that handles every request to the gateway.',
  'oag-admin': 'the service behind the Admin UI console.',
  'php-fpm': 'PHP-FPM, the process manager that runs PHP code.',
  'ebs-ssoagent': 'the Oracle E-Business Suite SSO agent.',
};

const readService: Reader = (value) => {
  const key = value.trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(SERVICES, key) ? { text: SERVICES[key] } : undefined;
};

/** An allowed address: one IP, or a CIDR range with its size. */
const readEntry: Reader = (value): ValueReading | undefined => {
  const match = /^\s*([^/\s]+)\/(\d{1,3})\s*$/.exec(value);
  if (match) {
    const bits = Number(match[2]);
    const kind = describeIpAddress(match[1]);
    if (kind && kind.includes('IPv4') && bits <= 32) {
      const count = 2 ** (32 - bits);
      return { text: `a CIDR range of ${groupDigits(count)} ${count === 1 ? 'address' : 'addresses'} (${kind.replace(/^an? /, '')}).` };
    }
    return kind ? { text: `a CIDR range (${kind.replace(/^an? /, '')}).` } : undefined;
  }
  const kind = describeIpAddress(value);
  return kind ? { text: `one address: ${kind}.` } : undefined;
};

const readSearchAttribute: Reader = (value) =>
  value.trim().toLowerCase() === 'samaccountname' ? { text: 'the Windows logon name (pre-Windows 2000).' } : undefined;

export const MONITOR_KEYS: Record<string, SdDoc> = {
  HOST: {
    title: 'Host',
    meaning: {
      default: 'A host name or address the event concerns.',
      SYSTEM_SPGW_SETUP: 'The virtual host name of the gateway.',
      SYSTEM_SPGW_RESET: 'The virtual host name of the gateway.',
      SYSTEM_OAG_RESET: 'The virtual host name of the gateway.',
      TEST_AUTHN_AD: 'The directory server (Active Directory) that was tested.',
      TEST_AUTHN_LDAP: 'The directory server (LDAP) that was tested.',
    },
    read: readHost,
  },
  COOKIE_DOMAIN: { title: 'Cookie domain', meaning: one('The domain the gateway sets its session cookies for.') },
  MSG: { title: 'Message', meaning: one('The message shown to the end user.') },
  EXPIRY: { title: 'Expiry date', meaning: one('The date the SSL certificate expires, written YYYYMMDD.'), read: readExpiry },
  PORT: { title: 'Port', meaning: one('The port of the directory server that was tested.'), read: readPort },
  USER_SEARCH_BASE_DN: { title: 'User search base', meaning: one('Where in the directory users are searched for: a distinguished name (DN).') },
  SEARCH_ATTRIBUTE: { title: 'Search attribute', meaning: one('The directory attribute a user name is matched against.'), read: readSearchAttribute },
  FILESYSTEM: { title: 'File system', meaning: one('The device or file system mounted at the mount point.') },
  MOUNT: { title: 'Mount point', meaning: one('The mount point whose disk usage was checked.') },
  USAGE: { title: 'Disk usage', meaning: one('How full the mount point is.'), read: readPercent },
  CACHE_SIZE: { title: 'Cache size', meaning: one('The total size of the session cache.'), read: readCacheSize },
  CURRENT_USAGE: { title: 'Cache in use', meaning: one('How much of the session cache is in use.'), read: readCacheSize },
  USAGE_PERCENT: { title: 'Cache use', meaning: one('The share of the session cache in use.'), read: readPercent },
  SERVICE: { title: 'Service', meaning: one('The gateway service being started or stopped.'), read: readService },
  ENTRY: { title: 'Allowed address', meaning: one('The address or CIDR range added to or removed from the addresses allowed to call the monitoring REST API.'), read: readEntry },
  'NEW NAME': { title: 'New endpoint name', meaning: one('The new path of the monitoring REST endpoint. The key is written as two words.') },
};
