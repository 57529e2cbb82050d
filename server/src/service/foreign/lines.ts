/**
 * Lines of other programs that share a gateway's log files: syslog lines of sshd, sudo, systemd and
 * friends, nginx access and error lines (bare or behind a syslog tag), and Java services in the
 * Spring Boot layout (`2021-03-04 12:08:10.170  INFO 1101 --- [exec-10] c.o.CertificateLoader : ...`).
 * Okta's Access Gateway pages print all of these among the audit events, and Blue Cedar gateways
 * write their events into the system's syslog file. Such a line is recognised as what it is (a
 * `foreign` entry with its program), never read as a broken entry of the log's own format.
 *
 * Recognising a line costs a few character checks for the gateway's own lines (they are ruled out
 * on their first words); the regular expressions below run only on lines that are already unusual.
 */
import { Field, LogFormat } from '../model';
import { newOagStamp, OagStamp, readOagStamp } from '../oag/timestamp';
import { readSyslogTime, WallTime } from '../syslogTime';
import { monthAt } from '../formats/months';
import { isDigit, matchesOneOf, StringCache } from '../text';
import {
  BLUECEDAR_PROGRAMS, FOREIGN_PROGRAMS, OAG_APPLICATION_IN_WORDS, OAG_APPLICATIONS, OAG_LEVELS, OAG_SUB_PROCESSES,
} from '../formats/vocabulary';

/** What the line says after its timestamp (and host and program). */
export type ForeignContent = 'program' | 'spring-boot' | 'nginx-error' | 'nginx-access';

export interface ForeignLine {
  content: ForeignContent;
  /** The timestamp that starts the line: [timeStart, timeEnd). */
  timeEnd: number;
  /** As on LogEntry: the instant (or the wall clock when no offset is written), the written offset. */
  time: number | undefined;
  zone: number | undefined;
  month: number;
  /** Undefined when the line writes no year (syslog form): it is inferred like the gateway's own. */
  year: number | undefined;
  /** The program that wrote the line, as its name is written (or a description when the line names none). */
  program: string;
  /** Where the program name is written; -1 when the line names none (Spring Boot, bare nginx). */
  programStart: number;
  programEnd: number;
  /** Where the message starts. */
  messageStart: number;
}

export function newForeignLine(): ForeignLine {
  return { content: 'program', timeEnd: 0, time: undefined, zone: undefined, month: 0, year: undefined, program: '', programStart: -1, programEnd: -1, messageStart: 0 };
}

/** The program names of lines that name none. */
export const JAVA_SERVICE = 'Java service';
export const NGINX = 'nginx';

/** Longest part of a line a regular expression looks at (log lines can be megabytes long). */
const WINDOW = 600;

/** Program names repeat on every line of theirs: one string each. */
const programs = new StringCache(8, 40);
const stamp: OagStamp = newOagStamp();
/** For tests of what follows a syslog tag, so the line's own reading is not disturbed. */
const scratch: ForeignLine = newForeignLine();
const wall: WallTime = { end: 0, time: undefined, month: 0, year: undefined };

/**
 * Whether the line at [start, end) is another program's line in a log of `format`. Fills `out`, and
 * pushes the line's fields when `fields` is given (hover).
 */
export function readForeignLine(text: string, start: number, end: number, format: LogFormat, out: ForeignLine, fields?: Field[]): boolean {
  if (format === 'oag' && readOagStamp(text, start, stamp)) {
    return foreignAfterOagStamp(text, start, end, stamp, out, fields);
  }
  const c = text.charCodeAt(start);
  if (isDigit(c)) {
    if (format !== 'oag') {
      return false;
    }
    return readSpringBoot(text, start, end, out, fields) || readNginxError(text, start, end, undefined, out, fields)
      || readNginxAccess(text, start, end, undefined, out, fields);
  }
  if (!readSyslogTime(text, start, wall)) {
    return false;
  }
  out.time = wall.time;
  out.zone = undefined;
  out.month = wall.month;
  out.year = wall.year;
  return afterStamp(text, start, wall.end, end, format, true, out, fields);
}

