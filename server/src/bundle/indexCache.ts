/**
 * Indexes kept on disk between sessions (in the extension's storage), so reopening a workspace with
 * a large bundle does not read it again. A cache file is found by the content it describes: size and
 * hashes of the first and last 64 KB of the file on disk, so a rotated (renamed) file still finds its
 * index. A cache file that does not read back whole is ignored (and rewritten).
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { adoptPart } from '../service/index/transfer';
import { FileIndex } from '../service/index/fileIndex';
import { filePart } from '../service/index/filePart';
import { StringTable } from '../service/index/strings';
import { LogFormat } from '../service/model';
import { partColumns, partOfColumns, readColumnsFile, writeColumnsFile } from './columnsFile';

const MAGIC = 'GLTI';
/** Bump when the layout or the meaning of a column changes. */
const VERSION = 3;
const BLOCK = 64 * 1024;

/** What identifies a file's content on disk. */
export interface FileSignature {
  size: number;
  head: string;
  tail: string;
}

/** Hashes of the first and last 64 KB (of `size` bytes: a grown file is checked against its old end). */
export async function signatureOf(file: string, size?: number): Promise<FileSignature> {
  const handle = await fs.open(file, 'r');
  try {
    return await signatureOfHandle(handle, size ?? (await handle.stat()).size);
  } finally {
    await handle.close();
  }
}

/**
 * The signature of the first `size` bytes of an open file: the content that handle reads (a file
 * renamed away while it is open is still the one hashed). Bytes the file no longer holds (it was
 * truncated) are hashed as missing, so the signature is not that of the content before.
 */
export async function signatureOfHandle(handle: FileHandle, size: number): Promise<FileSignature> {
  const hash = async (from: number, to: number): Promise<string> => {
    const bytes = Buffer.alloc(Math.max(0, to - from));
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, from);
    return createHash('sha256').update(bytes.subarray(0, bytesRead)).digest('hex').slice(0, 32);
  };
  return { size, head: await hash(0, Math.min(size, BLOCK)), tail: await hash(Math.max(0, size - BLOCK), size) };
}

export function sameSignature(a: FileSignature, b: FileSignature): boolean {
  return a.size === b.size && a.head === b.head && a.tail === b.tail;
}

interface Header {
  version: number;
  format: LogFormat;
  compressed: boolean;
  mtimeMs: number;
  bytes: number;
  lines: number;
  signature: FileSignature;
  strings: string[];
}

function cacheName(signature: FileSignature): string {
  return createHash('sha256').update(`${VERSION}:${signature.size}:${signature.head}:${signature.tail}`).digest('hex').slice(0, 40) + '.gli';
}

/** Writes the file's index into `dir` (replacing a previous one of the same content). */
export async function saveIndex(dir: string, file: FileIndex, signature: FileSignature, strings: StringTable): Promise<void> {
  const part = filePart(file, strings);
  const header: Header = {
    version: VERSION, format: file.format, compressed: file.compressed, mtimeMs: file.mtimeMs, bytes: file.bytes, lines: file.lines,
    signature, strings: part.strings,
  };
  await fs.mkdir(dir, { recursive: true });
  await writeColumnsFile(path.join(dir, cacheName(signature)), MAGIC, header, partColumns(part));
}

/**
 * Removes the indexes in `dir` of contents no longer in the bundle (each growth of a live log, each
 * deleted file would otherwise leave one behind for ever); keeps those of `keep`. How many it removed.
 */
export async function pruneIndexes(dir: string, keep: readonly FileSignature[]): Promise<number> {
  const kept = new Set(keep.map(cacheName));
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    // One that cannot go now (on Windows: open in another program) goes next time; the sync goes on.
    if (name.endsWith('.gli') && !kept.has(name) && await fs.rm(path.join(dir, name), { force: true }).then(() => true, () => false)) {
      removed++;
    }
  }
  return removed;
}

/** The bytes of the cached index of the file with this content; undefined when there is none. */
export async function readCachedIndex(dir: string, signature: FileSignature): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(path.join(dir, cacheName(signature)));
  } catch {
    return undefined;
  }
}

/** The index in `data` (read by readCachedIndex), its rows added to `strings`; undefined when it does not read back whole. */
export function adoptCachedIndex(data: Buffer, filePath: string, signature: FileSignature, strings: StringTable): FileIndex | undefined {
  try {
    const file = readColumnsFile<Header>(data, MAGIC);
    const header = file?.header;
    if (!file || !header || header.version !== VERSION || !sameSignature(header.signature, signature)) {
      return undefined;
    }
    const part = partOfColumns(file.columns, '', header.strings, header.lines);
    if (!part) {
      return undefined;
    }
    const { entries, facts } = adoptPart(part, strings);
    return {
      path: filePath, format: header.format, compressed: header.compressed, size: signature.size, mtimeMs: header.mtimeMs,
      bytes: header.bytes, lines: header.lines, entries, facts,
    };
  } catch {
    return undefined;
  }
}
