/**
 * Indexes kept on disk between sessions (in the extension's storage), so reopening a workspace with
 * a large bundle does not read it again. A cache file is found by the content it describes: size and
 * hashes of the first and last 64 KB of the file on disk, so a rotated (renamed) file still finds its
 * index. A cache file that does not read back whole is ignored (and rewritten).
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { adoptPart, RowsPart } from '../service/index/transfer';
import { FACT_NUMBERS, FACT_STRINGS } from '../service/index/facts';
import { FileIndex } from '../service/index/fileIndex';
import { filePart } from '../service/index/filePart';
import { StringTable } from '../service/index/strings';
import { LogFormat } from '../service/model';

const MAGIC = 'GLTI';
/** Bump when the layout or the meaning of a column changes. */
const VERSION = 3;
const BLOCK = 64 * 1024;

/** What identifies a file's content on disk. */
export interface FileSignature {
  size: number;
  head: string;
  tail: string;
}

/** Hashes of the first and last 64 KB (of `size` bytes: a grown file is checked against its old end). */
export async function signatureOf(file: string, size?: number): Promise<FileSignature> {
  const handle = await fs.open(file, 'r');
  try {
    const length = size ?? (await handle.stat()).size;
    const hash = async (from: number, to: number): Promise<string> => {
      const bytes = Buffer.alloc(Math.max(0, to - from));
      await handle.read(bytes, 0, bytes.length, from);
      return createHash('sha256').update(bytes).digest('hex').slice(0, 32);
    };
    return { size: length, head: await hash(0, Math.min(length, BLOCK)), tail: await hash(Math.max(0, length - BLOCK), length) };
  } finally {
    await handle.close();
  }
}

export function sameSignature(a: FileSignature, b: FileSignature): boolean {
  return a.size === b.size && a.head === b.head && a.tail === b.tail;
}

interface Header {
  version: number;
  format: LogFormat;
  compressed: boolean;
  mtimeMs: number;
  bytes: number;
  lines: number;
  signature: FileSignature;
  strings: string[];
  arrays: { name: string; type: string; length: number }[];
}

function cacheName(signature: FileSignature): string {
  return createHash('sha256').update(`${VERSION}:${signature.size}:${signature.head}:${signature.tail}`).digest('hex').slice(0, 40) + '.gli';
}

type Named = [string, Float64Array | Int32Array | Int16Array | Int8Array | Uint8Array];

function arraysOf(part: RowsPart): Named[] {
  const e = part.entries;
  return [
    ['offset', e.offset], ['line', e.line], ['time', e.time], ['zone', e.zone], ['month', e.month], ['year', e.year],
    ['severity', e.severity], ['kind', e.kind], ['flags', e.flags], ['label', e.label], ['key', e.key],
    ['facts.entry', part.facts.entry], ['facts.jailbroken', part.facts.jailbroken], ['facts.event', part.facts.event],
    ...FACT_STRINGS.map((k): Named => [`facts.${k}`, part.facts.strings[k]]),
    ...FACT_NUMBERS.map((k): Named => [`facts.${k}`, part.facts.numbers[k]]),
  ];
}

/** Writes the file's index into `dir` (replacing a previous one of the same content). */
export async function saveIndex(dir: string, file: FileIndex, signature: FileSignature, strings: StringTable): Promise<void> {
  const part = filePart(file, strings);
  const arrays = arraysOf(part);
  const header: Header = {
    version: VERSION, format: file.format, compressed: file.compressed, mtimeMs: file.mtimeMs, bytes: file.bytes, lines: file.lines,
    signature, strings: part.strings, arrays: arrays.map(([name, a]) => ({ name, type: a.constructor.name, length: a.length })),
  };
  const json = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(8);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(json.length, 4);
  const padding = Buffer.alloc((8 - ((8 + json.length) % 8)) % 8);
  const pieces: Uint8Array[] = [prefix, json, padding];
  for (const [, a] of arrays) {
    pieces.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    pieces.push(Buffer.alloc((8 - (a.byteLength % 8)) % 8));
  }
  await fs.mkdir(dir, { recursive: true });
  const target = path.join(dir, cacheName(signature));
  const temporary = `${target}.${process.pid}.tmp`;
  await fs.writeFile(temporary, Buffer.concat(pieces));
  await fs.rename(temporary, target);
}

const TYPES: Record<string, new (buffer: ArrayBuffer, offset: number, length: number) => Named[1]> = {
  Float64Array, Int32Array, Int16Array, Int8Array, Uint8Array,
};

/** The cached index of the file with this content, its rows added to `strings`; undefined when none or unreadable. */
export async function loadIndex(dir: string, filePath: string, signature: FileSignature, strings: StringTable): Promise<FileIndex | undefined> {
  let data: Buffer;
  try {
    data = await fs.readFile(path.join(dir, cacheName(signature)));
  } catch {
    return undefined;
  }
  try {
    if (data.toString('latin1', 0, 4) !== MAGIC) {
      return undefined;
    }
    const length = data.readUInt32LE(4);
    const header = JSON.parse(data.toString('utf8', 8, 8 + length)) as Header;
    if (header.version !== VERSION || !sameSignature(header.signature, signature)) {
      return undefined;
    }
    // Typed arrays need aligned memory: the columns are views of the file's bytes where they are
    // aligned (the writer pads each to 8 bytes), else of one copy of the body.
    const bodyStart = 8 + length + ((8 - ((8 + length) % 8)) % 8);
    let body = new Uint8Array(data.buffer, data.byteOffset + bodyStart, data.length - bodyStart);
    if (body.byteOffset % 8 !== 0) {
      body = new Uint8Array(data.length - bodyStart);
      body.set(data.subarray(bodyStart));
    }
    const arrays = new Map<string, Named[1]>();
    let at = 0;
    for (const { name, type, length: count } of header.arrays) {
      const Type = TYPES[type];
      if (!Type) {
        return undefined;
      }
      const bytes = count * (Type as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
      if (at + bytes > body.length) {
        return undefined;
      }
      arrays.set(name, new Type(body.buffer as ArrayBuffer, body.byteOffset + at, count));
      at += bytes + ((8 - (bytes % 8)) % 8);
    }
    const get = <T extends Named[1]>(name: string): T => arrays.get(name) as T;
    const n = get<Float64Array>('offset').length;
    const part: RowsPart = {
      entries: {
        length: n, offset: get('offset'), line: get('line'), time: get('time'), zone: get('zone'), month: get('month'), year: get('year'),
        severity: get('severity'), kind: get('kind'), flags: get('flags'), label: get('label'), key: get('key'),
      },
      facts: {
        length: get<Int32Array>('facts.entry').length, entry: get('facts.entry'), jailbroken: get('facts.jailbroken'), event: get('facts.event'),
        strings: Object.fromEntries(FACT_STRINGS.map((k) => [k, get(`facts.${k}`)])) as RowsPart['facts']['strings'],
        numbers: Object.fromEntries(FACT_NUMBERS.map((k) => [k, get(`facts.${k}`)])) as RowsPart['facts']['numbers'],
      },
      strings: header.strings,
      lineCount: header.lines,
    };
    const { entries, facts } = adoptPart(part, strings);
    return {
      path: filePath, format: header.format, compressed: header.compressed, size: signature.size, mtimeMs: header.mtimeMs,
      bytes: header.bytes, lines: header.lines, entries, facts,
    };
  } catch {
    return undefined;
  }
}
