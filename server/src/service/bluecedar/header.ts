/**
 * The Blue Cedar entry header:
 *   `Nov 11 2021 22:24:37 tilera3 Mocana: [AAA], SubCls:ACCT, EID: 0, Type: Acct, Sev:Informational,`
 *   `Oct  2 13:45:35 tilera3 Mocana: [AAA], ...`          (syslog form, no year)
 *   `Oct 22 2021 13:31:13.664259: [AAA]`                   (no gateway name, microseconds)
 * The key/value part may wrap onto following lines.
 *
 * Every header line of a document passes through here, so the grammar is read by scanning character
 * codes rather than with regular expressions: no match arrays or substrings for the parts that are
 * only numbers or only checked. What each scanner accepts is given as the equivalent regular expression.
 */
import { Field, FieldSink, Problem } from '../model';
import { isBlankOrTab, isDigit, isJsWhitespace, isWordChar, matchesOneOf, StringCache } from '../text';
import { monthAt } from '../formats/months';
import { BLUECEDAR_COMPONENTS, BLUECEDAR_PROGRAMS, BLUECEDAR_SEVERITIES, BLUECEDAR_TYPES, isOneOf } from '../formats/vocabulary';

/** Parts of the timestamp read by the last successful scanTimestamp (module state: nothing allocated). */
const stamp = { month: 0, day: 0, year: -1, hour: 0, minute: 0, second: 0, millis: 0 };

/** The parts the last successful scanSyslogTimestamp read (`year` is -1 when the line writes none). */
export const syslogStamp: Readonly<typeof stamp> = stamp;

/**
 * Reads `(Jan|...|Dec) {1,2}(\d{1,2})(?: (\d{4}))? (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?` at `at`
 * into `syslogStamp`. Returns the offset after it, or -1. The syslog timestamp of both formats (Blue
 * Cedar headers, older OAG lines, other programs' lines) is read here and nowhere else.
 */
export function scanSyslogTimestamp(text: string, at: number): number {
  return scanTimestamp(text, at);
}

function scanTimestamp(text: string, at: number): number {
  const month = monthAt(text, at);
  if (month === -1) {
    return -1;
  }
  let p = at + 3;
  if (text.charCodeAt(p) !== 32) {
    return -1;
  }
  p++;
  if (text.charCodeAt(p) === 32) {
    p++;
  }
  let c = text.charCodeAt(p);
  if (!isDigit(c)) {
    return -1;
  }
  let day = c - 48;
  c = text.charCodeAt(++p);
  if (isDigit(c)) {
    day = day * 10 + c - 48;
    p++;
  }
  // ` dddd` is the year; if it is there but the time does not follow, no reading without it works either.
  let year = -1;
  if (text.charCodeAt(p) === 32 && isDigit(text.charCodeAt(p + 1)) && isDigit(text.charCodeAt(p + 2))
    && isDigit(text.charCodeAt(p + 3)) && isDigit(text.charCodeAt(p + 4))) {
    year = digits(text, p + 1, 4);
    p += 5;
  }
  if (text.charCodeAt(p) !== 32 || !isDigit(text.charCodeAt(p + 1)) || !isDigit(text.charCodeAt(p + 2))
    || text.charCodeAt(p + 3) !== 58 || !isDigit(text.charCodeAt(p + 4)) || !isDigit(text.charCodeAt(p + 5))
    || text.charCodeAt(p + 6) !== 58 || !isDigit(text.charCodeAt(p + 7)) || !isDigit(text.charCodeAt(p + 8))) {
    return -1;
  }
  stamp.hour = digits(text, p + 1, 2);
  stamp.minute = digits(text, p + 4, 2);
  stamp.second = digits(text, p + 7, 2);
  p += 9;
  let millis = 0;
  if (text.charCodeAt(p) === 46 /* . */ && isDigit(text.charCodeAt(p + 1))) {
    // Up to nine fraction digits; the first three are the milliseconds.
    const from = p + 1;
    p = from;
    while (p - from < 9 && isDigit(text.charCodeAt(p))) {
      if (p - from < 3) {
        millis += (text.charCodeAt(p) - 48) * (p === from ? 100 : p === from + 1 ? 10 : 1);
      }
      p++;
    }
  }
  stamp.month = month;
  stamp.day = day;
  stamp.year = year;
  stamp.millis = millis;
  return p;
}

/** The value of `count` decimal digits at `at` (known to be digits). */
function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    value = value * 10 + text.charCodeAt(i) - 48;
  }
  return value;
}

