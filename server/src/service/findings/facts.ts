/**
 * The adapter from one analysed document to the plain records the rules read. One pass over the
 * sessions and one over the entries; nothing here is kept beyond the analysis it was built from.
 */
import { Analysis } from '../analysis';
import { LogEntry, ParsedLog, SessionInfo } from '../model';
import { Session } from '../sessions';
import { EntryRef, EventFactKind, EventFacts, FactSet, SessionFacts } from './model';
import { levelClass } from './levels';

export interface FactsOptions {
  /** Set on every EntryRef (a bundle names the file; the open document leaves it out). */
  file?: string;
  /** Also list entries of error severity (the timeline marks them; no rule reads them). */
  errors?: boolean;
}

export function factsOfAnalysis(analysis: Analysis, options: FactsOptions = {}): FactSet {
  const { log } = analysis;
  const ref = (entry: LogEntry): EntryRef => (options.file === undefined
    ? { entry: entry.index, line: entry.startLine }
    : { file: options.file, entry: entry.index, line: entry.startLine });
  const sessions = analysis.sessions.sessions.map((s) => (log.format === 'bluecedar'
    ? blueCedarSession(log, s, ref)
    : oagSession(log, s, ref)));
  const events: EventFacts[] = [];
  const sessionOf = analysis.sessions.sessionOf;
  const isBlueCedar = log.format === 'bluecedar';
  // An indexed loop with the cheap tests inline: it visits every entry of a large log.
  const { entries } = log;
  let end = -Infinity;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    const time = entry.time;
    if (time !== undefined && time > end) {
      end = time;
    }
    const event = isBlueCedar
      ? (entry.kind === 'policyReject' ? blueCedarEvent(entry, ref) : undefined)
      : (entry.eventName !== undefined && entry.eventName.startsWith('USER_') ? oagEvent(log, entry, ref) : undefined);
    const id = sessionOf[i];
    if (event) {
      event.session = id >= 0 ? analysis.sessions.sessions[id].key : undefined;
      events.push(event);
    } else if (options.errors && entry.severity !== undefined && levelClass(log.format, entry.severity) === 'error') {
      events.push({
        kind: 'error', time: entry.time, zone: entry.zone, label: `${entry.component ?? ''} ${entry.severity}`.trim(),
        ...whoOfSession(analysis, id), session: id >= 0 ? analysis.sessions.sessions[id].key : undefined, where: ref(entry),
      });
    }
  }
  return { sessions, events, end: Number.isFinite(end) ? end : undefined };
}

/** Who the session an entry belongs to is about (so an error linked by EID lands on its session's row). */
function whoOfSession(analysis: Analysis, id: number): Pick<EventFacts, 'user' | 'device' | 'app'> {
  if (id < 0) {
    return {};
  }
  const session = analysis.sessions.sessions[id];
  const entry = analysis.log.entries[session.start ?? session.stop ?? session.members[0]];
  const info = entry.session;
  return {
    user: present(info?.username) ?? present(entry.subject),
    device: present(info?.uniqueId),
    app: present(info?.appName) ?? present(info?.appPackageId) ?? present(entry.app),
  };
}

