/**
 * The Blue Cedar entry header:
 *   `Nov 11 2021 22:24:37 tilera3 Mocana: [AAA], SubCls:ACCT, EID: 0, Type: Acct, Sev:Informational,`
 *   `Oct  2 13:45:35 tilera3 Mocana: [AAA], ...`          (syslog form, no year)
 *   `Oct 22 2021 13:31:13.664259: [AAA]`                   (no gateway name, microseconds)
 * The key/value part may wrap onto following lines.
 */
import { Field, Problem } from '../model';
import { BLUECEDAR_COMPONENTS, BLUECEDAR_SEVERITIES, BLUECEDAR_TYPES, isOneOf } from '../vocabulary';

export const MONTHS: Record<string, number> = {
  Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11,
};

const TIMESTAMP = /(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}(\d{1,2})(?: (\d{4}))? (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?/y;
const ORIGIN = /(?::|[ \t]+([^\s:]+)[ \t]+([A-Za-z][\w.-]*):)/y;
/** The same with match indices, which cost allocations: only for collecting fields (hover). */
const ORIGIN_WITH_INDICES = new RegExp(ORIGIN.source, 'dy');
/** A line that starts like a header, for telling broken headers from message text. */
const HEADER_LIKE = /(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d/y;
const COMPONENT = /[ \t]*\[([^\]\r\n]{0,64})\],?/y;
/** Up to the start of the value; the value and its comma are read by hand (cheaper than indices). */
const KEY = /[ \t]*(?:(?:\r\n?|\n)[ \t]*)?(SubCls|EID|Type|Sev)[ \t]*:[ \t]*/y;

/** Character codes of the months' initials: a cheap pre-check before any regex runs. */
const MONTH_INITIALS = new Set(['J', 'F', 'M', 'A', 'S', 'O', 'N', 'D'].map((c) => c.charCodeAt(0)));

export function startsHeader(text: string, at: number): boolean {
  if (!MONTH_INITIALS.has(text.charCodeAt(at))) {
    return false;
  }
  TIMESTAMP.lastIndex = at;
  if (!TIMESTAMP.test(text)) {
    return false;
  }
  ORIGIN.lastIndex = TIMESTAMP.lastIndex;
  return ORIGIN.test(text);
}

export function looksLikeHeader(text: string, at: number): boolean {
  if (!MONTH_INITIALS.has(text.charCodeAt(at))) {
    return false;
  }
  HEADER_LIKE.lastIndex = at;
  return HEADER_LIKE.test(text);
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

/**
 * Reads the header at `at` (which must satisfy startsHeader), up to `limit`. Pushes problems, and
 * the header's fields when `fields` is given (hover needs them; the full-document pass does not).
 */
export function readHeader(text: string, at: number, limit: number, problems: Problem[], fields?: Field[]): Header {
  TIMESTAMP.lastIndex = at;
  const t = TIMESTAMP.exec(text)!;
  const timeEnd = TIMESTAMP.lastIndex;
  const header: Header = {
    month: MONTHS[t[1]],
    day: Number(t[2]),
    year: t[3] !== undefined ? Number(t[3]) : undefined,
    hour: Number(t[4]),
    minute: Number(t[5]),
    second: Number(t[6]),
    millis: t[7] !== undefined ? Number((t[7] + '00').slice(0, 3)) : 0,
    validTime: true,
    end: timeEnd,
  };
  header.validTime = isValidTime(header);
  if (!header.validTime) {
    problems.push({ severity: 'error', start: at, end: timeEnd, code: 'bad-timestamp', message: 'This timestamp is not a real date and time.' });
  }
  fields?.push(field('timestamp', at, timeEnd, at, at, at, timeEnd, t[0]));

  const origin = fields ? ORIGIN_WITH_INDICES : ORIGIN;
  origin.lastIndex = timeEnd;
  const match = origin.exec(text)!;
  let pos = origin.lastIndex;
  if (match[1] !== undefined && fields) {
    const [hostStart, hostEnd] = match.indices![1];
    const [programStart, programEnd] = match.indices![2];
    fields.push(field('gateway', hostStart, hostEnd, hostStart, hostStart, hostStart, hostEnd, match[1]));
    fields.push(field('program', programStart, programEnd + 1, programStart, programEnd, programStart, programEnd, match[2]));
  }

  COMPONENT.lastIndex = pos;
  const component = pos < limit ? COMPONENT.exec(text) : null;
  if (component && COMPONENT.lastIndex <= limit) {
    const nameStart = pos + component[0].indexOf('[') + 1;
    const nameEnd = nameStart + component[1].length;
    header.component = component[1];
    pos = COMPONENT.lastIndex;
    if (!isOneOf(BLUECEDAR_COMPONENTS, component[1].toUpperCase())) {
      problems.push({
        severity: 'information', start: nameStart, end: nameEnd, code: 'unknown-component',
        message: `'${component[1]}' is not a gateway component the Blue Cedar reference lists.`,
      });
    }
    fields?.push(field('component', nameStart - 1, nameEnd + 1, nameStart, nameEnd, nameStart, nameEnd, component[1]));
  } else {
    problems.push({
      severity: 'warning', start: at, end: pos, code: 'missing-component',
      message: 'This header has no [COMPONENT] after the timestamp.',
    });
  }

  for (;;) {
    KEY.lastIndex = pos;
    const kv = pos < limit ? KEY.exec(text) : null;
    if (!kv || KEY.lastIndex > limit) {
      break;
    }
    const keyStart = KEY.lastIndex - kv[0].length + kv[0].indexOf(kv[1]);
    const keyEnd = keyStart + kv[1].length;
    const valueStart = KEY.lastIndex;
    let valueEnd = valueStart;
    while (valueEnd < limit && !isValueStop(text.charCodeAt(valueEnd))) {
      valueEnd++;
    }
    pos = valueEnd;
    while (pos < limit && (text.charCodeAt(pos) === 32 || text.charCodeAt(pos) === 9)) {
      pos++;
    }
    if (text.charCodeAt(pos) === 44 /* , */) {
      pos++;
    }
    const value = text.slice(valueStart, valueEnd);
    readKeyValue(kv[1], value, keyStart, valueStart, valueEnd, header, problems);
    fields?.push(field(kv[1].toLowerCase(), keyStart, valueEnd, keyStart, keyEnd, valueStart, valueEnd, value));
  }
  header.end = pos;
  return header;
}

function readKeyValue(key: string, value: string, keyStart: number, valueStart: number, valueEnd: number, header: Header, problems: Problem[]): void {
  if (value === '') {
    problems.push({ severity: 'warning', start: keyStart, end: valueStart, code: 'empty-field', message: `${key} has no value.` });
    return;
  }
  switch (key) {
    case 'Sev':
      header.severity = value;
      if (!isOneOf(BLUECEDAR_SEVERITIES, value)) {
        problems.push({
          severity: 'warning', start: valueStart, end: valueEnd, code: 'unknown-severity',
          message: `'${value}' is not a severity level. Expected one of ${BLUECEDAR_SEVERITIES.join(', ')}.`,
        });
      }
      break;
    case 'EID':
      if (/^\d+$/.test(value)) {
        header.eid = Number(value);
      } else {
        problems.push({ severity: 'warning', start: valueStart, end: valueEnd, code: 'bad-eid', message: 'EID should be a whole number.' });
      }
      break;
    case 'Type':
      if (!isOneOf(BLUECEDAR_TYPES, value)) {
        problems.push({
          severity: 'information', start: valueStart, end: valueEnd, code: 'unknown-type',
          message: `'${value}' is not a log type the reference lists (General, Acct).`,
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
