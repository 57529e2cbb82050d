/** A chunk of a log file (bytes of whole entries) to index rows, with the ordinary parser. */
import { isAscii } from 'node:buffer';
import { computeLineStarts } from '../service/text';
import { byteLineStarts } from '../service/index/byteLines';
import { indexChunk, IndexSink, SessionsNamed } from '../service/index/chunkIndexer';
import { LogFormat } from '../service/model';
import { Chunk, cutPoint } from './fileReader';

/**
 * Text is decoded and parsed this much at a time, cut where an entry starts. A string of a whole chunk
 * (megabytes) would take memory of its own from the system for each chunk, a page fault per 4 KB on
 * first touch; pieces this small are made and dropped in the engine's young generation, whose memory
 * is used again and again.
 */
export const PIECE_BYTES = 64 * 1024;

/**
 * Indexes one chunk with the ordinary parser, all of it, a piece of whole entries at a time (`named`:
 * shared with the other parts of the same chunk, when it is one of several; see chunkIndexer.ts).
 */
export function parseChunkBytes(format: LogFormat, chunk: Pick<Chunk, 'bytes' | 'byte'>, sink: IndexSink, named: SessionsNamed = new Map()): void {
  const bytes = chunk.bytes;
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.length;
    if (end - start > PIECE_BYTES) {
      // The last entry start in the window; a window without one (a huge entry) grows until it has one.
      let window = PIECE_BYTES;
      let cut = 0;
      for (;;) {
        cut = cutPoint(bytes.subarray(start, Math.min(bytes.length, start + window)), format, false, window >> 1);
        if (cut > 0 || start + window >= bytes.length) {
          break;
        }
        window *= 2;
      }
      end = cut > 0 ? start + cut : bytes.length;
    }
    parsePiece(format, bytes.subarray(start, end), chunk.byte + start, sink, named);
    start = end;
  }
}

function parsePiece(format: LogFormat, bytes: Buffer, byte: number, sink: IndexSink, named: SessionsNamed): void {
  const chunk = { bytes, byte };
  if (isAscii(chunk.bytes)) {
    // Pure ASCII (as most logs are): characters are bytes, so one decoding without UTF-8 checks, and the
    // line starts in characters are the line starts in bytes.
    const text = chunk.bytes.toString('latin1');
    const lineStarts = computeLineStarts(text);
    indexChunk(format, text, lineStarts, lineStarts, chunk.byte, sink, named);
    return;
  }
  const text = chunk.bytes.toString('utf8');
  indexChunk(format, text, computeLineStarts(text), byteLineStarts(chunk.bytes), chunk.byte, sink, named);
}
