/** Finding the entry at an offset or a line (entries are sorted and do not overlap). */
import { LogEntry, ParsedLog } from './model';

/** Binary search for the entry containing `offset` (entries are sorted and do not overlap). */
export function entryAt(log: ParsedLog, offset: number): LogEntry | undefined {
  return containing(log.entries, offset, 'start', 'end');
}

/** The entry whose lines include `line`. */
export function entryAtLine(log: ParsedLog, line: number): LogEntry | undefined {
  return containing(log.entries, line, 'startLine', 'endLine');
}

/** The entry whose span `[first, last]` (offsets or lines, both inclusive) holds `value`. */
function containing(entries: readonly LogEntry[], value: number, first: 'start' | 'startLine', last: 'end' | 'endLine'): LogEntry | undefined {
  let low = 0;
  let high = entries.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const entry = entries[mid];
    if (value < entry[first]) {
      high = mid - 1;
    } else if (value > entry[last]) {
      low = mid + 1;
    } else {
      return entry;
    }
  }
  return undefined;
}
