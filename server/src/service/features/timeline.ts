/**
 * What the timeline view draws: sessions as bars, rejections, failed logins, denials and errors as
 * marks, findings, and a histogram of entries per time bucket by severity. Built from the same plain
 * facts as the findings, so an index of many files can feed it too (buildTimeline); one document goes
 * through timelineOfAnalysis. Every list is bounded and says how much it left out.
 */
import { Analysis } from '../analysis';
import { entryAtLine } from '../lookup';
import { factsOfAnalysis } from '../findings/facts';
import { LEVEL_CLASSES, LevelClass, levelClass } from '../findings/levels';
import { EntryRef, EventFactKind, EventFacts, FactSet, FindingsResult, SessionFacts } from '../findings/model';
import { durationOf } from '../findings/rules/sessionSpan';
import { MarkKind, TimelineData, TimelineFinding, TimelineHistogram, TimelineMark, TimelineSession } from '../formats/timelineData';
import { MAX_NAME } from '../findings/rule';
import { displayText } from '../markdown';
import { LogFormat } from '../model';
import { humanDuration } from '../wording';

export type { MarkKind, TimelineData, TimelineFinding, TimelineHistogram, TimelineMark, TimelineSession } from '../formats/timelineData';

export interface TimelineOptions {
  maxSessions?: number;
  maxMarks?: number;
  /** Most histogram buckets (the width is rounded up to a readable step: 1 s, 5 s, 1 min...). */
  buckets?: number;
}

const DEFAULTS: Required<TimelineOptions> = { maxSessions: 50_000, maxMarks: 50_000, buckets: 2000 };

/** A time and severity per entry, for the histogram. */
export type LevelSamples = (visit: (time: number | undefined, level: LevelClass) => void) => void;

export interface TimelineInput {
  format: LogFormat;
  facts: FactSet;
  findings: FindingsResult;
  levels: LevelSamples;
}

/**
 * Log text as the view gets it: one line, invisible and direction-changing characters written out,
 * cut on a character boundary. The view draws it on a canvas and in tooltips as it is, and groups rows
 * by these values (the same cut for sessions, marks and findings, so they still meet on one row).
 */
function shown(value: string, max = MAX_NAME): string {
  return displayText(value, max);
}

function shownOptional(value: string | undefined, max = MAX_NAME): string | undefined {
  return value === undefined ? undefined : displayText(value, max);
}

/** Longest label, reason and message sent (the tooltip's lines). */
const MAX_LABEL = 300;
const MAX_MESSAGE = 500;

const MARK_KINDS: Partial<Record<EventFactKind, MarkKind>> = {
  policyReject: 'reject', loginFail: 'failedLogin', authnFail: 'failedLogin', authzDeny: 'deny', sessionDeny: 'deny', error: 'error',
};

export function timelineOfAnalysis(analysis: Analysis, findings: FindingsResult, options: TimelineOptions = {}): TimelineData {
  const { log } = analysis;
  return buildTimeline({
    format: log.format,
    facts: factsOfAnalysis(analysis, { errors: true }),
    findings,
    levels: (visit) => {
      for (const entry of log.entries) {
        visit(entry.time, levelClass(log.format, entry.severity));
      }
    },
  }, options);
}

export function buildTimeline(input: TimelineInput, options: TimelineOptions = {}): TimelineData {
  const o = { ...DEFAULTS, ...options };
  const flagged = new Map<string, { codes: string[]; severity: 'warning' | 'information' }>();
  for (const f of input.findings.findings) {
    const key = refKey(f.where);
    const known = flagged.get(key);
    flagged.set(key, known
      ? { codes: [...known.codes, f.code], severity: known.severity === 'warning' ? 'warning' : f.severity }
      : { codes: [f.code], severity: f.severity });
  }
  const sessions: TimelineSession[] = [];
  let omittedSessions = 0;
  input.facts.sessions.forEach((s, id) => {
    if (sessions.length >= o.maxSessions) {
      omittedSessions++;
    } else {
      sessions.push(sessionOf(s, id, flagged.get(refKey(s.where)) ?? (s.stopRef && flagged.get(refKey(s.stopRef)))));
    }
  });
  const { marks, omitted: omittedMarks } = marksOf(input.facts.events, o.maxMarks);
  const findings: TimelineFinding[] = [];
  for (const f of input.findings.findings) {
    if (f.time !== undefined) {
      findings.push({
        code: f.code, title: f.title, severity: f.severity, message: shown(f.message, MAX_MESSAGE), time: f.time, end: f.end,
        user: shownOptional(f.user), device: shownOptional(f.device), file: f.where.file, line: f.where.line,
      });
    }
  }
  let entries = 0;
  let start: number | undefined;
  let end: number | undefined;
  input.levels((time) => {
    entries++;
    if (time !== undefined && Number.isFinite(time)) {
      start = start === undefined || time < start ? time : start;
      end = end === undefined || time > end ? time : end;
    }
  });
  const zone = input.facts.sessions.find((s) => s.zone !== undefined)?.zone ?? input.facts.events.find((e) => e.zone !== undefined)?.zone;
  return {
    format: input.format, zone, start, end, sessions, marks, findings, entries,
    histogram: start !== undefined && end !== undefined ? histogramOf(input.levels, start, end, o.buckets) : undefined,
    omitted: { sessions: omittedSessions, marks: omittedMarks },
  };
}

