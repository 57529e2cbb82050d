/**
 * The parsed shape of a log document. Everything is expressed in UTF-16 offsets
 * into the document text (JavaScript string indices); line numbers are 0-based.
 * No editor or protocol types here: features convert offsets with a TextDocument.
 */

export type LogFormat = 'bluecedar' | 'oag';

/**
 * Where a field lives: the entry header, a JSON payload key, an OAG structured-data item, or a part
 * of a line another program wrote into the same file (a `foreign` entry).
 */
export type FieldGroup = 'header' | 'json' | 'sd' | 'foreign';

export interface Field {
  group: FieldGroup;
  /**
   * Canonical name. Header fields: 'timestamp', 'gateway', 'program', 'component', 'subcls', 'eid',
   * 'type', 'sev', 'event' (Blue Cedar); 'timestamp', 'hostname', 'application', 'subProcess',
   * 'component', 'subComponent', 'logLevel', 'event' (OAG). JSON: the key path joined with '.'
   * (e.g. 'sessionId.device.osType'). Structured data: the key as written (e.g. 'SESSION_ID').
   */
  name: string;
  /**
   * JSON only: the field's own key, decoded. `name` joins the keys of the path with '.', so it cannot
   * tell a key written `a.b` from a path; titles show this.
   */
  key?: string;
  /** Whole field: key and value (e.g. `Sev:Informational`, `"osType":"ios"`, `RESULT="PASS"`). */
  start: number;
  end: number;
  /** The key part, where the field has one (`Sev`, `"osType"`, `RESULT`). */
  keyStart: number;
  keyEnd: number;
  /** The value part as written (for JSON strings: including the quotes). */
  valueStart: number;
  valueEnd: number;
  /** The value decoded: JSON strings unescaped, structured-data values unescaped, numbers as written. */
  value: string;
  /** JSON only: the value's JSON type. Object and array values are not hover targets themselves. */
  jsonType?: 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';
}

/**
 * Where a reader pushes the fields it finds: an array to keep them all, or a picker that keeps only
 * the one under the cursor (a line can hold a million of them).
 */
export interface FieldSink {
  push(field: Field): unknown;
}

export type ProblemSeverity = 'error' | 'warning' | 'information' | 'hint';

export interface Problem {
  severity: ProblemSeverity;
  start: number;
  end: number;
  message: string;
  /** Stable machine-readable code, e.g. 'json-syntax', 'bad-timestamp', 'unknown-severity'. */
  code: string;
}

/**
 * What an entry is, as far as sessions and outlines care. The order gives the kinds' codes in indexes.
 * `foreign`: a line of another program in the same file (sshd, sudo, systemd, NGINX, a Java service...),
 * not the log's own format.
 */
export const EVENT_KINDS = [
  'other', 'sessionStart', 'sessionStop', 'policyReject', 'linkUpdate', 'unexpectedStop', 'login', 'logout', 'foreign',
] as const;

export type EventKind = typeof EVENT_KINDS[number];

/** What pairing needs from a Blue Cedar sessionId object (extracted once, the JSON itself is not kept). */
export interface SessionInfo {
  username?: string;
  osType?: string;
  deviceName?: string;
  uniqueId?: string;
  appName?: string;
  appPackageId?: string;
  assignedIp?: string;
  /** The device's public source address as the gateway saw it (`app.publicSrcIp`). */
  publicSrcIp?: string;
  /**
   * The gsid as text (`2572815711`): gsids are identities. Beyond 2^53 (or not whole) it is the number
   * as written, which keeps apart two gsids a double would round to the same number; otherwise the
   * decimal form of the exact value.
   */
  appGsid?: string;
  duration?: string;
  durationSeconds?: number;
  /** Device facts a security review reads: `device.jailbroken`, Android `securityPatchVersion`, `mobileCountryCode`. */
  jailbroken?: boolean;
  securityPatchVersion?: string;
  mobileCountryCode?: string;
  /** Traffic a STOP reports (`app.bytesRx` / `app.bytesTx`). */
  bytesRx?: number;
  bytesTx?: number;
}

