/**
 * The service layer's front door. Everything here works on plain text and offsets; the server turns
 * protocol requests into these calls. Parse once per document version, then ask any feature.
 */
import {
  CodeLens, Diagnostic, DocumentHighlight, DocumentSymbol, FoldingRange, Hover, Location,
} from 'vscode-languageserver-types';
import { analyze, Analysis, reanalyze } from './analysis';
import { detachEntryStrings } from './detach';
import { parseLog, ParseOptions } from './parse';
import { codeLenses, LensCommands } from './features/codeLens';
import { pairedLine, sessionSummary } from './features/commands';
import { diagnostics } from './features/diagnostics';
import { findingDiagnostics } from './features/findingDiagnostics';
import { FindingHover, findingHover } from './features/findingHover';
import { findingSymbols } from './features/findingSymbols';
import { TimelineCursor, timelineCursor, TimelineData, timelineOfAnalysis, TimelineOptions } from './features/timeline';
import { foldingRanges } from './features/folding';
import { doHover } from './features/hover';
import { findDefinition, findHighlights, findReferences } from './features/navigation';
import { documentSymbols } from './features/symbols';
import { detectFormat } from './formats/detect';
import { findingsOf, FindingsOptions, FindingsResult, knownFindings, noteEdit } from './findings';
import { applyEditDetailed, TextEdit } from './incremental';
import { LogEntry, LogFormat } from './model';
import { Position } from './text';

export type { Analysis } from './analysis';
export type { LensCommands } from './features/codeLens';
export type { TextEdit } from './incremental';
export type { LogFormat } from './model';
export type { Position } from './text';
export type { FindingsOptions, FindingsResult } from './findings';

/**
 * What the server (or any other host: tests, the CLI) can ask of a log. Positions are 0-based lines
 * and UTF-16 characters, as in LSP; `uri` is only echoed back in the locations and commands returned.
 * Every answer is bounded by the caps given or by the feature's own limits.
 */
export interface LanguageService {
  /** Which of our formats the text is, judged from its first lines; undefined when it is none. */
  detectFormat(text: string): LogFormat | undefined;
  /** Parses and cross-checks a whole document. */
  analyze(text: string, format: LogFormat): Analysis;
  /** Re-analyses after one edit, re-parsing only the entries it touches. */
  update(previous: Analysis, newText: string, edit: TextEdit): Analysis;
  /** Makes entries [from, to) keep copies of their strings, not views into the text (memory; see detachEntryStrings). */
  detachEntryStrings(entries: readonly LogEntry[], from: number, to: number): void;
  /** What the field under the position means and says; null off any field. */
  doHover(analysis: Analysis, position: Position): Hover | null;
  /** Sessions and notable events, at most `maxSymbols` symbols. */
  documentSymbols(analysis: Analysis, maxSymbols: number): DocumentSymbol[];
  /** From an event to the other end of its session. */
  findDefinition(analysis: Analysis, uri: string, position: Position): Location[];
  /**
   * Every event of the session (or entries sharing the value) at the position, at most MAX_REFERENCES
   * (features/capping): `onOmitted` hears how many were left out and a sentence saying so.
   */
  findReferences(analysis: Analysis, uri: string, position: Position, onOmitted?: (omitted: number, note: string) => void): Location[];
  /** The START/STOP and the events around the position, at most MAX_HIGHLIGHTS (sent on every cursor move). */
  findHighlights(analysis: Analysis, position: Position): DocumentHighlight[];
  /** Session lenses carrying `commands` (the host chooses ids its client can run), at most `max`. */
  codeLenses(analysis: Analysis, uri: string, commands: LensCommands, max?: number): CodeLens[];
  foldingRanges(analysis: Analysis, max?: number): FoldingRange[];
  /** Problems of the parse and the session checks, at most `maxDiagnostics` (0: none). */
  diagnostics(analysis: Analysis, maxDiagnostics: number): Diagnostic[];
  /** The 0-based line of the other end of the session of the entry on `line`. */
  pairedLine(analysis: Analysis, line: number): number | undefined;
  /** A one-line plain-text account of the session of the entry on `line`. */
  sessionSummary(analysis: Analysis, line: number): string | undefined;
  /** The findings of an analysis with these options: computed on first request, kept with the analysis. */
  findings(analysis: Analysis, options: FindingsOptions): FindingsResult;
  /** The findings if known without running the rules (computed, or carried over an edit that touched nothing they read). */
  knownFindings(analysis: Analysis, options: FindingsOptions): FindingsResult | undefined;
  /** One diagnostic per finding on its event, its evidence as related locations in `uri`. */
  findingDiagnostics(analysis: Analysis, findings: FindingsResult, uri: string): Diagnostic[];
  /** The Outline's "Findings" group (at most `max` children), or undefined when there are none. */
  findingSymbols(analysis: Analysis, findings: FindingsResult, max: number): DocumentSymbol | undefined;
  /** Why the findings at the position fired, with their evidence; `settingsPrefix` names their settings. */
  findingHover(analysis: Analysis, findings: FindingsResult, options: FindingsOptions, position: Position, settingsPrefix: string): FindingHover | null;
  /** What the timeline view draws: sessions, marks, findings, a histogram by severity (bounded). */
  timeline(analysis: Analysis, findings: FindingsResult, options?: TimelineOptions): TimelineData;
  /** The entry on a 0-based line and its session, for the timeline to highlight. */
  timelineCursor(analysis: Analysis, line: number): TimelineCursor | null;
}

export function getLanguageService(options: ParseOptions = {}): LanguageService {
  return {
    detectFormat,
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
    pairedLine,
    sessionSummary,
    findings: findingsOf,
    knownFindings,
    findingDiagnostics,
    findingSymbols,
    findingHover,
    timeline: timelineOfAnalysis,
    timelineCursor,
  };
}
