// Reading the first or last few megabytes of a log that is too large for VS Code to hand
// to extensions. Pure Node (no 'vscode' import). The file is only ever opened for reading.

import { promises as fs } from 'node:fs';
import { detectLineLanguage, detectLogLanguage, GatewayLogLanguage } from '../../server/out/service/formats';

export type SliceEnd = 'head' | 'tail';

export interface ByteRange {
    /** Inclusive start offset. */
    start: number;
    /** Exclusive end offset. */
    end: number;
}

export interface LogSlice {
    text: string;
    language: GatewayLogLanguage | undefined;
    /** Byte offset in the file where `text` starts. */
    startByte: number;
    /** Byte offset in the file where `text` ends (exclusive). */
    endByte: number;
    fileSize: number;
    /** 1-based line number in the file of the slice's first line, when known (head slices). */
    firstLine: number | undefined;
}

const LF = 0x0a;
const CR = 0x0d;
/** How far into a slice we look for the first entry header before giving up on aligning. */
const ALIGN_SEARCH_CHARS = 256 * 1024;

/**
 * Line breaks as the editor and the parser count them: LF, CRLF (one break, ending at its LF) and a
 * lone CR (old Mac files). `next(from)` is the index of the last byte of the first break at or after
 * `from` (the next line starts after it), or -1. A CR that ends the bytes may be the first half of a
 * CRLF cut in two: it counts only when the bytes are `complete` (end where the file ends).
 */
export class LineBreaks {
    /** The first CR at or after `crFrom` (-1: none), kept so that walking line by line stays linear. */
    private cr = -1;
    private crFrom = -1;

    constructor(private readonly bytes: Uint8Array, private readonly complete: boolean) {}

    next(from: number): number {
        const { bytes } = this;
        const lf = bytes.indexOf(LF, from);
        for (let cr = this.crAtOrAfter(from); cr !== -1 && (lf === -1 || cr < lf); cr = this.crAtOrAfter(cr + 1)) {
            if (cr + 1 < bytes.length ? bytes[cr + 1] !== LF : this.complete) {
                return cr;
            }
        }
        return lf;
    }

    private crAtOrAfter(from: number): number {
        if (this.crFrom === -1 || from < this.crFrom || (this.cr !== -1 && this.cr < from)) {
            this.cr = this.bytes.indexOf(CR, from);
            this.crFrom = from;
        }
        return this.cr;
    }
}

/** The index of the last byte of the last line break of `bytes` (see LineBreaks), or -1. */
function lastLineBreak(bytes: Uint8Array, complete: boolean): number {
    const lf = bytes.lastIndexOf(LF);
    for (let cr = bytes.lastIndexOf(CR); cr > lf; cr = cr > 0 ? bytes.lastIndexOf(CR, cr - 1) : -1) {
        // After the last LF, a CR is lone unless it is the last byte and the file may go on.
        if (cr + 1 < bytes.length || complete) {
            return cr;
        }
    }
    return lf;
}

/**
 * Trims a chunk of bytes to whole lines. `touchesFileStart` / `touchesFileEnd` say whether
 * the chunk begins at byte 0 / ends at the end of the file; a cut line is only dropped on
 * a side where the chunk was cut. Splitting at '\n' never splits a UTF-8 sequence.
 */
export function wholeLineRange(bytes: Uint8Array, touchesFileStart: boolean, touchesFileEnd: boolean): ByteRange {
    let start = 0;
    let end = bytes.length;
    if (!touchesFileStart) {
        const firstBreak = new LineBreaks(bytes, touchesFileEnd).next(0);
        start = firstBreak < 0 ? bytes.length : firstBreak + 1;
    } else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        start = 3; // UTF-8 byte order mark
    }
    if (!touchesFileEnd) {
        const lastBreak = lastLineBreak(bytes, false);
        end = lastBreak < start ? start : lastBreak + 1;
    }
    return { start, end: Math.max(start, end) };
}

/** Start offsets (in characters) of every line of `text` whose break starts before `limit`. */
function lineStarts(text: string, limit = text.length): number[] {
    const starts = [0];
    const breaks = /\r\n?|\n/g;
    for (let m = breaks.exec(text); m && m.index < limit; m = breaks.exec(text)) {
        if (breaks.lastIndex < text.length) {
            starts.push(breaks.lastIndex);
        }
    }
    return starts;
}

/** The line starting at `start`, without its line break. */
function lineAt(text: string, start: number): string {
    const breakAt = /[\r\n]/g;
    breakAt.lastIndex = start;
    const found = breakAt.exec(text);
    return text.slice(start, found ? found.index : text.length);
}

