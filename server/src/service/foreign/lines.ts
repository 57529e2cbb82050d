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
import { FieldSink, LogFormat } from '../model';
import { applicationInWordsEnd, headerTokenEnd, hostEnd, isHeaderBlank, skipHeaderBlanks } from '../oag/headerWords';
import { newOagStamp, OagStamp, readOagStamp } from '../oag/timestamp';
import { readSyslogTime, WallTime } from '../syslogTime';
import { isDigit, matchesOneOf, StringCache } from '../text';
import { BLUECEDAR_PROGRAMS, FOREIGN_PROGRAMS, OAG_APPLICATIONS, OAG_LEVELS, OAG_SUB_PROCESSES } from '../formats/vocabulary';
import { ForeignLine, foreignField, newForeignLine } from './line';
import { readNginxAccess, readNginxError, readSpringBoot } from './shapes';

export { JAVA_SERVICE, NGINX, newForeignLine } from './line';
export type { ForeignContent, ForeignLine } from './line';

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
export function readForeignLine(text: string, start: number, end: number, format: LogFormat, out: ForeignLine, fields?: FieldSink): boolean {
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
export function foreignAfterOagStamp(text: string, start: number, end: number, ts: OagStamp, out: ForeignLine, fields?: FieldSink): boolean {
  out.time = ts.time;
  out.zone = ts.zone;
  out.month = ts.month;
  out.year = ts.year;
  return afterStamp(text, start, ts.end, end, 'oag', ts.syslog, out, fields);
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
  text: string, lineStart: number, timeEnd: number, end: number, format: LogFormat, syslog: boolean, out: ForeignLine, fields?: FieldSink,
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
