/** What the bundle builder asks of a file on disk before deciding how to bring it up to date. */
import { promises as fs, Stats } from 'node:fs';
import { FileIndex } from '../service/index/fileIndex';
import { FileSignature, sameSignature, signatureOf } from './indexCache';

/** Files looked at on disk at once (each an open file while its first and last blocks are hashed). */
export const PROBES_AT_ONCE = 8;

/** How recent a modification time is compared by content as well (a few ticks of the coarsest clock). */
const RECENT_WRITE_MS = 10_000;

export interface Probe {
  stat?: Stats;
  /** The content's signature, when the file is not the bundle's unchanged copy. */
  signature?: FileSignature;
  /** Whether the file is the bundle's copy, grown: its first `existing.size` bytes are unchanged. */
  grown: boolean;
  /** Whether the bundle's copy is the file as it is (same size and time; from a snapshot, same blocks too). */
  unchanged: boolean;
}

/**
 * What sync needs to know of a file on disk, read without touching what is unchanged. `verify`: the
 * bundle's copy comes from the snapshot, and is unchanged only if its first and last blocks are too.
 */
export async function probe(path: string, existing: FileIndex | undefined, verify: boolean): Promise<Probe> {
  let stat: Stats;
  try {
    stat = await fs.stat(path);
  } catch {
    return { grown: false, unchanged: false };
  }
  const same = existing !== undefined && existing.size === stat.size && existing.mtimeMs === stat.mtimeMs;
  // A file written in the last seconds may have been rewritten to the same size within one tick of a
  // coarse clock (FAT keeps 2 s, HFS+ 1 s; copytruncate does it): its blocks are compared too. Only
  // live logs are that recent, and the watcher's sync after such a write comes within that window.
  const recent = Math.abs(Date.now() - stat.mtimeMs) < RECENT_WRITE_MS;
  if (same && !verify && !recent) {
    return { stat, grown: false, unchanged: true };
  }
  if (!stat.isFile()) {
    return { stat, grown: false, unchanged: false };
  }
  const signature = await signatureOf(path).catch(() => undefined);
  if (same && signature && existing?.signature && sameSignature(existing.signature, signature)) {
    return { stat, signature, grown: false, unchanged: true };
  }
  const before = existing?.signature && signature && !existing.compressed && stat.size > existing.size
    ? await signatureOf(path, existing.size).catch(() => undefined)
    : undefined;
  const grown = Boolean(before && existing?.signature && sameSignature(existing.signature, before));
  return { stat, signature, grown, unchanged: false };
}

/** `work` on each item, at most `limit` at a time; the answers in the items' order. */
export async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const answers: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      answers[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return answers;
}
