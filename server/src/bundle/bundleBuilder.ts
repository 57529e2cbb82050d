/**
 * Builds and keeps up to date the index of a bundle: which files, read in what order, with progress
 * (file names, MB/s), cancellation, and a reason for every file left out. Shared by the language
 * server and the command-line tool.
 */
import { BundleIndex } from '../service/index/bundleIndex';
import { ReadCancelled } from './fileReader';
import { ChunkIndexer, indexFile } from './indexFile';

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

export class BundleBuilder {
  constructor(readonly index: BundleIndex, private readonly indexer?: ChunkIndexer) {}

  /** Indexes (or re-indexes) these files, one after the other, into the bundle. */
  async indexFiles(paths: readonly string[], sizes: readonly number[], options: BuildOptions = {}): Promise<BuildResult> {
    const started = Date.now();
    const result: BuildResult = { indexed: [], skipped: [], cancelled: false, bytes: 0, milliseconds: 0 };
    const total = sizes.reduce((a, b) => a + b, 0);
    let readBefore = 0;
    for (let i = 0; i < paths.length; i++) {
      const path = paths[i];
      if (options.signal?.aborted) {
        result.cancelled = true;
        break;
      }
      const report = (read: number, produced: number): void => options.onProgress?.({
        file: path, fileNumber: i + 1, fileCount: paths.length, read: readBefore + read, size: total,
        mbPerSecond: (result.bytes + produced) / 1048576 / Math.max(0.001, (Date.now() - started) / 1000),
      });
      report(0, 0);
      try {
        const outcome = await indexFile(path, this.index.strings, {
          signal: options.signal, indexer: this.indexer, now: options.now, chunkBytes: options.chunkBytes,
          onProgress: (p) => report(p.read, p.produced),
        });
        if (!outcome.ok) {
          result.skipped.push({ path, reason: outcome.reason });
          options.onSkip?.(path, outcome.reason);
        } else {
          this.index.setFile(outcome.file);
          result.indexed.push(path);
          result.bytes += outcome.file.bytes;
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
        const reason = error instanceof Error ? error.message : String(error);
        result.skipped.push({ path, reason });
        options.onSkip?.(path, reason);
      }
      readBefore += sizes[i] ?? 0;
    }
    result.milliseconds = Date.now() - started;
    return result;
  }
}
