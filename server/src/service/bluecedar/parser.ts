/**
 * Blue Cedar gateway event logs: an entry starts at a header line and runs to the next one, so a
 * JSON payload may span any number of lines.
 */
import { foreignEntry } from '../foreign/entry';
import { ForeignLine, newForeignLine, readForeignLine } from '../foreign/lines';
import { readPayload } from '../json';
import { EventKind, LogEntry, newEntry, Problem, SessionInfo } from '../model';
import { lineContentEnd } from '../text';
import { isMonthInitial, looksLikeHeader, readHeader, startsGatewayHeader, utcTime } from './header';

/** What a line that may start an entry turns out to be. */
const NONE = 0;
const HEADER = 1;
const FOREIGN = 2;
const BROKEN = 3;

const foreign: ForeignLine = newForeignLine();

/**
 * Whether the line at `at` starts an entry, and which: the gateway's header, another program's
 * syslog line (`Oct  2 13:45:35 tilera3 sshd[812]: ...`, kept in `foreign`), or a header too broken
 * to read. Only a month's initial can begin any of them, so most lines are passed over at once.
 */
function lineKindAt(text: string, at: number): number {
  if (!isMonthInitial(text.charCodeAt(at))) {
    return NONE;
  }
  if (startsGatewayHeader(text, at)) {
    return HEADER;
  }
  if (!looksLikeHeader(text, at)) {
    return NONE;
  }
  const lineEnd = endOfLine(text, at);
  return readForeignLine(text, at, lineEnd, 'bluecedar', foreign) ? FOREIGN : BROKEN;
}

function endOfLine(text: string, at: number): number {
  let end = at;
  const length = text.length;
  while (end < length) {
    const c = text.charCodeAt(end);
    if (c === 10 || c === 13) {
      break;
    }
    end++;
  }
  return end;
}

const UNEXPECTED_STOP = 'Received unexpected accounting STOP signal';

/**
 * Whether the line starting at `at` begins an entry (a header, another program's line, or a line
 * trying to be a header): every such line does, so a reader may cut a file there.
 */
export function startsBlueCedarEntry(text: string, at: number): boolean {
  return lineKindAt(text, at) !== NONE;
}

/**
 * Parses the lines [fromLine, toLine) into entries. An entry never crosses `toLine`, so callers can
 * re-parse a slice of a document (incremental analysis) with the same function.
 */
export function parseBlueCedarLines(
  text: string,
  lineStarts: readonly number[],
  fromLine: number,
  toLine: number,
  outEntries: LogEntry[],
  outStray: Problem[],
): void {
  let line = fromLine;
  // What the line that ended the previous entry starts, so it is not read twice.
  let kindAhead = NONE;
  let kindAheadLine = -1;
  while (line < toLine) {
    // A byte order mark before the first line is not part of the text.
    const start = line === 0 && text.charCodeAt(0) === 0xfeff ? 1 : lineStarts[line];
    const kind = kindAheadLine === line ? kindAhead : lineKindAt(text, start);
    if (kind === NONE) {
      const end = lineContentEnd(text, lineStarts, line);
      if (text.slice(start, end).trim() !== '') {
        outStray.push({
          severity: 'warning', start, end, code: 'stray-text',
          message: 'This text comes before the first log entry and belongs to none.',
        });
      }
      line++;
      continue;
    }
    // A foreign line's reading (left in `foreign` by lineKindAt) is taken now: the look-ahead reuses it.
    const foreignLine = kind === FOREIGN ? { ...foreign } : undefined;
    // The entry runs to the next line that starts (or tries to start) an entry; only a month's
    // initial can begin one, so most lines are passed over on their first character.
    let next = line + 1;
    while (next < toLine) {
      const at = lineStarts[next];
      if (isMonthInitial(text.charCodeAt(at))) {
        kindAhead = lineKindAt(text, at);
        if (kindAhead !== NONE) {
          kindAheadLine = next;
          break;
        }
      }
      next++;
    }
    const last = lastNonBlankLine(text, lineStarts, line, next);
    const end = lineContentEnd(text, lineStarts, last);
    const entry = kind === HEADER
      ? readEntry(text, start, end, line, last, next >= lineStarts.length)
      : foreignLine
        ? foreignEntry(foreignLine, start, end, line, last)
        : brokenEntry(text, start, end, line, last);
    entry.index = outEntries.length;
    outEntries.push(entry);
    line = next;
  }
}

/**
 * The last line in [first, next) with more than spaces, tabs and CRs on it (`first` when there is none):
 * found by stepping back over the blank characters from the start of line `next`.
 */
function lastNonBlankLine(text: string, lineStarts: readonly number[], first: number, next: number): number {
  let at = (next < lineStarts.length ? lineStarts[next] : text.length) - 1;
  const floor = lineStarts[first];
  while (at > floor) {
    const c = text.charCodeAt(at);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10) {
      break;
    }
    at--;
  }
  let line = next - 1;
  while (line > first && lineStarts[line] > at) {
    line--;
  }
  return line;
}

/** The part of a broken header line that should hold the timestamp: month, day, year?, time?. */
const BROKEN_TIME = /\S+ +\S+(?: +\d{4})?(?: +\S+)?/y;

