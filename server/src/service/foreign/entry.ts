/** A line of another program as an entry of the log: kind `foreign`, its program and its time. */
import { LogEntry, newEntry, Problem } from '../model';
import { ForeignLine } from './lines';

export function foreignEntry(line: ForeignLine, start: number, end: number, startLine: number, endLine: number): LogEntry {
  const problems: Problem[] = [];
  const entry = newEntry(start, end, startLine, endLine, problems);
  entry.kind = 'foreign';
  entry.program = line.program;
  entry.messageStart = Math.min(line.messageStart, end);
  if (line.time === undefined) {
    // Not the log's own entry, so not the log's own error: a warning that the time cannot be placed.
    problems.push({
      severity: 'warning', start, end: Math.max(start + 1, Math.min(line.timeEnd, end)), code: 'bad-timestamp',
      message: `This line of ${line.program} starts with a timestamp that is not a real date and time, so it cannot be placed in time.`,
    });
    return entry;
  }
  entry.time = line.time;
  entry.zone = line.zone;
  entry.month = line.month;
  entry.year = line.year;
  entry.yearInferred = line.year === undefined;
  if (entry.yearInferred) {
    entry.parsedTime = line.time;
  }
  return entry;
}
