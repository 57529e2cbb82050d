/**
 * OAG structured data: `[KEY="value" KEY="value" ...]`. Values may hold escaped quotes, spaces, '='
 * and brackets. Real logs (and the vendor's own examples) contain mistakes, so the reader recovers
 * and reports each one where it is.
 */
import { Field, FieldSink, Problem } from '../model';
import { equalsAt, isWordChar } from '../text';

/** The values the whole-document pass keeps on the entry (first occurrence of each key). */
export interface StructuredDataFacts {
  SESSION_ID?: string;
  SUBJECT?: string;
  USER?: string;
  USERNAME?: string;
  APP?: string;
  RESULT?: string;
  REASON?: string;
  REMOTE_IP?: string;
}

export interface StructuredData {
  /** Offset just after the closing ']' (or the end of the line when it is missing). */
  end: number;
  /** Decoded values of the keys in StructuredDataFacts. */
  facts: StructuredDataFacts;
}

const FACT_KEYS: readonly (keyof StructuredDataFacts)[] = ['SESSION_ID', 'SUBJECT', 'USER', 'USERNAME', 'APP', 'RESULT', 'REASON', 'REMOTE_IP'];

/** The fact key written at text[start, end), if it is one. */
function factKey(text: string, start: number, end: number): keyof StructuredDataFacts | undefined {
  for (const key of FACT_KEYS) {
    if (equalsAt(text, start, end, key)) {
      return key;
    }
  }
  return undefined;
}

/** `[A-Za-z_][\w.-]*` at `pos`: the offset after it, or `pos` when there is none. */
function keyEndFrom(text: string, pos: number): number {
  let c = text.charCodeAt(pos);
  if (!((c | 32) >= 97 && (c | 32) <= 122) && c !== 95) {
    return pos;
  }
  let end = pos + 1;
  while (isWordChar(c = text.charCodeAt(end)) || c === 46 || c === 45) {
    end++;
  }
  return end;
}


/**
 * `bareValues`: whether items without '=' are part of the data (the HOST check event carries the
 * checked domain that way); elsewhere they are mistakes. Values are decoded only for `fields` (hover)
 * and for the keys the entry keeps (StructuredDataFacts); every item is checked all the same.
 */
export function readStructuredData(
  text: string, open: number, lineEnd: number, problems: Problem[], fields?: FieldSink, bareValues = false,
): StructuredData {
  const facts: StructuredDataFacts = {};
  const scan = new LineScan(text, open, lineEnd);
  let pos = open + 1;
  for (;;) {
    while (pos < lineEnd && (text.charCodeAt(pos) === 32 || text.charCodeAt(pos) === 9)) {
      pos++;
    }
    if (pos >= lineEnd) {
      problems.push({
        severity: 'error', start: open, end: open + 1, code: 'sd-unclosed',
        message: "The structured data opened here is never closed: ']' is missing.",
      });
      return { end: lineEnd, facts };
    }
    if (text.charCodeAt(pos) === 93 /* ] */) {
      return { end: pos + 1, facts };
    }
    const keyStart = pos;
    let keyEnd = keyEndFrom(text, pos);
    const hasKey = keyEnd > keyStart;
    if (hasKey && text.charCodeAt(keyEnd) === 32) {
      // `NEW NAME="basic_status"`: a key of several upper-case words, as Okta's REST monitoring events write it.
      keyEnd = multiWordKeyEnd(text, keyStart, keyEnd, lineEnd);
    }
    if (!hasKey || text.charCodeAt(keyEnd) !== 61 /* = */) {
      if (!scan.hasCloser(pos)) {
        // No ']' anywhere ahead: the data ended without it and the rest is the message.
        problems.push({
          severity: 'error', start: open, end: open + 1, code: 'sd-unclosed',
          message: "The structured data opened here is never closed: ']' is missing.",
        });
        return { end: pos, facts };
      }
      let tokenEnd = tokenEndFrom(text, pos, lineEnd);
      if (bareValues && hasKey) {
        fields?.push({ group: 'sd', name: '(value)', start: pos, end: tokenEnd, keyStart: pos, keyEnd: pos, valueStart: pos, valueEnd: tokenEnd, value: text.slice(pos, tokenEnd) });
        pos = tokenEnd;
        continue;
      }
      problems.push({
        severity: 'error', start: pos, end: tokenEnd, code: 'sd-no-equals',
        message: `Structured data should be KEY="value" pairs; '${text.slice(pos, Math.min(tokenEnd, pos + 40))}' has no '='.`,
      });
      // `KEY "value"`: the quoted value belongs to the key that lost its '='; skip it with the key.
      const next = skipBlanksFrom(text, tokenEnd, lineEnd);
      if (hasKey && text.charCodeAt(next) === 34) {
        const close = findClosingQuote(text, next + 1, lineEnd);
        if (close !== -1) {
          tokenEnd = close + 1;
        }
      }
      pos = tokenEnd;
      continue;
    }
    const valueStart = keyEnd + 1;
    readValue(text, valueStart, lineEnd, keyStart, keyEnd, problems, scan);
    const { end, unterminated } = value;
    pos = end;
    const fact = factKey(text, keyStart, keyEnd);
    if (fact !== undefined && facts[fact] === undefined) {
      facts[fact] = decodeValue(text);
    }
    if (fields) {
      const name = text.slice(keyStart, keyEnd);
      fields.push({
        group: 'sd', name, start: keyStart, end, keyStart, keyEnd, valueStart, valueEnd: end, value: decodeValue(text),
      });
    }
    if (unterminated) {
      return { end: lineEnd, facts };
    }
  }
}