/** Where the gateway and program names were found by the last scanOrigin (-1: the `:` form). */
const origin = { hostStart: -1, hostEnd: -1, programStart: -1, programEnd: -1 };

/** Reads `(?::|[ \t]+([^\s:]+)[ \t]+([A-Za-z][\w.-]*):)` at `at`; returns the offset after it, or -1. */
function scanOrigin(text: string, at: number): number {
  let c = text.charCodeAt(at);
  if (c === 58 /* : */) {
    origin.hostStart = -1;
    return at + 1;
  }
  if (!isBlankOrTab(c)) {
    return -1;
  }
  let p = at + 1;
  while (isBlankOrTab(text.charCodeAt(p))) {
    p++;
  }
  const hostStart = p;
  const length = text.length;
  while (p < length && (c = text.charCodeAt(p)) !== 58 && !isJsWhitespace(c)) {
    p++;
  }
  const hostEnd = p;
  if (hostEnd === hostStart || !isBlankOrTab(text.charCodeAt(p))) {
    return -1;
  }
  p++;
  while (isBlankOrTab(text.charCodeAt(p))) {
    p++;
  }
  const programStart = p;
  c = text.charCodeAt(p) | 32;
  if (c < 97 || c > 122) {
    return -1;
  }
  p++;
  while (isWordChar(c = text.charCodeAt(p)) || c === 46 /* . */ || c === 45 /* - */) {
    p++;
  }
  if (c !== 58) {
    return -1;
  }
  origin.hostStart = hostStart;
  origin.hostEnd = hostEnd;
  origin.programStart = programStart;
  origin.programEnd = p;
  return p + 1;
}

/** Month initials by character code: a cheap pre-check before any scanning. */
const MONTH_INITIAL = new Uint8Array(128);
for (const c of 'JFMASOND') {
  MONTH_INITIAL[c.charCodeAt(0)] = 1;
}

/** Whether the character code can start a month name (and so a header). */
export function isMonthInitial(c: number): boolean {
  return c < 128 && MONTH_INITIAL[c] === 1;
}

export function startsHeader(text: string, at: number): boolean {
  if (!isMonthInitial(text.charCodeAt(at))) {
    return false;
  }
  const end = scanTimestamp(text, at);
  return end !== -1 && scanOrigin(text, end) !== -1;
}

/**
 * A header of the gateway itself, not a syslog line of another program that shares the file
 * (`sshd[812]:`, `sudo:`, `systemd[1]:`): the program is one the gateway logs under, or its name is
 * followed by a `[COMPONENT]`, or the line has no host and program at all (`Oct 22 2021 13:31:13.6: [AAA]`).
 */
export function startsGatewayHeader(text: string, at: number): boolean {
  if (!startsHeader(text, at)) {
    return false;
  }
  const { hostStart, programStart, programEnd } = origin;
  if (hostStart === -1 || matchesOneOf(BLUECEDAR_PROGRAMS, text, programStart, programEnd)) {
    return true;
  }
  let p = programEnd + 1;
  while (isBlankOrTab(text.charCodeAt(p))) {
    p++;
  }
  return text.charCodeAt(p) === 91 /* [ */;
}

/** A line that starts like a header (`(Jan|...|Dec) +\d`), for telling broken headers from message text. */
export function looksLikeHeader(text: string, at: number): boolean {
  if (monthAt(text, at) === -1 || text.charCodeAt(at + 3) !== 32) {
    return false;
  }
  let p = at + 4;
  while (text.charCodeAt(p) === 32) {
    p++;
  }
  return isDigit(text.charCodeAt(p));
}

export interface Header {
  /** Parsed wall-clock parts; `year` undefined for the syslog form. */
  year?: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millis: number;
  validTime: boolean;
  component?: string;
  severity?: string;
  eid?: number;
  /** Offset just after the last header field. */
  end: number;
}

/** Component names and severities repeat on every line: one string each, not one per entry. */
const components = new StringCache();
const severities = new StringCache();
const knownComponents = new Map<string, boolean>();

const KEY_SUBCLS = 'SubCls';
const KEY_EID = 'EID';
const KEY_TYPE = 'Type';
const KEY_SEV = 'Sev';

