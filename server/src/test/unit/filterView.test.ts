/**
 * Filtered views, the text and its map: every line of a view is the same text as the original line it
 * maps to, in both directions, for multi-line entries, CRLF and mixed line breaks; gap lines count the
 * skipped entries; parts never exceed their limits and together hold every match once; the view parses
 * into the same entries as the original.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Analysis } from '../../service/analysis';
import { FilterClause } from '../../service/formats/filterSpec';
import { matchDocument } from '../../service/filters/documentFilter';
import { documentPage, planDocumentView } from '../../service/filters/documentView';
import { originOfViewLine, PageLimits, uniformLineBreaks, viewLineOfOriginal, ViewPage, ViewBuilder } from '../../service/filters/view';
import { computeLineStarts, lineContentEnd } from '../../service/text';
import { analyzeText, readSample } from './helpers';

function lines(text: string): string[] {
  const starts = computeLineStarts(text);
  return starts.map((s, i) => text.slice(s, lineContentEnd(text, starts, i)));
}

function buildAll(analysis: Analysis, clauses: FilterClause[], limits?: PageLimits): { pages: ViewPage[]; matches: Int32Array } {
  const matches = matchDocument(analysis, clauses);
  assert.ok(typeof matches !== 'string');
  const plan = planDocumentView(analysis, matches, limits);
  const pages = plan.starts.map((_, page) => documentPage(analysis, plan, page, limits));
  return { pages: pages.length > 0 ? pages : [documentPage(analysis, plan, 0, limits)], matches };
}

/** Checks the map of one part against the original text, both ways. */
function checkPage(original: string, page: ViewPage): void {
  const originalLines = lines(original);
  const viewLines = lines(page.text);
  assert.equal(viewLines.length, page.lineCount);
  for (let line = 0; line < viewLines.length; line++) {
    const origin = originOfViewLine(page, line);
    assert.ok(origin, `view line ${line} maps somewhere`);
    if (origin.kind === 'entry') {
      assert.equal(viewLines[line], originalLines[origin.line], `view line ${line} = original line ${origin.line}`);
      assert.deepEqual(viewLineOfOriginal(page, origin.file, origin.line), { line, exact: true }, `original line ${origin.line} back to ${line}`);
    } else {
      assert.equal(viewLines[line], '', `a ${origin.kind} line is empty`);
    }
  }
  // Original lines of skipped entries map to the gap (or closing) line where they were left out.
  const shown = new Set<number>();
  for (let i = 0; i < page.entries.count; i++) {
    for (let k = 0; k < page.entries.lines[i]; k++) {
      shown.add(page.entries.line[i] + k);
    }
  }
  const firstShown = page.entries.count > 0 ? page.entries.line[0] : 0;
  const lastShown = page.entries.count > 0 ? page.entries.line[page.entries.count - 1] : 0;
  for (let line = firstShown; line <= lastShown; line++) {
    if (shown.has(line)) {
      continue;
    }
    const to = viewLineOfOriginal(page, 0, line);
    assert.ok(to && !to.exact, `skipped line ${line}`);
    const origin = originOfViewLine(page, to.line);
    assert.ok(origin && (origin.kind !== 'entry' || originalLines[line].trim() === ''), `skipped line ${line} lands on a gap (${JSON.stringify(origin)})`);
  }
}

const gatewayText = readSample('gateway.log');
const auditText = readSample('audit.log');

