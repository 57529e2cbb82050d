/**
 * What a filter reads of a parsed entry: who and what it names (its own facts, from its JSON payload
 * or structured data), whether it is a rejection, its time as written. One place, so the document
 * filter, the disk scan and the export read entries alike.
 */
import { WhoField } from '../formats/filterSpec';
import { compareTimes, wallClockOfInstant, WallClock } from '../formats/timeRange';
import { LogEntry, LogFormat } from '../model';

/** The values an entry itself names for a field (Blue Cedar sessionId JSON; OAG SUBJECT, APP, REMOTE_IP). */
export function ownValues(format: LogFormat, entry: LogEntry, field: WhoField): (string | undefined)[] {
  if (format === 'oag') {
    switch (field) {
      case 'user':
        return [entry.subject];
      case 'app':
        return [entry.app];
      case 'ip':
        return [entry.remoteIp];
      default:
        return [];
    }
  }
  const s = entry.session;
  if (!s) {
    return [];
  }
  switch (field) {
    case 'user':
      return [s.username];
    case 'device':
      return [s.deviceName, s.uniqueId];
    case 'app':
      // The app's name, else its package id: what the bundle index keeps too, so views agree.
      return [s.appName ?? s.appPackageId];
    default:
      return [s.publicSrcIp, s.assignedIp];
  }
}

/** Policy REJECT, or an OAG RESULT of FAIL or DENY (as the bundle index flags them). */
export function isRejected(entry: LogEntry): boolean {
  return entry.kind === 'policyReject' || (entry.result !== undefined && /^\s*(FAIL|DENY)\s*$/i.test(entry.result));
}

/** The entry's time as the log wrote it (an inferred year does not count), or undefined. */
export function entryWallClock(entry: LogEntry): WallClock | undefined {
  return entry.time === undefined ? undefined : wallClockOfInstant(entry.time, entry.zone, !entry.yearInferred);
}

/** Values compare trimmed and without regard to case: people type `AKim` for `akim`. */
export function normalValue(value: string): string {
  return value.trim().toLowerCase();
}

/**
 * Whether a time as written lies in a range (both ends included). A time written without a year (the
 * syslog form) is compared within the year; when the range crosses the end of a year, such a time is
 * in it from the start to the year's end or from the year's start to the end (in all of it when the
 * range spans a whole year), since it may be of either year.
 */
export function inTimeRange(time: WallClock, range: { from: WallClock; to: WallClock | undefined }): boolean {
  const { from, to } = range;
  if (time.year === undefined && to !== undefined && from.year !== undefined && to.year !== undefined && to.year > from.year) {
    return to.year - from.year > 1 || to.withinYear >= from.withinYear || time.withinYear >= from.withinYear || time.withinYear <= to.withinYear;
  }
  return compareTimes(time, from) >= 0 && (to === undefined || compareTimes(time, to) <= 0);
}
