/**
 * The memory chunks are read into, used again: a file is read a few megabytes at a time, and memory
 * the system hands out fresh costs a page fault per 4 KB at first touch (a quarter of the indexer's
 * time on some virtual machines). A chunk's buffer comes back here once its rows are made (from a
 * worker thread, with its answer) and the reader takes it for a later chunk.
 */

/** Buffers kept for use again (a few chunks in flight per file, each a few megabytes). */
const KEPT = 8;

const free: ArrayBuffer[] = [];

/** A buffer of at least `size` bytes, its own memory from byte 0 (a chunk may be moved to a worker). */
export function takeChunkBuffer(size: number): Buffer {
  let best = -1;
  for (let i = 0; i < free.length; i++) {
    if (free[i].byteLength >= size && (best === -1 || free[i].byteLength < free[best].byteLength)) {
      best = i;
    }
  }
  if (best === -1) {
    return Buffer.allocUnsafeSlow(size);
  }
  const [buffer] = free.splice(best, 1);
  return Buffer.from(buffer, 0, buffer.byteLength);
}

/**
 * Gives a chunk's memory back once nothing reads it any more. A buffer moved away (detached) is
 * ignored; when the pool is full the smallest is let go.
 */
export function giveChunkBuffer(buffer: ArrayBufferLike): void {
  if (!(buffer instanceof ArrayBuffer) || buffer.byteLength === 0 || free.includes(buffer)) {
    return;
  }
  free.push(buffer);
  if (free.length > KEPT) {
    let smallest = 0;
    for (let i = 1; i < free.length; i++) {
      if (free[i].byteLength < free[smallest].byteLength) {
        smallest = i;
      }
    }
    free.splice(smallest, 1);
  }
}

/** Lets every kept buffer go: once indexing is over, a long-running server does not hold them. */
export function releaseChunkBuffers(): void {
  free.length = 0;
}

/** How many buffers are kept (tests). */
export function keptChunkBuffers(): number {
  return free.length;
}
