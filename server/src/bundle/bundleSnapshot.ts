/**
 * The whole bundle's index in one file of the cache folder, written after a sync that changed the
 * bundle. Reopening a workspace starts from it: one read, the strings already merged, where the
 * per-file indexes (indexCache.ts) would each be read and their strings looked up one by one. Every
 * file it holds is still checked on disk (size, modification time, first and last blocks) before it
 * is used; what changed is brought up to date by the ordinary sync (read again, or from where it grew).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FileIndex } from '../service/index/fileIndex';
import { usedPart, UsedStrings } from '../service/index/filePart';
import { SessionTable } from '../service/index/pairBundle';
import { StringTable } from '../service/index/strings';
import { adoptPart } from '../service/index/transfer';
import { FileSignature } from './indexCache';
import { Column, loadColumnsFile, partColumns, partOfColumns, writeColumnsFile } from './columnsFile';

const MAGIC = 'GLTB';
/** Bump when the layout or the meaning of a column changes (with indexCache's VERSION). */
const VERSION = 1;
const NAME = 'bundle.glb';

/** What the snapshot says of a file besides its rows. */
type SnapshotFile = Omit<FileIndex, 'entries' | 'facts'> & { signature: FileSignature };

interface Header {
  version: number;
  strings: string[];
  files: SnapshotFile[];
}

/**
 * Writes the index of `files` (those with a signature) into `dir`, replacing the previous snapshot.
 * Only the strings the files use are kept, renumbered in the order they are met.
 */
export async function saveSnapshot(dir: string, files: readonly FileIndex[], strings: StringTable, sessions?: SessionTable): Promise<void> {
  const kept = files.filter((f): f is FileIndex & { signature: FileSignature } => f.signature !== undefined);
  // Sessions name rows by their place in the whole bundle: kept only when every file is.
  const pairing = kept.length === files.length ? sessions : undefined;
  const used = new UsedStrings(strings);
  const columns = kept.flatMap((file, i) => partColumns(usedPart(file, used), `${i}.`));
  if (pairing) {
    kept.forEach((file, i) => columns.push([`${i}.session`, file.entries.session.subarray(0, file.entries.length)]));
    const n = pairing.length;
    columns.push(
      ['sessions.rule', pairing.rule.subarray(0, n)], ['sessions.key', used.column(pairing.key, n)],
      ['sessions.start', pairing.start.subarray(0, n)], ['sessions.stop', pairing.stop.subarray(0, n)],
      ['sessions.head', pairing.head.subarray(0, n)], ['sessions.tail', pairing.tail.subarray(0, n)],
      ['sessions.count', pairing.count.subarray(0, n)], ['sessions.previous', pairing.previous.subarray(0, n)],
    );
  }
  const header: Header = {
    version: VERSION,
    strings: used.values,
    files: kept.map((f) => ({
      path: f.path, format: f.format, compressed: f.compressed, size: f.size, mtimeMs: f.mtimeMs, bytes: f.bytes, lines: f.lines, signature: f.signature,
    })),
  };
  await fs.mkdir(dir, { recursive: true });
  await writeColumnsFile(path.join(dir, NAME), MAGIC, header, columns);
}

export interface Snapshot {
  /** In bundle order, each with the signature it had when written. */
  files: (FileIndex & { signature: FileSignature })[];
  /** The pairing of exactly these files, in this order (their session columns filled), when kept. */
  sessions?: SessionTable;
}

/**
 * The files of the snapshot in `dir`, their strings adopted by `strings` (which must be empty), each
 * with the signature it had when written: the caller checks them on disk before trusting them (and
 * the sessions with them). Undefined when there is no snapshot or it does not read back whole (then
 * `strings` is untouched).
 */
export async function loadSnapshot(dir: string, strings: StringTable): Promise<Snapshot | undefined> {
  try {
    const read = await loadColumnsFile<Header>(path.join(dir, NAME), MAGIC);
    const header = read?.header;
    if (!read || !header || header.version !== VERSION || !Array.isArray(header.strings) || !Array.isArray(header.files)) {
      return undefined;
    }
    const files: (FileIndex & { signature: FileSignature })[] = [];
    for (let i = 0; i < header.files.length; i++) {
      const meta = header.files[i];
      const part = partOfColumns(read.columns, `${i}.`, [], meta.lines);
      if (!part) {
        return undefined;
      }
      const { entries, facts } = adoptPart(part);
      files.push({ ...meta, entries, facts });
    }
    const sessions = sessionsOf(read.columns, files);
    strings.adopt(header.strings);
    return { files, sessions };
  } catch {
    return undefined;
  }
}

/** The snapshot's pairing, its rows' session ids put into the files' columns; undefined when not kept whole. */
function sessionsOf(columns: ReadonlyMap<string, Column>, files: readonly FileIndex[]): SessionTable | undefined {
  const perFile = files.map((file, i) => columns.get(`${i}.session`));
  const names = ['rule', 'key', 'start', 'stop', 'head', 'tail', 'count', 'previous'] as const;
  const table = names.map((name) => columns.get(`sessions.${name}`));
  const n = table[0]?.length ?? -1;
  if (n < 0 || table.some((c) => c?.length !== n) || perFile.some((c, i) => c?.length !== files[i].entries.length)) {
    return undefined;
  }
  files.forEach((file, i) => file.entries.session.set(perFile[i]!));
  const sessions = new SessionTable();
  sessions.length = n;
  sessions.rule = table[0] as SessionTable['rule'];
  sessions.key = table[1] as SessionTable['key'];
  sessions.start = table[2] as SessionTable['start'];
  sessions.stop = table[3] as SessionTable['stop'];
  sessions.head = table[4] as SessionTable['head'];
  sessions.tail = table[5] as SessionTable['tail'];
  sessions.count = table[6] as SessionTable['count'];
  sessions.previous = table[7] as SessionTable['previous'];
  return sessions;
}
