/** Realistic pieces of both log formats, for generated documents in property tests. */
import fc from 'fast-check';

export const BLUECEDAR_FRAGMENTS = [
  'Nov 11 2021 22:24:37 tilera3 Mocana: [INTFMGR], SubCls:999, EID: 658120114, ',
  'Type: General, Sev:Informational, ',
  'Removing tunnel interface vt1 with address 10.24.0.51',
  'Nov 11 2021 22:24:37 tilera3 Mocana: [IKE], SubCls:050, EID: 0, Type: General, Sev:Informational, 10.42.18.20',
  'Nov 11 2021 22:24:37 tilera3 Mocana: [AAA] SubCls:ACCT, EID: 0, ',
  'Type: Acct, Sev:Informational, ',
  'Session STOP {"sessionId":{"username":"jlennon","duration":"7 minutes 17 seconds","durationSeconds":437,',
  '"device":{"osType":"ios","deviceName":"JLennon’s iPhone", "uniqueId":"06736CC0","jailbroken":false},',
  '"app":{"assignedIp":"10.42.5.30","appGsid":2109085776,"packetsRx":607}}}',
  'Oct  2 13:45:35 tilera3 Mocana: [AAA], SubCls:ACCT, EID:          0, Type:    Acct, Sev:Informational, ',
  'Session START   {"sessionId":{"username":"jruser",',
  '                              "device":{"osType":"ios","uniqueId":"9226B414"},',
  '                              "app":{"assignedIp":"10.24.0.51","appGsid":2109085776}}}',
  'Oct 22 2021 13:31:13.664259: [AAA] ',
  'Policy REJECT {"reason":"Attempting login with jailbroken device","sessionId":{"username":"jruser","app":{"appGsid":0}}}',
  'Dec 31 23:59:30 gw Mocana: [AAA], SubCls:ACCT, EID: 0, Type: Acct, Sev:Informational, Session START {"sessionId":{"username":"x","app":{"appGsid":5}}}',
  'Jan  1 00:00:19 gw Mocana: [AAA], SubCls:ACCT, EID: 0, Type: Acct, Sev:Informational, Session STOP {"sessionId":{"username":"x","durationSeconds":49,"app":{"appGsid":5}}}',
  'Nov 11 2021 22:24:37 tilera3 Mocana: [AAA], SubCls:999, EID: 0, Type: General, Sev:Warning, Received unexpected accounting STOP signal for handle 0x295923e0b100',
  '"Link Update" {"linkUpdate":{"name":"ethernet1","status":"down",}}',
  'Oct 32 2021 22:24:37 tilera3 Mocana: [AAA], SubCls:999, EID: 0, Type: General, Sev:Catastrophic, broken',
  'Nov 11 2021 2x:24:37 tilera3 Mocana: [AAA], SubCls:999, EID: 0,',
  '{"sessionId":{"username":"a" "device":{}}}',
  '                        "version":"15.0.2",',
  '}}}',
  'Feb 29 10:00:00 gw Mocana: [AAA], SubCls:999, EID: 0, Type: General, Sev:Informational, leap day',
  'Mar  1 2021 10:00:00 gw Mocana: [AAA], SubCls:999, EID: 0, Type: General, Sev:Informational, explicit year',
  // Other programs' syslog lines in the same file.
  'Oct  2 13:45:35 edge-gw2 sshd[812]: Accepted publickey for ops from 192.0.2.44 port 52314 ssh2',
  'Oct  2 13:45:40 edge-gw2 sudo:      ops : TTY=pts/0 ; PWD=/home/ops ; USER=root ; COMMAND=/usr/bin/true',
  'Dec 31 23:59:59 edge-gw2 systemd[1]: Started Session 7 of user ops.',
  'Oct 32 13:45:39 edge-gw2 sshd[812]: impossible date',
];

