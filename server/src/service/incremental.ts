/**
 * Re-parsing after an edit touches only the entries around it: the lines from the entry before the
 * edit to the first entry header after it are parsed again, and every later entry is shifted.
 * A property test checks the result equals a full parse.
 */
import { parseLines, ParseOptions } from './parse';
import { LogEntry, ParsedLog, Problem } from './model';
import { computeLineStarts, lineOf } from './text';
import { inferYears } from './years';

export interface TextEdit {
  /** Offsets in the text before the edit. */
  start: number;
  end: number;
  text: string;
}

export interface EditResult {
  log: ParsedLog;
  /** The entries that were parsed again, as they were before the edit and as they are now. */
  replaced: readonly LogEntry[];
  redone: readonly LogEntry[];
  /** Lines added (positive) or removed (negative) by the edit. */
  lineDelta: number;
  /**
   * True when nothing year inference reads changed (same entry count, same wall-clock times): the
   * times already inferred were kept. False after a full re-parse.
   */
  timesKept: boolean;
}

export function applyEdit(old: ParsedLog, newText: string, edit: TextEdit, options: ParseOptions = {}): ParsedLog {
  return applyEditDetailed(old, newText, edit, options).log;
}

export function applyEditDetailed(old: ParsedLog, newText: string, edit: TextEdit, options: ParseOptions = {}): EditResult {
  const delta = edit.text.length - (edit.end - edit.start);
  if (newText.length !== old.text.length + delta || changesLoneCarriageReturn(old.text, newText, edit)) {
    const log = fullParse(old, newText, options);
    return { log, replaced: old.entries, redone: log.entries, lineDelta: log.lineStarts.length - old.lineStarts.length, timesKept: false };
  }
  const oldLineCount = old.lineStarts.length;
  const editStartLine = lineOf(old.lineStarts, edit.start);
  const editEndLine = lineOf(old.lineStarts, edit.end);
  const { entries } = old;

  // First entry to redo: the one before the entry holding the edit (the edit may merge lines into it).
  let first = lastEntryStartingAtOrBefore(entries, editStartLine);
  first = Math.max(0, first - 1);
  const fromLine = first < entries.length && entries.length > 0 ? Math.min(entries[first].startLine, editStartLine) : editStartLine;
  const last = lastEntryStartingAtOrBefore(entries, editEndLine);
  const afterIndex = last + 1;
  const toLineOld = afterIndex < entries.length ? entries[afterIndex].startLine : oldLineCount;
  const oldFromOffset = old.lineStarts[fromLine];
  const oldToOffset = toLineOld < oldLineCount ? old.lineStarts[toLineOld] : old.text.length + 1;

  // From here on the old log's line starts (and below, its entries) are updated in place: the old
  // version is not used again, and copying 50 MB worth of line starts per keystroke is what we avoid.
  const lineStarts = updateLineStarts(old.lineStarts, newText, edit, delta, editStartLine, editEndLine);
  const lineDelta = lineStarts.length - oldLineCount;
  const toLine = toLineOld + lineDelta;

  const redone: LogEntry[] = [];
  const stray: Problem[] = [];
  parseLines(old.format, newText, lineStarts, fromLine, toLine, redone, stray, true);

  const firstRedone = entries.length > 0 ? Math.min(first, entries.length) : 0;
  const replaced = entries.slice(firstRedone, afterIndex);
  const timesKept = replaced.length === redone.length && replaced.every((e, i) => sameTimeFacts(e, redone[i]));
  for (let i = afterIndex; i < entries.length; i++) {
    shiftEntry(entries[i], delta, lineDelta);
  }
  let merged: LogEntry[];
  if (replaced.length === redone.length) {
    // The usual case of a small edit: swap the entries in place, no copy of the whole list.
    merged = entries;
    for (let i = 0; i < redone.length; i++) {
      redone[i].index = firstRedone + i;
      merged[firstRedone + i] = redone[i];
    }
  } else {
    merged = entries.slice(0, firstRedone).concat(redone, entries.slice(afterIndex));
    for (let i = firstRedone; i < merged.length; i++) {
      merged[i].index = i;
    }
  }
  const problems = old.problems.length === 0 && stray.length === 0 ? [] : old.problems
    .filter((p) => p.start < oldFromOffset)
    .concat(stray, old.problems.filter((p) => p.start >= oldToOffset).map((p) => shiftProblem(p, delta)));
  if (timesKept) {
    // Same wall-clock times in the same order: the inferred years are the ones already known.
    for (let i = 0; i < redone.length; i++) {
      if (redone[i].yearInferred) {
        redone[i].time = replaced[i].time;
      }
    }
  } else {
    inferYears(merged, options.now ?? new Date());
  }
  return { log: { format: old.format, text: newText, entries: merged, problems, lineStarts }, replaced, redone, lineDelta, timesKept };
}

