/**
 * Which files of a folder belong to a bundle: names that match the include patterns (rotated and
 * compressed names included), found by walking the folder. Symbolic links are followed once: a link
 * back to a folder already walked (a loop) is reported, not walked again.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { caseInsensitiveNames } from '../fileUris';
import { BUNDLE_DEFAULTS } from '../service/formats/ids';

export const DEFAULT_INCLUDE: readonly string[] = BUNDLE_DEFAULTS.include;
export const DEFAULT_EXCLUDE: readonly string[] = BUNDLE_DEFAULTS.exclude;
/** A walk stops after this many files: a folder that large is not a log bundle. */
export const MAX_FILES = 20_000;

export interface Discovery {
  files: string[];
  /** Paths left out, with why (unreadable folders, link loops, too many files). */
  skipped: { path: string; reason: string }[];
}

export interface DiscoverOptions {
  include?: readonly string[];
  exclude?: readonly string[];
  signal?: AbortSignal;
  /** Whose rules for file names apply (the running platform's unless a test says). */
  platform?: NodeJS.Platform;
}

/**
 * `targets` with each that names nothing and has wildcards (`*`, `?`, `[...]`) in its last part replaced
 * by the names in its folder that match, sorted: shells on Windows pass them on unexpanded. A pattern
 * that matches nothing stays, to be reported as unreadable.
 */
export async function expandWildcards(targets: readonly string[], platform: NodeJS.Platform = process.platform): Promise<string[]> {
  const out: string[] = [];
  for (const target of targets) {
    const name = path.basename(target);
    if (!/[*?[]/.test(name) || await fs.stat(target).then(() => true, () => false)) {
      out.push(target);
      continue;
    }
    const folder = path.dirname(target);
    const matches = picomatch(name, { dot: false, nocase: caseInsensitiveNames(platform) });
    const names = (await fs.readdir(folder).catch(() => [] as string[])).filter((n) => matches(n)).sort();
    out.push(...(names.length > 0 ? names.map((n) => path.join(folder, n)) : [target]));
  }
  return out;
}

/**
 * The files under `roots` (folders are walked, files are taken as given) that match `include` and not
 * `exclude`, relative to their root, in a stable order.
 */
export async function discoverFiles(roots: readonly string[], options: DiscoverOptions = {}): Promise<Discovery> {
  // Patterns follow the file names' rules: `**/archive/**` leaves out `Archive` where that is the same folder.
  const nocase = caseInsensitiveNames(options.platform);
  const include = picomatch([...(options.include ?? DEFAULT_INCLUDE)], { dot: true, nocase });
  const exclude = picomatch([...(options.exclude ?? DEFAULT_EXCLUDE)], { dot: true, nocase });
  const files: string[] = [];
  const skipped: Discovery['skipped'] = [];
  const walked = new Set<string>();
  /** Files by where they really are: a log reached again through a link (or named twice) is read once. */
  const taken = new Set<string>();
  const addFile = async (file: string): Promise<void> => {
    const real = await fs.realpath(file).catch(() => file);
    if (!taken.has(real)) {
      taken.add(real);
      files.push(file);
    }
  };

  const walk = async (root: string, folder: string): Promise<void> => {
    if (options.signal?.aborted || files.length >= MAX_FILES) {
      return;
    }
    let real: string;
    try {
      real = await fs.realpath(folder);
    } catch (error) {
      skipped.push({ path: folder, reason: (error as NodeJS.ErrnoException).code === 'ELOOP' ? 'a symbolic link loop' : String((error as Error).message) });
      return;
    }
    if (walked.has(real)) {
      if (folder !== real) {
        skipped.push({ path: folder, reason: 'a symbolic link to a folder already included (a loop)' });
      }
      return;
    }
    walked.add(real);
    let names: string[];
    try {
      names = (await fs.readdir(folder)).sort();
    } catch (error) {
      skipped.push({ path: folder, reason: `the folder cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    for (const name of names) {
      const full = path.join(folder, name);
      const relative = path.relative(root, full).split(path.sep).join('/');
      if (exclude(relative) || exclude(relative + '/')) {
        continue;
      }
      let stat;
      try {
        stat = await fs.stat(full);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (include(relative)) {
          skipped.push({ path: full, reason: code === 'ELOOP' ? 'a symbolic link loop' : code === 'ENOENT' ? 'a broken symbolic link' : `it cannot be read (${code})` });
        }
        continue;
      }
      if (stat.isDirectory()) {
        await walk(root, full);
      } else if (include(relative)) {
        if (files.length >= MAX_FILES) {
          skipped.push({ path: folder, reason: `more than ${MAX_FILES} files match; the rest are left out` });
          return;
        }
        // FIFOs, sockets and devices are named here and refused by the reader with their reason.
        await addFile(full);
      }
    }
  };

  for (const root of roots) {
    let stat;
    try {
      stat = await fs.stat(root);
    } catch (error) {
      skipped.push({ path: root, reason: `it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
      continue;
    }
    if (stat.isDirectory()) {
      await walk(root, root);
    } else {
      await addFile(root);
    }
  }
  return { files, skipped };
}
