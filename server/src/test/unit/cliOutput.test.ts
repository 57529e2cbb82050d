/** The CLI's line output (cliOutput.ts): every line, in order, whatever the buffer and the stream's pace. */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { LineOutput } from '../../cliOutput';

/** A stream that writes later (as a slow pipe does) and reads each chunk only then. */
class SlowStream extends EventEmitter {
  readonly written: Buffer[] = [];

  write(chunk: Buffer, done: () => void): boolean {
    setImmediate(() => {
      this.written.push(Buffer.from(chunk));
      done();
    });
    return false;
  }
}

test('lines reach a slow stream whole and in order: short, longer than the buffer, beyond ASCII', async () => {
  const stream = new SlowStream();
  const out = new LineOutput(stream as unknown as NodeJS.WritableStream, 64);
  const lines: string[] = [];
  for (let i = 0; i < 200; i++) {
    // Three bytes per character, of every length up to a third of the buffer: some end exactly at its end.
    lines.push(i % 50 === 7 ? `long ${'x'.repeat(300)} ${i}` : i % 3 === 0 ? '€'.repeat(1 + (i % 21)) : i % 3 === 1 ? `zoë 📱 ${i}` : `line ${i}`);
  }
  lines.push('');
  for (const line of lines) {
    await out.write(line);
  }
  await out.flush();
  assert.ok(stream.written.length > 10, 'written in many pieces');
  assert.equal(Buffer.concat(stream.written).toString('utf8'), lines.map((l) => `${l}\n`).join(''));
});
