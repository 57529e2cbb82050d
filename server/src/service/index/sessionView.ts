/**
 * Light, numeric views of a bundle's sessions for lists that cover all of them (search, the Sessions
 * tree): which strings name a session and when it began, computed once per pairing.
 */
import { BundleIndex } from './bundleIndex';
import { NONE, NO_ZONE } from './columns';
import { FactString } from './facts';

/** Fields a session is found and grouped by, in order of how strongly a match on them counts. */
export const SEARCH_FIELDS = ['user', 'key', 'deviceName', 'uniqueId', 'app', 'publicIp', 'assignedIp'] as const;
export type SearchField = typeof SEARCH_FIELDS[number];

export interface SessionColumns {
  count: number;
  /** String id per field and session (NONE when unknown). */
  field: Record<SearchField, Int32Array>;
  /** Time of the START (else the first member) as written: milliseconds of the wall clock; NaN when unknown. */
  wallTime: Float64Array;
  /** Rows of the START/anchor. */
  anchor: Int32Array;
}

const cache = new WeakMap<object, SessionColumns>();

/** The columns for the index's current sessions (rebuilt after each re-pairing). */
export function sessionColumns(index: BundleIndex): SessionColumns {
  const sessions = index.sessions;
  const cached = cache.get(sessions);
  if (cached) {
    return cached;
  }
  const n = sessions.length;
  const field = Object.fromEntries(SEARCH_FIELDS.map((f) => [f, new Int32Array(n).fill(NONE)])) as Record<SearchField, Int32Array>;
  const wallTime = new Float64Array(n);
  const anchor = new Int32Array(n);
  const keyless = new Map<number, number>();
  for (let id = 0; id < n; id++) {
    const row = sessions.anchor(id);
    anchor[id] = row;
    const { columns, index: i } = index.rows.locate(row);
    const zone = columns.zone[i];
    wallTime[id] = columns.time[i] + (zone === NO_ZONE ? 0 : zone) * 60_000;
    // The key without its rule prefix, as people type it (a gsid, a SESSION_ID).
    const key = sessions.key[id];
    let shown = keyless.get(key);
    if (shown === undefined) {
      shown = index.strings.id((index.strings.get(key) ?? '').slice(2).split('\u0000')[0]);
      keyless.set(key, shown);
    }
    field.key[id] = shown;
    for (const name of ['user', 'deviceName', 'uniqueId', 'app', 'publicIp', 'assignedIp'] as const) {
      field[name][id] = factIdOfSession(index, id, name);
    }
  }
  const result = { count: n, field, wallTime, anchor };
  cache.set(sessions, result);
  return result;
}

/** A fact of the session as a string id: from its START, else its STOP, else its first members. */
function factIdOfSession(index: BundleIndex, id: number, name: FactString): number {
  const sessions = index.sessions;
  const candidates = [sessions.start[id], sessions.stop[id], sessions.head[id]];
  for (const row of candidates) {
    if (row === NONE) {
      continue;
    }
    const value = index.fact(row, name);
    if (value !== undefined) {
      return index.strings.find(value);
    }
  }
  return NONE;
}
