/** A chunk of a log file (bytes of whole entries) to index rows, with the ordinary parser. */
import { isAscii } from 'node:buffer';
import { computeLineStarts } from '../service/text';
import { byteLineStarts } from '../service/index/byteLines';
import { indexChunk, IndexSink, SessionsNamed } from '../service/index/chunkIndexer';
import { LogFormat } from '../service/model';
import { Chunk } from './fileReader';

/**
 * Indexes one chunk with the ordinary parser, all of it (`named`: shared with the other parts of the
 * same chunk, when it is one of several; see chunkIndexer.ts).
 */
export function parseChunkBytes(format: LogFormat, chunk: Pick<Chunk, 'bytes' | 'byte'>, sink: IndexSink, named?: SessionsNamed): void {
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
