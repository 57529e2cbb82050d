/**
 * Times as the log writes them: the instant moved by the offset the log writes (nothing converted to
 * the viewer's zone). The same rule as the server's wording (clockTime/dateTime); a unit test holds
 * the two together.
 */

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `-05:00`, `+05:30`, `Z`; empty when the log writes no offset. */
export function zoneText(zone: number | undefined): string {
  if (zone === undefined) {
    return '';
  }
  if (zone === 0) {
    return 'Z';
  }
  const minutes = Math.abs(zone);
  return `${zone < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function wallClock(time: number | undefined, zone: number | undefined): Date | undefined {
  if (time === undefined || !Number.isFinite(time)) {
    return undefined;
  }
  const date = new Date(time + (zone ?? 0) * 60_000);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `2021-10-31 22:55:41` (with the offset when the log writes one); `?` without a time. */
export function dateTime(time: number | undefined, zone: number | undefined): string {
  const date = wallClock(time, zone);
  if (!date) {
    return '?';
  }
  const year = date.getUTCFullYear();
  const iso = date.toISOString();
  const day = year >= 0 && year <= 9999 ? iso.slice(0, 10) : `${year}-${iso.slice(-19, -14)}`;
  return `${day} ${iso.slice(11, 19)}${zoneText(zone)}`;
}

/** `22:55:41`: the clock part only. */
export function clockTime(time: number | undefined, zone: number | undefined): string {
  const date = wallClock(time, zone);
  return date ? date.toISOString().slice(11, 19) + zoneText(zone) : '?';
}

/** An axis label for a tick: the date at midnight, else hours and minutes (seconds when the step is finer). */
export function tickLabel(time: number, zone: number | undefined, stepMs: number): string {
  const date = wallClock(time, zone);
  if (!date) {
    return '';
  }
  const iso = date.toISOString();
  if (stepMs >= 86_400_000 || iso.slice(11, 19) === '00:00:00') {
    return iso.slice(0, 10);
  }
  return stepMs < 60_000 ? iso.slice(11, 19) : iso.slice(11, 16);
}

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
