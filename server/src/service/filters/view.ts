/**
 * The text of a filtered view and its map back to the original. A view holds the matching entries'
 * own lines, one after the other, in the source's order. Where entries were skipped it holds one empty
 * line (the editor shows "… N entries skipped" there as an inlay hint): an empty line is the only text
 * both parsers pass over without attaching it to the entry before, so every entry of a view parses as
 * it does in its file. When there are more matches than one view may hold, a last empty line says so.
 *
 * Lines are copied whole, so a character keeps its column; only line breaks are made uniform (the
 * source's first one), which keeps the number of lines of every entry.
 */
import { lastAtOrBefore } from '../sorted';

/** How much one part (page) of a view holds: well below VS Code's 50 MB sync and 20 MB / 300k-line colouring limits. */
export interface PageLimits {
  maxChars: number;
  maxLines: number;
  /** A single entry longer than this is shown cut (an entry can be any size). */
  maxEntryChars: number;
}

export const DEFAULT_PAGE_LIMITS: PageLimits = { maxChars: 8 * 1024 * 1024, maxLines: 100_000, maxEntryChars: 1024 * 1024 };

/** Measures a part as entries are added, so that every way of building views cuts parts alike. */
export class PageMeter {
  chars = 0;
  lines = 0;
  entries = 0;

  constructor(private readonly limits: PageLimits) {}

  /** Adds an entry of `chars` characters and `lines` lines (after a gap line or not); false when the part is full. */
  tryAdd(chars: number, lines: number, gapBefore: boolean): boolean {
    const addChars = Math.min(chars, this.limits.maxEntryChars) + 2;
    const addLines = lines + (gapBefore ? 1 : 0);
    // The first entry always goes in; one line stays free for the closing line.
    if (this.entries > 0 && (this.chars + addChars > this.limits.maxChars || this.lines + addLines + 1 > this.limits.maxLines)) {
      return false;
    }
    this.chars += addChars;
    this.lines += addLines;
    this.entries++;
    return true;
  }

  reset(): void {
    this.chars = 0;
    this.lines = 0;
    this.entries = 0;
  }
}

/**
 * Where each part starts (an index into the matches), for matches whose sizes are known up front:
 * `chars(i)` and `lines(i)` may be upper bounds, `gapBefore(i)` says whether entries were skipped
 * before match i.
 */
export function pageStarts(count: number, chars: (i: number) => number, lines: (i: number) => number, gapBefore: (i: number) => boolean, limits: PageLimits = DEFAULT_PAGE_LIMITS): number[] {
  const starts = count > 0 ? [0] : [];
  const meter = new PageMeter(limits);
  for (let i = 0; i < count; i++) {
    if (!meter.tryAdd(chars(i), lines(i), gapBefore(i))) {
      starts.push(i);
      meter.reset();
      meter.tryAdd(chars(i), lines(i), gapBefore(i));
    }
  }
  return starts;
}

/** The map of one part of a view: entries and gap lines, in view order. */
export interface ViewPage {
  text: string;
  /** Line break used throughout. */
  eol: '\n' | '\r\n';
  /** Lines of the view (the last one may be the closing empty line). */
  lineCount: number;
  entries: {
    count: number;
    /** View line of each entry's first line. */
    viewLine: Int32Array;
    /** Number of its source file (the host's list) and its first line there (0-based). */
    file: Int32Array;
    line: Int32Array;
    /** Lines the entry has in the view. */
    lines: Int32Array;
    /** Position of the entry among all entries of the source (counts skipped entries). */
    ordinal: Float64Array;
    /** Characters left out of an entry shown cut (0 for whole entries). */
    cut: Float64Array;
  };
  gaps: {
    count: number;
    viewLine: Int32Array;
    skipped: Float64Array;
    /** Where the first skipped entry is (file number, line; line -1 when unknown). */
    file: Int32Array;
    line: Int32Array;
  };
  /**
   * The closing empty line: entries skipped after the last match, whether more matches follow in a next
   * part, or (`reading`) that the part is shown before the log has been read far enough to fill it.
   */
  end?: { viewLine: number; skippedAfter: number; more: boolean; file: number; line: number; reading?: { read: number; size: number } };
}

