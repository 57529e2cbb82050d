// What a slice is called and how it is found again: the tab title names the file and the times
// the slice spans; the URI's query says which bytes of which file it shows, so the read-only view
// can be read again from the file (VS Code asks again after it has let a hidden document go).
// Pure: no 'vscode' import.

import { GatewayLogLanguage } from '../../server/out/service/formats';
import { parseTimeRange, writtenTime } from '../../server/out/service/formats/timeRange';

/** How far from each end of a text the first and last timestamps are looked for. */
const SPAN_SEARCH_CHARS = 256 * 1024;

/** The first and the last entry timestamps of a text, as written. */
export function timeSpan(text: string): { first: string | undefined; last: string | undefined } {
    let first: string | undefined;
    // Lines end in LF, CRLF or a lone CR, as the editor counts them.
    const head = text.slice(0, SPAN_SEARCH_CHARS).split(/\r\n?|\n/);
    for (const line of head) {
        first = writtenTime(line);
        if (first) {
            break;
        }
    }
    let last: string | undefined;
    const tail = text.slice(Math.max(0, text.length - SPAN_SEARCH_CHARS)).split(/\r\n?|\n/);
    for (let i = tail.length - 1; i >= 0 && !last; i--) {
        last = writtenTime(tail[i]);
    }
    return { first, last };
}

/** `Nov  1 00:22:00` -> `Nov 1 00:22:00`; `2021-09-14T08:00:41.220` -> `2021-09-14 08:00:41`. */
function plainTime(written: string): string {
    return written.replace(/\s+/g, ' ').replace(/^(\d{4}-\d\d-\d\d)T/, '$1 ').replace(/\.\d+$/, '');
}

/** `gateway.log · Oct 31 2021 22:45:00 – Nov 1 00:22:00`: the view's tab title. */
export function sliceTitle(fileName: string, text: string): string {
    const { first, last } = timeSpan(text);
    const span = first && last ? (first === last ? plainTime(first) : `${plainTime(first)} – ${plainTime(last)}`) : 'slice';
    // The title is the last segment of the view's URI path: no slash may appear in it.
    return `${fileName} · ${span}`.replace(/[/\\]/g, '∕');
}

/**
 * A range in the form the time-range prompt reads, spanning the file's own first and last entries
 * (`Oct 31 2021 22:45:00 to Nov 1 00:22:00`), or undefined when they cannot be read.
 */
export function exampleRange(first: string | undefined, last: string | undefined): string | undefined {
    if (!first || !last) {
        return undefined;
    }
    const example = `${plainTime(first)} to ${plainTime(last)}`;
    return typeof parseTimeRange(example) === 'string' ? undefined : example;
}

/** Which bytes of which file a read-only slice view shows. */
export interface SliceSource {
    /** The log file's URI, as a string (file URIs work the same on every platform). */
    file: string;
    startByte: number;
    endByte: number;
    language: GatewayLogLanguage | undefined;
}

export function encodeSliceQuery(source: SliceSource): string {
    const params = new URLSearchParams({ file: source.file, start: String(source.startByte), end: String(source.endByte) });
    if (source.language) {
        params.set('language', source.language);
    }
    return params.toString();
}

export function decodeSliceQuery(query: string): SliceSource | undefined {
    const params = new URLSearchParams(query);
    const file = params.get('file');
    const startByte = Number(params.get('start'));
    const endByte = Number(params.get('end'));
    const language = params.get('language');
    if (!file || !Number.isSafeInteger(startByte) || !Number.isSafeInteger(endByte) || startByte < 0 || endByte < startByte) {
        return undefined;
    }
    return {
        file, startByte, endByte,
        language: language === 'bluecedar-log' || language === 'oag-log' ? language : undefined,
    };
}
