/**
 * Bounded answers. A log can tie hundreds of thousands of events to one session (or one user, one
 * address): highlights are asked for on every cursor move, and an answer listing them all costs the
 * server and the editor seconds and megabytes. Features list a bounded part, chosen around the
 * cursor, and say how much they left out.
 */

/** Highlights: the session's START and STOP and the events nearest the cursor. */
export const MAX_HIGHLIGHTS = 100;
/** References: enough to browse; the rest is counted in a note. */
export const MAX_REFERENCES = 1000;

export interface Capped<T> {
  /** The kept items, in the order of the list. */
  items: T[];
  /** How many items of the list were left out. */
  omitted: number;
}

export interface CapOptions {
  /** Index in the list of the item the cursor is on: the kept items are those nearest it. */
  near?: number;
  /** Indices in the list kept first, whatever their distance (e.g. a session's START and STOP). */
  pinned?: readonly number[];
}

/**
 * At most `max` items of `list` (sorted, e.g. entry indices in document order): the pinned ones, then
 * those nearest `near` (alternately after and before it), returned in list order. Costs O(max log max),
 * whatever the length of the list.
 */
export function capLocations<T>(list: readonly T[], max: number, options: CapOptions = {}): Capped<T> {
  const limit = Math.max(0, Math.floor(max));
  if (list.length <= limit) {
    return { items: list.slice(), omitted: 0 };
  }
  const chosen = new Set<number>();
  for (const i of options.pinned ?? []) {
    if (chosen.size < limit && i >= 0 && i < list.length) {
      chosen.add(i);
    }
  }
  const centre = Math.min(Math.max(0, options.near ?? 0), list.length - 1);
  for (let distance = 0; chosen.size < limit && (centre - distance >= 0 || centre + distance < list.length); distance++) {
    for (const i of distance === 0 ? [centre] : [centre + distance, centre - distance]) {
      if (chosen.size < limit && i >= 0 && i < list.length) {
        chosen.add(i);
      }
    }
  }
  const indices = [...chosen].sort((a, b) => a - b);
  return { items: indices.map((i) => list[i]), omitted: list.length - indices.length };
}

/** Index of the first element of the sorted `list` that is >= `value` (list.length when none is). */
export function lowerBound(list: readonly number[], value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid] < value) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

/** The sentence that says what a capped answer left out, for the server's log. */
export function omittedNote(kept: number, omitted: number, what: string): string {
  return `Listed ${kept.toLocaleString('en-US')} of ${(kept + omitted).toLocaleString('en-US')} ${what}; ${omitted.toLocaleString('en-US')} were left out to keep the answer small.`;
}