/** Whether year inference would see the same thing in both versions of an entry. */
function sameTimeFacts(a: LogEntry, b: LogEntry): boolean {
  return a.yearInferred === b.yearInferred && a.month === b.month && a.year === b.year
    && (a.yearInferred ? a.parsedTime === b.parsedTime : a.time === b.time);
}

/**
 * Whether the edit may make or break a lone CR, a line break of its own that the line table kept across
 * edits does not follow (it follows LFs, and so every CRLF): a lone CR among the characters the edit
 * removes or the one before them, in the old text, or among those it inserts or the one before them,
 * in the new text. Such edits take the full parse. Typing, Enter (CRLF) and joining lines in a Windows
 * file make no lone CR and stay incremental.
 */
function changesLoneCarriageReturn(oldText: string, newText: string, edit: TextEdit): boolean {
  const from = Math.max(0, edit.start - 1);
  for (let i = from; i < edit.end; i++) {
    if (isLoneCarriageReturn(oldText, i)) {
      return true;
    }
  }
  const insertedEnd = edit.start + edit.text.length;
  for (let i = from; i < insertedEnd; i++) {
    if (isLoneCarriageReturn(newText, i)) {
      return true;
    }
  }
  return false;
}

function isLoneCarriageReturn(text: string, at: number): boolean {
  return text.charCodeAt(at) === 13 && text.charCodeAt(at + 1) !== 10;
}

function fullParse(old: ParsedLog, newText: string, options: ParseOptions): ParsedLog {
  const lineStarts = computeLineStarts(newText);
  const entries: LogEntry[] = [];
  const problems: Problem[] = [];
  parseLines(old.format, newText, lineStarts, 0, lineStarts.length, entries, problems);
  inferYears(entries, options.now ?? new Date());
  return { format: old.format, text: newText, entries, problems, lineStarts };
}

function lastEntryStartingAtOrBefore(entries: readonly LogEntry[], line: number): number {
  let low = 0;
  let high = entries.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (entries[mid].startLine <= line) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

/** The line starts after the edit; `starts` itself is reused (changed in place) when it can be. */
function updateLineStarts(starts: number[], newText: string, edit: TextEdit, delta: number, startLine: number, endLine: number): number[] {
  const inserted: number[] = [];
  const scanEnd = edit.start + edit.text.length;
  let at = newText.indexOf('\n', starts[startLine]);
  while (at !== -1 && at < scanEnd) {
    inserted.push(at + 1);
    at = newText.indexOf('\n', at + 1);
  }
  let result = starts;
  if (inserted.length === endLine - startLine) {
    for (let i = 0; i < inserted.length; i++) {
      result[startLine + 1 + i] = inserted[i];
    }
  } else {
    // concat and slice copy packed arrays in bulk (a `new Array(n)` of this size would be a slow dictionary).
    result = starts.slice(0, startLine + 1).concat(inserted, starts.slice(endLine + 1));
  }
  if (delta !== 0) {
    for (let line = startLine + 1 + inserted.length; line < result.length; line++) {
      result[line] += delta;
    }
  }
  return result;
}

function shiftProblem(p: Problem, delta: number): Problem {
  return { ...p, start: p.start + delta, end: p.end + delta };
}

function shiftEntry(entry: LogEntry, delta: number, lineDelta: number): void {
  if (delta !== 0) {
    entry.start += delta;
    entry.end += delta;
    entry.messageStart += delta;
    if (entry.eventStart !== undefined) {
      entry.eventStart += delta;
      entry.eventEnd! += delta;
    }
    if (entry.payloadStart !== undefined) {
      entry.payloadStart += delta;
      entry.payloadEnd! += delta;
    }
    for (const p of entry.problems) {
      p.start += delta;
      p.end += delta;
    }
  }
  entry.startLine += lineDelta;
  entry.endLine += lineDelta;
}
