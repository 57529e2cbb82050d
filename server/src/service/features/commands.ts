/**
 * What the server's own commands need (lenses in editors other than VS Code): the paired event of an
 * entry and a one-line account of its session, addressed by line as the lens arguments are.
 */
import { Analysis, sessionOfEntry } from '../analysis';
import { entryAtLine } from '../lookup';
import { plainText } from '../markdown';
import { sessionDetail, sessionName } from '../sessionLabels';
import { pairedEntry } from '../sessions';
import { plural } from '../wording';

/** The 0-based line of the other end of the session of the entry on `line`, if it is in the document. */
export function pairedLine(analysis: Analysis, line: number): number | undefined {
  const entry = entryAtLine(analysis.log, line);
  const target = entry && pairedEntry(analysis.sessions, entry.index);
  return target === undefined ? undefined : analysis.log.entries[target].startLine;
}

/** `jruser · PromCLI · ios: 13:45:35 → (no STOP in file) · gsid 2572815711 · 5 events`, plain text. */
export function sessionSummary(analysis: Analysis, line: number): string | undefined {
  const entry = entryAtLine(analysis.log, line);
  const session = entry && sessionOfEntry(analysis, entry);
  if (!session) {
    return undefined;
  }
  return plainText(`${sessionName(analysis, session)}: ${sessionDetail(analysis, session)} · ${plural(session.members.length, 'event')}`, 400);
}
