/**
 * JSON payloads. A payload is checked by the engine's parser (fast, native) once its nesting is known
 * to be within bounds; everything else (locating the first error, reading a few values by key path,
 * finding the field under the cursor) is one pass of jsonc-parser's visitor, which builds no tree:
 * memory stays bounded by the nesting depth, whatever the number of tokens or errors in the payload.
 */
import { ParseErrorCode, visit } from 'jsonc-parser';
import { describeError } from './jsonErrors';
import { Field, Problem } from './model';

/**
 * Nesting deeper than this is reported, and the payload is not read further: the engine's parser holds
 * state per level before it fails on an unterminated payload (hundreds of MB for `[[[[` over 10 MB), and
 * the visitor recurses per level. Real payloads nest four or five levels.
 */
export const MAX_JSON_DEPTH = 1000;

/**
 * After this many syntax errors a payload is read no further (for its facts and its hover fields): a
 * missing comma or two still leaves the rest readable, but text with an error at every token (`[1 1 1`,
 * `{}{}{}` over megabytes) is no longer JSON, and reading it to the end would cost a pass over all of it
 * for nothing.
 */
export const MAX_JSON_ERRORS = 100;

const OPTIONS = { disallowComments: true, allowTrailingComma: false };

export type CutBy = 'next entry' | 'end of file';

export interface PayloadCheck {
  /** Whether the payload is valid JSON (then `value` is what the engine's parser made of it). */
  valid: boolean;
  value?: unknown;
  /** Nesting beyond MAX_JSON_DEPTH: nothing more can be read from this payload. */
  tooDeep?: Problem;
}

/** `text` is the payload as written, `base` its offset in the document. */
export function checkPayload(text: string, base: number): PayloadCheck {
  if (nestedTooDeep(text)) {
    return {
      valid: false,
      tooDeep: {
        severity: 'error', start: base, end: base + 1, code: 'json-too-deep',
        message: `This JSON payload is nested more than ${MAX_JSON_DEPTH} levels deep, too deep to be analysed.`,
      },
    };
  }
  try {
    return { valid: true, value: JSON.parse(text) };
  } catch {
    return { valid: false };
  }
}

/**
 * Whether brackets nest deeper than `max` in `text`, counting as the parsers do: not inside strings,
 * which end at their closing quote or, unterminated, at a line break. Linear; text shorter than `max`
 * cannot nest deeper and is not scanned.
 */
export function nestedTooDeep(text: string, max = MAX_JSON_DEPTH): boolean {
  if (text.length <= max) {
    return false;
  }
  let depth = 0;
  const length = text.length;
  // Strings, most of a payload, are skipped with indexOf; a line break ends an unterminated one. The
  // next LF and CR are looked up again only once passed, so each is searched for once overall.
  let lf = -1;
  let cr = -1;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      let close = text.indexOf('"', i + 1);
      while (close !== -1 && escaped(text, close)) {
        close = text.indexOf('"', close + 1);
      }
      if (lf !== length && lf < i) {
        lf = nextOrEnd(text, '\n', i);
      }
      if (cr !== length && cr < i) {
        cr = nextOrEnd(text, '\r', i);
      }
      const lineBreak = Math.min(lf, cr);
      i = close === -1 || close > lineBreak ? lineBreak : close;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) {
        return true;
      }
    } else if ((c === 125 /* } */ || c === 93 /* ] */) && depth > 0) {
      depth--;
    }
  }
  return false;
}

/** Whether the character at `at` follows an odd number of backslashes. */
function escaped(text: string, at: number): boolean {
  let backslashes = 0;
  while (text.charCodeAt(at - 1 - backslashes) === 92) {
    backslashes++;
  }
  return backslashes % 2 === 1;
}

function nextOrEnd(text: string, character: string, from: number): number {
  const at = text.indexOf(character, from);
  return at === -1 ? text.length : at;
}

// ----------------------------------------------------------------------- values by key path, one pass

export interface JsonScalar {
  type: 'string' | 'number' | 'boolean' | 'null';
  /** Strings decoded; numbers, booleans and null as their literal text (see `literal`). */
  value: string;
  /** The value as written (numbers keep their digits: 9007199254740993 is not rounded, 1e400 is no Infinity). */
  literal: string;
}

export interface WantedPaths {
  /** Paths (keys joined with '.') of the values to read. */
  scalars: ReadonlySet<string>;
  /** Paths of the objects that lead to them, '' for the root object. */
  objects: ReadonlySet<string>;
}

export interface DuplicateKey {
  path: string;
  /** Offsets of the later key in the payload text. */
  keyStart: number;
  keyEnd: number;
}

export interface PathScan {
  /** The wanted values, as the last of duplicate keys sets them (as the engine's parser would). */
  values: Map<string, JsonScalar>;
  /** The wanted objects present (a later key with another kind of value removes one). */
  objects: Set<string>;
  /** Wanted keys written twice in one object. */
  duplicates: DuplicateKey[];
  /** The first syntax error, if any. */
  problem?: Problem;
}

