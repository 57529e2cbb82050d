/**
 * A filtered scan of log files on disk: read as streams of whole-entry chunks (the bundle's reader, gzip
 * included), each chunk parsed by the ordinary parser and its entries tested, never the whole file in
 * memory. Sessions come from the bundle index when a file is in it and unchanged on disk (so EID-linked
 * events join their session exactly); otherwise from the entries' pairing keys, with who and what each
 * key names learned as the scan goes.
 */
import { promises as fs } from 'node:fs';
import { parseLines } from '../service/parse';
import { FilterClause, WhoField } from '../service/formats/filterSpec';
import { compileEntryTest, EntryContext, EntryTest } from '../service/filters/documentFilter';
import { normalValue, ownValues } from '../service/filters/entryFacts';
import { BundleIndex } from '../service/index/bundleIndex';
import { NONE } from '../service/index/columns';
import { byteLineStarts } from '../service/index/byteLines';
import { indexSessionValues } from '../service/filters/rowFilter';
import { LogEntry, LogFormat, Problem } from '../service/model';
import { pairingKeyOf } from '../service/sessions';
import { computeLineStarts } from '../service/text';
import { readChunks } from '../bundle/fileReader';

export interface ScanFile {
  path: string;
  format: LogFormat;
  compressed: boolean;
  /** The file's number in the index, when it is there and unchanged on disk. */
  indexFile?: number;
}

/** Where a scan starts (a part of a view after the first): file, byte and line there, and entries before. */
export interface ScanPoint {
  file: number;
  byte: number;
  line: number;
  /** Entries of all the files before this point. */
  ordinal: number;
}

/** One matching entry: its size, where it is, and (on demand) its text and where it starts in bytes. */
export interface ScanMatch {
  /** Characters of the entry's text. */
  chars: number;
  /** The entry's text, as a copy (never a view into a chunk, which a kept part would keep alive). */
  text(): string;
  file: number;
  line: number;
  lines: number;
  ordinal: number;
  /** Where the first entry skipped since the previous match is, if any was. */
  skippedAt?: { file: number; line: number };
  /** The byte offset of the entry's line in its file (computed on demand: only part boundaries need it). */
  byte(): number;
}

export interface ScanOptions {
  signal?: AbortSignal;
  from?: ScanPoint;
  /** Bytes read on disk so far and the total size of the files. */
  onProgress?: (read: number, size: number) => void;
  chunkBytes?: number;
  /**
   * Which entries match (by ordinal), as an earlier scan of the same files from their start decided:
   * the clauses are then not tested again. A scan from a later point cannot know what the entries before
   * it said (who a session names), so a part read again from its start asks the counting scan.
   */
  matches?: (ordinal: number) => boolean;
}

export interface ScanResult {
  /** Entries seen in the files scanned (from the start point on, plus those before it). */
  entries: number;
  /** Where the first entry after the last match is, when entries followed it. */
  trailingSkippedAt?: { file: number; line: number };
  /** Whether the scan stopped early (the match handler asked it to, or it was cancelled). */
  stopped: boolean;
}

/** Ids of sessions learned during a scan sit above the index's own. */
const LOCAL_SESSION_BASE = 1 << 30;

/** A who/what value a clause asks for (compared as normalValue does). */
interface WhoTarget {
  field: WhoField;
  wanted: string;
}

/**
 * Sessions as a scan knows them. In an indexed file, the index's. Elsewhere, paired as the scan reads,
 * with the document's rules: a START opens a session (appGsid, else identity), a STOP closes the
 * latest open one of its appGsid (the oldest of its identity), an event joins the latest session of
 * the appGsid its EID names; OAG entries by SESSION_ID. Only what the clauses ask is remembered: the
 * sessions that name a wanted user/device/app/IP, and the key of each session when a clause asks
 * for one.
 */
class ScanSessions {
  private next = LOCAL_SESSION_BASE;
  private readonly latestByGsid = new Map<string, number>();
  private readonly stopped = new Set<number>();
  private readonly openByIdentity = new Map<string, number[]>();
  private readonly bySessionId = new Map<string, number>();
  private readonly keyOf = new Map<number, string>();
  /** Per wanted value: the local sessions whose entries name it. */
  private readonly naming: Set<number>[];
  private readonly indexValues = new Map<string, string[]>();
  private lastEntry?: LogEntry;
  private lastSession = -1;

  constructor(private readonly index: BundleIndex | undefined, private readonly targets: readonly WhoTarget[], private readonly keepKeys: boolean) {
    this.naming = targets.map(() => new Set<number>());
  }

  private newSession(key: string): number {
    const id = this.next++;
    if (this.keepKeys) {
      this.keyOf.set(id, key);
    }
    return id;
  }

