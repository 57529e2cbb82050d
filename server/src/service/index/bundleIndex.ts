/**
 * The index of a bundle of log files: each file's entry rows, the strings they refer to, and the
 * sessions paired across all of them. Pure: files come in as FileIndex values (the Node side reads
 * them); answers name files by path and entries by line, byte offset and time as written.
 */
import { LogFormat } from '../model';
import { NONE, NO_ZONE, FLAG_REJECTED } from './columns';
import { FactColumns, FactString } from './facts';
import { DURATION_TOLERANCE_SECONDS } from '../sessionChecks';
import { alignInferredYears } from './bundleYears';
import { FileIndex, firstTime } from './fileIndex';
import { BundleRows, pairBundle, RULE_GSID, RULE_IDENTITY, SessionTable } from './pairBundle';
import { sessionKeyText } from './keys';
import { StringTable } from './strings';
import { lastAtOrBefore } from '../sorted';

/** How many of a session's first members are read for who and what it names (each a bounded look-up). */
const SUMMARY_MEMBERS = 50;
/** How many rows between a session's first and last member are looked at to find those members. */
const SUMMARY_SCAN = 4096;

/** Where an entry is: its file, 0-based line, byte offset, and time as written. */
export interface EntryRef {
  path: string;
  line: number;
  byte: number;
  time?: number;
  zone?: number;
}

export interface SessionSummary {
  id: number;
  format: LogFormat;
  rule: 'appGsid' | 'identity' | 'sessionId';
  /** The appGsid, the SESSION_ID, or user/device/app/assigned IP for identity pairing. */
  key: string;
  user?: string;
  device?: string;
  deviceId?: string;
  osType?: string;
  app?: string;
  publicIp?: string;
  assignedIp?: string;
  jailbroken?: boolean;
  securityPatch?: string;
  mobileCountryCode?: string;
  start?: EntryRef;
  stop?: EntryRef;
  /** First and last member. */
  first: EntryRef;
  last: EntryRef;
  /** From the START and STOP times, else the STOP's own durationSeconds. */
  durationSeconds?: number;
  events: number;
  /** Whether an entry of the session was a rejection (OAG FAIL/DENY). */
  rejected: boolean;
  /** Session checks that fail: codes as in the editor's diagnostics. */
  problems: string[];
}

/** See BundleIndex.sessionEnds. */
export interface SessionEnds {
  /** Global rows of the START and STOP. */
  start?: number;
  stop?: number;
  startRef?: EntryRef;
  stopRef?: EntryRef;
  durationSeconds?: number;
  format: LogFormat;
  /** Session checks that fail: codes as in the editor's diagnostics. */
  problems: string[];
}

export class BundleIndex {
  readonly strings = new StringTable();
  private fileList: FileIndex[] = [];
  private rowsCache?: BundleRows;
  private sessionsCache?: SessionTable;
  private sessionProblemCache?: Uint8Array;

  /** Files in bundle order (by their first timestamp; files without one last, by path). */
  get files(): readonly FileIndex[] {
    return this.fileList;
  }

  /** Adds a file or replaces the one with the same path; sessions are paired again on next use. */
  setFile(file: FileIndex): void {
    const others = this.fileList.filter((f) => f.path !== file.path);
    const files = [...others, file];
    alignInferredYears(files);
    this.fileList = orderFiles(files);
    this.invalidate();
  }

  removeFile(path: string): boolean {
    const before = this.fileList.length;
    this.fileList = this.fileList.filter((f) => f.path !== path);
    this.invalidate();
    return this.fileList.length !== before;
  }

  file(path: string): FileIndex | undefined {
    return this.fileList.find((f) => f.path === path);
  }

  private invalidate(): void {
    this.rowsCache = undefined;
    this.sessionsCache = undefined;
    this.sessionProblemCache = undefined;
  }