/** Builds one part of a view from the matching entries' text, in order. */
export class ViewBuilder {
  private readonly parts: string[] = [];
  private line = 0;
  private lastOrdinal: number;
  private readonly e = { viewLine: [] as number[], file: [] as number[], line: [] as number[], lines: [] as number[], ordinal: [] as number[], cut: [] as number[] };
  private readonly g = { viewLine: [] as number[], skipped: [] as number[], file: [] as number[], line: [] as number[] };

  /** `previousOrdinal`: the ordinal of the match before this part's first (-1: none, count from the source's start). */
  constructor(readonly eol: '\n' | '\r\n', private readonly limits: PageLimits = DEFAULT_PAGE_LIMITS, previousOrdinal = -1) {
    this.lastOrdinal = previousOrdinal;
  }

  get entryCount(): number {
    return this.e.viewLine.length;
  }

  /**
   * Adds an entry: its text without the final line break, the file number and line it starts on, and
   * its ordinal in the source. `skippedAt`: where the first entry skipped before it is (for the gap line).
   */
  add(text: string, file: number, line: number, ordinal: number, skippedAt?: { file: number; line: number }): void {
    const skipped = ordinal - this.lastOrdinal - 1;
    if (skipped > 0) {
      this.g.viewLine.push(this.line);
      this.g.skipped.push(skipped);
      this.g.file.push(skippedAt?.file ?? file);
      this.g.line.push(skippedAt?.line ?? -1);
      this.parts.push('');
      this.line++;
    }
    let shown = uniformLineBreaks(text, this.eol);
    let cut = 0;
    if (shown.length > this.limits.maxEntryChars) {
      const kept = cutPoint(shown, this.limits.maxEntryChars, this.eol);
      cut = shown.length - kept;
      shown = shown.slice(0, kept);
    }
    const lines = countLines(shown, this.eol);
    this.e.viewLine.push(this.line);
    this.e.file.push(file);
    this.e.line.push(line);
    this.e.lines.push(lines);
    this.e.ordinal.push(ordinal);
    this.e.cut.push(cut);
    this.parts.push(shown);
    this.line += lines;
    this.lastOrdinal = ordinal;
  }

  /**
   * The part. `after`: entries of the source after the last match (`total`: how many entries the
   * source has, when known), and whether more matches follow in a next part.
   */
  finish(after: { total?: number; more: boolean; skippedAt?: { file: number; line: number }; reading?: { read: number; size: number } } = { more: false }): ViewPage {
    const skippedAfter = after.total !== undefined ? Math.max(0, after.total - this.lastOrdinal - 1) : 0;
    let end: ViewPage['end'];
    if (after.more || skippedAfter > 0 || after.reading) {
      end = {
        viewLine: this.line, skippedAfter: after.more || after.reading ? 0 : skippedAfter, more: after.more, file: after.skippedAt?.file ?? -1,
        line: after.skippedAt?.line ?? -1, ...(after.reading ? { reading: after.reading } : {}),
      };
    }
    // The builder goes on after this (a part shown while the log is still being read is finished again later).
    const text = (end ? [...this.parts, ''] : this.parts).join(this.eol);
    return {
      text,
      eol: this.eol,
      lineCount: Math.max(1, this.line + (end ? 1 : 0)),
      entries: {
        count: this.e.viewLine.length,
        viewLine: Int32Array.from(this.e.viewLine),
        file: Int32Array.from(this.e.file),
        line: Int32Array.from(this.e.line),
        lines: Int32Array.from(this.e.lines),
        ordinal: Float64Array.from(this.e.ordinal),
        cut: Float64Array.from(this.e.cut),
      },
      gaps: {
        count: this.g.viewLine.length,
        viewLine: Int32Array.from(this.g.viewLine),
        skipped: Float64Array.from(this.g.skipped),
        file: Int32Array.from(this.g.file),
        line: Int32Array.from(this.g.line),
      },
      end,
    };
  }
}

/** The line break a source uses (its first one); LF for a single line. */
export function lineBreakOf(text: string): '\n' | '\r\n' {
  const lf = text.indexOf('\n');
  return lf > 0 && text.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
}

