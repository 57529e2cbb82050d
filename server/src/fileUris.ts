/**
 * File URIs and paths the way the platform the server runs on spells them. The platform is a parameter
 * (the running one by default) so that the Windows rules (drive letters that editors write as
 * `file:///c%3A/...`, UNC shares as `file://server/share/...`, names compared without case) are
 * tested on every platform; Node's url module does the conversions.
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The path a `file:` URI names, or undefined for another scheme or a URI no path can be made of. */
export function pathOfFileUri(uri: string, platform: NodeJS.Platform = process.platform): string | undefined {
  if (!/^file:/i.test(uri)) {
    return undefined;
  }
  try {
    return fileURLToPath(uri, { windows: platform === 'win32' });
  } catch {
    return undefined;
  }
}

/** The `file:` URI of an absolute path. */
export function fileUriOfPath(filePath: string, platform: NodeJS.Platform = process.platform): string {
  return pathToFileURL(filePath, { windows: platform === 'win32' }).href;
}

/** Whether file names ignore case on the platform (as its usual file systems, NTFS and APFS, do). */
export function caseInsensitiveNames(platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'win32' || platform === 'darwin';
}

/**
 * Whether two paths name the same file: case-insensitively where the file system usually is, and on
 * macOS whatever the Unicode form of accented letters (its file systems treat `í` and `i` + accent as one).
 */
export function samePath(a: string, b: string, platform: NodeJS.Platform = process.platform): boolean {
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const norm = (p: string): string => {
    const resolved = paths.resolve(p);
    const folded = caseInsensitiveNames(platform) ? resolved.toLowerCase() : resolved;
    return platform === 'darwin' ? folded.normalize('NFC') : folded;
  };
  return norm(a) === norm(b);
}

/** The number of the file in `files` that `uri` names (the exact path first), else -1. */
export function fileNumberOfUri(files: readonly { path: string }[], uri: string, platform: NodeJS.Platform = process.platform): number {
  const filePath = pathOfFileUri(uri, platform);
  if (filePath === undefined) {
    return -1;
  }
  const exact = files.findIndex((f) => f.path === filePath);
  return exact >= 0 ? exact : files.findIndex((f) => samePath(f.path, filePath, platform));
}
