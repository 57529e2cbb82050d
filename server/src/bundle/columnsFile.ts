/**
 * The layout of the index files kept between sessions: a 4-byte magic, the length of a JSON header,
 * the header, then typed-array columns, each padded to 8 bytes so they can be read back as views of
 * the file's bytes without copying. The header lists the columns (name, type, length).
 */
import { isAscii } from 'node:buffer';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FACT_NUMBERS, FACT_STRINGS } from '../service/index/facts';
import { RowsPart } from '../service/index/transfer';
import { readFully } from './readRange';

export type Column = Float64Array | Int32Array | Int16Array | Int8Array | Uint8Array;

interface ColumnHeader {
  arrays: { name: string; type: string; length: number }[];
}

const TYPES: Record<string, new (buffer: ArrayBuffer, offset: number, length: number) => Column> = {
  Float64Array, Int32Array, Int16Array, Int8Array, Uint8Array,
};

const pad = (n: number): number => (8 - (n % 8)) % 8;

/** Writes `header` (with the list of columns added) and the columns to `target`, through a temporary file. */
export async function writeColumnsFile(target: string, magic: string, header: object, columns: readonly [string, Column][]): Promise<void> {
  const full = { ...header, arrays: columns.map(([name, a]) => ({ name, type: a.constructor.name, length: a.length })) };
  const json = Buffer.from(JSON.stringify(full));
  const prefix = Buffer.alloc(8);
  prefix.write(magic, 0, 'latin1');
  prefix.writeUInt32LE(json.length, 4);
  const pieces: Uint8Array[] = [prefix, json, Buffer.alloc(pad(8 + json.length))];
  for (const [, a] of columns) {
    pieces.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), Buffer.alloc(pad(a.byteLength)));
  }
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    const handle = await fs.open(temporary, 'w');
    try {
      // In slices: writev takes at most IOV_MAX (1024 on Linux) pieces per call.
      for (let i = 0; i < pieces.length; i += 512) {
        await handle.writev(pieces.slice(i, i + 512));
      }
    } finally {
      await handle.close();
    }
    await renameOver(temporary, target);
  } catch (error) {
    // A disk that filled up must not keep half a file of a hundred megabytes.
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

export interface RenameOptions {
  platform?: NodeJS.Platform;
  rename?: (from: string, to: string) => Promise<void>;
  wait?: (ms: number) => Promise<void>;
}

/** Errors Windows gives a rename over a file another program has open for a moment. */
const BUSY = new Set(['EPERM', 'EACCES', 'EBUSY']);

/**
 * Moves `from` over `to`. On Windows a virus scanner or search indexer (or another window's server
 * reading the same index) holds a file just written, and replacing it fails until it lets go: tried
 * again for about two and a half seconds (as VS Code and graceful-fs do) before the error counts.
 */
export async function renameOver(from: string, to: string, options: RenameOptions = {}): Promise<void> {
  const { platform = process.platform, rename = fs.rename, wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) } = options;
  for (let delay = 10; ; delay *= 2) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      if (platform !== 'win32' || !BUSY.has((error as NodeJS.ErrnoException).code ?? '') || delay > 1280) {
        throw error;
      }
      await wait(delay);
    }
  }
}

/** Removes what writers that did not finish (a process ended while writing) left in `dir` over an hour ago. */
export async function removeStaleWrites(dir: string): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const hourAgo = Date.now() - 3600_000;
  for (const name of names.filter((n) => n.endsWith('.tmp'))) {
    const file = path.join(dir, name);
    const stat = await fs.stat(file).catch(() => undefined);
    if (stat?.isFile() && stat.mtimeMs < hourAgo) {
      await fs.rm(file, { force: true });
    }
  }
}

/**
 * The header and columns of a file written by writeColumnsFile; undefined when it is not one (another
 * magic, a column that does not fit). Columns are views of `data` where it is aligned, else of a copy.
 */
export function readColumnsFile<H>(data: Buffer, magic: string): { header: H; columns: Map<string, Column> } | undefined {
  const length = headerLength(data, magic);
  if (length === undefined || data.length < 8 + length) {
    return undefined;
  }
  const header = parseHeader<H>(data, length);
  const columns = columnsOf(data, header, length);
  return columns && { header, columns };
}

/**
 * The same from the file itself, read in a few parts at once while the header is parsed: on a large
 * file, the time to bring its bytes into fresh memory is as long as the parse (undefined when the
 * file is missing or is not one).
 */
