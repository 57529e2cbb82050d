/** Hover: what the field under the cursor means and what its value says; for session links, the pairing. */
import { Hover, MarkupKind } from 'vscode-languageserver-types';
import { Analysis, rangeOf, sessionOfEntry } from '../analysis';
import { fieldAt } from '../fields';
import { entryAt } from '../lookup';
import { describeField, describeUnknownField } from '../fieldDocs';
import { clockTime, plural, humanDuration } from '../wording';
import { escapeMarkdown } from '../markdown';
import { LogEntry } from '../model';
import { Session } from '../sessions';
import { ruleLabel, sessionName, startWord, stopWord } from '../sessionLabels';
import { offsetAt, Position } from '../text';

/** Hovering these also tells which session the event belongs to and how it was paired. */
const SESSION_FIELDS = new Set(['event', 'eid', 'sessionId.app.appGsid', 'SESSION_ID']);

export function doHover(analysis: Analysis, position: Position): Hover | null {
  const { log } = analysis;
  const offset = offsetAt(log.text, log.lineStarts, position);
  const entry = entryAt(log, offset);
  if (!entry) {
    return null;
  }
  const field = fieldAt(log, entry, offset);
  if (!field) {
    return null;
  }
  // Pairing links an EID only when it is a safe integer (sessions.ts): beyond 2^53 a number stands
  // for several EIDs, so the hover neither counts nor looks up such an EID, and says it is not linked.
  const written = field.name === 'eid' ? Number(field.value) : undefined;
  const eid = written !== undefined && Number.isSafeInteger(written) ? written : undefined;
  const doc = describeField(log.format, field, {
    time: field.name === 'timestamp' ? entry.time : undefined,
    entryTime: entry.time,
    zone: entry.zone,
    yearInferred: entry.yearInferred,
    eidShareCount: eid ? analysis.eidCounts.get(eid) : undefined,
    eidSessionFound: eid ? analysis.sessions.sessions.some((s) => s.rule === 'appGsid' && s.key === String(eid)) : undefined,
    event: entry.eventName,
    message: log.text.slice(entry.messageStart, Math.min(entry.end, entry.messageStart + 500)),
  }) ?? describeUnknownField(field);
  const parts = [doc];
  if (written !== undefined && written !== 0 && eid === undefined && /^\s*\d+\s*$/.test(field.value)) {
    parts.push('This EID is not linked to any session: it has more digits than can be compared exactly (above 2^53), so it could be taken for another appGsid.');
  }
  const session = sessionOfEntry(analysis, entry);
  if (session && SESSION_FIELDS.has(field.name)) {
    parts.push(describeSession(analysis, session, entry));
  }
  const onKey = offset >= field.keyStart && offset < field.keyEnd;
  const range = onKey ? rangeOf(log, field.keyStart, field.keyEnd) : rangeOf(log, field.start, field.end);
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range };
}

function describeSession(analysis: Analysis, session: Session, entry: LogEntry): string {
  const { entries } = analysis.log;
  const start = session.start !== undefined ? entries[session.start] : undefined;
  const stop = session.stop !== undefined ? entries[session.stop] : undefined;
  const lines = [`**Session** ${escapeMarkdown(sessionName(analysis, session))} · ${plural(session.members.length, 'event')}`];
  lines.push(`- ${capital(startWord(analysis))}: ${start ? `line ${start.startLine + 1}, ${clockTime(start)}` : 'not in this file'}`);
  lines.push(`- ${capital(stopWord(analysis))}: ${stop ? `line ${stop.startLine + 1}, ${clockTime(stop)}` : 'not in this file'}`);
  if (start?.time !== undefined && stop?.time !== undefined) {
    lines.push(`- Elapsed: ${humanDuration((stop.time - start.time) / 1000)}`);
  }
  lines.push(`- Paired by: ${escapeMarkdown(pairingExplanation(session, entry))}`);
  return lines.join('\n');
}

function pairingExplanation(session: Session, entry: LogEntry): string {
  if (session.rule === 'identity') {
    return 'the same username, device uniqueId, app package and assigned IP (appGsid was 0 or missing)';
  }
  if (session.rule === 'appGsid') {
    return entry.kind === 'sessionStart' || entry.kind === 'sessionStop'
      ? `app.appGsid (${ruleLabel(session)})`
      : `this event's EID equals the session's appGsid ${session.key}`;
  }
  return 'the SESSION_ID shared by its events';
}

function capital(word: string): string {
  return word[0].toUpperCase() + word.slice(1);
}
