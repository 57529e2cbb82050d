/**
 * The fast path of the OAG indexer. Nearly every line of a real audit log has one shape: an ISO
 * timestamp, a header of the gateway's words ending with the level and the event, structured data
 * of plain `KEY="value"` pairs, a message. Such lines are read here straight from the bytes; every
 * other line (escapes, broken pairs, syslog timestamps, other programs' lines, a lone CR, non-ASCII
 * in the header or the data) goes to the ordinary parser, a run of them at a time.
 *
 * The rows are the ones the ordinary parser gives, by construction: the timestamp is read by the
 * parser's own reader, the header by the parser itself on a copy of the line that keeps only the
 * header (its answer depends only on the header, and is kept per distinct header), and the pairs
 * are taken only in the form where the parser reads each value as written and reports nothing.
 * oagFastRows.test.ts compares both on generated and real logs.
 */
import { matchesOneOf } from '../service/text';
import { LogEntry, newEntry, Problem } from '../service/model';
import { parseOagLines, readFacts } from '../service/oag/parser';
import { StructuredDataFacts } from '../service/oag/structuredData';
import { newOagStamp, OagStamp, readOagTimestamp } from '../service/oag/timestamp';
import { headerTokenEnd, hostEnd, skipHeaderBlanks } from '../service/oag/headerWords';
import { OAG_APPLICATIONS, OAG_SUB_PROCESSES } from '../service/formats/vocabulary';
import { deniedResource, oagEventKind } from '../service/findings/facts';
import { hasLoneCarriageReturn, lineFeeds } from '../service/index/byteLines';
import { appendEntryRow, appendOagFacts, IndexSink, SessionsNamed } from '../service/index/chunkIndexer';
import { parseChunkBytes } from './parseChunk';

/** A header is looked for within this many bytes after the timestamp (longer ones take the ordinary path). */
const HEADER_MAX = 512;
/** A timestamp token is at most this long (`2020-06-24T09:40:36.123456789+05:30`). */
const STAMP_MAX = 40;
/** Distinct headers remembered per chunk (a header names host, application, level and event: a few dozen in a real log). */
const HEADERS_MAX = 4096;
/** Any valid timestamp: the header's reading does not depend on it. */
const PLACEHOLDER_STAMP = '2000-01-01T00:00:00Z';

/** What the ordinary parser makes of one header (text from the timestamp's end to the '[' of the data). */
interface HeaderReading {
  /** The parsed placeholder line `PLACEHOLDER_STAMP + header + ']'`: severity, event, component, the header's problems. */
  entry: LogEntry;
  /** Its text (the console-login rule reads the header words). */
  text: string;
}

const FACT_KEYS: readonly (keyof StructuredDataFacts)[] = ['SESSION_ID', 'SUBJECT', 'USER', 'USERNAME', 'APP', 'RESULT', 'REASON', 'REMOTE_IP'];

/** Per chunk: the headers read so far (null: a header the fast path leaves to the parser). */
export type HeaderMemo = Map<string, HeaderReading | null>;

/**
 * Indexes a chunk of an OAG file (whole lines, starting at byte `originByte` of the file and at line
 * `sink.lines`, which it advances), as indexChunk would from the decoded text. Returns how many lines
 * took the fast path.
 */
