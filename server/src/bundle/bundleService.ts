/**
 * The bundle as the language server keeps it: which files (workspace folders matched by the include
 * patterns, plus files the user added), indexed in the background with progress and cancellation,
 * re-synced when files change, and the answers the server's features need (locations of entries in
 * other files, the text of windows into files the editor cannot open).
 */
import * as path from 'node:path';
import { BundleIndex } from '../service/index/bundleIndex';
import { needsWindow, parseWindowUri, windowRows, windowUri } from '../service/index/windows';
import { fileNumberOfUri, fileUriOfPath } from '../fileUris';
import { BuildProgress, BundleBuilder } from './bundleBuilder';
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, discoverFiles } from './discover';
import { ReadCancelled } from './fileReader';
import { readRange } from './readRange';
import { WorkerPool } from './workerPool';

export interface ProgressReporter {
  report(message: string, percentage?: number): void;
  /** True once the user cancelled. */
  readonly cancelled: boolean;
  done(): void;
}

export interface BundleHost {
  log(message: string): void;
  /** A progress indicator the user can cancel (window/workDoneProgress). */
  beginProgress(title: string): Promise<ProgressReporter>;
  /** The index changed: features that read it should be asked again. */
  changed(): void;
}

export interface BundleSettings {
  enabled: boolean;
  include: string[];
  exclude: string[];
}

export const DEFAULT_BUNDLE_SETTINGS: BundleSettings = { enabled: true, include: [...DEFAULT_INCLUDE], exclude: [...DEFAULT_EXCLUDE] };

export interface BundleStatus {
  files: { path: string; format: string; compressed: boolean; bytes: number; entries: number }[];
  skipped: { path: string; reason: string }[];
  sessions: number;
  entries: number;
  indexing: boolean;
}

/** Where an entry is, for the editor: its URI (a window for files the editor cannot open) and line there. */
export interface EntryLocation {
  uri: string;
  line: number;
  path: string;
  fileLine: number;
}

const RESYNC_DELAY_MS = 1000;

export class BundleService {
  readonly index = new BundleIndex();
  private readonly builder: BundleBuilder;
  /**
   * Whether log files are being read (what the editor shows as "Indexing…"): not while the snapshot is
   * written after a sync, which the answers, and the notice of the change, do not wait for.
   */
  private reading = false;
  private readonly pool?: WorkerPool;
  private roots: string[] = [];
  private extraPaths: string[] = [];
  private settings: BundleSettings = DEFAULT_BUNDLE_SETTINGS;
  private skipped: { path: string; reason: string }[] = [];
  private running?: Promise<void>;
  private again = false;
  private timer?: NodeJS.Timeout;
  /** When the scheduled sync runs (Date.now() time). */
  private due = 0;
  private reporter?: ProgressReporter;
  private abort?: AbortController;

  constructor(private readonly host: BundleHost, options: { workerScript?: string; workers?: number; cacheDir?: string } = {}) {
    if (options.workerScript && (options.workers ?? 1) > 0) {
      this.pool = new WorkerPool(options.workerScript, options.workers ?? 1);
    }
    this.builder = new BundleBuilder(this.index, this.pool, options.cacheDir);
  }

  /** Folders to search and files the user added; re-syncs when anything changed. */
  configure(roots: readonly string[], extraPaths: readonly string[], settings: BundleSettings): void {
    this.roots = [...roots];
    this.extraPaths = [...extraPaths];
    this.settings = settings;
    this.scheduleSync(0);
  }

  addPaths(paths: readonly string[]): void {
    this.extraPaths = [...new Set([...this.extraPaths, ...paths.map((p) => path.resolve(p))])];
    this.scheduleSync(0);
  }

  get addedPaths(): readonly string[] {
    return this.extraPaths;
  }

  /**
   * Files changed on disk (watcher events): sync again shortly, once for a burst of changes. A sync
   * already scheduled is not put off: a log written without pause sends events without pause, and
   * would otherwise never be synced while it is written.
   */
  filesChanged(): void {
    if (this.timer && this.due <= Date.now() + RESYNC_DELAY_MS) {
      return;
    }
    this.scheduleSync(RESYNC_DELAY_MS);
  }

  /** Stops indexing in progress. */
  cancel(): void {
    this.abort?.abort();
  }

  /** Resolves when no sync is running or scheduled. */
  async idle(): Promise<void> {
    while (this.running || this.timer) {
      await (this.running ?? new Promise((resolve) => setTimeout(resolve, 50)));
    }
  }

