/**
 * The service layer's front door. Everything here works on plain text and offsets; the server turns
 * protocol requests into these calls. Parse once per document version, then ask any feature.
 */
import { analyze, Analysis, reanalyze } from './analysis';
import { detachEntryStrings, parseLog, ParseOptions } from './document';
import { codeLenses } from './features/codeLens';
import { diagnostics } from './features/diagnostics';
import { findingDiagnostics } from './features/findingDiagnostics';
import { findingHover } from './features/findingHover';
import { findingSymbols } from './features/findingSymbols';
import { timelineCursor, timelineOfAnalysis } from './features/timeline';
import { foldingRanges } from './features/folding';
import { doHover } from './features/hover';
import { findDefinition, findHighlights, findReferences } from './features/navigation';
import { documentSymbols } from './features/symbols';
import { findingsOf, knownFindings, noteEdit } from './findings';
import { applyEditDetailed, TextEdit } from './incremental';
import { LogFormat } from './model';

export type { Analysis } from './analysis';
export type { TextEdit } from './incremental';
export type { LogFormat } from './model';
export type { FindingsOptions, FindingsResult } from './findings';

export const LANGUAGE_FORMATS: Record<string, LogFormat> = {
  'bluecedar-log': 'bluecedar',
  'oag-log': 'oag',
};

export function formatOfLanguage(languageId: string): LogFormat | undefined {
  return LANGUAGE_FORMATS[languageId];
}

export interface LanguageService {
  analyze(text: string, format: LogFormat): Analysis;
  /** Re-analyses after one edit, re-parsing only the entries it touches. */
  update(previous: Analysis, newText: string, edit: TextEdit): Analysis;
  /** Makes entries [from, to) keep copies of their strings, not views into the text (see detachEntryStrings). */
  detachEntryStrings: typeof detachEntryStrings;
  doHover: typeof doHover;
  documentSymbols: typeof documentSymbols;
  findDefinition: typeof findDefinition;
  findReferences: typeof findReferences;
  findHighlights: typeof findHighlights;
  codeLenses: typeof codeLenses;
  foldingRanges: typeof foldingRanges;
  diagnostics: typeof diagnostics;
  /** The findings of an analysis, computed on first request and kept with it. */
  findings: typeof findingsOf;
  /** The findings if known without running the rules (computed, or carried over an edit that touched nothing they read). */
  knownFindings: typeof knownFindings;
  findingDiagnostics: typeof findingDiagnostics;
  findingSymbols: typeof findingSymbols;
  findingHover: typeof findingHover;
  timeline: typeof timelineOfAnalysis;
  timelineCursor: typeof timelineCursor;
}

export function getLanguageService(options: ParseOptions = {}): LanguageService {
  return {
    analyze: (text, format) => analyze(parseLog(text, format, options)),
    update: (previous, newText, edit) => {
      const detail = applyEditDetailed(previous.log, newText, edit, options);
      const next = reanalyze(previous, detail);
      noteEdit(previous, next, detail.replaced, detail.redone);
      return next;
    },
    detachEntryStrings,
    doHover,
    documentSymbols,
    findDefinition,
    findReferences,
    findHighlights,
    codeLenses,
    foldingRanges,
    diagnostics,
    findings: findingsOf,
    knownFindings,
    findingDiagnostics,
    findingSymbols,
    findingHover,
    timeline: timelineOfAnalysis,
    timelineCursor,
  };
}