export function indexOagBytes(bytes: Buffer, originByte: number, sink: IndexSink): number {
  const originLine = sink.lines;
  const length = bytes.length;
  const named: SessionsNamed = new Map();
  if (hasLoneCarriageReturn(bytes)) {
    // Lines end differently for the parser (a lone CR ends one): all of it takes the ordinary path.
    slowRun(bytes, 0, length, 0, originByte, originLine, sink, named);
    return 0;
  }
  const headers: HeaderMemo = new Map();
  const stamp = newOagStamp();
  const values: (string | undefined)[] = new Array(FACT_KEYS.length);
  let line = 0;
  /** The run of lines waiting for the ordinary parser: from this byte and line (-1: none). */
  let runByte = -1;
  let runLine = 0;
  let lineStart = 0;
  let fastLines = 0;
  while (lineStart < length) {
    let next = bytes.indexOf(10, lineStart);
    let contentEnd: number;
    if (next === -1) {
      next = length;
      contentEnd = length;
    } else {
      contentEnd = next > lineStart && bytes[next - 1] === 13 ? next - 1 : next;
      next++;
    }
    const fast = readFastLine(bytes, lineStart, contentEnd, headers, stamp, values);
    if (fast === undefined) {
      if (runByte === -1) {
        runByte = lineStart;
        runLine = line;
      }
    } else {
      if (runByte !== -1) {
        slowRun(bytes, runByte, lineStart, runLine, originByte, originLine, sink, named);
        runByte = -1;
      }
      appendFastRow(fast, bytes, originByte + lineStart, originLine + line, sink, named);
      fastLines++;
    }
    lineStart = next;
    line++;
  }
  if (runByte !== -1) {
    slowRun(bytes, runByte, length, runLine, originByte, originLine, sink, named);
  }
  // As computeLineStarts counts: every LF starts a line, the last one possibly empty.
  sink.lines = originLine + lineFeeds(bytes);
  return fastLines;
}

/** What one fast line yields (module state: reused from line to line). */
interface FastLine {
  header: HeaderReading;
  /** Byte offsets of the structured data, '[' to after ']'. */
  dataStart: number;
  dataEnd: number;
  time: number;
  zone: number;
  month: number;
  year: number;
  facts: StructuredDataFacts;
}

const fastLine: FastLine = {
  header: undefined as unknown as HeaderReading, dataStart: 0, dataEnd: 0, time: 0, zone: 0, month: 0, year: 0,
  facts: { SESSION_ID: undefined, SUBJECT: undefined, USER: undefined, USERNAME: undefined, APP: undefined, RESULT: undefined, REASON: undefined, REMOTE_IP: undefined },
};

/** The entry of the line being appended (nothing keeps it: the row is made of its values). */
const scratch: LogEntry = newEntry(0, 0, 0, 0, []);

/** Reads the line [start, end) if it has the common shape; undefined otherwise. */
function readFastLine(
  bytes: Buffer, start: number, end: number, headers: HeaderMemo, stamp: OagStamp, values: (string | undefined)[],
): FastLine | undefined {
  // The timestamp: one token of ASCII characters followed by a space, read by the parser's reader.
  const first = bytes[start];
  if (first < 48 || first > 57) {
    return undefined;
  }
  let space = start;
  const stampLimit = Math.min(end, start + STAMP_MAX);
  while (space < stampLimit && bytes[space] > 32 && bytes[space] < 127) {
    space++;
  }
  if (space >= stampLimit || bytes[space] !== 32) {
    return undefined;
  }
  const stampText = latin1(bytes, start, space);
  if (!readOagTimestamp(stampText, 0, stamp) || stamp.end !== stampText.length || stamp.time === undefined) {
    return undefined;
  }
  // The header, up to the '[' of the structured data, after a space: printable ASCII and tabs only.
  let open = space;
  const headerLimit = Math.min(end, space + HEADER_MAX);
  while (open < headerLimit && HEADER_BYTE[bytes[open]] === 1) {
    open++;
  }
  if (open >= headerLimit || bytes[open] !== 91 /* [ */ || bytes[open - 1] !== 32) {
    return undefined;
  }
  const headerKey = latin1(bytes, space, open + 1);
  let header = headers.get(headerKey);
  if (header === undefined) {
    header = readHeader(headerKey);
    if (headers.size >= HEADERS_MAX) {
      // Start again rather than stop learning: a chunk that opens with thousands of distinct headers
      // (one host name per line, say) must not leave its ordinary header unremembered for the rest.
      headers.clear();
    }
    headers.set(headerKey, header);
  }
  if (header === null) {
    return undefined;
  }
  // The structured data: `KEY="value"` pairs separated by blanks, values without escapes or '"'.
  values.fill(undefined);
  let pos = open + 1;
  let dataEnd = -1;
  while (pos < end) {
    let c = bytes[pos];
    if (c === 32 || c === 9) {
      pos++;
      continue;
    }
    if (c === 93 /* ] */) {
      dataEnd = pos + 1;
      break;
    }
    const keyStart = pos;
    if (!(((c | 32) >= 97 && (c | 32) <= 122) || c === 95)) {
      return undefined;
    }
    pos++;
    while (pos < end && KEY_BYTE[bytes[pos]] === 1) {
      pos++;
    }
    const keyEnd = pos;
    if (bytes[pos] !== 61 /* = */ || bytes[pos + 1] !== 34 /* " */) {
      return undefined;
    }
    const valueStart = pos + 2;
    pos = valueStart;
    while (pos < end && VALUE_BYTE[bytes[pos]] === 1) {
      pos++;
    }
    // The closing quote, then a blank or the ']'; a value ending with '=' might be the parser's
    // "closing quote missing" (`SUBJECT="alice TYPE="SAML"`).
    if (pos >= end || bytes[pos] !== 34 || (pos > valueStart && bytes[pos - 1] === 61)) {
      return undefined;
    }
    const after = pos + 1 < end ? bytes[pos + 1] : -1;
    if (after !== 32 && after !== 9 && after !== 93) {
      return undefined;
    }
    const fact = factKey(bytes, keyStart, keyEnd);
    if (fact !== -1 && values[fact] === undefined) {
      values[fact] = latin1(bytes, valueStart, pos);
    }
    pos++;
  }
  if (dataEnd === -1) {
    return undefined;
  }
  // Absent keys are undefined, as the parser leaves them.
  const facts = fastLine.facts;
  facts.SESSION_ID = values[0];
  facts.SUBJECT = values[1];
  facts.USER = values[2];
  facts.USERNAME = values[3];
  facts.APP = values[4];
  facts.RESULT = values[5];
  facts.REASON = values[6];
  facts.REMOTE_IP = values[7];
  const line = fastLine;
  line.header = header;
  line.dataStart = open;
  line.dataEnd = dataEnd;
  line.time = stamp.time;
  line.zone = stamp.zone ?? 0;
  line.month = stamp.month;
  line.year = stamp.year ?? 0;
  return line;
}