/** The OAG parser's path: the line's timestamp (either form) is already read into `ts`. */
export function foreignAfterOagStamp(text: string, start: number, end: number, ts: OagStamp, out: ForeignLine, fields?: Field[]): boolean {
  out.time = ts.time;
  out.zone = ts.zone;
  out.month = ts.month;
  out.year = ts.year;
  return afterStamp(text, start, ts.end, end, 'oag', ts.syslog, out, fields);
}

/** Is the character at `at` a blank between header words (space, tab, or the no-break space copied from web pages)? */
export function isHeaderBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0;
}

export function skipHeaderBlanks(text: string, pos: number, end: number): number {
  while (pos < end && isHeaderBlank(text.charCodeAt(pos))) {
    pos++;
  }
  return pos;
}

export function headerTokenEnd(text: string, pos: number, end: number): number {
  while (pos < end && !isHeaderBlank(text.charCodeAt(pos))) {
    pos++;
  }
  return pos;
}

/**
 * The end of the host name at `pos`: one word, or a placeholder in brackets as Okta's pages write it
 * (`[DNS name of administration node]`).
 */
export function hostEnd(text: string, pos: number, end: number): number {
  if (text.charCodeAt(pos) === 91 /* [ */) {
    for (let i = pos + 1; i < end && i < pos + 80; i++) {
      const c = text.charCodeAt(i);
      if (c === 93 /* ] */) {
        const after = text.charCodeAt(i + 1);
        return i + 1 >= end || isHeaderBlank(after) ? i + 1 : headerTokenEnd(text, pos, end);
      }
      if (c === 61 /* = */ || c === 34 /* " */ || c === 91) {
        break;
      }
    }
  }
  return headerTokenEnd(text, pos, end);
}

/** `Access Gateway` at `pos`: the application written in words (older format). Returns the end, or -1. */
export function applicationInWordsEnd(text: string, pos: number, end: number): number {
  const [first, second] = OAG_APPLICATION_IN_WORDS;
  if (!text.startsWith(first, pos)) {
    return -1;
  }
  let p = pos + first.length;
  if (!isHeaderBlank(text.charCodeAt(p))) {
    return -1;
  }
  p = skipHeaderBlanks(text, p, end);
  if (!text.startsWith(second, p)) {
    return -1;
  }
  p += second.length;
  return p >= end || isHeaderBlank(text.charCodeAt(p)) ? p : -1;
}

/** First characters of the applications (and of `Access Gateway`). */
const APPLICATION_INITIAL = new Uint8Array(128);
for (const name of [...OAG_APPLICATIONS, OAG_APPLICATION_IN_WORDS[0]]) {
  APPLICATION_INITIAL[name.charCodeAt(0)] = 1;
}

/**
 * OAG lines whose host name is missing: the timestamp is followed straight by the application and
 * its sub-process (`2021-02-23T12:55:29.267-06:00 OAG ADMIN_CONSOLE ...`, `Oct  9 04:00:00 Access Gateway WEB_CONSOLE ...`).
 */
export function oagHostMissing(text: string, pos: number, end: number): boolean {
  const c = text.charCodeAt(pos);
  if (c < 128 && APPLICATION_INITIAL[c] !== 1) {
    return false; // the common case, a host name: ruled out on its first character
  }
  if (applicationInWordsEnd(text, pos, end) !== -1) {
    return true;
  }
  const firstEnd = headerTokenEnd(text, pos, end);
  if (!matchesOneOf(OAG_APPLICATIONS, text, pos, firstEnd)) {
    return false;
  }
  const second = skipHeaderBlanks(text, firstEnd, end);
  return matchesOneOf(OAG_SUB_PROCESSES, text, second, headerTokenEnd(text, second, end));
}

/** `name`, `name:`, `name[123]:` — a syslog program tag; the name's end, or -1. */
function programNameEnd(text: string, pos: number, tokenEnd: number): number {
  let c = text.charCodeAt(pos) | 32;
  if (c < 97 || c > 122) {
    return -1;
  }
  let p = pos + 1;
  while (p < tokenEnd) {
    c = text.charCodeAt(p);
    const word = (c | 32) >= 97 && (c | 32) <= 122 || isDigit(c) || c === 95 || c === 46 || c === 45 || c === 64 || c === 47;
    if (!word) {
      break;
    }
    p++;
  }
  const nameEnd = p;
  if (text.charCodeAt(p) === 91 /* [ */) {
    p++;
    while (isDigit(text.charCodeAt(p))) {
      p++;
    }
    if (text.charCodeAt(p) !== 93) {
      return -1;
    }
    p++;
  }
  if (text.charCodeAt(p) === 58 /* : */) {
    p++;
  }
  return p === tokenEnd ? nameEnd : -1;
}

