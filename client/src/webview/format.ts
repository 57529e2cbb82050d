/**
 * Times as the log writes them: the instant moved by the offset the log writes (nothing converted to
 * the viewer's zone), with the server's wording (its module is pure; the webview's bundle takes it),
 * and the timeline's own axis labels.
 */
import {
  bytesText, clockTime as writtenClockTime, dateTime as writtenDateTime, wallClockDate, zoneText,
} from '../../../server/out/service/wording';

export { bytesText, zoneText };

/** `2021-10-31 22:55:41` (with the offset when the log writes one); `?` without a time. */
export function dateTime(time: number | undefined, zone: number | undefined): string {
  return writtenDateTime({ time, zone });
}

/** `22:55:41`: the clock part only. */
export function clockTime(time: number | undefined, zone: number | undefined): string {
  return writtenClockTime({ time, zone });
}

/** An axis label for a tick: the date at midnight, else hours and minutes (seconds when the step is finer). */
export function tickLabel(time: number, zone: number | undefined, stepMs: number): string {
  const date = wallClockDate({ time, zone });
  if (!date) {
    return '';
  }
  const iso = date.toISOString();
  if (stepMs >= 86_400_000 || iso.slice(11, 19) === '00:00:00') {
    return iso.slice(0, 10);
  }
  return stepMs < 60_000 ? iso.slice(11, 19) : iso.slice(11, 16);
}

/** The text cut to at most `max` UTF-16 units and an ellipsis, never between the halves of a surrogate pair. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) {
    return text;
  }
  const code = text.charCodeAt(max - 1);
  return `${text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max)}…`;
}
