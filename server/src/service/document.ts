/** Whole-document parsing, and the detailed fields of one entry on demand. */
import { readHeader, startsHeader } from './bluecedar/header';
import { parseBlueCedarLines, startsBlueCedarEntry } from './bluecedar/parser';
import { newForeignLine, readForeignLine } from './foreign/lines';
import { collectJsonFields } from './json';
import { Field, LogEntry, LogFormat, ParsedLog, Problem } from './model';
import { parseOagLines, readHeaderInto, startsOagEntry } from './oag/parser';
import { newOagStamp, OagStamp, readOagStamp } from './oag/timestamp';
import { computeLineStarts, detached } from './text';
import { inferYears } from './years';

export interface ParseOptions {
  /** "Now", for placing syslog timestamps without a year. Defaults to the current time. */
  now?: Date;
}

/**
 * Parses lines [fromLine, toLine) into `entries` and `stray`. With `ownStrings`, what the new entries
 * keep is copied out of `text` (see detached): re-parses after an edit use it, so that the entries
 * they make do not pin this version of the document once the next edit replaces it. A full parse
 * skips it: its entries share the one version they were read from.
 */
export function parseLines(
  format: LogFormat, text: string, lineStarts: readonly number[], fromLine: number, toLine: number,
  entries: LogEntry[], stray: Problem[], ownStrings = false,
): void {
  const firstNew = entries.length;
  const firstStray = stray.length;
  if (format === 'bluecedar') {
    parseBlueCedarLines(text, lineStarts, fromLine, toLine, entries, stray);
  } else {
    parseOagLines(text, lineStarts, fromLine, toLine, entries, stray);
  }
  if (ownStrings) {
    detachEntryStrings(entries, firstNew, entries.length);
    for (let i = firstStray; i < stray.length; i++) {
      stray[i].message = detached(stray[i].message);
    }
  }
}

/**
 * Copies out of the text the strings that entries [from, to) keep (see detached). The entries of a
 * full parse share the version they were read from; once copied, an edit leaves that version
 * unreferenced. The server does this for large documents in idle time, a chunk at a time.
 */
export function detachEntryStrings(entries: readonly LogEntry[], from: number, to: number): void {
  for (let i = from; i < Math.min(to, entries.length); i++) {
    detachStrings(entries[i]);
  }
}

/** Every string an entry keeps (facts, session details, problem messages) as a string of its own. */
function detachStrings(entry: LogEntry): void {
  for (const key of ENTRY_STRINGS) {
    const value = entry[key];
    if (value !== undefined) {
      entry[key] = detached(value);
    }
  }
  const session = entry.session;
  if (session) {
    for (const key of SESSION_STRINGS) {
      const value = session[key];
      if (value !== undefined) {
        session[key] = detached(value);
      }
    }
  }
  for (const problem of entry.problems) {
    problem.message = detached(problem.message);
  }
}

/** The string properties of LogEntry and SessionInfo (a unit test checks none is missing). */
export const ENTRY_STRINGS = ['component', 'eventName', 'severity', 'sessionId', 'subject', 'app', 'result', 'remoteIp', 'reason', 'program'] as const;
export const SESSION_STRINGS = [
  'username', 'osType', 'deviceName', 'uniqueId', 'appName', 'appPackageId', 'assignedIp', 'publicSrcIp', 'duration',
  'securityPatchVersion', 'mobileCountryCode',
] as const;

/** Whether the line starting at `at` begins an entry of `format` (where a reader may cut a file into chunks). */
export function startsEntry(format: LogFormat, text: string, at: number): boolean {
  return format === 'bluecedar' ? startsBlueCedarEntry(text, at) : startsOagEntry(text, at);
}

export function parseLog(text: string, format: LogFormat, options: ParseOptions = {}): ParsedLog {
  const lineStarts = computeLineStarts(text);
  const entries: LogEntry[] = [];
  const problems: Problem[] = [];
  parseLines(format, text, lineStarts, 0, lineStarts.length, entries, problems);
  inferYears(entries, options.now ?? new Date());
  return { format, text, entries, problems, lineStarts };
}

