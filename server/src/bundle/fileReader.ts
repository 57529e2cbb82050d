/**
 * Reads one log file from disk as a stream of chunks of whole entries: never the whole file at once,
 * gzip decompressed as it streams (a file of any size, and a gzip bomb, in bounded memory), with
 * progress and cancellation. What is not a log we read (a FIFO, a device, a binary file, another
 * program's log) is refused with a reason, before any chunk is produced.
 */
import { promises as fs } from 'node:fs';
import { startsEntry } from '../service/parse';
import { DETECT_MAX_CHARS, detectFormat } from '../service/formats/detect';
import { LogFormat } from '../service/model';
import { giveChunkBuffer, takeChunkBuffer } from './chunkBuffers';
import { gunzipFile } from './gunzip';
import { FileSignature, sameSignature, signatureOfHandle } from './indexCache';

/** A piece of the (decompressed) file that begins at an entry and ends after a line break (or at the end). */
export interface Chunk {
  bytes: Buffer;
  /** Whether the chunk owns its ArrayBuffer (nothing else reads it: it may be transferred to a worker). */
  owned?: boolean;
  /** Byte offset of bytes[0] in the decompressed file (its line number is counted by whoever indexes it). */
  byte: number;
}

export interface ReadProgress {
  /** Bytes of the file on disk read so far, and its size. */
  read: number;
  size: number;
  /** Bytes handed out in chunks so far (decompressed). */
  produced: number;
}

export interface ReadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ReadProgress) => void;
  /** Chunk size to aim for. */
  chunkBytes?: number;
  /** A chunk is cut even inside an entry once it holds this much (an entry can be any size). */
  maxChunkBytes?: number;
  /** Read from this byte of the decompressed file on (a grown file). */
  from?: { byte: number };
  /**
   * The signature the file's first `verify.size` bytes must still have (a grown file, read from where
   * it was indexed): if they changed since it was probed, ContentChanged is thrown before any chunk.
   */
  verify?: FileSignature;
  /** Filled once the file is read: what identifies the content the chunks came from (see ReadIdentity). */
  identity?: ReadIdentity;
}

/**
 * The size, modification time and signature of the content that was read, taken from the open file
 * that was read (not from the path, which may name another file by then). No signature when that
 * content cannot be told (a .gz that changed while it was read): it is then not cached nor recognised.
 */
export interface ReadIdentity {
  size?: number;
  mtimeMs?: number;
  signature?: FileSignature;
}

export type FileVerdict =
  | { ok: true; format: LogFormat; compressed: boolean; size: number; mtimeMs: number }
  | { ok: false; reason: string };

const DEFAULT_CHUNK = 4 * 1024 * 1024;
const DEFAULT_MAX_CHUNK = 64 * 1024 * 1024;
/** Bytes asked of the disk (or the gzip stream's file) at a time. */
const READ_BYTES = 1024 * 1024;
const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

export class ReadCancelled extends Error {
  constructor() {
    super('Reading was cancelled.');
  }
}

/**
 * The file was truncated or rewritten in place while it was read (copytruncate), or was not the file
 * it was probed as: the chunks mix two contents, and must be thrown away.
 */
export class ContentChanged extends Error {
  constructor() {
    super('It was truncated or rewritten while it was read.');
  }
}

/** Whether the file is one we can read and which format it holds, from its first bytes. */
export async function examineFile(path: string): Promise<FileVerdict> {
  let stat;
  try {
    stat = await fs.stat(path);
  } catch (error) {
    return { ok: false, reason: describeError(error) };
  }
  if (!stat.isFile()) {
    return { ok: false, reason: stat.isDirectory() ? 'it is a folder' : stat.isFIFO() ? 'it is a named pipe (FIFO)' : 'it is not a regular file (a device or socket)' };
  }
  let head: Buffer;
  let compressed: boolean;
  try {
    ({ head, compressed } = await readHead(path));
  } catch (error) {
    return { ok: false, reason: describeError(error) };
  }
  if (head.length === 0) {
    return { ok: false, reason: 'it is empty' };
  }
  if (binaryStart(head)) {
    return { ok: false, reason: compressed ? 'its decompressed content is binary, not text' : 'it is a binary file, not text' };
  }
  // NUL bytes after the first line are what a crash leaves in a log (writes lost at a power cut): the
  // lines around them are read, as the parser reads them.
  const format = detectFormat(head.toString('utf8'));
  if (!format) {
    return { ok: false, reason: 'its first lines are neither a Blue Cedar gateway log nor an Okta Access Gateway audit log' };
  }
  return { ok: true, format, compressed, size: stat.size, mtimeMs: stat.mtimeMs };
}

/**
 * Whether content is binary: a NUL byte in its first line (an executable, a core dump, the name block
 * of a tar archive). A log's first line is text; a NUL byte later is a log damaged by a crash.
 */