describe('view text and line map', () => {
  const cases: [string, string, 'bluecedar' | 'oag', FilterClause[]][] = [
    ['Blue Cedar, one user (multi-line JSON)', gatewayText, 'bluecedar', [{ type: 'user', value: 'akim' }]],
    ['Blue Cedar with CRLF', gatewayText.replace(/\n/g, '\r\n'), 'bluecedar', [{ type: 'severity', min: 'warning' }]],
    ['Blue Cedar with mixed line breaks', gatewayText.split('\n').map((l, i) => l + (i % 3 === 0 ? '\r\n' : i % 7 === 0 ? '\r' : '\n')).join(''), 'bluecedar', [{ type: 'kind', kinds: ['sessionStart', 'sessionStop'] }]],
    ['OAG, rejections', auditText, 'oag', [{ type: 'rejected' }]],
    ['OAG with CRLF, one event type', auditText.replace(/\n/g, '\r\n'), 'oag', [{ type: 'event', values: ['USER_AUTHZ'] }]],
  ];
  for (const [name, text, format, clauses] of cases) {
    test(name, () => {
      const analysis = analyzeText(text, format);
      const { pages, matches } = buildAll(analysis, clauses);
      assert.equal(pages.length, 1);
      const page = pages[0];
      assert.ok(matches.length > 0);
      assert.equal(page.entries.count, matches.length);
      checkPage(text, page);
      // Line breaks are the source's first one, throughout.
      const eol = /\r\n/.test(text.slice(0, text.indexOf('\n') + 1)) ? '\r\n' : '\n';
      assert.equal(page.eol, eol);
      assert.equal(page.text, uniformLineBreaks(page.text, eol));
      // Gap lines count exactly the entries between shown ones (and before the first, after the last).
      const skipped = [...page.gaps.skipped].reduce((a, b) => a + b, 0) + (page.end?.skippedAfter ?? 0);
      assert.equal(skipped + matches.length, analysis.log.entries.length);
    });
  }

  test('the view parses into the same entries, with the same problems of their own', () => {
    for (const [text, format, clauses] of [[gatewayText, 'bluecedar', [{ type: 'problems' }]], [readSample('malformed/broken-gateway.log'), 'bluecedar', [{ type: 'severity', min: 'debug' }]], [readSample('malformed/broken-audit.log'), 'oag', [{ type: 'problems' }]]] as const) {
      const analysis = analyzeText(text, format);
      const { pages, matches } = buildAll(analysis, [...clauses]);
      const view = analyzeText(pages[0].text, format);
      assert.equal(view.log.entries.length, matches.length);
      view.log.entries.forEach((entry, i) => {
        const original = analysis.log.entries[matches[i]];
        assert.equal(entry.kind, original.kind);
        assert.equal(entry.eventName, original.eventName);
        assert.equal(entry.time, original.time);
        assert.deepEqual(entry.problems.map((p) => [p.code, p.message]), original.problems.map((p) => [p.code, p.message]), `entry at line ${original.startLine + 1}`);
      });
    }
  });
});

describe('parts (paging)', () => {
  test('small limits: every match in exactly one part, none over its limits, the closing line says more follow', () => {
    const analysis = analyzeText(gatewayText, 'bluecedar');
    const limits: PageLimits = { maxChars: 6000, maxLines: 60, maxEntryChars: 3000 };
    const { pages, matches } = buildAll(analysis, [{ type: 'severity', min: 'debug' }], limits);
    assert.ok(pages.length > 3);
    const seen: number[] = [];
    pages.forEach((page, i) => {
      for (let k = 0; k < page.entries.count; k++) {
        seen.push(page.entries.ordinal[k]);
      }
      assert.equal(page.end?.more ?? false, i < pages.length - 1, `part ${i} closing line`);
      if (page.entries.count > 1) {
        assert.ok(page.lineCount <= limits.maxLines, `part ${i}: ${page.lineCount} lines`);
        assert.ok(page.text.length <= limits.maxChars, `part ${i}: ${page.text.length} characters`);
      }
      checkPage(gatewayText, page);
    });
    assert.deepEqual(seen, [...matches]);
  });

  test('an entry longer than the limit is shown cut, whole lines first', () => {
    const long = `Oct 31 2021 22:45:00 gw Mocana: [AAA], SubCls:999, EID: 0, Type: General, Sev:Informational,\nSession START ${JSON.stringify({ sessionId: { username: 'x', pad: 'y'.repeat(100) } }, null, 1)}`;
    const builder = new ViewBuilder('\n', { maxChars: 1000, maxLines: 100, maxEntryChars: 60 });
    builder.add(long, 0, 10, 4);
    const page = builder.finish({ total: 5, more: false });
    assert.equal(page.entries.cut[0] > 0, true);
    assert.ok(long.startsWith(page.text.split('\n').slice(1).join('\n')), 'the kept part is the start of the entry');
    assert.equal(page.text.split('\n')[0], '', 'a gap line for the four entries before it');
    assert.equal(page.gaps.skipped[0], 4);
  });

  test('random views of random logs: the map holds both ways', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ lines: fc.integer({ min: 1, max: 4 }), blank: fc.boolean(), keep: fc.boolean(), crlf: fc.boolean() }), { minLength: 1, maxLength: 30 }),
      fc.integer({ min: 40, max: 400 }),
      (shape, maxChars) => {
        const text = shape.map((e, i) => {
          const eol = e.crlf ? '\r\n' : '\n';
          const body = Array.from({ length: e.lines - 1 }, (_, k) => `  continued ${i}.${k}`);
          const header = `Oct 31 2021 22:45:${String(i % 60).padStart(2, '0')} gw Mocana: [AAA], SubCls:999, EID: 0, Type: General, Sev:${e.keep ? 'Warning' : 'Informational'}, m${i}`;
          return [header, ...body].join(eol) + eol + (e.blank ? eol : '');
        }).join('');
        const analysis = analyzeText(text, 'bluecedar');
        const { pages } = buildAll(analysis, [{ type: 'severity', min: 'warning' }], { maxChars, maxLines: 12, maxEntryChars: 10_000 });
        for (const page of pages) {
          checkPage(text, page);
        }
      },
    ), { numRuns: 150 });
  });
});
