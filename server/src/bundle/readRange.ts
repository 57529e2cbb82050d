/** Bytes [start, end) of a file's (decompressed) content: how anything the index points at is shown. */
import { promises as fs } from 'node:fs';
import { gunzipFile } from './gunzip';

/**
 * Reads `length` bytes at `position` of the file into `buffer` at `offset`, in as many reads as the
 * system needs; fewer only at the end of the file. How many were read.
 */
export async function readFully(handle: fs.FileHandle, buffer: Uint8Array, offset: number, length: number, position: number): Promise<number> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, offset + done, length - done, position + done);
    if (bytesRead === 0) {
      break;
    }
    done += bytesRead;
  }
  return done;
}

export async function readRange(path: string, compressed: boolean, start: number, end: number): Promise<Buffer> {
  const length = Math.max(0, end - start);
  if (!compressed) {
    const handle = await fs.open(path, 'r');
    try {
      const bytes = Buffer.alloc(length);
      const done = await readFully(handle, bytes, 0, length, start);
      return bytes.subarray(0, done);
    } finally {
      await handle.close();
    }
  }
  // A gzip stream has no random access: decompress from the start and keep the range.
  const parts: Buffer[] = [];
  let position = 0;
  try {
    for await (const part of gunzipFile(path)) {
      const from = Math.max(start - position, 0);
      const to = Math.min(end - position, part.length);
      if (to > from) {
        parts.push(part.subarray(from, to));
      }
      position += part.length;
      if (position >= end) {
        break;
      }
    }
  } catch {
    // A damaged file: return what could be read.
  }
  return Buffer.concat(parts);
}
