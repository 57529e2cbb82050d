/** Hover over the samples: every field is a target, with the right range and a bold title. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MarkupContent, MarkupKind } from 'vscode-languageserver-types';
import { entryFields } from '../../service/fields';
import { doHover } from '../../service/features/hover';
import { LogFormat } from '../../service/model';
import { analyzeText, positionOf, readSample, textOfRange } from './helpers';

const SAMPLES: [string, LogFormat][] = [
  ['gateway.log', 'bluecedar'], ['audit.log', 'oag'], ['malformed/broken-gateway.log', 'bluecedar'], ['malformed/broken-audit.log', 'oag'],
  ['oag-older-format.log', 'oag'], ['ics_all.log', 'oag'],
];

test('every field of every sample entry: hovering its key (or its text) covers exactly that, under a bold title', () => {
  for (const [file, format] of SAMPLES) {
    const text = readSample(file);
    const analysis = analyzeText(text, format);
    let count = 0;
    for (const entry of analysis.log.entries) {
      for (const field of entryFields(analysis.log, entry)) {
        const hasKey = field.keyStart < field.keyEnd;
        const at = hasKey ? field.keyStart : field.start;
        const hover = doHover(analysis, positionOf(text, at));
        const where = `${file}:${entry.startLine + 1} ${field.name}`;
        assert.ok(hover?.range, where);
        assert.equal(textOfRange(text, hover.range), hasKey ? text.slice(field.keyStart, field.keyEnd) : text.slice(field.start, field.end), where);
        const contents = hover.contents as MarkupContent;
        assert.equal(contents.kind, MarkupKind.Markdown);
        assert.match(contents.value.split('\n')[0], /^\*\*[^*]+\*\*/, where);
        count++;
      }
    }
    assert.ok(count > 50, `${file}: ${count} fields`);
  }
});

test('every scalar value of every sample entry: hovering its last character covers the whole field', () => {
  for (const [file, format] of SAMPLES) {
    const text = readSample(file);
    const analysis = analyzeText(text, format);
    for (const entry of analysis.log.entries) {
      for (const field of entryFields(analysis.log, entry)) {
        if (field.jsonType === 'object' || field.jsonType === 'array' || field.valueEnd <= field.valueStart) {
          continue;
        }
        const at = field.valueEnd - 1;
        const onKey = at >= field.keyStart && at < field.keyEnd;
        const hover = doHover(analysis, positionOf(text, at));
        const where = `${file}:${entry.startLine + 1} ${field.name}`;
        assert.ok(hover?.range, where);
        assert.equal(textOfRange(text, hover.range), onKey ? text.slice(field.keyStart, field.keyEnd) : text.slice(field.start, field.end), where);
      }
    }
  }
});

test('hover on a header field names the field and the value', () => {
  const text = readSample('gateway.log');
  const analysis = analyzeText(text, 'bluecedar');
  const at = text.indexOf('Sev:Critical');
  assert.notEqual(at, -1);
  const hover = doHover(analysis, positionOf(text, at + 1));
  const value = (hover!.contents as MarkupContent).value;
  assert.match(value.split('\n')[0], /Severity/);
  assert.match(value, /Critical/);
  const oag = readSample('audit.log');
  const oagAnalysis = analyzeText(oag, 'oag');
  const sid = oag.indexOf('SESSION_ID="');
  const oagHover = (doHover(oagAnalysis, positionOf(oag, sid + 2))!.contents as MarkupContent).value;
  assert.match(oagHover.split('\n')[0], /Session ID/);
});

test('no hover between entries or past the end', () => {
  const text = 'Nov 11 2021 22:24:37 gw Mocana: [IKE], SubCls:050, EID: 0, Type: General, Sev:Informational, 10.42.18.20\n\n\n';
  const analysis = analyzeText(text, 'bluecedar');
  assert.equal(doHover(analysis, { line: 1, character: 0 }), null);
  assert.equal(doHover(analysis, { line: 3, character: 0 }), null);
  assert.equal(doHover(analysis, { line: 0, character: 200 }), null, 'past the end of the message: no field');
});
