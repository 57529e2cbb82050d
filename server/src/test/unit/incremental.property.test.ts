/** applyEdit (incremental re-parse) must give exactly what a fresh parse of the new text gives. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseLog } from '../../service/parse';
import { applyEdit, TextEdit } from '../../service/incremental';
import { getLanguageService } from '../../service/languageService';
import { positionAt } from '../../service/text';
import { LogFormat } from '../../service/model';
import { crlfDocumentText, crlfEditSpec, documentText, piece, WHOLE_ENTRIES } from './fragments';
import { LENS_COMMANDS, OPTIONS, projection, runs } from './helpers';

interface EditSpec {
  at: number;
  remove: number;
  insert: string;
}

const insertText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: piece },
  { weight: 2, arbitrary: fc.constantFrom('\n', '\n\n', ' ', '{', '}', '"', '[', ']', ',', 'Nov 11 2021 22:24:37 gw Mocana: [AAA], ', '2021-09-14T08:05:03.127-05:00 h ') },
  { weight: 1, arbitrary: fc.tuple(piece, piece).map(([a, b]) => `${a}\n${b}`) },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.constantFrom('\r', '\r\n') },
);

const editSpec: fc.Arbitrary<EditSpec> = fc.record({
  at: fc.nat(),
  remove: fc.oneof(fc.constant(0), fc.nat({ max: 5 }), fc.nat({ max: 200 })),
  insert: insertText,
});

function toEdit(text: string, spec: EditSpec): { edit: TextEdit; newText: string } {
  const start = text.length === 0 ? 0 : spec.at % (text.length + 1);
  const end = Math.min(text.length, start + spec.remove);
  return { edit: { start, end, text: spec.insert }, newText: text.slice(0, start) + spec.insert + text.slice(end) };
}

export function checkEdits(format: LogFormat, initial: string, specs: EditSpec[]): void {
  let log = parseLog(initial, format, OPTIONS);
  for (const spec of specs) {
    const { edit, newText } = toEdit(log.text, spec);
    const before = log.text;
    log = applyEdit(log, newText, edit, OPTIONS);
    const fresh = parseLog(newText, format, OPTIONS);
    assert.deepEqual(projection(log), projection(fresh),
      `after edit ${JSON.stringify(edit)} of ${JSON.stringify(before)}`);
  }
}

const formats = fc.constantFrom<LogFormat>('bluecedar', 'oag');

test('incremental re-parse equals a full parse after random edit sequences', () => {
  fc.assert(
    fc.property(formats, documentText, fc.array(editSpec, { minLength: 1, maxLength: 6 }), (format, text, specs) => {
      checkEdits(format, text, specs);
    }),
    { numRuns: runs(300) },
  );
});

test('incremental re-parse: inserting and deleting whole lines and header fragments', () => {
  const lineEdit = fc.record({
    at: fc.nat(),
    remove: fc.constant(0),
    insert: fc.tuple(piece, fc.boolean()).map(([p, before]) => (before ? `\n${p}` : `${p}\n`)),
  });
  fc.assert(
    fc.property(formats, documentText, fc.array(fc.oneof(lineEdit, editSpec), { minLength: 1, maxLength: 8 }), (format, text, specs) => {
      checkEdits(format, text, specs);
    }),
    { numRuns: runs(200) },
  );
});

test('incremental re-parse: a syslog 29 Feb keeps its day when an edit changes the inferred year', () => {
  // Without a year, 29 Feb lands in a year without it (1 Mar); once an explicit leap year is
  // inserted above, both a fresh parse and the re-parse must put it back on 29 Feb.
  const a = 'Feb 20 10:00:00 gw Mocana: [AAA], SubCls:999, EID: 0, Type: General, Sev:Informational, a';
  const b = 'Feb 29 10:00:00 gw Mocana: [AAA], SubCls:999, EID: 0, Type: General, Sev:Informational, b';
  const explicit = 'Jan  1 2020 00:00:00 gw Mocana: [AAA], SubCls:999, EID: 0, Type: General, Sev:Informational, y\n';
  checkEdits('bluecedar', `${a}\n${b}`, [{ at: 0, remove: 0, insert: explicit }, { at: 0, remove: explicit.length, insert: '' }]);
  const log = parseLog(`${explicit}${a}\n${b}`, 'bluecedar', OPTIONS);
  assert.equal(new Date(log.entries[2].time!).toISOString(), '2020-02-29T10:00:00.000Z');
});

test('after edits, hover, symbols, lenses and diagnostics of the updated analysis equal those of a fresh one', () => {
  const service = getLanguageService(OPTIONS);
  fc.assert(
    fc.property(formats, documentText, fc.array(editSpec, { minLength: 1, maxLength: 5 }), fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), (format, text, specs, probes) => {
      let analysis = service.analyze(text, format);
      for (const spec of specs) {
        // Hover before each edit fills the per-entry field cache that the next edit must not spoil.
        for (const probe of probes) {
          service.doHover(analysis, positionAt(analysis.log.lineStarts, analysis.log.text.length, probe % (analysis.log.text.length + 1)));
        }
        const { edit, newText } = toEdit(analysis.log.text, spec);
        analysis = service.update(analysis, newText, edit);
        const fresh = service.analyze(newText, format);
        for (const probe of probes) {
          const position = positionAt(fresh.log.lineStarts, newText.length, probe % (newText.length + 1));
          assert.deepEqual(service.doHover(analysis, position), service.doHover(fresh, position), `hover at ${JSON.stringify(position)} in ${JSON.stringify(newText)}`);
          assert.deepEqual(service.findReferences(analysis, 'u', position), service.findReferences(fresh, 'u', position));
        }
        assert.deepEqual(service.documentSymbols(analysis, 5000), service.documentSymbols(fresh, 5000));
        assert.deepEqual(service.codeLenses(analysis, 'u', LENS_COMMANDS), service.codeLenses(fresh, 'u', LENS_COMMANDS));
        assert.deepEqual(service.diagnostics(analysis, 1000), service.diagnostics(fresh, 1000));
      }
    }),
    { numRuns: runs(150) },
  );
});

test('incremental re-parse of CRLF documents: typing, Enter and joining lines at line ends', () => {
  fc.assert(
    fc.property(formats, crlfDocumentText, fc.array(crlfEditSpec, { minLength: 1, maxLength: 6 }), (format, text, specs) => {
      let log = parseLog(text, format, OPTIONS);
      for (const spec of specs) {
        const breaks: number[] = [];
        for (let at = log.text.indexOf('\r\n'); at !== -1; at = log.text.indexOf('\r\n', at + 2)) breaks.push(at);
        const anchor = breaks.length ? breaks[spec.lineBreak % breaks.length] : log.text.length;
        const start = Math.max(0, Math.min(log.text.length, anchor + spec.shift));
        const end = Math.min(log.text.length, start + spec.remove);
        const edit = { start, end, text: spec.insert };
        const newText = log.text.slice(0, start) + spec.insert + log.text.slice(end);
        const before = log.text;
        log = applyEdit(log, newText, edit, OPTIONS);
        assert.deepEqual(projection(log), projection(parseLog(newText, format, OPTIONS)), `after edit ${JSON.stringify(edit)} of ${JSON.stringify(before)}`);
      }
    }),
    { numRuns: runs(300) },
  );
});

test('incremental re-parse: edits at the very start and end of the document, a byte order mark among them', () => {
  // `at` picks a spot near either end (0, just after a BOM, the last characters); the inserts include
  // the BOM itself, a lone line break and whole entries, so a first or last entry is split, joined or made.
  const endEdit = fc.record({
    fromEnd: fc.boolean(),
    offset: fc.nat({ max: 2 }),
    remove: fc.constantFrom(0, 0, 1, 2, 40),
    insert: fc.oneof(
      fc.constantFrom('\uFEFF', '\n', '\r\n', '', 'x', '\uFEFF\n'),
      fc.constantFrom(...WHOLE_ENTRIES).map((e) => `${e}\n`),
      fc.constantFrom(...WHOLE_ENTRIES).map((e) => `\n${e}`),
      piece,
    ),
  });
  fc.assert(
    fc.property(formats, fc.tuple(fc.boolean(), documentText).map(([bom, text]) => (bom ? `\uFEFF${text}` : text)),
      fc.array(endEdit, { minLength: 1, maxLength: 6 }), (format, initial, edits) => {
        let log = parseLog(initial, format, OPTIONS);
        for (const spec of edits) {
          const length = log.text.length;
          const start = spec.fromEnd ? Math.max(0, length - spec.offset) : Math.min(length, spec.offset);
          const end = Math.min(length, start + spec.remove);
          const newText = log.text.slice(0, start) + spec.insert + log.text.slice(end);
          const before = log.text;
          log = applyEdit(log, newText, { start, end, text: spec.insert }, OPTIONS);
          assert.deepEqual(projection(log), projection(parseLog(newText, format, OPTIONS)),
            `after edit ${JSON.stringify({ start, end, text: spec.insert })} of ${JSON.stringify(before)}`);
        }
      }),
    { numRuns: runs(300) },
  );
});

test('incremental re-parse: pasting 10 000 lines at once, at the start, inside an entry and at the end, LF and CRLF', () => {
  for (const format of ['bluecedar', 'oag'] as const) {
    for (const lineBreak of ['\n', '\r\n']) {
      const entries = WHOLE_ENTRIES.map((e) => e.replace(/\r?\n/g, lineBreak));
      const block: string[] = [];
      for (let i = 0; block.length < 10_000; i++) {
        block.push(...entries[i % entries.length].split(lineBreak));
      }
      const paste = block.slice(0, 10_000).join(lineBreak);
      const initial = entries.join(lineBreak);
      // Inside the first multi-line entry (after its header line), at the very start, at the very end.
      const inside = initial.indexOf(lineBreak) + lineBreak.length + 3;
      for (const at of [0, inside, initial.length]) {
        const newText = initial.slice(0, at) + paste + initial.slice(at);
        const log = applyEdit(parseLog(initial, format, OPTIONS), newText, { start: at, end: at, text: paste }, OPTIONS);
        assert.deepEqual(projection(log), projection(parseLog(newText, format, OPTIONS)), `${format} ${JSON.stringify(lineBreak)} paste at ${at}`);
      }
    }
  }
});