/** Thrown from the visitor's callbacks to end a pass early: after too many errors, or past the offset looked for. */
const STOP = Symbol('stop');
const PAST = Symbol('past');

interface ScanFrame {
  /** The object's path when it is one of the wanted objects; null for arrays and other objects. */
  path: string | null;
  isArray: boolean;
  /** The key whose value comes next. */
  key: string | undefined;
  /** Wanted keys seen in this object. */
  seen: Set<string> | undefined;
}

/**
 * One pass over a payload (valid or not) that reads the values at `wanted` paths, notes wanted keys
 * written twice in one object, and locates the first syntax error. Values live in maps without
 * prototypes: `__proto__` is a key like any other. Memory: the nesting depth plus the wanted values.
 */
export function scanPayload(text: string, base: number, cutBy: CutBy, wanted: WantedPaths): PathScan {
  const values = new Map<string, JsonScalar>();
  const objects = new Set<string>();
  const duplicates: DuplicateKey[] = [];
  const stack: ScanFrame[] = [];
  let problem: Problem | undefined;
  let errors = 0;
  const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);
  /** The path a value takes where it starts now, if it is wanted; consumes the pending key. */
  const valuePath = (): string | null => {
    const top = stack[stack.length - 1];
    if (!top) {
      return '';
    }
    const key = top.key;
    top.key = undefined;
    return top.path !== null && key !== undefined ? join(top.path, key) : null;
  };
  /**
   * A new value at `path` replaces what an earlier (duplicate) key had put there or below. Only wanted
   * paths can have anything recorded at or below them.
   */
  const replace = (path: string): void => {
    if (!wanted.scalars.has(path) && !wanted.objects.has(path)) {
      return;
    }
    const within = (known: string): boolean => known === path || known.startsWith(path + '.');
    for (const known of values.keys()) {
      if (within(known)) {
        values.delete(known);
      }
    }
    for (const known of objects) {
      if (within(known)) {
        objects.delete(known);
      }
    }
  };
  const begin = (isArray: boolean): void => {
    const path = valuePath();
    if (path !== null && path !== '') {
      replace(path);
    }
    const tracked = !isArray && path !== null && wanted.objects.has(path);
    if (tracked) {
      objects.add(path);
    }
    stack.push({ path: tracked ? path : null, isArray, key: undefined, seen: tracked ? new Set() : undefined });
  };
  try {
    visit(text, {
      onObjectBegin: () => begin(false),
      onArrayBegin: () => begin(true),
      onObjectEnd: () => {
        stack.pop();
      },
      onArrayEnd: () => {
        stack.pop();
      },
      onObjectProperty: (name, offset, length) => {
        const top = stack[stack.length - 1];
        if (!top) {
          return;
        }
        top.key = name;
        if (top.path !== null && top.seen) {
          const path = join(top.path, name);
          if (wanted.scalars.has(path) || wanted.objects.has(path)) {
            if (top.seen.has(name)) {
              duplicates.push({ path, keyStart: offset, keyEnd: offset + length });
            }
            top.seen.add(name);
          }
        }
      },
      onLiteralValue: (value: unknown, offset, length) => {
        const path = valuePath();
        if (path === null || path === '') {
          return;
        }
        replace(path);
        if (wanted.scalars.has(path)) {
          const literal = text.slice(offset, offset + length);
          values.set(path, { type: scalarType(value), value: typeof value === 'string' ? value : literal, literal });
        }
      },
      onError: (code, offset, length) => {
        if (!problem) {
          const top = stack[stack.length - 1];
          problem = describeError(text, base, cutBy, code, offset, length, top ? (top.isArray ? 'array' : 'object') : undefined);
        }
        if (++errors > MAX_JSON_ERRORS) {
          throw STOP;
        }
      },
    }, OPTIONS);
  } catch {
    // STOP after too many errors; or the visitor's recursion failed (callers have checked the depth, but
    // a payload must never throw). The values read so far stand.
  }
  return { values, objects, duplicates, problem };
}

function scalarType(value: unknown): JsonScalar['type'] {
  return value === null ? 'null' : typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : 'boolean';
}

// ------------------------------------------------------------------------------------ hover fields

interface FieldFrame {
  /** The object's key path, when it is reachable from the root through objects; null otherwise. */
  path: string | null;
  /** The key whose value comes next (a Field without its value yet). */
  pending: Field | undefined;
  /** The field whose value this object or array is; completed when it closes. */
  container: Field | undefined;
}

/**
 * Walks the keys of objects reachable from the root through objects (keys inside arrays are not
 * fields), calling `onField` as each field is complete (a key with an object or array value when that
 * value closes). `stopAfter` (an offset in `text`): the pass ends after the first token that starts
 * beyond it, unless an object or array whose key holds that offset is still open. Fields are made one
 * at a time and not kept here.
 */
