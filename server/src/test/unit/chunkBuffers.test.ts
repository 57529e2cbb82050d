/** The chunk buffers the bundle reader uses again: what comes back, from where, and how many are kept. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { BundleBuilder } from '../../bundle/bundleBuilder';
import { giveChunkBuffer, keptChunkBuffers, takeChunkBuffer } from '../../bundle/chunkBuffers';
import { BundleIndex } from '../../service/index/bundleIndex';
import { WorkerPool } from '../../bundle/workerPool';
import { newSink } from '../../service/index/transfer';
import { blueCedarEntries, rotate, writeBundle } from './bundleFixtures';
import { NOW } from './helpers';

const WORKER = path.resolve(__dirname, '..', '..', 'indexWorker.js');

/** Empties the pool (buffers of other tests in this file). */
function drain(): void {
  while (keptChunkBuffers() > 0) {
    takeChunkBuffer(1);
  }
}

test('a buffer given back is taken again: the smallest that is large enough, its memory from byte 0', () => {
  drain();
  const small = takeChunkBuffer(1000);
  const large = takeChunkBuffer(5000);
  assert.ok(small.length >= 1000 && small.byteOffset === 0 && small.buffer.byteLength === small.length);
  giveChunkBuffer(large.buffer);
  giveChunkBuffer(small.buffer);
  giveChunkBuffer(small.buffer);
  assert.equal(keptChunkBuffers(), 2, 'a buffer is kept once');
  assert.equal(takeChunkBuffer(900).buffer, small.buffer);
  assert.equal(takeChunkBuffer(2000).buffer, large.buffer);
  assert.notEqual(takeChunkBuffer(100).buffer, small.buffer, 'none left: a new one');
});

test('at most eight buffers are kept, the largest; a buffer moved away is not', () => {
  drain();
  for (let i = 1; i <= 10; i++) {
    giveChunkBuffer(new ArrayBuffer(i * 100));
  }
  assert.equal(keptChunkBuffers(), 8);
  assert.equal(takeChunkBuffer(1).length, 300, 'the two smallest were let go');
  const moved = new ArrayBuffer(64);
  structuredClone(moved, { transfer: [moved] });
  drain();
  giveChunkBuffer(moved);
  assert.equal(keptChunkBuffers(), 0);
});

test('a chunk sent to a worker thread comes back with its rows', async () => {
  drain();
  const pool = new WorkerPool(WORKER, 1);
  try {
    const text = blueCedarEntries(20, 3).join('');
    const chunk = takeChunkBuffer(text.length);
    chunk.write(text, 'latin1');
    const sink = newSink();
    await pool.submit('bluecedar', { bytes: chunk.subarray(0, text.length), byte: 0, owned: true }, sink);
    assert.equal(sink.entries.length, 20);
    assert.equal(chunk.buffer.byteLength, 0, 'the chunk was moved to the worker, not copied');
    assert.equal(keptChunkBuffers(), 1, 'and its memory came back');
  } finally {
    await pool.close();
  }
});

test('once a bundle is read, the buffers are let go (a server does not hold them between syncs)', async () => {
  drain();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glt-chunks-'));
  const pool = new WorkerPool(WORKER, 2);
  try {
    const paths = writeBundle(dir, rotate(blueCedarEntries(400, 9), 2, 'messages'));
    let keptWhileReading = 0;
    const index = new BundleIndex();
    await new BundleBuilder(index, pool).sync(paths, {
      now: NOW, chunkBytes: 8 * 1024, onProgress: () => {
        keptWhileReading = Math.max(keptWhileReading, keptChunkBuffers());
      },
    });
    assert.equal(index.entryCount, 400);
    assert.ok(keptWhileReading > 0, 'buffers came back and were used again while reading');
    assert.equal(keptChunkBuffers(), 0);
  } finally {
    await pool.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