/** Upper-case word characters: `[A-Z0-9_]`. */
function isUpperWordChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * After the first word of a key (`NEW`), further upper-case words separated by single spaces and
 * ending at '=' (`NEW NAME=`): the end of the whole key. Otherwise `firstEnd` (the key is one word).
 */
function multiWordKeyEnd(text: string, keyStart: number, firstEnd: number, lineEnd: number): number {
  for (let i = keyStart; i < firstEnd; i++) {
    if (!isUpperWordChar(text.charCodeAt(i))) {
      return firstEnd;
    }
  }
  let p = firstEnd;
  for (let word = 0; word < 3 && p < lineEnd && text.charCodeAt(p) === 32; word++) {
    const from = p + 1;
    p = from;
    while (p < lineEnd && isUpperWordChar(text.charCodeAt(p))) {
      p++;
    }
    if (p === from) {
      return firstEnd;
    }
    if (text.charCodeAt(p) === 61 /* = */) {
      return p;
    }
  }
  return firstEnd;
}

function skipBlanksFrom(text: string, pos: number, lineEnd: number): number {
  while (pos < lineEnd && (text.charCodeAt(pos) === 32 || text.charCodeAt(pos) === 9)) {
    pos++;
  }
  return pos;
}

/**
 * Look-ahead questions about the rest of the line that broken items ask again and again. Answered
 * from tables built once (on first need) by one backward pass, so a long line full of broken items
 * stays linear instead of rescanning the line for each item.
 */
class LineScan {
  /** Bit 1: a ']' outside quotes follows when starting unquoted; bit 2: the same, starting inside quotes. */
  private closer?: Uint8Array;
  /** Next unescaped '"' at or after each position, or -1. */
  private quote?: Int32Array;

  constructor(private readonly text: string, private readonly from: number, private readonly lineEnd: number) {}

  /** Whether a ']' outside double quotes follows `pos` on the line (starting outside quotes). */
  hasCloser(pos: number): boolean {
    if (pos >= this.lineEnd) {
      return false;
    }
    this.build();
    return (this.closer![pos - this.from] & 1) !== 0;
  }

  /** Index of the next unescaped '"' in [pos, lineEnd), or -1 (as findClosingQuote). */
  nextQuote(pos: number): number {
    if (pos >= this.lineEnd) {
      return -1;
    }
    this.build();
    return this.quote![pos - this.from];
  }

  private build(): void {
    if (this.closer) {
      return;
    }
    const { text, from, lineEnd } = this;
    const size = lineEnd - from;
    const closer = new Uint8Array(size + 2);
    const quote = new Int32Array(size + 2).fill(-1);
    for (let i = lineEnd - 1; i >= from; i--) {
      const k = i - from;
      const c = text.charCodeAt(i);
      if (c === 92 /* \ */) {
        // The escaped character is skipped.
        closer[k] = closer[k + 2];
        quote[k] = quote[k + 2];
      } else if (c === 34 /* " */) {
        const after = closer[k + 1];
        closer[k] = ((after & 2) >> 1) | ((after & 1) << 1);
        quote[k] = i;
      } else {
        closer[k] = c === 93 /* ] */ ? 1 | closer[k + 1] : closer[k + 1];
        quote[k] = quote[k + 1];
      }
    }
    this.closer = closer;
    this.quote = quote;
  }
}

/** A token ends at whitespace or at the ']' that closes the structured data. */
function tokenEndFrom(text: string, pos: number, lineEnd: number): number {
  let end = pos;
  while (end < lineEnd) {
    const c = text.charCodeAt(end);
    if (c === 32 || c === 9 || c === 93) {
      break;
    }
    end++;
  }
  // At least one character (so callers always advance), but never past the line: a value that
  // starts at the very end of the line must not cover the line break.
  return Math.min(lineEnd, Math.max(end, pos + 1));
}

/** Longest value read between typographic quotes. */
const TYPOGRAPHIC_VALUE_MAX = 1000;

/** How the value text is written between `from` and `to`. */
const RAW = 0;
const UNESCAPE = 1;
const TRIM_THEN_UNESCAPE = 2;

/** The value read by the last readValue (module state: nothing allocated per item). */
const value = { end: 0, unterminated: false, from: 0, to: 0, decode: RAW as number };

