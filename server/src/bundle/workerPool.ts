/**
 * Worker threads that parse chunks (indexWorker.ts). Results are appended to their file's index in
 * the order the chunks were submitted, whichever worker finishes first. A worker that dies (out of
 * memory on a huge entry, say) fails its jobs and is replaced by the next job.
 */
import { Worker } from 'node:worker_threads';
import { IndexSink } from '../service/index/chunkIndexer';
import { appendPart, RowsPart } from '../service/index/transfer';
import { giveChunkBuffer } from './chunkBuffers';
import { LogFormat } from '../service/model';
import { Chunk } from './fileReader';
import { ChunkIndexer } from './indexFile';

/** Old-generation limit of a worker: far more than one chunk needs (a 4 MB chunk parses in about 40 MB). */
const WORKER_HEAP_MB = 192;
/**
 * Young-generation limit of a worker: a chunk's parsed entries die young, so a nursery smaller than
 * V8's default, collected more often, keeps each worker smaller at about the same speed (bench, side
 * by side: 1 GB of OAG, peak RSS 432-460 -> 365-370 MB in 15.3-15.6 s against 15.6-15.9 s; 250 MB of
 * Blue Cedar 363 -> 281 MB. 8 MB saved another 15-20 MB but cost 10% more time on OAG).
 */
const WORKER_NURSERY_MB = 16;

interface Pending {
  resolve: (part: RowsPart) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Jobs sent to this worker and not answered yet, by id. */
  jobs: Map<number, Pending>;
}

export class WorkerPool implements ChunkIndexer {
  private readonly slots: Slot[] = [];
  private nextId = 0;
  /** Per sink, the promise of the last append: appends happen in submission order. */
  private readonly tails = new WeakMap<IndexSink, Promise<void>>();

  /** The threads start with the first chunk: a server that never indexes a file never starts them. */
  constructor(private readonly script: string, private readonly size: number, private readonly heapMb = WORKER_HEAP_MB) {}

  /** Threads running (none before the first chunk). */
  get threads(): number {
    return this.slots.length;
  }

  private startWorker(): Slot {
    const worker = new Worker(this.script, { resourceLimits: { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: WORKER_NURSERY_MB } });
    const slot: Slot = { worker, jobs: new Map() };
    worker.on('message', (message: { id: number; part?: RowsPart; chunk?: ArrayBuffer; error?: string }) => {
      if (message.chunk) {
        giveChunkBuffer(message.chunk);
      }
      const waiting = slot.jobs.get(message.id);
      slot.jobs.delete(message.id);
      if (slot.jobs.size === 0) {
        worker.unref(); // an idle pool does not keep the process alive
      }
      if (message.part) {
        waiting?.resolve(message.part);
      } else {
        waiting?.reject(new Error(message.error ?? 'the index worker failed'));
      }
    });
    const failAll = (error: Error): void => {
      const index = this.slots.indexOf(slot);
      if (index !== -1) {
        this.slots.splice(index, 1);
      }
      for (const waiting of slot.jobs.values()) {
        waiting.reject(error);
      }
      slot.jobs.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`the index worker stopped (exit code ${code})`)));
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  /** The least busy worker, starting one while the pool has room. */
  private slot(): Slot {
    const idle = this.slots.find((s) => s.jobs.size === 0);
    if (idle) {
      return idle;
    }
    if (this.slots.length < Math.max(1, this.size)) {
      return this.startWorker();
    }
    return this.slots.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
  }

  submit(format: LogFormat, chunk: Chunk, sink: IndexSink): Promise<void> {
    const slot = this.slot();
    const id = this.nextId++;
    if (slot.jobs.size === 0) {
      slot.worker.ref(); // a job waiting for its answer keeps the process alive
    }
    const result = new Promise<RowsPart>((resolve, reject) => slot.jobs.set(id, { resolve, reject }));
    // The chunk's memory is moved to the worker when the chunk owns it from its start (the reader's
    // chunks do: it copies anything after a chunk out of the buffer); otherwise it is copied.
    const bytes = new Uint8Array(chunk.bytes.buffer, chunk.bytes.byteOffset, chunk.bytes.byteLength);
    const transfer = chunk.bytes.byteOffset === 0 && chunk.owned ? [chunk.bytes.buffer as ArrayBuffer] : [];
    slot.worker.postMessage({ id, format, bytes, byte: chunk.byte }, transfer);
    const previous = this.tails.get(sink) ?? Promise.resolve();
    const appended = previous.then(() => result).then((part) => appendPart(sink, part));
    this.tails.set(sink, appended.catch(() => undefined));
    return appended;
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