export async function loadColumnsFile<H>(file: string, magic: string): Promise<{ header: H; columns: Map<string, Column> } | undefined> {
  let handle;
  try {
    handle = await fs.open(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const { size } = await handle.stat();
    const data = Buffer.allocUnsafe(size);
    const read = async (from: number, to: number): Promise<void> => {
      if (await readFully(handle, data, from, to - from, from) < to - from) {
        throw new Error('the file ended early');
      }
    };
    await read(0, Math.min(size, 8));
    const length = headerLength(data, magic);
    if (length === undefined || size < 8 + length) {
      return undefined;
    }
    await read(8, 8 + length);
    const bodyStart = 8 + length;
    const parts = 4;
    const step = Math.ceil((size - bodyStart) / parts);
    const body = Promise.all(Array.from({ length: parts }, (_, i) => read(Math.min(size, bodyStart + i * step), Math.min(size, bodyStart + (i + 1) * step))));
    // A failed part must not be left unhandled while the header is parsed.
    body.catch(() => undefined);
    let header: H & ColumnHeader;
    try {
      header = parseHeader<H>(data, length);
    } finally {
      await body;
    }
    const columns = columnsOf(data, header, length);
    return columns && { header, columns };
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

function headerLength(data: Buffer, magic: string): number | undefined {
  return data.length >= 8 && data.toString('latin1', 0, 4) === magic ? data.readUInt32LE(4) : undefined;
}

function parseHeader<H>(data: Buffer, length: number): H & ColumnHeader {
  const json = data.subarray(8, 8 + length);
  // Mostly ASCII (ids, names): read as such it needs no UTF-8 decoding.
  return JSON.parse(json.toString(typeof isAscii === 'function' && isAscii(json) ? 'latin1' : 'utf8')) as H & ColumnHeader;
}

function columnsOf(data: Buffer, header: ColumnHeader, length: number): Map<string, Column> | undefined {
  const bodyStart = 8 + length + pad(8 + length);
  let body = new Uint8Array(data.buffer, data.byteOffset + bodyStart, Math.max(0, data.length - bodyStart));
  if (body.byteOffset % 8 !== 0) {
    body = new Uint8Array(body.length);
    body.set(data.subarray(bodyStart));
  }
  const columns = new Map<string, Column>();
  let at = 0;
  for (const { name, type, length: count } of header.arrays ?? []) {
    const Type = TYPES[type];
    if (!Type) {
      return undefined;
    }
    const bytes = count * (Type as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
    if (at + bytes > body.length) {
      return undefined;
    }
    columns.set(name, new Type(body.buffer as ArrayBuffer, body.byteOffset + at, count));
    at += bytes + pad(bytes);
  }
  return columns;
}

/** A part's columns, named (with `prefix`) as writeColumnsFile stores them. */
export function partColumns(part: RowsPart, prefix = ''): [string, Column][] {
  const e = part.entries;
  const f = part.facts;
  const named: [string, Column][] = [
    ['offset', e.offset], ['line', e.line], ['time', e.time], ['zone', e.zone], ['month', e.month], ['year', e.year],
    ['severity', e.severity], ['kind', e.kind], ['flags', e.flags], ['label', e.label], ['key', e.key],
    ['facts.entry', f.entry], ['facts.jailbroken', f.jailbroken], ['facts.event', f.event],
    ...FACT_STRINGS.map((k): [string, Column] => [`facts.${k}`, f.strings[k]]),
    ...FACT_NUMBERS.map((k): [string, Column] => [`facts.${k}`, f.numbers[k]]),
  ];
  return named.map(([name, column]) => [prefix + name, column]);
}

/** The part whose columns partColumns named (with `prefix`); undefined when one is missing. */
export function partOfColumns(columns: ReadonlyMap<string, Column>, prefix: string, strings: string[], lineCount: number): RowsPart | undefined {
  const get = <T extends Column>(name: string): T => {
    const column = columns.get(prefix + name);
    if (!column) {
      throw new MissingColumn();
    }
    return column as T;
  };
  try {
    const part: RowsPart = {
      entries: {
        length: get('offset').length, offset: get('offset'), line: get('line'), time: get('time'), zone: get('zone'), month: get('month'),
        year: get('year'), severity: get('severity'), kind: get('kind'), flags: get('flags'), label: get('label'), key: get('key'),
      },
      facts: {
        length: get('facts.entry').length, entry: get('facts.entry'), jailbroken: get('facts.jailbroken'), event: get('facts.event'),
        strings: Object.fromEntries(FACT_STRINGS.map((k) => [k, get(`facts.${k}`)])) as RowsPart['facts']['strings'],
        numbers: Object.fromEntries(FACT_NUMBERS.map((k) => [k, get(`facts.${k}`)])) as RowsPart['facts']['numbers'],
      },
      strings,
      lineCount,
    };
    const { entries: e, facts: f } = part;
    const sameLength = [e.line, e.time, e.zone, e.month, e.year, e.severity, e.kind, e.flags, e.label, e.key].every((c) => c.length === e.length)
      && [f.jailbroken, f.event, ...Object.values(f.strings), ...Object.values(f.numbers)].every((c) => c.length === f.length);
    return sameLength ? part : undefined;
  } catch (error) {
    if (error instanceof MissingColumn) {
      return undefined;
    }
    throw error;
  }
}

class MissingColumn extends Error {}
