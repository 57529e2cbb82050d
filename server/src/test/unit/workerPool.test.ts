/** The worker threads of the bundle indexer: a worker that dies fails its own jobs, and the next job gets a new one. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { WorkerPool } from '../../bundle/workerPool';
import { newSink } from '../../service/index/transfer';
import { blueCedarEntries } from './bundleFixtures';

const WORKER = path.resolve(__dirname, '..', '..', 'indexWorker.js');

test('a worker that runs out of memory fails its chunk, and the next chunk is parsed by a new worker', async () => {
  // A heap far too small for an entry of a few MB (read whole, as one piece): the worker dies parsing it.
  const pool = new WorkerPool(WORKER, 1, 8);
  try {
    const names = Array.from({ length: 200_000 }, (_, i) => `"k${i}":"${'v'.repeat(20)}"`).join(',');
    const big = Buffer.from(`Nov 11 2021 22:24:37 gw Mocana: [AAA], SubCls:ACCT, EID: 0, Type: Acct, Sev:Informational, Session START {"sessionId":{${names}}}\n`);
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