  /**
   * 1 for each row (global) that carries a problem of its session, as the editor reports them in one
   * text: a STOP without its START, a STOP timestamped before its START, and a Blue Cedar STOP whose
   * durationSeconds disagrees with its START and STOP times. (A START without STOP is only a hint.)
   */
  sessionProblemRows(): Uint8Array {
    if (!this.sessionProblemCache) {
      const s = this.sessions;
      const marks = new Uint8Array(this.rows.total);
      for (let id = 0; id < s.length; id++) {
        const start = s.start[id];
        const stop = s.stop[id];
        if (stop === NONE) {
          continue;
        }
        if (start === NONE) {
          marks[stop] = 1;
          continue;
        }
        const from = this.entryRef(start).time;
        const to = this.entryRef(stop).time;
        if (from === undefined || to === undefined) {
          continue;
        }
        const reported = this.fileList[this.rows.fileOf(stop)].format === 'bluecedar' ? this.factNumber(stop, 'durationSeconds') : undefined;
        if (to < from || (reported !== undefined && Math.abs(reported - (to - from) / 1000) > DURATION_TOLERANCE_SECONDS)) {
          marks[stop] = 1;
        }
      }
      this.sessionProblemCache = marks;
    }
    return this.sessionProblemCache;
  }

  get rows(): BundleRows {
    this.rowsCache ??= new BundleRows(this.fileList.map((f) => f.entries));
    return this.rowsCache;
  }

  /**
   * Takes `sessions` as the pairing of the files as they are now (a snapshot of this very bundle, whose
   * files' session columns it filled); the next change pairs again.
   */
  adoptSessions(sessions: SessionTable): void {
    this.sessionsCache = sessions;
    this.sessionProblemCache = undefined;
  }

  get sessions(): SessionTable {
    if (!this.sessionsCache) {
      const files = this.fileList;
      this.sessionsCache = pairBundle(this.rows, this.strings, (i) => files[i].format);
    }
    return this.sessionsCache;
  }

  get entryCount(): number {
    return this.rows.total;
  }

  /** Where a global row is. */
  entryRef(row: number): EntryRef {
    const { file, columns, index } = this.rows.locate(row);
    const time = columns.time[index];
    const zone = columns.zone[index];
    return {
      path: this.fileList[file].path, line: columns.line[index], byte: columns.offset[index],
      time: Number.isNaN(time) ? undefined : time, zone: zone === NO_ZONE ? undefined : zone,
    };
  }

  /** The global row of the entry starting on `line` of the file, if any (binary search). */
  rowAt(path: string, line: number): number | undefined {
    const fileNumber = this.fileList.findIndex((f) => f.path === path);
    return fileNumber < 0 ? undefined : this.rowOfLine(fileNumber, line);
  }

  /** Row of the entry starting on `line` of file number `fileNumber`, by binary search. */
  rowOfLine(fileNumber: number, line: number): number | undefined {
    const { line: lines, length } = this.fileList[fileNumber].entries;
    const i = lastAtOrBefore(lines, length, line);
    return i >= 0 && lines[i] === line ? this.rows.bases[fileNumber] + i : undefined;
  }

  /** The session of a global row, or undefined. */
  sessionOfRow(row: number): number | undefined {
    const sessions = this.sessions;
    const { columns, index } = this.rows.locate(row);
    const id = columns.session[index];
    return id === NONE || id >= sessions.length ? undefined : id;
  }

  /**
   * Members of a session in bundle order (global rows), at most `max`, found among the rows from its
   * first to its last member (at most `scan` of them looked at).
   */
  members(id: number, max = Number.MAX_SAFE_INTEGER, scan = Number.MAX_SAFE_INTEGER): number[] {
    const out: number[] = [];
    const sessions = this.sessions;
    const head = sessions.head[id];
    const tail = sessions.tail[id];
    if (head === NONE) {
      return out;
    }
    const rows = this.rows;
    for (let file = rows.fileOf(head); file < rows.files.length && out.length < max; file++) {
      const columns = rows.files[file];
      const base = rows.bases[file];
      const from = Math.max(0, head - base);
      const to = Math.min(columns.length, tail - base + 1, from + scan - (base + from - head));
      for (let i = from; i < to && out.length < max; i++) {
        if (columns.session[i] === id) {
          out.push(base + i);
        }
      }
      if (base + columns.length > tail) {
        break;
      }
    }
    return out;
  }

