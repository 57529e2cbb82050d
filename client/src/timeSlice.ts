// Finding where a time range lies in a log too large to read whole: a binary search over byte
// positions, reading a small window at each probe. Times are compared as written in the log
// (wall clock, the log's own offset), which is how a person reads them off the screen.
// Pure Node (no 'vscode' import); the file is only ever read.

import { compareTimes, entryTime, WallClock } from '../../server/out/service/formats/timeRange';
import { detectLogLanguage } from '../../server/out/service/formats';
import { LineBreaks, LogSlice, ReadAt, sliceFromBytes } from './slice';

/** How much is read at each probe. */
export const WINDOW = 64 * 1024;
/**
 * A gateway log has an entry header every few lines, and its longest entries are a few hundred KB:
 * this many bytes without a header and the search gives up (the file is not a gateway log, or not
 * where the search looks) instead of reading on to the end of the file at every step.
 */
export const MAX_HEADER_GAP = 4 * 1024 * 1024;
/** A header's timestamp is within its first characters; no need to decode the rest of the line. */
const TIMESTAMP_CHARS = 64;

export interface SearchOptions {
    /** Ends the search before its next read; it then rejects with an AbortError. */
    signal?: AbortSignal;
    /** How far the search has got, from 0 to 1, never decreasing. */
    onProgress?: (done: number) => void;
}

/** The search found no entry header where a gateway log would have one. */
export class NoHeaderError extends Error {
    constructor(readonly from: number, readonly to: number) {
        super(`No Blue Cedar or OAG entry header between bytes ${from.toLocaleString('en-US')} and ${to.toLocaleString('en-US')}: `
            + 'this does not look like a gateway log, so there is no time to search for.');
        this.name = 'NoHeaderError';
    }
}

type Probe = { offset: number; time: WallClock } | { resume: number };

/**
 * The first entry header that starts after a line break at or after byte `from` (or at byte 0),
 * looking `WINDOW` bytes ahead. When there is none in the window, where to look next: the last line
 * break seen, so that a header cut by the window's end is read whole next time.
 */
async function headerAfter(read: ReadAt, from: number, signal: AbortSignal | undefined): Promise<Probe> {
    signal?.throwIfAborted();
    const bytes = Buffer.from(await read(from, WINDOW));
    // Line breaks of every kind (LF, CRLF, lone CR); the window ends where the file does when it is short.
    const breaks = new LineBreaks(bytes, bytes.length < WINDOW);
    // A UTF-8 byte order mark before the first line is not part of it.
    let lineStart = from === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    if (from > 0) {
        const first = breaks.next(0);
        if (first < 0) {
            return { resume: from + Math.max(1, bytes.length) };
        }
        lineStart = first + 1;
    }
    while (lineStart < bytes.length) {
        const lineEnd = breaks.next(lineStart);
        const end = lineEnd < 0 ? bytes.length : lineEnd;
        const time = entryTime(bytes.toString('utf8', lineStart, Math.min(end, lineStart + TIMESTAMP_CHARS)));
        if (time && (lineEnd >= 0 || end - lineStart >= TIMESTAMP_CHARS || bytes.length < WINDOW)) {
            return { offset: from + lineStart, time };
        }
        if (lineEnd < 0) {
            break;
        }
        lineStart = lineEnd + 1;
    }
    // Resume at the last line break, so the line after it is read from its start.
    return { resume: from + Math.max(1, lineStart - 1) };
}

/**
 * The first entry header after byte `from` (see headerAfter); undefined at the end of the file. Throws
 * NoHeaderError after MAX_HEADER_GAP bytes without one.
 */
async function nextHeader(read: ReadAt, from: number, size: number, signal: AbortSignal | undefined): Promise<{ offset: number; time: WallClock } | undefined> {
    let position = from;
    while (position < size) {
        if (position - from > MAX_HEADER_GAP) {
            throw new NoHeaderError(from, position);
        }
        const probe = await headerAfter(read, position, signal);
        if ('time' in probe) {
            return probe;
        }
        position = probe.resume;
    }
    return undefined;
}

/**
 * Byte offset of the first entry whose time is at or after `target` (`after`: strictly after), or
 * `size` when there is none. Assumes the entries are in time order, as logs are written; where they
 * are not, it finds one place where the times cross `target`. Progress is the share of the file the
 * binary search has ruled out.
 */
export async function offsetOfTime(read: ReadAt, size: number, target: WallClock, after = false, options: SearchOptions = {}): Promise<number> {
    const { signal, onProgress } = options;
    const before = (time: WallClock): boolean => (after ? compareTimes(time, target) <= 0 : compareTimes(time, target) < 0);
    let reported = -1;
    const progress = (done: number): void => {
        if (onProgress && done > reported) {
            reported = done;
            onProgress(Math.min(1, done));
        }
    };
    progress(0);
    // Binary search for a byte position whose next header is at or past the target.
    let low = 0;
    let high = size;
    while (high - low > WINDOW) {
        const middle = Math.floor((low + high) / 2);
        const header = await nextHeader(read, middle, size, signal);
        if (!header || !before(header.time)) {
            high = middle;
        } else {
            low = middle;
        }
        progress(1 - (high - low) / Math.max(1, size));
    }
    // From `low`, walk header by header to the first one at or past the target.
    for (let header = await nextHeader(read, low, size, signal); header; header = await nextHeader(read, header.offset + 1, size, signal)) {
        if (!before(header.time)) {
            progress(1);
            return header.offset;
        }
    }
    progress(1);
    return size;
}

/**
 * The entries from `from` up to (not including) the first entry after `to`; when that is more than
 * `maxBytes`, its first `maxBytes` cut to whole entries like the other slices (`truncated`). Progress:
 * the search for the start is the first half, that for the end the second.
 */
export async function sliceByTime(
    read: ReadAt, size: number, range: { from: WallClock; to: WallClock | undefined }, maxBytes: number, options: SearchOptions = {},
): Promise<LogSlice & { truncated: boolean }> {
    const { signal, onProgress } = options;
    const half = (offset: number) => (done: number) => onProgress?.(range.to ? offset + done / 2 : done);
    const start = await offsetOfTime(read, size, range.from, false, { signal, onProgress: half(0) });
    const stop = range.to ? Math.max(start, await offsetOfTime(read, size, range.to, true, { signal, onProgress: half(0.5) })) : size;
    signal?.throwIfAborted();
    if (stop - start <= maxBytes) {
        // Both ends are where entries begin (or the file ends): the bytes between are whole entries.
        const text = Buffer.from(await read(start, stop - start)).toString('utf8');
        return {
            text, language: detectLogLanguage(text), startByte: start, endByte: stop, fileSize: size,
            firstLine: start === 0 ? 1 : undefined, truncated: false,
        };
    }
    // Read from the line break before the first entry: sliceFromBytes drops a first line it takes as cut.
    const position = Math.max(0, start - 1);
    const slice = sliceFromBytes(await read(position, maxBytes + (start - position)), position, size, 'head');
    return { ...slice, firstLine: start === 0 ? 1 : undefined, truncated: true };
}
