/** The Outline's "Findings" group: one symbol per finding on the event it is about. */
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import { Analysis, entryRange, headerLineRange, rangeOf } from '../analysis';
import { FindingsResult } from '../findings/model';
import { plainText } from '../markdown';
import { clockTime } from '../wording';
import { entryOfRef } from './findingDiagnostics';

/** undefined when there is nothing to list. `max` bounds the children (the omitted are counted in the group's detail). */
export function findingSymbols(analysis: Analysis, result: FindingsResult, max: number): DocumentSymbol | undefined {
  const children: DocumentSymbol[] = [];
  let left = Object.values(result.omitted).reduce((n, k) => n + k, 0);
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
  }
  if (children.length === 0) {
    return undefined;
  }
  // Children stay in document order. The group lists events the sessions already show: it claims
  // no line of its own (an empty range at the end of the text), so that breadcrumbs, sticky scroll
  // and Outline badges keep naming each line's own session (see symbols.ts).
  children.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const nowhere = rangeOf(analysis.log, analysis.log.text.length, analysis.log.text.length);
  return {
    name: `Findings (${children.length + left})`,
    detail: left > 0 ? `${left} more not listed` : 'what a security review should look at',
    kind: SymbolKind.Key,
    range: nowhere,
    selectionRange: nowhere,
    children,
  };
}
