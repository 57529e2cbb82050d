/**
 * The Sessions view's tree, computed by the server a level at a time: days, then users (or apps or
 * devices) within a day, then sessions. Each level is bounded; a last node says how many more there are.
 */
import { compareTimes, WallClock, wallClockOfMillis } from '../formats/timeRange';
import { displayText } from '../markdown';
import { clockTime, humanDuration, plural } from '../wording';
import { BundleIndex, SessionSummary } from './bundleIndex';
import { FLAG_HAS_ERROR } from './columns';
import { searchSessions } from './search';
import { SearchField, sessionColumns } from './sessionView';

export type GroupBy = 'user' | 'app' | 'device';

export interface TreeFilter {
  /** Text a user, device, app, IP, appGsid or SESSION_ID contains. */
  text?: string;
  /** Bounds of the session's start as written (the log's own clock), inclusive. */
  from?: WallClock;
  to?: WallClock;
}

export interface TreeNode {
  /** Stable within one pairing of the bundle: `d:<day>`, `g:<day>:<value>`, `s:<session>`. */
  id: string;
  kind: 'day' | 'group' | 'session' | 'more';
  label: string;
  description?: string;
  /** Sessions below a day or group. */
  count?: number;
  session?: {
    summary: SessionSummary;
    /** Short words for what stands out: 'rejected', 'no START in bundle', 'no STOP in bundle', 'errors', 'jailbroken'. */
    badges: string[];
  };
}

const DAY = 86_400_000;
const GROUP_FIELD: Record<GroupBy, SearchField> = { user: 'user', app: 'app', device: 'deviceName' };

/** The children of `parent` (undefined: the days). */
export function treeChildren(index: BundleIndex, parent: string | undefined, groupBy: GroupBy, filter: TreeFilter = {}, max = 500): TreeNode[] {
  const columns = sessionColumns(index);
  const allowed = filter.text?.trim() ? new Set(searchSessions(index, filter.text, Number.MAX_SAFE_INTEGER).map((m) => m.id)) : undefined;
  const inRange = (id: number): boolean => {
    if (!filter.from && !filter.to) {
      return true;
    }
    const t = columns.wallTime[id];
    if (Number.isNaN(t)) {
      return false;
    }
    const clock = wallClockOfMillis(t);
    return (!filter.from || compareTimes(clock, filter.from) >= 0) && (!filter.to || compareTimes(clock, filter.to) <= 0);
  };
  const day = (id: number): number => (Number.isNaN(columns.wallTime[id]) ? -1 : Math.floor(columns.wallTime[id] / DAY));
  const group = columns.field[GROUP_FIELD[groupBy]];
  const selected = (id: number): boolean => (!allowed || allowed.has(id)) && inRange(id);

  if (parent === undefined) {
    const counts = new Map<number, number>();
    for (let id = 0; id < columns.count; id++) {
      if (selected(id)) {
        counts.set(day(id), (counts.get(day(id)) ?? 0) + 1);
      }
    }
    const days = [...counts.keys()].sort((a, b) => b - a);
    return bounded(days.map((d) => ({
      id: `d:${d}`, kind: 'day' as const, label: d < 0 ? '(no time)' : new Date(d * DAY).toISOString().slice(0, 10),
      description: plural(counts.get(d)!, 'session'), count: counts.get(d),
    })), max, 'days');
  }
  const [kind, dayText, valueText] = parent.split(':');
  const wantedDay = Number(dayText);
  if (kind === 'd') {
    const counts = new Map<number, number>();
    for (let id = 0; id < columns.count; id++) {
      if (day(id) === wantedDay && selected(id)) {
        counts.set(group[id], (counts.get(group[id]) ?? 0) + 1);
      }
    }
    const name = (value: number): string => index.strings.get(value) ?? `(no ${groupBy})`;
    const values = [...counts.keys()].sort((a, b) => name(a).localeCompare(name(b)));
    return bounded(values.map((value) => ({
      id: `g:${wantedDay}:${value}`, kind: 'group' as const, label: displayText(name(value), 120), description: plural(counts.get(value)!, 'session'), count: counts.get(value),
    })), max, groupBy === 'user' ? 'users' : `${groupBy}s`);
  }
  if (kind === 'g') {
    const wantedValue = Number(valueText);
    const ids: number[] = [];
    for (let id = 0; id < columns.count; id++) {
      if (day(id) === wantedDay && group[id] === wantedValue && selected(id)) {
        ids.push(id);
      }
    }
    ids.sort((a, b) => columns.wallTime[a] - columns.wallTime[b] || a - b);
    const shown = ids.slice(0, max).map((id) => sessionNode(index, id, groupBy));
    if (ids.length > max) {
      shown.push(moreNode(parent, ids.length - max, 'sessions'));
    }
    return shown;
  }
  return [];
}

function bounded(nodes: TreeNode[], max: number, what: string): TreeNode[] {
  if (nodes.length <= max) {
    return nodes;
  }
  return [...nodes.slice(0, max), moreNode('root', nodes.length - max, what)];
}

function moreNode(parent: string, left: number, what: string): TreeNode {
  return { id: `more:${parent}`, kind: 'more', label: `… ${left} more ${what}`, description: 'narrow the filter to see them' };
}

/**
 * A session as a tree node: its time span as the log writes it, then who, what and how long (without
 * the field the tree is grouped by), and its badges.
 */
export function sessionNode(index: BundleIndex, id: number, groupBy: GroupBy = 'user'): TreeNode {
  const summary = index.summary(id);
  const badges: string[] = [];
  if (summary.rejected) {
    badges.push('rejected');
  }
  if (summary.problems.includes('stop-without-start')) {
    badges.push(summary.format === 'oag' ? 'no login in bundle' : 'no START in bundle');
  }
  if (summary.problems.includes('start-without-stop')) {
    badges.push(summary.format === 'oag' ? 'no logout in bundle' : 'no STOP in bundle');
  }
  if (hasErrors(index, id)) {
    badges.push('errors');
  }
  if (summary.jailbroken) {
    badges.push('jailbroken');
  }
  const from = summary.start ? clockTime(summary.start) : `(${summary.format === 'oag' ? 'login' : 'START'} elsewhere) ${clockTime(summary.first)}`;
  const to = summary.stop ? clockTime(summary.stop) : '…';
  const who = [
    groupBy === 'user' ? undefined : summary.user ?? summary.key,
    groupBy === 'app' ? undefined : summary.app,
    groupBy === 'device' ? undefined : summary.device ?? summary.osType,
  ].filter((p): p is string => p !== undefined);
  const parts = [...who];
  if (summary.durationSeconds !== undefined && summary.start && summary.stop) {
    parts.push(humanDuration(summary.durationSeconds));
  }
  parts.push(plural(summary.events, 'event'));
  return {
    id: `s:${id}`, kind: 'session', label: `${from} → ${to}`,
    // Users, apps and devices come from the log: shown on one line, invisible characters written out.
    description: displayText([...parts, ...badges.map((b) => `⚑ ${b}`)].join(' · '), 300), session: { summary, badges },
  };
}

function hasErrors(index: BundleIndex, id: number, limit = 10_000): boolean {
  for (const row of index.members(id, limit)) {
    const { columns, index: i } = index.rows.locate(row);
    if (columns.flags[i] & FLAG_HAS_ERROR) {
      return true;
    }
  }
  return false;
}
