/**
 * One chunk of a log file (whole entries, as the file reader cuts them) to index rows: the file's
 * ordinary parser reads the text, and only numbers, string ids and byte offsets are kept.
 */
import { parseLines } from '../parse';
import { BLUECEDAR_SEVERITIES, isOneOf, OAG_LEVELS } from '../formats/vocabulary';
import { EVENT_KINDS, LogEntry, LogFormat, Problem } from '../model';
import { deniedResource, oagEventKind } from '../findings/facts';
import { EVENT_FACT_KINDS, EventFactKind } from '../findings/model';
import { pairingKeyOf } from '../sessions';
import {
  EntryColumns, FLAG_DATED, FLAG_HAS_ERROR, FLAG_HAS_NOTE, FLAG_HAS_WARNING, FLAG_REJECTED, FLAG_YEAR_INFERRED, NO_ZONE,
} from './columns';
import { FactColumns } from './facts';
import { StringTable } from './strings';

/** Where the index of one file (or one chunk, in a worker) is written. */
export interface IndexSink {
  entries: EntryColumns;
  facts: FactColumns;
  strings: StringTable;
  /** Lines of the file before the next chunk (chunks are appended in order, each adds its line breaks). */
  lines: number;
}

const KIND_CODE = new Map<string, number>(EVENT_KINDS.map((k, i) => [k, i]));
const NAMES_USER = 1;
const NAMES_APP = 2;
const NAMES_ADDRESS = 4;

/**
 * OAG: which of user, app and address each SESSION_ID of a chunk has named so far. An entry keeps its
 * facts when it names one the chunk has not seen for its session, so the first entry naming each has
 * them wherever the chunks are cut (a few rows per session and chunk).
 */
export type SessionsNamed = Map<string, number>;

/**
 * Indexes the entries of `text`, whose lines start at the byte offsets `byteStarts` (relative to the
 * chunk; one per line of `lineStarts`, which computeLineStarts gives for the text). The chunk starts
 * at byte `originByte` of its file and at line `sink.lines`, which it advances. `named` is shared by
 * the parts of one chunk that are indexed separately (oagFastRows.ts).
 */
export function indexChunk(
  format: LogFormat, text: string, lineStarts: readonly number[], byteStarts: ArrayLike<number>, originByte: number, sink: IndexSink,
  named: SessionsNamed = new Map(),
): void {
  const originLine = sink.lines;
  const parsed: LogEntry[] = [];
  const stray: Problem[] = [];
  parseLines(format, text, lineStarts, 0, lineStarts.length, parsed, stray);
  sink.entries.reserve(parsed.length);
  for (const entry of parsed) {
    const lineStart = lineStarts[entry.startLine];
    // Entries begin at a line start, except after a byte order mark (3 bytes, 1 character).
    const offset = originByte + byteStarts[entry.startLine] + (entry.start > lineStart ? 3 * (entry.start - lineStart) : 0);
    const row = appendEntryRow(format, entry, offset, originLine + entry.startLine, sink);
    if (format === 'oag') {
      const event = oagEventKind(text, entry);
      appendOagFacts(sink, row, entry, named, event, event === undefined ? undefined : deniedResource(text, entry, event));
    }
  }
  sink.lines = originLine + lineStarts.length - 1;
}

/** Appends the row of a parsed entry (Blue Cedar facts included) and returns it. */
export function appendEntryRow(format: LogFormat, entry: LogEntry, offset: number, line: number, sink: IndexSink): number {
  const { entries, strings } = sink;
  entries.reserve(1);
  const row = entries.length++;
  entries.offset[row] = offset;
  entries.line[row] = line;
  entries.time[row] = entry.time ?? Number.NaN;
  entries.zone[row] = entry.zone ?? NO_ZONE;
  entries.month[row] = entry.month ?? -1;
  entries.year[row] = entry.year ?? 0;
  const severities: readonly string[] = format === 'bluecedar' ? BLUECEDAR_SEVERITIES : OAG_LEVELS;
  const level = entry.severity === undefined ? -1 : severities.indexOf(entry.severity);
  entries.severity[row] = level + 1;
  entries.kind[row] = KIND_CODE.get(entry.kind) ?? 0;
  entries.flags[row] = flagsOf(entry);
  entries.label[row] = strings.id(entry.kind === 'foreign' ? entry.program : format === 'oag' ? entry.eventName : entry.component);
  entries.key[row] = strings.id(pairingKeyOf(format, entry));
  entries.session[row] = -1;
  if (format === 'bluecedar' && entry.session && (entry.kind === 'sessionStart' || entry.kind === 'sessionStop' || entry.kind === 'policyReject')) {
    addBlueCedarFacts(sink, row, entry);
  }
  return row;
}

