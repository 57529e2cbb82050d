/**
 * The outline: sessions first (one symbol each, their events as children), then the events that
 * belong to no session, grouped by what a reader looks for.
 */
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import { Analysis, entryRange, headerLineRange, rangeOf } from '../analysis';
import { clockTime } from '../wording';
import { plainText } from '../markdown';
import { LogEntry } from '../model';
import { eventName, sessionDetail, sessionName } from '../sessionLabels';

interface Group {
  name: string;
  kind: SymbolKind;
  entries: LogEntry[];
}

export function documentSymbols(analysis: Analysis, maxSymbols: number): DocumentSymbol[] {
  const { log, sessions } = analysis;
  const budget = { left: Math.max(1, maxSymbols) };
  const result: DocumentSymbol[] = [];
  let omitted = 0;
  for (const session of sessions.sessions) {
    if (budget.left <= 0) {
      omitted += session.members.length + 1;
      continue;
    }
    budget.left--;
    const members = session.members.map((i) => log.entries[i]);
    const children = eventSymbols(analysis, members, budget);
    omitted += members.length - children.length;
    const first = members[0];
    const last = members[members.length - 1];
    const anchor = log.entries[session.start ?? session.stop ?? session.members[0]];
    const orphan = session.start === undefined || session.stop === undefined;
    result.push({
      name: (orphan ? '⚠ ' : '') + (plainText(sessionName(analysis, session)).trim() || '(unnamed session)'),
      detail: plainText(sessionDetail(analysis, session), 200),
      kind: SymbolKind.Namespace,
      range: rangeOf(log, first.start, last.end),
      selectionRange: headerLineRange(log, anchor),
      children,
    });
  }
  for (const group of ungroupedEvents(analysis)) {
    if (group.entries.length === 0) {
      continue;
    }
    if (budget.left <= 0) {
      omitted += group.entries.length + 1;
      continue;
    }
    budget.left--;
    const children = eventSymbols(analysis, group.entries, budget);
    omitted += group.entries.length - children.length;
    const first = group.entries[0];
    result.push({
      name: `${group.name} (${group.entries.length})`,
      kind: group.kind,
      range: rangeOf(log, first.start, group.entries[group.entries.length - 1].end),
      selectionRange: headerLineRange(log, first),
      children,
    });
  }
  if (omitted > 0) {
    const lastEntry = log.entries[log.entries.length - 1];
    const range = headerLineRange(log, lastEntry);
    result.push({
      name: `… ${omitted} more not shown`,
      detail: 'raise gatewayLogs.maxSymbols to see them',
      kind: SymbolKind.Null,
      range,
      selectionRange: range,
    });
  }
  return result;
}

function eventSymbols(analysis: Analysis, entries: LogEntry[], budget: { left: number }): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  for (const entry of entries) {
    if (budget.left <= 0) {
      break;
    }
    budget.left--;
    symbols.push({
      name: plainText(eventName(analysis, entry)).trim() || 'entry',
      detail: plainText(`${clockTime(entry)} · line ${entry.startLine + 1}`),
      kind: SymbolKind.Event,
      range: entryRange(analysis.log, entry),
      selectionRange: headerLineRange(analysis.log, entry),
    });
  }
  return symbols;
}

const BLUECEDAR_ALERT_SEVERITIES = ['Critical', 'Major', 'Minor', 'Warning'];
const OAG_ALERT_LEVELS = ['FATAL', 'ALERT', 'ERROR', 'WARN'];

function ungroupedEvents(analysis: Analysis): Group[] {
  const { log, sessions } = analysis;
  const loose = log.entries.filter((e) => sessions.sessionOf[e.index] === -1);
  if (log.format === 'bluecedar') {
    const rejects = loose.filter((e) => e.kind === 'policyReject');
    const unexpected = loose.filter((e) => e.kind === 'unexpectedStop');
    const links = loose.filter((e) => e.kind === 'linkUpdate');
    const taken = new Set([...rejects, ...unexpected, ...links]);
    const bySeverity = BLUECEDAR_ALERT_SEVERITIES.map((sev) => ({
      name: sev, kind: SymbolKind.Key, entries: loose.filter((e) => !taken.has(e) && e.severity === sev),
    }));
    return [
      { name: 'Policy rejects', kind: SymbolKind.Event, entries: rejects },
      { name: 'Unexpected accounting STOP signals', kind: SymbolKind.Event, entries: unexpected },
      ...bySeverity,
      { name: 'Link updates', kind: SymbolKind.Interface, entries: links },
    ];
  }
  const system = loose.filter((e) => e.eventName && /^(SYSTEM_|CONFIG_TEST|SHUTDOWN)/.test(e.eventName));
  const passwords = loose.filter((e) => e.eventName && /PASSWORD/.test(e.eventName));
  const checks = loose.filter((e) => e.eventName && /^(CHECK_|HOST|STORE)/.test(e.eventName));
  const taken = new Set([...system, ...passwords, ...checks]);
  const byLevel = OAG_ALERT_LEVELS.map((level) => ({
    name: level, kind: SymbolKind.Key, entries: loose.filter((e) => !taken.has(e) && e.severity === level),
  }));
  const sessionless = loose.filter((e) => !taken.has(e) && (e.kind === 'login' || e.kind === 'logout' || e.eventName?.startsWith('USER_')) && !OAG_ALERT_LEVELS.includes(e.severity ?? ''));
  return [
    ...byLevel,
    { name: 'User events without a session', kind: SymbolKind.Event, entries: sessionless },
    { name: 'Password events', kind: SymbolKind.Key, entries: passwords },
    { name: 'System events', kind: SymbolKind.Module, entries: system },
    { name: 'Connectivity checks', kind: SymbolKind.Interface, entries: checks },
  ];
}
