/** A filtered view of an analysed document: its matches cut into parts, and the text of a part. */
import { Analysis } from '../analysis';
import { lineBreakOf, pageStarts, PageLimits, DEFAULT_PAGE_LIMITS, ViewBuilder, ViewPage } from './view';

export interface DocumentViewPlan {
  /** Indices of the matching entries, in order. */
  matches: Int32Array;
  /** Index into `matches` of each part's first match. */
  starts: number[];
  eol: '\n' | '\r\n';
  /** Entries in the document. */
  total: number;
}

/** Cuts a document's matches into parts that each stay within the limits. */
export function planDocumentView(analysis: Analysis, matches: Int32Array, limits: PageLimits = DEFAULT_PAGE_LIMITS): DocumentViewPlan {
  const { entries, text } = analysis.log;
  const starts = pageStarts(
    matches.length,
    (i) => entries[matches[i]].end - entries[matches[i]].start,
    (i) => entries[matches[i]].endLine - entries[matches[i]].startLine + 1,
    (i) => matches[i] - (i > 0 ? matches[i - 1] : -1) > 1,
    limits,
  );
  return { matches, starts, eol: lineBreakOf(text), total: entries.length };
}

/** The text and map of part `page` (0-based) of the view; the document is file number `file` of the map. */
export function documentPage(analysis: Analysis, plan: DocumentViewPlan, page: number, limits: PageLimits = DEFAULT_PAGE_LIMITS, file = 0): ViewPage {
  const { entries, text } = analysis.log;
  const { matches, starts } = plan;
  const first = starts[page] ?? matches.length;
  const end = page + 1 < starts.length ? starts[page + 1] : matches.length;
  const builder = new ViewBuilder(plan.eol, limits, first > 0 ? matches[first - 1] : -1);
  for (let i = first; i < end; i++) {
    const index = matches[i];
    const entry = entries[index];
    const previous = i > 0 ? matches[i - 1] : -1;
    const skippedAt = index - previous > 1 ? { file, line: entries[previous + 1].startLine } : undefined;
    builder.add(text.slice(entry.start, entry.end), file, entry.startLine, index, skippedAt);
  }
  const last = end > 0 ? matches[end - 1] : -1;
  const more = end < matches.length;
  return builder.finish({
    total: plan.total,
    more,
    skippedAt: !more && last + 1 < entries.length ? { file, line: entries[last + 1].startLine } : undefined,
  });
}
