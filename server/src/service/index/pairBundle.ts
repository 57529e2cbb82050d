/**
 * Sessions across the files of a bundle, with the rules a single document uses (sessions.ts): Blue
 * Cedar START and STOP by appGsid (the latest START without a STOP takes a STOP), by identity when the
 * appGsid is 0 (oldest open START first), events joined by EID to the latest session of that appGsid
 * that began at or before them (else the first); OAG entries by SESSION_ID, the first login opening
 * and the last logout closing. Entries are numbered across the bundle in file order ("global" rows).
 * Keys are string ids, dense from 0: lookups are array reads, not maps (a bundle has millions of rows).
 */
import { EVENT_KINDS } from '../model';
import { EntryColumns, NONE } from './columns';
import { StringTable } from './strings';

export const RULE_GSID = 0;
export const RULE_IDENTITY = 1;
export const RULE_SESSION_ID = 2;

const START = EVENT_KINDS.indexOf('sessionStart');
const STOP = EVENT_KINDS.indexOf('sessionStop');
const LOGIN = EVENT_KINDS.indexOf('login');
const LOGOUT = EVENT_KINDS.indexOf('logout');

/** Sessions as columns; entry references are global rows. */
export class SessionTable {
  length = 0;
  rule = new Uint8Array(0);
  key = new Int32Array(0);
  start = new Int32Array(0);
  stop = new Int32Array(0);
  /** First and last member (global rows) and how many members. */
  head = new Int32Array(0);
  tail = new Int32Array(0);
  count = new Int32Array(0);
  /** The previous session with the same key (a gsid reused after its STOP), or NONE. */
  previous = new Int32Array(0);

  add(rule: number, key: number): number {
    if (this.length === this.rule.length) {
      const capacity = Math.max(1024, this.rule.length * 2);
      this.rule = grow(this.rule, capacity);
      this.key = grow(this.key, capacity);
      this.start = grow(this.start, capacity);
      this.stop = grow(this.stop, capacity);
      this.head = grow(this.head, capacity);
      this.tail = grow(this.tail, capacity);
      this.count = grow(this.count, capacity);
      this.previous = grow(this.previous, capacity);
    }
    const id = this.length++;
    this.rule[id] = rule;
    this.key[id] = key;
    this.start[id] = NONE;
    this.stop[id] = NONE;
    this.head[id] = NONE;
    this.tail[id] = NONE;
    this.count[id] = 0;
    this.previous[id] = NONE;
    return id;
  }

  /** The row a session is shown by: its START/login, else its STOP/logout, else its first member. */
  anchor(id: number): number {
    return this.start[id] !== NONE ? this.start[id] : this.stop[id] !== NONE ? this.stop[id] : this.head[id];
  }
}

/** The files' entry columns in bundle order, addressed by global row. */
export class BundleRows {
  /** Global row of each file's first entry; one more at the end: the total. */
  readonly bases: number[];

  constructor(readonly files: readonly EntryColumns[]) {
    this.bases = [0];
    for (const file of files) {
      this.bases.push(this.bases[this.bases.length - 1] + file.length);
    }
  }

  get total(): number {
    return this.bases[this.bases.length - 1];
  }

  /** File number of a global row (binary search). */
  fileOf(row: number): number {
    let low = 0;
    let high = this.files.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.bases[mid] <= row) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }

  /** The file's columns and the row within them. */
  locate(row: number): { file: number; columns: EntryColumns; index: number } {
    const file = this.fileOf(row);
    return { file, columns: this.files[file], index: row - this.bases[file] };
  }
}

