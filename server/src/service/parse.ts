/** Whole-document parsing: text to entries, in either format, with years given to year-less lines. */
import { parseBlueCedarLines, startsBlueCedarEntry } from './bluecedar/parser';
import { detachEntryStrings } from './detach';
import { LogEntry, LogFormat, ParsedLog, Problem } from './model';
import { parseOagLines, startsOagEntry } from './oag/parser';
import { computeLineStarts, detached } from './text';
import { inferYears } from './years';

export interface ParseOptions {
  /** "Now", for placing syslog timestamps without a year. Defaults to the current time. */
  now?: Date;
}

/**
 * Parses lines [fromLine, toLine) into `entries` and `stray`. With `ownStrings`, what the new entries
 * keep is copied out of `text` (see detached): re-parses after an edit use it, so that the entries
 * they make do not pin this version of the document once the next edit replaces it. A full parse
 * skips it: its entries share the one version they were read from.
 */
export function parseLines(
  format: LogFormat, text: string, lineStarts: readonly number[], fromLine: number, toLine: number,
  entries: LogEntry[], stray: Problem[], ownStrings = false,
): void {
  const firstNew = entries.length;
  const firstStray = stray.length;
  if (format === 'bluecedar') {
    parseBlueCedarLines(text, lineStarts, fromLine, toLine, entries, stray);
  } else {
    parseOagLines(text, lineStarts, fromLine, toLine, entries, stray);
  }
  if (ownStrings) {
    detachEntryStrings(entries, firstNew, entries.length);
    for (let i = firstStray; i < stray.length; i++) {
      stray[i].message = detached(stray[i].message);
    }
  }
}

/** Whether the line starting at `at` begins an entry of `format` (where a reader may cut a file into chunks). */
export function startsEntry(format: LogFormat, text: string, at: number): boolean {
  return format === 'bluecedar' ? startsBlueCedarEntry(text, at) : startsOagEntry(text, at);
}

export function parseLog(text: string, format: LogFormat, options: ParseOptions = {}): ParsedLog {
  const lineStarts = computeLineStarts(text);
  const entries: LogEntry[] = [];
  const problems: Problem[] = [];
  parseLines(format, text, lineStarts, 0, lineStarts.length, entries, problems);
  inferYears(entries, options.now ?? new Date());
  return { format, text, entries, problems, lineStarts };
}
