/**
 * A chunk is parsed a piece of whole entries at a time (parseChunk.ts): the rows must be those of the
 * chunk parsed whole, wherever the pieces are cut, on every kind of line the bundles hold.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseChunkBytes, PIECE_BYTES } from '../../bundle/parseChunk';
import { computeLineStarts } from '../../service/text';
import { byteLineStarts } from '../../service/index/byteLines';
import { indexChunk } from '../../service/index/chunkIndexer';
import { newSink, toPart } from '../../service/index/transfer';
import { LogFormat } from '../../service/model';
import { blueCedarEntries, oagEntries } from './bundleFixtures';
import { readablePart } from './indexDumps';

function inPieces(format: LogFormat, bytes: Buffer, byte: number): Record<string, unknown[]> {
  const sink = newSink();
  parseChunkBytes(format, { bytes, byte }, sink);
  return readablePart(toPart(sink));
}

function whole(format: LogFormat, bytes: Buffer, byte: number): Record<string, unknown[]> {
  const sink = newSink();
  const text = bytes.toString('utf8');
  indexChunk(format, text, computeLineStarts(text), byteLineStarts(bytes), byte, sink);
  return readablePart(toPart(sink));
}

test('Blue Cedar: multi-line JSON, CRLF, an entry larger than a piece, non-ASCII: the rows of the chunk parsed whole', () => {
  const entries = blueCedarEntries(3000, 11);
  // One entry far larger than a piece, in the middle; a user name that is not ASCII near the end.
  const huge = entries[1500].replace('"username":"', `"note":"${'x'.repeat(3 * PIECE_BYTES)}","username":"`);
  const all = [...entries.slice(0, 1500), huge, ...entries.slice(1501)];
  all[2900] = all[2900].replace(/"username":"[^"]*"/, '"username":"zoë"');
  const lf = Buffer.from(all.join(''));
  assert.ok(lf.length > 10 * PIECE_BYTES);
  assert.deepEqual(inPieces('bluecedar', lf, 12345), whole('bluecedar', lf, 12345));
  const crlf = Buffer.from(all.join('').replace(/\n/g, '\r\n'));
  assert.deepEqual(inPieces('bluecedar', crlf, 0), whole('bluecedar', crlf, 0));
});

test('OAG: the rows of the chunk parsed whole', () => {
  const bytes = Buffer.from(oagEntries(4000, 5).join(''));
  assert.ok(bytes.length > 4 * PIECE_BYTES);
  assert.deepEqual(inPieces('oag', bytes, 0), whole('oag', bytes, 0));
});
