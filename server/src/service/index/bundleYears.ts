/**
 * Years for rotated files written without them. Alone, a file whose timestamps carry no year takes
 * the most recent year that is not in the future, which is wrong when a bundle is read years later
 * (a newest `messages` without years after older files with them). In a bundle, such a file takes the
 * year that puts it closest to the files that do write their years, as it would in one text; its
 * entries keep the years they give each other (a file across New Year stays across it). Files with no
 * written year anywhere in the bundle keep their own inference.
 */
import { inYear, PLACEHOLDER_YEAR } from '../years';
import { EntryColumns, FLAG_DATED, FLAG_YEAR_INFERRED } from './columns';
import { FileIndex } from './fileIndex';

const YEAR_MS = 365.2425 * 24 * 3600 * 1000;

interface Span {
  /** Earliest and latest time of entries with a written year (NaN when none). */
  writtenMin: number;
  writtenMax: number;
  /** Earliest and latest time of entries given a year (NaN when none). */
  inferredMin: number;
  inferredMax: number;
}

const spans = new WeakMap<EntryColumns, Span>();

function spanOf(entries: EntryColumns): Span {
  let span = spans.get(entries);
  if (!span) {
    span = { writtenMin: Number.NaN, writtenMax: Number.NaN, inferredMin: Number.NaN, inferredMax: Number.NaN };
    for (let i = 0; i < entries.length; i++) {
      const flags = entries.flags[i];
      const time = entries.time[i];
      if (!(flags & FLAG_DATED) || Number.isNaN(time)) {
        continue;
      }
      if (flags & FLAG_YEAR_INFERRED) {
        span.inferredMin = Number.isNaN(span.inferredMin) ? time : Math.min(span.inferredMin, time);
        span.inferredMax = Number.isNaN(span.inferredMax) ? time : Math.max(span.inferredMax, time);
      } else {
        span.writtenMin = Number.isNaN(span.writtenMin) ? time : Math.min(span.writtenMin, time);
        span.writtenMax = Number.isNaN(span.writtenMax) ? time : Math.max(span.writtenMax, time);
      }
    }
    spans.set(entries, span);
  }
  return span;
}

/** `time` (of month `month`, year `year`) moved by `years` whole years. */
function shifted(time: number, month: number, year: number, years: number): number {
  return inYear(time - inYear(0, month, year), month, year + years);
}

/** Gives each file written without years the years that put it nearest the files that write theirs. */
export function alignInferredYears(files: readonly FileIndex[]): void {
  let low = Number.NaN;
  let high = Number.NaN;
  for (const file of files) {
    const span = spanOf(file.entries);
    if (!Number.isNaN(span.writtenMin)) {
      low = Number.isNaN(low) ? span.writtenMin : Math.min(low, span.writtenMin);
      high = Number.isNaN(high) ? span.writtenMax : Math.max(high, span.writtenMax);
    }
  }
  if (Number.isNaN(low)) {
    return;
  }
  for (const file of files) {
    const span = spanOf(file.entries);
    if (!Number.isNaN(span.writtenMin) || Number.isNaN(span.inferredMin)) {
      continue;
    }
    const guess = Math.round(((low + high) / 2 - (span.inferredMin + span.inferredMax) / 2) / YEAR_MS);
    let best = 0;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const years of [guess, guess + 1, guess - 1]) {
      // Whole years move a time by 365 or 366 days: near enough to compare candidates.
      const from = span.inferredMin + years * YEAR_MS;
      const to = span.inferredMax + years * YEAR_MS;
      const distance = Math.max(0, from - high, low - to);
      if (distance < bestDistance) {
        best = years;
        bestDistance = distance;
      }
    }
    if (best !== 0) {
      shiftYears(file.entries, best);
    }
  }
}

function shiftYears(entries: EntryColumns, years: number): void {
  for (let i = 0; i < entries.length; i++) {
    if ((entries.flags[i] & FLAG_DATED) && (entries.flags[i] & FLAG_YEAR_INFERRED) && !Number.isNaN(entries.time[i])) {
      const year = entries.year[i] || PLACEHOLDER_YEAR;
      entries.time[i] = shifted(entries.time[i], entries.month[i], year, years);
      entries.year[i] = year + years;
    }
  }
  spans.delete(entries);
}
