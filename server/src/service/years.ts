/**
 * The syslog header form (`Oct  2 13:45:35`) has no year. Take it from neighbouring entries that have
 * one, count a year forward whenever the month goes back (Dec -> Jan), and when no entry names a
 * year at all, assume the newest entry is not in the future.
 *
 * Runs over every entry after each parse or edit, so it works on numbers kept on the entries (month,
 * year, the parsed time) and allocates nothing per entry.
 */
import { LogEntry } from './model';

/** Year-less entries are parsed in this year (a leap year, so 29 Feb survives until inference). */
export const PLACEHOLDER_YEAR = 2000;

export function inferYears(entries: readonly LogEntry[], now: Date): void {
  // Most logs carry the year on every line: find that out without building anything.
  if (!entries.some((e) => e.yearInferred && e.time !== undefined && e.month !== undefined)) {
    return;
  }
  const dated = entries.filter((e) => e.time !== undefined && e.month !== undefined);
  let firstExplicit = -1;
  let anyInferred = false;
  for (let i = 0; i < dated.length; i++) {
    if (dated[i].yearInferred) {
      anyInferred = true;
    } else if (firstExplicit === -1) {
      firstExplicit = i;
    }
  }
  if (!anyInferred) {
    return;
  }
  if (firstExplicit === -1) {
    const years = new Array<number>(dated.length);
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
    if (inYear(last, lastYear) > now.getTime() + 86_400_000) {
      lastYear--;
    }
    const shift = lastYear - years[dated.length - 1];
    for (let i = 0; i < dated.length; i++) {
      setYear(dated[i], years[i] + shift);
    }
    return;
  }
  let year = dated[firstExplicit].year!;
  for (let i = firstExplicit - 1; i >= 0; i--) {
    if (rolledOver(dated[i], dated[i + 1])) {
      year--;
    }
    setYear(dated[i], year);
  }
  year = dated[firstExplicit].year!;
  for (let i = firstExplicit + 1; i < dated.length; i++) {
    const entry = dated[i];
    if (!entry.yearInferred) {
      year = entry.year!;
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
  return previous.month! - next.month! > 6;
}

/**
 * The entry's parsed wall-clock time moved into `year`. Shifting by whole months keeps the day and
 * time, and a 29 February lands on 1 March in a year without one, as Date does.
 */
function inYear(entry: LogEntry, year: number): number {
  const parsed = entry.parsedTime ?? entry.time!;
  return parsed + monthShift(year, entry.month!);
}

/** Neighbouring entries share year and month: remember the last shift rather than ask Date twice per entry. */
let lastShiftKey = Number.NaN;
let lastShift = 0;

function monthShift(year: number, month: number): number {
  const key = year * 12 + month;
  if (key !== lastShiftKey) {
    lastShift = Date.UTC(year, month, 1) - Date.UTC(PLACEHOLDER_YEAR, month, 1);
    lastShiftKey = key;
  }
  return lastShift;
}

function setYear(entry: LogEntry, year: number): void {
  if (entry.yearInferred) {
    entry.time = inYear(entry, year);
  }
}