  /** The session of an entry (the same answer however often it is asked for the entry). */
  sessionOf(format: LogFormat, entry: LogEntry, indexFile: number | undefined, fileLine: number): number {
    if (entry !== this.lastEntry) {
      this.lastEntry = entry;
      this.lastSession = this.pair(format, entry, indexFile, fileLine);
    }
    return this.lastSession;
  }

  private pair(format: LogFormat, entry: LogEntry, indexFile: number | undefined, fileLine: number): number {
    if (indexFile !== undefined && this.index) {
      const row = this.index.rowOfLine(indexFile, fileLine);
      if (row !== undefined) {
        const { columns, index: i } = this.index.rows.locate(row);
        if (columns.session[i] !== NONE) {
          return columns.session[i];
        }
      }
    }
    const key = pairingKeyOf(format, entry);
    if (key === undefined) {
      return -1;
    }
    if (format === 'oag') {
      let id = this.bySessionId.get(key);
      if (id === undefined) {
        id = this.newSession(key);
        this.bySessionId.set(key, id);
      }
      return id;
    }
    const start = entry.kind === 'sessionStart';
    const stop = entry.kind === 'sessionStop';
    if (key.startsWith('i:')) {
      const open = this.openByIdentity.get(key) ?? [];
      if (start) {
        const id = this.newSession(key);
        open.push(id);
        this.openByIdentity.set(key, open);
        return id;
      }
      return open.shift() ?? this.newSession(key);
    }
    const latest = this.latestByGsid.get(key);
    if (start || (stop && (latest === undefined || this.stopped.has(latest)))) {
      const id = this.newSession(key);
      this.latestByGsid.set(key, id);
      if (stop) {
        this.stopped.add(id);
      }
      return id;
    }
    if (stop) {
      this.stopped.add(latest!);
      return latest!;
    }
    // An event linked by EID: the latest session of that appGsid (one of its own until a START comes).
    if (latest === undefined) {
      const id = this.newSession(key);
      this.latestByGsid.set(key, id);
      return id;
    }
    return latest;
  }

  /** Notes the sessions whose entries name a wanted value (scan-local sessions only). */
  learn(format: LogFormat, entry: LogEntry, session: number): void {
    if (session < LOCAL_SESSION_BASE) {
      return;
    }
    this.targets.forEach((target, t) => {
      for (const value of ownValues(format, entry, target.field)) {
        if (value !== undefined && normalValue(value) === target.wanted) {
          this.naming[t].add(session);
        }
      }
    });
  }

  /** Sessions with the key: the index's (narrowed by the anchor time when one matches) and the scan's own. */
  sessionsWithKey(key: string, anchorTime: number | undefined): (session: number) => boolean {
    const ids = new Set<number>();
    if (this.index) {
      const keyId = this.index.strings.find(key);
      const sessions = this.index.sessions;
      const all: number[] = [];
      for (let id = 0; id < sessions.length && keyId !== NONE; id++) {
        if (sessions.key[id] === keyId) {
          all.push(id);
        }
      }
      const anchored = anchorTime === undefined ? [] : all.filter((id) => this.index!.entryRef(sessions.anchor(id)).time === anchorTime);
      for (const id of anchored.length > 0 ? anchored : all) {
        ids.add(id);
      }
    }
    return (id) => ids.has(id) || (id >= LOCAL_SESSION_BASE && this.keyOf.get(id) === key);
  }

  values(session: number, field: WhoField): string[] {
    if (session >= LOCAL_SESSION_BASE) {
      // The wanted values this session was seen to name.
      return this.targets.filter((t, k) => t.field === field && this.naming[k].has(session)).map((t) => t.wanted);
    }
    if (!this.index) {
      return [];
    }
    const key = `${session}:${field}`;
    let values = this.indexValues.get(key);
    if (!values) {
      values = indexSessionValues(this.index, session, field);
      this.indexValues.set(key, values);
    }
    return values;
  }
}

/**
 * Scans `files` from `options.from` (or their start), calling `onMatch` for each matching entry in
 * order; `onMatch` returning false stops the scan. Resolves with the entries seen.
 */