export const OAG_FRAGMENTS = [
  '2020-06-24T09:40:55.667-05:00 example.myaccessgateway.com ACCESS_GATEWAY ACCESS AUTHZ POLICY INFO USER_AUTHZ [SESSION_ID="_8832" SUBJECT="admin" APP_DOMAIN="gw-admin.[domain.tld]" RESULT="ALLOW" REASON="N/A - a=b c=d"] allow access to resource.',
  '2020-06-24T10:06:23.000-05:00 example.myaccessgateway.com ACCESS_GATEWAY WEB_CONSOLE AUTHN LOCAL INFO USER_LOGIN [SESSION_ID="_8832" SUBJECT="admin" TYPE="LOCAL" RESULT="PASS"] User login:admin',
  '2020-06-04T13:53:59.986-05:00 example.myaccessgateway.com ACCESS_GATEWAY ACCESS AUTHN SESSION INFO USER_LOGOUT [SESSION_ID="_8832" SUBJECT="admin"] User logout success',
  '2020-08-26T21:24:03.000-05:00 oag01.okta.com application_template_service Acquiring lock',
  '2020-08-26T21:24:04.000-05:00 oag01.okta.com OAG syslog-ng: Access-Gateway SYSLOG-NG restart completed',
  '2020-06-24T09:45:28.024-05:00 example.myaccessgateway.com CHECK_HOST checkConnection.sh INFO 10.0.0.1 7001 [USER="admin"] Ncat: Connection refused.',
  '2021-04-28T12:03:53.906-05:00 oag.adminX.com SCRIPT INFO DEFAULT_PASSWORD_CHECK [USER="spgw"] Default admin password being used.',
  '2020-07-15T04:46:38.000-04:00 localhost ACCESS_GATEWAY WEB_CONSOLE TRUSTED_DOMAINS ALERT SYSTEM_TD_EVENT [ SOURCE="APP" ACTION="UPDATE" ] Exception: [Errno 13]',
  '2020-06-24T10:05:56.000-05:00 example.myaccessgateway.com ACCESS_GATEWAY WEB_CONSOLE - - INFO SYSTEM_STARTUP [] Startup complete, system ready.',
  '22020-06-25T14:18:52.458-05: example.store.com ACCESS_GATEWAY ACCESS AUTHN FAILED WARN STORE [STORE_NAME="x"] Store failed',
  'O2020-06-24T08:31:25.729-05:00 example.myaccessgateway.com OAG ADMIN_CONSOLE SYSTEM SHUTDOWN INFO SHUTDOWN [USER="oag-mgmt"] Shutting down system.',
  '2021-09-14T08:05:03.127-05:00 oag01 ACCESS_GATEWAY ACCESS AUTHN SAML INFO USER_AUTHN [SESSION_ID="_e6" SUBJECT="alice TYPE="SAML_2_0" RESULT="PASS"] x',
  '2021-09-14T09:00:12.729-05:00 oag01 OAG ADMIN_CONSOLE SYSTEM SHUTDOWN INFO SHUTDOWN [USER="oag-mgmt" Shutting down system.',
  '2021-09-14T08:09:26.904-05:00 oag01 ACCESS_GATEWAY ACCESS AUTHN SAML INFO USER_AUTHN [SESSION_ID="_fa" SUBJECT "carol" TYPE="SAML_2_0"] m',
  // The older syslog form, labels and keys of several words, no host, other programs' lines.
  'Oct  9 07:20:03 gw-east WEB_CONSOLE AUTHN LOCAL INFO USER_LOGIN [SESSION_ID="_fa" SUBJECT="ops" RESULT="PASS"] User login success: ops',
  'Dec 31 23:59:58 Access Gateway WEB_CONSOLE IDP LOCAL INFO SYSTEM_IDP_STATUS [NAME="Corp" RESULT="PASS"] ok',
  'Jan  1 00:00:03 gw-east Access Gateway ACCESS AUTHZ SESSION WARN USER_SESSION [SESSION_ID="_fa" RESULT="DENY"] x',
  '2020-08-05T18:41:02.118-07:00 node-c ADMIN_CONSOLE CLUSTER MANAGER ADMIN NOMINATION INFO Copy HA configs [USER="root"] done',
  '2021-06-13T11:16:07.198-05:00 node-a OAG ADMIN_CONSOLE MONITORING REST API INFO ENDPOINT NAME CHANGE [USER="oag-mgmt" NEW NAME="h"] m',
  '2021-02-23T12:55:29.267-06:00 OAG ADMIN_CONSOLE SUPPORT_CONNECTION ENABLE INFO ENABLE_SUPPORT_CONNECTION [USER=“oag-mgmt”] on',
  '2021-03-04 12:08:10.170  INFO 2207 --- [91-8443-exec-4] c.e.gateway.certs.ChainLoader   : Importing a CA.',
  '\tat org.example.json.JSONObject.get(JSONObject.java:101)',
  'Oct  6 09:14:37 gw-east hrportal hr.corp.test 198.51.100.7 - - [06/Oct/2017:09:14:37 -0500] "GET / HTTP/1.1" 405 1877',
  '2021-01-20T10:54:58.075-06:00 node-a systemd Started Certificate Validation Service.',
];

