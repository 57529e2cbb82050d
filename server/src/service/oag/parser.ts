/**
 * Okta Access Gateway audit logs, one entry per line:
 *   TIMESTAMP HOSTNAME APPLICATION SUB-PROCESS COMPONENT SUB-COMPONENT LOG_LEVEL EVENT [KEY="value" ...] message
 * Many lines carry fewer header fields; they parse as far as they go. Okta's pages show more shapes,
 * all read here: the older syslog timestamp (`Oct  9 09:53:08`), the application written in words
 * (`Access Gateway`) or left out, a missing hostname, components and event labels of several words
 * (`CLUSTER MANAGER ADMIN NOMINATION INFO Copy HA configs [...]`). Lines of other programs in the
 * same file (syslog, nginx, Java services) become `foreign` entries (see foreign/lines.ts).
 */
import { foreignEntry } from '../foreign/entry';
import { foreignAfterOagStamp, ForeignLine, JAVA_SERVICE, newForeignLine, readForeignLine } from '../foreign/lines';
import { applicationInWordsEnd, headerTokenEnd, hostEnd, oagHostMissing, skipHeaderBlanks } from './headerWords';
import { looksLikeHeader } from '../bluecedar/header';
import { EventKind, FieldSink, LogEntry, newEntry, Problem } from '../model';
import { isDigit, isJsWhitespace, lineContentEnd, StringCache } from '../text';
import { isOneOf, OAG_EVENT_LABELS, OAG_EVENTS, OAG_LEVELS } from '../formats/vocabulary';
import { readStructuredData, StructuredDataFacts } from './structuredData';
import { assignHeaderSlots, headerField, Token, tokensText } from './headerSlots';
import { newOagStamp, OagStamp, readOagStamp } from './timestamp';

/** Something that tries to be an ISO timestamp near the start of a line. */
const TIMESTAMP_LIKE = /\S{0,3}\d{4,}-\d{2}-\d{2}T/y;
const EVENT_WORD = /^[A-Z][A-Z0-9_]*$/;
/** A word of a multi-word event label (`Copy`, `HA`, `configs`, `ENDPOINT`). */
const LABEL_WORD = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const MAX_LABEL_WORDS = 8;
const MAX_HEADER_TOKENS = 18;
/** Header words repeat on every line (applications, levels, events): one string each. */
const words = new StringCache(9, 64);
const stamp: OagStamp = newOagStamp();
const foreign: ForeignLine = newForeignLine();

/**
 * Whether the line starting at `at` begins an entry: a timestamp of either form (the gateway's or
 * another program's line), something trying to be one, or another program's line of its own shape
 * (Spring Boot, bare NGINX). Only such lines do, so a reader may cut a file there; a line it cannot
 * see whole (a long Java line cut short) is merely not a place to cut.
 */
export function startsOagEntry(text: string, at: number): boolean {
  if (readOagStamp(text, at, probe)) {
    return true;
  }
  TIMESTAMP_LIKE.lastIndex = at;
  if (TIMESTAMP_LIKE.test(text) || looksLikeHeader(text, at)) {
    return true;
  }
  return isDigit(text.charCodeAt(at)) && readForeignLine(text, at, endOfLine(text, at), 'oag', probeForeign);
}

const probe: OagStamp = newOagStamp();
const probeForeign: ForeignLine = newForeignLine();

function endOfLine(text: string, at: number): number {
  const lf = text.indexOf('\n', at);
  const end = lf === -1 ? text.length : lf;
  return end > at && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}

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
    if (readOagStamp(text, start, stamp)) {
      push(outEntries, foreignAfterOagStamp(text, start, end, stamp, foreign)
        ? foreignEntry(foreign, start, end, line, line)
        : readLine(text, start, end, stamp, line));
      continue;
    }
    if (readForeignLine(text, start, end, 'oag', foreign)) {
      push(outEntries, foreignEntry(foreign, start, end, line, line));
      continue;
    }
    TIMESTAMP_LIKE.lastIndex = start;
    if (TIMESTAMP_LIKE.test(text) || looksLikeHeader(text, start)) {
      const spotEnd = spotOfTimestamp(text, start, end);
      const entry = newEntry(start, end, line, line, [{
        severity: 'error', start, end: spotEnd, code: 'bad-timestamp',
        message: 'This line starts like an audit log entry, but its timestamp cannot be read (expected a form like 2020-06-24T09:40:36.000-05:00 or Oct  9 09:53:08).',
      }]);
      entry.messageStart = start;
      push(outEntries, entry);
      continue;
    }
    const previous = outEntries[outEntries.length - 1];
    if (previous && previous.endLine === line - 1) {
      // A line without a timestamp right after an entry: keep it with that entry. A Java service's
      // stack trace runs over many lines by design; anywhere else, say so.
      previous.end = end;
      previous.endLine = line;
      if (previous.kind === 'foreign' && previous.program === JAVA_SERVICE) {
        continue;
      }
    }
    outStray.push({
      severity: 'warning', start, end, code: 'stray-text',
      message: previous
        ? 'This line has no timestamp, so it is not an audit log entry of its own.'
        : 'This text comes before the first log entry and belongs to none.',
    });
  }
}

function push(entries: LogEntry[], entry: LogEntry): void {
  entry.index = entries.length;
  entries.push(entry);
}

