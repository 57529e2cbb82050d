/** The worker threads of the bundle indexer: a worker that dies fails its own jobs, and the next job gets a new one. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { WorkerPool } from '../../bundle/workerPool';
import { newSink } from '../../service/index/transfer';
import { blueCedarEntries } from './bundleFixtures';

const WORKER = path.resolve(__dirname, '..', '..', 'indexWorker.js');

test('a worker that runs out of memory fails its chunk, and the next chunk is parsed by a new worker', async () => {
  // A heap far too small for a chunk of a few MB: the worker dies parsing it.
  const pool = new WorkerPool(WORKER, 1, 8);
  try {
    const big = Buffer.from(blueCedarEntries(40_000, 7).join('\n') + '\n');
    await assert.rejects(pool.submit('bluecedar', { bytes: big, byte: 0 }, newSink()));
    assert.equal(pool.threads, 0, 'the dead worker left the pool');
    const small = Buffer.from(blueCedarEntries(3, 7).join('\n') + '\n');
    const sink = newSink();
    await pool.submit('bluecedar', { bytes: small, byte: 0 }, sink);
    assert.equal(sink.entries.length, 3);
    assert.equal(pool.threads, 1);
  } finally {
    await pool.close();
  }
});
