/**
 * Other programs' lines of their own shape: Java services in Spring Boot's layout and NGINX's error
 * and access logs, bare or behind a syslog tag. Regular expressions, on a bounded start of the line:
 * they only run on lines already known not to be the gateway's own.
 */
import { FieldSink } from '../model';
import { monthAt } from '../formats/months';
import { isDigit } from '../text';
import { ForeignLine, foreignField, JAVA_SERVICE, NGINX, setCalendarTime } from './line';

/** Longest part of a line a regular expression looks at (log lines can be megabytes long). */
const WINDOW = 600;

const SPRING_BOOT = /^(\d{1,4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})[.,](\d{3}) +(TRACE|DEBUG|INFO|WARN|ERROR|FATAL) +(\d+) +--- +\[([^\]\r\n]{0,80})\] +(\S+) *: ?/;

/** `2021-03-04 12:08:10.170  INFO 1101 --- [exec-10] c.o.oag.CertificateLoader : message` (Spring Boot's layout). */
export function readSpringBoot(text: string, start: number, end: number, out: ForeignLine, fields?: FieldSink): boolean {
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
export function readNginxError(text: string, start: number, end: number, tag: string | undefined, out: ForeignLine, fields?: FieldSink): boolean {
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

export function readNginxAccess(text: string, start: number, end: number, tag: string | undefined, out: ForeignLine, fields?: FieldSink): boolean {
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
