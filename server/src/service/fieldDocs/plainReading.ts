/**
 * Fields the references do not document. Payloads grow with new gateway and client versions (newer
 * Blue Cedar clients add keys such as `appTampered` or `atlasClientVersion`), so an unknown but
 * well-formed key is not a mistake: its hover names its path and reads its value as plainly as the
 * value allows (yes/no, a number with the unit its name suggests, an address, a date).
 */
import { inlineCode } from '../markdown';
import { Field } from '../model';
import { humanDuration } from '../wording';
import { describeIpAddress } from './net';
import { renderDoc } from './render';
import { groupDigits, humanBytes, parseNumber } from './units';

/** The words of a key: `tunnelBytesTotal` -> tunnel, bytes, total; `RETRY_AFTER_SECONDS` -> retry, after, seconds. */
function keyWords(key: string): Set<string> {
  return new Set(key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== ''));
}

function hasWord(words: Set<string>, ...candidates: string[]): boolean {
  return candidates.some((c) => words.has(c));
}

/** What a number means, guessed from the words of its key. */
function readNumber(key: string, n: number): string {
  const words = keyWords(key);
  if (hasWord(words, 'bytes', 'byte')) {
    return `${groupDigits(n)}: **${humanBytes(n)}** if the name is right that it counts bytes.`;
  }
  if (hasWord(words, 'ms', 'millis', 'milliseconds')) {
    return `${groupDigits(n)} milliseconds, going by its name: **${humanDuration(n / 1000)}**.`;
  }
  if (hasWord(words, 'seconds', 'secs', 'sec', 'duration')) {
    return `${groupDigits(n)} seconds, going by its name: **${humanDuration(n)}**.`;
  }
  if (hasWord(words, 'percent', 'pct', 'percentage')) {
    return `${groupDigits(n)} %.`;
  }
  if (hasWord(words, 'time', 'timestamp', 'date', 'seen', 'since', 'until', 'expiry', 'expires', 'created', 'updated', 'modified', 'at')) {
    const epoch = epochDate(n);
    if (epoch) {
      return `${groupDigits(n)}: read as a Unix time, **${epoch}** (UTC).`;
    }
  }
  if (hasWord(words, 'port') && Number.isInteger(n) && n > 0 && n < 65536) {
    return `${n}: a port number, going by its name.`;
  }
  return `a number: ${groupDigits(n)}.`;
}

/** Seconds or milliseconds since 1970 that fall in 2001-2100, as an ISO date and time. */
function epochDate(n: number): string | undefined {
  const ms = n >= 1e12 ? n : n * 1000;
  if (!Number.isFinite(ms) || ms < Date.UTC(2001, 0, 1) || ms > Date.UTC(2100, 0, 1)) {
    return undefined;
  }
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, '');
}

/** A plain reading of `value` (markdown, value quoted safely), given the key it belongs to. */
export function plainReading(key: string, value: string, jsonType?: Field['jsonType']): string {
  const trimmed = value.trim();
  const code = inlineCode(value);
  if (jsonType === 'object' || jsonType === 'array') {
    return `a group of fields (${jsonType === 'object' ? 'an object' : 'a list'}).`;
  }
  if (jsonType === 'null') {
    return `${code}: no value.`;
  }
  if (trimmed === '') {
    return `${code}: empty.`;
  }
  const lower = trimmed.toLowerCase();
  if (jsonType === 'boolean' || lower === 'true' || lower === 'false') {
    return `${code}: a yes/no value, **${lower === 'true' ? 'yes' : 'no'}**.`;
  }
  const n = parseNumber(trimmed);
  if (n !== undefined && (jsonType === undefined || jsonType === 'number' || jsonType === 'string')) {
    return `${code}: ${readNumber(key, n)}`;
  }
  const ip = describeIpAddress(trimmed);
  if (ip) {
    return `${code}: ${ip}.`;
  }
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(trimmed) && !Number.isNaN(Date.parse(trimmed.replace(' ', 'T')))) {
    return `${code}: a date${trimmed.length > 10 ? ' and time' : ''}.`;
  }
  if (/version/i.test(key) && /^v?\d+(\.\d+){1,3}\b/.test(trimmed)) {
    return `${code}: a version number.`;
  }
  return code;
}

/** The hover of a field no documentation table knows: its path, and what its value plainly says. */
export function describeUnknownField(field: Field): string {
  const path = field.name;
  const last = field.group === 'json' ? path.split('.').pop() ?? path : path;
  return renderDoc({
    title: 'Undocumented key',
    key: path,
    meaning: field.group === 'json'
      ? 'A key the Blue Cedar reference does not document; newer gateways and clients add keys like this one.'
      : field.group === 'sd'
        ? 'A structured-data key the Access Gateway reference does not document; newer versions add keys like this one.'
        : 'A field the reference does not document.',
    value: plainReading(last, field.value, field.jsonType),
  });
}
