/**
 * How a filtered view is built, by where its entries come from:
 * - an open document: from its analysis, all at once (a document is at most 50 MB);
 * - files in the bundle index, when every clause can be answered from the index: matching rows at
 *   once, each part's text read from disk by byte offset;
 * - otherwise (text clauses, a file not indexed yet): a scan of the files from disk. The first part
 *   is ready as soon as it is full; the scan goes on in the background to count the rest and note
 *   where each later part starts, and a later part is read again from there.
 */
import { Analysis } from '../service/analysis';
import { FilterClause } from '../service/formats/filterSpec';
import { DocumentViewPlan, documentPage } from '../service/filters/documentView';
import { RowViewPlan, pageRanges, rowsPage } from '../service/filters/rowView';
import { DEFAULT_PAGE_LIMITS, PageLimits, PageMeter, ViewBuilder, ViewPage } from '../service/filters/view';
import { BundleIndex } from '../service/index/bundleIndex';
import { LogFormat } from '../service/model';
import { ScanFile, ScanPoint, scanFiles } from './diskScan';
import { readRanges } from './readRanges';
import { lastAtOrBefore } from '../service/sorted';

/** A file a view draws on. */
export interface ViewFile {
  /** The URI of the source (a document's, or the file's `file:` URI). */
  uri: string;
  /** Path on disk, for files read from disk. */
  path?: string;
  name: string;
  format: LogFormat;
  compressed: boolean;
}

/** Where a later part of a scanned view starts, and what the scan had seen before it. */
interface PartStart extends ScanPoint {
  /** Ordinal of the last match before the part (-1: none). */
  previousOrdinal: number;
  /** Index of the part's first match among all matches. */
  firstMatch: number;
  /** Where the first entry skipped before the part's first match is (a scan from the start point cannot see it). */
  skippedAt?: { file: number; line: number };
}

export interface ScanProgress {
  matched: number;
  done: boolean;
  /** Entries in the files (when done). */
  entries?: number;
  /** Bytes read and the files' size. */
  read: number;
  size: number;
  error?: string;
}

export interface Plan {
  kind: 'document' | 'rows' | 'scan';
  files: ViewFile[];
  /** Matches known so far and whether that is all of them. */
  matched(): number;
  complete(): boolean;
  /** Parts known so far (at least 1). */
  parts(): number;
  /**
   * The part; undefined when there is no such part. `whole`: never the first part of a scan as far as it
   * has read (an export needs every entry), however long the reading takes.
   */
  page(page: number, whole?: boolean): Promise<ViewPage | undefined>;
  /** Entries of the source (skipped ones included), when known. */
  total(): number | undefined;
  /** Index (among all matches) of the part's first match, when known. */
  firstMatch(page: number): number | undefined;
  /** The part holding the entry that starts on `line` of view file `file`, if it is known. */
  partOf?(file: number, line: number): number | undefined;
  /** Stops background work. */
  dispose(): void;
  /** How far a scan has got (scans only). */
  progress?(): ScanProgress;
}

// ------------------------------------------------------------------------------------------ document

export function documentPlan(analysis: Analysis, plan: DocumentViewPlan, file: ViewFile, limits: PageLimits = DEFAULT_PAGE_LIMITS): Plan {
  return {
    kind: 'document',
    files: [file],
    matched: () => plan.matches.length,
    complete: () => true,
    parts: () => Math.max(1, plan.starts.length),
    total: () => plan.total,
    firstMatch: (page) => (page === 0 ? 0 : plan.starts[page]),
    page: async (page) => (page < Math.max(1, plan.starts.length) ? documentPage(analysis, plan, page, limits) : undefined),
    partOf: (_file, line) => {
      const entries = analysis.log.entries;
      // The last match starting at or before the line, then the part holding it.
      let low = 0;
      let high = plan.matches.length - 1;
      let found = -1;
      while (low <= high) {
        const mid = (low + high) >> 1;
        if (entries[plan.matches[mid]].startLine <= line) {
          found = mid;
          low = mid + 1;
        } else {
          high = mid - 1;
        }
      }
      return found < 0 ? 0 : partHolding(plan.starts, found);
    },
    dispose: () => undefined,
  };
}

function partHolding(starts: readonly number[], match: number): number {
  return Math.max(0, lastAtOrBefore(starts, starts.length, match));
}

// ---------------------------------------------------------------------------------------------- rows

