/**
 * Rows of the timeline: one per user (or device, or app), each session a bar in a lane of its row.
 * Pure and linear after sorting, so 20 000 sessions lay out in a few milliseconds.
 */
import { TimelineData, TimelineMark, TimelineSession } from './model';

export type GroupBy = 'user' | 'device' | 'app';

/** Sessions of one row that overlap go to separate lanes, up to this many (then they share the last). */
export const MAX_LANES = 3;
/** The row of marks and findings that belong to no user, device or app. */
export const NO_ROW_KEY = '\u0000none';

export interface Row {
  key: string;
  label: string;
  lanes: number;
  /** Session indices (into data.sessions) by start time. */
  sessions: number[];
  marks: number[];
  findings: number[];
  /** Earliest time in the row (rows are ordered by it). */
  first: number;
}

export interface Layout {
  groupBy: GroupBy;
  rows: Row[];
  /** Row and lane of each session, by index in data.sessions. */
  rowOfSession: Int32Array;
  laneOfSession: Int8Array;
  rowOfMark: Int32Array;
  rowOfFinding: Int32Array;
  /** Each session's drawn extent (see extentOf), computed once: drawing a frame allocates nothing per session. */
  from: Float64Array;
  to: Float64Array;
  /** Bit 1: no START in the file; bit 2: no STOP. */
  open: Uint8Array;
}

/** Where a session is drawn from and to: a missing START or STOP opens the bar to the log's start or end. */
export function extentOf(s: TimelineSession, data: Pick<TimelineData, 'start' | 'end'>): { from: number; to: number; openStart: boolean; openEnd: boolean } {
  const logStart = data.start ?? s.start ?? s.stop ?? 0;
  const logEnd = data.end ?? s.stop ?? s.start ?? logStart;
  const from = s.start ?? Math.min(logStart, s.stop ?? logStart);
  const to = s.stop ?? Math.max(logEnd, from);
  return { from, to: Math.max(from, to), openStart: s.start === undefined, openEnd: s.stop === undefined };
}

function sessionKey(s: TimelineSession, by: GroupBy): { key: string; label: string } {
  switch (by) {
    case 'device':
      return { key: s.deviceId ?? s.device, label: s.device };
    case 'app':
      return { key: s.app, label: s.app };
    default:
      return { key: s.user, label: s.user };
  }
}

function markKey(m: TimelineMark, by: GroupBy): string | undefined {
  return by === 'device' ? m.deviceId : by === 'app' ? m.app : m.user;
}

export function layoutRows(data: TimelineData, by: GroupBy): Layout {
  const count = data.sessions.length;
  const from = new Float64Array(count);
  const to = new Float64Array(count);
  const open = new Uint8Array(count);
  data.sessions.forEach((s, i) => {
    const e = extentOf(s, data);
    from[i] = e.from;
    to[i] = e.to;
    open[i] = (e.openStart ? 1 : 0) | (e.openEnd ? 2 : 0);
  });
  const rows: Row[] = [];
  const byKey = new Map<string, Row>();
  const rowFor = (key: string, label: string, time: number | undefined): Row => {
    let row = byKey.get(key);
    if (!row) {
      row = { key, label, lanes: 1, sessions: [], marks: [], findings: [], first: Infinity };
      byKey.set(key, row);
      rows.push(row);
    }
    if (time !== undefined && time < row.first) {
      row.first = time;
    }
    return row;
  };
  const sessionRow: Row[] = [];
  // Lines findings are on, to find the session each is about (a number for lines of the open document:
  // no string per session, which is most of the work for 20 000 sessions).
  const lineKey = (file: string | undefined, line: number): number | string => (file === undefined ? line : `${file}#${line}`);
  const findingLines = new Map<number | string, number>(data.findings.map((f) => [lineKey(f.file, f.line), -1]));
  data.sessions.forEach((s, i) => {
    const { key, label } = sessionKey(s, by);
    const row = rowFor(key, label, s.start ?? s.stop);
    row.sessions.push(i);
    sessionRow[i] = row;
    if (findingLines.size > 0) {
      for (const line of [s.line, s.startLine, s.stopLine]) {
        const at = line === undefined ? undefined : lineKey(s.file, line);
        if (at !== undefined && findingLines.get(at) === -1) {
          findingLines.set(at, i);
        }
      }
    }
  });
  const markRow: Row[] = [];
  data.marks.forEach((m, i) => {
    const key = markKey(m, by);
    const row = rowFor(key ?? NO_ROW_KEY, key ?? '(no session)', m.time);
    row.marks.push(i);
    markRow[i] = row;
  });
  const findingRow: Row[] = [];
  data.findings.forEach((f, i) => {
    // A finding on a session's event goes to that session's row, whatever the grouping.
    const onSession = findingLines.get(lineKey(f.file, f.line)) ?? -1;
    let row = onSession >= 0 ? sessionRow[onSession] : undefined;
    if (!row) {
      const key = by === 'user' ? f.user : by === 'device' ? f.device : undefined;
      row = rowFor(key ?? NO_ROW_KEY, key ?? '(no session)', f.time);
    }
    row.findings.push(i);
    findingRow[i] = row;
  });
  // Rows in order of their first activity; the row of unattached events first.
  rows.sort((a, b) => (a.key === NO_ROW_KEY ? -1 : b.key === NO_ROW_KEY ? 1 : a.first - b.first || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)));
  const index = new Map<Row, number>(rows.map((r, i) => [r, i]));
  const laneOfSession = new Int8Array(data.sessions.length);
  for (const row of rows) {
    row.lanes = assignLanes(row, from, to, laneOfSession);
  }
  return {
    groupBy: by,
    rows,
    rowOfSession: Int32Array.from(sessionRow, (r) => index.get(r)!),
    laneOfSession,
    rowOfMark: Int32Array.from(markRow, (r) => index.get(r)!),
    rowOfFinding: Int32Array.from(findingRow, (r) => index.get(r)!),
    from,
    to,
    open,
  };
}

/** Session indices by drawn start (the order the keyboard moves through). */
export function sessionsByStart(layout: Layout): number[] {
  const { from } = layout;
  return Array.from(from, (_, i) => i).sort((a, b) => from[a] - from[b] || a - b);
}

/** Greedy lanes: each session goes to the first lane free at its start; the row's lane count is returned. */
function assignLanes(row: Row, from: Float64Array, to: Float64Array, laneOf: Int8Array): number {
  row.sessions.sort((a, b) => from[a] - from[b] || a - b);
  const laneEnds: number[] = [];
  for (const i of row.sessions) {
    let lane = laneEnds.findIndex((end) => end <= from[i]);
    if (lane === -1) {
      if (laneEnds.length < MAX_LANES) {
        lane = laneEnds.length;
        laneEnds.push(to[i]);
      } else {
        // Every lane busy: share the one that frees first.
        lane = laneEnds.indexOf(Math.min(...laneEnds));
      }
    }
    laneEnds[lane] = Math.max(laneEnds[lane], to[i]);
    laneOf[i] = lane;
  }
  return Math.max(1, laneEnds.length);
}
