/**
 * JSON payloads: validated with the engine's parser first (fast), and only when that fails
 * re-read with jsonc-parser to locate the first error precisely.
 */
import { ParseErrorCode, parse as parseTolerant, parseTree, Node, visit } from 'jsonc-parser';
import { Field, Problem } from './model';

export interface PayloadResult {
  /** The parsed value (best effort when the JSON is malformed); undefined when nothing usable. */
  value: unknown;
  problem?: Problem;
}

/**
 * `text` is the payload as written; `base` is its offset in the document; `cutBy` says what ended
 * the entry, for the message when the JSON is cut off.
 */
export function readPayload(text: string, base: number, cutBy: 'next entry' | 'end of file'): PayloadResult {
  try {
    return { value: JSON.parse(text) };
  } catch {
    // fall through to the slow path that can say where and why
  }
  try {
    const problem = firstJsonError(text, base, cutBy);
    const value = parseTolerant(text, [], { disallowComments: true, allowTrailingComma: false });
    return { value, problem };
  } catch (error) {
    // jsonc-parser recurses per nesting level; absurd nesting exhausts the stack.
    return {
      value: undefined,
      problem: {
        severity: 'error',
        start: base,
        end: base + 1,
        code: 'json-too-deep',
        message: 'This JSON payload is nested too deeply to be analysed.',
      },
    };
  }
}

function firstJsonError(text: string, base: number, cutBy: string): Problem | undefined {
  const containers: ('object' | 'array')[] = [];
  let found: Problem | undefined;
  visit(
    text,
    {
      onObjectBegin: () => {
        containers.push('object');
      },
      onObjectEnd: () => {
        containers.pop();
      },
      onArrayBegin: () => {
        containers.push('array');
      },
      onArrayEnd: () => {
        containers.pop();
      },
      onError: (code, offset, length) => {
        if (found) {
          return;
        }
        const inside = containers[containers.length - 1];
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
        found = { severity: 'error', start, end, code: 'json-syntax', message: friendly?.message ?? describeJsonError(code, inside, atEnd, cutBy) };
      },
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  return found;
}

/**
 * What people (and programs written in other languages) most often get wrong, said in their words:
 * `False` and `None` from Python, single quotes, `NaN`, unquoted names, a comma before a closing bracket.
 * `start` moves the underline when the mistake is before the place the parser stopped (the comma).
 */
function plainWords(code: ParseErrorCode, text: string, offset: number, length: number): { message: string; start?: number } | undefined {
  const token = text.slice(offset, offset + length);
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
    if (/^[A-Za-z_$][\w$]*$/.test(token) && /[{,]$/.test(text.slice(0, offset).trimEnd())) {
      return { message: `A property name is written in double quotes in JSON: "${token}".` };
    }
  }
  if ((code === ParseErrorCode.PropertyNameExpected || code === ParseErrorCode.ValueExpected) && (token === '}' || token === ']')) {
    const before = text.slice(0, offset).trimEnd();
    if (before.endsWith(',')) {
      return { message: `JSON does not allow a comma before '${token}'.`, start: before.length - 1 };
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

/** Every key of the payload as a Field (key path joined with '.'), in document order. */
export function collectJsonFields(text: string, base: number, out: Field[]): void {
  let root: Node | undefined;
  try {
    root = parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
  } catch {
    return;
  }
  if (!root) {
    return;
  }
  // Iterative walk: payloads can be nested far deeper than the call stack allows.
  const stack: { node: Node; path: string }[] = [{ node: root, path: '' }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (node.type !== 'object' || !node.children) {
      continue;
    }
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) {
      const property = children[i];
      const [key, value] = property.children ?? [];
      if (!key || typeof key.value !== 'string') {
        continue;
      }
      const name = path ? `${path}.${key.value}` : key.value;
      const valueStart = value ? value.offset : key.offset + key.length;
      const valueEnd = value ? value.offset + value.length : valueStart;
      out.push({
        group: 'json',
        name,
        start: base + property.offset,
        end: base + Math.max(property.offset + property.length, valueEnd),
        keyStart: base + key.offset,
        keyEnd: base + key.offset + key.length,
        valueStart: base + valueStart,
        valueEnd: base + valueEnd,
        value: value ? literalText(value) : '',
        jsonType: value && value.type !== 'property' ? value.type : undefined,
      });
      if (value && value.type === 'object') {
        stack.push({ node: value, path: name });
      }
    }
  }
  out.sort((a, b) => a.keyStart - b.keyStart);
}

function literalText(node: Node): string {
  switch (node.type) {
    case 'string':
      return String(node.value);
    case 'number':
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
    default:
      return '';
  }
}
