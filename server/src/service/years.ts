/**
 * The syslog header form (`Oct  2 13:45:35`) has no year. Take it from neighbouring entries that have
 * one, count a year forward whenever the month goes back (Dec -> Jan), and when no entry names a
 * year at all, assume the newest entry is not in the future.
 */
import { LogEntry } from './model';

/** Entries were parsed with the placeholder year 2000 (a leap year, so 29 Feb survives). */
export const PLACEHOLDER_YEAR = 2000;

export function inferYears(entries: readonly LogEntry[], now: Date): void {
  const dated = entries.filter((e) => e.time !== undefined);
  if (!dated.some((e) => e.yearInferred)) {
    return;
  }
  const firstExplicit = dated.findIndex((e) => !e.yearInferred);
  const years = new Array<number>(dated.length);
  if (firstExplicit === -1) {
    let year = 0;
    for (let i = 0; i < dated.length; i++) {
      if (i > 0 && rolledOver(dated[i - 1], dated[i])) {
        year++;
      }
      years[i] = year;
    }
    // Anchor so the newest entry falls in the current year, or the one before if it would be in the future.
    const last = dated[dated.length - 1];
    let lastYear = now.getUTCFullYear();
    if (withYear(wallClock(last), lastYear) > now.getTime() + 86_400_000) {
      lastYear--;
    }
    const shift = lastYear - years[dated.length - 1];
    for (let i = 0; i < dated.length; i++) {
      setYear(dated[i], years[i] + shift);
    }
    return;
  }
  let year = new Date(dated[firstExplicit].time!).getUTCFullYear();
  for (let i = firstExplicit - 1; i >= 0; i--) {
    if (rolledOver(dated[i], dated[i + 1])) {
      year--;
    }
    setYear(dated[i], year);
  }
  year = new Date(dated[firstExplicit].time!).getUTCFullYear();
  for (let i = firstExplicit + 1; i < dated.length; i++) {
    const entry = dated[i];
    if (!entry.yearInferred) {
      year = new Date(entry.time!).getUTCFullYear();
      continue;
    }
    if (rolledOver(dated[i - 1], entry)) {
      year++;
    }
    setYear(entry, year);
  }
}

/** True when `next` is in an earlier month than `previous` by more than half a year: a new year began. */
function rolledOver(previous: LogEntry, next: LogEntry): boolean {
  const a = new Date(wallClock(previous)).getUTCMonth();
  const b = new Date(wallClock(next)).getUTCMonth();
  return a - b > 6;
}

/**
 * The time as parsed, in the placeholder year, of entries whose year is inferred. Inference runs
 * again on entries kept by an incremental re-parse; starting from the parsed time each run keeps
 * the result equal to a fresh parse (29 Feb moved to a year without it would otherwise stay 1 Mar).
 */
const parsedTimes = new WeakMap<LogEntry, number>();

function wallClock(entry: LogEntry): number {
  if (!entry.yearInferred) {
    return entry.time!;
  }
  let parsed = parsedTimes.get(entry);
  if (parsed === undefined) {
    parsed = entry.time!;
    parsedTimes.set(entry, parsed);
  }
  return parsed;
}

function withYear(time: number, year: number): number {
  const d = new Date(time);
  d.setUTCFullYear(year);
  return d.getTime();
}

function setYear(entry: LogEntry, year: number): void {
  if (entry.yearInferred) {
    entry.time = withYear(wallClock(entry), year);
  }
}
