import { Field } from '../model';
import { inlineCode } from '../markdown';
import { FieldDocContext } from './context';
import { EventCase, EventDoc } from './eventDoc';
import { CLUSTER_EVENTS } from './oagClusterEvents';
import { MONITOR_EVENTS } from './oagMonitorEvents';
import { bullets, FieldDoc, renderDoc } from './render';

export type { EventCase, EventDoc } from './eventDoc';

const CLOCK_SKEW: EventCase = {
  message: /assertion that has expired/i,
  meaning: 'The SAML assertion had already expired when it arrived.',
  action: 'Check that the clocks of the identity provider (IdP) and the gateway (SP) are synchronised.',
};

const AUDIT_EVENTS: Record<string, EventDoc> = {
  SYSTEM_APP_EVENT: {
    summary: 'An application was created, updated, deleted, enabled or disabled on the gateway. REASON holds the action, NAME and GUID identify the application, SUBJECT the administrator.',
  },
  USER_LOGIN: {
    summary: 'A user tried to log in; RESULT says whether it worked and REASON why.',
    cases: [
      CLOCK_SKEW,
      { message: /login failed/i, meaning: 'The login failed.' },
      { message: /login success/i, meaning: 'The login succeeded.' },
    ],
  },
  USER_AUTHN: {
    summary: 'A user was authenticated for an application, typically through a SAML assertion from the identity provider. RESULT and REASON give the outcome.',
    cases: [CLOCK_SKEW, { message: /user login/i, meaning: 'The user was authenticated.' }],
  },
  USER_SESSION: {
    summary: 'A request asked for a session and the gateway checked its session cookie; RESULT says whether the request was let through and REASON why.',
    cases: [
      { message: /no session cookie/i, meaning: 'The request carried no session cookie, so it was passed to the login handler.' },
      { message: /upgraded auth cookie/i, meaning: 'A valid authentication cookie was upgraded and an application session was created.' },
      {
        message: /security group|invalid_authcookie/i,
        meaning: 'The request presented an authentication cookie that is not valid.',
        action: 'Have your security group investigate this request.',
      },
    ],
  },
  USER_LOGOUT: {
    summary: 'A user logged out; SESSION_ID names the session that ended.',
  },
  USER_AUTHZ: {
    summary: 'A user asked for a resource and an access policy decided: RESULT is ALLOW or DENY, POLICY names the rule applied. The same event records an administrator changing the log verbosity through the API.',
    cases: [
      { message: /allow access/i, meaning: 'Access to the resource was allowed.' },
      { message: /deny access/i, meaning: 'Access to the resource was denied; REASON shows the policy condition that was not met.' },
    ],
  },
  CONFIG_TEST: {
    summary: 'NGINX finished checking its configuration; STATUS holds the outcome and UUID identifies the configuration.',
  },
  SYSTEM_STARTUP: {
    summary: 'Access Gateway finished starting up and is ready.',
  },
  SHUTDOWN: {
    summary: 'A system shutdown has begun; USER is who started it.',
  },
  SYSTEM_IDP_STATUS: {
    summary: 'The result of checking a configured identity provider: whether the gateway can reach it and whether the gateway\'s API token for it is valid.',
    cases: [
      {
        message: /security token|token exists/i,
        meaning: 'The gateway\'s API token for the identity provider is invalid or has expired.',
        action: 'Check that the gateway\'s API token for this identity provider still exists and is enabled.',
      },
      {
        message: /failure confirming connectivity/i,
        meaning: 'The gateway could not reach the identity provider.',
        action: 'Check the gateway\'s network settings and that it can reach the identity provider.',
      },
      { message: /success confirming/i, meaning: 'The identity provider was reached and the check succeeded.' },
    ],
  },
  SYSTEM_TD_EVENT: {
    summary: 'A trusted domain was created, updated, deleted, or synchronised with the Okta tenant (SOURCE and ACTION say which). Failures are logged at ALERT level with the exception in the message.',
    cases: [
      { message: /exception/i, meaning: 'The trusted-domain operation failed with the exception shown in the message.' },
    ],
  },
  SYSTEM_KRB5_EVENT: {
    summary: 'A Kerberos realm was created, updated or deleted; REALM names it and REASON holds the action.',
  },
  PASSWORD_RESET: {
    summary: 'A console password change or a password check at login, for the Admin UI console or the Management console.',
    cases: [
      {
        message: /default password was entered/i,
        meaning: 'Someone tried to set the Admin UI console password back to its original default value.',
        action: 'Choose a new password that differs from the original default.',
      },
      {
        message: /incorrect password/i,
        meaning: 'A login to the Management console failed because the password was wrong.',
        action: 'Enter the Management console password again.',
      },
      {
        message: /reset failed/i,
        meaning: 'Changing the Management console password failed.',
        action: 'The new password most likely did not meet the requirements; try again with a stronger one.',
      },
      { message: /updated successfully|reset successful|password reset/i, meaning: 'The password was changed successfully.' },
    ],
  },
  DEFAULT_PASSWORD_CHECK: {
    summary: 'At an Admin UI console login, the gateway checked whether the default admin password is still in use.',
    cases: [
      {
        message: /being used/i,
        meaning: 'The default admin password is still in use.',
        suggestion: 'The documentation asks for no action, but a default password is an easy target: change it.',
      },
      { message: /not detected/i, meaning: 'The default admin password is no longer in use.' },
    ],
  },
  CHECK_CONNECTION: {
    summary: 'While an application was being added, its domain was tested to see whether it is valid. See also CHECK_HOST.',
    cases: [{ message: /not found/i, meaning: 'The application\'s host name could not be found.' }],
  },
  CHECK_HOST: {
    summary: 'Logged right after a connection check; the message carries the result.',
    cases: [{ message: /connection refused/i, meaning: 'The host was reached, but nothing accepted the connection on that port.' }],
  },
  HOST: {
    summary: 'The result of looking up an application\'s host during a connection check; the message says whether it was found.',
    cases: [{ message: /not found/i, meaning: 'The application\'s host name could not be found.' }],
  },
  STORE: {
    summary: 'A data store failed during initialization. STORE_NAME names it and FAILURE_COUNT says how many attempts were made to reach it.',
    suggestion: 'Check that the data store is reachable from the gateway and that its settings are right.',
  },
};

