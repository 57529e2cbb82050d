/**
 * Blue Cedar gateway event logs: an entry starts at a header line and runs to the next one, so a
 * JSON payload may span any number of lines.
 */
import { foreignEntry } from '../foreign/entry';
import { ForeignLine, newForeignLine, readForeignLine } from '../foreign/lines';
import { checkPayload, CutBy, PathScan, scanPayload, WantedPaths } from '../json';
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
  // The engine remembers the subject of the last successful regular-expression match (RegExp.input):
  // after the fact-key counts that is a view into this text, which would keep this whole version of
  // the document alive after the next edit. A match on an empty string releases it.
  NOTHING.test('');
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
    readPayload(entry, text.slice(pos, end), pos, lastInFile ? 'end of file' : 'next entry', problems);
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

// ------------------------------------------------------------------------------- payload facts

/** The payload values the analysis keeps (pairing, checks, names in the outline, reject reasons). */
const FACTS: WantedPaths = {
  scalars: new Set([
    'reason', 'sessionId.username', 'sessionId.duration', 'sessionId.durationSeconds', 'sessionId.device.osType',
    'sessionId.device.deviceName', 'sessionId.device.uniqueId', 'sessionId.app.appName', 'sessionId.app.appPackageId',
    'sessionId.app.assignedIp', 'sessionId.app.appGsid', 'sessionId.app.publicSrcIp', 'sessionId.app.bytesRx',
    'sessionId.app.bytesTx', 'sessionId.device.jailbroken', 'sessionId.device.securityPatchVersion',
    'sessionId.device.mobileCountryCode',
  ]),
  objects: new Set(['', 'sessionId', 'sessionId.device', 'sessionId.app']),
};

/** The keys of FACTS as written in JSON text (any one of them, wherever it is). */
const FACT_KEY = new RegExp(`"(?:${[...new Set([...FACTS.scalars, ...FACTS.objects].filter((path) => path !== '')
  .map((path) => path.slice(path.lastIndexOf('.') + 1)))].join('|')})"`, 'g');

/**
 * Reads the facts of a payload. Valid JSON in which the fact keys are each written once (the usual
 * case) is read from the engine's parse; otherwise (a syntax error, or a fact key written twice, which
 * the engine's parser resolves silently by keeping the last) one pass of the visitor reads them,
 * locates the first error and reports the repeated keys.
 */
function readPayload(entry: LogEntry, payload: string, base: number, cutBy: CutBy, problems: Problem[]): void {
  const check = checkPayload(payload, base);
  if (check.tooDeep) {
    problems.push(check.tooDeep);
    return;
  }
  if (check.valid && factsFromValue(entry, check.value, payload)) {
    return;
  }
  const scan = scanPayload(payload, base, cutBy, FACTS);
  if (scan.problem) {
    problems.push(scan.problem);
  }
  for (const duplicate of scan.duplicates) {
    const key = duplicate.path.slice(duplicate.path.lastIndexOf('.') + 1);
    problems.push({
      severity: 'warning', start: base + duplicate.keyStart, end: base + duplicate.keyEnd, code: 'json-duplicate-key',
      message: `"${key}" is written more than once in this object. JSON readers keep the last one, so that is the value used for pairing and checks; the earlier one is ignored.`,
    });
  }
  factsFromScan(entry, scan);
}

/**
 * Objects the engine's JSON parser makes are ordinary objects whose only prototype is Object.prototype
 * (a `__proto__` key becomes an own property, never a prototype), and Object.prototype has no property
 * named like a fact: a fact read from them by name is always the payload's own. Named reads keep the
 * engine's property caches fast; a keyed own-property check per fact cost more than JSON.parse itself.
 */
interface ParsedPayload {
  reason?: unknown;
  sessionId?: unknown;
}
interface ParsedSession {
  username?: unknown; duration?: unknown; durationSeconds?: unknown; device?: unknown; app?: unknown;
}
interface ParsedDevice {
  osType?: unknown; deviceName?: unknown; uniqueId?: unknown; jailbroken?: unknown; securityPatchVersion?: unknown; mobileCountryCode?: unknown;
}
interface ParsedApp {
  appName?: unknown; appPackageId?: unknown; assignedIp?: unknown; publicSrcIp?: unknown; appGsid?: unknown; bytesRx?: unknown; bytesTx?: unknown;
}

/** How many fact keys the parsed objects hold (see factsFromValue): module state, no closure per payload. */
let held = 0;

/** `value`, counted in `held` when present. */
function counted(value: unknown): unknown {
  if (value !== undefined) {
    held++;
  }
  return value;
}

/** Matches any string: running it releases the subject the engine remembers (see parseBlueCedarLines). */
const NOTHING = /^/;

/** How many times FACT_KEY occurs in `text`. */
function factKeyCount(text: string): number {
  let count = 0;
  FACT_KEY.lastIndex = 0;
  while (FACT_KEY.test(text)) {
    count++;
  }
  return count;
}

/**
 * Facts from the engine's parse. Returns false, having set nothing that counts, when it cannot tell
 * them for sure: when the payload writes fact keys more often than the parsed objects hold them (a key
 * written twice, which the engine resolved by keeping the last; or a key spelt with a \u escape), or
 * when the appGsid literal cannot be found. The caller then reads the payload with the visitor.
 */
