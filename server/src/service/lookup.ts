/** Finding the entry at an offset or a line (entries are sorted and do not overlap). */
import { LogEntry, ParsedLog } from './model';

/** Binary search for the entry containing `offset` (entries are sorted and do not overlap). */
export function entryAt(log: ParsedLog, offset: number): LogEntry | undefined {
  const { entries } = log;
  let low = 0;
  let high = entries.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const entry = entries[mid];
    if (offset < entry.start) {
      high = mid - 1;
    } else if (offset > entry.end) {
      low = mid + 1;
    } else {
      return entry;
    }
  }
  return undefined;
}

/** The entry whose lines include `line`. */
export function entryAtLine(log: ParsedLog, line: number): LogEntry | undefined {
  const { entries } = log;
  let low = 0;
  let high = entries.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const entry = entries[mid];
    if (line < entry.startLine) {
      high = mid - 1;
    } else if (line > entry.endLine) {
      low = mid + 1;
    } else {
      return entry;
    }
  }
  return undefined;
}