/**
 * The parser's reading of a header, from the placeholder line; null when the fast path cannot use it:
 * the line would be another program's, has no level (then the data's reading depends on what follows
 * it), or the parser does not see the '[' as the start of the structured data.
 */
function readHeader(header: string): HeaderReading | null {
  const text = `${PLACEHOLDER_STAMP}${header}]`;
  const open = text.length - 2;
  if (!gatewayWordFirst(text, PLACEHOLDER_STAMP.length, open)) {
    return null;
  }
  const parsed: LogEntry[] = [];
  const stray: Problem[] = [];
  parseOagLines(text, [0], 0, 1, parsed, stray);
  const entry = parsed[0];
  if (parsed.length !== 1 || stray.length !== 0 || entry.kind === 'foreign' || entry.severity === undefined
    || entry.payloadStart !== open || entry.payloadEnd !== text.length || entry.time === undefined) {
    return null;
  }
  return { entry, text };
}

/**
 * Whether the first word after the host is one of the gateway's applications or sub-processes, all
 * before the '[': then the parser never takes the line for another program's, whatever follows.
 */
function gatewayWordFirst(text: string, timeEnd: number, open: number): boolean {
  const hostStart = skipHeaderBlanks(text, timeEnd, open);
  const hostStop = hostEnd(text, hostStart, open);
  const wordStart = skipHeaderBlanks(text, hostStop, open);
  const wordEnd = headerTokenEnd(text, wordStart, open);
  return wordEnd > wordStart && wordEnd < open
    && (matchesOneOf(OAG_APPLICATIONS, text, wordStart, wordEnd) || matchesOneOf(OAG_SUB_PROCESSES, text, wordStart, wordEnd));
}

