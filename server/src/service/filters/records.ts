/**
 * Exported entries: one record per entry with the parsed fields, for CSV (fixed columns) and NDJSON
 * (the same, plus every field the parser reads and the entry's original text).
 */
import { entryFields } from '../fields';
import { sessionKeyLabel } from '../formats/filterSpec';
import { LogEntry, ParsedLog } from '../model';
import { toCsvRow } from '../index/records';
import { pairingKeyOf } from '../sessions';
import { isoWritten } from '../wording';
import { ownValues } from './entryFacts';

export const EXPORT_COLUMNS = [
  'file', 'line', 'time', 'severity', 'component', 'event', 'kind', 'session', 'user', 'device', 'app', 'ip', 'result', 'reason', 'message',
] as const;

export type ExportRecord = Record<typeof EXPORT_COLUMNS[number], string | number | null>;

/** Longest message kept in a record (the whole text is in NDJSON's `text`). */
const MAX_MESSAGE = 2000;

function first(values: (string | undefined)[]): string | null {
  return values.find((v) => v !== undefined && v !== '') ?? null;
}

/** The record of an entry of `log` (usually the entry parsed alone), found at `file` line `line` (0-based). */
export function exportRecord(log: ParsedLog, entry: LogEntry, file: string, line: number): ExportRecord {
  const { format, text } = log;
  const key = pairingKeyOf(format, entry);
  const message = text.slice(entry.eventEnd ?? entry.messageStart, entry.payloadStart ?? entry.end).trim();
  return {
    file,
    line: line + 1,
    time: isoWritten(entry) ?? null,
    severity: entry.severity ?? null,
    component: entry.component ?? null,
    event: entry.eventName ?? null,
    kind: entry.kind,
    session: key === undefined ? null : sessionKeyLabel(key),
    user: first(ownValues(format, entry, 'user')),
    device: first(ownValues(format, entry, 'device')),
    app: first(ownValues(format, entry, 'app')),
    ip: first(ownValues(format, entry, 'ip')),
    result: entry.result ?? null,
    reason: entry.reason ?? null,
    message: message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message,
  };
}

export function csvHeader(): string {
  return toCsvRow([...EXPORT_COLUMNS]);
}

export function csvLine(record: ExportRecord): string {
  return toCsvRow(EXPORT_COLUMNS.map((c) => record[c]));
}

/** One NDJSON line: the record, `fields` (every field the parser reads, by name; the first of repeated names) and `text`. */
export function ndjsonLine(record: ExportRecord, log: ParsedLog, entry: LogEntry): string {
  const fields: Record<string, string> = Object.create(null);
  for (const field of entryFields(log, entry)) {
    if (!(field.name in fields) && field.jsonType !== 'object' && field.jsonType !== 'array') {
      fields[field.name] = field.value;
    }
  }
  return JSON.stringify({ ...record, fields, text: log.text.slice(entry.start, entry.end) });
}
