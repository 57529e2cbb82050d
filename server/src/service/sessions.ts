/**
 * Which events belong together. Blue Cedar: a Session START and STOP pair by app.appGsid, or when
 * that is 0 or missing, by who and what connected (username, device, app, assigned IP); a non-zero
 * EID links an event to the session whose appGsid it equals. OAG: events sharing a SESSION_ID.
 */
import { LogEntry, LogFormat, ParsedLog } from './model';
import { detached } from './text';

export type PairingRule = 'appGsid' | 'identity' | 'sessionId';

export interface Session {
  id: number;
  rule: PairingRule;
  /** The appGsid, the identity key or the SESSION_ID. */
  key: string;
  /** Entry index of the START / login, if it is in the document. */
  start?: number;
  /** Entry index of the STOP / logout, if it is in the document. */
  stop?: number;
  /** Every entry of the session in document order, START and STOP included. */
  members: number[];
}

export interface SessionIndex {
  sessions: Session[];
  /** Session id by entry index; -1 for entries of no session. */
  sessionOf: Int32Array;
}

export function pairSessions(log: ParsedLog): SessionIndex {
  return log.format === 'bluecedar' ? pairBlueCedar(log.entries) : pairOag(log.entries);
}

/**
 * Whether pairing would treat two versions of an entry alike: what pairSessions reads of an entry
 * is its kind, its EID and its session key. An edit that changes none of these keeps the sessions.
 */
export function samePairingFacts(format: LogFormat, a: LogEntry, b: LogEntry): boolean {
  if (a.kind !== b.kind) {
    return false;
  }
  if (format === 'oag') {
    return a.sessionId === b.sessionId;
  }
  return a.eid === b.eid && blueCedarKey(a) === blueCedarKey(b);
}

/**
 * The key an entry joins a session by, as one string: `g:<appGsid>` for a Blue Cedar START or STOP with
 * an appGsid and for an event whose EID names one, `i:<identity>` for a START or STOP without one,
 * `s:<SESSION_ID>` for OAG. Undefined for entries of no session. (The bundle index keeps these.)
 */
export function pairingKeyOf(format: LogFormat, entry: LogEntry): string | undefined {
  if (format === 'oag') {
    return entry.sessionId === undefined ? undefined : `s:${entry.sessionId}`;
  }
  if (entry.kind === 'sessionStart' || entry.kind === 'sessionStop') {
    const gsid = gsidOf(entry);
    if (gsid) {
      return `g:${gsid}`;
    }
    const identity = identityKey(entry);
    return identity === undefined ? undefined : `i:${identity}`;
  }
  const eid = eidKey(entry.eid);
  return eid === undefined ? undefined : `g:${eid}`;
}

/** The key a Blue Cedar START or STOP pairs by (appGsid, else identity); undefined for other events. */
function blueCedarKey(entry: LogEntry): string | undefined {
  if (entry.kind !== 'sessionStart' && entry.kind !== 'sessionStop') {
    return undefined;
  }
  return gsidOf(entry) ?? identityKey(entry);
}

/** The appGsid as written, unless missing or zero (then the event pairs by identity). */
function gsidOf(entry: LogEntry): string | undefined {
  const gsid = entry.session?.appGsid;
  return gsid !== undefined && Number(gsid) !== 0 ? gsid : undefined;
}

/**
 * The gsid an EID names, in the form gsids are keyed by. An EID is read as a number; beyond 2^53 that
 * number may be another gsid's, so such an EID links to nothing rather than to the wrong session.
 */
function eidKey(eid: number | undefined): string | undefined {
  return eid && Number.isSafeInteger(eid) ? String(eid) : undefined;
}

/**
 * The open sessions of one identity, oldest first: a STOP closes the oldest. A read position instead
 * of Array.shift(), which moves every element each time (quadratic with many open sessions).
 */
interface OpenQueue {
  sessions: Session[];
  head: number;
}

function identityKey(entry: LogEntry): string | undefined {
  const s = entry.session;
  if (!s || (s.username === undefined && s.uniqueId === undefined)) {
    return undefined;
  }
  return `${s.username ?? ''}\u0000${s.uniqueId ?? ''}\u0000${s.appPackageId ?? ''}\u0000${s.assignedIp ?? ''}`;
}

