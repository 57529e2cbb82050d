/** Line bookkeeping on plain strings, in UTF-16 offsets (the unit of LSP positions by default). */

export interface Position {
  line: number;
  character: number;
}

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  let at = text.indexOf('\n');
  while (at !== -1) {
    starts.push(at + 1);
    at = text.indexOf('\n', at + 1);
  }
  // A lone CR also ends a line for editors; such files are rare, so take the slow path only then.
  if (text.indexOf('\r') !== -1 && hasLoneCarriageReturn(text)) {
    return computeLineStartsWithCR(text);
  }
  return starts;
}

function hasLoneCarriageReturn(text: string): boolean {
  let at = text.indexOf('\r');
  while (at !== -1) {
    if (text.charCodeAt(at + 1) !== 10) {
      return true;
    }
    at = text.indexOf('\r', at + 1);
  }
  return false;
}

function computeLineStartsWithCR(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        i++;
      }
      starts.push(i + 1);
    } else if (ch === 10) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Index of the line containing `offset` (binary search). */
export function lineOf(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid] <= offset) {
      low = mid;
    } else {
      high = mid - 1;
    }
  }
  return low;
}

/** End of line `line`'s content, before its line break. */
export function lineContentEnd(text: string, lineStarts: readonly number[], line: number): number {
  let end = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
  if (end > lineStarts[line] && text.charCodeAt(end - 1) === 10) {
    end--;
  }
  if (end > lineStarts[line] && text.charCodeAt(end - 1) === 13) {
    end--;
  }
  return end;
}

export function positionAt(lineStarts: readonly number[], textLength: number, offset: number): Position {
  const clamped = Math.max(0, Math.min(offset, textLength));
  const line = lineOf(lineStarts, clamped);
  return { line, character: clamped - lineStarts[line] };
}

export function offsetAt(text: string, lineStarts: readonly number[], position: Position): number {
  if (position.line < 0) {
    return 0;
  }
  if (position.line >= lineStarts.length) {
    return text.length;
  }
  const end = lineContentEnd(text, lineStarts, position.line);
  return Math.max(lineStarts[position.line], Math.min(lineStarts[position.line] + Math.max(0, position.character), end));
}

// ---------------------------------------------------------------- character classes, by UTF-16 code

/** `[0-9]`. False past the end of the text (NaN). */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A space or a tab. */
export function isBlankOrTab(c: number): boolean {
  return c === 32 || c === 9;
}

/** `\w`: `[A-Za-z0-9_]`. */
export function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** What `\s` matches in a JavaScript regular expression (white space and line terminators). */
export function isJsWhitespace(c: number): boolean {
  if (c < 128) {
    return c === 32 || (c >= 9 && c <= 13);
  }
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029
    || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Whether text[start, end) equals `word`, without taking the substring. */
export function equalsAt(text: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) {
    return false;
  }
  for (let i = 0; i < word.length; i++) {
    if (text.charCodeAt(start + i) !== word.charCodeAt(i)) {
      return false;
    }
  }
  return true;
}

/** Whether text[start, end) is one of `list`, without taking the substring. */
export function matchesOneOf(list: readonly string[], text: string, start: number, end: number): boolean {
  for (const word of list) {
    if (equalsAt(text, start, end, word)) {
      return true;
    }
  }
  return false;
}

/**
 * Substrings that repeat across a document (component names, severities, header words): equal text
 * gets the same string again, so a large document keeps one copy instead of one per entry. A small
 * direct-mapped table: a new value replaces whatever shared its slot, so memory stays bounded and the
 * cache follows values that change along the document. The table keeps copies of its own, so it
 * never holds on to a document's text. Long values are sliced as usual.
 */
export class StringCache {
  private readonly slots: (string | undefined)[];
  private readonly mask: number;

  constructor(sizeLog2 = 10, private readonly maxLength = 64) {
    this.slots = new Array<string | undefined>(1 << sizeLog2).fill(undefined);
    this.mask = (1 << sizeLog2) - 1;
  }

  slice(text: string, start: number, end: number): string {
    const length = end - start;
    if (length > this.maxLength || length <= 0) {
      return text.slice(start, end);
    }
    // Hash the ends only: cheap for long values, and the comparison below settles equality.
    let hash = length;
    const headEnd = Math.min(end, start + 4);
    for (let i = start; i < headEnd; i++) {
      hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
    }
    for (let i = Math.max(headEnd, end - 4); i < end; i++) {
      hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
    }
    const slot = (hash ^ (hash >>> 15)) & this.mask;
    const known = this.slots[slot];
    if (known !== undefined && known.length === length && text.startsWith(known, start)) {
      return known;
    }
    const value = copyOf(text, start, end);
    this.slots[slot] = value;
    return value;
  }
}

/**
 * `s` as a string of its own. V8 keeps a slice of 13 or more characters as a view into the string it
 * was cut from, so a value kept on an entry would otherwise keep a whole document version (50 MB for a
 * large log) alive after the next edit. Flattening a fresh concatenation copies the characters.
 */
export function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

const codes: number[] = [];

/** text[start, end) as a string of its own (a substring may share, and so keep alive, the whole text). */
export function copyOf(text: string, start: number, end: number): string {
  codes.length = end - start;
  for (let i = start; i < end; i++) {
    codes[i - start] = text.charCodeAt(i);
  }
  return String.fromCharCode(...codes);
}
