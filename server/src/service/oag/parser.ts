/**
 * Okta Access Gateway audit logs, one entry per line:
 *   TIMESTAMP HOSTNAME APPLICATION SUB-PROCESS COMPONENT SUB-COMPONENT LOG_LEVEL EVENT [KEY="value" ...] message
 * Many lines carry fewer header fields; they parse as far as they go.
 */
import { EventKind, Field, FieldSink, LogEntry, newEntry, Problem } from '../model';
import { isJsWhitespace, lineContentEnd, StringCache } from '../text';
import { isOneOf, OAG_APPLICATIONS, OAG_EVENTS, OAG_LEVELS } from '../formats/vocabulary';
import { readStructuredData, StructuredDataFacts } from './structuredData';
import { OagStamp, readOagTimestamp } from './timestamp';

/** Something that tries to be an ISO timestamp near the start of a line. */
const TIMESTAMP_LIKE = /\S{0,3}\d{4,}-\d{2}-\d{2}T/y;
const EVENT_WORD = /^[A-Z][A-Z0-9_]*$/;
const MAX_HEADER_TOKENS = 12;
const HEADER_SLOTS_WITH_APP = ['application', 'subProcess', 'component', 'subComponent'] as const;
const HEADER_SLOTS_WITHOUT_APP = ['subProcess', 'component', 'subComponent'] as const;
/** Header words repeat on every line (applications, levels, events): one string each. */
const words = new StringCache(9, 64);
const stamp: OagStamp = { end: 0, time: undefined, zone: 0 };

/** Whether the line starting at `at` begins an entry (a timestamp, or something trying to be one). */
export function startsOagEntry(text: string, at: number): boolean {
  if (readOagTimestamp(text, at, probe)) {
    return true;
  }
  TIMESTAMP_LIKE.lastIndex = at;
  return TIMESTAMP_LIKE.test(text);
}

const probe: OagStamp = { end: 0, time: undefined, zone: 0 };

export function parseOagLines(
  text: string,
  lineStarts: readonly number[],
  fromLine: number,
  toLine: number,
  outEntries: LogEntry[],
  outStray: Problem[],
): void {
  for (let line = fromLine; line < toLine; line++) {
    // A byte order mark before the first line is not part of the text.
    const start = line === 0 && text.charCodeAt(0) === 0xfeff ? 1 : lineStarts[line];
    const end = lineContentEnd(text, lineStarts, line);
    if (end === start || isBlank(text, start, end)) {
      continue;
    }
    if (readOagTimestamp(text, start, stamp)) {
      const entry = readLine(text, start, end, stamp, line);
      entry.index = outEntries.length;
      outEntries.push(entry);
      continue;
    }
    TIMESTAMP_LIKE.lastIndex = start;
    if (TIMESTAMP_LIKE.test(text)) {
      const spotEnd = tokenEnd(text, start, end);
      const entry = newEntry(start, end, line, line, [{
        severity: 'error', start, end: spotEnd, code: 'bad-timestamp',
        message: 'This line starts like an audit log entry, but its timestamp cannot be read (expected a form like 2020-06-24T09:40:36.000-05:00).',
      }]);
      entry.index = outEntries.length;
      entry.messageStart = start;
      outEntries.push(entry);
      continue;
    }
    const previous = outEntries[outEntries.length - 1];
    if (previous && previous.endLine === line - 1) {
      // A line without a timestamp right after an entry: keep it with that entry, but say so.
      previous.end = end;
      previous.endLine = line;
    }
    outStray.push({
      severity: 'warning', start, end, code: 'stray-text',
      message: previous
        ? 'This line has no timestamp, so it is not an audit log entry of its own.'
        : 'This text comes before the first log entry and belongs to none.',
    });
  }
}

/** Whether the text is all white space (what trim() removes). */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (!isJsWhitespace(text.charCodeAt(i))) {
      return false;
    }
  }
  return true;
}

function tokenEnd(text: string, pos: number, end: number): number {
  while (pos < end && text.charCodeAt(pos) !== 32 && text.charCodeAt(pos) !== 9) {
    pos++;
  }
  return pos;
}

function skipBlanks(text: string, pos: number, end: number): number {
  while (pos < end && (text.charCodeAt(pos) === 32 || text.charCodeAt(pos) === 9)) {
    pos++;
  }
  return pos;
}

