/**
 * The decompressed content of a .gz file as a stream, all of it that can be read, as `zcat` gives it.
 * Node's gunzip reads concatenated members and a cut-short file well, but when a member is followed by
 * bytes that are not gzip (trailing garbage, a damaged member) it fails and drops what the failing step
 * had decompressed: up to a chunk (256 KB) of the entries before the damage. So after such a failure
 * the file is decompressed again, the output already handed out skipped, with the input from where the
 * failing step began fed in small pieces (then byte by byte), until a step fails that decompresses
 * nothing more. Only damaged files pay for it.
 */
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

/** Bytes of the file read at a time, and decompressed bytes handed out at a time. */
const READ_BYTES = 1024 * 1024;
const OUTPUT_BYTES = 256 * 1024;
/** Input piece sizes of the passes after a failure: the first bounds where the damage is to a piece. */
const RECOVERY_PIECES = [4096, 1];

export interface GunzipProgress {
  /** Bytes of the file on disk read so far (never going back when a pass starts again). */
  read: number;
}

/**
 * Decompressed parts of `path`, in order. A file damaged after some content yields that content, then
 * throws zlib's error (its `code`: Z_DATA_ERROR for bytes that are not gzip, Z_BUF_ERROR cut short).
 */
export async function* gunzipFile(path: string, progress: GunzipProgress = { read: 0 }): AsyncGenerator<Buffer> {
  let produced = 0;
  let firstError: unknown;
  /** Input from this byte on is fed in pieces of `piece` bytes (the first pass feeds it as read). */
  let slowFrom = Number.POSITIVE_INFINITY;
  for (const piece of [0, ...RECOVERY_PIECES]) {
    const file = createReadStream(path, { highWaterMark: READ_BYTES });
    const gunzip = createGunzip({ chunkSize: OUTPUT_BYTES });
    const from = slowFrom;
    const feeding = piece === 0 ? pipeline(file, gunzip) : pipeline(file, async function* (input: AsyncIterable<Buffer>) {
      let at = 0;
      for await (const bytes of input) {
        let i = Math.max(0, Math.min(bytes.length, from - at));
        if (i > 0) {
          yield bytes.subarray(0, i);
        }
        for (; i < bytes.length; i += piece) {
          yield bytes.subarray(i, i + piece);
        }
        at += bytes.length;
      }
    }, gunzip);
    feeding.catch(() => undefined); // its failure is the output's, seen below
    let out = 0;
    try {
      for await (const part of gunzip as AsyncIterable<Buffer>) {
        progress.read = Math.max(progress.read, file.bytesRead);
        const fresh = out + part.length - produced;
        out += part.length;
        if (fresh > 0) {
          produced += fresh;
          yield fresh === part.length ? part : part.subarray(part.length - fresh);
        }
      }
      await feeding;
      if (firstError === undefined) {
        return;
      }
      break; // a pass after a failure that ends well (it should fail where the first did): all is out
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'Z_DATA_ERROR') {
        throw firstError ?? error;
      }
      firstError ??= error;
      // The input the failing step began at: everything before it was decompressed and handed out.
      slowFrom = gunzip.bytesWritten;
    } finally {
      file.destroy();
      gunzip.destroy();
    }
  }
  throw firstError;
}
