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

  /** Appends an empty row (strings NONE, numbers NaN, jailbroken unknown) and returns its index. */
  add(entry: number): number {
    if (this.length === this.entry.length) {
      const capacity = Math.max(256, this.entry.length * 2);
      this.entry = grow(this.entry, capacity);
      this.jailbroken = grow(this.jailbroken, capacity);
      this.event = grow(this.event, capacity);
      for (const k of FACT_STRINGS) {
        this.strings[k] = grow(this.strings[k], capacity);
      }
      for (const k of FACT_NUMBERS) {
        this.numbers[k] = grow(this.numbers[k], capacity);
      }
    }
    const row = this.length++;
    this.entry[row] = entry;
    this.jailbroken[row] = -1;
    this.event[row] = -1;
    for (const k of FACT_STRINGS) {
      this.strings[k][row] = NONE;
    }
    for (const k of FACT_NUMBERS) {
      this.numbers[k][row] = Number.NaN;
    }
    return row;
  }

  /** A copy holding the first `length` rows. */
  clone(length = this.length): FactColumns {
    const copy = new FactColumns();
    for (let i = 0; i < length; i++) {
      const row = copy.add(this.entry[i]);
      copy.jailbroken[row] = this.jailbroken[i];
      copy.event[row] = this.event[i];
      for (const k of FACT_STRINGS) {
        copy.strings[k][row] = this.strings[k][i];
      }
      for (const k of FACT_NUMBERS) {
        copy.numbers[k][row] = this.numbers[k][i];
      }
    }
    return copy;
  }

  compact(): void {
    const n = this.length;
    this.entry = this.entry.slice(0, n);
    this.jailbroken = this.jailbroken.slice(0, n);
    this.event = this.event.slice(0, n);
    for (const k of FACT_STRINGS) {
      this.strings[k] = this.strings[k].slice(0, n);
    }
    for (const k of FACT_NUMBERS) {
      this.numbers[k] = this.numbers[k].slice(0, n);
    }
  }

  bytes(): number {
    return this.entry.length * (4 + 1 + 1 + 4 * FACT_STRINGS.length + 8 * FACT_NUMBERS.length);
  }
}

type Typed = Float64Array | Int32Array | Int8Array;

function grow<T extends Typed>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}
