/**
 * The compact part of a bundle index: one row per log entry, kept as typed-array columns (about 40
 * bytes an entry), never the entry's text. Anything shown is read again from disk by byte offset.
 */

/** Bits of EntryColumns.flags. */
export const FLAG_YEAR_INFERRED = 1;
export const FLAG_HAS_ERROR = 2;
export const FLAG_HAS_WARNING = 4;
/** OAG: RESULT is FAIL or DENY; Blue Cedar: a Policy REJECT. */
export const FLAG_REJECTED = 8;
/** The entry has a month (syslog-style or ISO timestamp) for year inference. */
export const FLAG_DATED = 16;
/** The entry has a problem of its own reported as information (not only a hint). */
export const FLAG_HAS_NOTE = 32;

/** No zone written (Blue Cedar, syslog forms). */
export const NO_ZONE = -32768;
/** Entries without a key or string. */
export const NONE = -1;

export class EntryColumns {
  length = 0;
  /** Byte offset of the entry's first character in the (decompressed) file. */
  offset = new Float64Array(0);
  /** 0-based line of the entry's first line in the file. */
  line = new Int32Array(0);
  /** Milliseconds (as LogEntry.time); NaN without a readable time. */
  time = new Float64Array(0);
  /** Offset written with the time, in minutes; NO_ZONE when none. */
  zone = new Int16Array(0);
  /** Month (0-11) and explicit year of a dated entry, for year inference; -1 / 0 otherwise. */
  month = new Int8Array(0);
  year = new Int16Array(0);
  /** 1 + index in the format's severity or level vocabulary; 0 unknown or none. */
  severity = new Uint8Array(0);
  /** Index in EVENT_KINDS. */
  kind = new Uint8Array(0);
  flags = new Uint8Array(0);
  /** String id of the component (Blue Cedar) or event name (OAG); NONE. */
  label = new Int32Array(0);
  /** String id of the pairing key (appGsid or identity of a START/STOP, EID's gsid, SESSION_ID); NONE. */
  key = new Int32Array(0);
  /** Session id after pairing (NONE outside sessions). */
  session = new Int32Array(0);

  /** Room for `extra` more rows (capacity doubles, so appending is amortised linear). */
  reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.offset.length) {
      return;
    }
    const capacity = Math.max(needed, this.offset.length * 2, 1024);
    this.offset = grow(this.offset, capacity);
    this.line = grow(this.line, capacity);
    this.time = grow(this.time, capacity);
    this.zone = grow(this.zone, capacity);
    this.month = grow(this.month, capacity);
    this.year = grow(this.year, capacity);
    this.severity = grow(this.severity, capacity);
    this.kind = grow(this.kind, capacity);
    this.flags = grow(this.flags, capacity);
    this.label = grow(this.label, capacity);
    this.key = grow(this.key, capacity);
    this.session = grow(this.session, capacity);
  }

  /** A copy (a file that grew is extended on the copy while the bundle keeps answering from the original). */
  clone(): EntryColumns {
    const copy = new EntryColumns();
    copy.reserve(this.length);
    copy.length = this.length;
    copy.offset.set(this.offset.subarray(0, this.length));
    copy.line.set(this.line.subarray(0, this.length));
    copy.time.set(this.time.subarray(0, this.length));
    copy.zone.set(this.zone.subarray(0, this.length));
    copy.month.set(this.month.subarray(0, this.length));
    copy.year.set(this.year.subarray(0, this.length));
    copy.severity.set(this.severity.subarray(0, this.length));
    copy.kind.set(this.kind.subarray(0, this.length));
    copy.flags.set(this.flags.subarray(0, this.length));
    copy.label.set(this.label.subarray(0, this.length));
    copy.key.set(this.key.subarray(0, this.length));
    copy.session.set(this.session.subarray(0, this.length));
    return copy;
  }

  /** Drops rows from `length` on (a file re-indexed from its last entry). */
  truncate(length: number): void {
    this.length = Math.min(this.length, length);
  }

  /** Memory the columns hold, in bytes (capacity, not just length). */
  bytes(): number {
    return this.offset.length * (8 + 4 + 8 + 2 + 1 + 2 + 1 + 1 + 1 + 4 + 4 + 4);
  }

  /** Shrinks the capacity to the length (after a file is done). */
  compact(): void {
    const n = this.length;
    this.offset = this.offset.slice(0, n);
    this.line = this.line.slice(0, n);
    this.time = this.time.slice(0, n);
    this.zone = this.zone.slice(0, n);
    this.month = this.month.slice(0, n);
    this.year = this.year.slice(0, n);
    this.severity = this.severity.slice(0, n);
    this.kind = this.kind.slice(0, n);
    this.flags = this.flags.slice(0, n);
    this.label = this.label.slice(0, n);
    this.key = this.key.slice(0, n);
    this.session = this.session.slice(0, n);
  }
}

type Typed = Float64Array | Int32Array | Int16Array | Int8Array | Uint8Array;

function grow<T extends Typed>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}