  /** A fact of the entry at a global row (START/STOP/REJECT, OAG session or failure entries), if recorded. */
  fact(row: number, name: FactString): string | undefined {
    return this.strings.get(this.factId(row, name));
  }

  /** The same as a string id (NONE when not recorded). */
  factId(row: number, name: FactString): number {
    const at = this.factsAt(row);
    return at ? at.facts.strings[name][at.f] : NONE;
  }

  /** The fact row of the entry at a global row, if it has one. */
  factRowAt(row: number): { facts: FactColumns; f: number } | undefined {
    return this.factsAt(row);
  }

  /**
   * Where a session's who and what are read, in order: its START's and STOP's facts, then, for what
   * neither names (OAG logins seldom name the app), its first members' (bounded), as the editor names
   * a session by the first of its entries that names each.
   */
  sessionFactRows(id: number): { facts: FactColumns; f: number }[] {
    const s = this.sessions;
    const ends = [s.start[id], s.stop[id]].filter((r) => r !== NONE).map((row) => this.factsAt(row))
      .filter((r): r is { facts: FactColumns; f: number } => r !== undefined);
    const named = (name: FactString): boolean => ends.some(({ facts, f }) => facts.strings[name][f] !== NONE);
    const complete = named('user') && named('app') && (s.rule[id] === RULE_GSID || s.rule[id] === RULE_IDENTITY || named('publicIp'));
    if (complete) {
      return ends;
    }
    return [...ends, ...this.members(id, SUMMARY_MEMBERS, SUMMARY_SCAN).map((row) => this.factsAt(row))
      .filter((r): r is { facts: FactColumns; f: number } => r !== undefined)];
  }

  /** The device a session names: its device name, else its unique id (see sessionFactRows). */
  deviceOf(sources: readonly { facts: FactColumns; f: number }[]): string | undefined {
    return this.firstFact(sources, 'deviceName') ?? this.firstFact(sources, 'uniqueId');
  }

  /** The first value of fact `name` among `sources` (see sessionFactRows). */
  firstFact(sources: readonly { facts: FactColumns; f: number }[], name: FactString): string | undefined {
    for (const { facts, f } of sources) {
      const value = facts.strings[name][f];
      if (value !== NONE) {
        return this.strings.get(value);
      }
    }
    return undefined;
  }

  private factsAt(row: number): { facts: FactColumns; f: number } | undefined {
    const { file, index } = this.rows.locate(row);
    const facts = this.fileList[file].facts;
    const f = factRow(facts.entry, facts.length, index);
    return f < 0 ? undefined : { facts, f };
  }

  private factNumber(row: number, name: 'durationSeconds' | 'bytesRx' | 'bytesTx'): number | undefined {
    const { file, index } = this.rows.locate(row);
    const facts = this.fileList[file].facts;
    const f = factRow(facts.entry, facts.length, index);
    const value = f < 0 ? Number.NaN : facts.numbers[name][f];
    return Number.isNaN(value) ? undefined : value;
  }

  private jailbroken(row: number): boolean | undefined {
    const { file, index } = this.rows.locate(row);
    const facts = this.fileList[file].facts;
    const f = factRow(facts.entry, facts.length, index);
    return f < 0 || facts.jailbroken[f] < 0 ? undefined : facts.jailbroken[f] === 1;
  }