interface Token {
  start: number;
  end: number;
  text: string;
}

function readLine(text: string, start: number, end: number, ts: OagStamp, line: number): LogEntry {
  const problems: Problem[] = [];
  const entry = newEntry(start, end, line, line, problems);
  readHeaderInto(text, start, end, ts, entry, problems);
  return entry;
}

/**
 * Reads the header and structured data of the entry line starting at `start`. Pushes the fields
 * when `fields` is given (hover needs them; the whole-document pass does not).
 */
export function readHeaderInto(
  text: string, start: number, end: number, ts: OagStamp, entry: LogEntry, problems: Problem[], fields?: FieldSink,
): void {
  const timeEnd = ts.end;
  const time = ts.time;
  if (time === undefined) {
    problems.push({ severity: 'error', start, end: timeEnd, code: 'bad-timestamp', message: 'This timestamp is not a real date and time.' });
  } else {
    entry.time = time;
    entry.zone = ts.zone;
  }
  fields?.push(headerField('timestamp', start, timeEnd, text.slice(start, timeEnd)));

  let pos = skipBlanks(text, timeEnd, end);
  const host = pos < end ? { start: pos, end: tokenEnd(text, pos, end) } : undefined;
  if (!host) {
    problems.push({ severity: 'error', start, end: timeEnd, code: 'missing-host', message: 'The timestamp is not followed by a hostname.' });
    return;
  }
  fields?.push(headerField('hostname', host.start, host.end, text.slice(host.start, host.end)));
  pos = skipBlanks(text, host.end, end);

  const tokens: Token[] = [];
  let sdOpen = -1;
  while (pos < end && tokens.length < MAX_HEADER_TOKENS) {
    if (text.charCodeAt(pos) === 91 /* [ */) {
      sdOpen = pos;
      break;
    }
    const tEnd = tokenEnd(text, pos, end);
    tokens.push({ start: pos, end: tEnd, text: words.slice(text, pos, tEnd) });
    pos = skipBlanks(text, tEnd, end);
  }

  let levelAt = -1;
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (isOneOf(OAG_LEVELS, tokens[i].text)) {
      levelAt = i;
      break;
    }
  }
  // Without structured data, a level must come early to count: otherwise it is a word of the message.
  if (sdOpen === -1 && levelAt > 5) {
    levelAt = -1;
  }
  let headerTokens: Token[];
  let messageFrom: number;
  if (levelAt !== -1) {
    headerTokens = tokens.slice(0, levelAt);
    const level = tokens[levelAt];
    entry.severity = level.text;
    fields?.push(headerField('logLevel', level.start, level.end, level.text));
    const event = tokens[levelAt + 1];
    messageFrom = levelAt + 1;
    if (event && EVENT_WORD.test(event.text)) {
      readEvent(event, entry, problems, fields);
      messageFrom = levelAt + 2;
    }
  } else {
    // No level: the application (and a program name ending with ':'), then the message.
    headerTokens = [];
    let i = 0;
    while (i < tokens.length && i < 4 && (i === 0 || /^[A-Z][A-Z0-9_]*$/.test(tokens[i].text) || tokens[i].text.endsWith(':'))) {
      headerTokens.push(tokens[i]);
      if (tokens[i].text.endsWith(':')) {
        i++;
        break;
      }
      i++;
    }
    // Keep at least one word for the message when the line has one.
    if (headerTokens.length === tokens.length && sdOpen === -1 && tokens.length > 1) {
      headerTokens.pop();
    }
    messageFrom = headerTokens.length;
  }
  assignHeaderSlots(headerTokens, entry, problems, fields);

  if (sdOpen !== -1 && (levelAt !== -1 || /^\[\s*([A-Za-z_][\w.-]*=|\])/.test(text.slice(sdOpen, sdOpen + 80)))) {
    entry.payloadStart = sdOpen;
    const sd = readStructuredData(text, sdOpen, end, problems, fields, entry.eventName === 'HOST' || entry.eventName === 'CHECK_HOST');
    entry.payloadEnd = sd.end;
    readFacts(entry, sd.facts);
    entry.messageStart = skipBlanks(text, sd.end, end);
  } else {
    entry.messageStart = messageFrom < tokens.length ? tokens[messageFrom].start : sdOpen !== -1 ? sdOpen : end;
  }
}