export function rowsPlan(index: BundleIndex, plan: RowViewPlan, files: ViewFile[], viewFile: Map<number, number>, eol: '\n' | '\r\n', limits: PageLimits = DEFAULT_PAGE_LIMITS): Plan {
  return {
    kind: 'rows',
    files,
    matched: () => plan.rows.length,
    complete: () => true,
    parts: () => Math.max(1, plan.starts.length),
    total: () => plan.total,
    firstMatch: (page) => (page === 0 ? 0 : plan.starts[page]),
    page: async (page) => {
      if (page >= Math.max(1, plan.starts.length)) {
        return undefined;
      }
      const ranges = pageRanges(index, plan, page);
      const texts: string[] = new Array(ranges.length);
      // One read (or one decompression) per file for the whole part.
      const byFile = new Map<number, number[]>();
      ranges.forEach((r, k) => {
        const list = byFile.get(r.fileNumber) ?? [];
        list.push(k);
        byFile.set(r.fileNumber, list);
      });
      for (const [fileNumber, ks] of byFile) {
        const file = index.files[fileNumber];
        const buffers = await readRanges(file.path, file.compressed, ks.map((k) => ranges[k]));
        ks.forEach((k, j) => {
          texts[k] = buffers[j].toString('utf8');
        });
      }
      return rowsPage(index, plan, page, texts, eol, (f) => viewFile.get(f) ?? 0, limits);
    },
    partOf: (file, line) => {
      const fileNumber = [...viewFile.entries()].find(([, v]) => v === file)?.[0];
      const row = fileNumber === undefined ? undefined : index.rowAt(index.files[fileNumber].path, line);
      if (row === undefined) {
        return undefined;
      }
      // The last matching row at or before it.
      const found = lastAtOrBefore(plan.rows, plan.rows.length, row);
      return found < 0 ? 0 : partHolding(plan.starts, found);
    },
    dispose: () => undefined,
  };
}

// ---------------------------------------------------------------------------------------------- scan

export interface ScanPlanOptions {
  limits?: PageLimits;
  /** Told when counting has moved on (throttled by the caller) and when it is done. */
  onProgress?: (progress: ScanProgress) => void;
  /**
   * How long the first part may take before what is found so far is shown (the part is then finished
   * as reading goes on, and `onFirstPartFinished` says so).
   */
  provisionalMs?: number;
  onFirstPartFinished?: () => void;
  chunkBytes?: number;
}

/** The first part of a scanned view is shown after this long at most, however rare the matches. */
export const PROVISIONAL_MS = 1000;

