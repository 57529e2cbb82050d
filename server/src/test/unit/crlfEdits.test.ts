/**
 * Edits in CRLF files stay incremental: typing at the end of a line, Enter, deleting a line break.
 * Only an edit that makes or breaks a lone CR (a line break of its own) needs the whole file again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLog } from '../../service/parse';
import { applyEditDetailed, TextEdit } from '../../service/incremental';
import { bcStart, bcStop, OPTIONS, projection } from './helpers';

const T0 = Date.UTC(2021, 10, 11, 22, 0, 0);

/** A CRLF log of `n` sessions (START and STOP each, multi-line JSON). */
function crlfLog(n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = { username: `user${i}`, appGsid: 1000 + i };
    parts.push(bcStart(T0 + i * 1000, s, { pretty: true }), bcStop(T0 + i * 1000 + 500, { ...s, durationSeconds: 0 }, { pretty: i % 2 === 0 }));
  }
  return parts.join('').replace(/\n/g, '\r\n');
}

function edited(text: string, edit: TextEdit): string {
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}

test('CRLF file: edits next to a line end re-parse only the entries around them, and agree with a full parse', () => {
  const text = crlfLog(500);
  const middle = text.indexOf('\r\n', text.length >> 1);
  const nextLine = middle + 2;
  const cases: [string, TextEdit][] = [
    ['typing at the end of a line', { start: middle, end: middle, text: 'x' }],
    ['Enter at the end of a line', { start: middle, end: middle, text: '\r\n' }],
    ['Enter in the middle of a line', { start: middle - 5, end: middle - 5, text: '\r\n' }],
    ['deleting the last character of a line', { start: middle - 1, end: middle, text: '' }],
    ['deleting a whole line break (joining two lines)', { start: middle, end: nextLine, text: '' }],
    ['typing at the start of a line', { start: nextLine, end: nextLine, text: ' ' }],
    ['pasting two CRLF lines', { start: middle, end: middle, text: ' a\r\nb\r\nc' }],
    ['replacing a line break by another', { start: middle, end: nextLine, text: '\r\n' }],
  ];
  for (const [name, edit] of cases) {
    const old = parseLog(text, 'bluecedar', OPTIONS);
    const count = old.entries.length;
    const result = applyEditDetailed(old, edited(text, edit), edit, OPTIONS);
    assert.ok(result.replaced.length <= 3, `${name}: ${result.replaced.length} of ${count} entries re-parsed`);
    assert.deepEqual(projection(result.log), projection(parseLog(edited(text, edit), 'bluecedar', OPTIONS)), name);
  }
});

test('CRLF file: edits that make or break a lone CR still give what a full parse gives', () => {
  const text = crlfLog(4);
  const at = text.indexOf('\r\n', text.length >> 1);
  const cases: TextEdit[] = [
    { start: at + 1, end: at + 2, text: '' }, // the LF of a CRLF: a lone CR is left
    { start: at + 1, end: at + 1, text: 'x' }, // between CR and LF
    { start: at, end: at, text: '\r' }, // a CR before a CRLF
    { start: at, end: at + 2, text: '\r' }, // CRLF replaced by a lone CR
    { start: at, end: at, text: 'a\rb' }, // a lone CR typed
  ];
  for (const edit of cases) {
    let log = parseLog(text, 'bluecedar', OPTIONS);
    log = applyEditDetailed(log, edited(text, edit), edit, OPTIONS).log;
    assert.deepEqual(projection(log), projection(parseLog(edited(text, edit), 'bluecedar', OPTIONS)), JSON.stringify(edit));
    // And back again, from a text with a lone CR in it.
    const undo: TextEdit = { start: edit.start, end: edit.start + edit.text.length, text: text.slice(edit.start, edit.end) };
    const back = applyEditDetailed(log, text, undo, OPTIONS).log;
    assert.deepEqual(projection(back), projection(parseLog(text, 'bluecedar', OPTIONS)), `undo ${JSON.stringify(edit)}`);
  }
});
