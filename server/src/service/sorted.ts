/**
 * Binary search in sorted numbers (line numbers, rows, offsets), shared by the index, the windows and
 * the filtered views.
 */

/** Index of the last of the first `count` values (sorted, ascending) that is at or before `target`, or -1. */
export function lastAtOrBefore(values: ArrayLike<number>, count: number, target: number): number {
  let low = 0;
  let high = count - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (values[mid] <= target) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}
