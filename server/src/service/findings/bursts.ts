/** Bursts: at least N events within M minutes, found with a sliding window over events sorted by time. */

/**
 * Index ranges [first, last] of the bursts in `times` (sorted ascending): maximal runs in which every
 * event lies in some window of `windowMs` holding at least `count` events. Windows that share events
 * merge into one burst, so a long attack is one finding, not one per event. Linear.
 */
export function findBursts(times: readonly number[], count: number, windowMs: number): [number, number][] {
  const bursts: [number, number][] = [];
  if (count < 1 || times.length < count) {
    return bursts;
  }
  let from = 0;
  for (let to = 0; to < times.length; to++) {
    while (times[to] - times[from] > windowMs) {
      from++;
    }
    if (to - from + 1 >= count) {
      const last = bursts[bursts.length - 1];
      if (last && from <= last[1]) {
        last[1] = to;
      } else {
        bursts.push([from, to]);
      }
    }
  }
  return bursts;
}