export async function scanFiles(
  files: readonly ScanFile[], clauses: readonly FilterClause[], index: BundleIndex | undefined,
  onMatch: (match: ScanMatch) => boolean, options: ScanOptions = {},
): Promise<ScanResult> {
  // Learning who a session names costs a look at every entry: only when a clause asks who or what.
  const targets: WhoTarget[] = clauses.flatMap((c) => (c.type === 'user' || c.type === 'device' || c.type === 'app' || c.type === 'ip' ? [{ field: c.type, wanted: normalValue(c.value) }] : []));
  const decided = options.matches;
  const needsFacts = targets.length > 0 && !decided;
  // Pairing as the scan goes must see every entry in order (a clause may not be asked about all of them).
  const needsSessions = !decided && (needsFacts || clauses.some((c) => c.type === 'session'));
  const sessions = new ScanSessions(index, targets, clauses.some((c) => c.type === 'session'));
  const sizes = await Promise.all(files.map((f) => fs.stat(f.path).then((s) => s.size, () => 0)));
  const totalSize = sizes.reduce((a, b) => a + b, 0);
  let readBefore = 0;
  let ordinal = options.from?.ordinal ?? 0;
  let skippedAt: { file: number; line: number } | undefined;
  let stopped = false;
  // Stops reading when the caller has what it needs (or cancels).
  const abort = new AbortController();
  const onAbort = (): void => abort.abort();
  options.signal?.addEventListener('abort', onAbort);
  // Problems of a session (a STOP without its START, durations that disagree) are known where the
  // index has the file; a file read before it is indexed shows the problems of each entry alone.
  const sessionProblem = (indexFile: number | undefined, fileLine: number): boolean => {
    if (indexFile === undefined || !index) {
      return false;
    }
    const row = index.rowOfLine(indexFile, fileLine);
    return row !== undefined && index.sessionProblemRows()[row] === 1;
  };
  const first = options.from?.file ?? 0;
  for (let k = 0; k < first; k++) {
    readBefore += sizes[k];
  }
  for (let fileNumber = first; fileNumber < files.length && !stopped; fileNumber++) {
    const file = files[fileNumber];
    const from = fileNumber === first && options.from ? { byte: options.from.byte } : undefined;
    // The reader hands out bytes; the scan counts their lines (a chunk ends after a line break).
    let chunkLine = from ? options.from!.line : 0;
    let chunkContext: { text: string; line: number } = { text: '', line: 0 };
    const context: EntryContext = {
      format: file.format,
      get text() {
        return chunkContext.text;
      },
      sessionOf: (entry) => sessions.sessionOf(file.format, entry, file.indexFile, chunkContext.line + entry.startLine),
      sessionsWithKey: (key, anchorTime) => sessions.sessionsWithKey(key, anchorTime),
      sessionValues: (session, field) => sessions.values(session, field),
      hasProblem: (entry) => entry.problems.some((p) => p.severity !== 'hint') || sessionProblem(file.indexFile, chunkContext.line + entry.startLine),
    };
    const test: EntryTest | string = compileEntryTest(clauses, context);
    if (typeof test === 'string') {
      throw new Error(test);
    }
    try {
      await readChunks(file.path, file.format, file.compressed, (chunk) => {
        if (stopped) {
          return;
        }
        const text = chunk.bytes.toString('utf8');
        const lineStarts = computeLineStarts(text);
        const entries: LogEntry[] = [];
        const stray: Problem[] = [];
        parseLines(file.format, text, lineStarts, 0, lineStarts.length, entries, stray);
        // No year inference: clauses compare times as written (an inferred year never counts).
        const firstLine = chunkLine;
        chunkLine += lineStarts.length - 1;
        chunkContext = { text, line: firstLine };
        let byteStarts: Int32Array | undefined;
        for (const entry of entries) {
          if (needsSessions) {
            const session = context.sessionOf(entry);
            if (needsFacts && session >= 0) {
              sessions.learn(file.format, entry, session);
            }
          }
          const line = firstLine + entry.startLine;
          if (decided ? !decided(ordinal) : !test(entry)) {
            skippedAt ??= { file: fileNumber, line };
            ordinal++;
            continue;
          }
          const match: ScanMatch = {
            chars: entry.end - entry.start,
            text: () => (' ' + text.slice(entry.start, entry.end)).slice(1),
            file: fileNumber,
            line,
            lines: entry.endLine - entry.startLine + 1,
            ordinal,
            skippedAt,
            byte: () => {
              byteStarts ??= byteLineStarts(chunk.bytes);
              return chunk.byte + byteStarts[entry.startLine];
            },
          };
          skippedAt = undefined;
          ordinal++;
          if (!onMatch(match)) {
            stopped = true;
            abort.abort();
            break;
          }
        }
      }, {
        signal: abort.signal, from, chunkBytes: options.chunkBytes,
        onProgress: (p) => options.onProgress?.(readBefore + p.read, totalSize),
      });
    } catch (error) {
      if (abort.signal.aborted) {
        stopped = true;
        break;
      }
      throw error;
    } finally {
      if (options.signal?.aborted) {
        stopped = true;
      }
    }
    readBefore += sizes[fileNumber];
  }
  options.signal?.removeEventListener('abort', onAbort);
  return { entries: ordinal, stopped, trailingSkippedAt: skippedAt };
}
