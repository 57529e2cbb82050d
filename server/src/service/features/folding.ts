/**
 * Every entry that spans several lines folds to its header line. Lines of other programs (foreign
 * entries) fold as their own group: a run of them folds to its first line, so the log's own entries
 * can be read without them.
 */
import { FoldingRange } from 'vscode-languageserver-types';
import { Analysis } from '../analysis';

export function foldingRanges(analysis: Analysis, max = Number.MAX_SAFE_INTEGER): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const { entries } = analysis.log;
  for (let i = 0; i < entries.length && ranges.length < max; i++) {
    const entry = entries[i];
    if (entry.kind === 'foreign' && (i === 0 || entries[i - 1].kind !== 'foreign')) {
      let last = i;
      while (last + 1 < entries.length && entries[last + 1].kind === 'foreign') {
        last++;
      }
      if (last > i) {
        ranges.push({ startLine: entry.startLine, endLine: entries[last].endLine });
      }
    }
    if (entry.endLine > entry.startLine && ranges.length < max) {
      ranges.push({ startLine: entry.startLine, endLine: entry.endLine });
    }
  }
  return ranges;
}