/** Whether the word at [pos, tokenEnd) is `name[pid]` (with or without the colon). */
function hasPid(text: string, nameEnd: number): boolean {
  return text.charCodeAt(nameEnd) === 91;
}

/** A known program of two words (`CERT VERIFIER`) at `pos`: its end, or -1. */
const TWO_WORD_PROGRAMS = FOREIGN_PROGRAMS.filter((name) => name.indexOf(' ') !== -1);

function twoWordProgramEnd(text: string, pos: number, end: number): number {
  for (const name of TWO_WORD_PROGRAMS) {
    if (text.startsWith(name, pos)) {
      const after = pos + name.length;
      if (after >= end || isHeaderBlank(text.charCodeAt(after)) || text.charCodeAt(after) === 58) {
        return after;
      }
    }
  }
  return -1;
}

/** Whether an OAG level word comes among the first few words from `pos`, before any '[' (the older format's header). */
function oagLevelAhead(text: string, pos: number, end: number): boolean {
  for (let i = 0; i < 7 && pos < end; i++) {
    if (text.charCodeAt(pos) === 91) {
      return false;
    }
    const wordEnd = headerTokenEnd(text, pos, end);
    if (matchesOneOf(OAG_LEVELS, text, pos, wordEnd)) {
      return true;
    }
    pos = skipHeaderBlanks(text, wordEnd, end);
  }
  return false;
}

function afterStamp(
  text: string, lineStart: number, timeEnd: number, end: number, format: LogFormat, syslog: boolean, out: ForeignLine, fields?: Field[],
): boolean {
  if (!isHeaderBlank(text.charCodeAt(timeEnd))) {
    return false; // `Oct 22 2021 13:31:13.664259: [AAA]`, or a timestamp alone
  }
  // (An OAG line without a hostname is ruled out below all the same: its second word is a sub-process.)
  const hostStart = skipHeaderBlanks(text, timeEnd, end);
  if (hostStart >= end) {
    return false;
  }
  const hostStop = hostEnd(text, hostStart, end);
  const programStart = skipHeaderBlanks(text, hostStop, end);
  if (programStart >= end) {
    return false;
  }
  const wordEnd = headerTokenEnd(text, programStart, end);
  if (format === 'oag' && (matchesOneOf(OAG_APPLICATIONS, text, programStart, wordEnd)
    || matchesOneOf(OAG_SUB_PROCESSES, text, programStart, wordEnd)
    || (text.charCodeAt(programStart) === 65 /* A */ && applicationInWordsEnd(text, programStart, end) !== -1))) {
    return false; // the gateway's own header (the common case: ruled out on its first word)
  }
  let nameEnd = twoWordProgramEnd(text, programStart, end);
  let tokenEnd = nameEnd;
  if (nameEnd === -1) {
    nameEnd = programNameEnd(text, programStart, wordEnd);
    tokenEnd = wordEnd;
    if (nameEnd === -1) {
      return false;
    }
  }
  const known = matchesOneOf(FOREIGN_PROGRAMS, text, programStart, nameEnd);
  const messageAt = skipHeaderBlanks(text, tokenEnd, end);
  let tagged = false;
  if (format === 'bluecedar') {
    if (matchesOneOf(BLUECEDAR_PROGRAMS, text, programStart, nameEnd)) {
      return false;
    }
  } else {
    tagged = readNginxError(text, messageAt, end, '', scratch) || readNginxAccess(text, messageAt, end, '', scratch);
    // The current format writes its own lines with ISO timestamps and shapes this module does not
    // know (`application_template_service ...`): only lines that say which program they are count.
    // In the older syslog form, anything without the audit header's level is another program's.
    if (!known && !hasPid(text, nameEnd) && !tagged && (!syslog || oagLevelAhead(text, programStart, end))) {
      return false;
    }
  }
  if (tagged && syslog && out.year === undefined && scratch.year !== undefined && scratch.month === out.month && out.time !== undefined) {
    // NGINX writes the year the syslog stamp in front leaves out: the line is placed by it, and
    // anchors the year of its year-less neighbours (years.ts).
    const date = new Date(out.time);
    date.setUTCFullYear(scratch.year);
    out.time = date.getTime();
    out.year = scratch.year;
  }
  out.content = tagged ? scratch.content : 'program';
  out.timeEnd = timeEnd;
  out.program = programs.slice(text, programStart, nameEnd);
  out.programStart = programStart;
  out.programEnd = nameEnd;
  out.messageStart = messageAt;
  if (fields) {
    fields.push(foreignField('timestamp', lineStart, timeEnd, text));
    fields.push(foreignField('hostname', hostStart, hostStop, text));
    fields.push(foreignField(tagged ? 'tag' : 'program', programStart, nameEnd, text));
    if (hasPid(text, nameEnd)) {
      const close = text.indexOf(']', nameEnd);
      fields.push(foreignField('pid', nameEnd + 1, close, text));
    }
    if (tagged) {
      // The tagged nginx line's own parts; the line's time stays the stamp in front of the tag.
      if (!readNginxError(text, messageAt, end, out.program, scratch, fields)) {
        readNginxAccess(text, messageAt, end, out.program, scratch, fields);
      }
    }
  }
  return true;
}

