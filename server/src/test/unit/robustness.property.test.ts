/** Hostile logs never crash: any text parses, and every feature answers inside the document. */
import { test } from 'node:test';
import fc from 'fast-check';
import { LogFormat } from '../../service/model';
import { computeLineStarts, lineContentEnd, Position } from '../../service/text';
import { ALL_FRAGMENTS, documentText } from './fragments';
import { exerciseFeatures, runs } from './helpers';

const HOSTILE = ['\u0000', '\ud800', '\udfff', '\udc00\ud800', '\r', '\n', '\r\n', '\n\r', '\u2028', '\u2029', '😀', '👩‍👩‍👧', '\uFEFF', '\t', 'é', 'e\u0301', '\u007f', '\u001b[31m', '\\', '\\"', '"', '{', '[', ']', '}', '='];

const hostile = fc.constantFrom(...HOSTILE);

/** Log-like text with hostile characters sprinkled in at random places. */
const sprinkled: fc.Arbitrary<string> = fc
  .tuple(documentText, fc.array(fc.tuple(fc.nat(), hostile), { maxLength: 8 }))
  .map(([text, inserts]) => {
    let out = text;
    for (const [at, ch] of inserts) {
      const i = out.length === 0 ? 0 : at % (out.length + 1);
      out = out.slice(0, i) + ch + out.slice(i);
    }
    return out;
  });

/** Pieces of both formats, hostile characters and arbitrary Unicode, with mixed line breaks. */
const mixed: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...ALL_FRAGMENTS), hostile, fc.string({ unit: 'binary', maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 10 })),
      fc.constantFrom('', '\n', '\r\n', '\r', ' '),
    ),
    { maxLength: 20 },
  )
  .map((parts) => parts.map(([a, b]) => a + b).join(''));

const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'binary-ascii', maxLength: 200 }),
  sprinkled,
  mixed,
);

const formats = fc.constantFrom<LogFormat>('bluecedar', 'oag');

/** Random positions: mostly inside the text, some past line ends and past the last line. */
function positionsFor(text: string, seeds: [number, number][]): Position[] {
  const starts = computeLineStarts(text);
  return seeds.map(([a, b]) => {
    const line = a % (starts.length + 2);
    const length = line < starts.length ? lineContentEnd(text, starts, line) - starts[line] : 0;
    return { line, character: b % (length + 3) };
  });
}

/** Every character position of every line (for short texts). */
function everyPosition(text: string): Position[] {
  const starts = computeLineStarts(text);
  const out: Position[] = [];
  for (let line = 0; line < starts.length; line++) {
    const length = lineContentEnd(text, starts, line) - starts[line];
    for (let character = 0; character <= length; character++) {
      out.push({ line, character });
    }
  }
  return out;
}

test('any text: parsing and every feature never throw, and every range lies inside the document', () => {
  fc.assert(
    fc.property(formats, anyText, fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 20 }), (format, text, seeds) => {
      exerciseFeatures(text, format, positionsFor(text, seeds));
    }),
    { numRuns: runs(300) },
  );
});

test('log-like text: hover, definition, references and highlights at every position stay inside the document', () => {
  fc.assert(
    fc.property(formats, sprinkled.filter((t) => t.length < 1500), (format, text) => {
      exerciseFeatures(text, format, everyPosition(text));
    }),
    { numRuns: runs(60) },
  );
});