/**
 * Fields computed for a hover, per document version: an edit makes a new ParsedLog (and moves entries),
 * so the fields of older versions, which quote their text, go with them.
 */
const fieldCache = new WeakMap<ParsedLog, WeakMap<LogEntry, Field[]>>();

/**
 * Every field of an entry (header, JSON keys, structured data) in document order. Computed when first
 * asked for (a hover), not during the whole-document parse, and remembered for the entry.
 */
export function entryFields(log: ParsedLog, entry: LogEntry): Field[] {
  let cache = fieldCache.get(log);
  if (!cache) {
    cache = new WeakMap();
    fieldCache.set(log, cache);
  }
  const cached = cache.get(entry);
  if (cached) {
    return cached;
  }
  const fields: Field[] = [];
  const scratch: Problem[] = [];
  const { text } = log;
  if (entry.kind === 'foreign') {
    readForeignLine(text, entry.start, firstLineEnd(text, entry), log.format, newForeignLine(), fields);
  } else if (log.format === 'bluecedar') {
    if (startsHeader(text, entry.start)) {
      readHeader(text, entry.start, entry.end, scratch, fields);
      if (entry.eventName !== undefined && entry.eventStart !== undefined) {
        fields.push({
          group: 'header', name: 'event', start: entry.eventStart, end: entry.eventEnd!, keyStart: entry.eventStart,
          keyEnd: entry.eventStart, valueStart: entry.eventStart, valueEnd: entry.eventEnd!, value: entry.eventName,
        });
      }
      if (entry.payloadStart !== undefined) {
        collectJsonFields(text.slice(entry.payloadStart, entry.payloadEnd), entry.payloadStart, fields);
      }
    }
  } else {
    const ts: OagStamp = newOagStamp();
    if (readOagStamp(text, entry.start, ts)) {
      const end = firstLineEnd(text, entry);
      const copy: LogEntry = { ...entry, problems: [] };
      readHeaderInto(text, entry.start, end, ts, copy, scratch, fields);
    }
  }
  fields.sort((a, b) => a.start - b.start);
  cache.set(entry, fields);
  return fields;
}

/** The end of the entry's first line (before its line break). */
function firstLineEnd(text: string, entry: LogEntry): number {
  const lineEnd = text.indexOf('\n', entry.start);
  return lineEnd === -1 || lineEnd > entry.end ? entry.end : text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
}

/** The field under `offset`: on its key, or on its value when that value is not an object or array. */
export function fieldAt(log: ParsedLog, entry: LogEntry, offset: number): Field | undefined {
  let best: Field | undefined;
  for (const field of entryFields(log, entry)) {
    const onKey = offset >= field.keyStart && offset < field.keyEnd;
    const onValue = offset >= field.valueStart && offset <= field.valueEnd && field.jsonType !== 'object' && field.jsonType !== 'array';
    const onWhole = field.group !== 'json' && offset >= field.start && offset < field.end;
    if (onKey || onValue || onWhole) {
      // Prefer the innermost (latest starting) match.
      if (!best || field.start >= best.start) {
        best = field;
      }
    }
  }
  return best;
}

/** Binary search for the entry containing `offset` (entries are sorted and do not overlap). */
export function entryAt(log: ParsedLog, offset: number): LogEntry | undefined {
  const { entries } = log;
  let low = 0;
  let high = entries.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const entry = entries[mid];
    if (offset < entry.start) {
      high = mid - 1;
    } else if (offset > entry.end) {
      low = mid + 1;
    } else {
      return entry;
    }
  }
  return undefined;
}

/** The entry whose lines include `line`. */
export function entryAtLine(log: ParsedLog, line: number): LogEntry | undefined {
  const { entries } = log;
  let low = 0;
  let high = entries.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const entry = entries[mid];
    if (line < entry.startLine) {
      high = mid - 1;
    } else if (line > entry.endLine) {
      low = mid + 1;
    } else {
      return entry;
    }
  }
  return undefined;
}