/** Empty strings (a Wi-Fi tablet's carrier, a REJECT's publicSrcIp) are no value. */
function present(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function blueCedarSession(log: ParsedLog, session: Session, ref: (e: LogEntry) => EntryRef): SessionFacts {
  const start = session.start !== undefined ? log.entries[session.start] : undefined;
  const stop = session.stop !== undefined ? log.entries[session.stop] : undefined;
  const anchor = start ?? stop ?? log.entries[session.members[0]];
  const a: SessionInfo = start?.session ?? {};
  const b: SessionInfo = stop?.session ?? {};
  return {
    format: 'bluecedar',
    key: session.key,
    user: present(a.username) ?? present(b.username),
    device: present(a.deviceName) ?? present(b.deviceName) ?? present(a.uniqueId) ?? present(b.uniqueId),
    uniqueId: present(a.uniqueId) ?? present(b.uniqueId),
    osType: present(a.osType) ?? present(b.osType),
    app: present(a.appName) ?? present(b.appName) ?? present(a.appPackageId) ?? present(b.appPackageId),
    publicIp: present(a.publicSrcIp) ?? present(b.publicSrcIp),
    start: start?.time,
    stop: stop?.time,
    zone: anchor.zone,
    // Either end saying so is enough: the device was let in.
    jailbroken: a.jailbroken === true || b.jailbroken === true ? true : a.jailbroken ?? b.jailbroken,
    securityPatchVersion: present(a.securityPatchVersion) ?? present(b.securityPatchVersion),
    mobileCountryCode: present(a.mobileCountryCode) ?? present(b.mobileCountryCode),
    bytesRx: b.bytesRx,
    bytesTx: b.bytesTx,
    durationSeconds: b.durationSeconds,
    rejected: false,
    failed: false,
    where: ref(anchor),
    startRef: start && ref(start),
    stopRef: stop && ref(stop),
  };
}

function oagSession(log: ParsedLog, session: Session, ref: (e: LogEntry) => EntryRef): SessionFacts {
  const start = session.start !== undefined ? log.entries[session.start] : undefined;
  const stop = session.stop !== undefined ? log.entries[session.stop] : undefined;
  const anchor = start ?? stop ?? log.entries[session.members[0]];
  let user: string | undefined;
  let app: string | undefined;
  let remoteIp = present(start?.remoteIp);
  let rejected = false;
  for (const index of session.members) {
    const entry = log.entries[index];
    user ??= present(entry.subject);
    app ??= present(entry.app);
    remoteIp ??= present(entry.remoteIp);
    rejected ||= isDeny(entry.result);
  }
  return {
    format: 'oag',
    key: session.key,
    user,
    app,
    publicIp: remoteIp,
    start: start?.time,
    stop: stop?.time,
    zone: anchor.zone,
    rejected,
    failed: start !== undefined && isFail(start.result),
    where: ref(anchor),
    startRef: start && ref(start),
    stopRef: stop && ref(stop),
  };
}

function isFail(result: string | undefined): boolean {
  return result !== undefined && /^\s*FAIL/i.test(result);
}

function isDeny(result: string | undefined): boolean {
  return result !== undefined && /^\s*DENY/i.test(result);
}

function blueCedarEvent(entry: LogEntry, ref: (e: LogEntry) => EntryRef): EventFacts {
  const s = entry.session ?? {};
  return {
    kind: 'policyReject', time: entry.time, zone: entry.zone, user: present(s.username), device: present(s.uniqueId),
    sourceIp: present(s.publicSrcIp), app: present(s.appName) ?? present(s.appPackageId), reason: present(entry.reason),
    label: 'Policy REJECT', where: ref(entry),
  };
}

/** A header word of the console applications (the "admin console": the local admin UI). */
const CONSOLE_WORD = /(?:^|\s)(?:WEB_CONSOLE|ADMIN_CONSOLE)(?=\s|$)/;

/**
 * What an OAG user event counts as, if anything: decided before anything is built (most events are
 * ALLOWs). `text` is the document (or chunk) the entry was parsed from. The bundle index asks too.
 */
export function oagEventKind(text: string, entry: LogEntry): EventFactKind | undefined {
  const event = entry.eventName;
  if (event === undefined || !event.startsWith('USER_')) {
    return undefined;
  }
  if (event === 'USER_LOGIN' || event === 'USER_AUTHN') {
    if (isFail(entry.result)) {
      return event === 'USER_LOGIN' ? 'loginFail' : 'authnFail';
    }
    // A console login: the header names the console sub-process (cheap: the header is short).
    return event === 'USER_LOGIN' && !isDeny(entry.result) && CONSOLE_WORD.test(text.slice(entry.start, entry.eventStart ?? entry.start))
      ? 'adminLogin' : undefined;
  }
  if (isDeny(entry.result)) {
    return event === 'USER_AUTHZ' ? 'authzDeny' : event === 'USER_SESSION' ? 'sessionDeny' : undefined;
  }
  return undefined;
}

function oagEvent(log: ParsedLog, entry: LogEntry, ref: (e: LogEntry) => EntryRef): EventFacts | undefined {
  const event = entry.eventName!;
  const kind = oagEventKind(log.text, entry);
  if (kind === undefined) {
    return undefined;
  }
  const app = present(entry.app);
  const resource = deniedResource(log.text, entry, kind);
  return {
    kind, time: entry.time, zone: entry.zone, user: present(entry.subject), sourceIp: present(entry.remoteIp), app,
    reason: present(entry.reason), resource: present(resource), label: `${event}${entry.result ? ' ' + entry.result : ''}`,
    where: ref(entry),
  };
}

/** What a denial refused: the RESOURCE of a USER_AUTHZ, the application's domain (or name) of a USER_SESSION. */
export function deniedResource(text: string, entry: LogEntry, kind: EventFactKind): string | undefined {
  // Only denials are read again, for the resource the parse does not keep.
  return kind === 'authzDeny' ? structuredValue(text, entry, 'RESOURCE')
    : kind === 'sessionDeny' ? structuredValue(text, entry, 'APP_DOMAIN') ?? present(entry.app) : undefined;
}

/**
 * The value of `KEY="..."` in the entry's structured data, read again from the text. A quote inside a
 * value is escaped (`\"`), so `KEY="` after a blank or the opening bracket starts an item of its own.
 */
function structuredValue(text: string, entry: LogEntry, key: string): string | undefined {
  if (entry.payloadStart === undefined || entry.payloadEnd === undefined) {
    return undefined;
  }
  // A slice bounds the search to this entry (a search of the whole text could run to its end).
  const data = text.slice(entry.payloadStart, entry.payloadEnd);
  const needle = `${key}="`;
  for (let at = data.indexOf(needle); at !== -1; at = data.indexOf(needle, at + 1)) {
    const before = at === 0 ? 32 : data.charCodeAt(at - 1);
    if (before !== 32 && before !== 9 && before !== 91 /* [ */) {
      continue;
    }
    let value = '';
    for (let i = at + needle.length; i < data.length; i++) {
      const c = data.charCodeAt(i);
      if (c === 92 /* \ */ && i + 1 < data.length) {
        value += data[++i];
      } else if (c === 34 /* " */) {
        return value;
      } else {
        value += data[i];
      }
    }
    return value;
  }
  return undefined;
}
