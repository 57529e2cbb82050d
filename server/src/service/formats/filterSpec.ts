/**
 * Filtered views, as the client and the server both see them: the clauses a person stacks (combined
 * with AND), what a view is built from, how a view is named by its URI, and how clauses read in a
 * title or the status bar. Pure and small: the client builds and shows these, the server evaluates
 * them (service/filters). Anything read from a URI or from stored state goes through readClauses.
 */
import type { LogFormat } from '../model';
import { LANGUAGE_OF_FORMAT } from './ids';
import { BLUECEDAR_SEVERITIES, OAG_LEVELS } from './vocabulary';
import { displayText } from '../markdown';

/** One scale for both formats' severities and levels, most severe first. */
export const SEVERITY_FLOORS = ['critical', 'error', 'warning', 'info', 'debug'] as const;
export type SeverityFloor = typeof SEVERITY_FLOORS[number];

/**
 * Where each word of the formats sits on that scale. Blue Cedar's Minor counts as an error (the
 * colours and hovers say so too); OAG's ALERT is as grave as FATAL.
 */
const RANKS: Record<'bluecedar' | 'oag', Readonly<Record<string, number>>> = {
  bluecedar: { Critical: 0, Major: 1, Minor: 1, Warning: 2, Informational: 3, Debug: 4 },
  oag: { FATAL: 0, ALERT: 0, ERROR: 1, WARN: 2, INFO: 3, DEBUG: 4, TRACE: 4 },
};

/** The rank (index in SEVERITY_FLOORS) of a severity or level as written; -1 when the format does not know it. */
export function severityRank(format: 'bluecedar' | 'oag', word: string | undefined): number {
  return word === undefined ? -1 : RANKS[format][word] ?? -1;
}

/** The words of a format at or above a floor, most severe first (`Critical, Major, Minor`). */
export function severityWords(format: 'bluecedar' | 'oag', floor: SeverityFloor): string[] {
  const limit = SEVERITY_FLOORS.indexOf(floor);
  const words: readonly string[] = format === 'bluecedar' ? BLUECEDAR_SEVERITIES : [...OAG_LEVELS].reverse();
  return words.filter((w) => RANKS[format][w] <= limit);
}

/** Kinds a person filters by (the model's event kinds, without 'other'). */
export const FILTER_KINDS = ['sessionStart', 'sessionStop', 'policyReject', 'linkUpdate', 'unexpectedStop', 'login', 'logout', 'foreign'] as const;
export const KIND_LABELS: Readonly<Record<string, string>> = {
  sessionStart: 'Session START', sessionStop: 'Session STOP', policyReject: 'Policy REJECT', linkUpdate: 'Link Update',
  unexpectedStop: 'unexpected STOP', login: 'login', logout: 'logout', other: 'other events', foreign: 'other programs\' lines',
};

export type WhoField = 'user' | 'device' | 'app' | 'ip';

/** A clause; `exclude` turns it around (entries that do NOT match it). */
export type FilterClause = (
  | { type: 'severity'; min: SeverityFloor }
  | { type: 'kind'; kinds: string[] }
  /** Blue Cedar [COMPONENT] or OAG COMPONENT, as written. */
  | { type: 'component'; values: string[] }
  /** OAG event types (USER_LOGIN…) or Blue Cedar event names (Session START…), as written. */
  | { type: 'event'; values: string[] }
  /** Policy REJECT, or RESULT FAIL / DENY. */
  | { type: 'rejected' }
  /** Entries with a problem (error, warning or information) of their own or of their session. */
  | { type: 'problems' }
  /** Who or what an entry or its session names (exact value, any case). */
  | { type: WhoField; value: string }
  /** One session by its pairing key (`g:<appGsid>`, `i:<identity>`, `s:<SESSION_ID>`), EID-linked events included. */
  | { type: 'session'; key: string; label?: string; anchorTime?: number }
  /** A time range as typed ("2021-11-11 22:00 to 22:30"), compared as the log writes times. */
  | { type: 'time'; range: string }
  | { type: 'text'; pattern: string; regex?: boolean; caseSensitive?: boolean }
) & { exclude?: boolean };

