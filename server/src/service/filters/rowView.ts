/**
 * A filtered view of files in the bundle index: matching rows cut into parts by their sizes on disk
 * (upper bounds: a row spans to the next row), the byte ranges a part needs read, and the part's text
 * once they are. Nothing here reads a file: the Node side reads the ranges and hands the text back.
 */
import { LogFormat } from '../model';
import { BundleIndex } from '../index/bundleIndex';
import { DEFAULT_PAGE_LIMITS, pageStarts, PageLimits, ViewBuilder, ViewPage } from './view';

export interface RowViewPlan {
  /** Index file numbers the view draws on, in bundle order. */
  fileNumbers: number[];
  /** Matching global rows, in bundle order. */
  rows: Int32Array;
  /** Index into `rows` of each part's first row. */
  starts: number[];
  /** Entries in the files drawn on (skipped ones included). */
  total: number;
  /** Position of a global row among the rows of the files drawn on. */
  ordinal(row: number): number;
}

export function planRowView(index: BundleIndex, fileNumbers: readonly number[], rows: Int32Array, limits: PageLimits = DEFAULT_PAGE_LIMITS): RowViewPlan {
  const bases = index.rows.bases;
  // Ordinal = global row less the rows of files not drawn on before it.
  const ordinalBase = new Map<number, number>();
  let total = 0;
  for (const f of fileNumbers) {
    ordinalBase.set(f, total - bases[f]);
    total += index.files[f].entries.length;
  }
  const ordinal = (row: number): number => row + (ordinalBase.get(index.rows.fileOf(row)) ?? 0);
  const size = (row: number): { bytes: number; lines: number } => {
    const { file, index: i } = index.rows.locate(row);
    const f = index.files[file];
    const next = i + 1 < f.entries.length;
    return {
      bytes: (next ? f.entries.offset[i + 1] : f.bytes) - f.entries.offset[i],
      lines: Math.max(1, (next ? f.entries.line[i + 1] : f.lines) - f.entries.line[i]),
    };
  };
  const starts = pageStarts(rows.length, (i) => size(rows[i]).bytes, (i) => size(rows[i]).lines,
    (i) => ordinal(rows[i]) - (i > 0 ? ordinal(rows[i - 1]) : -1) > 1, limits);
  return { fileNumbers: [...fileNumbers], rows, starts, total, ordinal };
}

/** A byte range of one file: the row's bytes up to the next row. */
export interface RowRange {
  fileNumber: number;
  row: number;
  start: number;
  end: number;
}

/** The byte ranges part `page` needs, in view order. */
export function pageRanges(index: BundleIndex, plan: RowViewPlan, page: number): RowRange[] {
  const first = plan.starts[page] ?? plan.rows.length;
  const end = page + 1 < plan.starts.length ? plan.starts[page + 1] : plan.rows.length;
  const ranges: RowRange[] = [];
  for (let k = first; k < end; k++) {
    const row = plan.rows[k];
    const { file, index: i } = index.rows.locate(row);
    const f = index.files[file];
    ranges.push({ fileNumber: file, row, start: f.entries.offset[i], end: i + 1 < f.entries.length ? f.entries.offset[i + 1] : f.bytes });
  }
  return ranges;
}

/**
 * An entry's own text out of the bytes up to the next entry, as its parser bounds it: Blue Cedar
 * without the blank lines after it; OAG up to its first blank line (lines after one belong to no entry).
 */
export function entryTextOf(format: LogFormat, text: string): string {
  if (format === 'oag') {
    // Cut before the first line (after the entry's own) that is blank.
    const breaks = /\r\n|\r|\n/g;
    for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
      const lineStart = m.index + m[0].length;
      const next = text.slice(lineStart).search(/\r|\n/);
      const line = next === -1 ? text.slice(lineStart) : text.slice(lineStart, lineStart + next);
      if (line.trim() === '') {
        return text.slice(0, m.index);
      }
    }
    return text;
  }
  let end = text.length;
  while (end > 0) {
    const c = text.charCodeAt(end - 1);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10) {
      break;
    }
    end--;
  }
  // Keep the spaces of the last line that has text: cut at its line break.
  const lineBreak = text.slice(end).search(/\r|\n/);
  return lineBreak === -1 ? text : text.slice(0, end + lineBreak);
}

/**
 * Part `page` from the texts of its ranges (same order as pageRanges). `viewFile` numbers the index
 * files in the view's own list of files; `eol` is the line break the view uses.
 */
export function rowsPage(index: BundleIndex, plan: RowViewPlan, page: number, texts: readonly string[], eol: '\n' | '\r\n', viewFile: (fileNumber: number) => number, limits: PageLimits = DEFAULT_PAGE_LIMITS): ViewPage {
  const first = plan.starts[page] ?? plan.rows.length;
  const end = page + 1 < plan.starts.length ? plan.starts[page + 1] : plan.rows.length;
  const { rows } = plan;
  const builder = new ViewBuilder(eol, limits, first > 0 ? plan.ordinal(rows[first - 1]) : -1);
  const where = (row: number): { file: number; line: number } => {
    const { file, index: i } = index.rows.locate(row);
    return { file: viewFile(file), line: index.files[file].entries.line[i] };
  };
  /** The first row of the drawn-on files after `row` (-1: before the first), if any. */
  const rowAfter = (row: number): number | undefined => {
    if (row < 0) {
      return plan.fileNumbers.length > 0 ? firstRowFrom(index, plan.fileNumbers, 0) : undefined;
    }
    const f = index.rows.fileOf(row);
    if (row + 1 < index.rows.bases[f + 1]) {
      return row + 1;
    }
    return firstRowFrom(index, plan.fileNumbers, plan.fileNumbers.indexOf(f) + 1);
  };
  for (let k = first; k < end; k++) {
    const row = rows[k];
    const at = where(row);
    const previous = k > 0 ? rows[k - 1] : -1;
    const ordinal = plan.ordinal(row);
    const skippedFrom = ordinal - (previous >= 0 ? plan.ordinal(previous) : -1) > 1 ? rowAfter(previous) : undefined;
    const format = index.files[index.rows.fileOf(row)].format;
    builder.add(entryTextOf(format, texts[k - first] ?? ''), at.file, at.line, ordinal, skippedFrom === undefined ? undefined : where(skippedFrom));
  }
  const more = end < rows.length;
  const last = end > 0 ? rows[end - 1] : -1;
  const after = more ? undefined : rowAfter(last);
  return builder.finish({ total: plan.total, more, skippedAt: after === undefined ? undefined : where(after) });
}

function firstRowFrom(index: BundleIndex, fileNumbers: readonly number[], from: number): number | undefined {
  for (let k = from; k < fileNumbers.length; k++) {
    if (index.files[fileNumbers[k]].entries.length > 0) {
      return index.rows.bases[fileNumbers[k]];
    }
  }
  return undefined;
}
