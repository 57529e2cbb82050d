/** Readings of structured-data values the Okta documentation names (REASON, TYPE, RESULT and friends). */

export interface ValueReading {
  text: string;
  /** A corrective action from the documentation, in our words. */
  action?: string;
  /** Whether the value signals a problem (gets a ⚠️). */
  problem?: boolean;
}

/** Upper case with spaces and hyphens as underscores: 'Valid SAML Assertion' -> 'VALID_SAML_ASSERTION'. */
export function normalizeValue(value: string): string {
  return value.trim().toUpperCase().replace(/[\s-]+/g, '_');
}

const ACTIONS: Record<string, string> = {
  CREATE: 'created.',
  UPDATE: 'updated.',
  DELETE: 'deleted.',
  ENABLE: 'enabled (activated).',
  DISABLE: 'disabled (deactivated).',
  ACTIVATE: 'activated (enabled).',
  DEACTIVATE: 'deactivated (disabled).',
  SYNC: 'synchronised with the Okta tenant.',
  SYNCH: 'synchronised with the Okta tenant.',
};

export function readAction(value: string): ValueReading | undefined {
  const key = normalizeValue(value);
  return Object.prototype.hasOwnProperty.call(ACTIONS, key) ? { text: `the item was ${ACTIONS[key]}` } : undefined;
}

const REASONS: Record<string, ValueReading> = {
  VALID_CREDENTIALS: { text: 'the user name and password were correct.' },
  INVALID_CREDENTIALS: { text: 'the user name or password was wrong.', problem: true },
  VALID_SAML: { text: 'the identity provider\'s SAML assertion was accepted.' },
  VALID_SAML_ASSERTION: { text: 'the identity provider\'s SAML assertion was accepted.' },
  INVALID_SAML: { text: 'the SAML assertion was rejected (for example because it had expired).', problem: true },
  INVALID_SAML_ASSERTION: { text: 'the SAML assertion was rejected (for example because it had expired).', problem: true },
  NOT_EXIST: { text: 'the request had no session (no session cookie), so it goes to the login handler.' },
  VALID_AUTHCOOKIE: { text: 'the authentication cookie was valid.' },
  INVALID_AUTHCOOKIE: {
    text: 'the request carried an authentication cookie that is not valid.',
    action: 'Have your security group investigate this request.',
    problem: true,
  },
  VALID_SESSION: { text: 'the session was valid.' },
  USER_ACTION: { text: 'the user logged out themselves.' },
  OAG_ACCEPT_LICENSE: { text: 'the license was accepted during setup.' },
  SESSION_INTEGRITY_VERIFIED: { text: 'the request came from the address the session was created from.' },
  SESSION_INTEGRITY_REMOTEIP_MISMATCH: {
    text: '⚠️ the request\'s address (taken from X-Forwarded-For) is not the one the session was created from. The documentation does not say why; a session cookie used from another machine, or a client whose address changes behind proxies, are possible causes.',
    problem: true,
  },
  SESSION_INTEGRITY_DOMAIN_MISMATCH: {
    text: '⚠️ the request was for another domain than the one the session belongs to.',
    problem: true,
  },
  INVALID_RELAYSTATE: { text: '⚠️ the RelayState of the SAML response failed validation and was replaced by the expected one.', problem: true },
  INVALID_TOKEN: {
    text: 'the gateway\'s API token for the identity provider is invalid or has expired.',
    action: 'Check that the API token still exists and is enabled.',
    problem: true,
  },
  VALID: { text: 'the check succeeded.' },
  INVALID_NETWORK_CONN: {
    text: 'the identity provider could not be reached, or the gateway\'s API token for it was rejected (the message says which).',
    action: 'Check the gateway\'s network settings and that it can reach the identity provider; if the message is about the token, check that the API token still exists and is enabled.',
    problem: true,
  },
};