export type ClauseType = FilterClause['type'];

/** What a view is built from. */
export type ViewSource =
  /** A document the language server has open (its current text, edits included). */
  | { kind: 'document'; uri: string }
  /** A file on disk, of any size, gzipped or not (read from disk, never loaded whole). */
  | { kind: 'file'; uri: string }
  /** Every file of one format in the bundle index, in bundle order. */
  | { kind: 'bundle'; format: 'bluecedar' | 'oag' };

/** Everything that names a view: its source, its clauses and which part (page, from 0) is shown. */
export interface ViewSpec {
  source: ViewSource;
  clauses: FilterClause[];
  page: number;
  /** The language of the view (the source's format). */
  format: 'bluecedar' | 'oag';
}

export const VIEW_SCHEME = 'gateway-log-view';

/** Limits on what a clause list may hold (it comes from URIs and stored state). */
export const MAX_CLAUSES = 24;
export const MAX_CLAUSE_TEXT = 1000;
const MAX_VALUES = 200;

const WHO: readonly string[] = ['user', 'device', 'app', 'ip'];

function text(value: unknown, max = MAX_CLAUSE_TEXT): string | undefined {
  return typeof value === 'string' && value.length <= max ? value : undefined;
}

function texts(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_VALUES) {
    return undefined;
  }
  const list = value.map((v) => text(v, 200));
  return list.every((v): v is string => v !== undefined) ? list : undefined;
}

/** One clause read from untrusted JSON, or a message saying what is wrong with it. */
export function readClause(raw: unknown): FilterClause | string {
  if (typeof raw !== 'object' || raw === null) {
    return 'A filter clause must be an object.';
  }
  const r = raw as Record<string, unknown>;
  const exclude = r.exclude === true ? { exclude: true } : {};
  switch (r.type) {
    case 'severity':
      return (SEVERITY_FLOORS as readonly unknown[]).includes(r.min) ? { type: 'severity', min: r.min as SeverityFloor, ...exclude } : 'Unknown severity floor.';
    case 'kind': {
      const kinds = texts(r.kinds);
      return kinds && kinds.length > 0 ? { type: 'kind', kinds, ...exclude } : 'A kind clause needs a list of kinds.';
    }
    case 'component':
    case 'event': {
      const values = texts(r.values);
      return values && values.length > 0 ? { type: r.type, values, ...exclude } : `A ${r.type} clause needs a list of values.`;
    }
    case 'rejected':
    case 'problems':
      return { type: r.type, ...exclude };
    case 'session': {
      const key = text(r.key);
      if (!key || !/^[gis]:/.test(key)) {
        return 'A session clause needs a pairing key (g:, i: or s:).';
      }
      const label = text(r.label, 200);
      const anchorTime = typeof r.anchorTime === 'number' && Number.isFinite(r.anchorTime) ? r.anchorTime : undefined;
      return { type: 'session', key, ...(label !== undefined ? { label } : {}), ...(anchorTime !== undefined ? { anchorTime } : {}), ...exclude };
    }
    case 'time': {
      const range = text(r.range, 200);
      return range && range.trim() ? { type: 'time', range, ...exclude } : 'A time clause needs a range.';
    }
    case 'text': {
      const pattern = text(r.pattern);
      if (!pattern) {
        return 'A text clause needs a pattern.';
      }
      return {
        type: 'text', pattern, ...(r.regex === true ? { regex: true } : {}), ...(r.caseSensitive === true ? { caseSensitive: true } : {}), ...exclude,
      };
    }
    default:
      if (typeof r.type === 'string' && WHO.includes(r.type)) {
        const value = text(r.value, 500);
        return value && value.trim() ? { type: r.type as WhoField, value, ...exclude } : `A ${r.type} clause needs a value.`;
      }
      return 'Unknown kind of filter clause.';
  }
}

