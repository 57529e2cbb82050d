/**
 * What a filter reads of a parsed entry: who and what it names (its own facts, from its JSON payload
 * or structured data), whether it is a rejection, its time as written. One place, so the document
 * filter, the disk scan and the export read entries alike.
 */
import { WhoField } from '../formats/filterSpec';
import { wallClockOfInstant, WallClock } from '../formats/timeRange';
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