/** The broken timestamp's extent: its first word, or month, day and time for the syslog form. */
function spotOfTimestamp(text: string, start: number, end: number): number {
  const first = tokenEnd(text, start, end);
  if (first - start !== 3) {
    return first;
  }
  let p = first;
  for (let word = 0; word < 2 && p < end; word++) {
    p = tokenEnd(text, skipBlanks(text, p, end), end);
  }
  return p;
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

const tokenEnd = headerTokenEnd;
const skipBlanks = skipHeaderBlanks;


function readLine(text: string, start: number, end: number, ts: OagStamp, line: number): LogEntry {
  const problems: Problem[] = [];
  const entry = newEntry(start, end, line, line, problems);
  readHeaderInto(text, start, end, ts, entry, problems);
  return entry;
}

/** The entry's time from either timestamp form (see timestamp.ts). */
function setTime(ts: OagStamp, entry: LogEntry): void {
  entry.time = ts.time;
  entry.zone = ts.zone;
  entry.month = ts.month;
  entry.year = ts.year;
  if (ts.syslog && ts.year === undefined) {
    // The wall clock in a placeholder year: years.ts places it among its neighbours.
    entry.yearInferred = true;
    entry.parsedTime = ts.time;
  }
}

/**
 * Reads the header and structured data of the entry line starting at `start`. Pushes the fields
 * when `fields` is given (hover needs them; the whole-document pass does not).
 */
export function readHeaderInto(
  text: string, start: number, end: number, ts: OagStamp, entry: LogEntry, problems: Problem[], fields?: FieldSink,
): void {
  const timeEnd = ts.end;
  if (ts.time === undefined) {
    problems.push({ severity: 'error', start, end: timeEnd, code: 'bad-timestamp', message: 'This timestamp is not a real date and time.' });
  } else {
    setTime(ts, entry);
  }
  fields?.push(headerField('timestamp', start, timeEnd, text.slice(start, timeEnd)));

  let pos = skipBlanks(text, timeEnd, end);
  if (pos >= end) {
    problems.push({ severity: 'error', start, end: timeEnd, code: 'missing-host', message: 'The timestamp is not followed by a hostname.' });
    return;
  }
  // Some of Okta's examples leave the hostname out: the application follows the timestamp.
  if (!oagHostMissing(text, pos, end)) {
    const hostStop = hostEnd(text, pos, end);
    fields?.push(headerField('hostname', pos, hostStop, text.slice(pos, hostStop)));
    pos = skipBlanks(text, hostStop, end);
  }

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
  if (sdOpen === -1 && levelAt > 6) {
    levelAt = -1;
  }
  let headerTokens: Token[];
  let messageFrom: number;
  if (levelAt !== -1) {
    headerTokens = tokens.slice(0, levelAt);
    const level = tokens[levelAt];
    entry.severity = level.text;
    fields?.push(headerField('logLevel', level.start, level.end, level.text));
    const labelEnd = sdOpen !== -1 ? labelWordsEnd(tokens, levelAt + 1) : -1;
    messageFrom = levelAt + 1;
    if (labelEnd > levelAt + 1) {
      // The words between the level and the structured data are the event label, however many
      // (`USER_AUTHZ`, `Arguments`, `Copy HA configs`, `ENDPOINT NAME CHANGE`).
      readEvent(tokens[levelAt + 1], tokens[labelEnd - 1], tokensText(tokens, levelAt + 1, labelEnd), entry, problems, fields);
      messageFrom = labelEnd;
    } else {
      const event = tokens[levelAt + 1];
      if (event && EVENT_WORD.test(event.text)) {
        readEvent(event, event, event.text, entry, problems, fields);
        messageFrom = levelAt + 2;
      }
    }
  } else {
    // No level: the application (and a program name ending with ':'), then the message.
    headerTokens = [];
    let i = 0;
    if (tokens.length > 2 && applicationInWordsEnd(text, tokens[0].start, end) === tokens[1].end) {
      headerTokens.push(tokens[0], tokens[1]);
      i = 2;
    }
    const firstAt = i;
    while (i < tokens.length && i < firstAt + 4 && (i === 0 || /^[A-Z][A-Z0-9_]*$/.test(tokens[i].text) || tokens[i].text.endsWith(':'))) {
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
  assignHeaderSlots(text, end, headerTokens, entry, problems, fields);

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

/**
 * Where the words from `from` up to the structured data stop being an event label: the end index
 * when all of them are words (at most MAX_LABEL_WORDS), otherwise -1 (`10.0.0.1 7001` are values).
 */
function labelWordsEnd(tokens: Token[], from: number): number {
  if (tokens.length - from > MAX_LABEL_WORDS) {
    return -1;
  }
  for (let i = from; i < tokens.length; i++) {
    if (!LABEL_WORD.test(tokens[i].text)) {
      return -1;
    }
  }
  return tokens.length;
}

function readEvent(first: Token, last: Token, label: string, entry: LogEntry, problems: Problem[], fields?: FieldSink): void {
  entry.eventName = label;
  entry.eventStart = first.start;
  entry.eventEnd = last.end;
  entry.kind = eventKind(label);
  fields?.push(headerField('event', first.start, last.end, label));
  if (!isKnownEvent(label)) {
    problems.push({
      severity: 'information', start: first.start, end: last.end, code: 'unknown-event',
      message: `'${label}' is not an event type the Access Gateway reference documents.`,
    });
  }
}

/** Whether the Access Gateway documentation describes this event type or event label. */
export function isKnownEvent(label: string): boolean {
  return isOneOf(OAG_EVENTS, label) || isOneOf(OAG_EVENT_LABELS, label.toUpperCase());
}

function eventKind(event: string): EventKind {
  if (event === 'USER_LOGIN' || event === 'USER_AUTHN') {
    return 'login';
  }
  return event === 'USER_LOGOUT' ? 'logout' : 'other';
}

/** The facts an entry keeps from its structured data (first value of each key, as read). */
export function readFacts(entry: LogEntry, facts: StructuredDataFacts): void {
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