/** The header key (`SubCls|EID|Type|Sev`) starting at `at`, or undefined. */
function keyAt(text: string, at: number): string | undefined {
  switch (text.charCodeAt(at)) {
    case 83 /* S */:
      return text.charCodeAt(at + 1) === 101 && text.charCodeAt(at + 2) === 118 ? KEY_SEV
        : text.startsWith(KEY_SUBCLS, at) ? KEY_SUBCLS : undefined;
    case 69 /* E */:
      return text.charCodeAt(at + 1) === 73 && text.charCodeAt(at + 2) === 68 ? KEY_EID : undefined;
    case 84 /* T */:
      return text.startsWith(KEY_TYPE, at) ? KEY_TYPE : undefined;
    default:
      return undefined;
  }
}

/**
 * Reads the header at `at` (which must satisfy startsHeader), up to `limit`. Pushes problems, and
 * the header's fields when `fields` is given (hover needs them; the full-document pass does not).
 */
export function readHeader(text: string, at: number, limit: number, problems: Problem[], fields?: FieldSink): Header {
  const timeEnd = scanTimestamp(text, at);
  const header: Header = {
    month: stamp.month,
    day: stamp.day,
    year: stamp.year !== -1 ? stamp.year : undefined,
    hour: stamp.hour,
    minute: stamp.minute,
    second: stamp.second,
    millis: stamp.millis,
    validTime: true,
    end: timeEnd,
  };
  header.validTime = isValidTime(header);
  if (!header.validTime) {
    problems.push({ severity: 'error', start: at, end: timeEnd, code: 'bad-timestamp', message: 'This timestamp is not a real date and time.' });
  }
  fields?.push(field('timestamp', at, timeEnd, at, at, at, timeEnd, text.slice(at, timeEnd)));

  let pos = scanOrigin(text, timeEnd);
  if (origin.hostStart !== -1 && fields) {
    const { hostStart, hostEnd, programStart, programEnd } = origin;
    fields.push(field('gateway', hostStart, hostEnd, hostStart, hostStart, hostStart, hostEnd, text.slice(hostStart, hostEnd)));
    fields.push(field('program', programStart, programEnd + 1, programStart, programEnd, programStart, programEnd, text.slice(programStart, programEnd)));
  }

  // `[ \t]*\[([^\]\r\n]{0,64})\],?`
  let nameStart = -1;
  let nameEnd = -1;
  let componentEnd = -1;
  if (pos < limit) {
    let p = pos;
    while (isBlankOrTab(text.charCodeAt(p))) {
      p++;
    }
    if (text.charCodeAt(p) === 91 /* [ */) {
      nameStart = p + 1;
      nameEnd = nameStart;
      const stop = Math.min(nameStart + 64, text.length);
      let c = 0;
      while (nameEnd < stop && (c = text.charCodeAt(nameEnd)) !== 93 && c !== 13 && c !== 10) {
        nameEnd++;
      }
      if (text.charCodeAt(nameEnd) === 93 /* ] */) {
        componentEnd = text.charCodeAt(nameEnd + 1) === 44 /* , */ ? nameEnd + 2 : nameEnd + 1;
      }
    }
  }
  if (componentEnd !== -1 && componentEnd <= limit) {
    const name = components.slice(text, nameStart, nameEnd);
    header.component = name;
    pos = componentEnd;
    let known = knownComponents.get(name);
    if (known === undefined) {
      known = isOneOf(BLUECEDAR_COMPONENTS, name.toUpperCase());
      if (knownComponents.size < 1024) {
        knownComponents.set(name, known);
      }
    }
    if (!known) {
      problems.push({
        severity: 'information', start: nameStart, end: nameEnd, code: 'unknown-component',
        message: `'${name}' is not a gateway component the Blue Cedar reference lists.`,
      });
    }
    fields?.push(field('component', nameStart - 1, nameEnd + 1, nameStart, nameEnd, nameStart, nameEnd, name));
  } else {
    problems.push({
      severity: 'warning', start: at, end: pos, code: 'missing-component',
      message: 'This header has no [COMPONENT] after the timestamp.',
    });
  }

  // Key/value pairs: `[ \t]*(?:(?:\r\n?|\n)[ \t]*)?(SubCls|EID|Type|Sev)[ \t]*:[ \t]*` up to the value,
  // which runs to a comma or whitespace.
  while (pos < limit) {
    let p = pos;
    while (isBlankOrTab(text.charCodeAt(p))) {
      p++;
    }
    let c = text.charCodeAt(p);
    if (c === 13 || c === 10) {
      p += c === 13 && text.charCodeAt(p + 1) === 10 ? 2 : 1;
      while (isBlankOrTab(text.charCodeAt(p))) {
        p++;
      }
    }
    const key = keyAt(text, p);
    if (key === undefined) {
      break;
    }
    const keyStart = p;
    const keyEnd = p + key.length;
    p = keyEnd;
    while (isBlankOrTab(text.charCodeAt(p))) {
      p++;
    }
    if (text.charCodeAt(p) !== 58 /* : */) {
      break;
    }
    p++;
    while (isBlankOrTab(text.charCodeAt(p))) {
      p++;
    }
    const valueStart = p;
    if (valueStart > limit) {
      break;
    }
    let valueEnd = valueStart;
    while (valueEnd < limit && !isValueStop(text.charCodeAt(valueEnd))) {
      valueEnd++;
    }
    pos = valueEnd;
    while (pos < limit && isBlankOrTab(c = text.charCodeAt(pos))) {
      pos++;
    }
    if (text.charCodeAt(pos) === 44 /* , */) {
      pos++;
    }
    readKeyValue(text, key, keyStart, valueStart, valueEnd, header, problems);
    fields?.push(field(key.toLowerCase(), keyStart, valueEnd, keyStart, keyEnd, valueStart, valueEnd, text.slice(valueStart, valueEnd)));
  }
  header.end = pos;
  return header;
}

