/**
 * Many byte ranges of one file in one go, for the entries of a view part: a plain file is read with
 * one positioned read per run of nearby ranges; a gzip file (no random access) is decompressed once,
 * from its start to the end of the last range, keeping only the ranges.
 */
import { promises as fs } from 'node:fs';
import { gunzipFile } from '../bundle/gunzip';
import { readFully } from '../bundle/readRange';

export interface ByteRange {
  start: number;
  end: number;
}

/** Ranges closer than this are read together (one read beats two seeks). */
const MERGE_GAP = 64 * 1024;
/** Most bytes one merged read holds. */
const MAX_READ = 16 * 1024 * 1024;

/** The bytes of each range, in the order given (ranges in any order, overlapping or not). */
export async function readRanges(path: string, compressed: boolean, ranges: readonly ByteRange[]): Promise<Buffer[]> {
  const out: Buffer[] = new Array(ranges.length);
  if (ranges.length === 0) {
    return out;
  }
  const order = ranges.map((_, i) => i).sort((a, b) => ranges[a].start - ranges[b].start);
  if (compressed) {
    await readCompressed(path, ranges, order, out);
  } else {
    await readPlain(path, ranges, order, out);
  }
  for (let i = 0; i < out.length; i++) {
    out[i] ??= Buffer.alloc(0);
  }
  return out;
}

async function readPlain(path: string, ranges: readonly ByteRange[], order: number[], out: Buffer[]): Promise<void> {
  const handle = await fs.open(path, 'r');
  try {
    let k = 0;
    while (k < order.length) {
      // A run of ranges that are close together: one read covers them all.
      const from = ranges[order[k]].start;
      let to = ranges[order[k]].end;
      let last = k;
      while (last + 1 < order.length && ranges[order[last + 1]].start <= to + MERGE_GAP && Math.max(to, ranges[order[last + 1]].end) - from <= MAX_READ) {
        last++;
        to = Math.max(to, ranges[order[last]].end);
      }
      const buffer = Buffer.alloc(Math.max(0, to - from));
      const done = await readFully(handle, buffer, 0, buffer.length, from);
      for (let j = k; j <= last; j++) {
        const r = ranges[order[j]];
        // Copies: a range must not keep the whole merged read alive.
        out[order[j]] = Buffer.from(buffer.subarray(Math.min(done, r.start - from), Math.min(done, r.end - from)));
      }
      k = last + 1;
    }
  } finally {
    await handle.close();
  }
}

async function readCompressed(path: string, ranges: readonly ByteRange[], order: number[], out: Buffer[]): Promise<void> {
  const end = Math.max(...ranges.map((r) => r.end));
  const parts: Buffer[][] = ranges.map(() => []);
  let position = 0;
  let next = 0;
  const stream = gunzipFile(path);
  try {
    for await (const part of stream) {
      const partEnd = position + part.length;
      // Ranges that started before this part and may still be open, and those starting in it.
      for (let j = next; j < order.length && ranges[order[j]].start < partEnd; j++) {
        const r = ranges[order[j]];
        const from = Math.max(r.start, position);
        const to = Math.min(r.end, partEnd);
        if (to > from) {
          parts[order[j]].push(Buffer.from(part.subarray(from - position, to - position)));
        }
      }
      while (next < order.length && ranges[order[next]].end <= partEnd) {
        next++;
      }
      position = partEnd;
      if (position >= end) {
        break;
      }
    }
  } catch {
    // A damaged file: what could be read.
  } finally {
    await stream.return(undefined);
  }
  parts.forEach((p, i) => {
    out[i] = p.length === 1 ? p[0] : Buffer.concat(p);
  });
}