export function scanPlan(files: ViewFile[], scan: ScanFile[], clauses: readonly FilterClause[], index: BundleIndex | undefined, eol: '\n' | '\r\n', options: ScanPlanOptions = {}): Plan {
  const limits = options.limits ?? DEFAULT_PAGE_LIMITS;
  const starts: PartStart[] = [{ file: 0, byte: 0, line: 0, ordinal: 0, previousOrdinal: -1, firstMatch: 0 }];
  const progress: ScanProgress = { matched: 0, done: false, read: 0, size: 0 };
  const abort = new AbortController();
  const waiters: (() => void)[] = [];
  const wake = (): void => {
    for (const w of waiters.splice(0)) {
      w();
    }
  };
  let firstPage: ViewPage | undefined;
  let provisionalShown = false;
  const started = Date.now();
  const provisionalMs = options.provisionalMs ?? PROVISIONAL_MS;
  const finishFirst = (page: ViewPage): void => {
    firstPage = page;
    building = false;
    if (provisionalShown) {
      options.onFirstPartFinished?.();
    }
    wake();
  };
  const cache = new Map<number, Promise<ViewPage | undefined>>();

  // The counting scan: builds part 0 as it goes, then only measures, noting where each part starts.
  const builder = new ViewBuilder(eol, limits, -1);
  // Who or what a session names is learned from the entries before (in files the index does not have):
  // a later part read again from its start could not know it, so the counting scan notes which entries
  // match, one bit per entry of the files.
  const decided = clauses.some((c) => c.type === 'user' || c.type === 'device' || c.type === 'app' || c.type === 'ip') ? new MatchBits() : undefined;
  const meter = new PageMeter(limits);
  let building = true;
  let lastOrdinal = -1;
  const counting = scanFiles(scan, clauses, index, (match) => {
    const gap = match.ordinal - lastOrdinal > 1;
    if (!meter.tryAdd(match.chars, match.lines, gap)) {
      if (building) {
        finishFirst(builder.finish({ more: true }));
      }
      starts.push({
        file: match.file, byte: match.byte(), line: match.line, ordinal: match.ordinal, previousOrdinal: lastOrdinal, firstMatch: progress.matched,
        skippedAt: match.skippedAt,
      });
      meter.reset();
      meter.tryAdd(match.chars, match.lines, gap);
      wake();
    }
    if (building) {
      builder.add(match.text(), match.file, match.line, match.ordinal, match.skippedAt);
    }
    lastOrdinal = match.ordinal;
    decided?.add(match.ordinal);
    progress.matched++;
    return true;
  }, {
    signal: abort.signal,
    chunkBytes: options.chunkBytes,
    onProgress: (read, size) => {
      progress.read = read;
      progress.size = size;
      options.onProgress?.(progress);
    },
  }).then((result) => {
    progress.entries = result.entries;
    if (building) {
      finishFirst(builder.finish({ more: false, total: result.entries, skippedAt: result.trailingSkippedAt }));
    }
  }, (error: unknown) => {
    progress.error = error instanceof Error ? error.message : String(error);
    if (building) {
      finishFirst(builder.finish({ more: false }));
    }
  }).finally(() => {
    progress.done = true;
    wake();
    options.onProgress?.(progress);
  });

  /** Waits until part `page`'s start is known or the scan has ended. */
  const startOf = async (page: number): Promise<PartStart | undefined> => {
    while (starts.length <= page && !progress.done) {
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
    return starts[page];
  };

  /** The first part: when full (or the files are read), or what is found so far once `provisionalMs` have passed. */
  const readFirst = async (whole: boolean): Promise<ViewPage> => {
    while (!firstPage) {
      const left = whole ? Number.POSITIVE_INFINITY : provisionalMs - (Date.now() - started);
      if (left <= 0) {
        provisionalShown = true;
        return builder.finish({ more: false, reading: { read: progress.read, size: progress.size } });
      }
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        if (!whole) {
          timer = setTimeout(resolve, left);
        }
      });
      clearTimeout(timer);
    }
    return firstPage;
  };

  const readPart = async (page: number): Promise<ViewPage | undefined> => {
    const start = await startOf(page);
    if (!start) {
      return undefined;
    }
    if (decided) {
      // The counting scan has decided every entry of the part once the next part starts or it is done.
      await startOf(page + 1);
    }
    const partBuilder = new ViewBuilder(eol, limits, start.previousOrdinal);
    const partMeter = new PageMeter(limits);
    let previous = start.previousOrdinal;
    const result = await scanFiles(scan, clauses, index, (match) => {
      if (!partMeter.tryAdd(match.chars, match.lines, match.ordinal - previous > 1)) {
        return false;
      }
      partBuilder.add(match.text(), match.file, match.line, match.ordinal, match.ordinal === start.ordinal ? start.skippedAt : match.skippedAt);
      previous = match.ordinal;
      return true;
    }, { from: start, chunkBytes: options.chunkBytes, matches: decided && ((ordinal) => decided.has(ordinal)) });
    return partBuilder.finish(result.stopped ? { more: true } : { more: false, total: result.entries, skippedAt: result.trailingSkippedAt });
  };

  return {
    kind: 'scan',
    files,
    matched: () => progress.matched,
    complete: () => progress.done,
    parts: () => starts.length,
    total: () => progress.entries,
    firstMatch: (page) => starts[page]?.firstMatch,
    page: (page, whole) => {
      if (page === 0) {
        return readFirst(whole === true);
      }
      let part = cache.get(page);
      if (!part) {
        part = readPart(page);
        cache.set(page, part);
        // Keep a few parts: each is up to a few megabytes.
        if (cache.size > 3) {
          const oldest = [...cache.keys()].find((k) => k !== page);
          if (oldest !== undefined) {
            cache.delete(oldest);
          }
        }
      }
      return part;
    },
    dispose: () => abort.abort(),
    progress: () => progress,
  };
}

/** A set of entry ordinals, one bit each (an entry of a 1 GB log costs an eighth of a byte). */
class MatchBits {
  private bits = new Uint8Array(1024);

  add(ordinal: number): void {
    const at = ordinal >> 3;
    if (at >= this.bits.length) {
      const grown = new Uint8Array(Math.max(at + 1, this.bits.length * 2));
      grown.set(this.bits);
      this.bits = grown;
    }
    this.bits[at] |= 1 << (ordinal & 7);
  }

  has(ordinal: number): boolean {
    const at = ordinal >> 3;
    return at < this.bits.length && (this.bits[at] & (1 << (ordinal & 7))) !== 0;
  }
}