/** The decoded text of the value read last. */
function decodeValue(text: string): string {
  const { from, to } = value;
  switch (value.decode) {
    case RAW:
      return text.slice(from, to);
    case UNESCAPE:
      return unescape(text.slice(from, to));
    default:
      return unescape(text.slice(from, to).trimEnd());
  }
}

function readValue(
  text: string, start: number, lineEnd: number, keyStart: number, keyEnd: number, problems: Problem[], scan: LineScan,
): void {
  value.unterminated = false;
  const first = text.charCodeAt(start);
  if (first === 0x201c || first === 0x201d || first === 0x201e) {
    const close = typographicClose(text, start + 1, lineEnd);
    if (close !== -1) {
      // “oag-mgmt”: the value is plain enough to read; the quotes are what a word processor makes of ".
      problems.push({
        severity: 'warning', start, end: close + 1, code: 'sd-typographic-quotes',
        message: `The value of ${text.slice(keyStart, keyEnd)} is between typographic quotes (“…”) instead of plain double quotes ("); it is read as if they were plain.`,
      });
      value.end = close + 1;
      value.from = start + 1;
      value.to = close;
      value.decode = RAW;
      return;
    }
  }
  if (first !== 34 /* " */) {
    // A value without its opening quote; when a closing quote follows later, the writer most likely
    // forgot only the opening one, so take everything up to it (the vendor's USER_AGENT example).
    let close = scan.nextQuote(start);
    if (close !== -1 && text.charCodeAt(close - 1) === 61 /* = */) {
      close = -1; // that quote opens the next pair's value
    }
    const end = close !== -1 ? close + 1 : tokenEndFrom(text, start, lineEnd);
    problems.push({
      severity: 'error', start, end: Math.min(end, start + Math.max(1, text.slice(start, end).search(/[\s"]|$/))), code: 'sd-unquoted',
      message: `The value of ${text.slice(keyStart, keyEnd)} should be in double quotes.`,
    });
    value.end = end;
    value.from = start;
    value.to = close !== -1 ? close : end;
    value.decode = RAW;
    return;
  }
  const close = findClosingQuote(text, start + 1, lineEnd);
  const nextKey = close === -1 ? -1 : nextPairStart(text, start + 1, close);
  if (close === -1 || nextKey !== -1) {
    // Either the line ends inside the value, or the quote found opens the next pair's value
    // (`SUBJECT="alice TYPE="SAML"`): the closing quote is missing.
    const end = nextKey !== -1 ? nextKey : lineEnd;
    problems.push({
      severity: 'error', start, end, code: 'sd-unterminated',
      message: `The value of ${text.slice(keyStart, keyEnd)} is not closed: its closing double quote is missing.`,
    });
    value.end = end;
    value.unterminated = nextKey === -1;
    value.from = start + 1;
    value.to = end;
    value.decode = TRIM_THEN_UNESCAPE;
    return;
  }
  let end = close + 1;
  const after = text.charCodeAt(end);
  if (end < lineEnd && after !== 32 && after !== 9 && after !== 93) {
    const junkEnd = tokenEndFrom(text, end, lineEnd);
    problems.push({
      severity: 'error', start: end, end: junkEnd, code: 'sd-after-value',
      message: `Unexpected text right after the value of ${text.slice(keyStart, keyEnd)}; pairs are separated by spaces.`,
    });
    end = junkEnd;
  }
  value.end = end;
  value.from = start + 1;
  value.to = close;
  value.decode = UNESCAPE;
}

/**
 * The quote that closes a value opened with a typographic quote: “, ” or " before a blank, ']' or the
 * end of the line. Looked for within a bounded stretch, so a line full of unclosed “ stays linear.
 */
function typographicClose(text: string, from: number, lineEnd: number): number {
  const stop = Math.min(lineEnd, from + TYPOGRAPHIC_VALUE_MAX);
  for (let i = from; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x201d || c === 0x201c || c === 34) {
      const after = text.charCodeAt(i + 1);
      if (i + 1 >= lineEnd || after === 32 || after === 9 || after === 93) {
        return i;
      }
    }
  }
  return -1;
}

/** When [from, close) ends with ` KEY=`, where that KEY starts; otherwise -1. */
function nextPairStart(text: string, from: number, close: number): number {
  if (text.charCodeAt(close - 1) !== 61 /* = */) {
    return -1;
  }
  const match = /\s([A-Za-z_][\w.-]*)=$/.exec(text.slice(from, close));
  return match ? from + match.index + 1 : -1;
}

/** Index of the next unescaped '"' in [from, lineEnd), or -1. */
function findClosingQuote(text: string, from: number, lineEnd: number): number {
  for (let i = from; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) {
      i++;
    } else if (c === 34) {
      return i;
    }
  }
  return -1;
}

function unescape(raw: string): string {
  return raw.indexOf('\\') === -1 ? raw : raw.replace(/\\(.)/g, '$1');
}
