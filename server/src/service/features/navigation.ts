/** Moving between the events of one session: definition, references, highlights. */
import { DocumentHighlight, DocumentHighlightKind, Location } from 'vscode-languageserver-types';
import { Analysis, headerLineRange, sessionOfEntry } from '../analysis';
import { fieldAt } from '../fields';
import { entryAt } from '../lookup';
import { LogEntry } from '../model';
import { pairedEntry, Session } from '../sessions';
import { offsetAt, Position } from '../text';
import { capLocations, Capped, lowerBound, MAX_HIGHLIGHTS, MAX_REFERENCES, omittedNote } from './capping';

/** Fields whose value names a session: jumping from them is as good as from the header line. */
const LINK_FIELDS = new Set(['sessionId.app.appGsid', 'eid', 'SESSION_ID']);

function entryForNavigation(analysis: Analysis, position: Position): LogEntry | undefined {
  const { log } = analysis;
  const offset = offsetAt(log.text, log.lineStarts, position);
  const entry = entryAt(log, offset);
  if (!entry) {
    return undefined;
  }
  // Anywhere in the header and event name (before the payload) counts, as does the first line.
  if (position.line === entry.startLine || offset < (entry.payloadStart ?? entry.end)) {
    return entry;
  }
  const field = fieldAt(log, entry, offset);
  return field && LINK_FIELDS.has(field.name) ? entry : undefined;
}

/** From a STOP/logout or any member to the START/login; from the START/login to the STOP/logout. */
export function findDefinition(analysis: Analysis, uri: string, position: Position): Location[] {
  const entry = entryForNavigation(analysis, position);
  if (!entry) {
    return [];
  }
  const target = pairedEntry(analysis.sessions, entry.index);
  if (target === undefined) {
    return [];
  }
  return [{ uri, range: headerLineRange(analysis.log, analysis.log.entries[target]) }];
}

/**
 * At most `max` members of the session of the entry at `position`: its START and STOP, then the
 * members nearest that entry. Members are kept in document order, so the entry is found by binary
 * search and nothing is done per member of a large session.
 */
function sessionMembersAt(analysis: Analysis, position: Position, max: number): Capped<LogEntry> {
  const entry = entryForNavigation(analysis, position);
  const session = entry && sessionOfEntry(analysis, entry);
  if (!entry || !session) {
    return { items: [], omitted: 0 };
  }
  const { members } = session;
  const capped = capLocations(members, max, { near: lowerBound(members, entry.index), pinned: endsOf(session) });
  return { items: capped.items.map((i) => analysis.log.entries[i]), omitted: capped.omitted };
}

function endsOf(session: Session): number[] {
  const ends: number[] = [];
  for (const end of [session.start, session.stop]) {
    if (end !== undefined) {
      ends.push(lowerBound(session.members, end));
    }
  }
  return ends;
}

/**
 * The events of the session at `position`, capped at MAX_REFERENCES; `onOmitted` hears how many were
 * left out (the server logs it), so a large session never makes an answer of megabytes.
 */
export function findReferences(
  analysis: Analysis, uri: string, position: Position, onOmitted?: (omitted: number, note: string) => void,
): Location[] {
  const { items, omitted } = sessionMembersAt(analysis, position, MAX_REFERENCES);
  if (omitted > 0) {
    onOmitted?.(omitted, omittedNote(items.length, omitted, 'events of this session'));
  }
  return items.map((e) => ({ uri, range: headerLineRange(analysis.log, e) }));
}

/** Sent on every cursor move: the session's START and STOP and the events around the cursor, capped. */
export function findHighlights(analysis: Analysis, position: Position): DocumentHighlight[] {
  return sessionMembersAt(analysis, position, MAX_HIGHLIGHTS).items.map((e) => ({
    range: headerLineRange(analysis.log, e),
    kind: DocumentHighlightKind.Text,
  }));
}