export const JUNK = ['', '\uFEFF', ' ', '   ', 'garbage', '{', '}', '"', '[', ']', '=', 'Nov', 'Oct  2', '2021-', 'Session ', '\t'];

export const ALL_FRAGMENTS = [...BLUECEDAR_FRAGMENTS, ...OAG_FRAGMENTS, ...JUNK];

/** A piece of a line: a whole fragment, a random cut of one, or random text. */
export const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ALL_FRAGMENTS) },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom(...ALL_FRAGMENTS), fc.nat(), fc.nat()).map(([f, a, b]) => {
      const from = f.length ? a % f.length : 0;
      return f.slice(from, from + (b % 40) + 1);
    }),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

/** Whole entries, several lines long where the format allows. */
const B = BLUECEDAR_FRAGMENTS;
export const WHOLE_ENTRIES = [
  [B[0], B[1], B[2]].join('\n'),
  B[3],
  [B[4], B[5], B[6], B[7], B[8]].join('\n'),
  [B[9], B[10], B[11], B[12]].join('\n'),
  [B[13], B[14]].join('\n'),
  B[15], B[16], B[17], B[24], B[25],
  ['Nov 11 2021 23:22:14 gw Mocana: [INTFMGR], SubCls:999, EID: 0, Type: General, Sev:Warning,', B[18]].join('\n'),
  [B[9], B[10], B[22]].join('\n'),
  ...OAG_FRAGMENTS,
];

/** One line or entry of a document. */
const part: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...WHOLE_ENTRIES) },
  { weight: 2, arbitrary: piece },
);

/** A document: parts joined with line breaks (mostly LF, sometimes CRLF or nothing). */
export const documentText: fc.Arbitrary<string> = fc
  .array(fc.tuple(part, fc.constantFrom('\n', '\n', '\n', '\n', '\r\n', '')), { maxLength: 20 })
  .map((parts) => parts.map(([p, sep]) => p + sep).join(''));

/** A document with CRLF line breaks throughout (as written on Windows), sometimes without the last one. */
export const crlfDocumentText: fc.Arbitrary<string> = fc
  .tuple(fc.array(part, { minLength: 1, maxLength: 16 }), fc.boolean())
  .map(([parts, last]) => parts.map((p) => p.replace(/\r?\n/g, '\r\n')).join('\r\n') + (last ? '\r\n' : ''));

/**
 * Edits a person makes in a CRLF file: typing or deleting at a line end, Enter, joining lines,
 * pasting CRLF text. `at` picks a line break (or a spot beside one) of the current text.
 */
export const crlfEditSpec = fc.record({
  lineBreak: fc.nat(),
  shift: fc.constantFrom(-2, -1, 0, 0, 0, 1, 2),
  remove: fc.constantFrom(0, 0, 1, 2, 5),
  insert: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('x', ' ', '\r\n', '\r\n\r\n', '}', '"', ',') },
    { weight: 1, arbitrary: piece.map((p) => p.replace(/\r?\n/g, '\r\n')) },
    { weight: 1, arbitrary: fc.tuple(piece, piece).map(([a, b]) => `${a}\r\n${b}`) },
  ),
});
