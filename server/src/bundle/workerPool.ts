/**
 * Worker threads that parse chunks (indexWorker.ts). Results are appended to their file's index in
 * the order the chunks were submitted, whichever worker finishes first.
 */
import { Worker } from 'node:worker_threads';
import { IndexSink } from '../service/index/chunkIndexer';
import { appendPart, RowsPart } from '../service/index/transfer';
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

export class WorkerPool implements ChunkIndexer {
  private readonly workers: { worker: Worker; busy: number }[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  /** Per sink, the promise of the last append: appends happen in submission order. */
  private readonly tails = new WeakMap<IndexSink, Promise<void>>();

  /** The threads start with the first chunk: a server that never indexes a file never starts them. */
  constructor(private readonly script: string, private readonly size: number) {}

  /** Threads running (none before the first chunk). */
  get threads(): number {
    return this.workers.length;
  }

  private start(): void {
    const script = this.script;
    for (let i = 0; i < Math.max(1, this.size); i++) {
      // A small old generation: each job's garbage is collected soon, so workers stay small.
      const worker = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_NURSERY_MB } });
      const slot = { worker, busy: 0 };
      worker.on('message', (message: { id: number; part?: RowsPart; error?: string }) => {
        slot.busy--;
        if (slot.busy === 0) {
          worker.unref(); // an idle pool does not keep the process alive
        }
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.part) {
          waiting?.resolve(message.part);
        } else {
          waiting?.reject(new Error(message.error ?? 'the index worker failed'));
        }
      });
      worker.on('error', (error) => {
        for (const [, waiting] of this.pending) {
          waiting.reject(error);
        }
        this.pending.clear();
      });
      worker.unref();
      this.workers.push(slot);
    }
  }

  submit(format: LogFormat, chunk: Chunk, sink: IndexSink): Promise<void> {
    if (this.workers.length === 0) {
      this.start();
    }
    const slot = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    if (slot.busy++ === 0) {
      slot.worker.ref(); // a job waiting for its answer keeps the process alive
    }
    const id = this.nextId++;
    const result = new Promise<RowsPart>((resolve, reject) => this.pending.set(id, { resolve, reject }));
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
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