/** REASON: documented codes, actions, and the 'condition - attributes' form of USER_AUTHZ. */
export function readReason(value: string): ValueReading | undefined {
  const key = normalizeValue(value);
  if (Object.prototype.hasOwnProperty.call(REASONS, key)) {
    return REASONS[key];
  }
  const action = readAction(value);
  if (action) {
    return action;
  }
  const dash = value.indexOf(' - ');
  if (dash >= 0) {
    const condition = value.slice(0, dash).trim();
    if (/^n\/?a$/i.test(condition)) {
      return { text: 'no policy condition was involved (N/A); the session\'s attributes follow.' };
    }
    return { text: 'the policy condition before the dash decided the outcome; the session\'s attributes follow.' };
  }
  return undefined;
}

export function readResult(value: string): ValueReading | undefined {
  switch (normalizeValue(value)) {
    case 'PASS': return { text: '**passed**: the operation succeeded.' };
    case 'ALLOW': return { text: '**allowed**: the request was let through.' };
    case 'FAIL': return { text: '⚠️ **failed**.', problem: true };
    case 'DENY': return { text: '⚠️ **denied**: the request was refused.', problem: true };
    default: return undefined;
  }
}

/** STATUS codes of the NGINX configuration check, the authentication module test and the certificate check. */
const STATUSES: Record<string, ValueReading> = {
  VALID: { text: 'it passed the check.' },
  INVALID: { text: '⚠️ it failed the check.', problem: true },
  PASSED: { text: 'the validation passed.' },
  FAILED: { text: '⚠️ the validation failed.', problem: true },
  CONFLICTING_SERVER_NAME: { text: '⚠️ two server blocks of the NGINX configuration use the same server name.', problem: true },
  SUSPICIOUS_SYMBOL: { text: '⚠️ the NGINX configuration has an unfinished line or a suspicious symbol.', problem: true },
  UNKNOWN_WARNING: { text: '⚠️ NGINX warned about its configuration.', problem: true },
  HOST_NOT_FOUND: { text: '⚠️ a host name in the NGINX configuration does not resolve.', problem: true },
  UNKNOWN_DIRECTIVE: { text: '⚠️ the NGINX configuration has a directive NGINX does not know.', problem: true },
  INVALID_PARAMETER: { text: '⚠️ the NGINX configuration has an invalid parameter or a missing `;`.', problem: true },
  DUPLICATE_LOCATION: { text: '⚠️ the NGINX configuration has the same location block twice.', problem: true },
  UNEXPECTED_END_OF_FILE: { text: '⚠️ the NGINX configuration ends too early (a missing `}`).', problem: true },
  UNKNOWN_ERROR: { text: '⚠️ the check failed with an error it could not classify.', problem: true },
  LDAP_VALID: { text: 'the authentication module works.' },
  LDAP_ERROR_CONNECTION_REFUSED: {
    text: '⚠️ the directory server could not be reached.', problem: true,
    action: 'Check that the directory server is up and reachable from the gateway on this port.',
  },
  LDAP_INVALID_SEARCHBASE: { text: '⚠️ the user search base was not found in the directory.', problem: true },
  LDAP_INVALID_USERBASE: { text: '⚠️ the user search base was not found in the directory.', problem: true },
  LDAP_ERROR_INVALID_CREDENTIALS: { text: '⚠️ the directory rejected the gateway\'s credentials.', problem: true },
  LDAP_ERROR_SEARCH_ATTRIBUTE: { text: '⚠️ the user search attribute is not valid.', problem: true },
  EXPIREIN30DAYS: { text: '⚠️ the certificate expires within 30 days.', problem: true },
  EXPIRED: { text: '⚠️ the certificate has expired.', problem: true },
  ERROR: { text: '⚠️ the check failed (for a certificate: it was not found).', problem: true },
};

export function readStatus(value: string): ValueReading | undefined {
  const key = normalizeValue(value);
  return Object.prototype.hasOwnProperty.call(STATUSES, key) ? STATUSES[key] : undefined;
}

