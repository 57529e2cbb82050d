/**
 * OAG events of the process monitor (the monitor log), of the older format's Admin UI console, and of
 * the Management console's certificate, support VPN and REST monitoring settings. Facts from Okta's
 * Access Gateway pages (monitor log, logging overview, certificate chain events, audit log, REST
 * monitoring management events), in our own words.
 */
import { EventDoc } from './eventDoc';

export const MONITOR_EVENTS: Record<string, EventDoc> = {
  SYSTEM_SPGW_SETUP: {
    summary: 'The gateway was set up from the Admin UI console (for example its license accepted). HOST is its virtual host name and COOKIE_DOMAIN the domain its cookies are set for.',
  },
  SYSTEM_SPGW_RESET: {
    summary: 'The gateway\'s setup was reset from the Admin UI console; HOST and COOKIE_DOMAIN show the settings it had.',
  },
  SYSTEM_OAG_RESET: {
    summary: 'The gateway\'s setup was reset from the Admin UI console; HOST and COOKIE_DOMAIN show the settings it had.',
  },
  SSL_CERT_VALIDITY_CHECK: {
    summary: 'The monitor\'s daily check of the gateway\'s SSL certificate. EXPIRY is the date the certificate expires (YYYYMMDD).',
    cases: [
      { message: /more than 30 days/i, meaning: 'The certificate stays valid for more than 30 days.' },
      {
        message: /30 days or less|going to expire|expire in/i,
        meaning: 'The certificate expires within 30 days.',
        suggestion: 'Renew the certificate before it expires, or users will see certificate errors.',
      },
      {
        message: /has expired|expired/i,
        meaning: 'The certificate has expired.',
        suggestion: 'Replace the certificate: browsers refuse connections to a gateway whose certificate has expired.',
      },
      { message: /not found/i, meaning: 'The certificate could not be found.', suggestion: 'Check the certificate settings of the gateway.' },
    ],
  },
  TEST_AUTHN_AD: {
    summary: 'The monitor tested an Active Directory authentication module. STATUS is the outcome; HOST and PORT name the directory server; USER_SEARCH_BASE_DN and SEARCH_ATTRIBUTE say how users are looked up.',
  },
  TEST_AUTHN_LDAP: {
    summary: 'The monitor tested an LDAP authentication module. STATUS is the outcome; HOST and PORT name the directory server; USER_SEARCH_BASE_DN and SEARCH_ATTRIBUTE say how users are looked up.',
  },
  DISK_USAGE: {
    summary: 'The monitor\'s hourly look at one mount point: FILESYSTEM and MOUNT say which, USAGE how full it is.',
  },
  MONITOR: {
    summary: 'A periodic check by the monitor; the component says what was checked (KRB5: whether Kerberos is configured, hourly).',
    cases: [
      { message: /not configured/i, meaning: 'Kerberos is not configured on this gateway.' },
      { message: /is configured/i, meaning: 'Kerberos is configured on this gateway.' },
    ],
  },
  SESSION_CACHE_USAGE: {
    summary: 'The monitor\'s hourly look at the session cache: CACHE_SIZE is its size, CURRENT_USAGE how much is in use, USAGE_PERCENT the share in use.',
  },
  START: {
    summary: 'A service of the gateway is being started; SERVICE names it (okta-nginx, oag-admin, php-fpm, ebs-ssoagent and others).',
  },
  STOP: {
    summary: 'A service of the gateway is being stopped; SERVICE names it (okta-nginx, oag-admin, php-fpm, ebs-ssoagent and others).',
  },
  VALIDATE: {
    summary: 'The monitor\'s hourly validation of a data store or authentication context: NAME says which, STATUS whether it passed or failed.',
  },
  CLIENT_CERT: {
    summary: 'A client certificate chain (the certificate authorities client certificates are validated against) was added in the Management console.',
  },
  CLIENT_CERT_API: {
    summary: 'A client certificate chain was changed through the Management console: deleted, or its certificate revocation list (CRL) settings updated.',
    cases: [
      { message: /deleted|removed/i, meaning: 'A client certificate chain was deleted.' },
      { message: /crl/i, meaning: 'The certificate revocation list settings were updated.' },
    ],
  },
  ENABLE_SUPPORT_CONNECTION: {
    summary: 'The support VPN, the connection Okta support uses to reach this gateway, was switched on or off from the Management console. The sub-component and the message say which.',
    cases: [
      { message: /enabling/i, meaning: 'The support connection was switched on: Okta support can now reach the gateway.' },
      { message: /disabling/i, meaning: 'The support connection was switched off.' },
    ],
  },
  ENABLE: {
    summary: 'The monitoring REST API (the endpoint that reports the health of this gateway or its cluster) was switched on.',
  },
  DISABLE: {
    summary: 'The monitoring REST API (the endpoint that reports the health of this gateway or its cluster) was switched off.',
  },
  'ENDPOINT NAME CHANGE': {
    summary: 'The path of the monitoring REST endpoint was changed; NEW NAME is the new one.',
  },
  'ADD ALLOWED IP': {
    summary: 'An address or CIDR range (ENTRY) may now call the monitoring REST API.',
  },
  'ADDED ALLOWED IP': {
    summary: 'An address or CIDR range (ENTRY) may now call the monitoring REST API.',
  },
  'DELETE ALLOWED IP': {
    summary: 'An address or CIDR range (ENTRY) may no longer call the monitoring REST API.',
  },
  'DELETED ALLOWED IP': {
    summary: 'An address or CIDR range (ENTRY) may no longer call the monitoring REST API.',
  },
};
