/**
 * Light, numeric views of a bundle's sessions for lists that cover all of them (search, the Sessions
 * tree): which strings name a session and when it began, computed once per pairing.
 */
import { BundleIndex } from './bundleIndex';
import { NONE, NO_ZONE } from './columns';

/** Fields a session is found and grouped by, in order of how strongly a match on them counts. */
export const SEARCH_FIELDS = ['user', 'key', 'deviceName', 'uniqueId', 'app', 'publicIp', 'assignedIp'] as const;
export type SearchField = typeof SEARCH_FIELDS[number];
/** The fields read from the facts of a session's entries (all but its key). */
const FACT_FIELDS = ['user', 'deviceName', 'uniqueId', 'app', 'publicIp', 'assignedIp'] as const;

export interface SessionColumns {
  count: number;
  /**
   * String id per field and session (NONE when unknown). `key` holds the pairing key as the index
   * keeps it, with its rule (searchableKeyText, keys.ts, gives it as people type it).
   */
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
  field.key.set(sessions.key.subarray(0, n));
  for (let id = 0; id < n; id++) {
    anchor[id] = sessions.anchor(id);
  }
  // One pass over the rows (for the anchors' times) and one over the fact rows, file by file, each
  // row knowing its session: no look-up per session. A fact comes from the START, else the STOP, else
  // the first member, field by field (`rank` keeps where each value came from).
  const rank = FACT_FIELDS.map(() => new Uint8Array(n));
  const targets = FACT_FIELDS.map((name) => field[name]);
  index.files.forEach((file, k) => {
    const base = index.rows.bases[k];
    const { session, time, zone } = file.entries;
    for (let i = 0; i < file.entries.length; i++) {
      const id = session[i];
      if (id !== NONE && id < n && anchor[id] === base + i) {
        wallTime[id] = time[i] + (zone[i] === NO_ZONE ? 0 : zone[i]) * 60_000;
      }
    }
    const facts = file.facts;
    const sources = FACT_FIELDS.map((name) => facts.strings[name]);
    for (let f = 0; f < facts.length; f++) {
      const row = base + facts.entry[f];
      const id = session[facts.entry[f]];
      if (id === NONE || id >= n) {
        continue;
      }
      const from = row === sessions.start[id] ? 3 : row === sessions.stop[id] ? 2 : row === sessions.head[id] ? 1 : 0;
      for (let j = 0; from > 0 && j < sources.length; j++) {
        const value = sources[j][f];
        if (value !== NONE && from > rank[j][id]) {
          targets[j][id] = value;
          rank[j][id] = from;
        }
      }
    }
  });
  const result = { count: n, field, wallTime, anchor };
  cache.set(sessions, result);
  return result;
}
