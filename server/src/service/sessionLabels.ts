/** How a session and its events are named wherever they are shown (outline, CodeLens, hover, references). */
import { Analysis } from './analysis';
import { foreignLineName } from './features/foreignOutline';
import { entryFields } from './fields';
import { truncate } from './markdown';
import { clockTime, humanDuration } from './wording';
import { LogEntry, ParsedLog } from './model';
import { Session } from './sessions';

function representative(analysis: Analysis, session: Session): LogEntry {
  return analysis.log.entries[session.start ?? session.stop ?? session.members[0]];
}

/** `jruser · PromCLI · ios` (Blue Cedar) or `alice@example.com · Sample Header App` (OAG). */
export function sessionName(analysis: Analysis, session: Session): string {
  const entry = representative(analysis, session);
  const parts: string[] = [];
  if (analysis.log.format === 'bluecedar') {
    const info = entry.session ?? {};
    parts.push(info.username || '(no user)');
    if (info.appName || info.appPackageId) {
      parts.push(info.appName || info.appPackageId!);
    }
    if (info.osType) {
      parts.push(info.osType);
    }
  } else {
    // The first member naming each: a hover asks this of sessions of any size, so no list of them all.
    const { entries } = analysis.log;
    let subject: string | undefined;
    let app: string | undefined;
    for (let i = 0; i < session.members.length && !(subject && app); i++) {
      const member = entries[session.members[i]];
      subject ||= member.subject;
      app ||= member.app;
    }
    parts.push(subject || '(no subject)');
    if (app) {
      parts.push(app);
    }
  }
  return parts.join(' · ');
}

/**
 * What a session amounts to: both ends in the file; started and still open at the end of the file;
 * ended without its start in the file; refused (an OAG login or session check that failed, and
 * nothing that succeeded); or a fragment with neither end.
 */
export type SessionShape = 'complete' | 'open' | 'unstarted' | 'refused' | 'fragment';

const FAILED = /^(FAIL|FAILED|FAILURE|DENY|DENIED|REJECT|REJECTED)$/i;

export function isRefusal(entry: LogEntry): boolean {
  return entry.result !== undefined && FAILED.test(entry.result.trim());
}

export function sessionShape(analysis: Analysis, session: Session): SessionShape {
  if (session.start !== undefined && session.stop !== undefined) {
    return 'complete';
  }
  const { entries } = analysis.log;
  // Only OAG writes a result per event: a login that failed opened nothing that could stay open.
  if (analysis.log.format === 'oag' && session.members.every((i) => isRefusal(entries[i]))) {
    return 'refused';
  }
  if (session.start !== undefined) {
    return 'open';
  }
  return session.stop !== undefined ? 'unstarted' : 'fragment';
}

/**
 * `13:45:35 → 13:46:24 · 49 s · gsid 2572815711`, saying which end is missing; a refused login says
 * so instead of reporting a session that never ended.
 */
export function sessionDetail(analysis: Analysis, session: Session): string {
  const { entries } = analysis.log;
  const start = session.start !== undefined ? entries[session.start] : undefined;
  const stop = session.stop !== undefined ? entries[session.stop] : undefined;
  const parts: string[] = [];
  const shape = sessionShape(analysis, session);
  if (shape === 'refused') {
    const first = entries[session.members[0]];
    parts.push(`${clockTime(first)} · ${refusalWords(first)}`);
  } else if (start && stop) {
    parts.push(`${clockTime(start)} → ${clockTime(stop)}`);
    if (start.time !== undefined && stop.time !== undefined) {
      parts.push(humanDuration((stop.time - start.time) / 1000));
    }
  } else if (start) {
    parts.push(`${clockTime(start)} → (no ${stopWord(analysis)} in file)`);
  } else if (stop) {
    parts.push(`(no ${startWord(analysis)} in file) → ${clockTime(stop)}`);
  } else {
    parts.push(`${clockTime(entries[session.members[0]])} · no ${startWord(analysis)} or ${stopWord(analysis)}`);
  }
  parts.push(ruleLabel(session));
  return parts.join(' · ');
}

/** `login refused (INVALID_CREDENTIALS)`, `session check denied (NOT_EXIST)`. */
function refusalWords(entry: LogEntry): string {
  const what = entry.kind === 'login' ? 'login' : entry.eventName === 'USER_SESSION' ? 'session check' : (entry.eventName ?? 'event');
  const verdict = /^DEN/i.test(entry.result?.trim() ?? '') ? 'denied' : 'refused';
  return `${what} ${verdict}${entry.reason ? ` (${entry.reason})` : ''}`;
}

export function ruleLabel(session: Session): string {
  switch (session.rule) {
    case 'appGsid':
      return `gsid ${session.key}`;
    case 'identity':
      return 'paired by user, device and app';
    default:
      return `session ${session.key.length > 14 ? truncate(session.key, 12) : session.key}`;
  }
}

export function startWord(analysis: Analysis): string {
  return analysis.log.format === 'bluecedar' ? 'START' : 'login';
}

export function stopWord(analysis: Analysis): string {
  return analysis.log.format === 'bluecedar' ? 'STOP' : 'logout';
}

