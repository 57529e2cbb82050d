/** The values each format's reference documents. Used to recognise, flag unknowns, and document. */

export const BLUECEDAR_COMPONENTS = [
  'AAA', 'AMF', 'CFM', 'DATAPATH', 'IKE', 'INTFMGR', 'IPSEC', 'REPORTMGR', 'SERVICES-LOGS',
] as const;

/** In order of decreasing severity, as the reference lists them. */
export const BLUECEDAR_SEVERITIES = [
  'Critical', 'Major', 'Minor', 'Warning', 'Informational', 'Debug',
] as const;

export const BLUECEDAR_TYPES = ['General', 'Acct'] as const;

/** The syslog program tags the gateway's own headers carry (`tilera3 Mocana: [AAA], ...`). */
export const BLUECEDAR_PROGRAMS = ['Mocana'] as const;

/** Event names that open a Blue Cedar message (the message may also be free text). */
export const BLUECEDAR_EVENTS = ['Session START', 'Session STOP', 'Policy REJECT', 'Link Update'] as const;

export const POLICY_REJECT_REASONS = [
  'Attempting login with jailbroken device',
  'Invalid or malformed MAC address',
  'Device failed validation',
  'Disallowed due to post-auth policy',
] as const;

/**
 * In order of increasing severity (our order: Okta's LOG_LEVEL lists rank nothing and leave out ALERT,
 * which its examples use for failed trusted-domain operations, identity provider checks and session
 * integrity denials).
 */
export const OAG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'ALERT', 'FATAL'] as const;

export const OAG_APPLICATIONS = ['ACCESS_GATEWAY', 'OAG', 'OAG_MONITOR', 'CHECK_HOST'] as const;

/**
 * The older log format (BSD syslog timestamps, `Oct  9 09:53:08`) writes the application in words,
 * `Access Gateway`; some of its examples have no hostname before it.
 */
export const OAG_APPLICATION_IN_WORDS = ['Access', 'Gateway'] as const;

/**
 * Words that open the rest of an OAG line after the host, telling it apart from other programs' logs:
 * the applications, a misspelling the gateway writes (ACCESSS_GATEWAY), the sub-processes that stand
 * first when the application is left out, and services that log under their own name.
 */
export const OAG_LINE_OPENERS = [
  ...OAG_APPLICATIONS, 'ACCESSS_GATEWAY', 'WEB_CONSOLE', 'ADMIN_CONSOLE', 'SCRIPT', 'EBS_SSOAGENT', 'HOST_IP_CHECK',
  'TrustedOriginUpdateScheduler', 'ApplicationService', 'check_connection', 'application_template_service',
] as const;

export const OAG_SUB_PROCESSES = [
  'ApplicationService', 'ACCESS', 'ADMIN_CONSOLE', 'EBS_SSOAGENT', 'HOST_IP_CHECK', 'MONITOR', 'SCRIPT',
  'SERVICE', 'TrustedOriginUpdateScheduler', 'WEB_CONSOLE',
] as const;

/**
 * Components as the examples write them, several of them in more than one word (the monitor log
 * puts what it checks here: NGINX, DISK_USAGE, SESSION_CACHE, ...).
 */
export const OAG_COMPONENTS = [
  'APP', 'AUTHN', 'AUTHZ', 'CLUSTER MANAGER ADMIN', 'CLUSTER MANAGER', 'ERROR', 'IDP', 'INFO', 'KRB5', 'LOG_DOWNLOAD_STATUS',
  'LOG_PREPARE_OPERATION', 'LOG_PREPARE_STATUS', 'NGINX', 'SYSTEM', 'TRUSTED_DOMAINS', 'OAG', 'MONITOR', 'SERVICES',
  'MONITORING', 'SUPPORT_CONNECTION', 'SUPPORT CONNECTION', 'SESSION', 'PASSWORD_RESET', 'CERT_CHECK', 'DISK_USAGE',
  'SERVICE', 'SESSION_CACHE', 'STORE',
] as const;

export const OAG_SUB_COMPONENTS = [
  'ALERT', 'EBS_SSOAGENT', 'HOST', 'INFO', 'LOCAL', 'NETCAT', 'NOMINATION', 'POLICY', 'SESSION',
  'STARTUP', 'SHUTDOWN', 'STARTUP/SHUTDOWN', 'SAML', 'FAILED', 'NGINX', 'CERT_CHECK', 'AUTH_MODULE', 'CLIENT_CERT',
  'ENABLE', 'DISABLE', 'UPDATE ADMIN', 'UPDATE WORKER', 'REST API', 'CHECK STATUS',
] as const;

