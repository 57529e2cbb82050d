// Finds the session events of the samples from their text, so the suites
// never depend on line numbers.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { BLUECEDAR_ENTRY_START, entriesOf, OAG_ENTRY_START, SampleEntry } from './helpers';

export interface SessionEvent extends SampleEntry {
  kind: 'start' | 'stop';
  key: string;
  /** Offset of the event's keyword (Session START, USER_LOGOUT...) in the document. */
  keywordOffset: number;
}

export interface SessionPair {
  start: SessionEvent;
  stop: SessionEvent;
}

function keywordOffset(doc: vscode.TextDocument, entry: SampleEntry, keyword: string): number {
  const from = doc.offsetAt(new vscode.Position(entry.headerLine, 0));
  const offset = doc.getText().indexOf(keyword, from);
  assert.ok(offset >= 0 && doc.positionAt(offset).line <= entry.lastLine, `${keyword} not in its entry`);
  return offset;
}

/** Blue Cedar: Session START/STOP events keyed by username and app GSID. */
export function bluecedarSessionEvents(doc: vscode.TextDocument): SessionEvent[] {
  const events: SessionEvent[] = [];
  for (const entry of entriesOf(doc, BLUECEDAR_ENTRY_START)) {
    const kind = /Session START/.test(entry.text) ? 'start' : /Session STOP/.test(entry.text) ? 'stop' : undefined;
    if (!kind) continue;
    const username = /"username"\s*:\s*"([^"]*)"/.exec(entry.text)?.[1];
    const gsid = /"appGsid"\s*:\s*(\d+)/.exec(entry.text)?.[1];
    if (username === undefined || gsid === undefined) continue;
    const keyword = kind === 'start' ? 'Session START' : 'Session STOP';
    events.push({ ...entry, kind, key: `${username}/${gsid}`, keywordOffset: keywordOffset(doc, entry, keyword) });
  }
  return events;
}

/** OAG: USER_LOGIN/USER_LOGOUT events keyed by SESSION_ID. */
export function oagSessionEvents(doc: vscode.TextDocument): SessionEvent[] {
  const events: SessionEvent[] = [];
  for (const entry of entriesOf(doc, OAG_ENTRY_START)) {
    const kind = / USER_LOGIN \[/.test(entry.text) ? 'start' : / USER_LOGOUT \[/.test(entry.text) ? 'stop' : undefined;
    if (!kind) continue;
    const sessionId = /SESSION_ID="([^"]*)"/.exec(entry.text)?.[1]?.trim();
    if (!sessionId || sessionId === '-') continue;
    const keyword = kind === 'start' ? 'USER_LOGIN' : 'USER_LOGOUT';
    events.push({ ...entry, kind, key: sessionId, keywordOffset: keywordOffset(doc, entry, keyword) });
  }
  return events;
}

/** The first stop event whose start event comes earlier in the file (and is the only one with that key). */
export function firstCompletePair(events: SessionEvent[]): SessionPair {
  for (const stop of events.filter((e) => e.kind === 'stop')) {
    const starts = events.filter((e) => e.kind === 'start' && e.key === stop.key);
    const stops = events.filter((e) => e.kind === 'stop' && e.key === stop.key);
    if (starts.length === 1 && stops.length === 1 && starts[0].headerLine < stop.headerLine) {
      return { start: starts[0], stop };
    }
  }
  throw new Error('the sample has no session with both a start and a stop event');
}
