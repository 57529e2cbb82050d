/**
 * What a filtered view reads when no open document answers it: the files on disk behind its source
 * (the bundle's files of a format, or one file, which is then added to the bundle), and the facts
 * about them a plan is made and kept by (sizes and times, line breaks, a name to show).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ViewSource } from '../service/formats/filterSpec';
import { lineBreakOf } from '../service/filters/view';
import { parseWindowUri } from '../service/index/windows';
import { BundleService } from '../bundle/bundleService';
import { fileNumberOfUri, fileUriOfPath, pathOfFileUri, samePath } from '../fileUris';
import { examineFile } from '../bundle/fileReader';
import { ScanFile } from './diskScan';
import { readRanges } from './readRanges';

/** A file a view reads, with its number in the bundle index when the index has it. */
export type SourceFile = ScanFile & { uri: string; indexed?: number };

/**
 * The files on disk a source reads (a document not open is read from its file), or why there are none.
 * A file the bundle does not have yet is added to it, to be indexed in the background.
 */
export async function sourceFiles(bundle: BundleService | undefined, source: ViewSource): Promise<SourceFile[] | string> {
  const index = bundle?.index;
  if (source.kind === 'bundle') {
    if (!index) {
      return 'There is no bundle index.';
    }
    const out: SourceFile[] = [];
    index.files.forEach((f, n) => {
      if (f.format === source.format) {
        out.push({ path: f.path, format: f.format, compressed: f.compressed, uri: fileUriOfPath(f.path), indexed: n });
      }
    });
    return out;
  }
  let uri = source.uri;
  const window = parseWindowUri(uri);
  if (window) {
    uri = window.fileUri;
  }
  if (!uri.startsWith('file:')) {
    return 'That document is not open any more, and it is not a file that can be read from disk.';
  }
  const filePath = pathOfFileUri(uri);
  if (filePath === undefined) {
    return 'That URI does not name a file.';
  }
  const n = index ? fileNumberOfUri(index.files, uri) : -1;
  if (index && n >= 0) {
    const f = index.files[n];
    return [{ path: f.path, format: f.format, compressed: f.compressed, uri: fileUriOfPath(f.path), indexed: n }];
  }
  const verdict = await examineFile(filePath);
  if (!verdict.ok) {
    return `${path.basename(filePath)} cannot be filtered: ${verdict.reason}.`;
  }
  // Indexed in the background from now on, so its entries can be shown in windows and its sessions paired.
  if (bundle && !bundle.addedPaths.some((p) => samePath(p, filePath))) {
    bundle.addPaths([filePath]);
  }
  return [{ path: filePath, format: verdict.format, compressed: verdict.compressed, uri: fileUriOfPath(filePath) }];
}

/** Sizes and modification times of files (what tells that they changed on disk). */
export async function filesStamp(files: readonly { path: string }[]): Promise<string> {
  const stats = await Promise.all(files.map((f) => fs.stat(f.path).then((s) => `${s.size}:${s.mtimeMs}`, () => 'gone')));
  return stats.join('|');
}

/** The line break a file writes (from its first 64 KB), for the view's text to use the same. */
export async function eolOf(file: { path: string; compressed: boolean }): Promise<'\n' | '\r\n'> {
  const [head] = await readRanges(file.path, file.compressed, [{ start: 0, end: 64 * 1024 }]).catch(() => [Buffer.alloc(0)]);
  return lineBreakOf(head.toString('latin1'));
}

/** The file name a URI (or a window onto a file) ends with, decoded, to show. */
export function nameOfUri(uri: string): string {
  const window = parseWindowUri(uri);
  const target = window ? window.fileUri : uri;
  const at = target.lastIndexOf('/');
  let name = at === -1 ? target : target.slice(at + 1);
  try {
    name = decodeURIComponent(name);
  } catch {
    // keep as written
  }
  return name || target;
}
