/**
 * What the entry on a line of a log names (user, device, app, session...), and the source a filtered
 * view of it should read: for the filter commands run from a line of a document, of a window onto a
 * file the editor cannot open, of a file over the editor's limit, or of a view itself.
 */
import * as path from 'node:path';
import { Analysis } from '../service/analysis';
import { parseViewUri, ViewSource } from '../service/formats/filterSpec';
import { documentEntryNames, EntryNames, rowEntryNames } from '../service/filters/choices';
import { originOfViewLine, ViewPage } from '../service/filters/view';
import { parseWindowUri } from '../service/index/windows';
import { lastAtOrBefore } from '../service/sorted';
import { BundleService } from '../bundle/bundleService';
import { pathOfFileUri } from '../fileUris';
import { nameOfUri } from './viewSources';

export type LineContext = EntryNames & { source: ViewSource; sourceName: string; sourceLine: number };

export interface LineContextHost {
  analysisOf(uri: string): Analysis | undefined;
  bundle?: BundleService;
  /** The part of a view the editor was given for `uri`, and the name of the view's source. */
  servedPart(uri: string): { page: ViewPage; sourceName: string } | undefined;
}

/** What the entry at `line` of `uri` names, and the source a view of it should read. */
export function lineContext(host: LineContextHost, uri: string, line: number): LineContext | { error: string } {
  const viewSpec = parseViewUri(uri);
  if (viewSpec) {
    // A line of a view: what its entry names, for a view of the view's source.
    const served = host.servedPart(uri);
    const origin = served && originOfViewLine(served.page, line);
    const analysis = host.analysisOf(uri);
    const names = analysis && documentEntryNames(analysis, line);
    if (!served || !names || origin?.kind !== 'entry') {
      return { error: 'There is no entry on this line.' };
    }
    return { ...names, source: viewSpec.source, sourceName: served.sourceName, sourceLine: origin.line };
  }
  const window = parseWindowUri(uri);
  const bundle = host.bundle;
  if (window && bundle) {
    // A window onto a file the editor cannot open: the bundle knows the entry.
    const context = bundle.documentContext(uri);
    const row = context && bundle.index.rowAt(context.path, context.lineOffset + line);
    const analysis = host.analysisOf(uri);
    const local = analysis && documentEntryNames(analysis, line);
    const fileLine = (context?.lineOffset ?? 0) + (local?.line ?? line);
    const names = row !== undefined ? rowEntryNames(bundle.index, row) : bundle && context ? rowAtOrBefore(bundle, context.path, fileLine) : undefined;
    if (!names && !local) {
      return { error: 'There is no entry on this line.' };
    }
    const format = (names ?? local)!.format;
    const merged = { ...local, ...names } as EntryNames;
    return { ...merged, line: fileLine, source: merged.session ? { kind: 'bundle', format } : { kind: 'file', uri: window.fileUri }, sourceName: context ? path.basename(context.path) : nameOfUri(window.fileUri), sourceLine: fileLine };
  }
  const analysis = host.analysisOf(uri);
  if (analysis) {
    const names = documentEntryNames(analysis, line);
    return names ? { ...names, source: { kind: 'document', uri }, sourceName: nameOfUri(uri), sourceLine: names.line } : { error: 'There is no entry on this line.' };
  }
  // A file the server does not have open (over 50 MB): the bundle index, when it has the file.
  const filePath = bundle && pathOfFileUri(uri);
  if (bundle && filePath) {
    const names = rowAtOrBefore(bundle, filePath, line);
    if (names) {
      return { ...names, source: { kind: 'file', uri }, sourceName: path.basename(filePath), sourceLine: names.line };
    }
  }
  return { error: 'This log is not open in the language server, and the bundle index does not have it (yet).' };
}

/** The names of the entry starting at or before `line` of an indexed file. */
function rowAtOrBefore(bundle: BundleService, filePath: string, line: number): EntryNames | undefined {
  const file = bundle.index.file(filePath);
  if (!file || file.entries.length === 0) {
    return undefined;
  }
  const found = Math.max(0, lastAtOrBefore(file.entries.line, file.entries.length, line));
  const fileNumber = bundle.index.files.indexOf(file);
  return rowEntryNames(bundle.index, bundle.index.rows.bases[fileNumber] + found);
}
