/**
 * What a filtered view adds to the ordinary features of a log: inlay hints saying where each entry
 * comes from and how many were skipped, a CodeLens on the first line with the filter and the part
 * shown, diagnostics without the session checks a selection makes meaningless, and on ordinary logs a
 * "Show only this session" lens beside each START/STOP.
 */
import { CodeLens, Command, Diagnostic, InlayHint, InlayHintLabelPart } from 'vscode-languageserver-types';
import { Analysis, headerLineRange } from '../analysis';
import { ViewPage } from './view';
import { lastAtOrBefore } from '../sorted';

/** Where an original line can be shown (a file, or a window onto it), or why not. */
export type Locate = (file: number, line: number, offset: number) => { uri: string; line: number } | { error: string };

export interface HintCommands {
  /** Opens a URI at a 0-based line (arguments: uri, line). */
  reveal?: string;
  /** Opens the next part of the view (argument: the view's URI). */
  nextPage?: string;
}

/** Most hints one request answers (a request covers what the editor shows, usually far fewer). */
const MAX_HINTS = 2000;

function revealCommand(commands: HintCommands, target: ReturnType<Locate>, title: string): Command | undefined {
  return commands.reveal && !('error' in target) ? { title, command: commands.reveal, arguments: [target.uri, target.line] } : undefined;
}

/**
 * Hints for view lines [fromLine, toLine]: after each entry's first line its file and line in the
 * original (Ctrl+click goes there); on each gap line how many entries were skipped; on the closing line
 * how many more match or were skipped after; after a cut entry how much was left out.
 *
 * The parts carry a command, not a `location`: an editor treats a part's location as a symbol and goes
 * to that symbol's definition (for a STOP, its START), while the command opens the very line.
 */
export function viewInlayHints(
  page: ViewPage, viewUri: string, fromLine: number, toLine: number, lineLength: (line: number) => number,
  fileName: (file: number) => string, locate: Locate, commands: HintCommands, remaining?: number,
): InlayHint[] {
  const hints: InlayHint[] = [];
  const { entries, gaps, end } = page;
  const firstEntry = Math.max(0, lastAtOrBefore(entries.viewLine, entries.count, fromLine));
  for (let k = firstEntry; k < entries.count && entries.viewLine[k] <= toLine && hints.length < MAX_HINTS; k++) {
    const header = entries.viewLine[k];
    if (header >= fromLine) {
      const target = locate(entries.file[k], entries.line[k], 0);
      const label = `${fileName(entries.file[k])}:${entries.line[k] + 1}`;
      const part: InlayHintLabelPart = { value: label, tooltip: 'Where this entry is in the original. Ctrl+click (Cmd+click) to go there.' };
      const command = revealCommand(commands, target, `Reveal ${label}`);
      if (command) {
        part.command = command;
      }
      hints.push({ position: { line: header, character: lineLength(header) }, label: [{ value: '⟵ ' }, part], paddingLeft: true });
    }
    if (entries.cut[k] > 0) {
      const last = header + entries.lines[k] - 1;
      if (last >= fromLine && last <= toLine) {
        hints.push({ position: { line: last, character: lineLength(last) }, label: `✂ ${entries.cut[k].toLocaleString('en-US')} more characters of this entry are in the original`, paddingLeft: true });
      }
    }
  }
  for (let g = Math.max(0, lastAtOrBefore(gaps.viewLine, gaps.count, fromLine)); g < gaps.count && gaps.viewLine[g] <= toLine && hints.length < MAX_HINTS; g++) {
    const line = gaps.viewLine[g];
    if (line < fromLine) {
      continue;
    }
    const text = `⋯ ${entryCount(gaps.skipped[g])} skipped ⋯`;
    const target = gaps.line[g] >= 0 ? locate(gaps.file[g], gaps.line[g], 0) : { error: 'unknown' };
    const part: InlayHintLabelPart = { value: text, tooltip: 'Entries of the original that the filter leaves out. Ctrl+click (Cmd+click) to see the first of them in the original.' };
    const command = revealCommand(commands, target, 'Reveal the skipped entries');
    if (command) {
      part.command = command;
    }
    hints.push({ position: { line, character: 0 }, label: [part] });
  }
  if (end && end.viewLine >= fromLine && end.viewLine <= toLine) {
    if (end.reading) {
      const percent = end.reading.size > 0 ? ` (${Math.min(99, Math.floor((100 * end.reading.read) / end.reading.size))}% so far)` : '';
      hints.push({ position: { line: end.viewLine, character: 0 }, label: `⋯ still reading the log${percent}: more matching entries may follow ⋯` });
    } else if (end.more) {
      const parts: InlayHintLabelPart[] = [{ value: `⋯ ${remaining !== undefined ? `${remaining.toLocaleString('en-US')} more matching entries` : 'more matching entries'} in the next part: ` }];
      parts.push(commands.nextPage
        ? { value: 'Open the next part ›', tooltip: 'Gateway Logs: Next Part of Filtered View', command: { title: 'Next part', command: commands.nextPage, arguments: [viewUri] } }
        : { value: 'run “Gateway Logs: Next Part of Filtered View”' });
      hints.push({ position: { line: end.viewLine, character: 0 }, label: parts });
    } else if (end.skippedAfter > 0) {
      const target = end.line >= 0 ? locate(end.file, end.line, 0) : { error: 'unknown' };
      const part: InlayHintLabelPart = { value: `⋯ ${entryCount(end.skippedAfter)} after the last match skipped ⋯` };
      const command = revealCommand(commands, target, 'Reveal the skipped entries');
      if (command) {
        part.command = command;
      }
      hints.push({ position: { line: end.viewLine, character: 0 }, label: [part] });
    }
  }
  return hints.slice(0, MAX_HINTS);
}

