/**
 * One file on disk to its index: streamed in chunks of whole entries (fileReader), each chunk parsed by
 * the ordinary parser, here or in a worker thread (workerPool), and its rows appended in order.
 */
import { IndexSink } from '../service/index/chunkIndexer';
import { EntryColumns } from '../service/index/columns';
import { FactColumns } from '../service/index/facts';
import { FileIndex, inferFileYears } from '../service/index/fileIndex';
import { StringTable } from '../service/index/strings';
import { LogFormat } from '../service/model';
import { Chunk, ContentChanged, examineFile, ReadIdentity, readChunks, ReadOptions } from './fileReader';
import { giveChunkBuffer } from './chunkBuffers';
import { indexOagBytes } from './oagFastRows';
import { parseChunkBytes } from './parseChunk';

/** Indexes one chunk where it is (the inline path; workers run the same function). */
export function indexChunkBytes(format: LogFormat, chunk: Pick<Chunk, 'bytes' | 'byte'>, sink: IndexSink): void {
  if (format === 'oag') {
    // Most lines take the fast path (the parser's rows, read from the bytes); the rest are parsed.
    indexOagBytes(chunk.bytes, chunk.byte, sink);
    return;
  }
  parseChunkBytes(format, chunk, sink);
}

/** Something that indexes chunks elsewhere (worker threads) and hands back rows to append. */
export interface ChunkIndexer {
  /** Indexes the chunk and appends its rows to `sink`; calls for one file are appended in call order. */
  submit(format: LogFormat, chunk: Chunk, sink: IndexSink): Promise<void>;
}

export interface IndexFileOptions extends ReadOptions {
  /** "Now" for year inference (default: the current time). */
  now?: Date;
  /** Worker threads to parse chunks on; inline when absent. */
  indexer?: ChunkIndexer;
  /** Chunks being indexed at once per file (bounds memory). */
  inFlight?: number;
  /**
   * The file's previous index, when the file only grew: its last entry (perhaps incomplete then) is
   * read again and everything after it; the rest is kept.
   */
  resume?: FileIndex;
}

export type IndexFileResult = { ok: true; file: FileIndex; warning?: string } | { ok: false; reason: string };

/** Reads of a file that keeps being truncated or rewritten while it is read, before it is left out. */
const READS_OF_A_CHANGING_FILE = 3;

/**
 * Reads and indexes the file; a file that is not one of our logs (or not readable) is refused with a
 * reason. A file truncated or rewritten while it is read (copytruncate) is read again from its start:
 * an index never mixes two contents of a file. The index's size, time and signature are those of the
 * content read, taken from the open file (a log renamed away meanwhile is still the one described).
 */
export async function indexFile(path: string, strings: StringTable, options: IndexFileOptions = {}): Promise<IndexFileResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await indexOnce(path, strings, attempt === 1 ? options : { ...options, resume: undefined });
    } catch (error) {
      if (!(error instanceof ContentChanged)) {
        throw error;
      }
      if (attempt === READS_OF_A_CHANGING_FILE) {
        return { ok: false, reason: `it was truncated or rewritten each of the ${READS_OF_A_CHANGING_FILE} times it was read; it is read again when it changes next` };
      }
    }
  }
}

async function indexOnce(path: string, strings: StringTable, options: IndexFileOptions): Promise<IndexFileResult> {
  const verdict = await examineFile(path);
  if (!verdict.ok) {
    return verdict;
  }
  const sink: IndexSink = { entries: new EntryColumns(), facts: new FactColumns(), strings, lines: 0 };
  let from: { byte: number; line: number } | undefined;
  const resume = options.resume;
  if (resume && resume.entries.length > 1 && !verdict.compressed && resume.format === verdict.format) {
    const keep = resume.entries.length - 1;
    from = { byte: resume.entries.offset[keep], line: resume.entries.line[keep] };
    // Copies: the bundle keeps answering from the previous index until this one replaces it.
    sink.entries = resume.entries.clone();
    sink.entries.truncate(keep);
    let facts = resume.facts.length;
    while (facts > 0 && resume.facts.entry[facts - 1] >= keep) {
      facts--;
    }
    sink.facts = resume.facts.clone(facts);
    sink.lines = from.line;
  }
  const pendingWork: Promise<void>[] = [];
  const limit = Math.max(1, options.inFlight ?? 3);
  let bytes = 0;
  let warning: string | undefined;
  const identity: ReadIdentity = {};
  try {
    bytes = await readChunks(path, verdict.format, verdict.compressed, async (chunk) => {
      // Counted here too: a cut-short .gz ends in an error, with no size returned, after its last chunk.
      bytes = chunk.byte + chunk.bytes.length;
      if (!options.indexer) {
        indexChunkBytes(verdict.format, chunk, sink);
        // The rows hold copies of what they need: the chunk's memory can take another chunk.
        if (chunk.owned && chunk.bytes.byteOffset === 0) {
          giveChunkBuffer(chunk.bytes.buffer);
        }
        return;
      }
      pendingWork.push(options.indexer.submit(verdict.format, chunk, sink));
      if (pendingWork.length >= limit) {
        await pendingWork.shift();
      }
    }, { ...options, from, verify: from ? resume?.signature : undefined, identity });
  } catch (error) {
    await Promise.allSettled(pendingWork);
    const code = (error as NodeJS.ErrnoException).code;
    if (verdict.compressed && (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR' || code === 'ERR_STREAM_PREMATURE_CLOSE')) {
      // A truncated .gz: keep what could be read.
      warning = code === 'Z_DATA_ERROR'
        ? 'its gzip data is damaged or followed by bytes that are not gzip; the entries before the damage are indexed'
        : 'its gzip data is cut short; the entries before the damage are indexed';
    } else {
      throw error;
    }
  }
  await Promise.all(pendingWork);
  inferFileYears(sink.entries, options.now ?? new Date());
  sink.entries.compact();
  sink.facts.compact();
  const file: FileIndex = {
    path, format: verdict.format, compressed: verdict.compressed, size: identity.size ?? verdict.size, mtimeMs: identity.mtimeMs ?? verdict.mtimeMs,
    bytes, lines: sink.lines, entries: sink.entries, facts: sink.facts, signature: identity.signature,
  };
  return { ok: true, file, warning };
}