/** TYPE and IDP_TYPE/SOURCE_TYPE: identity provider, authentication module or application type. */
export function readType(value: string): ValueReading | undefined {
  const key = normalizeValue(value);
  switch (key) {
    case 'IDP_OKTA': return { text: 'an Okta identity provider.' };
    // Okta's Log Formats page lists IDP_IDCS and IDP_SAML_LOCAL among SOURCE_TYPE values without a word
    // on them; Okta's other pages write IDCS for Oracle Identity Cloud Service.
    case 'IDP_IDCS': return { text: 'an IDCS identity provider, most likely Oracle Identity Cloud Service. Okta\'s log page lists this type but does not describe it.' };
    case 'IDP_SAML_LOCAL': return { text: 'a SAML identity provider of the local kind. Okta\'s log page lists this type but does not describe it.' };
    case 'OKTA': return { text: 'Okta.' };
    case 'LOCAL': return { text: 'local: the gateway\'s own (built-in) authentication.' };
    case 'SAML_2_0':
    case 'SAML': return { text: 'SAML 2.0 single sign-on.' };
    case 'ADMINUI_APP': return { text: 'the gateway\'s own Admin UI console application.' };
    case 'SAMPLEHEADER_APP': return { text: 'a sample header-based application.' };
    default:
      return /_APP$/.test(key) ? { text: 'an application type.' } : undefined;
  }
}

export function readSource(value: string): ValueReading | undefined {
  const key = normalizeValue(value);
  if (key === 'APP') {
    return { text: 'the change came from an application on the gateway.' };
  }
  if (key === 'OKTA_TRUSTED_ORIGIN') {
    return { text: 'the change came from the trusted origins of the Okta tenant.' };
  }
  if (/^https?:\/\//i.test(value.trim())) {
    // Okta's Log Formats page calls this the EntityID; its samples show an Okta entity ID and an SSO URL.
    return { text: 'the URL that identifies the identity provider (its entity ID).' };
  }
  return undefined;
}

const METHODS: Record<string, string> = {
  GET: 'reads a resource.',
  HEAD: 'reads only the headers of a resource.',
  POST: 'submits data or creates something.',
  PUT: 'replaces or updates a resource.',
  PATCH: 'changes part of a resource.',
  DELETE: 'removes a resource.',
  OPTIONS: 'asks which methods a resource supports.',
};

export function readMethod(value: string): ValueReading | undefined {
  const key = value.trim().toUpperCase();
  return Object.prototype.hasOwnProperty.call(METHODS, key) ? { text: `an HTTP method that ${METHODS[key]}` } : undefined;
}

export function readPolicyType(value: string): ValueReading | undefined {
  switch (normalizeValue(value)) {
    case 'PROTECTED': return { text: 'a protected resource: the user has to be authenticated.' };
    case 'PROTECTED_REGEX': return { text: 'a protected resource matched by a regular expression.' };
    default: return undefined;
  }
}

const AUTHN_CONTEXTS: Record<string, string> = {
  PasswordProtectedTransport: 'a password sent over a protected (TLS) connection.',
  Password: 'a password.',
  X509: 'an X.509 certificate.',
  TLSClient: 'a TLS client certificate.',
  Kerberos: 'Kerberos.',
  Smartcard: 'a smart card.',
  unspecified: 'a method the identity provider did not specify.',
};

/** SAML authentication context class references, e.g. urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport. */
export function readAuthnContext(value: string): ValueReading | undefined {
  const match = /:ac:classes:([A-Za-z0-9]+)\s*$/.exec(value);
  if (!match || !Object.prototype.hasOwnProperty.call(AUTHN_CONTEXTS, match[1])) {
    return undefined;
  }
  return { text: `the user authenticated at the identity provider with ${AUTHN_CONTEXTS[match[1]]}` };
}
