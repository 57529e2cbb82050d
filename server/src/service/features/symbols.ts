/**
 * The outline: sessions first (one symbol each, their events as children), then the events that
 * belong to no session, grouped by what a reader looks for.
 *
 * Ranges never overlap. VS Code takes the first symbol whose range holds the cursor and descends
 * only into children inside it (breadcrumbs, sticky scroll, Outline "follow cursor"), and counts a
 * problem on the first symbol whose range meets it (Outline badges). Sessions interleave, so a
 * session drawn from its first to its last event would claim its neighbours' lines and problems.
 * Instead a group's range is the run of its own consecutive events around its anchor (the START,
 * else its first event): there it names the right session. Its other events are still listed as
 * its children, each with its own range; the cursor there is simply in no group.
 */
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import { Analysis, entryRange, headerLineRange, OffsetRange, rangeOf } from '../analysis';
import { clockTime } from '../wording';
import { plainText } from '../markdown';
import { LogEntry } from '../model';
import { eventName, sessionDetail, sessionName, sessionShape } from '../sessionLabels';
import { Session } from '../sessions';
import { FOREIGN_GROUP_NAME, foreignProgramGroups } from './foreignOutline';

/** A top-level entry of the outline: a session or a group of events, with the entries it lists. */
export interface OutlineGroup {
  name: string;
  detail?: string;
  kind: SymbolKind;
  /** In document order; every entry belongs to at most one group. */
  entries: LogEntry[];
  /** How many entries the group lists (`entries.length`). */
  size: number;
  /** The entry the group is anchored on (its range starts from there); the first entry by default. */
  anchor?: LogEntry;
  /**
   * An index over entries other groups show (findings, say): listed, but with an empty range at the
   * end of the text, so it claims no line and no problem of the entries it lists.
   */
  index?: boolean;
}

export interface SymbolOptions {
  /** The setting that raises the limit, named in the "more not shown" entry. */
  limitSetting?: string;
}

export function documentSymbols(analysis: Analysis, maxSymbols: number, options: SymbolOptions = {}): DocumentSymbol[] {
  const { log, sessions } = analysis;
  const budget = { left: Math.max(1, maxSymbols) };
  let omitted = 0;
  const placed: { group: OutlineGroup; children: DocumentSymbol[]; shown: LogEntry[] }[] = [];
  // Which group shows each entry: a group's range may only run over entries it shows itself.
  const shownBy = new Map<number, number>();
  const place = (group: OutlineGroup): void => {
    if (budget.left <= 0) {
      omitted += group.size + 1;
      return;
    }
    budget.left--;
    const shown = group.entries.slice(0, budget.left);
    budget.left -= shown.length;
    omitted += group.size - shown.length;
    if (!group.index) {
      for (const entry of shown) {
        shownBy.set(entry.index, placed.length);
      }
    }
    placed.push({ group, shown, children: shown.map((entry) => eventSymbol(analysis, entry)) });
  };
  // Sessions first; past the limit only counted (a log may hold a hundred thousand of them).
  for (const session of sessions.sessions) {
    if (budget.left <= 0) {
      omitted += session.members.length + 1;
    } else {
      place(sessionGroup(analysis, session));
    }
  }
  for (const group of looseGroups(analysis)) {
    if (group.size > 0) {
      place(group);
    }
  }
  // Empty and at the very end of the text: it holds no line a reader could be on.
  const nowhere = rangeOf(log, log.text.length, log.text.length);
  const result: DocumentSymbol[] = placed.map(({ group, shown, children }, id) => {
    const anchor = group.anchor && shownBy.get(group.anchor.index) === id ? group.anchor : shown[0];
    const own = !group.index && anchor !== undefined && shownBy.get(anchor.index) === id;
    return {
      name: plainText(group.name).trim() || '(unnamed)',
      detail: group.detail !== undefined ? plainText(group.detail, 200) : undefined,
      kind: group.kind,
      range: own ? ownRun(analysis, shownBy, id, anchor) : nowhere,
      selectionRange: own ? headerLineRange(log, anchor) : nowhere,
      children,
    };
  });
  if (omitted > 0) {
    result.push({
      name: `… ${omitted} more not shown`,
      detail: options.limitSetting ? `raise ${options.limitSetting} to see them` : undefined,
      kind: SymbolKind.Null,
      range: nowhere,
      selectionRange: nowhere,
    });
  }
  return result;
}

/** The range of the consecutive entries shown by group `id` around `anchor`. */
function ownRun(analysis: Analysis, shownBy: Map<number, number>, id: number, anchor: LogEntry): OffsetRange {
  const { entries } = analysis.log;
  let first = anchor.index;
  let last = anchor.index;
  while (first > 0 && shownBy.get(first - 1) === id) {
    first--;
  }
  while (last + 1 < entries.length && shownBy.get(last + 1) === id) {
    last++;
  }
  return rangeOf(analysis.log, entries[first].start, entries[last].end);
}

