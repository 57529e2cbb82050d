/**
 * The language service's update path keeps sessions and their checks when an edit changes no
 * entry's facts. Whatever path it takes, every feature must answer as after a fresh analysis.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { getLanguageService } from '../../service/languageService';
import { LogFormat } from '../../service/model';
import { crlfDocumentText, crlfEditSpec, documentText, piece } from './fragments';
import { LENS_COMMANDS, OPTIONS, runs } from './helpers';

const service = getLanguageService(OPTIONS);

function features(analysis: ReturnType<typeof service.analyze>): unknown {
  return {
    sessions: analysis.sessions.sessions,
    sessionOf: Array.from(analysis.sessions.sessionOf),
    eidCounts: [...analysis.eidCounts],
    diagnostics: service.diagnostics(analysis, 10_000),
    symbols: service.documentSymbols(analysis, 10_000),
    lenses: service.codeLenses(analysis, 'file:///t.log', LENS_COMMANDS),
  };
}

test('update after random edits answers like a fresh analysis', () => {
  const edit = fc.record({
    at: fc.nat(),
    remove: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 80 })),
    // Mostly small in-value edits (the path that keeps sessions), sometimes whole fragments.
    insert: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('x', '1', ' ', 'é', '') }, { weight: 1, arbitrary: piece }),
  });
  fc.assert(
    fc.property(fc.constantFrom<LogFormat>('bluecedar', 'oag'), documentText, fc.array(edit, { minLength: 1, maxLength: 6 }), (format, initial, edits) => {
      let analysis = service.analyze(initial, format);
      for (const spec of edits) {
        const text = analysis.log.text;
        const start = text.length === 0 ? 0 : spec.at % (text.length + 1);
        const end = Math.min(text.length, start + spec.remove);
        const newText = text.slice(0, start) + spec.insert + text.slice(end);
        analysis = service.update(analysis, newText, { start, end, text: spec.insert });
        assert.deepEqual(features(analysis), features(service.analyze(newText, format)));
      }
    }),
    { numRuns: runs(200) },
  );
});

test('update after edits at the line ends of CRLF documents answers like a fresh analysis', () => {
  fc.assert(
    fc.property(fc.constantFrom<LogFormat>('bluecedar', 'oag'), crlfDocumentText, fc.array(crlfEditSpec, { minLength: 1, maxLength: 6 }), (format, initial, edits) => {
      let analysis = service.analyze(initial, format);
      for (const spec of edits) {
        const text = analysis.log.text;
        const breaks: number[] = [];
        for (let at = text.indexOf('\r\n'); at !== -1; at = text.indexOf('\r\n', at + 2)) breaks.push(at);
        const anchor = breaks.length ? breaks[spec.lineBreak % breaks.length] : text.length;
        const start = Math.max(0, Math.min(text.length, anchor + spec.shift));
        const end = Math.min(text.length, start + spec.remove);
        const newText = text.slice(0, start) + spec.insert + text.slice(end);
        analysis = service.update(analysis, newText, { start, end, text: spec.insert });
        assert.deepEqual(features(analysis), features(service.analyze(newText, format)));
      }
    }),
    { numRuns: runs(200) },
  );
});
