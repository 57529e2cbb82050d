/**
 * Windows: read-only documents showing part of a file the editor cannot open (gzipped, or over its
 * 50 MB limit), around one entry, with every language feature. A window is named by a URI that says
 * which file and which line it is centred on, so the same URI always shows the same text.
 */
import { LANGUAGE_OF_FORMAT } from '../formats/ids';
import { LogFormat } from '../model';
import { FileIndex } from './fileIndex';
import { lastAtOrBefore } from '../sorted';

export const WINDOW_SCHEME = 'gateway-log-window';
/** Lines of the file shown before and after the line a window is centred on. */
export const WINDOW_CONTEXT_LINES = 400;
/** A window never holds more than this (a single entry can be larger: it is shown cut). */
export const WINDOW_MAX_BYTES = 4 * 1024 * 1024;

/** Files the editor can open itself: plain text below its sync limit. */
export const EDITOR_SYNC_LIMIT_BYTES = 50 * 1024 * 1024;

export function needsWindow(file: Pick<FileIndex, 'compressed' | 'size'>): boolean {
  return file.compressed || file.size > EDITOR_SYNC_LIMIT_BYTES;
}

/**
 * `gateway-log-window:///logs/messages.2.gz.bluecedar-log?line=1234` for line 1234 (0-based) of a
 * file URI: the language id as the path's extension, so editors give the window our language.
 */
export function windowUri(fileUri: string, format: LogFormat, line: number): string {
  const rest = fileUri.replace(/^file:/, '');
  return `${WINDOW_SCHEME}:${rest}.${LANGUAGE_OF_FORMAT[format]}?line=${line}`;
}

/**
 * The file URI and centre line of a window URI (as this module writes it, or as an editor writes it
 * back: with or without the empty authority, the query percent-encoded); undefined for other URIs.
 * An authority is a Windows share (`file://server/share/...`) and stays in the file URI.
 */
export function parseWindowUri(uri: string): { fileUri: string; line: number } | undefined {
  if (!uri.startsWith(`${WINDOW_SCHEME}:`)) {
    return undefined;
  }
  const query = uri.indexOf('?');
  let params = query === -1 ? '' : uri.slice(query + 1);
  try {
    params = decodeURIComponent(params);
  } catch {
    return undefined;
  }
  const match = /(?:^|&)line=(\d+)(?:&|$)/.exec(params);
  // `//authority/path` or `/path` (an editor leaves the empty authority out).
  let rest = uri.slice(WINDOW_SCHEME.length + 1, query === -1 ? undefined : query);
  if (!rest.startsWith('/')) {
    return undefined;
  }
  if (!rest.startsWith('//')) {
    rest = `//${rest}`;
  }
  const ext = Object.values(LANGUAGE_OF_FORMAT).find((language) => rest.endsWith(`.${language}`));
  const pathStart = rest.indexOf('/', 2);
  if (!match || !ext || pathStart === -1 || pathStart + 1 >= rest.length - ext.length - 1) {
    return undefined;
  }
  return { fileUri: `file:${rest.slice(0, -(ext.length + 1))}`, line: Number(match[1]) };
}

/**
 * The entries a window centred on `line` shows: from the first entry starting at or after
 * `line - WINDOW_CONTEXT_LINES` (or the entry holding `line`, if that starts earlier) to the last one
 * starting before `line + WINDOW_CONTEXT_LINES`. Rows of the file, [first, end).
 */
export function windowRows(file: FileIndex, line: number): { first: number; end: number } {
  const lines = file.entries.line;
  const n = file.entries.length;
  if (n === 0) {
    return { first: 0, end: 0 };
  }
  const holding = Math.max(0, lastAtOrBefore(lines, n, line));
  let first = Math.min(holding, lastAtOrBefore(lines, n, line - WINDOW_CONTEXT_LINES) + 1);
  first = Math.max(0, Math.min(first, holding));
  let end = lastAtOrBefore(lines, n, line + WINDOW_CONTEXT_LINES) + 1;
  end = Math.max(end, holding + 1);
  // Keep the window within its byte budget, always including the entry holding the line.
  const offsets = file.entries.offset;
  const byteEnd = (row: number): number => (row < n ? offsets[row] : file.bytes);
  while (end > holding + 1 && byteEnd(end) - offsets[first] > WINDOW_MAX_BYTES) {
    end--;
  }
  while (first < holding && byteEnd(end) - offsets[first] > WINDOW_MAX_BYTES) {
    first++;
  }
  return { first, end };
}