const SPRING_BOOT = /^(\d{1,4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})[.,](\d{3}) +(TRACE|DEBUG|INFO|WARN|ERROR|FATAL) +(\d+) +--- +\[([^\]\r\n]{0,80})\] +(\S+) *: ?/;

/** `2021-03-04 12:08:10.170  INFO 1101 --- [exec-10] c.o.oag.CertificateLoader : message` (Spring Boot's layout). */
function readSpringBoot(text: string, start: number, end: number, out: ForeignLine, fields?: Field[]): boolean {
  const m = SPRING_BOOT.exec(text.slice(start, Math.min(end, start + WINDOW)));
  if (!m) {
    return false;
  }
  const [, y, mo, d, h, mi, s, ms, level, pid, thread, logger] = m;
  const timeEnd = start + 23 - (4 - y.length);
  setCalendarTime(out, y.length === 4 ? Number(y) : undefined, Number(mo), Number(d), Number(h), Number(mi), Number(s), Number(ms), undefined);
  out.content = 'spring-boot';
  out.timeEnd = timeEnd;
  out.program = JAVA_SERVICE;
  out.programStart = -1;
  out.programEnd = -1;
  out.messageStart = start + m[0].length;
  if (fields) {
    const at = (part: string, from: number): number => text.indexOf(part, from);
    fields.push(foreignField('timestamp', start, timeEnd, text));
    const levelAt = at(level, timeEnd);
    fields.push(foreignField('level', levelAt, levelAt + level.length, text));
    const pidAt = at(pid, levelAt + level.length);
    fields.push(foreignField('pid', pidAt, pidAt + pid.length, text));
    const threadAt = at('[', pidAt) + 1;
    fields.push(foreignField('thread', threadAt, threadAt + thread.length, text));
    const loggerAt = at(logger, threadAt + thread.length + 1);
    fields.push(foreignField('logger', loggerAt, loggerAt + logger.length, text));
  }
  return true;
}

const NGINX_ERROR = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2}) \[(debug|info|notice|warn|error|crit|alert|emerg)\] (\d+#\d+): /;

/** `2017/10/06 13:01:15 [warn] 14220#0: *53 message` (nginx's error log), bare or behind a syslog tag. */
function readNginxError(text: string, start: number, end: number, tag: string | undefined, out: ForeignLine, fields?: Field[]): boolean {
  if (!isDigit(text.charCodeAt(start)) || text.charCodeAt(start + 4) !== 47 /* / */) {
    return false;
  }
  const m = NGINX_ERROR.exec(text.slice(start, Math.min(end, start + WINDOW)));
  if (!m) {
    return false;
  }
  const [, y, mo, d, h, mi, s, level, pid] = m;
  setCalendarTime(out, Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), 0, undefined);
  out.content = 'nginx-error';
  out.timeEnd = start + 19;
  out.program = tag ?? NGINX;
  out.programStart = -1;
  out.programEnd = -1;
  out.messageStart = start + m[0].length;
  if (fields) {
    fields.push(foreignField(tag === undefined ? 'timestamp' : 'innerTimestamp', start, start + 19, text));
    fields.push(foreignField('nginxLevel', start + 21, start + 21 + level.length, text));
    const pidAt = start + 23 + level.length;
    fields.push(foreignField('pid', pidAt, pidAt + pid.length, text));
  }
  return true;
}

