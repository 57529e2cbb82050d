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
import { ENTRY_STRINGS, SESSION_STRINGS } from '../../service/detach';
import { getLanguageService } from '../../service/languageService';
import { LogFormat } from '../../service/model';
import { bcStart, bcStop, oagLine, oagLogin, OPTIONS, readSample } from './helpers';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const service = getLanguageService(OPTIONS);
const MB = 1024 * 1024;
const T0 = Date.UTC(2021, 10, 11, 22, 0, 0);

/** Live heap after full collections; yielding between them lets the engine finish freeing what it found dead. */
async function heapUsed(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

let logsMade = 0;

/**
 * About `size` characters of log whose entries are few (long lines), so the text dominates memory.
 * Every log has its own values (module-level caches must not hide a leak by already knowing them),
 * and Blue Cedar STOPs whose duration text disagrees with durationSeconds: a warning that quotes it.
 */
function largeLog(format: LogFormat, size: number): string {
  const salt = ++logsMade * 1_000_000;
  const filler = 'x'.repeat(8000);
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const part = format === 'oag'
      ? oagLogin(T0 + i * 1000, `session-identifier-${salt + i}`, `someone.with.a.long.name.${i}`)
        + oagLine(T0 + i * 1000 + 1, 'ACCESS_GATEWAY ACCESS AUTHZ POLICY INFO', 'USER_AUTHZ',
          `[SESSION_ID="session-identifier-${salt + i}" RESULT="DENY" REASON="A reason long enough to be sliced ${salt + i}"]`, filler)
      : bcStart(T0 + i * 1000, { username: `someone.with.a.long.name.${i}`, appGsid: 1000 + i }) + `${filler}\n`
        + bcStop(T0 + i * 1000 + 500, { username: `someone.with.a.long.name.${i}`, appGsid: 1000 + i, durationSeconds: 0, duration: `${salt + i} minutes 0 seconds` });
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}

/** Replaces one character in the middle of the `k`-th tenth of the text through service.update, then hovers. */
function editAt(then: (analysis: Analysis) => void, analysis: Analysis, k: number): Analysis {
  const text = analysis.log.text;
  const at = Math.floor((text.length * (k + 0.5)) / 10);
  const updated = service.update(analysis, text.slice(0, at) + 'y' + text.slice(at + 1), { start: at, end: at + 1, text: 'y' });
  then(updated);
  return updated;
}

function hoverEverywhere(analysis: Analysis): void {
  for (let line = 0; line < analysis.log.lineStarts.length; line += 3) {
    service.doHover(analysis, { line, character: 40 });
  }
}

for (const format of ['oag', 'bluecedar'] as const) {
  test(`${format}: edits in new places do not each keep an old version of a large document`, async () => {
    const before = await heapUsed();
    let analysis = service.analyze(largeLog(format, 8 * MB), format);
    const textBytes = analysis.log.text.length; // one byte per character: the text is ASCII
    hoverEverywhere(analysis);
    // The entries the edits do not touch still quote the version first read: two versions at most.
    analysis = editAt(hoverEverywhere, editAt(hoverEverywhere, analysis, 0), 1);
    const afterTwo = (await heapUsed()) - before;
    for (let k = 2; k < 10; k++) {
      analysis = editAt(hoverEverywhere, analysis, k);
    }
    const afterTen = (await heapUsed()) - before;
    const mb = (n: number): string => `${(n / MB).toFixed(1)} MB`;
    assert.ok(afterTen - afterTwo < 0.5 * textBytes,
      `eight more edits kept ${mb(afterTen - afterTwo)} more for a ${mb(textBytes)} document (${mb(afterTwo)} -> ${mb(afterTen)})`);
  });
}

for (const format of ['oag', 'bluecedar'] as const) {
  test(`${format}: once the first parse's strings are copied out, edits keep only the current version`, async () => {
    const before = await heapUsed();
    let analysis = service.analyze(largeLog(format, 8 * MB), format);
    const textBytes = analysis.log.text.length;
    service.detachEntryStrings(analysis.log.entries, 0, analysis.log.entries.length);
    const opened = (await heapUsed()) - before;
    for (let k = 0; k < 10; k++) {
      analysis = editAt(() => undefined, analysis, k);
    }
    const edited = (await heapUsed()) - before;
    // Without the copy-out, the version first read would stay: one text more than after opening.
    assert.ok(edited - opened < 0.5 * textBytes,
      `after ten edits ${((edited - opened) / MB).toFixed(1)} MB more is kept for a ${(textBytes / MB).toFixed(1)} MB document`);
  });
}

test('every string an entry keeps is one that re-parses copy out of the text', () => {
  const seen = { entry: new Set<string>(), session: new Set<string>() };
  for (const [file, format] of [['gateway.log', 'bluecedar'], ['audit.log', 'oag']] as const) {
    for (const entry of service.analyze(readSample(file), format).log.entries) {
      for (const [key, value] of Object.entries(entry)) {
        if (typeof value === 'string') seen.entry.add(key);
      }
      for (const [key, value] of Object.entries(entry.session ?? {})) {
        if (typeof value === 'string') seen.session.add(key);
      }
    }
  }
  // `kind` holds the parser's own literals, never text from the log.
  assert.deepEqual([...seen.entry].filter((key) => key !== 'kind' && !(ENTRY_STRINGS as readonly string[]).includes(key)), []);
  assert.deepEqual([...seen.session].filter((key) => !(SESSION_STRINGS as readonly string[]).includes(key)), []);
  // The samples exercise most of them, so the check above means something.
  assert.ok(seen.entry.size >= 6 && seen.session.size >= 6, `${[...seen.entry]} / ${[...seen.session]}`);
});