export interface LogEntry {
  /** Position in the document's entry list. */
  index: number;
  /** First character of the header line. */
  start: number;
  /** End of the entry's last non-empty line (exclusive, before the line break). */
  end: number;
  startLine: number;
  endLine: number;
  /** Blue Cedar [COMPONENT] / OAG COMPONENT, as written. */
  component?: string;
  /** Where the free-text message (or the event name) starts; equals `end` when there is none. */
  messageStart: number;
  /** Event name as written ('Session START', 'Policy REJECT', 'Link Update', OAG EVENT) if any. */
  eventName?: string;
  eventStart?: number;
  eventEnd?: number;
  kind: EventKind;
  /** Milliseconds since the epoch (UTC), after year inference for the syslog form; undefined if unparseable. */
  time?: number;
  /**
   * The offset from UTC the timestamp is written with, in minutes (OAG `-05:00` is -300), or undefined
   * when the log writes none (Blue Cedar, syslog forms): then `time` holds the wall clock as if it were UTC.
   * Shown times are the log's own wall clock: `time + zone` minutes, with the offset when there is one.
   */
  zone?: number;
  /** Whether `time` had its year inferred (syslog form without year). */
  yearInferred?: boolean;
  /** Blue Cedar: month (0-11) and year as written (year undefined for the syslog form). */
  month?: number;
  year?: number;
  /** Year-less entries: the time as parsed, in the placeholder year 2000, kept so inference can rerun. */
  parsedTime?: number;
  /** Blue Cedar severity or OAG log level, as written. */
  severity?: string;
  /** Blue Cedar: EID value when present. */
  eid?: number;
  /** Blue Cedar: extracted from the JSON payload. */
  session?: SessionInfo;
  /** Blue Cedar Policy REJECT reason. */
  reason?: string;
  /** OAG: the SESSION_ID value, trimmed, when present and not a placeholder like '-'. */
  sessionId?: string;
  /** OAG: SUBJECT / USER value. */
  subject?: string;
  /** OAG: APP value (the application the event concerns). */
  app?: string;
  /** OAG: RESULT value. */
  result?: string;
  /** OAG: REMOTE_IP value (the client's address). */
  remoteIp?: string;
  /** Foreign entries: the program that wrote the line (`sshd`, `sudo`, `CERT VERIFIER`, `nginx`, `Java service`). */
  program?: string;
  /** Start of the JSON payload or structured data, if any. */
  payloadStart?: number;
  payloadEnd?: number;
  problems: Problem[];
}

export interface ParsedLog {
  format: LogFormat;
  text: string;
  entries: LogEntry[];
  /** Problems that belong to no entry (e.g. text before the first header). */
  problems: Problem[];
  /** Offsets of every line start, shared with feature code for offset <-> position conversion. */
  lineStarts: number[];
}

/**
 * A new entry with every LogEntry property present (undefined until the parser sets it). Entries of
 * both formats then share one hidden class and are allocated at their final size: adding the optional
 * properties one by one made the engine grow and copy each entry's property store several times,
 * which showed on large documents.
 */
export function newEntry(start: number, end: number, startLine: number, endLine: number, problems: Problem[]): LogEntry {
  return {
    index: 0, start, end, startLine, endLine, component: undefined, messageStart: end, eventName: undefined,
    eventStart: undefined, eventEnd: undefined, kind: 'other', time: undefined, zone: undefined, yearInferred: undefined,
    month: undefined, year: undefined, parsedTime: undefined, severity: undefined, eid: undefined,
    session: undefined, reason: undefined, sessionId: undefined, subject: undefined, app: undefined,
    result: undefined, remoteIp: undefined, program: undefined, payloadStart: undefined, payloadEnd: undefined, problems,
  };
}
