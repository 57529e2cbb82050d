/** When a session ran, also when one end is missing from the file. */
import { FactSet, SessionFacts } from '../model';

export interface Span {
  start: number;
  end: number;
  /** Whether an end was assumed (no STOP/logout in the file: open until the log's last time). */
  openEnded: boolean;
}

/** Where a session without STOP is taken to end: the log's last time, else the latest time any fact carries. */
export function lastTime(facts: FactSet): number | undefined {
  let last: number | undefined = facts.end !== undefined && Number.isFinite(facts.end) ? facts.end : undefined;
  const see = (t: number | undefined): void => {
    if (t !== undefined && Number.isFinite(t) && (last === undefined || t > last)) {
      last = t;
    }
  };
  for (const s of facts.sessions) {
    see(s.start);
    see(s.stop);
  }
  for (const e of facts.events) {
    see(e.time);
  }
  return last;
}

/** A STOP without START starts durationSeconds earlier; a START without STOP runs to `logEnd`. */
export function spanOf(s: SessionFacts, logEnd: number | undefined): Span | undefined {
  const start = s.start ?? (s.stop !== undefined && s.durationSeconds !== undefined ? s.stop - s.durationSeconds * 1000 : undefined);
  if (start === undefined) {
    return undefined;
  }
  if (s.stop !== undefined) {
    return s.stop >= start ? { start, end: s.stop, openEnded: false } : undefined;
  }
  return logEnd !== undefined && logEnd >= start ? { start, end: logEnd, openEnded: true } : undefined;
}

/** Seconds the session lasted: as its STOP reports it, else from its two timestamps. */
export function durationOf(s: SessionFacts): number | undefined {
  if (s.durationSeconds !== undefined && Number.isFinite(s.durationSeconds) && s.durationSeconds >= 0) {
    return s.durationSeconds;
  }
  return s.start !== undefined && s.stop !== undefined && s.stop >= s.start ? (s.stop - s.start) / 1000 : undefined;
}