function binaryStart(head: Buffer): boolean {
  const nul = head.indexOf(0);
  if (nul === -1) {
    return false;
  }
  const lineEnd = head.indexOf(10);
  return lineEnd === -1 || nul < lineEnd;
}

/** The first DETECT_MAX_CHARS bytes of the (decompressed) content. */
async function readHead(path: string): Promise<{ head: Buffer; compressed: boolean }> {
  const handle = await fs.open(path, 'r');
  let raw: Buffer;
  try {
    raw = Buffer.alloc(DETECT_MAX_CHARS);
    const { bytesRead } = await handle.read(raw, 0, raw.length, 0);
    raw = raw.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const compressed = raw[0] === GZIP_MAGIC_0 && raw[1] === GZIP_MAGIC_1;
  if (!compressed) {
    return { head: raw, compressed };
  }
  const parts: Buffer[] = [];
  let length = 0;
  try {
    for await (const part of gunzipFile(path)) {
      parts.push(part);
      length += part.length;
      if (length >= DETECT_MAX_CHARS) {
        break;
      }
    }
  } catch (error) {
    if (length === 0) {
      throw error;
    }
  }
  return { head: Buffer.concat(parts).subarray(0, DETECT_MAX_CHARS), compressed };
}

/**
 * Streams the file's chunks to `onChunk` in order (awaiting each, which gives back-pressure), and
 * resolves with the decompressed size read. A truncated gzip file yields what could be decompressed
 * and then rejects with the zlib error; cancelling rejects with ReadCancelled.
 */
export async function readChunks(
  path: string, format: LogFormat, compressed: boolean, onChunk: (chunk: Chunk) => Promise<void> | void, options: ReadOptions = {},
): Promise<number> {
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK;
  const maxChunkBytes = Math.max(chunkBytes, options.maxChunkBytes ?? DEFAULT_MAX_CHUNK);
  const size = (await fs.stat(path)).size;
  let skip = compressed ? options.from?.byte ?? 0 : 0;
  let byte = options.from?.byte ?? 0;
  /**
   * Bytes read but not yet handed out: a buffer of our own that grows by doubling. Each chunk takes
   * it whole; whoever indexes the chunk gives its memory back (chunkBuffers.ts).
   */
  let acc = takeChunkBuffer(Math.ceil(chunkBytes * 1.25));
  let accLength = 0;
  /** Bytes at the start of `acc` already searched for an entry start in vain. */
  let searched = 0;
  /** Bytes of the file on disk read so far. */
  let readOnDisk = 0;
  const room = (bytes: number): void => {
    if (accLength + bytes > acc.length) {
      const bigger = takeChunkBuffer(Math.max(acc.length * 2, accLength + bytes));
      acc.copy(bigger, 0, 0, accLength);
      giveChunkBuffer(acc.buffer);
      acc = bigger;
    }
  };
  const emit = async (bytes: Buffer): Promise<void> => {
    const chunk = { bytes, byte, owned: true };
    byte += bytes.length;
    await onChunk(chunk);
    options.onProgress?.({ read: readOnDisk, size, produced: byte });
  };
  /** After bytes were added to `acc`: hands out a chunk once there is enough. */
  const added = async (): Promise<void> => {
    if (accLength < chunkBytes) {
      return;
    }
    const view = acc.subarray(0, accLength);
    const cut = cutPoint(view, format, accLength >= maxChunkBytes, Math.max(0, searched - 1));
    if (cut <= 0) {
      // The last line may still be growing: search its start again next time.
      searched = Math.max(0, accLength - 128);
      return;
    }
    // The chunk takes the buffer (it may be moved to a worker); the rest starts a new one.
    const next = takeChunkBuffer(Math.max(Math.ceil(chunkBytes * 1.25), accLength - cut));
    acc.copy(next, 0, cut, accLength);
    const chunk = acc.subarray(0, cut);
    accLength -= cut;
    acc = next;
    searched = 0;
    await emit(chunk);
  };
  if (!compressed) {
    // A plain file is read straight into the buffer that becomes the chunk: no stream, no copy.
    const handle = await fs.open(path, 'r');
    let position = options.from?.byte ?? 0;
    try {
      // What the file holds now, to tell afterwards whether it was truncated or rewritten meanwhile
      // (appending changes neither its first bytes nor the end of what it held).
      const start = await handle.stat();
      if (options.verify && !sameSignature(await signatureOfHandle(handle, options.verify.size), options.verify)) {
        throw new ContentChanged();
      }
      const before = await signatureOfHandle(handle, start.size);
      for (;;) {
        if (options.signal?.aborted) {
          throw new ReadCancelled();
        }
        room(READ_BYTES);
        const { bytesRead } = await handle.read(acc, accLength, READ_BYTES, position);
        if (bytesRead === 0) {
          break;
        }
        position += bytesRead;
        readOnDisk += bytesRead;
        accLength += bytesRead;
        await added();
      }
      const end = await handle.stat();
      const after = await signatureOfHandle(handle, start.size);
      if (end.size < position || !sameSignature(after, before)) {
        throw new ContentChanged();
      }
      if (options.identity) {
        // The index describes the bytes read: their signature, whatever was appended since (the same
        // bytes as just hashed unless the file grew while it was read).
        const signature = position === start.size ? after : await signatureOfHandle(handle, position);
        Object.assign(options.identity, { size: position, mtimeMs: end.mtimeMs, signature });
      }
    } finally {
      await handle.close();
    }
  } else {
    const disk = { read: 0 };
    // The compressed file is identified by its bytes on disk, held open while it is decompressed: a
    // .gz still being written (gzip at work) has no identity, and is neither cached nor recognised.
    const handle = await fs.open(path, 'r');
    const before = await signatureOfHandle(handle, (await handle.stat()).size);
    const source = gunzipFile(path, disk);
    try {
      for await (const raw of source) {
        if (options.signal?.aborted) {
          throw new ReadCancelled();
        }
        readOnDisk = disk.read;
        let part = raw;
        if (skip > 0) {
          // A grown gzip file is decompressed from its start again; drop what is already indexed.
          const dropped = Math.min(skip, part.length);
          skip -= dropped;
          part = part.subarray(dropped);
          if (part.length === 0) {
            continue;
          }
        }
        room(part.length);
        part.copy(acc, accLength);
        accLength += part.length;
        await added();
      }
    } catch (error) {
      if (!(error instanceof ReadCancelled) && accLength > 0) {
        // Damaged or cut-short gzip data: what was decompressed before the damage is still handed out.
        await emit(acc.subarray(0, accLength));
        accLength = 0;
      }
      throw error;
    } finally {
      await source.return(undefined);
      try {
        const end = await handle.stat();
        if (options.identity) {
          const same = sameSignature(await signatureOfHandle(handle, end.size), before);
          Object.assign(options.identity, { size: before.size, mtimeMs: end.mtimeMs, signature: same ? before : undefined });
        }
      } finally {
        await handle.close();
      }
    }
  }
  if (accLength > 0) {
    await emit(acc.subarray(0, accLength));
  } else {
    giveChunkBuffer(acc.buffer);
  }
  return byte;
}

/**
 * Where to end a chunk: just after the last line break that is followed by the start of an entry, so
 * no entry is split between chunks. When there is none and `force` is set, after the last line break
 * (or the whole buffer); 0 when the chunk should grow instead. Bytes before `searchFrom` are known to
 * hold no entry start (an earlier search), so a huge entry growing by parts is searched once.
 */
export function cutPoint(buffer: Buffer, format: LogFormat, force: boolean, searchFrom = 0): number {
  // A CR that ends what was read so far may be the first half of a CR LF whose LF is not read yet:
  // it is not known to end a line, and a chunk never ends on it.
  const end = buffer.length > 1 && buffer[buffer.length - 1] === 13 ? buffer.length - 1 : buffer.length;
  let lastBreak = -1;
  for (let at = end - 1; at >= searchFrom; at--) {
    const b = buffer[at];
    // A line starts after LF, or after a CR that no LF follows (old Mac line ends).
    if (b !== 10 && !(b === 13 && buffer[at + 1] !== 10)) {
      continue;
    }
    if (lastBreak === -1) {
      lastBreak = at;
    }
    const lineStart = at + 1;
    if (lineStart < buffer.length && startsEntry(format, buffer.toString('latin1', lineStart, Math.min(buffer.length, lineStart + 96)), 0)) {
      return lineStart;
    }
  }
  if (!force) {
    return 0;
  }
  if (lastBreak === -1 && searchFrom > 0) {
    // Nothing new since the last search: find the last line break anywhere.
    for (let at = Math.min(searchFrom, end) - 1; at >= 0 && lastBreak === -1; at--) {
      if (buffer[at] === 10 || (buffer[at] === 13 && buffer[at + 1] !== 10)) {
        lastBreak = at;
      }
    }
  }
  // A chunk never ends between CR and LF: the CR LF pair is one line break.
  return lastBreak >= 0 ? lastBreak + 1 : end;
}

export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'it does not exist (any more)';
    case 'EACCES':
    case 'EPERM':
      return 'it cannot be read (permission denied)';
    case 'ELOOP':
      return 'it is a symbolic link that leads back to itself';
    case 'EISDIR':
      return 'it is a folder';
    case 'Z_BUF_ERROR':
    case 'Z_DATA_ERROR':
      return 'its gzip data is damaged or cut short';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
