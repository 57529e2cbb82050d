/**
 * Finding sessions in a bundle by what people type (Ctrl+T): a user, device, app, appGsid, SESSION_ID
 * or IP address, or part of one. Each distinct value is tested once, however many sessions carry it.
 */
import { BundleIndex } from './bundleIndex';
import { NONE } from './columns';
import { searchableKeyText } from './keys';
import { SEARCH_FIELDS, SearchField, sessionColumns } from './sessionView';

export interface SessionMatch {
  id: number;
  field: SearchField;
  /** Lower is better: 0 exact, 1 prefix, 2 anywhere in the value. */
  quality: number;
}

/**
 * The distinct values that name sessions, each with its lower-case text and its sessions: the strings
 * of the fields, and apart from them the pairing keys (as people type them, searchableKeyText).
 */
interface ValueIndex {
  lower: string[];
  /** The sessions of value i: entries [start[i], start[i + 1]) of `field` (index in SEARCH_FIELDS) and `session`. */
  start: Int32Array;
  field: Uint8Array;
  session: Int32Array;
}

const cache = new WeakMap<object, ValueIndex>();

/**
 * Built once per pairing in two passes over the session columns, into typed arrays: counts per value,
 * then each (field, session) in its value's slice.
 */
function valueIndex(index: BundleIndex): ValueIndex {
  const columns = sessionColumns(index);
  const cached = cache.get(columns);
  if (cached) {
    return cached;
  }
  const size = index.strings.size;
  // Slot + 1 of each value met (0: not met), keys apart from the other fields' strings.
  const slotOfString = new Int32Array(size);
  const slotOfKey = new Int32Array(size);
  const lower: string[] = [];
  const counts: number[] = [];
  let entries = 0;
  for (let f = 0; f < SEARCH_FIELDS.length; f++) {
    const isKey = SEARCH_FIELDS[f] === 'key';
    const slots = isKey ? slotOfKey : slotOfString;
    const column = columns.field[SEARCH_FIELDS[f]];
    for (let id = 0; id < columns.count; id++) {
      const value = column[id];
      if (value === NONE) {
        continue;
      }
      if (slots[value] === 0) {
        const text = index.strings.get(value) ?? '';
        lower.push((isKey ? searchableKeyText(text) : text).toLowerCase());
        counts.push(0);
        slots[value] = lower.length;
      }
      counts[slots[value] - 1]++;
      entries++;
    }
  }
  const start = new Int32Array(lower.length + 1);
  for (let i = 0; i < lower.length; i++) {
    start[i + 1] = start[i] + counts[i];
  }
  const next = start.slice(0, lower.length);
  const field = new Uint8Array(entries);
  const session = new Int32Array(entries);
  for (let f = 0; f < SEARCH_FIELDS.length; f++) {
    const slots = SEARCH_FIELDS[f] === 'key' ? slotOfKey : slotOfString;
    const column = columns.field[SEARCH_FIELDS[f]];
    for (let id = 0; id < columns.count; id++) {
      const value = column[id];
      if (value !== NONE) {
        const at = next[slots[value] - 1]++;
        field[at] = f;
        session[at] = id;
      }
    }
  }
  const result = { lower, start, field, session };
  cache.set(columns, result);
  return result;
}

/**
 * Sessions matching `query` (case-insensitive), best first: exact matches before prefixes before
 * matches anywhere, then by field (user first), then the most recent first. At most `max`.
 */
export function searchSessions(index: BundleIndex, query: string, max = 500): SessionMatch[] {
  const q = query.trim().toLowerCase();
  if (q === '' || index.sessions.length === 0) {
    return [];
  }
  const values = valueIndex(index);
  const best = new Map<number, SessionMatch>();
  for (let i = 0; i < values.lower.length; i++) {
    const quality = matchQuality(values.lower[i], q);
    if (quality === -1) {
      continue;
    }
    for (let e = values.start[i]; e < values.start[i + 1]; e++) {
      const id = values.session[e];
      const field = SEARCH_FIELDS[values.field[e]];
      const known = best.get(id);
      if (!known || quality < known.quality || (quality === known.quality && rank(field) < rank(known.field))) {
        best.set(id, { id, field, quality });
      }
    }
  }
  const time = sessionColumns(index).wallTime;
  const order = (t: number): number => (Number.isNaN(t) ? -Infinity : t);
  return [...best.values()]
    .sort((a, b) => a.quality - b.quality || rank(a.field) - rank(b.field) || order(time[b.id]) - order(time[a.id]) || a.id - b.id)
    .slice(0, max);
}

/**
 * How well a value (lower case) matches a query (lower case, trimmed): 0 the whole value, 1 its start,
 * 2 anywhere in it; -1 not at all. Ctrl+T ranks sessions and rejections by it.
 */
export function matchQuality(lowerValue: string, q: string): number {
  const at = lowerValue.indexOf(q);
  return at === -1 ? -1 : lowerValue.length === q.length ? 0 : at === 0 ? 1 : 2;
}

function rank(field: SearchField): number {
  return SEARCH_FIELDS.indexOf(field);
}