/** Where the line before the one starting at `lineStart` starts. */
function previousLineStart(text: string, lineStart: number): number {
    // The break before `lineStart` ends at lineStart - 1; a CRLF's CR at lineStart - 2 is part of it.
    let at = lineStart - 2;
    if (at >= 0 && text.charCodeAt(at) === CR && text.charCodeAt(at + 1) === LF) {
        at--;
    }
    const lf = at < 0 ? -1 : text.lastIndexOf('\n', at);
    // A lone CR after that LF ends the line sooner; looked for only back to the LF, so that walking back
    // line by line stays linear. (None of those CRs starts a CRLF: no LF follows one, the break's own
    // CR having been stepped over above.)
    for (let i = at; i > lf; i--) {
        if (text.charCodeAt(i) === CR) {
            return i + 1;
        }
    }
    return lf + 1;
}

/**
 * Aligns a slice on entry boundaries so the language server does not report a payload
 * that was cut in two:
 * - when the slice starts inside the file, lines before the first entry header are dropped;
 * - when it ends inside a Blue Cedar file, the last entry is dropped (its multi-line JSON
 *   payload may continue past the cut). OAG entries are single lines, whole lines suffice.
 * Returns character offsets into `text` and the language of the first header found.
 */
export function alignToEntries(
    text: string,
    cutAtStart: boolean,
    cutAtEnd: boolean,
): { start: number; end: number; language: GatewayLogLanguage | undefined } {
    let start = 0;
    let end = text.length;
    let language: GatewayLogLanguage | undefined;
    for (const s of lineStarts(text, Math.min(text.length, ALIGN_SEARCH_CHARS))) {
        const found = detectLineLanguage(lineAt(text, s));
        if (found) {
            language = found;
            if (cutAtStart) {
                start = s;
            }
            break;
        }
    }
    if (cutAtEnd && language === 'bluecedar-log') {
        // Walk back from the end to the last header line that is not the first entry.
        let i = text.length;
        while (i > start) {
            const lineStart = previousLineStart(text, i);
            if (lineStart <= start) {
                break;
            }
            if (detectLineLanguage(lineAt(text, lineStart)) === 'bluecedar-log') {
                end = lineStart;
                break;
            }
            i = lineStart;
        }
    }
    return { start, end, language };
}

function countNewlines(bytes: Uint8Array, start: number, end: number): number {
    let n = 0;
    for (let i = bytes.indexOf(LF, start); i >= 0 && i < end; i = bytes.indexOf(LF, i + 1)) {
        n++;
    }
    return n;
}

/**
 * Builds a slice from bytes that were read at `position` in a file of `fileSize` bytes.
 * Separate from the file access so it can be tested on buffers.
 */
export function sliceFromBytes(bytes: Uint8Array, position: number, fileSize: number, end: SliceEnd): LogSlice {
    const touchesStart = position === 0;
    const touchesEnd = position + bytes.length >= fileSize;
    const range = wholeLineRange(bytes, touchesStart, touchesEnd);
    const decoded = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', range.start, range.end);
    const aligned = alignToEntries(decoded, !touchesStart, !touchesEnd);
    const text = decoded.slice(aligned.start, aligned.end);
    const startByte = position + range.start + Buffer.byteLength(decoded.slice(0, aligned.start), 'utf8');
    const endByte = startByte + Buffer.byteLength(text, 'utf8');
    const language = aligned.language ?? detectLogLanguage(text);
    const firstLine = end === 'head' || touchesStart
        ? 1 + countNewlines(bytes, 0, startByte - position)
        : undefined;
    return { text, language, startByte, endByte, fileSize, firstLine };
}

/** Reads `length` bytes at `position` (fewer at the end of the file). */
export type ReadAt = (position: number, length: number) => Promise<Uint8Array>;

/** A reader on a file opened for reading only. */
export async function withFileReader<T>(filePath: string, use: (read: ReadAt, size: number) => Promise<T>): Promise<T> {
    const handle = await fs.open(filePath, 'r');
    try {
        const { size } = await handle.stat();
        const read: ReadAt = async (position, length) => {
            const bytes = Buffer.alloc(Math.max(0, Math.min(length, size - position)));
            let done = 0;
            while (done < bytes.length) {
                const r = await handle.read(bytes, done, bytes.length - done, position + done);
                if (r.bytesRead === 0) {
                    break;
                }
                done += r.bytesRead;
            }
            return bytes.subarray(0, done);
        };
        return await use(read, size);
    } finally {
        await handle.close();
    }
}

/** Reads the first or last `maxBytes` bytes of a file, cut to whole entries. Never writes. */
export async function readLogSlice(filePath: string, end: SliceEnd, maxBytes: number): Promise<LogSlice> {
    return withFileReader(filePath, async (read, size) => {
        const length = Math.max(0, Math.min(size, Math.floor(maxBytes)));
        const position = end === 'head' ? 0 : size - length;
        return sliceFromBytes(await read(position, length), position, size, end);
    });
}

/** Human-readable size, e.g. "73.4 MB". */
export function formatMegabytes(bytes: number): string {
    return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
