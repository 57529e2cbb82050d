/**
 * An open document's sessions completed by the bundle: a STOP whose START is in an earlier (rotated)
 * file, a START whose STOP is in a later one. Keyed by the document's entry index.
 */
import { Analysis } from '../analysis';
import { BundleIndex } from './bundleIndex';
import { NONE } from './columns';

export interface BundlePartner {
  /** The bundle session. */
  session: number;
  /** Global rows of the ends the document itself lacks (undefined when the bundle lacks them too). */
  start?: number;
  stop?: number;
}

const cache = new WeakMap<Analysis, { sessions: object; partners: Map<number, BundlePartner> }>();

/**
 * For each document session missing an end, the bundle session its entries belong to. `lineOffset`:
 * the file line of the document's first line (0 for the file itself, more for a window into it).
 */
export function bundlePartners(analysis: Analysis, index: BundleIndex, path: string, lineOffset: number): Map<number, BundlePartner> {
  const sessions = index.sessions;
  const cached = cache.get(analysis);
  if (cached && cached.sessions === sessions) {
    return cached.partners;
  }
  const partners = new Map<number, BundlePartner>();
  const { entries } = analysis.log;
  for (const session of analysis.sessions.sessions) {
    if (session.start !== undefined && session.stop !== undefined) {
      continue;
    }
    const anchor = entries[session.start ?? session.stop ?? session.members[0]];
    const row = index.rowAt(path, anchor.startLine + lineOffset);
    const id = row === undefined ? undefined : index.sessionOfRow(row);
    if (id === undefined) {
      continue;
    }
    const start = session.start === undefined && sessions.start[id] !== NONE ? sessions.start[id] : undefined;
    const stop = session.stop === undefined && sessions.stop[id] !== NONE ? sessions.stop[id] : undefined;
    if (start === undefined && stop === undefined) {
      continue;
    }
    const partner = { session: id, start, stop };
    for (const member of session.members) {
      partners.set(member, partner);
    }
  }
  cache.set(analysis, { sessions, partners });
  return partners;
}
