/** Moving between the events of one session: definition, references, highlights. */
import { DocumentHighlight, DocumentHighlightKind, Location } from 'vscode-languageserver-types';
import { Analysis, headerLineRange, sessionOfEntry } from '../analysis';
import { entryAt, fieldAt } from '../document';
import { LogEntry } from '../model';
import { pairedEntry } from '../sessions';
import { offsetAt, Position } from '../text';

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
  return sessionMembersAt(analysis, position).map((e) => ({ uri, range: headerLineRange(analysis.log, e) }));
}

export function findHighlights(analysis: Analysis, position: Position): DocumentHighlight[] {
  return sessionMembersAt(analysis, position).map((e) => ({
    range: headerLineRange(analysis.log, e),
    kind: DocumentHighlightKind.Text,
  }));
}
