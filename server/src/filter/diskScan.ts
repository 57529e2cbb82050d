/**
 * A filtered scan of log files on disk: read as streams of whole-entry chunks (the bundle's reader, gzip
 * included), each chunk parsed by the ordinary parser and its entries tested, never the whole file in
 * memory. Sessions come from the bundle index when a file is in it and unchanged on disk (so EID-linked
 * events join their session exactly); otherwise from the entries' pairing keys, with who and what each
 * key names learned as the scan goes.
 */
import { promises as fs } from 'node:fs';
import { parseLines } from '../service/document';
import { FilterClause, WhoField } from '../service/formats/filterSpec';
import { compileEntryTest, EntryContext, EntryTest } from '../service/filters/documentFilter';
import { ownValues } from '../service/filters/entryFacts';
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

/** Sessions and facts as a scan knows them, across the files of one scan. */
class ScanSessions {
  private readonly localIds = new Map<string, number>();
  private readonly learned = new Map<number, Map<WhoField, Set<string>>>();
  private readonly indexValues = new Map<string, string[]>();

  constructor(private readonly index: BundleIndex | undefined) {}

  /** The session of an entry: the index's, for an indexed file; else one per pairing key. */
  sessionOf(format: LogFormat, entry: LogEntry, indexFile: number | undefined, fileLine: number): number {
    if (indexFile !== undefined && this.index) {
      const row = rowOfLine(this.index, indexFile, fileLine);
      if (row !== undefined) {
        const { columns, index: i } = this.index.rows.locate(row);
        const id = columns.session[i];
        if (id !== NONE) {
          return id;
        }
      }
    }
    const key = pairingKeyOf(format, entry);
    if (key === undefined) {
      return -1;
    }
    let id = this.localIds.get(key);
    if (id === undefined) {
      id = LOCAL_SESSION_BASE + this.localIds.size;
      this.localIds.set(key, id);
    }
    return id;
  }

  /** Remembers what an entry names for the session it is in (scan-local sessions only). */
  learn(format: LogFormat, entry: LogEntry, session: number): void {
    if (session < LOCAL_SESSION_BASE) {
      return;
    }
    for (const field of ['user', 'device', 'app', 'ip'] as const) {
      for (const value of ownValues(format, entry, field)) {
        if (value) {
          let byField = this.learned.get(session);
          if (!byField) {
            byField = new Map();
            this.learned.set(session, byField);
          }
          let values = byField.get(field);
          if (!values) {
            values = new Set();
            byField.set(field, values);
          }
          if (values.size < 16) {
            values.add(value);
          }
        }
      }
    }
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
    // A key first seen later in the scan gets its local id then: compare by key for those.
    return (id) => ids.has(id) || (id >= LOCAL_SESSION_BASE && this.localIds.get(key) === id);
  }

  values(session: number, field: WhoField): string[] {
    if (session >= LOCAL_SESSION_BASE) {
      return [...(this.learned.get(session)?.get(field) ?? [])];
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

/** Row of the entry starting on `line` of index file `fileNumber`, by binary search. */
function rowOfLine(index: BundleIndex, fileNumber: number, line: number): number | undefined {
  const { line: lines, length } = index.files[fileNumber].entries;
  let low = 0;
  let high = length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (lines[mid] < line) {
      low = mid + 1;
    } else if (lines[mid] > line) {
      high = mid - 1;
    } else {
      return index.rows.bases[fileNumber] + mid;
    }
  }
  return undefined;
}

/**
 * Scans `files` from `options.from` (or their start), calling `onMatch` for each matching entry in
 * order; `onMatch` returning false stops the scan. Resolves with the entries seen.
 */
export async function scanFiles(
  files: readonly ScanFile[], clauses: readonly FilterClause[], index: BundleIndex | undefined,
  onMatch: (match: ScanMatch) => boolean, options: ScanOptions = {},
): Promise<ScanResult> {
  const sessions = new ScanSessions(index);
  // Learning who a session names costs a look at every entry: only when a clause asks who or what.
  const needsFacts = clauses.some((c) => c.type === 'user' || c.type === 'device' || c.type === 'app' || c.type === 'ip');
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
  const first = options.from?.file ?? 0;
  for (let k = 0; k < first; k++) {
    readBefore += sizes[k];
  }
  for (let fileNumber = first; fileNumber < files.length && !stopped; fileNumber++) {
    const file = files[fileNumber];
    const from = fileNumber === first && options.from ? { byte: options.from.byte, line: options.from.line } : undefined;
    let chunkContext: { text: string; line: number } = { text: '', line: 0 };
    const context: EntryContext = {
      format: file.format,
      get text() {
        return chunkContext.text;
      },
      sessionOf: (entry) => sessions.sessionOf(file.format, entry, file.indexFile, chunkContext.line + entry.startLine),
      sessionsWithKey: (key, anchorTime) => sessions.sessionsWithKey(key, anchorTime),
      sessionValues: (session, field) => sessions.values(session, field),
      hasProblem: (entry) => entry.problems.some((p) => p.severity !== 'hint'),
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
        chunkContext = { text, line: chunk.line };
        let byteStarts: Int32Array | undefined;
        for (const entry of entries) {
          if (needsFacts) {
            const session = context.sessionOf(entry);
            if (session >= 0) {
              sessions.learn(file.format, entry, session);
            }
          }
          const line = chunk.line + entry.startLine;
          if (!test(entry)) {
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