export interface ViewSummary {
  description: string;
  matched: number;
  complete: boolean;
  entries?: number;
  page: number;
  parts: number;
  partsComplete: boolean;
  shown: number;
  firstMatch?: number;
}

/** Commands of the view's own lenses (the client's ids; a lens whose command is missing is left out). */
export interface ViewLensCommands {
  edit?: string;
  nextPage?: string;
  previousPage?: string;
  reveal?: string;
}

/** The first-line lenses of a view: what it shows (click: change the filter), and the parts before and after. */
export function viewLenses(summary: ViewSummary, viewUri: string, commands: ViewLensCommands): CodeLens[] {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const count = summary.complete ? summary.matched.toLocaleString('en-US') : `${summary.matched.toLocaleString('en-US')}+ (counting…)`;
  const of = summary.entries !== undefined ? ` of ${summary.entries.toLocaleString('en-US')}` : '';
  const part = summary.parts > 1 || !summary.partsComplete
    ? ` · part ${summary.page + 1} of ${summary.parts}${summary.partsComplete ? '' : '+'} (entries ${((summary.firstMatch ?? 0) + 1).toLocaleString('en-US')}–${((summary.firstMatch ?? 0) + summary.shown).toLocaleString('en-US')})`
    : '';
  const title = `Filter: ${summary.description} · ${count}${of} entries${part}`;
  // Every lens runs a command (an editor without the client's commands gets the inlay hints only).
  const lenses: CodeLens[] = commands.edit ? [{ range, command: { title, command: commands.edit, arguments: [viewUri] } }] : [];
  if (summary.page > 0 && commands.previousPage) {
    lenses.push({ range, command: { title: '‹ Previous part', command: commands.previousPage, arguments: [viewUri] } });
  }
  if ((summary.page + 1 < summary.parts || !summary.partsComplete) && commands.nextPage) {
    lenses.push({ range, command: { title: 'Next part ›', command: commands.nextPage, arguments: [viewUri] } });
  }
  return lenses;
}

/**
 * Session checks that say something is missing or repeated make no sense in a selection (the STOP may
 * be filtered out, or the STOP between two STARTs): a view keeps only the checks that hold whatever
 * was left out.
 */
const SELECTION_BLIND_CODES = new Set(['stop-without-start', 'start-without-stop', 'start-twice', 'diagnostics-capped']);

export function viewDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => !SELECTION_BLIND_CODES.has(String(d.code)));
}

/** "Show only this session" beside each START/STOP and login/logout (argument: the document URI and the line). */
export function sessionFilterLenses(analysis: Analysis, uri: string, command: string, max = 5000): CodeLens[] {
  const lenses: CodeLens[] = [];
  const { log } = analysis;
  for (const session of analysis.sessions.sessions) {
    for (const index of [session.start, session.stop]) {
      if (index === undefined || lenses.length >= max) {
        continue;
      }
      const entry = log.entries[index];
      lenses.push({ range: headerLineRange(log, entry), command: { title: 'show only this session', command, arguments: [uri, entry.startLine] } });
    }
  }
  return lenses;
}

/** `1 entry`, `1,234 entries`. */
function entryCount(n: number): string {
  return n === 1 ? '1 entry' : `${n.toLocaleString('en-US')} entries`;
}