function visitFields(text: string, base: number, onField: (field: Field) => void, stopAfter = Infinity): void {
  if (nestedTooDeep(text)) {
    return;
  }
  const stack: FieldFrame[] = [];
  /** Open objects or arrays whose key holds `stopAfter`: their field is complete only when they close. */
  let waiting = 0;
  let errors = 0;
  const holdsTarget = (field: Field): boolean => field.keyStart - base <= stopAfter && stopAfter < field.keyEnd - base;
  const checkPast = (offset: number): void => {
    if (offset > stopAfter && waiting === 0) {
      throw PAST;
    }
  };
  const flushPending = (frame: FieldFrame): void => {
    if (frame.pending) {
      onField(frame.pending);
      frame.pending = undefined;
    }
  };
  const begin = (offset: number, jsonType: 'object' | 'array'): void => {
    const parent = stack[stack.length - 1];
    const field = parent?.pending;
    if (parent) {
      parent.pending = undefined;
    }
    if (field) {
      field.valueStart = base + offset;
      field.jsonType = jsonType;
      if (holdsTarget(field)) {
        waiting++;
      }
    }
    const path = jsonType === 'array' ? null : !parent ? '' : field ? field.name : null;
    stack.push({ path, pending: undefined, container: field });
    checkPast(offset);
  };
  const end = (offset: number, length: number): void => {
    const frame = stack.pop();
    if (!frame) {
      return;
    }
    flushPending(frame);
    const field = frame.container;
    if (field) {
      field.valueEnd = field.end = base + offset + length;
      if (holdsTarget(field)) {
        waiting--;
      }
      onField(field);
    }
    checkPast(offset);
  };
  try {
    visit(text, {
      onObjectBegin: (offset) => begin(offset, 'object'),
      onArrayBegin: (offset) => begin(offset, 'array'),
      onObjectEnd: end,
      onArrayEnd: end,
      onObjectProperty: (name, offset, length) => {
        const top = stack[stack.length - 1];
        if (top && top.path !== null) {
          flushPending(top);
          const keyEnd = base + offset + length;
          top.pending = {
            group: 'json', name: top.path ? `${top.path}.${name}` : name, key: name, start: base + offset, end: keyEnd,
            keyStart: base + offset, keyEnd, valueStart: keyEnd, valueEnd: keyEnd, value: '', jsonType: undefined,
          };
        }
        checkPast(offset);
      },
      onSeparator: (separator, offset, length) => {
        const pending = stack[stack.length - 1]?.pending;
        if (separator === ':' && pending) {
          // A key without a value still covers its colon.
          pending.end = base + offset + length;
        }
      },
      onLiteralValue: (value: unknown, offset, length) => {
        const top = stack[stack.length - 1];
        const field = top?.pending;
        if (top && field) {
          top.pending = undefined;
          field.valueStart = base + offset;
          field.valueEnd = field.end = base + offset + length;
          field.value = typeof value === 'string' ? value : text.slice(offset, offset + length);
          field.jsonType = scalarType(value);
          onField(field);
        }
        checkPast(offset);
      },
      onError: () => {
        if (++errors > MAX_JSON_ERRORS) {
          throw STOP;
        }
      },
    }, OPTIONS);
  } catch (error) {
    if (error === PAST) {
      return;
    }
    // Too many errors (STOP), or a failure of the visitor itself: what was found so far stands, and
    // what is still open is taken to run to the end, as in an unterminated payload.
  }
  // An unterminated payload: what is still open runs to its end.
  while (stack.length > 0) {
    const frame = stack.pop()!;
    flushPending(frame);
    if (frame.container) {
      frame.container.valueEnd = frame.container.end = base + text.length;
      onField(frame.container);
    }
  }
}

/** Every key of the payload as a Field (key path joined with '.'), in document order. */
export function collectJsonFields(text: string, base: number, out: Field[]): void {
  const found: Field[] = [];
  visitFields(text, base, (field) => found.push(field));
  found.sort((a, b) => a.keyStart - b.keyStart);
  out.push(...found);
}

/**
 * The field under `offset` (on its key, or on its value when that is not an object or array), found by
 * reading the payload up to that offset: the fields before it are looked at one by one and dropped,
 * so a payload with a million keys costs no memory per key.
 */
export function jsonFieldAt(text: string, base: number, offset: number): Field | undefined {
  let best: Field | undefined;
  visitFields(text, base, (field) => {
    const onKey = offset >= field.keyStart && offset < field.keyEnd;
    const onValue = offset >= field.valueStart && offset <= field.valueEnd && field.jsonType !== 'object' && field.jsonType !== 'array';
    // Prefer the innermost (latest starting) match.
    if ((onKey || onValue) && (!best || field.start >= best.start)) {
      best = field;
    }
  }, offset - base);
  return best;
}