  private scheduleSync(delay: number): void {
    clearTimeout(this.timer);
    this.due = Date.now() + delay;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.running) {
        this.again = true;
        return;
      }
      this.running = this.sync().finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.scheduleSync(0);
        }
      });
    }, delay);
  }

  private async sync(): Promise<void> {
    this.reading = true;
    try {
      await this.discoverAndRead();
    } finally {
      this.reading = false;
    }
  }

  /** Finds the bundle's files and brings the index up to date with them (see sync). */
  private async discoverAndRead(): Promise<void> {
    const sources = this.settings.enabled ? [...this.roots, ...this.extraPaths] : [...this.extraPaths];
    const discovery = await discoverFiles(this.settings.enabled ? this.roots : [], { include: this.settings.include, exclude: this.settings.exclude });
    const extra = await discoverFiles(this.extraPaths, { include: ['**/*'], exclude: this.settings.exclude });
    const files = [...new Set([...discovery.files, ...extra.files])];
    this.skipped = [...discovery.skipped, ...extra.skipped];
    if (sources.length === 0 && this.index.files.length === 0) {
      return;
    }
    this.abort = new AbortController();
    let lastReport = 0;
    let reporter: ProgressReporter | undefined;
    const started = Date.now();
    const before = this.index.files.map((f) => f.path);
    try {
      const result = await this.builder.sync(files, {
        signal: this.abort.signal,
        onSkip: (file, reason) => this.host.log(`Bundle: ${file}: ${reason}.`),
        onProgress: (p: BuildProgress) => {
          // Only a sync that takes a while shows progress (a watcher's small resync does not flash).
          if (!reporter && Date.now() - started > 500 && !this.reporter) {
            void this.host.beginProgress('Indexing gateway logs').then((r) => {
              reporter = r;
              this.reporter = r;
            });
          }
          if (reporter?.cancelled) {
            this.abort?.abort();
          }
          if (reporter && Date.now() - lastReport > 250) {
            lastReport = Date.now();
            reporter.report(`${path.basename(p.file)} (${p.fileNumber}/${p.fileCount}) · ${p.mbPerSecond.toFixed(0)} MB/s`, p.size > 0 ? Math.min(100, (100 * p.read) / p.size) : undefined);
          }
        },
      });
      this.reading = false;
      this.skipped.push(...result.skipped);
      // A file that left the bundle (deleted, or no longer matched) changes it as much as a new one.
      const left = before.some((file) => !this.index.file(file));
      const changed = left || [...result.how.values()].some((how) => how !== 'unchanged') || result.indexed.length > 0;
      if (result.cancelled) {
        this.host.log('Bundle: indexing was cancelled; files read so far are used.');
      }
      if (changed) {
        this.host.log(`Bundle: ${this.index.files.length} files, ${this.index.entryCount} entries, ${this.index.sessions.length} sessions (${((Date.now() - started) / 1000).toFixed(1)} s).`);
        this.host.changed();
      }
      if (!result.cancelled) {
        // After the answers are out: the next sync waits for it (it reads the columns being written).
        await this.builder.saveSnapshot().catch((error) => {
          this.host.log(`Bundle: the index could not be kept for next time (${error instanceof Error ? error.message : String(error)}).`);
        });
      }
    } catch (error) {
      if (!(error instanceof ReadCancelled)) {
        this.host.log(`Bundle: indexing failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      }
    } finally {
      reporter?.done();
      if (this.reporter === reporter) {
        this.reporter = undefined;
      }
      this.abort = undefined;
    }
  }

  status(): BundleStatus {
    return {
      files: this.index.files.map((f) => ({ path: f.path, format: f.format, compressed: f.compressed, bytes: f.bytes, entries: f.entries.length })),
      skipped: this.skipped.slice(0, 200),
      sessions: this.index.sessions.length,
      entries: this.index.entryCount,
      indexing: this.reading,
    };
  }

  /** The bundle file a document shows, and the file line of the document's first line. */
  documentContext(uri: string): { path: string; lineOffset: number } | undefined {
    const window = parseWindowUri(uri);
    if (window) {
      const file = this.fileOfUri(window.fileUri);
      if (!file) {
        return undefined;
      }
      const { first } = windowRows(file, window.line);
      return { path: file.path, lineOffset: file.entries.length > 0 ? file.entries.line[first] : 0 };
    }
    const file = this.fileOfUri(uri);
    return file ? { path: file.path, lineOffset: 0 } : undefined;
  }

  private fileOfUri(uri: string): ReturnType<BundleIndex['file']> {
    const n = fileNumberOfUri(this.index.files, uri);
    return n >= 0 ? this.index.files[n] : undefined;
  }

  /** Where a global row of the index can be shown. */
  location(row: number): EntryLocation {
    const ref = this.index.entryRef(row);
    const file = this.index.file(ref.path)!;
    const fileUri = fileUriOfPath(ref.path);
    if (!needsWindow(file)) {
      return { uri: fileUri, line: ref.line, path: ref.path, fileLine: ref.line };
    }
    const { first } = windowRows(file, ref.line);
    return { uri: windowUri(fileUri, file.format, ref.line), line: ref.line - file.entries.line[first], path: ref.path, fileLine: ref.line };
  }

  /** The text of a window URI (read from disk), or undefined when it names no indexed file. */
  async windowText(uri: string): Promise<string | undefined> {
    const window = parseWindowUri(uri);
    const file = window && this.fileOfUri(window.fileUri);
    if (!window || !file) {
      return undefined;
    }
    const { first, end } = windowRows(file, window.line);
    const offsets = file.entries.offset;
    const from = file.entries.length > 0 ? offsets[first] : 0;
    const to = end < file.entries.length ? offsets[end] : file.bytes;
    const bytes = await readRange(file.path, file.compressed, from, Math.min(to, from + 4 * 1024 * 1024 + 64 * 1024));
    return bytes.toString('utf8');
  }

  async dispose(): Promise<void> {
    clearTimeout(this.timer);
    this.abort?.abort();
    await this.pool?.close();
  }
}
