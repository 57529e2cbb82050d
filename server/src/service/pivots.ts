/**
 * Pivots: from a value an investigator searches for (a user, a device, an IP address, an app) to
 * every entry that carries the same value, whichever session it belongs to, or none (a Policy
 * REJECT, an IKE line that names an address in its message).
 *
 * Users, devices and apps are facts the parse keeps on each entry, so a pivot compares facts; IP
 * addresses are also written in free text ("IKE peer 98.207.113.66", "Adding tunnel interface vt1
 * with address 10.24.0.51"), so an IP pivot searches the text. Either way one pass over the log,
 * and the answer is remembered for the analysis: highlights ask again on every cursor move.
 */
import { Analysis } from './analysis';
import { fieldAt } from './fields';
import { entryAt } from './lookup';
import { capLocations, Capped } from './features/capping';
import { LogEntry, ParsedLog } from './model';

export type PivotKind = 'user' | 'device' | 'ip' | 'app';

export interface Pivot {
  kind: PivotKind;
  /** The value as decoded from the log (JSON and structured-data escapes undone). */
  value: string;
}

/** Where an entry carries the value: the value itself, or (when it cannot be found written) the entry's start. */
export interface PivotHit {
  entry: number;
  start: number;
  end: number;
}

/** Which fields name a pivot value, by their canonical name (see Field.name). */
const FIELD_KINDS: Record<string, PivotKind> = {
  'sessionId.username': 'user',
  'sessionId.device.uniqueId': 'device',
  'sessionId.device.deviceName': 'device',
  'sessionId.app.assignedIp': 'ip',
  'sessionId.app.publicSrcIp': 'ip',
  'sessionId.app.appName': 'app',
  'sessionId.app.appPackageId': 'app',
  SUBJECT: 'user',
  USER: 'user',
  USERNAME: 'user',
  REMOTE_IP: 'ip',
  APP: 'app',
};

const IP = /\d{1,3}(?:\.\d{1,3}){3}/y;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Whether `text` has a whole IPv4 address in [start, end): not part of a longer number or address. */
function isWholeAddress(text: string, start: number, end: number): boolean {
  const before = text.charCodeAt(start - 1);
  const after = text.charCodeAt(end);
  if (isDigit(before) || before === 46 /* . */) {
    return false;
  }
  return !isDigit(after) && !(after === 46 && isDigit(text.charCodeAt(end + 1)));
}

/** The IPv4 address under `offset`, if any, within [from, to). */
function addressAround(text: string, offset: number, from: number, to: number): { start: number; end: number } | undefined {
  let start = offset;
  // An address is at most 15 characters: look back no further than that.
  while (start > from && offset - start < 15) {
    const c = text.charCodeAt(start - 1);
    if (!isDigit(c) && c !== 46) {
      break;
    }
    start--;
  }
  for (let s = start; s <= offset; s++) {
    IP.lastIndex = s;
    const m = IP.exec(text);
    if (m && s + m[0].length <= to && s + m[0].length >= offset && isWholeAddress(text, s, s + m[0].length)) {
      return { start: s, end: s + m[0].length };
    }
  }
  return undefined;
}

/** The value under the cursor that references and highlights pivot on, if the cursor is on one. */
export function pivotAt(analysis: Analysis, offset: number): Pivot | undefined {
  const { log } = analysis;
  const entry = entryAt(log, offset);
  if (!entry) {
    return undefined;
  }
  const address = addressAround(log.text, offset, entry.start, entry.end);
  if (address) {
    return { kind: 'ip', value: log.text.slice(address.start, address.end) };
  }
  const field = fieldAt(log, entry, offset);
  const kind = field && FIELD_KINDS[field.name];
  if (!field || !kind || offset < field.valueStart || offset > field.valueEnd || field.value.trim() === '') {
    return undefined;
  }
  return { kind, value: field.value };
}

function carries(entry: LogEntry, pivot: Pivot): boolean {
  const { value } = pivot;
  const s = entry.session;
  switch (pivot.kind) {
    case 'user':
      return s?.username === value || entry.subject === value;
    case 'device':
      return s?.uniqueId === value || s?.deviceName === value;
    case 'app':
      return s?.appName === value || s?.appPackageId === value || entry.app === value;
    default:
      return false;
  }
}

/** How the value is written between quotes: JSON escapes (Blue Cedar) or backslash escapes (OAG). */
function quoted(log: ParsedLog, value: string): string {
  return log.format === 'bluecedar' ? JSON.stringify(value) : `"${value.replace(/[\\"\]]/g, '\\$&')}"`;
}

function factHits(log: ParsedLog, pivot: Pivot): PivotHit[] {
  const hits: PivotHit[] = [];
  const needle = quoted(log, pivot.value);
  for (const entry of log.entries) {
    if (!carries(entry, pivot)) {
      continue;
    }
    // Point at the value itself; the search is bounded by the entry.
    const at = log.text.indexOf(needle, entry.start);
    hits.push(at !== -1 && at + needle.length <= entry.end
      ? { entry: entry.index, start: at + 1, end: at + needle.length - 1 }
      : { entry: entry.index, start: entry.start, end: entry.start });
  }
  return hits;
}

function addressHits(log: ParsedLog, address: string): PivotHit[] {
  const hits: PivotHit[] = [];
  const { text } = log;
  let last = -1;
  for (let at = text.indexOf(address); at !== -1; at = text.indexOf(address, at + address.length)) {
    if (!isWholeAddress(text, at, at + address.length)) {
      continue;
    }
    const entry = entryAt(log, at);
    // One hit per entry: the first place it writes the address.
    if (entry && entry.index !== last) {
      hits.push({ entry: entry.index, start: at, end: at + address.length });
      last = entry.index;
    }
  }
  return hits;
}

/** Recent answers per analysis: a cursor moving along one value asks for the same pivot again and again. */
const remembered = new WeakMap<Analysis, Map<string, PivotHit[]>>();
const REMEMBERED_PIVOTS = 8;

/** Every entry carrying the pivot's value, in document order, one hit per entry. */
export function pivotHits(analysis: Analysis, pivot: Pivot): PivotHit[] {
  let cache = remembered.get(analysis);
  if (!cache) {
    cache = new Map();
    remembered.set(analysis, cache);
  }
  const key = `${pivot.kind}\u0000${pivot.value}`;
  const known = cache.get(key);
  if (known) {
    return known;
  }
  const hits = pivot.kind === 'ip' ? addressHits(analysis.log, pivot.value) : factHits(analysis.log, pivot);
  if (cache.size >= REMEMBERED_PIVOTS) {
    cache.delete(cache.keys().next().value!);
  }
  cache.set(key, hits);
  return hits;
}

/**
 * The entries carrying the value under `offset`, at most `max` of them (those nearest the cursor);
 * undefined when the cursor is on no value to pivot on.
 */
export function pivotHitsAt(analysis: Analysis, offset: number, max: number): Capped<PivotHit> | undefined {
  const pivot = pivotAt(analysis, offset);
  if (!pivot) {
    return undefined;
  }
  const hits = pivotHits(analysis, pivot);
  // The hit nearest the cursor: the first at or after it.
  let low = 0;
  let high = hits.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (hits[mid].end < offset) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return capLocations(hits, max, { near: low });
}
