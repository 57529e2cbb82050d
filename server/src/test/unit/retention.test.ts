/**
 * Memory: what the analysis keeps must not pin older versions of the document. V8 keeps a slice of a
 * string as a view into it, so one kept value quoting an old version holds that whole version; on a
 * large log every edit would then leave its full text behind for good.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Analysis } from '../../service/analysis';
import { getLanguageService } from '../../service/languageService';
import { LogFormat } from '../../service/model';
import { bcStart, bcStop, oagLine, oagLogin, OPTIONS } from './helpers';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const service = getLanguageService(OPTIONS);
const MB = 1024 * 1024;
const T0 = Date.UTC(2021, 10, 11, 22, 0, 0);

function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** About `size` characters of log whose entries are few (long lines), so the text dominates memory. */
function largeLog(format: LogFormat, size: number): string {
  const filler = 'x'.repeat(8000);
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const part = format === 'oag'
      ? oagLogin(T0 + i * 1000, `session-identifier-${i}`, `someone.with.a.long.name.${i}`)
        + oagLine(T0 + i * 1000 + 1, 'ACCESS_GATEWAY ACCESS AUTHZ POLICY INFO', 'USER_AUTHZ',
          `[SESSION_ID="session-identifier-${i}" RESULT="DENY" REASON="A reason long enough to be sliced ${i}"]`, filler)
      : bcStart(T0 + i * 1000, { username: `someone.with.a.long.name.${i}`, appGsid: 1000 + i }) + `${filler}\n`
        + bcStop(T0 + i * 1000 + 500, { username: `someone.with.a.long.name.${i}`, appGsid: 1000 + i, durationSeconds: 0, duration: '0 seconds' });
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}

/** Replaces one character in the middle of the `k`-th tenth of the text, through service.update. */
function editAt(analysis: Analysis, k: number): Analysis {
  const text = analysis.log.text;
  const at = Math.floor((text.length * (k + 0.5)) / 10);
  const newText = text.slice(0, at) + 'y' + text.slice(at + 1);
  return service.update(analysis, newText, { start: at, end: at + 1, text: 'y' });
}

for (const format of ['oag', 'bluecedar'] as const) {
  test(`${format}: after edits in several places, older versions of a large document are not kept`, () => {
    const size = 8 * MB;
    const before = heapUsed();
    let analysis: Analysis | undefined = service.analyze(largeLog(format, size), format);
    // Hover everywhere, so the fields of every entry are computed and cached.
    for (let line = 0; line < analysis.log.lineStarts.length; line += 3) {
      service.doHover(analysis, { line, character: 40 });
    }
    for (let k = 0; k < 5; k++) {
      analysis = editAt(analysis, k * 2);
      for (let line = 0; line < analysis.log.lineStarts.length; line += 3) {
        service.doHover(analysis, { line, character: 40 });
      }
    }
    const kept = heapUsed() - before;
    const textBytes = analysis.log.text.length; // one byte per character: the text is ASCII
    // The current version (1x) plus what the analysis itself needs; six versions would be 6x.
    assert.ok(kept < 2.5 * textBytes, `kept ${(kept / MB).toFixed(1)} MB for a ${(textBytes / MB).toFixed(1)} MB document`);
    analysis = undefined;
  });
}