function readKeyValue(text: string, key: string, keyStart: number, valueStart: number, valueEnd: number, header: Header, problems: Problem[]): void {
  if (valueEnd === valueStart) {
    problems.push({ severity: 'warning', start: keyStart, end: valueStart, code: 'empty-field', message: `${key} has no value.` });
    return;
  }
  switch (key) {
    case KEY_SEV: {
      const value = severities.slice(text, valueStart, valueEnd);
      header.severity = value;
      if (!isOneOf(BLUECEDAR_SEVERITIES, value)) {
        problems.push({
          severity: 'warning', start: valueStart, end: valueEnd, code: 'unknown-severity',
          message: `'${value}' is not a severity level. Expected one of ${BLUECEDAR_SEVERITIES.join(', ')}.`,
        });
      }
      break;
    }
    case KEY_EID: {
      let value = 0;
      let i = valueStart;
      for (; i < valueEnd; i++) {
        const c = text.charCodeAt(i);
        if (!isDigit(c)) {
          break;
        }
        value = value * 10 + c - 48;
      }
      if (i === valueEnd) {
        // Beyond 15 digits the sum above may round differently from Number().
        header.eid = valueEnd - valueStart > 15 ? Number(text.slice(valueStart, valueEnd)) : value;
      } else {
        problems.push({ severity: 'warning', start: valueStart, end: valueEnd, code: 'bad-eid', message: 'EID should be a whole number.' });
      }
      break;
    }
    case KEY_TYPE:
      if (!matchesOneOf(BLUECEDAR_TYPES, text, valueStart, valueEnd)) {
        problems.push({
          severity: 'information', start: valueStart, end: valueEnd, code: 'unknown-type',
          message: `'${text.slice(valueStart, valueEnd)}' is not a log type the reference lists (General, Acct).`,
        });
      }
      break;
    default:
      break;
  }
}

/** A value ends at a comma or whitespace. */
function isValueStop(c: number): boolean {
  return c === 44 || c === 32 || c === 9 || c === 10 || c === 13;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  if (month === 1 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) {
    return 28;
  }
  return DAYS_IN_MONTH[month];
}

/**
 * Date.UTC for a valid date and time (seconds up to 60, which runs into the next minute), computed
 * without the builtin call (days from the civil date, proleptic Gregorian calendar as Date uses). Unlike
 * Date.UTC, years 0 to 99 are those years: Date.UTC reads them as 1900 to 1999.
 */
export function utcTime(year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number): number {
  const y = month < 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 10) % 12) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  const days = era * 146097 + dayOfEra - 719468;
  return days * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + millis;
}

function isValidTime(h: Header): boolean {
  if (h.day < 1 || h.hour > 23 || h.minute > 59 || h.second > 60) {
    return false;
  }
  // Without a year, 29 February may be valid: the year is inferred later.
  return h.day <= daysInMonth(h.year ?? 2000, h.month);
}

function field(name: string, start: number, end: number, keyStart: number, keyEnd: number, valueStart: number, valueEnd: number, value: string): Field {
  return { group: 'header', name, start, end, keyStart, keyEnd, valueStart, valueEnd, value };
}
