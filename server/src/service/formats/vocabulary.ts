/** The values each format's reference documents. Used to recognise, flag unknowns, and document. */

export const BLUECEDAR_COMPONENTS = [
  'AAA', 'AMF', 'CFM', 'DATAPATH', 'IKE', 'INTFMGR', 'IPSEC', 'REPORTMGR', 'SERVICES-LOGS',
] as const;

/** In order of decreasing severity, as the reference lists them. */
export const BLUECEDAR_SEVERITIES = [
  'Critical', 'Major', 'Minor', 'Warning', 'Informational', 'Debug',
] as const;

export const BLUECEDAR_TYPES = ['General', 'Acct'] as const;

/** Event names that open a Blue Cedar message (the message may also be free text). */
export const BLUECEDAR_EVENTS = ['Session START', 'Session STOP', 'Policy REJECT', 'Link Update'] as const;

export const POLICY_REJECT_REASONS = [
  'Attempting login with a jailbroken device',
  'Invalid or malformed MAC address',
  'Device failed validation',
  'Disallowed due to post-auth policy',
] as const;

/** In order of increasing severity. ALERT appears in trusted-domain events. */
export const OAG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'ALERT', 'FATAL'] as const;

export const OAG_APPLICATIONS = ['ACCESS_GATEWAY', 'OAG', 'OAG_MONITOR', 'CHECK_HOST'] as const;

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

export const OAG_COMPONENTS = [
  'APP', 'AUTHN', 'AUTHZ', 'CLUSTER MANAGER ADMIN', 'ERROR', 'IDP', 'INFO', 'KRB5', 'LOG_DOWNLOAD_STATUS',
  'LOG_PREPARE_OPERATION', 'LOG_PREPARE_STATUS', 'NGINX', 'SYSTEM', 'TRUSTED_DOMAINS',
] as const;

export const OAG_SUB_COMPONENTS = [
  'ALERT', 'EBS_SSOAGENT', 'HOST', 'INFO', 'LOCAL', 'NETCAT', 'NOMINATION', 'POLICY', 'SESSION',
  'STARTUP', 'SHUTDOWN', 'SAML', 'FAILED',
] as const;

export const OAG_EVENTS = [
  'SYSTEM_APP_EVENT', 'USER_LOGIN', 'USER_AUTHN', 'USER_SESSION', 'USER_LOGOUT', 'USER_AUTHZ', 'CONFIG_TEST',
  'SYSTEM_STARTUP', 'SHUTDOWN', 'SYSTEM_IDP_STATUS', 'SYSTEM_TD_EVENT', 'SYSTEM_KRB5_EVENT', 'PASSWORD_RESET',
  'DEFAULT_PASSWORD_CHECK', 'CHECK_HOST', 'CHECK_CONNECTION', 'HOST', 'STORE',
] as const;

export const OAG_SD_KEYS = [
  'GUID', 'NAME', 'TYPE', 'DOMAIN', 'IDP', 'IDP_TYPE', 'REASON', 'SESSION_ID', 'SESSION_AUTH', 'SESSION_APP',
  'SUBJECT', 'REMOTE_IP', 'USER_AGENT', 'RESULT', 'RESOURCE', 'METHOD', 'POLICY', 'POLICY_TYPE', 'DURATION',
  'APP', 'APP_TYPE', 'APP_DOMAIN', 'STATUS', 'UUID', 'REALM', 'SOURCE', 'SOURCE_TYPE', 'SOURCE_DOMAIN',
  'SOURCE_AUTHN_TYPE', 'TRACKER_ID', 'ACTION', 'STORE_NAME', 'FAILURE_COUNT', 'USER', 'USERNAME',
] as const;

export function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}