function refKey(ref: EntryRef): string {
  return `${ref.file ?? ''}#${ref.entry}`;
}

function sessionOf(s: SessionFacts, id: number, findings: { codes: string[]; severity: 'warning' | 'information' } | undefined): TimelineSession {
  const seconds = durationOf(s);
  // A negative counter is no traffic (as in the implausible-traffic rule): it would cancel the other out.
  const bytes = s.bytesRx !== undefined || s.bytesTx !== undefined ? Math.max(0, s.bytesRx ?? 0) + Math.max(0, s.bytesTx ?? 0) : undefined;
  return {
    id, user: shown(s.user ?? '(no user)'), device: shown(s.device ?? s.uniqueId ?? '(no device)'), deviceId: shownOptional(s.uniqueId),
    app: shown(s.app ?? '(no app)'), os: shownOptional(s.osType), ip: shownOptional(s.publicIp), country: shownOptional(s.mobileCountryCode),
    start: s.start, stop: s.stop,
    durationText: seconds !== undefined ? humanDuration(seconds) : undefined,
    bytes, file: s.where.file, line: s.where.line, startLine: s.startRef?.line, stopLine: s.stopRef?.line,
    jailbroken: s.jailbroken, failed: s.failed || undefined, findings: findings?.codes, findingSeverity: findings?.severity,
  };
}

/**
 * Marks up to the limit: rejections, failed logins and denials first; errors (which can be a fifth of a
 * log) only if they all fit, so the marks never show errors for part of the log and none for the rest.
 */
function marksOf(events: readonly EventFacts[], max: number): { marks: TimelineMark[]; omitted: number } {
  const marks: TimelineMark[] = [];
  let omitted = 0;
  const errors: EventFacts[] = [];
  const add = (e: EventFacts, kind: MarkKind): void => {
    marks.push({
      kind, time: e.time!, label: shown(e.label, MAX_LABEL), user: shownOptional(e.user), deviceId: shownOptional(e.device), app: shownOptional(e.app),
      reason: shownOptional(e.reason, MAX_LABEL), file: e.where.file, line: e.where.line,
    });
  };
  for (const e of events) {
    const kind = MARK_KINDS[e.kind];
    if (kind === undefined || e.time === undefined) {
      continue;
    }
    if (kind === 'error') {
      errors.push(e);
    } else if (marks.length < max) {
      add(e, kind);
    } else {
      omitted++;
    }
  }
  if (marks.length + errors.length <= max) {
    errors.forEach((e) => add(e, 'error'));
  } else {
    omitted += errors.length;
  }
  marks.sort((a, b) => a.time - b.time);
  return { marks, omitted };
}

const STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400].map((s) => s * 1000);

/** The smallest readable bucket width that splits [start, end] into at most `buckets` buckets. */
export function bucketWidth(start: number, end: number, buckets: number): number {
  const span = Math.max(1, end - start);
  for (const step of STEPS_MS) {
    if (span / step <= buckets) {
      return step;
    }
  }
  const day = STEPS_MS[STEPS_MS.length - 1];
  return Math.ceil(span / buckets / day) * day;
}

function histogramOf(levels: LevelSamples, start: number, end: number, buckets: number): TimelineHistogram {
  const bucketMs = bucketWidth(start, end, Math.max(1, buckets));
  const first = Math.floor(start / bucketMs) * bucketMs;
  const size = Math.floor((end - first) / bucketMs) + 1;
  const counts = Object.fromEntries(LEVEL_CLASSES.map((c) => [c, new Array<number>(size).fill(0)])) as Record<LevelClass, number[]>;
  levels((time, level) => {
    if (time !== undefined && Number.isFinite(time)) {
      counts[level][Math.floor((time - first) / bucketMs)]++;
    }
  });
  return { start: first, bucketMs, counts };
}

export interface TimelineCursor {
  line: number;
  time?: number;
  /** The id of the session the entry belongs to (as in TimelineSession.id). */
  session?: number;
}

/** The entry at a line of the editor, for the timeline to highlight. */
export function timelineCursor(analysis: Analysis, line: number): TimelineCursor | null {
  const entry = entryAtLine(analysis.log, line);
  if (!entry) {
    return null;
  }
  const id = analysis.sessions.sessionOf[entry.index];
  return { line: entry.startLine, time: entry.time, session: id >= 0 ? id : undefined };
}
