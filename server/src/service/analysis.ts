/** A parsed document with everything derived from it once per version: sessions and cross-checks. */
import { LogEntry, ParsedLog, Problem } from './model';
import { checkSessions } from './sessionChecks';
import { pairSessions, Session, SessionIndex } from './sessions';
import { Position, positionAt } from './text';

export interface Analysis {
  log: ParsedLog;
  sessions: SessionIndex;
  sessionProblems: Problem[];
  /** Blue Cedar: how many entries carry each non-zero EID. */
  eidCounts: Map<number, number>;
}

export function analyze(log: ParsedLog): Analysis {
  const sessions = pairSessions(log);
  const eidCounts = new Map<number, number>();
  for (const entry of log.entries) {
    if (entry.eid) {
      eidCounts.set(entry.eid, (eidCounts.get(entry.eid) ?? 0) + 1);
    }
  }
  return { log, sessions, sessionProblems: checkSessions(log, sessions), eidCounts };
}

/**
 * After an edit that changed no entry's facts (see applyEditDetailed), sessions and EID counts
 * stay as they were; only the cross-checks are redone, since they point at shifted offsets.
 */
export function reanalyzeSameFacts(previous: Analysis, log: ParsedLog): Analysis {
  return { log, sessions: previous.sessions, eidCounts: previous.eidCounts, sessionProblems: checkSessions(log, previous.sessions) };
}

export function sessionOfEntry(analysis: Analysis, entry: LogEntry): Session | undefined {
  const id = analysis.sessions.sessionOf[entry.index];
  return id >= 0 ? analysis.sessions.sessions[id] : undefined;
}

export interface OffsetRange {
  start: Position;
  end: Position;
}

export function rangeOf(log: ParsedLog, start: number, end: number): OffsetRange {
  return { start: positionAt(log.lineStarts, log.text.length, start), end: positionAt(log.lineStarts, log.text.length, end) };
}

/** The entry's first line: what a symbol selects and a jump lands on. */
export function headerLineRange(log: ParsedLog, entry: LogEntry): OffsetRange {
  const lineEnd = entry.startLine + 1 < log.lineStarts.length ? log.lineStarts[entry.startLine + 1] - 1 : log.text.length;
  let end = Math.min(entry.end, Math.max(entry.start, lineEnd));
  if (end > entry.start && log.text.charCodeAt(end - 1) === 13) {
    end--;
  }
  return rangeOf(log, entry.start, end);
}

export function entryRange(log: ParsedLog, entry: LogEntry): OffsetRange {
  return rangeOf(log, entry.start, entry.end);
}
