/**
 * What the findings rules read and what they report. Rules take plain records, not an Analysis, so
 * the same rules run on one open document (factsOfAnalysis) and on an index of many files: a record
 * says where it came from through an opaque EntryRef, and the rules never look inside it.
 */
import { LogFormat } from '../model';

/** Where a fact was read: the file (absent for the open document), the entry's index and its first line (0-based). */
export interface EntryRef {
  file?: string;
  entry: number;
  line: number;
}

/** An instant as the log wrote it: milliseconds (UTC) and the written offset in minutes (see LogEntry.zone). */
export interface Instant {
  time?: number;
  zone?: number;
}

/** One session (Blue Cedar START/STOP pair, OAG SESSION_ID) with the facts a security review reads. */
export interface SessionFacts {
  format: LogFormat;
  /** The pairing key (appGsid, identity or SESSION_ID): unique within its file, not across files. */
  key: string;
  user?: string;
  /** A name people recognise (deviceName, else hardware-less uniqueId). */
  device?: string;
  uniqueId?: string;
  osType?: string;
  app?: string;
  /** Blue Cedar `publicSrcIp`; OAG the login's REMOTE_IP. */
  publicIp?: string;
  /** START / login time, STOP / logout time (ms, UTC) and the offset they are written with. */
  start?: number;
  stop?: number;
  zone?: number;
  jailbroken?: boolean;
  securityPatchVersion?: string;
  mobileCountryCode?: string;
  bytesRx?: number;
  bytesTx?: number;
  /** As the STOP reports it (Blue Cedar). */
  durationSeconds?: number;
  /** OAG: a DENY inside the session (authorisation or session check). */
  rejected: boolean;
  /** OAG: the login or authentication that opened it failed. */
  failed: boolean;
  /** The START (else the STOP, else the first event): where the session is shown. */
  where: EntryRef;
  startRef?: EntryRef;
  stopRef?: EntryRef;
}

/**
 * What an event counts as: a Blue Cedar Policy REJECT; an OAG USER_LOGIN with RESULT FAIL (local
 * accounts, admin console); an OAG USER_AUTHN with RESULT FAIL (SAML); an OAG USER_AUTHZ DENY (a
 * resource refused); an OAG USER_SESSION DENY (no or an invalid session cookie); a successful OAG
 * login to the admin or web console; any entry of error severity (Critical/Major, ERROR/ALERT/FATAL:
 * for the timeline only). The order gives the kinds' codes in the bundle index.
 */
export const EVENT_FACT_KINDS = ['policyReject', 'loginFail', 'authnFail', 'authzDeny', 'sessionDeny', 'adminLogin', 'error'] as const;

export type EventFactKind = typeof EVENT_FACT_KINDS[number];

/** One event a rule or the timeline counts. */
export interface EventFacts extends Instant {
  kind: EventFactKind;
  user?: string;
  /** Blue Cedar device uniqueId. */
  device?: string;
  /** Blue Cedar publicSrcIp; OAG REMOTE_IP. */
  sourceIp?: string;
  /** OAG RESOURCE of USER_AUTHZ; for USER_SESSION the application's domain or name. */
  resource?: string;
  app?: string;
  /** Policy REJECT reason / OAG REASON. */
  reason?: string;
  /** The pairing key of the session the event belongs to, if any. */
  session?: string;
  /** What the entry is, in a few words (event name and result), for evidence lines. */
  label: string;
  where: EntryRef;
}

/** Everything the rules read from one document or one index. */
export interface FactSet {
  sessions: SessionFacts[];
  events: EventFacts[];
  /**
   * The latest time of any entry of the log (most entries are no fact): where a session without STOP
   * is taken to end, as the timeline draws it. Absent, the latest time of the facts stands in for it.
   */
  end?: number;
}

export type FindingSeverity = 'warning' | 'information';

/** One line of proof: an entry, its time and why it counts. */
export interface Evidence extends Instant {
  where: EntryRef;
  text: string;
}

export interface Finding extends Instant {
  /** The rule's id, which is also its settings key. */
  rule: string;
  /** The diagnostic code. */
  code: string;
  title: string;
  severity: FindingSeverity;
  /** One line; quotes log values as they are (render it inert). */
  message: string;
  /** The entry the finding is shown on. */
  where: EntryRef;
  /** The end of what it covers (a burst's last event, a session's STOP). */
  end?: number;
  /** Who or what it is about, for the timeline's rows. */
  user?: string;
  device?: string;
  evidence: Evidence[];
  /** Evidence lines left out to keep the finding small. */
  moreEvidence: number;
}

export interface FindingsResult {
  findings: Finding[];
  /** Per rule id: findings left out because the rule reached its limit. */
  omitted: Record<string, number>;
}
