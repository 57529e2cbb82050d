import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guarded } from '../../guarded';

test('a throwing handler answers the fallback and the failure is logged', () => {
  const logged: string[] = [];
  const handler = guarded('hover', null, (_: unknown) => {
    throw new Error('boom');
  }, (m) => logged.push(m));
  assert.equal(handler({}), null);
  assert.equal(logged.length, 1);
  assert.match(logged[0], /^hover failed: Error: boom/);
});

test('a working handler answers normally and logs nothing', () => {
  const logged: string[] = [];
  const handler = guarded('symbols', null as number | null, (p: { n: number }) => p.n * 2, (m) => logged.push(m));
  assert.equal(handler({ n: 21 }), 42);
  assert.deepEqual(logged, []);
});

test('a request cancelled before it runs is not worked on', () => {
  let ran = false;
  const handler = guarded('definition', null, () => {
    ran = true;
    return 1;
  }, () => undefined);
  assert.equal(handler({}, { isCancellationRequested: true }), null);
  assert.equal(ran, false);
});
