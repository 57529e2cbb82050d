/** A parsed document with everything derived from it once per version: sessions and cross-checks. */
import { EditResult } from './incremental';
import { LogEntry, ParsedLog } from './model';
import { checkSessions, reanchor, sameCheckFacts, SessionProblem } from './sessionChecks';
import { pairSessions, samePairingFacts, Session, SessionIndex } from './sessions';
import { Position, positionAt } from './text';

export interface Analysis {
  log: ParsedLog;
  sessions: SessionIndex;
  sessionProblems: SessionProblem[];
  /** Blue Cedar: how many entries carry each non-zero EID. */
  eidCounts: Map<number, number>;
}

export function analyze(log: ParsedLog): Analysis {
  const sessions = pairSessions(log);
  return { log, sessions, sessionProblems: checkSessions(log, sessions), eidCounts: countEids(log.entries) };
}

function countEids(entries: readonly LogEntry[]): Map<number, number> {
  const eidCounts = new Map<number, number>();
  for (const entry of entries) {
    if (entry.eid) {
      eidCounts.set(entry.eid, (eidCounts.get(entry.eid) ?? 0) + 1);
    }
  }
  return eidCounts;
}

/**
 * The analysis after an edit (see applyEditDetailed). Each step across the whole file is redone only
 * when the re-parsed entries changed what it reads: pairing (session keys, EIDs, kinds), the session
 * checks (durations, results), or the line numbers the checks quote. Otherwise the sessions are kept
 * and their problems are moved with the entries they are on.
 */
export function reanalyze(previous: Analysis, edit: EditResult): Analysis {
  const { log, replaced, redone } = edit;
  const sameEntries = edit.timesKept && replaced.length === redone.length;
  const format = log.format;
  if (!sameEntries || !replaced.every((e, i) => samePairingFacts(format, e, redone[i]))) {
    return analyze(log);
  }
  const sessions = previous.sessions;
  const sessionProblems = edit.lineDelta === 0 && replaced.every((e, i) => sameCheckFacts(e, redone[i]))
    ? reanchor(previous.sessionProblems, log.entries)
    : checkSessions(log, sessions);
  return { log, sessions, sessionProblems, eidCounts: previous.eidCounts };
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
