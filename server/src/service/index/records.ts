/**
 * The bundle index as flat records for other tools: one per session (CLI `sessions`, NDJSON or CSV)
 * and one per entry (CLI `entries`). Times are ISO 8601 as the log wrote them.
 */
import { BLUECEDAR_SEVERITIES, OAG_LEVELS } from '../formats/vocabulary';
import { EVENT_KINDS } from '../model';
import { isoWritten } from '../wording';
import { BundleIndex, EntryRef } from './bundleIndex';
import { NONE, NO_ZONE } from './columns';
import { FactString } from './facts';
import { sessionKeyText } from './keys';

export const SESSION_FIELDS = [
  'format', 'key', 'user', 'device', 'app', 'start', 'stop', 'durationSeconds', 'events', 'startAt', 'stopAt', 'problems',
] as const;

export type SessionRecord = Record<typeof SESSION_FIELDS[number], string | number | null>;

function at(ref: EntryRef | undefined): string | null {
  return ref ? `${ref.path}:${ref.line + 1}` : null;
}

/** The session's record: the fields of its summary that SESSION_FIELDS name, read without the others. */
export function sessionRecord(index: BundleIndex, id: number): SessionRecord {
  const ends = index.sessionEnds(id);
  const sources = index.sessionFactRows(id);
  const pick = (name: FactString): string | null => index.firstFact(sources, name) ?? null;
  return {
    format: ends.format,
    key: index.sessionKey(id),
    user: pick('user'),
    device: index.deviceOf(sources) ?? null,
    app: pick('app'),
    start: (ends.startRef && isoWritten(ends.startRef)) ?? null,
    stop: (ends.stopRef && isoWritten(ends.stopRef)) ?? null,
    durationSeconds: ends.durationSeconds === undefined ? null : Math.round(ends.durationSeconds * 1000) / 1000,
    events: index.sessions.count[id],
    startAt: at(ends.startRef),
    stopAt: at(ends.stopRef),
    problems: ends.problems.join(' '),
  };
}

export interface EntryRecord {
  file: string;
  line: number;
  byte: number;
  time: string | null;
  severity: string | null;
  kind: string;
  label: string | null;
  /** The session's key (appGsid, SESSION_ID or identity), when the entry belongs to one. */
  session: string | null;
}

/** Every entry of the bundle, in bundle order. */
export function* entryRecords(index: BundleIndex): Generator<EntryRecord> {
  const sessions = index.sessions;
  for (const file of index.files) {
    const e = file.entries;
    const levels: readonly string[] = file.format === 'bluecedar' ? BLUECEDAR_SEVERITIES : OAG_LEVELS;
    for (let i = 0; i < e.length; i++) {
      const time = e.time[i];
      const zone = e.zone[i];
      const session = e.session[i];
      yield {
        file: file.path,
        line: e.line[i] + 1,
        byte: e.offset[i],
        time: Number.isNaN(time) ? null : isoWritten({ time, zone: zone === NO_ZONE ? undefined : zone }) ?? null,
        severity: e.severity[i] > 0 ? levels[e.severity[i] - 1] : null,
        kind: EVENT_KINDS[e.kind[i]] ?? 'other',
        label: index.strings.get(e.label[i]) ?? null,
        session: session === NONE ? null : sessionKeyText(index.strings.get(sessions.key[session])),
      };
    }
  }
}

/**
 * One CSV line (RFC 4180 quoting; null is an empty field). Log text that a spreadsheet would take for a
 * formula (`=…`, `+…`, `@…`, `-…` that is not a number) gets a leading `'`, as OWASP advises.
 */
export function toCsvRow(values: readonly (string | number | null)[]): string {
  return values.map((v) => {
    if (v === null || v === undefined) {
      return '';
    }
    let text = String(v);
    if (typeof v === 'string' && (/^[=+@\t\r]/.test(text) || (text.startsWith('-') && !/^-\d+(\.\d+)?$/.test(text)))) {
      text = `'${text}`;
    }
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }).join(',');
}