const IP = String.raw`\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]*:[0-9A-Fa-f:.]+`;
/**
 * nginx's access log as the gateway writes it: optional application host, client address, `-`, user,
 * optional `[time]`, `"request"`, status, size.
 */
const NGINX_ACCESS = new RegExp(String.raw`^(?:(\S+) +)?(${IP}) +- +(\S+) +(?:\[(\d{2})/([A-Z][a-z]{2})/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-]\d{4})\] +)?"([^"\r\n]{0,400})" +(\d{3}) +(\d+|-)`);

function readNginxAccess(text: string, start: number, end: number, tag: string | undefined, out: ForeignLine, fields?: Field[]): boolean {
  const m = NGINX_ACCESS.exec(text.slice(start, Math.min(end, start + WINDOW)));
  // Bare lines start with the client address and carry nginx's time; only a tagged line may name the
  // application host first or leave the time to the syslog stamp in front.
  if (!m || (tag === undefined && (m[1] !== undefined || m[4] === undefined))) {
    return false;
  }
  const [, vhost, client, , d, mon, y, h, mi, s, offset, request, status, size] = m;
  out.content = 'nginx-access';
  out.program = tag ?? NGINX;
  out.programStart = -1;
  out.programEnd = -1;
  out.messageStart = start;
  if (d !== undefined) {
    const month = monthAt(mon, 0);
    const zone = (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3, 5)));
    setCalendarTime(out, Number(y), month + 1, Number(d), Number(h), Number(mi), Number(s), 0, month === -1 ? Number.NaN : zone);
  } else {
    out.time = undefined;
    out.zone = undefined;
  }
  const timeAt = d === undefined ? -1 : text.indexOf('[', start) + 1;
  out.timeEnd = timeAt === -1 ? start : timeAt + 26;
  if (fields) {
    let at = start;
    if (vhost !== undefined) {
      fields.push(foreignField('vhost', start, start + vhost.length, text));
      at = text.indexOf(client, start + vhost.length);
    }
    fields.push(foreignField('client', at, at + client.length, text));
    if (timeAt !== -1) {
      fields.push(foreignField(tag === undefined ? 'timestamp' : 'innerTimestamp', timeAt, timeAt + 26, text));
    }
    const requestAt = text.indexOf(`"${request}"`, at) + 1;
    fields.push(foreignField('request', requestAt, requestAt + request.length, text));
    const statusAt = text.indexOf(status, requestAt + request.length + 1);
    fields.push(foreignField('status', statusAt, statusAt + 3, text));
    const sizeAt = text.indexOf(size, statusAt + 3);
    fields.push(foreignField('size', sizeAt, sizeAt + size.length, text));
  }
  return true;
}

/** A date and time written without offset (`zone` undefined) or with one, into `out`. */
function setCalendarTime(
  out: ForeignLine, year: number | undefined, month: number, day: number, hour: number, minute: number, second: number, millis: number, zone: number | undefined,
): void {
  out.month = month - 1;
  out.year = year;
  out.zone = zone;
  const valid = year !== undefined && month >= 1 && month <= 12 && day >= 1 && hour <= 23 && minute <= 59 && second <= 60
    && !Number.isNaN(zone ?? 0) && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
  out.time = valid ? Date.UTC(year, month - 1, day, hour, minute, second, millis) - (zone ?? 0) * 60_000 : undefined;
  if (!valid) {
    out.zone = undefined;
  }
}

function foreignField(name: string, start: number, end: number, text: string): Field {
  return { group: 'foreign', name, start, end, keyStart: start, keyEnd: start, valueStart: start, valueEnd: end, value: text.slice(start, end) };
}
