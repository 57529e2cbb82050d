/**
 * JSON syntax errors in words a person reads: where to look, and for the usual mistakes (Python's
 * True/False/None, single quotes, NaN, unquoted names, a comma before a closing bracket) what to write.
 */
import { ParseErrorCode } from 'jsonc-parser';
import type { CutBy } from './json';
import { Problem } from './model';

/**
 * The problem of a JSON syntax error at `offset` of a payload that starts at `base`: underlined where a
 * person would fix it, in plain words for the usual mistakes. `inside`: the innermost open container.
 */
export function describeError(
  text: string, base: number, cutBy: CutBy, code: ParseErrorCode, offset: number, length: number, inside: 'object' | 'array' | undefined,
): Problem {
  const atEnd = offset >= text.length;
  let start = base + offset;
  let end = base + offset + Math.max(1, length);
  if (atEnd) {
    // Nothing to underline at the end: mark the last character written instead.
    const last = lastNonSpace(text);
    start = base + last;
    end = base + last + 1;
  }
  const friendly = atEnd ? undefined : plainWords(code, text, offset, length);
  if (friendly?.start !== undefined) {
    start = base + friendly.start;
    end = start + 1;
  }
  return { severity: 'error', start, end, code: 'json-syntax', message: friendly?.message ?? describeJsonError(code, inside, atEnd, cutBy) };
}

/** The last character before `offset` that is not white space, or -1. */
function previousNonSpace(text: string, offset: number): number {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i])) {
    i--;
  }
  return i;
}

/**
 * What people (and programs written in other languages) most often get wrong, said in their words:
 * `False` and `None` from Python, single quotes, `NaN`, unquoted names, a comma before a closing bracket.
 * `start` moves the underline when the mistake is before the place the parser stopped (the comma).
 */
function plainWords(code: ParseErrorCode, text: string, offset: number, length: number): { message: string; start?: number } | undefined {
  const token = text.slice(offset, offset + Math.min(length, 40));
  if (code === ParseErrorCode.InvalidSymbol) {
    if (/^(true|false)$/i.test(token)) {
      return { message: `JSON booleans are lowercase: ${token.toLowerCase()}.` };
    }
    if (/^(none|nil|null|undefined)$/i.test(token)) {
      return { message: `An empty value is written null in JSON, not ${token}.` };
    }
    if (/^-?(nan|infinity)$/i.test(token)) {
      return { message: `JSON has no ${token}: write a number, or null.` };
    }
    if (token.startsWith("'")) {
      return { message: 'JSON strings are written in double quotes, not single quotes.' };
    }
    const before = previousNonSpace(text, offset);
    if (/^[A-Za-z_$][\w$]*$/.test(token) && length <= 40 && (text[before] === '{' || text[before] === ',')) {
      return { message: `A property name is written in double quotes in JSON: "${token}".` };
    }
  }
  if ((code === ParseErrorCode.PropertyNameExpected || code === ParseErrorCode.ValueExpected) && (token === '}' || token === ']')) {
    const before = previousNonSpace(text, offset);
    if (text[before] === ',') {
      return { message: `JSON does not allow a comma before '${token}'.`, start: before };
    }
  }
  return undefined;
}

function lastNonSpace(text: string): number {
  let i = text.length - 1;
  while (i > 0 && /\s/.test(text[i])) {
    i--;
  }
  return Math.max(0, i);
}

function describeJsonError(code: ParseErrorCode, inside: 'object' | 'array' | undefined, atEnd: boolean, cutBy: string): string {
  if (atEnd && inside) {
    const closer = inside === 'object' ? "'}'" : "']'";
    return `The JSON ${inside} is not closed: the ${cutBy} comes before its ${closer}.`;
  }
  switch (code) {
    case ParseErrorCode.CommaExpected:
      return inside === 'array' ? "Expected ',' or ']' after an array element." : "Expected ',' or '}' after a property value.";
    case ParseErrorCode.ColonExpected:
      return "Expected ':' after the property name.";
    case ParseErrorCode.PropertyNameExpected:
      return 'Expected a property name in double quotes.';
    case ParseErrorCode.ValueExpected:
      return 'Expected a value (a string, number, object, array, true, false or null).';
    case ParseErrorCode.CloseBraceExpected:
      return "Expected '}' to close the object.";
    case ParseErrorCode.CloseBracketExpected:
      return "Expected ']' to close the array.";
    case ParseErrorCode.EndOfFileExpected:
      return 'Unexpected text after the end of the JSON payload.';
    case ParseErrorCode.InvalidNumberFormat:
      return 'This is not a valid JSON number.';
    case ParseErrorCode.UnexpectedEndOfString:
      return 'The string is not closed: a double quote is missing.';
    case ParseErrorCode.UnexpectedEndOfNumber:
      return 'The number is incomplete.';
    case ParseErrorCode.InvalidUnicode:
      return 'Invalid \\u escape in a string: four hexadecimal digits are expected.';
    case ParseErrorCode.InvalidEscapeCharacter:
      return 'Invalid escape sequence in a string.';
    case ParseErrorCode.InvalidCharacter:
      return 'Control characters are not allowed inside a JSON string.';
    case ParseErrorCode.InvalidCommentToken:
    case ParseErrorCode.UnexpectedEndOfComment:
    case ParseErrorCode.InvalidSymbol:
    default:
      return 'Unexpected character in the JSON payload.';
  }
}
