/**
 * Times as a log writes them and as a person types them: the wall clock, compared as written (the
 * log's own offset, not converted), which is how a person reads them off the screen. Used to find a
 * time range in a log of any size (client slices, filtered views) without parsing whole entries.
 */
import { MONTH_NAMES, monthOfName } from './months';

/** A wall-clock time as written; `year` is undefined for the syslog form (and a time typed without one). */
export interface WallClock {
  year: number | undefined;
  /** Month, day and time folded into one number that orders like the time itself. */
  withinYear: number;
}

const MONTH = `(${MONTH_NAMES.join('|')})`;
/** Blue Cedar header timestamp: `Nov 11 2021 22:24:37`, `Oct  2 13:45:35`, `Oct 22 2021 13:31:13.664259`. */
const BLUECEDAR_TIME = new RegExp(`^${MONTH} {1,2}(\\d{1,2})(?: (\\d{4}))? (\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?`);
/** OAG timestamp: `2021-09-14T08:05:03.127-05:00` (the offset is not part of the wall clock). */
const OAG_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?/;
/** What a person may type: `2021-11-11 22:24`, `2021-11-11T22:24:37`, `Nov 11 2021 22:24`, `Nov 11 22:24:37`. */
const TYPED_ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
const TYPED_SYSLOG = new RegExp(`^${MONTH} +(\\d{1,2})(?: (\\d{4}))? (\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?$`, 'i');

/** The time, or undefined when a part is out of range (logs do contain lines like `Nov 99 2021 25:61:00`). */
function wallClock(year: number | undefined, month: number, day: number, hour: number, minute: number, second: number, fraction?: string): WallClock | undefined {
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return undefined;
  }
  const millis = fraction ? Number(fraction.padEnd(3, '0').slice(0, 3)) : 0;
  return { year, withinYear: ((((month * 32 + day) * 24 + hour) * 60 + minute) * 60 + second) * 1000 + millis };
}

/**
 * The wall clock of a parsed time (milliseconds since the epoch, UTC, and the offset in minutes it was
 * written with, as LogEntry keeps them); `yearWritten` false for a year the parser inferred, which the
 * log did not write and so does not count when comparing.
 */
export function wallClockOfInstant(time: number, zone: number | undefined, yearWritten: boolean): WallClock | undefined {
    if (!Number.isFinite(time)) {
        return undefined;
    }
    const d = new Date(time + (zone ?? 0) * 60_000);
    if (Number.isNaN(d.getTime())) {
        return undefined;
    }
    return wallClock(yearWritten ? d.getUTCFullYear() : undefined, d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(),
        d.getUTCSeconds(), String(d.getUTCMilliseconds()).padStart(3, '0'));
}

/** The time an entry's header line starts with, or undefined when the line is not a header. */
export function entryTime(line: string): WallClock | undefined {
  let m = BLUECEDAR_TIME.exec(line);
  if (m) {
    return wallClock(m[3] ? Number(m[3]) : undefined, monthOfName(m[1]), Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]), m[7]);
  }
  m = OAG_TIME.exec(line);
  if (m) {
    return wallClock(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), m[7]);
  }
  return undefined;
}

/** The timestamp a header line starts with, as written (an OAG offset left off), or undefined. */
export function writtenTime(line: string): string | undefined {
  const m = BLUECEDAR_TIME.exec(line) ?? OAG_TIME.exec(line);
  return m && entryTime(line) ? m[0] : undefined;
}

/** A time typed by a person, or undefined when it is in none of the accepted forms or not a real time. */
export function parseTypedTime(input: string): WallClock | undefined {
  const text = input.trim();
  let m = TYPED_ISO.exec(text);
  let parts: [number | undefined, number, number, number, number, number, string | undefined] | undefined;
  if (m) {
    parts = [Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), m[7]];
  } else if ((m = TYPED_SYSLOG.exec(text))) {
    const month = monthOfName(m[1]);
    parts = [m[3] ? Number(m[3]) : undefined, month, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), m[7]];
  }
  return parts ? wallClock(...parts) : undefined;
}

/** The wall clock of a time kept as milliseconds of its written clock (a session's start as written). */
export function wallClockOfMillis(ms: number, withYear = true): WallClock {
  const d = new Date(ms);
  return {
    year: withYear ? d.getUTCFullYear() : undefined,
    withinYear: ((((d.getUTCMonth() * 32 + d.getUTCDate()) * 24 + d.getUTCHours()) * 60 + d.getUTCMinutes()) * 60 + d.getUTCSeconds()) * 1000 + d.getUTCMilliseconds(),
  };
}

/** Orders two times; the years count only when both have one. */
export function compareTimes(a: WallClock, b: WallClock): number {
  if (a.year !== undefined && b.year !== undefined && a.year !== b.year) {
    return a.year - b.year;
  }
  return a.withinYear - b.withinYear;
}

/** "FROM" or "FROM to TO": the range a person asked for, or a message saying what is wrong. */
export function parseTimeRange(input: string): { from: WallClock; to: WallClock | undefined } | string {
  const [fromText, toText, ...rest] = input.split(/\s+to\s+/i);
  if (rest.length > 0 || !fromText.trim()) {
    return 'Give a start time, optionally followed by "to" and an end time.';
  }
  const from = parseTypedTime(fromText);
  if (!from) {
    return `"${fromText.trim()}" is not a time in a form this command reads (for example 2021-11-11 22:24 or Nov 11 22:24:37).`;
  }
  if (toText === undefined) {
    return { from, to: undefined };
  }
  let to = parseTypedTime(toText);
  // "2021-11-11 22:00 to 22:30": an end with only a time of day takes its date from the start.
  const timeOnly = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(toText.trim());
  if (!to && timeOnly) {
    const day = Math.floor(from.withinYear / 86_400_000) * 86_400_000;
    const clock = ((Number(timeOnly[1]) * 60 + Number(timeOnly[2])) * 60 + Number(timeOnly[3] ?? 0)) * 1000;
    if (Number(timeOnly[1]) <= 23 && Number(timeOnly[2]) <= 59) {
      to = { year: from.year, withinYear: day + clock };
    }
  }
  if (!to) {
    return `"${toText.trim()}" is not a time in a form this command reads (for example 2021-11-11 22:30 or 22:30).`;
  }
  if (compareTimes(to, from) < 0) {
    // Without years, "Dec 31 23:00 to Jan 1 01:00" reads as going back in one year: say how to ask.
    return from.year === undefined && to.year === undefined
      ? 'The end time is before the start time. A range across New Year needs the years (for example 2021-12-31 23:00 to 2022-01-01 01:00).'
      : 'The end time is before the start time.';
  }
  return { from, to };
}

/** What a filter box takes: words to match, optionally followed by `from <time range>`. */
export interface TextAndRange {
  text: string;
  from?: WallClock;
  to?: WallClock;
}

/**
 * `akim`, `2021-11-01 10:00 to 11:00`, `akim from Nov 1 10:00 to 11:30`: the text part and the time
 * range part of a filter, or a message saying what is wrong with the range.
 */
export function parseTextAndRange(input: string): TextAndRange | string {
  const trimmed = input.trim();
  const split = /(^|\s)from\s+/i.exec(trimmed);
  const alone = parseTimeRange(trimmed);
  if (!split && typeof alone !== 'string') {
    return { text: '', from: alone.from, to: alone.to };
  }
  if (!split) {
    return { text: trimmed };
  }
  const range = parseTimeRange(trimmed.slice(split.index + split[0].length));
  if (typeof range === 'string') {
    return range;
  }
  return { text: trimmed.slice(0, split.index).trim(), from: range.from, to: range.to };
}