/** Text with every line break (LF, CR LF, lone CR) as `eol`. Unchanged (no copy) when already so. */
export function uniformLineBreaks(text: string, eol: '\n' | '\r\n'): string {
  if (eol === '\n') {
    return text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
  }
  if (text.indexOf('\n') === -1 && text.indexOf('\r') === -1) {
    return text;
  }
  return /\r(?!\n)|(?<!\r)\n/.test(text) ? text.replace(/\r\n|\r|\n/g, '\r\n') : text;
}

function countLines(text: string, eol: string): number {
  let lines = 1;
  for (let at = text.indexOf(eol); at !== -1; at = text.indexOf(eol, at + eol.length)) {
    lines++;
  }
  return lines;
}

/** Where to cut an entry longer than `max`: after its last line break before `max`, else at `max` (not inside a surrogate pair). */
function cutPoint(text: string, max: number, eol: string): number {
  const lastBreak = text.lastIndexOf(eol, max - eol.length);
  if (lastBreak > max / 2) {
    return lastBreak;
  }
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

// ------------------------------------------------------------------------------------------- mapping

export type LineOrigin =
  /** A line of a shown entry: its file and line there. */
  | { kind: 'entry'; entry: number; file: number; line: number }
  /** A gap line: how many entries were skipped and where the first of them is (line -1: unknown). */
  | { kind: 'gap'; gap: number; skipped: number; file: number; line: number }
  /** The closing line. */
  | { kind: 'end'; skippedAfter: number; more: boolean; file: number; line: number; reading?: { read: number; size: number } };

/** Where a line of the view comes from; undefined past the end. */
export function originOfViewLine(page: ViewPage, viewLine: number): LineOrigin | undefined {
  const { entries, gaps, end } = page;
  if (end && viewLine === end.viewLine) {
    return { kind: 'end', skippedAfter: end.skippedAfter, more: end.more, file: end.file, line: end.line, reading: end.reading };
  }
  const i = lastAtOrBefore(entries.viewLine, entries.count, viewLine);
  if (i >= 0 && viewLine < entries.viewLine[i] + entries.lines[i]) {
    return { kind: 'entry', entry: i, file: entries.file[i], line: entries.line[i] + (viewLine - entries.viewLine[i]) };
  }
  const g = lastAtOrBefore(gaps.viewLine, gaps.count, viewLine);
  if (g >= 0 && gaps.viewLine[g] === viewLine) {
    return { kind: 'gap', gap: g, skipped: gaps.skipped[g], file: gaps.file[g], line: gaps.line[g] };
  }
  return undefined;
}

/**
 * The view line that shows `line` of source file `file`: the same line when its entry is shown
 * (`exact`), else the gap line where it was skipped, or the nearest line the part has.
 */
export function viewLineOfOriginal(page: ViewPage, file: number, line: number): { line: number; exact: boolean } {
  const { entries, gaps } = page;
  if (entries.count === 0) {
    // Nothing matched: the only line there is (the closing line).
    return { line: 0, exact: false };
  }
  // Entries are in source order: by file number, then line.
  let low = 0;
  let high = entries.count - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const f = entries.file[mid];
    if (f < file || (f === file && entries.line[mid] <= line)) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  if (found >= 0 && entries.file[found] === file) {
    const offset = line - entries.line[found];
    if (offset < entries.lines[found]) {
      return { line: entries.viewLine[found] + offset, exact: entries.cut[found] === 0 || offset < entries.lines[found] - 1 };
    }
  }
  // Not shown: the gap before the next shown entry, else the closing line, else the last line.
  const next = found + 1;
  if (next < entries.count) {
    const g = lastAtOrBefore(gaps.viewLine, gaps.count, entries.viewLine[next] - 1);
    const gapLine = g >= 0 ? gaps.viewLine[g] : -1;
    const previousEnd = found >= 0 ? entries.viewLine[found] + entries.lines[found] : 0;
    return { line: gapLine >= previousEnd ? gapLine : entries.viewLine[next], exact: false };
  }
  return { line: page.end ? page.end.viewLine : page.lineCount - 1, exact: false };
}
