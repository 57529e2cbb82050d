/**
 * What the outline shows of other programs' lines (foreign entries): their own group, one child per
 * program in order of first appearance, each listing its lines. The outline (symbols.ts) puts this
 * group after the log's own groups; the folding of the same lines is in folding.ts.
 */
import { plainText } from '../markdown';
import { LogEntry, ParsedLog } from '../model';
import { clockTime } from '../wording';

export interface ForeignProgramGroup {
  /** `sshd (3)`. */
  name: string;
  program: string;
  entries: LogEntry[];
}

/** The group's own name in the outline. */
export const FOREIGN_GROUP_NAME = 'Lines of other programs';

/** At most this many programs get a group of their own; the rest share the last one. */
const MAX_PROGRAMS = 50;
const OTHER = 'other programs';

/** Foreign entries grouped by program (bounded: a hostile log cannot make thousands of groups). */
export function foreignProgramGroups(log: ParsedLog): ForeignProgramGroup[] {
  const groups = new Map<string, LogEntry[]>();
  for (const entry of log.entries) {
    if (entry.kind !== 'foreign') {
      continue;
    }
    let program = entry.program ?? OTHER;
    if (!groups.has(program) && groups.size >= MAX_PROGRAMS - 1) {
      program = OTHER;
    }
    let list = groups.get(program);
    if (!list) {
      list = [];
      groups.set(program, list);
    }
    list.push(entry);
  }
  return [...groups].map(([program, entries]) => ({ name: `${plainText(program, 40).trim() || OTHER} (${entries.length})`, program, entries }));
}

/** One line's name in the outline: the start of its message (plain text, short). */
export function foreignLineName(log: ParsedLog, entry: LogEntry): string {
  const lineEnd = log.text.indexOf('\n', entry.messageStart);
  const end = Math.min(entry.end, lineEnd === -1 ? log.text.length : lineEnd, entry.messageStart + 200);
  return plainText(log.text.slice(entry.messageStart, end), 80).trim() || (entry.program ?? OTHER);
}

/** One line's detail in the outline: its time as written and its line number. */
export function foreignLineDetail(entry: LogEntry): string {
  return `${clockTime(entry)} · line ${entry.startLine + 1}`;
}
