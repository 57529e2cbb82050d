/** The index of one log file of a bundle, and what identifies the file's content. */
import { LogFormat } from '../model';
import { inferYearsOf, inYear, PLACEHOLDER_YEAR } from '../years';
import { EntryColumns, FLAG_DATED, FLAG_YEAR_INFERRED } from './columns';
import { FactColumns } from './facts';

export interface FileIndex {
  /** Absolute path as the host gave it. */
  path: string;
  format: LogFormat;
  compressed: boolean;
  /** Size on disk and modification time when indexed (a change of either means re-reading). */
  size: number;
  mtimeMs: number;
  /** Decompressed bytes and lines indexed. */
  bytes: number;
  lines: number;
  entries: EntryColumns;
  facts: FactColumns;
  /** Size and hashes of the first and last 64 KB on disk when indexed (how a grown or renamed file is recognised). */
  signature?: { size: number; head: string; tail: string };
}

/**
 * Gives year-less entries their year with the same rule as a parsed document (years.ts). The year
 * column holds each dated entry's year once known (0 while only the placeholder year is known), so a
 * file that grew can be inferred again.
 */
export function inferFileYears(entries: EntryColumns, now: Date): void {
  let anyInferred = false;
  for (let i = 0; i < entries.length && !anyInferred; i++) {
    anyInferred = (entries.flags[i] & FLAG_YEAR_INFERRED) !== 0;
  }
  if (!anyInferred) {
    return; // every time has its year (ISO timestamps, or years written)
  }
  const dated: number[] = [];
  for (let i = 0; i < entries.length; i++) {
    if (entries.flags[i] & FLAG_DATED) {
      dated.push(i);
    }
  }
  // The time in the placeholder year: what the parser read, before any year was given.
  const parsed = (i: number): number => {
    const row = dated[i];
    return entries.time[row] - inYear(0, entries.month[row], entries.year[row] || PLACEHOLDER_YEAR);
  };
  inferYearsOf({
    count: dated.length,
    month: (i) => entries.month[dated[i]],
    inferred: (i) => (entries.flags[dated[i]] & FLAG_YEAR_INFERRED) !== 0,
    explicitYear: (i) => entries.year[dated[i]],
    setYear: (i, year) => {
      const row = dated[i];
      entries.time[row] = inYear(parsed(i), entries.month[row], year);
      entries.year[row] = year;
    },
    timeIn: (i, year) => inYear(parsed(i), entries.month[dated[i]], year),
  }, now);
}

/** The first readable time of the file (for ordering rotated files), or NaN. */
export function firstTime(file: FileIndex): number {
  for (let i = 0; i < file.entries.length; i++) {
    if (!Number.isNaN(file.entries.time[i])) {
      return file.entries.time[i];
    }
  }
  return Number.NaN;
}

const contentKeys = new WeakMap<FileIndex, string>();

/**
 * A key two files of the same content (sameContent) share, and files of different content almost never
 * do: their sizes and a hash of every row's place, kind, key, label and time of day (not the whole time:
 * year inference may move it by years later, which leaves the time of day as it is). Kept per file.
 */
export function contentKey(file: FileIndex): string {
  let key = contentKeys.get(file);
  if (key === undefined) {
    const e = file.entries;
    // FNV-1a over 32-bit words.
    let hash = 0x811c9dc5;
    const mix = (value: number): void => {
      hash = Math.imul(hash ^ (value | 0), 0x01000193);
    };
    for (let i = 0; i < e.length; i++) {
      mix(e.offset[i]);
      mix(e.offset[i] / 0x100000000);
      mix(e.line[i]);
      mix(e.kind[i]);
      mix(e.key[i]);
      mix(e.label[i]);
      const time = e.time[i];
      mix(Number.isNaN(time) ? -1 : ((time % 86_400_000) + 86_400_000) % 86_400_000);
    }
    key = `${file.format}:${file.bytes}:${file.lines}:${e.length}:${hash >>> 0}`;
    contentKeys.set(file, key);
  }
  return key;
}

/**
 * Whether two files hold the same log: a copy, a hard link or a compressed copy of one another. Their
 * rows then agree in every place, time, kind and key (whatever the compression), which two different
 * logs of a bundle never do; a file without entries is the copy of nothing.
 */
export function sameContent(a: FileIndex, b: FileIndex): boolean {
  const x = a.entries;
  const y = b.entries;
  if (a.format !== b.format || a.bytes !== b.bytes || a.lines !== b.lines || x.length !== y.length || x.length === 0) {
    return false;
  }
  for (let i = 0; i < x.length; i++) {
    if (x.offset[i] !== y.offset[i] || x.line[i] !== y.line[i] || x.kind[i] !== y.kind[i] || x.key[i] !== y.key[i]
      || x.label[i] !== y.label[i] || !(x.time[i] === y.time[i] || (Number.isNaN(x.time[i]) && Number.isNaN(y.time[i])))) {
      return false;
    }
  }
  return true;
}
