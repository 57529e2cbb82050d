/**
 * Scanning the words of an OAG header line: blanks (the no-break space copied from web pages
 * included), words, the host (a placeholder in brackets too), the application written in words
 * (`Access Gateway`) and lines that leave the hostname out. Shared by the OAG parser and the
 * recogniser of other programs' lines, which must agree on where a line's words are.
 */
import { matchesOneOf } from '../text';
import { OAG_APPLICATION_IN_WORDS, OAG_APPLICATIONS, OAG_SUB_PROCESSES } from '../formats/vocabulary';

/** Is the character at `at` a blank between header words (space, tab, or the no-break space copied from web pages)? */
export function isHeaderBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0;
}

export function skipHeaderBlanks(text: string, pos: number, end: number): number {
  while (pos < end && isHeaderBlank(text.charCodeAt(pos))) {
    pos++;
  }
  return pos;
}

export function headerTokenEnd(text: string, pos: number, end: number): number {
  while (pos < end && !isHeaderBlank(text.charCodeAt(pos))) {
    pos++;
  }
  return pos;
}

/**
 * The end of the host name at `pos`: one word, or a placeholder in brackets as Okta's pages write it
 * (`[DNS name of administration node]`).
 */
export function hostEnd(text: string, pos: number, end: number): number {
  if (text.charCodeAt(pos) === 91 /* [ */) {
    for (let i = pos + 1; i < end && i < pos + 80; i++) {
      const c = text.charCodeAt(i);
      if (c === 93 /* ] */) {
        const after = text.charCodeAt(i + 1);
        return i + 1 >= end || isHeaderBlank(after) ? i + 1 : headerTokenEnd(text, pos, end);
      }
      if (c === 61 /* = */ || c === 34 /* " */ || c === 91) {
        break;
      }
    }
  }
  return headerTokenEnd(text, pos, end);
}

/** `Access Gateway` at `pos`: the application written in words (older format). Returns the end, or -1. */
export function applicationInWordsEnd(text: string, pos: number, end: number): number {
  const [first, second] = OAG_APPLICATION_IN_WORDS;
  if (!text.startsWith(first, pos)) {
    return -1;
  }
  let p = pos + first.length;
  if (!isHeaderBlank(text.charCodeAt(p))) {
    return -1;
  }
  p = skipHeaderBlanks(text, p, end);
  if (!text.startsWith(second, p)) {
    return -1;
  }
  p += second.length;
  return p >= end || isHeaderBlank(text.charCodeAt(p)) ? p : -1;
}

/** First characters of the applications (and of `Access Gateway`). */
const APPLICATION_INITIAL = new Uint8Array(128);
for (const name of [...OAG_APPLICATIONS, OAG_APPLICATION_IN_WORDS[0]]) {
  APPLICATION_INITIAL[name.charCodeAt(0)] = 1;
}

/**
 * OAG lines whose host name is missing: the timestamp is followed straight by the application and
 * its sub-process (`2021-02-23T12:55:29.267-06:00 OAG ADMIN_CONSOLE ...`, `Oct  9 04:00:00 Access Gateway WEB_CONSOLE ...`).
 */
export function oagHostMissing(text: string, pos: number, end: number): boolean {
  const c = text.charCodeAt(pos);
  if (c < 128 && APPLICATION_INITIAL[c] !== 1) {
    return false; // the common case, a host name: ruled out on its first character
  }
  if (applicationInWordsEnd(text, pos, end) !== -1) {
    return true;
  }
  const firstEnd = headerTokenEnd(text, pos, end);
  if (!matchesOneOf(OAG_APPLICATIONS, text, pos, firstEnd)) {
    return false;
  }
  const second = skipHeaderBlanks(text, firstEnd, end);
  return matchesOneOf(OAG_SUB_PROCESSES, text, second, headerTokenEnd(text, second, end));
}
