/**
 * What a header line of each log family looks like, for recognising a file by its content. One set
 * of patterns serves the client (switching a `.log` file's language), the server (documents an editor
 * opened with another language id, files of a bundle on disk) and package.json's `firstLine` patterns,
 * which a test keeps identical to these.
 *
 * Recognition is stricter than parsing: a parser reads any syslog-style header, but a file is claimed
 * only when its lines are unmistakably one of ours (`Mocana:` for Blue Cedar; an OAG application word
 * or OAG structured data after the host).
 */
import type { LogFormat } from '../model';
import { MONTH_PATTERN } from './months';
import { OAG_LINE_OPENERS } from './vocabulary';

/** How much of a text detection looks at, and how many non-empty lines. */
export const DETECT_MAX_CHARS = 8 * 1024;
export const DETECT_MAX_LINES = 20;

/** `Oct  2 13:45:35`, `Nov 11 2021 22:24:37`, `Oct 22 2021 13:31:13.664259`. */
const SYSLOG_TIME = `${MONTH_PATTERN} {1,2}\\d{1,2}(?: \\d{4})? \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?`;
/** `2020-06-24T09:40:36.000-05:00` (an offset or Z is required). */
const ISO_TIME = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})';
const HOST = '[^\\s:]+';
const OPENER = `(?:${OAG_LINE_OPENERS.join('|')})(?=[ \\t:]|$)`;
/** OAG structured data: `[KEY="…`, `[ KEY="…` or the empty `[]`, somewhere on the line. */
const STRUCTURED_DATA = '[^\\r\\n]*?(?:\\[ ?[A-Z][A-Z0-9_]*="|\\[\\])';

/**
 * A Blue Cedar entry header: `<time> <gateway> Mocana: …` or the short form `<time>: [COMPONENT]`.
 * This string is package.json's `firstLine` for `bluecedar-log`.
 */
export const BLUECEDAR_FIRST_LINE = `^${SYSLOG_TIME}(?:[ \\t]+${HOST}[ \\t]+Mocana:|:[ \\t]*\\[[A-Za-z][\\w-]*\\])`;

/**
 * An OAG entry line: an ISO timestamp with its offset, or (older gateways, syslog) a year-less
 * `Oct  9 09:53:08`, then the host, then an OAG word or structured data. This string is package.json's
 * `firstLine` for `oag-log`.
 */
export const OAG_FIRST_LINE = `^(?:${ISO_TIME}|${SYSLOG_TIME})[ \\t]+${HOST}[ \\t]+(?=[^ \\t])(?!Mocana:)(?:${OPENER}|${STRUCTURED_DATA})`;

const BLUECEDAR_LINE = new RegExp(BLUECEDAR_FIRST_LINE);
const OAG_LINE = new RegExp(OAG_FIRST_LINE);

export function isBlueCedarHeaderLine(line: string): boolean {
  return BLUECEDAR_LINE.test(line);
}

export function isOagEntryLine(line: string): boolean {
  return OAG_LINE.test(line);
}

/** Which of our formats a single line starts an entry of, if any (Blue Cedar is asked first). */
export function detectLineFormat(line: string): LogFormat | undefined {
  if (isBlueCedarHeaderLine(line)) {
    return 'bluecedar';
  }
  return isOagEntryLine(line) ? 'oag' : undefined;
}

/**
 * Looks at the first non-empty lines of `text` (at most DETECT_MAX_LINES within the first
 * DETECT_MAX_CHARS characters) and names the format of the first line that is recognisably one of
 * ours. Lines in between that are not headers (a multi-line JSON payload, another program's line) are
 * passed over, so a text that starts in the middle of an entry is still recognised.
 */
export function detectFormat(text: string): LogFormat | undefined {
  let head = text.length > DETECT_MAX_CHARS ? text.slice(0, DETECT_MAX_CHARS) : text;
  if (head.charCodeAt(0) === 0xfeff) {
    head = head.slice(1);
  }
  // A last line cut by the character limit is still used: detection only needs the start of a line.
  let seen = 0;
  for (const line of head.split(/\r\n|\r|\n/)) {
    if (line.trim() === '') {
      continue;
    }
    const format = detectLineFormat(line);
    if (format) {
      return format;
    }
    if (++seen >= DETECT_MAX_LINES) {
      break;
    }
  }
  return undefined;
}
