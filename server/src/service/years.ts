/**
 * The syslog header form (`Oct  2 13:45:35`) has no year. Take it from neighbouring entries that have
 * one, count a year forward whenever the month goes back (Dec -> Jan), and when no entry names a
 * year at all, assume the newest entry is not in the future.
 *
 * Runs over every entry after each parse or edit, so it works on numbers kept on the entries (month,
 * year, the parsed time) and allocates nothing per entry. The same rule serves parsed documents
 * (LogEntry objects) and the bundle index (columns of numbers), through YearAccess.
 */
import { LogEntry } from './model';

/** Year-less entries are parsed in this year (a leap year, so 29 Feb survives until inference). */
export const PLACEHOLDER_YEAR = 2000;

/** The dated entries of a sequence, in order, as the rule reads and writes them. */
export interface YearAccess {
  count: number;
  /** Month (0-11) of dated entry i. */
  month(i: number): number;
  /** Whether entry i was written without a year. */
  inferred(i: number): boolean;
  /** The year entry i was written with (when not inferred). */
  explicitYear(i: number): number;
  /** Moves inferred entry i into `year`. */
  setYear(i: number, year: number): void;
  /** The time entry i would have in `year` (for the "not in the future" anchor). */
  timeIn(i: number, year: number): number;
}

export function inferYears(entries: readonly LogEntry[], now: Date): void {
  // Most logs carry the year on every line: find that out without building anything.
  if (!entries.some((e) => e.yearInferred && e.time !== undefined && e.month !== undefined)) {
    return;
  }
  const dated = entries.filter((e) => e.time !== undefined && e.month !== undefined);
  inferYearsOf({
    count: dated.length,
    month: (i) => dated[i].month!,
    inferred: (i) => dated[i].yearInferred === true,
    explicitYear: (i) => dated[i].year!,
    setYear: (i, year) => {
      dated[i].time = inYear(dated[i].parsedTime ?? dated[i].time!, dated[i].month!, year);
    },
    timeIn: (i, year) => inYear(dated[i].parsedTime ?? dated[i].time!, dated[i].month!, year),
  }, now);
}

/** The rule itself, over any sequence of dated entries. */
export function inferYearsOf(a: YearAccess, now: Date): void {
  let firstExplicit = -1;
  let anyInferred = false;
  for (let i = 0; i < a.count; i++) {
    if (a.inferred(i)) {
      anyInferred = true;
    } else if (firstExplicit === -1) {
      firstExplicit = i;
    }
  }
  if (!anyInferred) {
    return;
  }
  if (firstExplicit === -1) {
    const years = new Int32Array(a.count);
    let year = 0;
    for (let i = 1; i < a.count; i++) {
      if (rolledOver(a.month(i - 1), a.month(i))) {
        year++;
      }
      years[i] = year;
    }
    // Anchor so the newest entry falls in the current year, or the one before if it would be in the future.
    const last = a.count - 1;
    let lastYear = now.getUTCFullYear();
    if (a.timeIn(last, lastYear) > now.getTime() + 86_400_000) {
      lastYear--;
    }
    const shift = lastYear - years[last];
    for (let i = 0; i < a.count; i++) {
      a.setYear(i, years[i] + shift);
    }
    return;
  }
  let year = a.explicitYear(firstExplicit);
  for (let i = firstExplicit - 1; i >= 0; i--) {
    if (rolledOver(a.month(i), a.month(i + 1))) {
      year--;
    }
    a.setYear(i, year);
  }
  year = a.explicitYear(firstExplicit);
  for (let i = firstExplicit + 1; i < a.count; i++) {
    if (!a.inferred(i)) {
      year = a.explicitYear(i);
      continue;
    }
    if (rolledOver(a.month(i - 1), a.month(i))) {
      year++;
    }
    a.setYear(i, year);
  }
}

/** True when the next month is earlier than the previous by more than half a year: a new year began. */
function rolledOver(previousMonth: number, nextMonth: number): boolean {
  return previousMonth - nextMonth > 6;
}

/**
 * A time parsed in the placeholder year moved into `year`. Shifting by whole months keeps the day and
 * time, and a 29 February lands on 1 March in a year without one, as Date does.
 */
export function inYear(parsed: number, month: number, year: number): number {
  return parsed + monthShift(year, month);
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