/** Every event the documentation describes, by its upper-case name (multi-word labels included). */
const EVENTS: Record<string, EventDoc> = { ...AUDIT_EVENTS, ...MONITOR_EVENTS, ...CLUSTER_EVENTS };

export function oagEventDoc(event: string | undefined): EventDoc | undefined {
  if (event === undefined) {
    return undefined;
  }
  const key = event.trim().replace(/\s+/g, ' ').toUpperCase();
  return Object.prototype.hasOwnProperty.call(EVENTS, key) ? EVENTS[key] : undefined;
}

export function describeOagEvent(field: Field, ctx: FieldDocContext): string {
  const known = oagEventDoc(field.value);
  const doc: FieldDoc = { title: 'Event', meaning: 'The type of event this entry records.' };
  if (!known) {
    doc.value = `${inlineCode(field.value)}: not an event type the Okta documentation describes.`;
    return renderDoc(doc);
  }
  doc.value = `${inlineCode(field.value)}: ${known.summary}`;
  const matched = ctx.message !== undefined ? known.cases?.find((c) => c.message.test(ctx.message ?? '')) : undefined;
  if (matched) {
    doc.details = [`In this entry: ${matched.meaning}`];
    doc.action = matched.action ?? known.action;
    doc.suggestion = matched.suggestion ?? known.suggestion;
  } else {
    if (known.cases?.length) {
      doc.details = ['Possible outcomes:\n\n' + bullets(known.cases.map((c) =>
        c.meaning + (c.action ? ` *Corrective action:* ${c.action}` : '') + (c.suggestion ? ` *Suggestion:* ${c.suggestion}` : '')))];
    }
    doc.action = known.action;
    doc.suggestion = known.suggestion;
  }
  return renderDoc(doc);
}

export const DOCUMENTED_OAG_EVENTS: readonly string[] = Object.keys(EVENTS);
