/**
 * Builds and keeps up to date the index of a bundle: which files, read in what order, with progress
 * (file names, MB/s), cancellation, and a reason for every file left out. Shared by the language
 * server and the command-line tool.
 */
import { Stats } from 'node:fs';
import { BundleIndex } from '../service/index/bundleIndex';
import { SessionTable } from '../service/index/pairBundle';
import { contentKey, FileIndex, sameContent } from '../service/index/fileIndex';
import { ReadCancelled } from './fileReader';
import { adoptCachedIndex, FileSignature, pruneIndexes, readCachedIndex, sameSignature, saveIndex } from './indexCache';
import { inParallel, probe, PROBES_AT_ONCE } from './fileProbe';
import { ChunkIndexer, indexFile } from './indexFile';
import { loadSnapshot, saveSnapshot } from './bundleSnapshot';
import { releaseChunkBuffers } from './chunkBuffers';
import { removeStaleWrites } from './columnsFile';

export interface BuildProgress {
  /** The file being read, its number (1-based) and how many there are. */
  file: string;
  fileNumber: number;
  fileCount: number;
  /** Bytes on disk read so far, over all files, and their total size. */
  read: number;
  size: number;
  /** Decompressed megabytes indexed per second so far. */
  mbPerSecond: number;
}

export interface BuildOptions {
  signal?: AbortSignal;
  onProgress?: (progress: BuildProgress) => void;
  /** A file that could not be indexed (or only partly): its path and why. */
  onSkip?: (path: string, reason: string) => void;
  now?: Date;
  /** Chunk size to read files in (tests use small ones). */
  chunkBytes?: number;
}

export interface BuildResult {
  indexed: string[];
  skipped: { path: string; reason: string }[];
  cancelled: boolean;
  /** Decompressed bytes indexed and the time it took. */
  bytes: number;
  milliseconds: number;
}

/** How sync brought each file up to date. */
export type SyncHow = 'unchanged' | 'grown' | 'renamed' | 'cached' | 'snapshot' | 'read';

/** Cached indexes read ahead of the one being taken in (each whole in memory until then). */
const CACHE_READS_AHEAD = 3;

/** Bytes read into the bundle since its snapshot was written after which a sync writes it again. */
const SNAPSHOT_AFTER_BYTES = 64 * 1024 * 1024;

export class BundleBuilder {
  /** Files taken from the bundle snapshot and not yet checked on disk. */
  private readonly unverified = new Set<FileIndex>();
  /** The snapshot's pairing, used if every file of it is found unchanged and no other is added. */
  private snapshotSessions?: SessionTable;
  private snapshotTried = false;
  /** Whether the bundle changed since its snapshot was written (or read), and by how many bytes read. */
  private sinceSnapshot = { changed: false, bytes: 0 };

  /** `cacheDir`: where indexes are kept between sessions (none: not kept). */
  constructor(readonly index: BundleIndex, private readonly indexer?: ChunkIndexer, private readonly cacheDir?: string) {}

  /**
   * Writes the whole bundle's index into the cache folder (bundleSnapshot.ts) when it changed since the
   * last one by more than files growing a little; a no-op without a cache folder. The host calls it after
   * a sync, once its answers are out: it writes as much as the index holds.
   */
  async saveSnapshot(): Promise<boolean> {
    const { changed, bytes } = this.sinceSnapshot;
    if (!this.cacheDir || (!changed && bytes < SNAPSHOT_AFTER_BYTES)) {
      return false;
    }
    this.sinceSnapshot = { changed: false, bytes: 0 };
    await saveSnapshot(this.cacheDir, this.index.files, this.index.strings, this.index.sessions);
    return true;
  }

  /** The first sync into an empty bundle starts from the snapshot, if there is one. */
  private async startFromSnapshot(): Promise<void> {
    if (this.snapshotTried || !this.cacheDir || this.index.files.length > 0 || this.index.strings.size > 0) {
      return;
    }
    this.snapshotTried = true;
    await removeStaleWrites(this.cacheDir);
    const snapshot = await loadSnapshot(this.cacheDir, this.index.strings);
    for (const file of snapshot?.files ?? []) {
      this.index.setFile(file);
      this.unverified.add(file);
    }
    const sameOrder = snapshot?.files.every((file, i) => this.index.files[i] === file);
    this.snapshotSessions = sameOrder ? snapshot?.sessions : undefined;
  }