function eventSymbol(analysis: Analysis, entry: LogEntry): DocumentSymbol {
  return {
    name: plainText(eventName(analysis, entry)).trim() || 'entry',
    detail: plainText(`line ${entry.startLine + 1}`),
    kind: SymbolKind.Event,
    range: entryRange(analysis.log, entry),
    selectionRange: headerLineRange(analysis.log, entry),
  };
}

function sessionGroup(analysis: Analysis, session: Session): OutlineGroup {
  const { log } = analysis;
  const shape = sessionShape(analysis, session);
  // ⚠ marks a session cut off by the file's edges; a refused login never opened one.
  const warn = shape === 'open' || shape === 'unstarted' || shape === 'fragment';
  return {
    name: (warn ? '⚠ ' : '') + (sessionName(analysis, session).trim() || '(unnamed session)'),
    detail: sessionDetail(analysis, session),
    kind: SymbolKind.Namespace,
    entries: session.members.map((i) => log.entries[i]),
    size: session.members.length,
    anchor: log.entries[session.start ?? session.stop ?? session.members[0]],
  };
}

const BLUECEDAR_ALERT_SEVERITIES = ['Critical', 'Major', 'Minor', 'Warning'];
const OAG_ALERT_LEVELS = ['FATAL', 'ALERT', 'ERROR', 'WARN'];

/** A group of events with no session: named with its count, its detail the times it spans. */
function group(name: string, kind: SymbolKind, entries: LogEntry[]): OutlineGroup {
  const first = entries.length > 0 ? clockTime(entries[0]) : undefined;
  const last = entries.length > 0 ? clockTime(entries[entries.length - 1]) : undefined;
  const detail = first === last ? first : `${first} – ${last}`;
  return { name: `${name} (${entries.length})`, detail, kind, entries, size: entries.length };
}

/** Lines of other programs (sshd, systemd, …): a group per program, after the log's own groups. */
function foreignGroups(analysis: Analysis): OutlineGroup[] {
  return foreignProgramGroups(analysis.log).map((g) => group(`${FOREIGN_GROUP_NAME} · ${g.program}`, SymbolKind.Module, g.entries));
}

function looseGroups(analysis: Analysis): OutlineGroup[] {
  return [...ownLooseGroups(analysis), ...foreignGroups(analysis)];
}

/** The log's own events of no session, by what a reader looks for: one pass, each entry in one group at most. */
function ownLooseGroups(analysis: Analysis): OutlineGroup[] {
  const { log, sessions } = analysis;
  const { entries } = log;
  if (log.format === 'bluecedar') {
    const rejects: LogEntry[] = [];
    const unexpected: LogEntry[] = [];
    const links: LogEntry[] = [];
    const bySeverity: LogEntry[][] = BLUECEDAR_ALERT_SEVERITIES.map(() => []);
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      if (sessions.sessionOf[i] !== -1 || e.kind === 'foreign') {
        continue;
      }
      if (e.kind === 'policyReject') {
        rejects.push(e);
      } else if (e.kind === 'unexpectedStop') {
        unexpected.push(e);
      } else if (e.kind === 'linkUpdate') {
        links.push(e);
      } else {
        bySeverity[BLUECEDAR_ALERT_SEVERITIES.indexOf(e.severity ?? '')]?.push(e);
      }
    }
    return [
      group('Policy rejects', SymbolKind.Event, rejects),
      group('Unexpected accounting STOP signals', SymbolKind.Event, unexpected),
      ...BLUECEDAR_ALERT_SEVERITIES.map((sev, k) => group(sev, SymbolKind.Key, bySeverity[k])),
      group('Link updates', SymbolKind.Interface, links),
    ];
  }
  const system: LogEntry[] = [];
  const passwords: LogEntry[] = [];
  const checks: LogEntry[] = [];
  const sessionless: LogEntry[] = [];
  const byLevel: LogEntry[][] = OAG_ALERT_LEVELS.map(() => []);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (sessions.sessionOf[i] !== -1 || e.kind === 'foreign') {
      continue;
    }
    const name = e.eventName;
    const level = OAG_ALERT_LEVELS.indexOf(e.severity ?? '');
    if (name && /^(SYSTEM_|CONFIG_TEST|SHUTDOWN)/.test(name)) {
      system.push(e);
    } else if (name && /PASSWORD/.test(name)) {
      passwords.push(e);
    } else if (name && /^(CHECK_|HOST|STORE)/.test(name)) {
      checks.push(e);
    } else if (level >= 0) {
      byLevel[level].push(e);
    } else if (e.kind === 'login' || e.kind === 'logout' || name?.startsWith('USER_')) {
      sessionless.push(e);
    }
  }
  return [
    ...OAG_ALERT_LEVELS.map((level, k) => group(level, SymbolKind.Key, byLevel[k])),
    group('User events without a session', SymbolKind.Event, sessionless),
    group('Password events', SymbolKind.Key, passwords),
    group('System events', SymbolKind.Module, system),
    group('Connectivity checks', SymbolKind.Interface, checks),
  ];
}
