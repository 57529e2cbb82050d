/** What a line of another program says, as the recognisers read it (see lines.ts and shapes.ts). */
import { Field } from '../model';

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

/** A date and time written without offset (`zone` undefined) or with one, into `out`. */
export function setCalendarTime(
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

export function foreignField(name: string, start: number, end: number, text: string): Field {
  return { group: 'foreign', name, start, end, keyStart: start, keyEnd: start, valueStart: start, valueEnd: end, value: text.slice(start, end) };
}
