/**
 * OAG structured data: `[KEY="value" KEY="value" ...]`. Values may hold escaped quotes, spaces, '='
 * and brackets. Real logs (and the vendor's own examples) contain mistakes, so the reader recovers
 * and reports each one where it is.
 */
import { Field, Problem } from '../model';

export interface StructuredData {
  /** Offset just after the closing ']' (or the end of the line when it is missing). */
  end: number;
  /** Decoded values by key (first occurrence wins). */
  values: Map<string, string>;
}

const KEY = /[A-Za-z_][\w.-]*/y;

/**
 * `bareValues`: whether items without '=' are part of the data (the HOST check event carries the
 * checked domain that way); elsewhere they are mistakes.
 */
export function readStructuredData(
  text: string, open: number, lineEnd: number, problems: Problem[], fields?: Field[], bareValues = false,
): StructuredData {
  const values = new Map<string, string>();
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
      return { end: lineEnd, values };
    }
    if (text.charCodeAt(pos) === 93 /* ] */) {
      return { end: pos + 1, values };
    }
    KEY.lastIndex = pos;
    const key = KEY.exec(text);
    const keyStart = pos;
    const keyEnd = key ? KEY.lastIndex : pos;
    if (!key || text.charCodeAt(keyEnd) !== 61 /* = */) {
      if (!scan.hasCloser(pos)) {
        // No ']' anywhere ahead: the data ended without it and the rest is the message.
        problems.push({
          severity: 'error', start: open, end: open + 1, code: 'sd-unclosed',
          message: "The structured data opened here is never closed: ']' is missing.",
        });
        return { end: pos, values };
      }
      let tokenEnd = tokenEndFrom(text, pos, lineEnd);
      if (bareValues && key) {
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
      if (key && text.charCodeAt(next) === 34) {
        const close = findClosingQuote(text, next + 1, lineEnd);
        if (close !== -1) {
          tokenEnd = close + 1;
        }
      }
      pos = tokenEnd;
      continue;
    }
    const valueStart = keyEnd + 1;
    const value = readValue(text, valueStart, lineEnd, key[0], problems, scan);
    pos = value.end;
    if (!values.has(key[0])) {
      values.set(key[0], value.text);
    }
    fields?.push({
      group: 'sd', name: key[0], start: keyStart, end: value.end, keyStart, keyEnd,
      valueStart, valueEnd: value.end, value: value.text,
    });
    if (value.unterminated) {
      return { end: lineEnd, values };
    }
  }
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

interface Value {
  text: string;
  end: number;
  unterminated?: boolean;
}

function readValue(text: string, start: number, lineEnd: number, key: string, problems: Problem[], scan: LineScan): Value {
  if (text.charCodeAt(start) !== 34 /* " */) {
    // A value without its opening quote; when a closing quote follows later, the writer most likely
    // forgot only the opening one, so take everything up to it (the vendor's USER_AGENT example).
    let close = scan.nextQuote(start);
    if (close !== -1 && text.charCodeAt(close - 1) === 61 /* = */) {
      close = -1; // that quote opens the next pair's value
    }
    const end = close !== -1 ? close + 1 : tokenEndFrom(text, start, lineEnd);
    problems.push({
      severity: 'error', start, end: Math.min(end, start + Math.max(1, text.slice(start, end).search(/[\s"]|$/))), code: 'sd-unquoted',
      message: `The value of ${key} should be in double quotes.`,
    });
    return { text: text.slice(start, close !== -1 ? close : end), end };
  }
  const close = findClosingQuote(text, start + 1, lineEnd);
  const nextKey = close === -1 ? -1 : nextPairStart(text, start + 1, close);
  if (close === -1 || nextKey !== -1) {
    // Either the line ends inside the value, or the quote found opens the next pair's value
    // (`SUBJECT="alice TYPE="SAML"`): the closing quote is missing.
    const end = nextKey !== -1 ? nextKey : lineEnd;
    problems.push({
      severity: 'error', start, end, code: 'sd-unterminated',
      message: `The value of ${key} is not closed: its closing double quote is missing.`,
    });
    return { text: unescape(text.slice(start + 1, end).trimEnd()), end, unterminated: nextKey === -1 };
  }
  let end = close + 1;
  const after = text.charCodeAt(end);
  if (end < lineEnd && after !== 32 && after !== 9 && after !== 93) {
    const junkEnd = tokenEndFrom(text, end, lineEnd);
    problems.push({
      severity: 'error', start: end, end: junkEnd, code: 'sd-after-value',
      message: `Unexpected text right after the value of ${key}; pairs are separated by spaces.`,
    });
    end = junkEnd;
  }
  return { text: unescape(text.slice(start + 1, close)), end };
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
