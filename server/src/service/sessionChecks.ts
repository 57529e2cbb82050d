/** Consistency checks across the events of one session: the part a line-by-line view cannot see. */
import { LogEntry, ParsedLog, Problem } from './model';
import { Session, SessionIndex } from './sessions';
import { isJsWhitespace, isWordChar } from './text';

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
  // Duration texts repeat a lot across a log: each distinct one is read once per check. The cache
  // lives for this check only, so it keeps nothing of a document after it.
  const durations = new Map<string, number | undefined>();
  for (const session of index.sessions) {
    const start = session.start !== undefined ? entries[session.start] : undefined;
    const stop = session.stop !== undefined ? entries[session.stop] : undefined;
    if (stop && !start) {
      problems.push(at(stop, 'information', 'stop-without-start',
        `This ${stopWord} has no matching ${startWord} in this file; it may be in an earlier (rotated) log.`));
    }
    if (start && !stop && (isBlueCedar || isSuccessfulLogin(start))) {
      problems.push(at(start, 'hint', 'start-without-stop', `This session has no ${stopWord} in this file.`));
    }
    if (start && stop && start.time !== undefined && stop.time !== undefined) {
      if (stop.time < start.time) {
        problems.push(at(stop, 'warning', 'stop-before-start', `This ${stopWord} is timestamped before its ${startWord}.`));
      } else if (isBlueCedar) {
        checkDuration(stop, (stop.time - start.time) / 1000, problems);
      }
    }
    if (stop && isBlueCedar) {
      checkDurationText(stop, problems, durations);
    }
  }
  if (isBlueCedar) {
    checkRestarts(entries, index, problems);
  }
  return problems;
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
    && a.session?.durationSeconds === b.session?.durationSeconds;
}

/**
 * The same problems placed on the entries as they are now (an edit moved them). Only valid when the
 * facts, the sessions and the line numbers are unchanged: messages may quote line numbers.
 */
export function reanchor(problems: readonly SessionProblem[], entries: readonly LogEntry[]): SessionProblem[] {
  return problems.map((p) => at(entries[p.entry], p.severity, p.code, p.message));
}

function at(entry: LogEntry, severity: Problem['severity'], code: string, message: string): SessionProblem {
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

function checkDurationText(stop: LogEntry, problems: SessionProblem[], cache: Map<string, number | undefined>): void {
  const text = stop.session?.duration;
  const seconds = stop.session?.durationSeconds;
  if (text === undefined || seconds === undefined) {
    return;
  }
  let parsed = cache.get(text);
  if (parsed === undefined && !cache.has(text)) {
    parsed = parseDurationText(text);
    cache.set(text, parsed);
  }
  if (parsed !== undefined && Math.abs(parsed - seconds) > 1) {
    problems.push(at(stop, 'warning', 'duration-text-mismatch',
      `duration reads "${text}" (${parsed} s) but durationSeconds is ${seconds}.`));
  }
}

/** A real duration text is a few words ("1 day 2 hours 3 minutes 4 seconds"); longer ones are not read. */
export const MAX_DURATION_TEXT = 100;

const UNIT_SECONDS = new Map<string, number>();
for (const [seconds, words] of [
  [86400, ['d', 'day', 'days']], [3600, ['h', 'hr', 'hrs', 'hour', 'hours']],
  [60, ['m', 'min', 'mins', 'minute', 'minutes']], [1, ['s', 'sec', 'secs', 'second', 'seconds']],
] as const) {
  for (const word of words) {
    UNIT_SECONDS.set(word, seconds);
  }
}

/**
 * "7 minutes 17 seconds" -> 437; undefined when the text holds no amount with a unit, or is longer
 * than MAX_DURATION_TEXT. One pass: each run of digits is read whole with the word after it (a
 * regular expression backtracked over long digit runs, quadratic in their length).
 */
export function parseDurationText(text: string): number | undefined {
  if (text.length > MAX_DURATION_TEXT) {
    return undefined;
  }
  let total = 0;
  let found = false;
  let i = 0;
  while (i < text.length) {
    if (!isDigitCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const numberStart = i;
    while (isDigitCode(text.charCodeAt(i))) {
      i++;
    }
    let fractionStart = -1;
    if (text.charCodeAt(i) === 46 /* . */ && isDigitCode(text.charCodeAt(i + 1))) {
      fractionStart = ++i;
      while (isDigitCode(text.charCodeAt(i))) {
        i++;
      }
    }
    const numberEnd = i;
    let unitStart = i;
    while (unitStart < text.length && isJsWhitespace(text.charCodeAt(unitStart))) {
      unitStart++;
    }
    let unitEnd = unitStart;
    while (unitEnd < text.length && isWordChar(text.charCodeAt(unitEnd))) {
      unitEnd++;
    }
    const unit = UNIT_SECONDS.get(text.slice(unitStart, unitEnd).toLowerCase());
    if (unit !== undefined) {
      total += Number(text.slice(numberStart, numberEnd)) * unit;
      found = true;
      i = unitEnd;
    } else if (fractionStart !== -1) {
      // "1.5.5 h": the fraction's digits may begin an amount of their own (5.5 h). A start inside the
      // whole part would read the same digits to the same end, so only the fraction is read again.
      i = fractionStart;
    }
  }
  return found ? total : undefined;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
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
