/** The fields of one entry (header, JSON keys, structured data), read again from the text on demand. */
import { readHeader, startsHeader } from './bluecedar/header';
import { newForeignLine, readForeignLine } from './foreign/lines';
import { collectJsonFields, jsonFieldAt } from './json';
import { Field, FieldSink, LogEntry, ParsedLog, Problem } from './model';
import { readHeaderInto } from './oag/parser';
import { newOagStamp, OagStamp, readOagStamp } from './oag/timestamp';

/**
 * Every field of an entry (header, JSON keys, structured data) in document order, made afresh on each
 * call. For tests and tools that list fields: a feature asks for the field under the cursor (fieldAt),
 * which does not make them all.
 */
export function entryFields(log: ParsedLog, entry: LogEntry): Field[] {
  const fields: Field[] = [];
  readFields(log, entry, fields);
  if (log.format === 'bluecedar' && entry.payloadStart !== undefined && startsHeader(log.text, entry.start)) {
    collectJsonFields(log.text.slice(entry.payloadStart, entry.payloadEnd), entry.payloadStart, fields);
  }
  fields.sort((a, b) => a.start - b.start);
  return fields;
}

/** The fields of the entry's header (and, for OAG, its structured data) into `sink`. */
function readFields(log: ParsedLog, entry: LogEntry, sink: FieldSink): void {
  const scratch: Problem[] = [];
  const { text } = log;
  if (entry.kind === 'foreign') {
    readForeignLine(text, entry.start, firstLineEnd(text, entry), log.format, newForeignLine(), sink);
  } else if (log.format === 'bluecedar') {
    if (startsHeader(text, entry.start)) {
      readHeader(text, entry.start, entry.end, scratch, sink);
      if (entry.eventName !== undefined && entry.eventStart !== undefined) {
        sink.push({
          group: 'header', name: 'event', start: entry.eventStart, end: entry.eventEnd!, keyStart: entry.eventStart,
          keyEnd: entry.eventStart, valueStart: entry.eventStart, valueEnd: entry.eventEnd!, value: entry.eventName,
        });
      }
    }
  } else {
    const ts: OagStamp = newOagStamp();
    if (readOagStamp(text, entry.start, ts)) {
      const end = firstLineEnd(text, entry);
      const copy: LogEntry = { ...entry, problems: [] };
      readHeaderInto(text, entry.start, end, ts, copy, scratch, sink);
    }
  }
}

/** The end of the entry's first line (before its line break). */
function firstLineEnd(text: string, entry: LogEntry): number {
  const lineEnd = text.indexOf('\n', entry.start);
  return lineEnd === -1 || lineEnd > entry.end ? entry.end : text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
}

/** Keeps, of the fields pushed into it, the one under `offset` (see fieldAt). */
class FieldPicker implements FieldSink {
  best: Field | undefined;

  constructor(private readonly offset: number) {}

  push(field: Field): void {
    const { offset } = this;
    const onKey = offset >= field.keyStart && offset < field.keyEnd;
    const onValue = offset >= field.valueStart && offset <= field.valueEnd && field.jsonType !== 'object' && field.jsonType !== 'array';
    const onWhole = field.group !== 'json' && offset >= field.start && offset < field.end;
    // Prefer the innermost (latest starting) match.
    if ((onKey || onValue || onWhole) && (!this.best || field.start >= this.best.start)) {
      this.best = field;
    }
  }
}

/**
 * The field under `offset`: on its key, or on its value when that value is not an object or array.
 * Only that field is made: the header is read again (it is short), and a JSON payload is read up to
 * the offset, so neither a payload of a million keys nor a line of a million items costs memory.
 */
export function fieldAt(log: ParsedLog, entry: LogEntry, offset: number): Field | undefined {
  if (log.format === 'bluecedar' && entry.payloadStart !== undefined && offset >= entry.payloadStart && startsHeader(log.text, entry.start)) {
    const inPayload = jsonFieldAt(log.text.slice(entry.payloadStart, entry.payloadEnd), entry.payloadStart, offset);
    if (inPayload) {
      return inPayload;
    }
  }
  const picker = new FieldPicker(offset);
  readFields(log, entry, picker);
  return picker.best;
}
