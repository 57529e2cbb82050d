/**
 * Rejections that belong to no session, found by who they name: a Blue Cedar Policy REJECT (which
 * no session holds) or an OAG failure or denial without a SESSION_ID. Someone who was only ever
 * rejected has no session to find, and "why was she rejected?" must still lead to the events.
 */
import { BundleIndex } from './bundleIndex';
import { FLAG_REJECTED, NONE } from './columns';
import { FactString } from './facts';
import { matchQuality } from './search';

/** What a rejection is found by, best first. */
export const REJECTION_FIELDS = ['user', 'deviceName', 'publicIp'] as const satisfies readonly FactString[];
export type RejectionField = typeof REJECTION_FIELDS[number];

export interface RejectionMatch {
  /** Global row of the rejected entry. */
  row: number;
  field: RejectionField;
  /** Lower is better: 0 exact, 1 prefix, 2 anywhere in the value. */
  quality: number;
}

/** Distinct values of the rejections, each with its rows (as search.ts keeps the sessions' values). */
interface RejectionValues {
  lower: string[];
  field: RejectionField[];
  /** Rows of value i: row[start[i] .. start[i + 1]). */
  start: Int32Array;
  row: Float64Array;
}

const cache = new WeakMap<object, RejectionValues>();

/** Built once per pairing (the rows outside sessions are known then), in one pass over the fact rows. */
function rejectionValues(index: BundleIndex): RejectionValues {
  const sessions = index.sessions;
  const cached = cache.get(sessions);
  if (cached) {
    return cached;
  }
  // The rows of each value, per field: a user and a device of the same name are two values.
  const rowsOf = REJECTION_FIELDS.map(() => new Map<number, number[]>());
  const bases = index.rows.bases;
  let total = 0;
  index.files.forEach((file, n) => {
    const { entries, facts } = file;
    for (let f = 0; f < facts.length; f++) {
      const i = facts.entry[f];
      if ((entries.flags[i] & FLAG_REJECTED) === 0 || entries.session[i] !== NONE) {
        continue;
      }
      REJECTION_FIELDS.forEach((name, k) => {
        const id = facts.strings[name][f];
        if (id !== NONE) {
          total++;
          const rows = rowsOf[k].get(id);
          if (rows) {
            rows.push(bases[n] + i);
          } else {
            rowsOf[k].set(id, [bases[n] + i]);
          }
        }
      });
    }
  });
  const lower: string[] = [];
  const field: RejectionField[] = [];
  const start = new Int32Array(rowsOf.reduce((a, m) => a + m.size, 0) + 1);
  const row = new Float64Array(total);
  let at = 0;
  REJECTION_FIELDS.forEach((name, k) => {
    for (const [id, rows] of rowsOf[k]) {
      lower.push((index.strings.get(id) ?? '').toLowerCase());
      field.push(name);
      row.set(rows, at);
      at += rows.length;
      start[lower.length] = at;
    }
  });
  const values = { lower, field, start, row };
  cache.set(sessions, values);
  return values;
}

/**
 * Rejections outside sessions whose user, device or public address contains `query` (case-insensitive),
 * best first: exact before prefix before anywhere, then by field (user first), then the most recent
 * first. At most `max`.
 */
export function searchRejections(index: BundleIndex, query: string, max = 100): RejectionMatch[] {
  const q = query.trim().toLowerCase();
  if (q === '' || max <= 0 || index.files.length === 0) {
    return [];
  }
  const values = rejectionValues(index);
  const best = new Map<number, RejectionMatch>();
  for (let v = 0; v < values.lower.length; v++) {
    const quality = matchQuality(values.lower[v], q);
    if (quality === -1) {
      continue;
    }
    const field = values.field[v];
    for (let k = values.start[v]; k < values.start[v + 1]; k++) {
      const row = values.row[k];
      const known = best.get(row);
      if (!known || quality < known.quality || (quality === known.quality && rank(field) < rank(known.field))) {
        best.set(row, { row, field, quality });
      }
    }
  }
  const time = (row: number): number => {
    const t = index.entryRef(row).time;
    return t === undefined ? -Infinity : t;
  };
  return [...best.values()]
    .map((m) => ({ m, t: time(m.row) }))
    .sort((a, b) => a.m.quality - b.m.quality || rank(a.m.field) - rank(b.m.field) || b.t - a.t || a.m.row - b.m.row)
    .slice(0, max)
    .map(({ m }) => m);
}

function rank(field: RejectionField): number {
  return REJECTION_FIELDS.indexOf(field);
}
