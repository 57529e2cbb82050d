/**
 * Moving between the events of one session: definition, references, highlights. On a user, device,
 * IP address or app value, references and highlights pivot instead: every entry carrying that value.
 */
import { DocumentHighlight, DocumentHighlightKind, Location } from 'vscode-languageserver-types';
import { Analysis, headerLineRange, OffsetRange, rangeOf, sessionOfEntry } from '../analysis';
import { entryAt, fieldAt } from '../document';
import { LogEntry, ParsedLog } from '../model';
import { pivotHitsAt } from '../pivots';
import { distinguishingSpan } from '../sessionLabels';
import { pairedEntry } from '../sessions';
import { offsetAt, Position } from '../text';
import { MAX_HIGHLIGHTS, MAX_REFERENCES } from './capping';

/** What a reference to an event points at: its event name or message, which differs from row to row. */
function tokenRange(log: ParsedLog, entry: LogEntry): OffsetRange {
  const span = distinguishingSpan(log, entry);
  return rangeOf(log, span.start, span.end);
}

function pivotRanges(analysis: Analysis, position: Position, max: number): OffsetRange[] | undefined {
  const { log } = analysis;
  return pivotHitsAt(analysis, offsetAt(log.text, log.lineStarts, position), max)?.items.map((h) => rangeOf(log, h.start, h.end));
}

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

function sessionMembersAt(analysis: Analysis, position: Position): LogEntry[] {
  const entry = entryForNavigation(analysis, position);
  const session = entry && sessionOfEntry(analysis, entry);
  return session ? session.members.map((i) => analysis.log.entries[i]) : [];
}

export function findReferences(analysis: Analysis, uri: string, position: Position): Location[] {
  const pivot = pivotRanges(analysis, position, MAX_REFERENCES);
  if (pivot) {
    return pivot.map((range) => ({ uri, range }));
  }
  return sessionMembersAt(analysis, position).map((e) => ({ uri, range: tokenRange(analysis.log, e) }));
}

export function findHighlights(analysis: Analysis, position: Position): DocumentHighlight[] {
  const pivot = pivotRanges(analysis, position, MAX_HIGHLIGHTS);
  if (pivot) {
    return pivot.map((range) => ({ range, kind: DocumentHighlightKind.Text }));
  }
  return sessionMembersAt(analysis, position).map((e) => ({
    range: tokenRange(analysis.log, e),
    kind: DocumentHighlightKind.Text,
  }));
}