  /**
   * Makes the bundle exactly these files, doing as little as possible: an unchanged file is kept; a
   * file that only grew is read from its last entry on; a file whose content the bundle or the cache
   * already knows (a rotated, renamed file) is taken from there; anything else is read whole. Files
   * no longer listed leave the bundle.
   */
  async sync(paths: readonly string[], options: BuildOptions = {}): Promise<BuildResult & { how: Map<string, SyncHow> }> {
    await this.startFromSnapshot();
    const how = new Map<string, SyncHow>();
    const wanted = new Set(paths);
    const known = new Map(this.index.files.map((f) => [f.path, f]));
    const toRead: { path: string; size: number; resume?: FileIndex }[] = [];
    const adopted: FileIndex[] = [];
    // Every file is looked at on disk first, a few at a time; then the cached indexes are read a few
    // files ahead of their turn, so the disk works while the one before is taken in.
    const probes = await inParallel(paths, PROBES_AT_ONCE, (path) => {
      const existing = known.get(path);
      return probe(path, existing, existing !== undefined && this.unverified.has(existing));
    });
    const fromCache: { path: string; stat: Stats; signature: FileSignature }[] = [];
    paths.forEach((path, i) => {
      const { stat, signature, grown, unchanged } = probes[i];
      const existing = known.get(path);
      if (unchanged) {
        how.set(path, this.unverified.has(existing!) ? 'snapshot' : 'unchanged');
        return;
      }
      if (!stat) {
        toRead.push({ path, size: 0 }); // indexFile reports why it cannot be read
        return;
      }
      if (!stat.isFile()) {
        toRead.push({ path, size: 0 });
        return;
      }
      if (grown) {
        toRead.push({ path, size: stat.size - existing!.size, resume: existing });
        how.set(path, 'grown');
        return;
      }
      const renamed = signature && [...known.values()].find((f) => f.path !== path && f.signature && sameSignature(f.signature, signature));
      if (renamed) {
        adopted.push({ ...renamed, path, mtimeMs: stat.mtimeMs });
        how.set(path, 'renamed');
        return;
      }
      if (signature && this.cacheDir) {
        fromCache.push({ path, stat, signature });
        return;
      }
      toRead.push({ path, size: stat.size });
      how.set(path, 'read');
    });
    const cacheDir = this.cacheDir;
    const reads: Promise<Buffer | undefined>[] = [];
    for (let i = 0; i < fromCache.length; i++) {
      while (cacheDir && reads.length < Math.min(fromCache.length, i + 1 + CACHE_READS_AHEAD)) {
        reads.push(readCachedIndex(cacheDir, fromCache[reads.length].signature));
      }
      const { path, stat, signature } = fromCache[i];
      const data = await reads[i];
      reads[i] = Promise.resolve(undefined); // its bytes are not kept once taken in
      const cached = data && adoptCachedIndex(data, path, signature, this.index.strings);
      if (cached) {
        adopted.push({ ...cached, mtimeMs: stat.mtimeMs, signature });
        how.set(path, 'cached');
      } else {
        toRead.push({ path, size: stat.size });
        how.set(path, 'read');
      }
    }
    for (const file of this.index.files) {
      // A file of the snapshot that changed on disk is not kept while it is read again (it may fail).
      const stale = this.unverified.has(file) && how.get(file.path) !== 'snapshot' && how.get(file.path) !== 'grown';
      if (!wanted.has(file.path) || stale) {
        this.index.removeFile(file.path);
      }
    }
    // The snapshot's pairing holds if the bundle ends this sync with the very files of the snapshot,
    // all unchanged (a copy of one of them, found and left out below, changes nothing).
    const snapshotSessions = this.snapshotSessions;
    const snapshotFiles = snapshotSessions && this.unverified.size === this.index.files.length ? [...this.index.files] : undefined;
    this.snapshotSessions = undefined;
    this.unverified.clear();
    for (const file of adopted) {
      this.index.setFile(file);
    }
    const result = await this.read(toRead, options);
    const copies = this.dropCopies(paths, result, options);
    const files = this.index.files;
    if (snapshotFiles && files.length === snapshotFiles.length && files.every((f, i) => f === snapshotFiles[i] && how.get(f.path) === 'snapshot')) {
      this.index.adoptSessions(snapshotSessions!);
    }
    if (this.cacheDir && !result.cancelled) {
      // A copy's index is kept too: the next sync takes it from there to find it is a copy again.
      await pruneIndexes(this.cacheDir, [...this.index.files, ...copies].flatMap((f) => (f.signature ? [f.signature] : [])));
    }
    // A file left out (unreadable, or a copy of another, found again from its cached index) is not in
    // the bundle: it changes nothing, and it must not make the snapshot be written again on every sync.
    for (const path of result.skipped.map((s) => s.path)) {
      if (!this.index.file(path)) {
        how.delete(path);
      }
    }
    const left = known.size > 0 && [...known.keys()].some((path) => !this.index.file(path));
    this.sinceSnapshot.changed ||= left || [...how.values()].some((h) => h === 'read' || h === 'cached' || h === 'renamed');
    this.sinceSnapshot.bytes += result.bytes;
    return { ...result, how };
  }

