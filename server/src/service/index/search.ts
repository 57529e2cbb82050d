/**
 * Finding sessions in a bundle by what people type (Ctrl+T): a user, device, app, appGsid, SESSION_ID
 * or IP address, or part of one. Each distinct value is tested once, however many sessions carry it.
 */
import { BundleIndex } from './bundleIndex';
import { NONE } from './columns';
import { SEARCH_FIELDS, SearchField, sessionColumns } from './sessionView';

export interface SessionMatch {
  id: number;
  field: SearchField;
  /** Lower is better: 0 exact, 1 prefix, 2 anywhere in the value. */
  quality: number;
}

interface ValueIndex {
  /** Distinct string ids that name some session, their lower-case text, and the sessions per field. */
  ids: number[];
  lower: string[];
  sessions: Map<number, { field: SearchField; id: number }[]>;
}

const cache = new WeakMap<object, ValueIndex>();

function valueIndex(index: BundleIndex): ValueIndex {
  const columns = sessionColumns(index);
  const cached = cache.get(columns);
  if (cached) {
    return cached;
  }
  const sessions = new Map<number, { field: SearchField; id: number }[]>();
  for (const field of SEARCH_FIELDS) {
    const column = columns.field[field];
    for (let id = 0; id < columns.count; id++) {
      const value = column[id];
      if (value === NONE) {
        continue;
      }
      let list = sessions.get(value);
      if (!list) {
        list = [];
        sessions.set(value, list);
      }
      list.push({ field, id });
    }
  }
  const ids = [...sessions.keys()];
  const result = { ids, lower: ids.map((id) => (index.strings.get(id) ?? '').toLowerCase()), sessions };
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
  for (let i = 0; i < values.ids.length; i++) {
    const text = values.lower[i];
    const at = text.indexOf(q);
    if (at === -1) {
      continue;
    }
    const quality = text.length === q.length ? 0 : at === 0 ? 1 : 2;
    for (const { field, id } of values.sessions.get(values.ids[i])!) {
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

function rank(field: SearchField): number {
  return SEARCH_FIELDS.indexOf(field);
}
