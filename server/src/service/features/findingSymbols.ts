/** The Outline's "Findings" group: one symbol per finding on the event it is about. */
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import { Analysis, entryRange, headerLineRange } from '../analysis';
import { FindingsResult } from '../findings/model';
import { plainText } from '../markdown';
import { clockTime } from '../wording';
import { entryOfRef } from './findingDiagnostics';

/** undefined when there is nothing to list. `max` bounds the children (the omitted are counted in the group's detail). */
export function findingSymbols(analysis: Analysis, result: FindingsResult, max: number): DocumentSymbol | undefined {
  const children: DocumentSymbol[] = [];
  let left = Object.values(result.omitted).reduce((n, k) => n + k, 0);
  let start = Infinity;
  let first: ReturnType<typeof headerLineRange> | undefined;
  for (const finding of result.findings) {
    const entry = entryOfRef(analysis, finding.where);
    if (!entry) {
      continue;
    }
    if (children.length >= max) {
      left++;
      continue;
    }
    const range = entryRange(analysis.log, entry);
    children.push({
      name: plainText(`${finding.severity === 'warning' ? '⚠ ' : ''}${finding.title}: ${finding.user ?? finding.device ?? ''}`).trim(),
      detail: plainText(`${clockTime(finding)} · line ${entry.startLine + 1} · ${finding.message}`, 200),
      kind: SymbolKind.Event,
      range,
      selectionRange: headerLineRange(analysis.log, entry),
    });
    if (entry.start < start) {
      start = entry.start;
      first = headerLineRange(analysis.log, entry);
    }
  }
  if (children.length === 0 || !first) {
    return undefined;
  }
  // Children stay in document order; the group spans them all, as a symbol must contain its children.
  children.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const lastChild = children.reduce((a, b) => (compare(b.range.end, a.range.end) > 0 ? b : a));
  return {
    name: `Findings (${children.length + left})`,
    detail: left > 0 ? `${left} more not listed` : 'what a security review should look at',
    kind: SymbolKind.Key,
    range: { start: children[0].range.start, end: lastChild.range.end },
    selectionRange: first,
    children,
  };
}

function compare(a: { line: number; character: number }, b: { line: number; character: number }): number {
  return a.line - b.line || a.character - b.character;
}