function brokenEntry(text: string, start: number, end: number, startLine: number, endLine: number): LogEntry {
  const lineEnd = text.indexOf('\n', start);
  BROKEN_TIME.lastIndex = start;
  BROKEN_TIME.test(text);
  const spotEnd = Math.min(lineEnd === -1 ? end : lineEnd, Math.max(BROKEN_TIME.lastIndex, start + 1));
  const entry = newEntry(start, end, startLine, endLine, [{
    severity: 'error', start, end: spotEnd, code: 'bad-header',
    message: 'This line starts like a log entry, but its timestamp or header cannot be read (expected a form like "Nov 11 2021 22:24:37 gateway Mocana: [AAA], ...").',
  }]);
  entry.messageStart = start;
  return entry;
}

function readEntry(text: string, start: number, end: number, startLine: number, endLine: number, lastInFile: boolean): LogEntry {
  const problems: Problem[] = [];
  const header = readHeader(text, start, end, problems);
  const entry = newEntry(start, end, startLine, endLine, problems);
  entry.component = header.component;
  entry.severity = header.severity;
  entry.eid = header.eid;
  if (header.validTime) {
    entry.time = utcTime(header.year ?? 2000, header.month, header.day, header.hour, header.minute, header.second, header.millis);
    entry.yearInferred = header.year === undefined;
    entry.month = header.month;
    entry.year = header.year;
    if (entry.yearInferred) {
      entry.parsedTime = entry.time;
    }
  }
  let pos = skipSpace(text, header.end, end);
  entry.messageStart = pos;
  const event = pos < end ? eventAt(text, pos) : undefined;
  if (event) {
    entry.eventName = event.name;
    entry.eventStart = pos;
    entry.eventEnd = pos + event.written.length;
    entry.kind = event.kind;
    pos = skipSpace(text, entry.eventEnd, end);
  } else if (text.startsWith(UNEXPECTED_STOP, pos)) {
    entry.kind = 'unexpectedStop';
  }
  if (pos < end && text.charCodeAt(pos) === 123 /* { */) {
    entry.payloadStart = pos;
    entry.payloadEnd = end;
    const payload = readPayload(text.slice(pos, end), pos, lastInFile ? 'end of file' : 'next entry');
    if (payload.problem) {
      problems.push(payload.problem);
    }
    readPayloadFacts(entry, payload.value);
  } else if (entry.kind === 'sessionStart' || entry.kind === 'sessionStop' || entry.kind === 'policyReject' || entry.kind === 'linkUpdate') {
    problems.push({
      severity: 'warning', start: entry.eventStart!, end: entry.eventEnd!, code: 'missing-payload',
      message: `${entry.eventName} should be followed by a JSON object describing it.`,
    });
  }
  return entry;
}

function skipSpace(text: string, pos: number, end: number): number {
  while (pos < end) {
    const c = text.charCodeAt(pos);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) {
      break;
    }
    pos++;
  }
  return pos;
}

interface EventName {
  /** As written in the log. */
  written: string;
  /** Without quotes. */
  name: string;
  kind: EventKind;
}

/** `Session START|Session STOP|Policy REJECT|"Link Update"|Link Update`, tried in this order. */
const EVENT_NAMES: readonly EventName[] = [
  { written: 'Session START', name: 'Session START', kind: 'sessionStart' },
  { written: 'Session STOP', name: 'Session STOP', kind: 'sessionStop' },
  { written: 'Policy REJECT', name: 'Policy REJECT', kind: 'policyReject' },
  { written: '"Link Update"', name: 'Link Update', kind: 'linkUpdate' },
  { written: 'Link Update', name: 'Link Update', kind: 'linkUpdate' },
];

function eventAt(text: string, pos: number): EventName | undefined {
  const first = text.charCodeAt(pos);
  for (const event of EVENT_NAMES) {
    if (event.written.charCodeAt(0) === first && text.startsWith(event.written, pos)) {
      return event;
    }
  }
  return undefined;
}

function readPayloadFacts(entry: LogEntry, value: unknown): void {
  if (!isObject(value)) {
    return;
  }
  if (typeof value.reason === 'string') {
    entry.reason = value.reason;
  }
  const sessionId = value.sessionId;
  if (!isObject(sessionId)) {
    return;
  }
  const device = isObject(sessionId.device) ? sessionId.device : {};
  const app = isObject(sessionId.app) ? sessionId.app : {};
  const info: SessionInfo = {
    username: str(sessionId.username),
    duration: str(sessionId.duration),
    durationSeconds: num(sessionId.durationSeconds),
    osType: str(device.osType),
    deviceName: str(device.deviceName),
    uniqueId: str(device.uniqueId),
    appName: str(app.appName),
    appPackageId: str(app.appPackageId),
    assignedIp: str(app.assignedIp),
    publicSrcIp: str(app.publicSrcIp),
    appGsid: num(app.appGsid),
    jailbroken: typeof device.jailbroken === 'boolean' ? device.jailbroken : undefined,
    securityPatchVersion: str(device.securityPatchVersion),
    mobileCountryCode: str(device.mobileCountryCode),
    bytesRx: num(app.bytesRx),
    bytesTx: num(app.bytesTx),
  };
  entry.session = info;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
