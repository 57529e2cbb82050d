/**
 * Wording shared by features: times as the log writes them, durations and counts as people read them.
 * (Not to be confused with the log *format*, which lives in formats/.)
 */

/** What a shown time needs from an entry: its instant and the offset it was written with. */
export interface WrittenTime {
  time?: number;
  zone?: number;
}

/** The wall-clock date and time the log wrote: the instant moved by its written offset. */
export function wallClockDate(entry: WrittenTime): Date | undefined {
  if (entry.time === undefined || !Number.isFinite(entry.time)) {
    return undefined;
  }
  const date = new Date(entry.time + (entry.zone ?? 0) * 60_000);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `-05:00`, `+05:30`, `Z` for a zero offset; empty when the log writes no offset. */
export function zoneText(zone: number | undefined): string {
  if (zone === undefined) {
    return '';
  }
  if (zone === 0) {
    return 'Z';
  }
  const minutes = Math.abs(zone);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${zone < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/**
 * `13:45:35` as the log writes it, with its offset when it writes one (`08:00:52-05:00`); `?` without
 * a time. Never converted to UTC or to the viewer's zone: people compare these with the log text.
 */
export function clockTime(entry: WrittenTime): string {
  const date = wallClockDate(entry);
  return date ? date.toISOString().slice(11, 19) + zoneText(entry.zone) : '?';
}

/** `2021-11-11 22:24:37` (with the offset when written): a date and time as the log writes them. */
export function dateTime(entry: WrittenTime): string {
  const date = wallClockDate(entry);
  if (!date) {
    return '?';
  }
  const iso = date.toISOString();
  const year = date.getUTCFullYear();
  // toISOString writes years outside 0-9999 with a sign and six digits; show them plainly.
  const datePart = year >= 0 && year <= 9999 ? iso.slice(0, 10) : `${year}-${iso.slice(-19, -14)}`;
  return `${datePart} ${iso.slice(11, 19)}${zoneText(entry.zone)}`;
}

/**
 * `2021-11-11T22:24:37.118-05:00`: ISO 8601 as the log wrote it (its wall clock, its offset; no offset
 * when the log writes none), milliseconds only when there are some. For machines (CLI output, exports:
 * millions of them), so computed from the number, without a Date: the same text as Date's would be.
 */
export function isoWritten(entry: WrittenTime): string | undefined {
  if (entry.time === undefined || !Number.isFinite(entry.time)) {
    return undefined;
  }
  // As Date does: whole milliseconds toward zero, within ±8.64e15.
  const ms = Math.trunc(entry.time + (entry.zone ?? 0) * 60_000);
  if (!(Math.abs(ms) <= 8.64e15)) {
    return undefined;
  }
  const days = Math.floor(ms / 86_400_000);
  const inDay = ms - days * 86_400_000;
  // Civil date from days since 1970-01-01 (H. Hinnant's algorithm, proleptic Gregorian).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const millis = inDay % 1000;
  const seconds = Math.floor(inDay / 1000);
  const two = (n: number): string => (n < 10 ? `0${n}` : String(n));
  // Years outside 0-9999 are written plainly, not as Date's signed six digits.
  const yearText = year >= 0 && year <= 9999 ? String(year).padStart(4, '0') : String(year);
  const millisText = millis === 0 ? '' : `.${String(millis).padStart(3, '0')}`;
  return `${yearText}-${two(month)}-${two(day)}T${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}${millisText}${zoneText(entry.zone)}`;
}

/** 437 -> '7 min 17 s'; 3661 -> '1 h 1 min 1 s'; 0 -> '0 s'. Fractions are rounded to whole seconds. */
export function humanDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) {
    return String(seconds);
  }
  const sign = seconds < 0 ? '-' : '';
  let rest = Math.round(Math.abs(seconds));
  const units: [number, string][] = [[86400, 'd'], [3600, 'h'], [60, 'min'], [1, 's']];
  const parts: string[] = [];
  for (const [size, label] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) {
      parts.push(`${count} ${label}`);
    }
  }
  return parts.length === 0 ? '0 s' : sign + parts.join(' ');
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** 1024-based, one decimal: `512 bytes`, `633.5 KB`, `1.0 GB` (finding messages, the timeline's tooltips). */
export function bytesText(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}