  /** Indexes (or re-indexes) these files, one after the other, into the bundle. */
  async indexFiles(paths: readonly string[], sizes: readonly number[], options: BuildOptions = {}): Promise<BuildResult> {
    const result = await this.read(paths.map((path, i) => ({ path, size: sizes[i] ?? 0 })), options);
    this.dropCopies(paths, result, options);
    return result;
  }

  /**
   * Leaves out of the bundle every file that holds the same log as one before it in `paths` (a copy, a
   * hard link, a gzipped copy, a link given beside its target): read twice, each session would be there
   * twice, and each STOP of the copy would find its START taken and stand alone. Named with the file it
   * copies; returns the files left out.
   */
  private dropCopies(paths: readonly string[], result: BuildResult, options: BuildOptions): FileIndex[] {
    const order = new Map(paths.map((path, i) => [path, i]));
    const files = [...this.index.files].sort((a, b) => (order.get(a.path) ?? paths.length) - (order.get(b.path) ?? paths.length));
    // Only files of the same content key (sizes and a hash of the rows) are compared row by row; the
    // rows are hashed only when another file has the same sizes (seldom, outside copies).
    const shape = (file: FileIndex): string => `${file.format}:${file.bytes}:${file.lines}:${file.entries.length}`;
    const shapes = new Map<string, number>();
    for (const file of files) {
      shapes.set(shape(file), (shapes.get(shape(file)) ?? 0) + 1);
    }
    const kept = new Map<string, FileIndex[]>();
    const copies: FileIndex[] = [];
    for (const file of files) {
      if (shapes.get(shape(file))! < 2) {
        continue;
      }
      const key = contentKey(file);
      const same = kept.get(key);
      const original = same?.find((k) => sameContent(k, file));
      if (!original) {
        if (same) {
          same.push(file);
        } else {
          kept.set(key, [file]);
        }
        continue;
      }
      copies.push(file);
      this.index.removeFile(file.path);
      result.indexed = result.indexed.filter((p) => p !== file.path);
      const reason = `it holds the same content as ${original.path} (a copy or a link), which is read instead`;
      result.skipped.push({ path: file.path, reason });
      options.onSkip?.(file.path, reason);
    }
    return copies;
  }

  /**
   * A file read because it changed, and that could not be read: its previous index describes content
   * it no longer holds (a live log emptied by copytruncate, or by rotation), and leaves the bundle.
   */
  private forget(path: string): void {
    if (this.index.file(path)) {
      this.index.removeFile(path);
    }
  }

  private async read(files: readonly { path: string; size: number; resume?: FileIndex }[], options: BuildOptions): Promise<BuildResult> {
    const started = Date.now();
    const result: BuildResult = { indexed: [], skipped: [], cancelled: false, bytes: 0, milliseconds: 0 };
    const total = files.reduce((a, f) => a + f.size, 0);
    let readBefore = 0;
    for (let i = 0; i < files.length; i++) {
      const { path, resume } = files[i];
      if (options.signal?.aborted) {
        result.cancelled = true;
        break;
      }
      const report = (read: number, produced: number): void => options.onProgress?.({
        file: path, fileNumber: i + 1, fileCount: files.length, read: readBefore + read, size: total,
        mbPerSecond: (result.bytes + produced) / 1048576 / Math.max(0.001, (Date.now() - started) / 1000),
      });
      report(0, 0);
      try {
        const outcome = await indexFile(path, this.index.strings, {
          signal: options.signal, indexer: this.indexer, now: options.now, chunkBytes: options.chunkBytes, resume,
          onProgress: (p) => report(p.read, p.produced),
        });
        if (!outcome.ok) {
          this.forget(path);
          result.skipped.push({ path, reason: outcome.reason });
          options.onSkip?.(path, outcome.reason);
        } else {
          this.index.setFile(outcome.file);
          result.indexed.push(path);
          result.bytes += outcome.file.bytes - (resume?.bytes ?? 0);
          if (this.cacheDir && outcome.file.signature && !outcome.warning) {
            await saveIndex(this.cacheDir, outcome.file, outcome.file.signature, this.index.strings).catch((error) => {
              options.onSkip?.(path, `indexed, but its index could not be kept for next time (${(error as Error).message})`);
            });
          }
          if (outcome.warning) {
            result.skipped.push({ path, reason: outcome.warning });
            options.onSkip?.(path, outcome.warning);
          }
        }
      } catch (error) {
        if (error instanceof ReadCancelled) {
          result.cancelled = true;
          break;
        }
        this.forget(path);
        const reason = error instanceof Error ? error.message : String(error);
        result.skipped.push({ path, reason });
        options.onSkip?.(path, reason);
      }
      readBefore += files[i].size;
    }
    result.milliseconds = Date.now() - started;
    // Every chunk is back (each file's work is awaited): the buffers kept for the next chunk can go.
    releaseChunkBuffers();
    return result;
  }
}
