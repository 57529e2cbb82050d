/**
 * The timestamp that starts an OAG entry line, read by scanning character codes (every line of a
 * document passes through here). Current logs write ISO 8601 with an offset; the older format (the
 * logging overview's examples) writes the BSD syslog form without year or offset, `Oct  9 09:53:08`.
 * The ISO reader accepts what this expression matches at `at`:
 *   (\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})(?=[ \t\r\n]|$)
 */
import { daysInMonth, utcTime } from '../bluecedar/header';
import { readSyslogTime, WallTime } from '../syslogTime';
import { isDigit } from '../text';

export interface OagStamp {
  /** Offset just after the timestamp. */
  end: number;
  /** Milliseconds since the epoch, or undefined when the parts are not a real date and time. */
  time: number | undefined;
  /** The offset from UTC written with the timestamp, in minutes (`Z` is 0); undefined for the syslog form. */
  zone: number | undefined;
  /** Month (0-11) and year of the wall clock as written (year undefined for the syslog form without one). */
  month: number;
  year: number | undefined;
  /** Whether the timestamp is the syslog form: `time` is then the wall clock, in a placeholder year when none is written. */
  syslog: boolean;
}

export function newOagStamp(): OagStamp {
  return { end: 0, time: undefined, zone: 0, month: 0, year: undefined, syslog: false };
}

const wall: WallTime = { end: 0, time: undefined, month: 0, year: undefined };

/** Reads either timestamp form at `at` into `out`; false (and `out` untouched) when there is none. */
export function readOagStamp(text: string, at: number, out: OagStamp): boolean {
  if (readOagTimestamp(text, at, out)) {
    return true;
  }
  if (!readSyslogTime(text, at, wall)) {
    return false;
  }
  const after = text.charCodeAt(wall.end);
  if (wall.end < text.length && after !== 32 && after !== 9 && after !== 13 && after !== 10) {
    return false;
  }
  out.end = wall.end;
  out.time = wall.time;
  out.zone = undefined;
  out.month = wall.month;
  out.year = wall.year;
  out.syslog = true;
  return true;
}

/** Reads the ISO timestamp at `at` into `out`; false (and `out` untouched) when there is none. */
export function readOagTimestamp(text: string, at: number, out: OagStamp): boolean {
  if (!isDigit(text.charCodeAt(at)) || !isDigit(text.charCodeAt(at + 1)) || !isDigit(text.charCodeAt(at + 2))
    || !isDigit(text.charCodeAt(at + 3)) || text.charCodeAt(at + 4) !== 45 /* - */
    || !twoDigits(text, at + 5) || text.charCodeAt(at + 7) !== 45
    || !twoDigits(text, at + 8) || text.charCodeAt(at + 10) !== 84 /* T */
    || !twoDigits(text, at + 11) || text.charCodeAt(at + 13) !== 58 /* : */
    || !twoDigits(text, at + 14) || text.charCodeAt(at + 16) !== 58
    || !twoDigits(text, at + 17)) {
    return false;
  }
  let p = at + 19;
  let millis = 0;
  if (text.charCodeAt(p) === 46 /* . */ && isDigit(text.charCodeAt(p + 1))) {
    // One to nine fraction digits (a tenth cannot be followed by a zone); the first three are milliseconds.
    const from = p + 1;
    p = from;
    while (isDigit(text.charCodeAt(p))) {
      if (p - from < 3) {
        millis += (text.charCodeAt(p) - 48) * (p === from ? 100 : p === from + 1 ? 10 : 1);
      }
      p++;
    }
    if (p - from > 9) {
      return false;
    }
  }
  let offsetMinutes = 0;
  const zone = text.charCodeAt(p);
  if (zone === 90 /* Z */) {
    p++;
  } else if (zone === 43 /* + */ || zone === 45 /* - */) {
    if (!twoDigits(text, p + 1)) {
      return false;
    }
    const colon = text.charCodeAt(p + 3) === 58 && twoDigits(text, p + 4) ? 1 : 0;
    if (colon === 0 && !twoDigits(text, p + 3)) {
      return false;
    }
    offsetMinutes = (zone === 45 ? -1 : 1) * (number(text, p + 1, 2) * 60 + number(text, p + 3 + colon, 2));
    p += 5 + colon;
  } else {
    return false;
  }
  const after = text.charCodeAt(p);
  if (p < text.length && after !== 32 && after !== 9 && after !== 13 && after !== 10) {
    return false;
  }
  const year = number(text, at, 4);
  const month = number(text, at + 5, 2);
  const day = number(text, at + 8, 2);
  const hour = number(text, at + 11, 2);
  const minute = number(text, at + 14, 2);
  const second = number(text, at + 17, 2);
  out.end = p;
  out.zone = offsetMinutes;
  out.month = month - 1;
  out.year = year;
  out.syslog = false;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60 || day > daysInMonth(year, month - 1)) {
    out.time = undefined;
  } else {
    out.time = utcTime(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  }
  return true;
}

function twoDigits(text: string, at: number): boolean {
  return isDigit(text.charCodeAt(at)) && isDigit(text.charCodeAt(at + 1));
}

function number(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    value = value * 10 + text.charCodeAt(i) - 48;
  }
  return value;
}
