/**
 * The syslog timestamp (`Oct  9 09:53:08`, sometimes with a year: `Nov 11 2021 22:24:37`) as a time
 * on an entry. Blue Cedar headers, older OAG lines and other programs' lines all write it; none of
 * them writes an offset, so the time is the log's wall clock, and without a year it is parsed in a
 * placeholder year that year inference (years.ts) replaces.
 */
import { daysInMonth, scanSyslogTimestamp, syslogStamp, utcTime } from './bluecedar/header';
import { LogEntry } from './model';
import { PLACEHOLDER_YEAR } from './years';

export interface WallTime {
  /** Offset just after the timestamp. */
  end: number;
  /** The wall clock as if it were UTC (in PLACEHOLDER_YEAR when no year is written); undefined if not a real date. */
  time: number | undefined;
  /** 0-11. */
  month: number;
  /** As written, or undefined for the year-less form. */
  year: number | undefined;
}

/** Reads a syslog timestamp at `at` into `out`; false (and `out` untouched) when there is none. */
export function readSyslogTime(text: string, at: number, out: WallTime): boolean {
  const end = scanSyslogTimestamp(text, at);
  if (end === -1) {
    return false;
  }
  const s = syslogStamp;
  const year = s.year === -1 ? undefined : s.year;
  out.end = end;
  out.month = s.month;
  out.year = year;
  const valid = s.day >= 1 && s.hour <= 23 && s.minute <= 59 && s.second <= 60 && s.day <= daysInMonth(year ?? PLACEHOLDER_YEAR, s.month);
  out.time = valid ? utcTime(year ?? PLACEHOLDER_YEAR, s.month, s.day, s.hour, s.minute, s.second, s.millis) : undefined;
  return true;
}

/** Puts a wall-clock time on an entry so that year inference can place it (see years.ts). */
export function setWallTime(entry: LogEntry, wall: WallTime): void {
  if (wall.time === undefined) {
    return;
  }
  entry.time = wall.time;
  entry.zone = undefined;
  entry.month = wall.month;
  entry.year = wall.year;
  entry.yearInferred = wall.year === undefined;
  if (entry.yearInferred) {
    entry.parsedTime = wall.time;
  }
}