/** The entry of a fast line, as the parser would have made it, and its row. */
function appendFastRow(line: FastLine, bytes: Buffer, offset: number, lineNumber: number, sink: IndexSink, named: SessionsNamed): void {
  const template = line.header.entry;
  const entry = scratch;
  entry.start = template.start;
  entry.end = template.end;
  entry.problems = template.problems;
  entry.sessionId = entry.subject = entry.app = entry.result = entry.reason = entry.remoteIp = undefined;
  entry.payloadStart = entry.payloadEnd = undefined;
  entry.time = line.time;
  entry.zone = line.zone;
  entry.month = line.month;
  entry.year = line.year;
  entry.severity = template.severity;
  entry.component = template.component;
  entry.eventName = template.eventName;
  entry.eventStart = template.eventStart;
  entry.eventEnd = template.eventEnd;
  entry.kind = template.kind;
  readFacts(entry, line.facts);
  const row = appendEntryRow('oag', entry, offset, lineNumber, sink);
  // The event rule reads the header words (the placeholder line has them); a denial's resource is
  // read from the structured data as written.
  const event = oagEventKind(line.header.text, entry);
  let resource: string | undefined;
  if (event !== undefined) {
    const data = latin1(bytes, line.dataStart, line.dataEnd);
    entry.payloadStart = 0;
    entry.payloadEnd = data.length;
    resource = deniedResource(data, entry, event);
  }
  appendOagFacts(sink, row, entry, named, event, resource);
}

/** Lines [fromByte, toByte) of the chunk (from line `fromLine`) through the ordinary parser. */
function slowRun(
  bytes: Buffer, fromByte: number, toByte: number, fromLine: number, originByte: number, originLine: number, sink: IndexSink, named: SessionsNamed,
): void {
  // After the chunk's first line, a blank line in front keeps the parser from taking a byte order
  // mark at the start of the run for the file's (it is one only on the chunk's first line).
  const lead = fromLine > 0 ? 1 : 0;
  const run = bytes.subarray(fromByte, toByte);
  sink.lines = originLine + fromLine - lead;
  parseChunkBytes('oag', { bytes: lead ? Buffer.concat([LINE_FEED, run]) : run, byte: originByte + fromByte - lead }, sink, named);
}

const LINE_FEED = Buffer.from('\n');

/** The index in FACT_KEYS of the key written at [start, end), or -1. */
function factKey(bytes: Buffer, start: number, end: number): number {
  const candidates = FACT_KEYS_BY_LENGTH[end - start];
  if (candidates === undefined) {
    return -1;
  }
  for (const k of candidates) {
    const key = FACT_KEY_BYTES[k];
    let i = 0;
    while (i < key.length && bytes[start + i] === key[i]) {
      i++;
    }
    if (i === key.length) {
      return k;
    }
  }
  return -1;
}

const FACT_KEY_BYTES = FACT_KEYS.map((key) => Uint8Array.from(key, (c) => c.charCodeAt(0)));
const FACT_KEYS_BY_LENGTH: (number[] | undefined)[] = [];
FACT_KEYS.forEach((key, k) => (FACT_KEYS_BY_LENGTH[key.length] ??= []).push(k));

/** A table of the bytes `allowed` says yes to (1) and the others (0). */
function byteTable(allowed: (c: number) => boolean): Uint8Array {
  const table = new Uint8Array(256);
  for (let c = 0; c < 256; c++) {
    table[c] = allowed(c) ? 1 : 0;
  }
  return table;
}

const isPrintable = (c: number): boolean => (c >= 32 && c <= 126) || c === 9;
/** Header bytes before the '[': printable ASCII and tabs. */
const HEADER_BYTE = byteTable((c) => isPrintable(c) && c !== 91);
/** After a key's first character, as the parser reads keys: `[\w.-]`. */
const KEY_BYTE = byteTable((c) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45);
/** Value bytes the parser takes as written: printable ASCII but '"' and '\\'. */
const VALUE_BYTE = byteTable((c) => isPrintable(c) && c !== 34 && c !== 92);

interface Latin1Slicer {
  latin1Slice?(start: number, end: number): string;
}

/** Bytes as characters (ASCII here): Buffer's own slicer when it has one (toString checks its arguments first). */
const latin1: (bytes: Buffer, start: number, end: number) => string = typeof (Buffer.prototype as Latin1Slicer).latin1Slice === 'function'
  ? (bytes, start, end) => (bytes as Latin1Slicer).latin1Slice!(start, end)
  : (bytes, start, end) => bytes.toString('latin1', start, end);