function factsFromValue(entry: LogEntry, value: unknown, payload: string): boolean {
  held = 0;
  const root = isObject(value) ? value as ParsedPayload : undefined;
  const reason = counted(root?.reason);
  const sessionIdValue = counted(root?.sessionId);
  const sessionId = isObject(sessionIdValue) ? sessionIdValue as ParsedSession : undefined;
  const username = counted(sessionId?.username);
  const duration = counted(sessionId?.duration);
  const durationSeconds = counted(sessionId?.durationSeconds);
  const deviceValue = counted(sessionId?.device);
  const appValue = counted(sessionId?.app);
  const device = isObject(deviceValue) ? deviceValue as ParsedDevice : undefined;
  const app = isObject(appValue) ? appValue as ParsedApp : undefined;
  const osType = counted(device?.osType);
  const deviceName = counted(device?.deviceName);
  const uniqueId = counted(device?.uniqueId);
  const jailbroken = counted(device?.jailbroken);
  const securityPatchVersion = counted(device?.securityPatchVersion);
  const mobileCountryCode = counted(device?.mobileCountryCode);
  const appName = counted(app?.appName);
  const appPackageId = counted(app?.appPackageId);
  const assignedIp = counted(app?.assignedIp);
  const publicSrcIp = counted(app?.publicSrcIp);
  const gsid = counted(app?.appGsid);
  const bytesRx = counted(app?.bytesRx);
  const bytesTx = counted(app?.bytesTx);
  if (factKeyCount(payload) !== held || payload.indexOf('\\u') !== -1) {
    return false;
  }
  let appGsid: string | undefined;
  if (typeof gsid === 'number' && Number.isSafeInteger(gsid)) {
    // Exact as a double: its decimal form is the number written (`1e3` reads as 1000, the same gsid).
    appGsid = String(gsid);
  } else if (typeof gsid === 'number') {
    // Beyond 2^53 (or not whole) the double is not the number written: take the literal. Each fact key
    // is written once (checked above), so this is the one.
    appGsid = numberAfterKey(payload, payload.indexOf('"appGsid"') + 9);
    if (appGsid === undefined || Number(appGsid) !== gsid) {
      return false;
    }
  }
  if (typeof reason === 'string') {
    entry.reason = reason;
  }
  if (sessionId) {
    entry.session = {
      username: str(username), duration: str(duration), durationSeconds: num(durationSeconds),
      osType: str(osType), deviceName: str(deviceName), uniqueId: str(uniqueId),
      appName: str(appName), appPackageId: str(appPackageId), assignedIp: str(assignedIp), publicSrcIp: str(publicSrcIp), appGsid,
      jailbroken: typeof jailbroken === 'boolean' ? jailbroken : undefined,
      securityPatchVersion: str(securityPatchVersion), mobileCountryCode: str(mobileCountryCode),
      bytesRx: num(bytesRx), bytesTx: num(bytesTx),
    };
  }
  return true;
}

/** The number written after a key that ends at `keyEnd` (`"appGsid" : 123`), as written. */
function numberAfterKey(payload: string, keyEnd: number): string | undefined {
  let at = skipSpace(payload, keyEnd, payload.length);
  if (payload.charCodeAt(at) !== 58 /* : */) {
    return undefined;
  }
  at = skipSpace(payload, at + 1, payload.length);
  let end = at;
  for (let c = payload.charCodeAt(end); (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || c === 101 || c === 69; c = payload.charCodeAt(++end)) {
    // digits, sign, point and exponent
  }
  return end > at ? payload.slice(at, end) : undefined;
}

function factsFromScan(entry: LogEntry, scan: PathScan): void {
  const { values, objects } = scan;
  const reason = values.get('reason');
  if (reason?.type === 'string') {
    entry.reason = reason.value;
  }
  if (!objects.has('sessionId')) {
    return;
  }
  const text = (path: string): string | undefined => {
    const v = values.get(path);
    return v?.type === 'string' ? v.value : undefined;
  };
  const gsid = values.get('sessionId.app.appGsid');
  const number = (path: string): number | undefined => {
    const v = values.get(path);
    return v?.type === 'number' ? num(Number(v.literal)) : undefined;
  };
  const jailbroken = values.get('sessionId.device.jailbroken');
  entry.session = {
    username: text('sessionId.username'),
    duration: text('sessionId.duration'),
    durationSeconds: number('sessionId.durationSeconds'),
    osType: text('sessionId.device.osType'),
    deviceName: text('sessionId.device.deviceName'),
    uniqueId: text('sessionId.device.uniqueId'),
    appName: text('sessionId.app.appName'),
    appPackageId: text('sessionId.app.appPackageId'),
    assignedIp: text('sessionId.app.assignedIp'),
    publicSrcIp: text('sessionId.app.publicSrcIp'),
    appGsid: gsid?.type === 'number' ? gsid.literal : undefined,
    jailbroken: jailbroken?.type === 'boolean' ? jailbroken.literal === 'true' : undefined,
    securityPatchVersion: text('sessionId.device.securityPatchVersion'),
    mobileCountryCode: text('sessionId.device.mobileCountryCode'),
    bytesRx: number('sessionId.app.bytesRx'),
    bytesTx: number('sessionId.app.bytesTx'),
  };
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