  summary(id: number): SessionSummary {
    const s = this.sessions;
    const sources = this.sessionFactRows(id);
    const pick = (name: FactString): string | undefined => this.firstFact(sources, name);
    const rule = s.rule[id] === RULE_GSID ? 'appGsid' : s.rule[id] === RULE_IDENTITY ? 'identity' : 'sessionId';
    const ends = this.sessionEnds(id);
    const { start, stop, format } = ends;
    let rejected = false;
    if (format === 'oag') {
      for (const row of this.members(id, 10_000)) {
        if (this.isRejected(row)) {
          rejected = true;
          break;
        }
      }
    }
    return {
      id, format, rule, key: this.sessionKey(id),
      user: pick('user'), device: this.deviceOf(sources), deviceId: pick('uniqueId'), osType: pick('osType'),
      app: pick('app'), publicIp: pick('publicIp'), assignedIp: pick('assignedIp'), securityPatch: pick('securityPatch'),
      mobileCountryCode: pick('mobileCountryCode'), jailbroken: start !== undefined ? this.jailbroken(start) : stop !== undefined ? this.jailbroken(stop) : undefined,
      start: ends.startRef, stop: ends.stopRef, first: this.entryRef(s.head[id]), last: this.entryRef(s.tail[id]),
      durationSeconds: ends.durationSeconds, events: s.count[id], rejected, problems: ends.problems,
    };
  }

  /** The session's key as shown (see sessionKeyText). */
  sessionKey(id: number): string {
    return sessionKeyText(this.strings.get(this.sessions.key[id]) ?? '');
  }

  /**
   * What a session's START and STOP say: where they are, its duration (from their times, else the
   * STOP's own durationSeconds), its format, and the session checks that fail. The part of summary
   * that lists of every session (the CLI's records) need, without the rest.
   */
  sessionEnds(id: number): SessionEnds {
    const s = this.sessions;
    const start = s.start[id] === NONE ? undefined : s.start[id];
    const stop = s.stop[id] === NONE ? undefined : s.stop[id];
    const startRef = start === undefined ? undefined : this.entryRef(start);
    const stopRef = stop === undefined ? undefined : this.entryRef(stop);
    let durationSeconds: number | undefined;
    if (startRef?.time !== undefined && stopRef?.time !== undefined) {
      durationSeconds = (stopRef.time - startRef.time) / 1000;
    } else if (stop !== undefined) {
      durationSeconds = this.factNumber(stop, 'durationSeconds');
    }
    const problems: string[] = [];
    const format = this.fileList[this.rows.fileOf(s.anchor(id))].format;
    if (stop !== undefined && start === undefined) {
      problems.push('stop-without-start');
    }
    if (start !== undefined && stop === undefined && (format === 'bluecedar' || !this.isRejected(start))) {
      problems.push('start-without-stop');
    }
    if (startRef?.time !== undefined && stopRef?.time !== undefined && stopRef.time < startRef.time) {
      problems.push('stop-before-start');
    }
    return { start, stop, startRef, stopRef, durationSeconds, format, problems };
  }


  private isRejected(row: number): boolean {
    const { columns, index } = this.rows.locate(row);
    return (columns.flags[index] & FLAG_REJECTED) !== 0;
  }
}

/** Row of `facts` for entry `index` (rows are in entry order), or -1. */
function factRow(entries: Int32Array, length: number, index: number): number {
  let low = 0;
  let high = length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (entries[mid] < index) {
      low = mid + 1;
    } else if (entries[mid] > index) {
      high = mid - 1;
    } else {
      return mid;
    }
  }
  return -1;
}

/** Rotated files in time order: by first timestamp, then path; files without any time last. */
export function orderFiles(files: FileIndex[]): FileIndex[] {
  const keyed = files.map((file) => ({ file, time: firstTime(file) }));
  keyed.sort((a, b) => {
    const aNone = Number.isNaN(a.time);
    const bNone = Number.isNaN(b.time);
    if (aNone !== bNone) {
      return aNone ? 1 : -1;
    }
    if (!aNone && a.time !== b.time) {
      return a.time - b.time;
    }
    return a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0;
  });
  return keyed.map((k) => k.file);
}
