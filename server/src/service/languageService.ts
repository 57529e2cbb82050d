/**
 * The service layer's front door. Everything here works on plain text and offsets; the server turns
 * protocol requests into these calls. Parse once per document version, then ask any feature.
 */
import { analyze, Analysis, reanalyze } from './analysis';
import { detachEntryStrings, parseLog, ParseOptions } from './document';
import { codeLenses } from './features/codeLens';
import { diagnostics } from './features/diagnostics';
import { foldingRanges } from './features/folding';
import { doHover } from './features/hover';
import { findDefinition, findHighlights, findReferences } from './features/navigation';
import { documentSymbols } from './features/symbols';
import { applyEditDetailed, TextEdit } from './incremental';
import { LogFormat } from './model';

export type { Analysis } from './analysis';
export type { TextEdit } from './incremental';
export type { LogFormat } from './model';

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
}

export function getLanguageService(options: ParseOptions = {}): LanguageService {
  return {
    analyze: (text, format) => analyze(parseLog(text, format, options)),
    update: (previous, newText, edit) => reanalyze(previous, applyEditDetailed(previous.log, newText, edit, options)),
    detachEntryStrings,
    doHover,
    documentSymbols,
    findDefinition,
    findReferences,
    findHighlights,
    codeLenses,
    foldingRanges,
    diagnostics,
  };
}
