/** Consistency checks across the events of one session: the part a line-by-line view cannot see. */
import type { ProblemCode } from './diagnosticCodes';
import { LogEntry, ParsedLog, Problem } from './model';
import { Session, SessionIndex } from './sessions';
import { detached } from './text';

/** How far a STOP's durationSeconds may differ from its START->STOP timestamps (log clocks are to the second). */
export const DURATION_TOLERANCE_SECONDS = 2;

/** A problem of the session checks, anchored on the event it is about. */
export interface SessionProblem extends Problem {
  /** Index of the entry the problem is shown on. */
  entry: number;
}

export function checkSessions(log: ParsedLog, index: SessionIndex): SessionProblem[] {
  const problems: SessionProblem[] = [];
  const { entries } = log;
  const isBlueCedar = log.format === 'bluecedar';
  const startWord = isBlueCedar ? 'Session START' : 'login';
  const stopWord = isBlueCedar ? 'Session STOP' : 'logout';
  const unreadable = unreadableStops(log, index);
  for (const session of index.sessions) {
    const start = session.start !== undefined ? entries[session.start] : undefined;
    const stop = session.stop !== undefined ? entries[session.stop] : undefined;
    if (stop && !start) {
      // A STOP whose payload is broken was paired on what could be read of it: it says so, rather
      // than blaming a START that may well be in the file.
      problems.push(unreadable.includes(stop)
        ? at(stop, 'information', 'unreadable-stop', `This ${stopWord} cannot be paired with its ${startWord}: its JSON payload is broken, so the session it ends cannot be identified.`)
        : at(stop, 'information', 'stop-without-start', `This ${stopWord} has no matching ${startWord} in this file; it may be in an earlier (rotated) log.`));
    }
    if (start && !stop && (isBlueCedar || isSuccessfulLogin(start))) {
      const suspect = unreadable.find((s) => s.index > start.index && s.session?.username === start.session?.username);
      problems.push(at(start, 'hint', 'start-without-stop', suspect
        ? `This session has no ${stopWord} that could be paired with it; the ${stopWord} on line ${suspect.startLine + 1} may be its end, but its JSON payload is broken.`
        : `This session has no ${stopWord} in this file.`));
    }
    if (start && stop && start.time !== undefined && stop.time !== undefined) {
      if (stop.time < start.time) {
        problems.push(at(stop, 'warning', 'stop-before-start', `This ${stopWord} is timestamped before its ${startWord}.`));
      } else if (isBlueCedar) {
        checkDuration(stop, (stop.time - start.time) / 1000, problems);
      }
    }
    if (stop && isBlueCedar) {
      checkDurationText(stop, problems);
    }
  }
  if (isBlueCedar) {
    checkRestarts(entries, index, problems);
  }
  return problems;
}

/** Whether the parse found the entry's JSON payload broken (it then keeps only what it could read). */
export function hasBrokenPayload(entry: LogEntry): boolean {
  return entry.problems.some((p) => p.code === 'json-syntax' || p.code === 'json-too-deep');
}

/** Blue Cedar STOPs left without a START whose payload is broken, in document order. */
function unreadableStops(log: ParsedLog, index: SessionIndex): LogEntry[] {
  if (log.format !== 'bluecedar') {
    return [];
  }
  const stops: LogEntry[] = [];
  for (const session of index.sessions) {
    if (session.start === undefined && session.stop !== undefined && hasBrokenPayload(log.entries[session.stop])) {
      stops.push(log.entries[session.stop]);
    }
  }
  return stops.sort((a, b) => a.index - b.index);
}

function isSuccessfulLogin(entry: LogEntry): boolean {
  return entry.result === undefined || /^(PASS|ALLOW)$/i.test(entry.result.trim());
}

/**
 * Whether the checks would read the same from two versions of an entry, given the same sessions and
 * times: then an edit needs no re-check, only its problems moved (reanchor).
 */
export function sameCheckFacts(a: LogEntry, b: LogEntry): boolean {
  return a.result === b.result && a.session?.duration === b.session?.duration
    && a.session?.durationSeconds === b.session?.durationSeconds && hasBrokenPayload(a) === hasBrokenPayload(b);
}

/**
 * The same problems placed on the entries as they are now (an edit moved them). Only valid when the
 * facts, the sessions and the line numbers are unchanged: messages may quote line numbers.
 */
export function reanchor(problems: readonly SessionProblem[], entries: readonly LogEntry[]): SessionProblem[] {
  return problems.map((p) => at(entries[p.entry], p.severity, p.code, p.message));
}

function at(entry: LogEntry, severity: Problem['severity'], code: ProblemCode, message: string): SessionProblem {
  const start = entry.eventStart ?? entry.start;
  const end = entry.eventEnd ?? Math.min(entry.end, entry.start + 20);
  return { severity, start, end, code, message, entry: entry.index };
}

function checkDuration(stop: LogEntry, elapsed: number, problems: SessionProblem[]): void {
  const reported = stop.session?.durationSeconds;
  if (reported === undefined || Math.abs(reported - elapsed) <= DURATION_TOLERANCE_SECONDS) {
    return;
  }
  problems.push(at(stop, 'warning', 'duration-mismatch',
    `durationSeconds says ${reported} s, but the START and STOP timestamps are ${Math.round(elapsed)} s apart.`));
}

function checkDurationText(stop: LogEntry, problems: SessionProblem[]): void {
  const text = stop.session?.duration;
  const seconds = stop.session?.durationSeconds;
  if (text === undefined || seconds === undefined) {
    return;
  }
  const parsed = parseDurationText(text);
  if (parsed !== undefined && Math.abs(parsed - seconds) > 1) {
    problems.push(at(stop, 'warning', 'duration-text-mismatch',
      `duration reads "${text}" (${parsed} s) but durationSeconds is ${seconds}.`));
  }
}

const UNIT_SECONDS: Record<string, number> = { d: 86400, h: 3600, m: 60, s: 1 };

/** Duration texts repeat a lot across a log; reading each distinct one once keeps re-checks cheap. */
const durationCache = new Map<string, number | undefined>();

/** "7 minutes 17 seconds" -> 437; undefined when the text is not a duration we can read. */
export function parseDurationText(text: string): number | undefined {
  if (durationCache.has(text)) {
    return durationCache.get(text);
  }
  const seconds = readDurationText(text);
  if (durationCache.size > 10_000) {
    durationCache.clear();
  }
  // A copy as the key: the cache outlives documents, and a view into one would keep its whole text.
  durationCache.set(detached(text), seconds);
  return seconds;
}

function readDurationText(text: string): number | undefined {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)\s*(days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\b/gi)];
  if (parts.length === 0) {
    return undefined;
  }
  let total = 0;
  for (const [, amount, unit] of parts) {
    total += Number(amount) * UNIT_SECONDS[unit[0].toLowerCase()];
  }
  return total;
}

function checkRestarts(entries: readonly LogEntry[], index: SessionIndex, problems: SessionProblem[]): void {
  const lastByGsid = new Map<string, Session>();
  for (const session of index.sessions) {
    if (session.rule !== 'appGsid' || session.start === undefined) {
      continue;
    }
    const previous = lastByGsid.get(session.key);
    if (previous && previous.stop === undefined && previous.start !== undefined) {
      problems.push(at(entries[session.start], 'warning', 'start-twice',
        `appGsid ${session.key} already started at line ${entries[previous.start].startLine + 1} and has not stopped.`));
    }
    lastByGsid.set(session.key, session);
  }
}