/**
 * OAG: the facts of the entry's row, when the findings count its event (failures, denials, console
 * logins; `resource` is what a denial refused) or it names who or what its session is about first.
 */
export function appendOagFacts(
  sink: IndexSink, row: number, entry: LogEntry, named: SessionsNamed, event: EventFactKind | undefined, resource: string | undefined,
): void {
  let news = false;
  if (entry.sessionId !== undefined) {
    const before = named.get(entry.sessionId);
    const now = (before ?? 0) | (entry.subject ? NAMES_USER : 0) | (entry.app ? NAMES_APP : 0) | (entry.remoteIp ? NAMES_ADDRESS : 0);
    news = before === undefined || now !== before;
    named.set(entry.sessionId, now);
  }
  if (event !== undefined || news) {
    addOagFacts(sink, row, entry, event, resource);
  }
}

function flagsOf(entry: LogEntry): number {
  let flags = 0;
  if (entry.yearInferred) {
    flags |= FLAG_YEAR_INFERRED;
  }
  if (entry.month !== undefined && entry.time !== undefined) {
    flags |= FLAG_DATED;
  }
  for (const problem of entry.problems) {
    if (problem.severity === 'error') {
      flags |= FLAG_HAS_ERROR;
    } else if (problem.severity === 'warning') {
      flags |= FLAG_HAS_WARNING;
    } else if (problem.severity === 'information') {
      flags |= FLAG_HAS_NOTE;
    }
  }
  if (entry.kind === 'policyReject' || (entry.result !== undefined && /^\s*(FAIL|DENY)\s*$/i.test(entry.result))) {
    flags |= FLAG_REJECTED;
  }
  return flags;
}

function addBlueCedarFacts(sink: IndexSink, row: number, entry: LogEntry): void {
  const { facts, strings } = sink;
  const s = entry.session!;
  const f = facts.add(row);
  const text = facts.strings;
  text.user[f] = strings.id(s.username);
  text.deviceName[f] = strings.id(s.deviceName);
  text.uniqueId[f] = strings.id(s.uniqueId);
  text.osType[f] = strings.id(s.osType);
  text.app[f] = strings.id(s.appName ?? s.appPackageId);
  text.publicIp[f] = strings.id(s.publicSrcIp);
  text.assignedIp[f] = strings.id(s.assignedIp);
  text.securityPatch[f] = strings.id(s.securityPatchVersion);
  text.mobileCountryCode[f] = strings.id(s.mobileCountryCode);
  text.reason[f] = strings.id(entry.reason);
  if (entry.kind === 'policyReject') {
    facts.event[f] = EVENT_FACT_CODE.policyReject;
  }
  facts.numbers.durationSeconds[f] = s.durationSeconds ?? Number.NaN;
  facts.numbers.bytesRx[f] = s.bytesRx ?? Number.NaN;
  facts.numbers.bytesTx[f] = s.bytesTx ?? Number.NaN;
  facts.jailbroken[f] = s.jailbroken === undefined ? -1 : s.jailbroken ? 1 : 0;
}

function addOagFacts(sink: IndexSink, row: number, entry: LogEntry, event: EventFactKind | undefined, resource: string | undefined): void {
  const { facts, strings } = sink;
  const f = facts.add(row);
  facts.strings.user[f] = strings.id(entry.subject);
  facts.strings.app[f] = strings.id(entry.app);
  facts.strings.publicIp[f] = strings.id(entry.remoteIp);
  facts.strings.reason[f] = strings.id(entry.reason);
  if (event !== undefined) {
    facts.event[f] = EVENT_FACT_CODE[event];
    facts.strings.resource[f] = strings.id(resource);
  }
}

const EVENT_FACT_CODE = Object.fromEntries(EVENT_FACT_KINDS.map((k, i) => [k, i])) as Record<EventFactKind, number>;

/** Whether the level or severity text is one the format documents (for callers outside this module). */
export function isKnownSeverity(format: LogFormat, value: string): boolean {
  return format === 'bluecedar' ? isOneOf(BLUECEDAR_SEVERITIES, value) : isOneOf(OAG_LEVELS, value);
}