/** How long a label taken from log text may get before it is cut (names must stay one short line). */
const MAX_LABEL_TEXT = 80;

function cut(text: string, max = MAX_LABEL_TEXT): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

/** `Device failed validation` -> `device failed validation`; `MAC address…` keeps its capitals. */
function lowerFirst(text: string): string {
  return text.length > 1 && /[a-z]/.test(text[1]) ? text[0].toLowerCase() + text.slice(1) : text;
}

const IP_ONLY = /^\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?$/;

/** The first line of the entry's message (or its event name onwards), trimmed. */
function messageLine(log: ParsedLog, entry: LogEntry): string {
  const { text } = log;
  const lineEnd = text.indexOf('\n', entry.messageStart);
  return text.slice(entry.messageStart, Math.min(entry.end, lineEnd === -1 ? entry.end : lineEnd)).trim();
}

function jsonValue(log: ParsedLog, entry: LogEntry, name: string): string | undefined {
  return entryFields(log, entry).find((f) => f.group === 'json' && f.name === name)?.value;
}

/**
 * What happened, in a few words: `Policy REJECT · mreyes · device failed validation`,
 * `Link Update · ethernet1 down`, `IKE peer 98.207.113.66`, `USER_AUTHZ DENY`.
 */
export function eventLabel(analysis: Analysis, entry: LogEntry): string {
  const { log } = analysis;
  if (entry.kind === 'foreign') {
    return foreignLineName(log, entry);
  }
  if (log.format === 'oag') {
    return oagEventLabel(analysis, entry);
  }
  switch (entry.kind) {
    case 'policyReject': {
      const parts = ['Policy REJECT', entry.session?.username || '(no user)'];
      if (entry.reason) {
        parts.push(lowerFirst(cut(entry.reason, 60)));
      }
      return parts.join(' · ');
    }
    case 'linkUpdate': {
      const port = jsonValue(log, entry, 'linkUpdate.name');
      const status = jsonValue(log, entry, 'linkUpdate.status');
      const what = [port, status].filter((s) => s).map((s) => cut(s!, 30)).join(' ');
      return what ? `Link Update · ${what}` : 'Link Update';
    }
    case 'unexpectedStop': {
      const handle = /handle\s+(\S+)/.exec(messageLine(log, entry))?.[1];
      return `Unexpected accounting STOP${handle ? ` · handle ${cut(handle, 30)}` : ''}`;
    }
    default:
      break;
  }
  if (entry.eventName) {
    return entry.eventName;
  }
  const message = messageLine(log, entry);
  const component = entry.component?.trim();
  if (!message) {
    return component ? `[${component}]` : 'entry';
  }
  if (component && IP_ONLY.test(message)) {
    // IKE writes the address of the peer it negotiates with, and nothing else.
    return `${component} peer ${message}`;
  }
  if (component && !message.toUpperCase().startsWith(component.toUpperCase())) {
    return `${component} · ${cut(message)}`;
  }
  return cut(message);
}

function oagEventLabel(analysis: Analysis, entry: LogEntry): string {
  let name = entry.eventName || cut(messageLine(analysis.log, entry)) || 'entry';
  if (entry.result) {
    name += ` ${cut(entry.result, 20)}`;
  }
  // Outside a session the symbol stands alone: say who it concerns and, for a refusal, why.
  if (analysis.sessions.sessionOf[entry.index] === -1) {
    if (entry.subject) {
      name += ` · ${cut(entry.subject, 60)}`;
    }
    if (entry.reason && isRefusal(entry)) {
      name += ` · ${cut(entry.reason, 60)}`;
    }
  }
  return name;
}

/** The name of an event's symbol: what happened, then when (as the log writes it). */
export function eventName(analysis: Analysis, entry: LogEntry): string {
  return `${eventLabel(analysis, entry)} · ${clockTime(entry)}`;
}

/**
 * The offsets of what tells this entry apart from its neighbours: its event name, else the first line
 * of its message, else its header line. References and highlights point here, so that their previews
 * differ from row to row instead of all starting with a timestamp.
 */
export function distinguishingSpan(log: ParsedLog, entry: LogEntry): { start: number; end: number } {
  if (entry.eventStart !== undefined && entry.eventEnd !== undefined && entry.eventEnd > entry.eventStart) {
    return { start: entry.eventStart, end: entry.eventEnd };
  }
  const { text } = log;
  let start = entry.messageStart;
  const lineEnd = text.indexOf('\n', start);
  let end = Math.min(entry.end, lineEnd === -1 ? entry.end : lineEnd);
  while (end > start && /\s/.test(text[end - 1])) {
    end--;
  }
  // A payload alone (`{...}`) tells nothing apart: fall back to the header line.
  if (end <= start || start === entry.payloadStart) {
    start = entry.start;
    const headerEnd = text.indexOf('\n', start);
    end = Math.min(entry.end, headerEnd === -1 ? entry.end : headerEnd);
    while (end > start && /\s/.test(text[end - 1])) {
      end--;
    }
  }
  return { start, end: Math.min(end, start + 200) };
}