function readEvent(event: Token, entry: LogEntry, problems: Problem[], fields?: FieldSink): void {
  entry.eventName = event.text;
  entry.eventStart = event.start;
  entry.eventEnd = event.end;
  entry.kind = eventKind(event.text);
  fields?.push(headerField('event', event.start, event.end, event.text));
  if (!isOneOf(OAG_EVENTS, event.text)) {
    problems.push({
      severity: 'information', start: event.start, end: event.end, code: 'unknown-event',
      message: `'${event.text}' is not an event type the Access Gateway reference documents.`,
    });
  }
}

function assignHeaderSlots(tokens: Token[], entry: LogEntry, problems: Problem[], fields?: FieldSink): void {
  if (tokens.length === 0) {
    return;
  }
  const first = tokens[0].text;
  const hasApp = isOneOf(OAG_APPLICATIONS, first) || tokens.length >= 4 || /^[a-z]/.test(first);
  const slots = hasApp ? HEADER_SLOTS_WITH_APP : HEADER_SLOTS_WITHOUT_APP;
  if (hasApp && tokens.length >= 4 && !isOneOf(OAG_APPLICATIONS, first) && /^[A-Z_]+$/.test(first)) {
    const near = OAG_APPLICATIONS.find((known) => similar(known, first));
    problems.push({
      severity: 'information', start: tokens[0].start, end: tokens[0].end, code: 'unknown-application',
      message: `'${first}' is not an application the reference lists${near ? ` (did you mean ${near}?)` : ''}.`,
    });
  }
  // More tokens than slots: multi-word components such as "CLUSTER MANAGER ADMIN".
  const extra = Math.max(0, tokens.length - slots.length);
  let t = 0;
  for (let s = 0; s < slots.length && t < tokens.length; s++) {
    const span = slots[s] === 'component' ? 1 + extra : 1;
    const from = tokens[t];
    const to = tokens[Math.min(tokens.length - 1, t + span - 1)];
    t += span;
    const value = slots[s] === 'subProcess' || slots[s] === 'application' ? withoutColon(from.text) : tokensText(tokens, from, to);
    if (slots[s] === 'component') {
      entry.component = value;
    }
    fields?.push(headerField(slots[s], from.start, to.end, value));
  }
}

/** The text without one final ':' (as `replace(/:$/, '')`). */
function withoutColon(word: string): string {
  return word.endsWith(':') ? word.slice(0, -1) : word;
}

function tokensText(tokens: Token[], from: Token, to: Token): string {
  if (from === to) {
    return from.text;
  }
  return tokens.slice(tokens.indexOf(from), tokens.indexOf(to) + 1).map((tok) => tok.text).join(' ');
}

function similar(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) {
    return false;
  }
  let i = 0;
  while (i < a.length && a[i] === b[i]) {
    i++;
  }
  return a.slice(i + 1) === b.slice(i + 1) || a.slice(i) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i);
}

function eventKind(event: string): EventKind {
  if (event === 'USER_LOGIN' || event === 'USER_AUTHN') {
    return 'login';
  }
  return event === 'USER_LOGOUT' ? 'logout' : 'other';
}

function readFacts(entry: LogEntry, facts: StructuredDataFacts): void {
  const sessionId = facts.SESSION_ID?.trim();
  if (sessionId && sessionId !== '-' && sessionId !== 'N/A') {
    entry.sessionId = sessionId;
  }
  const subject = facts.SUBJECT ?? facts.USER ?? facts.USERNAME;
  if (subject !== undefined) {
    entry.subject = subject;
  }
  if (facts.APP !== undefined) {
    entry.app = facts.APP;
  }
  if (facts.RESULT !== undefined) {
    entry.result = facts.RESULT;
  }
  if (facts.REASON !== undefined) {
    entry.reason = facts.REASON;
  }
  const remoteIp = facts.REMOTE_IP?.trim();
  if (remoteIp && remoteIp !== '-') {
    entry.remoteIp = remoteIp;
  }
}

function headerField(name: string, start: number, end: number, value: string): Field {
  return { group: 'header', name, start, end, keyStart: start, keyEnd: start, valueStart: start, valueEnd: end, value };
}