function pairBlueCedar(entries: readonly LogEntry[]): SessionIndex {
  const sessions: Session[] = [];
  const sessionOf = new Int32Array(entries.length).fill(-1);
  /** Sessions by appGsid (as written), in order of appearance (a gsid may be reused after a STOP). */
  const byGsid = new Map<string, Session[]>();
  const openByIdentity = new Map<string, OpenQueue>();
  const add = (session: Session, entry: LogEntry, gsid?: string): void => {
    sessions.push(session);
    sessionOf[entry.index] = session.id;
    if (gsid) {
      const list = byGsid.get(gsid);
      if (list) {
        list.push(session);
      } else {
        byGsid.set(gsid, [session]);
      }
    }
  };
  for (const entry of entries) {
    if (entry.kind !== 'sessionStart' && entry.kind !== 'sessionStop') {
      continue;
    }
    const gsid = gsidOf(entry);
    if (gsid) {
      const list = byGsid.get(gsid);
      const latest = list?.[list.length - 1];
      if (entry.kind === 'sessionStart') {
        add({ id: sessions.length, rule: 'appGsid', key: gsid, start: entry.index, members: [entry.index] }, entry, gsid);
      } else if (latest && latest.stop === undefined) {
        latest.stop = entry.index;
        latest.members.push(entry.index);
        sessionOf[entry.index] = latest.id;
      } else {
        add({ id: sessions.length, rule: 'appGsid', key: gsid, stop: entry.index, members: [entry.index] }, entry, gsid);
      }
      continue;
    }
    const key = identityKey(entry);
    if (key === undefined) {
      continue;
    }
    let open = openByIdentity.get(key);
    if (entry.kind === 'sessionStart') {
      const session: Session = { id: sessions.length, rule: 'identity', key, start: entry.index, members: [entry.index] };
      add(session, entry);
      if (!open) {
        open = { sessions: [], head: 0 };
        openByIdentity.set(key, open);
      }
      open.sessions.push(session);
    } else if (open && open.head < open.sessions.length) {
      const session = open.sessions[open.head++];
      if (open.head === open.sessions.length) {
        open.sessions.length = 0;
        open.head = 0;
      }
      session.stop = entry.index;
      session.members.push(entry.index);
      sessionOf[entry.index] = session.id;
    } else {
      add({ id: sessions.length, rule: 'identity', key, stop: entry.index, members: [entry.index] }, entry);
    }
  }
  // EID links: an event with a non-zero EID joins the session with that appGsid (the latest one that
  // started at or before it, else the first).
  const linked = new Set<Session>();
  for (const entry of entries) {
    const eid = eidKey(entry.eid);
    if (eid === undefined || sessionOf[entry.index] !== -1) {
      continue;
    }
    const list = byGsid.get(eid);
    if (!list) {
      continue;
    }
    // The latest session with that appGsid that began at or before this event, else the first.
    let low = 0;
    let high = list.length - 1;
    let chosen = list[0];
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (firstIndex(list[mid]) <= entry.index) {
        chosen = list[mid];
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    chosen.members.push(entry.index);
    sessionOf[entry.index] = chosen.id;
    linked.add(chosen);
  }
  // Linked events were added after the START and STOP: put those sessions' members in document order.
  for (const session of linked) {
    session.members.sort((a, b) => a - b);
  }
  return { sessions, sessionOf };
}

function firstIndex(session: Session): number {
  return session.start ?? session.stop ?? session.members[0];
}

function pairOag(entries: readonly LogEntry[]): SessionIndex {
  const sessions: Session[] = [];
  const sessionOf = new Int32Array(entries.length).fill(-1);
  const byId = new Map<string, Session>();
  for (const entry of entries) {
    if (entry.sessionId === undefined) {
      continue;
    }
    let session = byId.get(entry.sessionId);
    if (!session) {
      // A copy: sessions outlive the document version this entry was read from (see detached).
      session = { id: sessions.length, rule: 'sessionId', key: detached(entry.sessionId), members: [] };
      sessions.push(session);
      byId.set(entry.sessionId, session);
    }
    session.members.push(entry.index);
    sessionOf[entry.index] = session.id;
    if (entry.kind === 'login' && session.start === undefined) {
      session.start = entry.index;
    } else if (entry.kind === 'logout') {
      session.stop = entry.index;
    }
  }
  return { sessions, sessionOf };
}

/** The other end of the pair: START -> STOP and STOP (or any member) -> START. */
export function pairedEntry(index: SessionIndex, entryIndex: number): number | undefined {
  const id = index.sessionOf[entryIndex];
  if (id < 0) {
    return undefined;
  }
  const session = index.sessions[id];
  if (entryIndex === session.start) {
    return session.stop;
  }
  return session.start ?? (entryIndex !== session.stop ? session.stop : undefined);
}