/** A clause list read from untrusted JSON (a URI, stored state), or a message. */
export function readClauses(raw: unknown): FilterClause[] | string {
  if (!Array.isArray(raw)) {
    return 'Filter clauses must be a list.';
  }
  if (raw.length > MAX_CLAUSES) {
    return `At most ${MAX_CLAUSES} filter clauses.`;
  }
  const clauses: FilterClause[] = [];
  for (const item of raw) {
    const clause = readClause(item);
    if (typeof clause === 'string') {
      return clause;
    }
    clauses.push(clause);
  }
  return clauses;
}

function readSource(raw: unknown): ViewSource | undefined {
  if (typeof raw !== 'object' || raw === null) {
    return undefined;
  }
  const r = raw as Record<string, unknown>;
  if ((r.kind === 'document' || r.kind === 'file') && typeof r.uri === 'string' && r.uri.length < 4096) {
    return { kind: r.kind, uri: r.uri };
  }
  if (r.kind === 'bundle' && (r.format === 'bluecedar' || r.format === 'oag')) {
    return { kind: 'bundle', format: r.format };
  }
  return undefined;
}

/** A view spec read from untrusted JSON, or a message. */
export function readViewSpec(raw: unknown): ViewSpec | string {
  if (typeof raw !== 'object' || raw === null) {
    return 'A view must be an object.';
  }
  const r = raw as Record<string, unknown>;
  const source = readSource(r.source);
  if (!source) {
    return 'The view names no source it can be built from.';
  }
  const clauses = readClauses(r.clauses);
  if (typeof clauses === 'string') {
    return clauses;
  }
  const page = typeof r.page === 'number' && Number.isInteger(r.page) && r.page >= 0 && r.page < 1e7 ? r.page : 0;
  const format = r.format === 'oag' ? 'oag' : 'bluecedar';
  return { source, clauses, page, format };
}

// ------------------------------------------------------------------------------------------ wording

/** Longest label made of log text (status bar, pick lists). */
const MAX_LABEL = 200;

/**
 * Text from a log or a person, made inert where it is shown: one line, and `$(` broken up, since
 * status bar items, CodeLens titles and pick lists read `$(name)` as an icon.
 */
