/** Every entry that spans several lines folds to its header line. */
import { FoldingRange } from 'vscode-languageserver-types';
import { Analysis } from '../analysis';

export function foldingRanges(analysis: Analysis, max = Number.MAX_SAFE_INTEGER): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  for (const entry of analysis.log.entries) {
    if (entry.endLine > entry.startLine) {
      ranges.push({ startLine: entry.startLine, endLine: entry.endLine });
      if (ranges.length >= max) {
        break;
      }
    }
  }
  return ranges;
}