/** Event types, each a single word. */
export const OAG_EVENTS = [
  'SYSTEM_APP_EVENT', 'USER_LOGIN', 'USER_AUTHN', 'USER_SESSION', 'USER_LOGOUT', 'USER_AUTHZ', 'CONFIG_TEST',
  'SYSTEM_STARTUP', 'SHUTDOWN', 'SYSTEM_IDP_STATUS', 'SYSTEM_TD_EVENT', 'SYSTEM_KRB5_EVENT', 'PASSWORD_RESET',
  'DEFAULT_PASSWORD_CHECK', 'CHECK_HOST', 'CHECK_CONNECTION', 'HOST', 'STORE',
  // Older format (Admin UI console) and the process monitor.
  'SYSTEM_SPGW_SETUP', 'SYSTEM_SPGW_RESET', 'SYSTEM_OAG_RESET', 'SSL_CERT_VALIDITY_CHECK', 'TEST_AUTHN_AD', 'TEST_AUTHN_LDAP',
  // Monitor log.
  'DISK_USAGE', 'MONITOR', 'SESSION_CACHE_USAGE', 'START', 'STOP', 'VALIDATE',
  // Client certificate chains, support VPN, REST monitoring.
  'CLIENT_CERT', 'CLIENT_CERT_API', 'ENABLE_SUPPORT_CONNECTION', 'ENABLE', 'DISABLE',
] as const;

/**
 * Event labels of several words, written before the structured data: admin nomination (cluster
 * manager) and REST monitoring management. Upper case here; logs write them in mixed case.
 */
export const OAG_EVENT_LABELS = [
  'MGMT CONSOLE EVENT', 'SEND AUTH KEY TO ADMIN NODE', 'ARGUMENTS', 'DETERMINE VERSION COMPATIBILITY',
  'REMOVE NOMINATED NODE FROM HA', 'COPY HA CONFIGS', 'BACKUP SSH KEYS', 'SYNC KEYS', 'PREP HA CONFIG FOR WORKER NODE',
  'SEND HA CONFIG TO WORKER NODE', 'RECEIVED ACKNOWLEDGMENT', 'RESET ADMIN NODE HA SETUP', 'NOMINATION COMPLETED',
  'AUTH TOKEN VERIFICATION', 'INITIATE NOMINATION', 'STARTED ADMIN NODE NOMINATION APP', 'ACTIVATE ADMIN APP',
  'REMOVED NOMINATION MODE APP', 'RESET PROCESS COMPLETED', 'COPY USER PRIVATE KEY', 'COPY USER PUBLIC KEY', 'UPDATE KEYS',
  'UPDATE HA CONFIG', 'PREPARE ACK FILE', 'SENT ACK FILE',
  'ENDPOINT NAME CHANGE', 'ADD ALLOWED IP', 'DELETE ALLOWED IP', 'ADDED ALLOWED IP', 'DELETED ALLOWED IP',
] as const;

export const OAG_SD_KEYS = [
  'GUID', 'NAME', 'TYPE', 'DOMAIN', 'IDP', 'IDP_TYPE', 'REASON', 'SESSION_ID', 'SESSION_AUTH', 'SESSION_APP',
  'SUBJECT', 'REMOTE_IP', 'USER_AGENT', 'RESULT', 'RESOURCE', 'METHOD', 'POLICY', 'POLICY_TYPE', 'DURATION',
  'APP', 'APP_TYPE', 'APP_DOMAIN', 'STATUS', 'UUID', 'REALM', 'SOURCE', 'SOURCE_TYPE', 'SOURCE_DOMAIN',
  'SOURCE_AUTHN_TYPE', 'TRACKER_ID', 'ACTION', 'STORE_NAME', 'FAILURE_COUNT', 'USER', 'USERNAME',
  // Older format, monitor log, REST monitoring.
  'HOST', 'COOKIE_DOMAIN', 'MSG', 'EXPIRY', 'PORT', 'USER_SEARCH_BASE_DN', 'SEARCH_ATTRIBUTE', 'FILESYSTEM', 'MOUNT',
  'USAGE', 'CACHE_SIZE', 'CURRENT_USAGE', 'USAGE_PERCENT', 'SERVICE', 'ENTRY', 'NEW NAME',
] as const;

/**
 * Programs whose syslog lines share OAG and Blue Cedar log files, by the name they log under. Their
 * lines are recognised as what they are (a `foreign` entry), not read as the gateway's own format.
 */
export const FOREIGN_PROGRAMS = [
  'sshd', 'sudo', 'su', 'systemd', 'systemd-logind', 'crond', 'CROND', 'cron', 'CRON', 'anacron', 'kernel', 'nginx',
  'syslog-ng', 'rsyslogd', 'chronyd', 'ntpd', 'dhclient', 'NetworkManager', 'auditd', 'postfix', 'polkitd', 'dbus',
  'dbus-daemon', 'yum', 'dnf', 'php-fpm', 'CERT VERIFIER',
] as const;

export function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}