export function inertLabel(value: string, max = MAX_LABEL): string {
  // Invisible and direction-changing characters written out first; then the $( that VS Code reads as
  // an icon is broken by a zero-width space of our own.
  return displayText(value, max).replace(/\$\(/g, '$\u200b(');
}

function quoted(value: string, max = 40): string {
  return `“${inertLabel(value, max - 1)}”`;
}

const WHO_WORDS: Readonly<Record<WhoField, string>> = { user: 'user', device: 'device', app: 'app', ip: 'IP' };

/** A clause in a few words: `user akim`, `Warning or worse`, `not text “keepalive”`, `22:00 to 22:30`. */
export function describeClause(clause: FilterClause): string {
  const not = clause.exclude ? 'not ' : '';
  switch (clause.type) {
    case 'severity':
      return `${not}${clause.min === 'debug' ? 'any severity' : `${clause.min} or worse`}`;
    case 'kind':
      return `${not}${clause.kinds.map((k) => KIND_LABELS[k] ?? k).join('/')}`;
    case 'component':
    case 'event':
      return `${not}${clause.values.map((v) => inertLabel(v.length > 24 ? `${v.slice(0, 23)}…` : v)).slice(0, 4).join('/')}${clause.values.length > 4 ? '/…' : ''}`;
    case 'rejected':
      return `${not}rejected (REJECT, FAIL, DENY)`;
    case 'problems':
      return clause.exclude ? 'without problems' : 'problems';
    case 'session':
      return `${not}session ${clause.label ? quoted(clause.label, 50) : sessionKeyLabel(clause.key)}`;
    case 'time':
      return `${not}${inertLabel(clause.range.trim())}`;
    case 'text':
      return `${not}${clause.regex ? `/${inertLabel(clause.pattern.length > 40 ? `${clause.pattern.slice(0, 39)}…` : clause.pattern)}/${clause.caseSensitive ? '' : 'i'}` : `text ${quoted(clause.pattern)}`}`;
    default:
      return `${not}${WHO_WORDS[clause.type]} ${quoted(clause.value)}`;
  }
}

/** `1234567` for g:1234567, the SESSION_ID, or the identity's parts. */
export function sessionKeyLabel(key: string): string {
  return key.slice(2).split('\u0000').filter((p) => p !== '').join(' · ');
}

/** Every clause, joined: what the title and the status bar say. */
export function describeClauses(clauses: readonly FilterClause[]): string {
  return clauses.length === 0 ? 'no filter' : clauses.map(describeClause).join(' · ');
}

// ------------------------------------------------------------------------------------------ URIs

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) {
    binary += String.fromCharCode(b);
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) {
    return undefined;
  }
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/** What a title may hold: no path separators or URI delimiters, one line, not too long. */
function titlePart(text: string, max: number): string {
  // A path segment: no slash, question mark, hash or percent sign; a backslash (of an escape written
  // out) as a look-alike that is none.
  return displayText(text, max - 1).replace(/[/?#%]+/g, ' ').replace(/\\/g, '∖').replace(/\s+/g, ' ').trim();
}

/**
 * `gateway-log-view:/gateway.log (user “akim” · warning or worse).bluecedar-log?<spec>`: the title
 * is what the tab shows, the language id as the extension gives editors our language (as windows do),
 * and the query is the spec itself (base64url JSON), so the same URI always shows the same view and
 * the server can rebuild it from the URI alone.
 */
export function viewUri(spec: ViewSpec, sourceName: string): string {
  const part = spec.page > 0 ? ` · part ${spec.page + 1}` : '';
  const title = `${titlePart(sourceName, 60)} (${titlePart(describeClauses(spec.clauses), 100)}${part})`;
  const query = toBase64Url(JSON.stringify({ source: spec.source, clauses: spec.clauses, page: spec.page, format: spec.format }));
  return `${VIEW_SCHEME}:/${encodeURIComponent(title)}.${LANGUAGE_OF_FORMAT[spec.format]}?${query}`;
}

/** The spec of a view URI (as written by viewUri, or as an editor writes it back), else undefined. */
export function parseViewUri(uri: string): ViewSpec | undefined {
  if (!uri.startsWith(`${VIEW_SCHEME}:`)) {
    return undefined;
  }
  const at = uri.indexOf('?');
  if (at === -1) {
    return undefined;
  }
  let query = uri.slice(at + 1);
  const hash = query.indexOf('#');
  if (hash !== -1) {
    query = query.slice(0, hash);
  }
  try {
    query = decodeURIComponent(query);
  } catch {
    return undefined;
  }
  const json = fromBase64Url(query);
  if (json === undefined) {
    return undefined;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return undefined;
  }
  const spec = readViewSpec(raw);
  return typeof spec === 'string' ? undefined : spec;
}

/** The same view at another part. */
export function withPage(spec: ViewSpec, page: number): ViewSpec {
  return { ...spec, page: Math.max(0, Math.floor(page)) };
}

/** What the server says of a view (request `filterInfo`): its clauses, source, counts and progress. */
export interface ViewInfo {
  /** The clauses in words. */
  description: string;
  /** The source's files, by name. */
  files: string[];
  kind: 'document' | 'rows' | 'scan';
  sourceKind: ViewSource['kind'];
  /** Matches found so far, whether counting is done, and how many entries the source has (when known). */
  matched: number;
  complete: boolean;
  entries?: number;
  /** The part shown (0-based), parts known so far, the matches it shows and the index of its first. */
  page: number;
  parts: number;
  shown: number;
  firstMatch?: number;
  /** Whether the part shown is incomplete: shown while the log was still being read. */
  reading: boolean;
  /** How far a scan has read (bytes of the files). */
  read?: number;
  size?: number;
  error?: string;
}

/** A value that occurs in a log and how often (entries, or sessions in the bundle index). */
export interface Counted {
  value: string;
  count: number;
}

/** What the filter builder offers (request `filterChoices`), with counts. */
export interface FilterChoices {
  format: LogFormat;
  /** Entries at each severity floor or worse. */
  severities: Counted[];
  kinds: Counted[];
  components: Counted[];
  events: Counted[];
  who: Record<WhoField, Counted[]>;
  /** What `who` counts: entries (a document) or sessions (the bundle index). */
  whoCounts: 'entries' | 'sessions';
}
