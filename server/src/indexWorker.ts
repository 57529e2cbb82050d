/**
 * A worker thread of the bundle indexer: parses chunks of a log file with the ordinary parser and
 * sends back their index rows (typed arrays, transferred, and the strings they use).
 */
import { parentPort } from 'node:worker_threads';
import { indexChunkBytes } from './bundle/indexFile';
import { LogFormat } from './service/model';
import { buffersOf, newSink, toPart } from './service/index/transfer';

interface Job {
  id: number;
  format: LogFormat;
  bytes: Uint8Array;
  byte: number;
}

parentPort?.on('message', (job: Job) => {
  try {
    const sink = newSink();
    const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
    indexChunkBytes(job.format, { bytes, byte: job.byte }, sink);
    const part = toPart(sink);
    // The chunk's memory goes back with the rows, for the reader to use again (chunkBuffers.ts).
    const chunk = job.bytes.byteOffset === 0 ? job.bytes.buffer as ArrayBuffer : undefined;
    parentPort!.postMessage({ id: job.id, part, chunk }, chunk ? [...buffersOf(part), chunk] : buffersOf(part));
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: error instanceof Error ? error.stack ?? error.message : String(error) });
  }
});