/** Pairs the bundle; sets each entry's `session` and returns the sessions. */
export function pairBundle(rows: BundleRows, strings: StringTable, formatOf: (file: number) => 'bluecedar' | 'oag'): SessionTable {
  const sessions = new SessionTable();
  /** The latest session of each key (appGsid or SESSION_ID), by key id; earlier ones through `previous`. */
  const latestOfKey = new Int32Array(strings.size).fill(NONE);
  /** Open identity sessions per key: a queue (array and the index of its head). */
  const openByIdentity = new Map<number, { queue: number[]; head: number }>();
  const firstRow = (id: number): number => (sessions.start[id] !== NONE ? sessions.start[id] : sessions.stop[id] !== NONE ? sessions.stop[id] : sessions.head[id]);
  const identity = new Uint8Array(strings.size);
  for (let id = 0; id < strings.size; id++) {
    identity[id] = strings.get(id)!.startsWith('i:') ? 1 : 0;
  }
  const newSession = (rule: number, key: number): number => {
    const id = sessions.add(rule, key);
    sessions.previous[id] = latestOfKey[key];
    latestOfKey[key] = id;
    return id;
  };

  for (let file = 0; file < rows.files.length; file++) {
    const columns = rows.files[file];
    const base = rows.bases[file];
    const oag = formatOf(file) === 'oag';
    for (let i = 0; i < columns.length; i++) {
      columns.session[i] = NONE;
      const key = columns.key[i];
      if (key === NONE) {
        continue;
      }
      const row = base + i;
      const kind = columns.kind[i];
      if (oag) {
        let id = latestOfKey[key];
        if (id === NONE) {
          id = newSession(RULE_SESSION_ID, key);
        }
        columns.session[i] = id;
        if (kind === LOGIN && sessions.start[id] === NONE) {
          sessions.start[id] = row;
        } else if (kind === LOGOUT) {
          sessions.stop[id] = row;
        }
        continue;
      }
      if (kind !== START && kind !== STOP) {
        continue; // EID links: second pass
      }
      if (!identity[key]) {
        const latest = latestOfKey[key];
        if (kind === STOP && latest !== NONE && sessions.stop[latest] === NONE) {
          sessions.stop[latest] = row;
          columns.session[i] = latest;
          continue;
        }
        const id = newSession(RULE_GSID, key);
        if (kind === START) {
          sessions.start[id] = row;
        } else {
          sessions.stop[id] = row;
        }
        columns.session[i] = id;
        continue;
      }
      let open = openByIdentity.get(key);
      if (kind === START) {
        const id = newSession(RULE_IDENTITY, key);
        sessions.start[id] = row;
        columns.session[i] = id;
        if (!open) {
          open = { queue: [], head: 0 };
          openByIdentity.set(key, open);
        }
        open.queue.push(id);
      } else if (open && open.head < open.queue.length) {
        const id = open.queue[open.head++];
        sessions.stop[id] = row;
        columns.session[i] = id;
      } else {
        const id = newSession(RULE_IDENTITY, key);
        sessions.stop[id] = row;
        columns.session[i] = id;
      }
    }
  }
  // EID links: the latest session of that appGsid that began at or before the event, else the first.
  for (let file = 0; file < rows.files.length; file++) {
    if (formatOf(file) === 'oag') {
      continue;
    }
    const columns = rows.files[file];
    const base = rows.bases[file];
    for (let i = 0; i < columns.length; i++) {
      const key = columns.key[i];
      if (key === NONE || columns.session[i] !== NONE || columns.kind[i] === START || columns.kind[i] === STOP || identity[key]) {
        continue;
      }
      const row = base + i;
      let chosen = latestOfKey[key];
      // Walk back from the latest session of the key to the first that began at or before the event.
      while (chosen !== NONE && firstRow(chosen) > row && sessions.previous[chosen] !== NONE) {
        chosen = sessions.previous[chosen];
      }
      if (chosen !== NONE) {
        columns.session[i] = chosen;
      }
    }
  }
  // Members: first, last and how many, in bundle order.
  for (let file = 0; file < rows.files.length; file++) {
    const columns = rows.files[file];
    const base = rows.bases[file];
    for (let i = 0; i < columns.length; i++) {
      const id = columns.session[i];
      if (id === NONE) {
        continue;
      }
      const row = base + i;
      if (sessions.head[id] === NONE) {
        sessions.head[id] = row;
      }
      sessions.tail[id] = row;
      sessions.count[id]++;
    }
  }
  return sessions;
}

type Typed = Int32Array | Uint8Array;

function grow<T extends Typed>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}
