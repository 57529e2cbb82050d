/**
 * Who and what an entry names, for the entries that name someone: Blue Cedar Session START/STOP and
 * Policy REJECT (their JSON sessionId), OAG entries of a session (first of each SESSION_ID in a chunk)
 * and OAG failures and denials. Kept as columns of string ids and numbers, one row per such entry.
 */
import { NONE } from './columns';

export const FACT_STRINGS = [
  'user', 'deviceName', 'uniqueId', 'osType', 'app', 'publicIp', 'assignedIp', 'securityPatch', 'mobileCountryCode', 'reason',
  'resource',
] as const;
export type FactString = typeof FACT_STRINGS[number];

export const FACT_NUMBERS = ['durationSeconds', 'bytesRx', 'bytesTx'] as const;
export type FactNumber = typeof FACT_NUMBERS[number];

export class FactColumns {
  length = 0;
  /** Entry (row of the file's EntryColumns) the facts belong to. */
  entry = new Int32Array(0);
  /** -1 unknown, 0 false, 1 true. */
  jailbroken = new Int8Array(0);
  /** What the entry counts as for the findings (index in EVENT_FACT_KINDS), or -1. */
  event = new Int8Array(0);
  readonly strings: Record<FactString, Int32Array>;
  readonly numbers: Record<FactNumber, Float64Array>;

  constructor() {
    this.strings = Object.fromEntries(FACT_STRINGS.map((k) => [k, new Int32Array(0)])) as Record<FactString, Int32Array>;
    this.numbers = Object.fromEntries(FACT_NUMBERS.map((k) => [k, new Float64Array(0)])) as Record<FactNumber, Float64Array>;
  }

  /**
   * Makes room for `count` more rows. Rows past the length are always empty (strings NONE, numbers
   * NaN, jailbroken and event -1): a new capacity is filled so, and rows are only ever appended.
   */
  reserve(count: number): void {
    const needed = this.length + count;
    if (needed <= this.entry.length) {
      return;
    }
    const capacity = Math.max(256, this.entry.length * 2, needed);
    this.entry = grow(this.entry, capacity, 0);
    this.jailbroken = grow(this.jailbroken, capacity, -1);
    this.event = grow(this.event, capacity, -1);
    for (const k of FACT_STRINGS) {
      this.strings[k] = grow(this.strings[k], capacity, NONE);
    }
    for (const k of FACT_NUMBERS) {
      this.numbers[k] = grow(this.numbers[k], capacity, Number.NaN);
    }
  }

  /** Appends an empty row (strings NONE, numbers NaN, jailbroken unknown) and returns its index. */
  add(entry: number): number {
    this.reserve(1);
    const row = this.length++;
    this.entry[row] = entry;
    return row;
  }

  /** A copy holding the first `length` rows. */
  clone(length = this.length): FactColumns {
    const copy = new FactColumns();
    copy.reserve(length);
    copy.length = length;
    copy.entry.set(this.entry.subarray(0, length));
    copy.jailbroken.set(this.jailbroken.subarray(0, length));
    copy.event.set(this.event.subarray(0, length));
    for (const k of FACT_STRINGS) {
      copy.strings[k].set(this.strings[k].subarray(0, length));
    }
    for (const k of FACT_NUMBERS) {
      copy.numbers[k].set(this.numbers[k].subarray(0, length));
    }
    return copy;
  }

  /**
   * Shrinks the capacity to the length (after a file is done). A column that holds nothing but NONE
   * (or NaN) becomes a view of memory shared by all such columns (see emptyColumn).
   */
  compact(): void {
    const n = this.length;
    this.entry = this.entry.slice(0, n);
    this.jailbroken = this.jailbroken.slice(0, n);
    this.event = this.event.slice(0, n);
    for (const k of FACT_STRINGS) {
      this.strings[k] = onlyEmpty(this.strings[k], n) ? emptyIds(n) : this.strings[k].slice(0, n);
    }
    for (const k of FACT_NUMBERS) {
      this.numbers[k] = onlyEmpty(this.numbers[k], n) ? emptyNumbers(n) : this.numbers[k].slice(0, n);
    }
  }

  /** Memory the columns hold of their own, in bytes (capacity, not just length). */
  bytes(): number {
    const own = (column: Typed): number => (column.buffer === sharedIds.buffer || column.buffer === sharedNumbers.buffer ? 0 : column.byteLength);
    return own(this.entry) + own(this.jailbroken) + own(this.event)
      + FACT_STRINGS.reduce((sum, k) => sum + own(this.strings[k]), 0) + FACT_NUMBERS.reduce((sum, k) => sum + own(this.numbers[k]), 0);
  }
}

/**
 * Columns of nothing but NONE (or NaN) share one buffer of them, read-only: an OAG entry names no
 * device, OS, patch level or byte counts, so nine of its fourteen columns are empty, a third of the
 * facts' memory (21 MB per GB of OAG). Nothing writes to a row once the file is done: adding a row
 * grows (copies) every column first, since a done file has no spare capacity.
 */
let sharedIds = new Int32Array(0);
let sharedNumbers = new Float64Array(0);

function emptyIds(length: number): Int32Array {
  if (sharedIds.length < length) {
    // Columns made before keep the smaller buffer alive; doubling bounds all of them to twice the largest.
    sharedIds = new Int32Array(Math.max(length, 2 * sharedIds.length)).fill(NONE);
  }
  return sharedIds.subarray(0, length);
}

function emptyNumbers(length: number): Float64Array {
  if (sharedNumbers.length < length) {
    sharedNumbers = new Float64Array(Math.max(length, 2 * sharedNumbers.length)).fill(Number.NaN);
  }
  return sharedNumbers.subarray(0, length);
}

/** Whether the first `length` values are all NONE (ids) or all NaN (numbers). */
function onlyEmpty(column: Int32Array | Float64Array, length: number): boolean {
  if (column instanceof Float64Array) {
    for (let i = 0; i < length; i++) {
      if (!Number.isNaN(column[i])) {
        return false;
      }
    }
    return true;
  }
  for (let i = 0; i < length; i++) {
    if (column[i] !== NONE) {
      return false;
    }
  }
  return true;
}

type Typed = Float64Array | Int32Array | Int8Array;

/** A copy of `array` with room for `capacity` values, the new ones `empty`. */
function grow<T extends Typed>(array: T, capacity: number, empty: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(capacity);
  bigger.set(array);
  if (empty !== 0) {
    bigger.fill(empty, array.length);
  }
  return bigger;
}
