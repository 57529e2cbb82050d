/**
 * What the filter builder offers for a source: the components, events, kinds, severities and who/what
 * values that occur in it, with how many entries (or sessions) carry each, most frequent first and
 * bounded; and what an entry names, for "Show Only This Session / User / Device".
 */
import { Analysis, sessionOfEntry } from '../analysis';
import { entryAtLine } from '../lookup';
import { FilterClause, severityRank, SEVERITY_FLOORS, WhoField } from '../formats/filterSpec';
import { BLUECEDAR_SEVERITIES, OAG_LEVELS } from '../formats/vocabulary';
import { EVENT_KINDS, LogFormat } from '../model';
import { BundleIndex } from '../index/bundleIndex';
import { NONE } from '../index/columns';
import { sessionKeyText } from '../index/keys';
import { sessionColumns, SearchField } from '../index/sessionView';
import { sessionName } from '../sessionLabels';
import { pairingKeyOf } from '../sessions';
import { sessionAnchor, sessionKey } from './documentFilter';
import { ownValues } from './entryFacts';
import type { Counted, FilterChoices } from '../formats/filterSpec';

export type { Counted, FilterChoices };

const MAX_VALUES = 200;
/**
 * Longest value offered: nobody picks a value of kilobytes from a list (it can still be matched with
 * text or a regular expression), and 200 of them made an answer of hundreds of megabytes.
 */
const MAX_VALUE_CHARS = 1000;

function top(counts: Map<string, number>, max = MAX_VALUES): Counted[] {
  const values: Counted[] = [];
  for (const [value, count] of counts) {
    if (value.length <= MAX_VALUE_CHARS) {
      values.push({ value, count });
    }
  }
  return values.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1)).slice(0, max);
}

function bump(counts: Map<string, number>, value: string | undefined, by = 1): void {
  if (value !== undefined && value !== '') {
    counts.set(value, (counts.get(value) ?? 0) + by);
  }
}

function floorCounts(format: LogFormat, perRank: number[]): Counted[] {
  let running = 0;
  return SEVERITY_FLOORS.map((floor, rank) => {
    running += perRank[rank] ?? 0;
    return { value: floor, count: running };
  }).filter((c, rank) => rank < SEVERITY_FLOORS.length && (c.count > 0 || format === 'bluecedar' || format === 'oag'));
}

/** Choices from an analysed document (every entry looked at once). */
export function documentChoices(analysis: Analysis): FilterChoices {
  const { format, entries } = analysis.log;
  const perRank: number[] = [];
  const kinds = new Map<string, number>();
  const components = new Map<string, number>();
  const events = new Map<string, number>();
  const who = { user: new Map<string, number>(), device: new Map<string, number>(), app: new Map<string, number>(), ip: new Map<string, number>() };
  for (const entry of entries) {
    const rank = severityRank(format, entry.severity);
    if (rank >= 0) {
      perRank[rank] = (perRank[rank] ?? 0) + 1;
    }
    bump(kinds, entry.kind);
    bump(components, entry.component);
    bump(events, entry.eventName);
    for (const field of ['user', 'device', 'app', 'ip'] as const) {
      for (const value of new Set(ownValues(format, entry, field))) {
        bump(who[field], value);
      }
    }
  }
  return {
    format, severities: floorCounts(format, perRank), kinds: top(kinds), components: top(components), events: top(events),
    who: { user: top(who.user), device: top(who.device), app: top(who.app), ip: top(who.ip) }, whoCounts: 'entries',
  };
}

const SESSION_FIELDS: Readonly<Record<WhoField, readonly SearchField[]>> = {
  user: ['user'], device: ['deviceName', 'uniqueId'], app: ['app'], ip: ['publicIp', 'assignedIp'],
};

/** Choices from the bundle index, over the given files (counts of rows; who and what by session). */
export function indexChoices(index: BundleIndex, fileNumbers: readonly number[], format: LogFormat): FilterChoices {
  const words: readonly string[] = format === 'bluecedar' ? BLUECEDAR_SEVERITIES : OAG_LEVELS;
  const perRank: number[] = [];
  const kindCounts = new Uint32Array(EVENT_KINDS.length + 1);
  const labelCounts = new Map<number, number>();
  const sessions = new Set<number>();
  for (const f of fileNumbers) {
    const e = index.files[f].entries;
    for (let i = 0; i < e.length; i++) {
      const rank = e.severity[i] > 0 ? severityRank(format, words[e.severity[i] - 1]) : -1;
      if (rank >= 0) {
        perRank[rank] = (perRank[rank] ?? 0) + 1;
      }
      kindCounts[e.kind[i]]++;
      if (e.label[i] !== NONE) {
        labelCounts.set(e.label[i], (labelCounts.get(e.label[i]) ?? 0) + 1);
      }
      if (e.session[i] !== NONE) {
        sessions.add(e.session[i]);
      }
    }
  }
  const kinds = new Map<string, number>();
  EVENT_KINDS.forEach((k, code) => {
    if (kindCounts[code] > 0) {
      kinds.set(k, kindCounts[code]);
    }
  });
  const labels = new Map<string, number>();
  for (const [id, count] of labelCounts) {
    bump(labels, index.strings.get(id), count);
  }
  const columns = sessionColumns(index);
  const who = { user: new Map<string, number>(), device: new Map<string, number>(), app: new Map<string, number>(), ip: new Map<string, number>() };
  for (const id of sessions) {
    for (const field of ['user', 'device', 'app', 'ip'] as const) {
      for (const name of SESSION_FIELDS[field]) {
        bump(who[field], index.strings.get(columns.field[name][id]));
      }
    }
  }
  return {
    format, severities: floorCounts(format, perRank), kinds: top(kinds),
    // The index keeps the component of a Blue Cedar entry and the event of an OAG entry as its label.
    components: format === 'bluecedar' ? top(labels) : [], events: format === 'oag' ? top(labels) : [],
    who: { user: top(who.user), device: top(who.device), app: top(who.app), ip: top(who.ip) }, whoCounts: 'sessions',
  };
}

/** What the entry on a line names: its session (as a clause) and who and what. */
export interface EntryNames {
  format: LogFormat;
  /** 0-based line of the entry's first line. */
  line: number;
  session?: Extract<FilterClause, { type: 'session' }>;
  user?: string;
  device?: string;
  app?: string;
  ip?: string;
}

/** What the entry holding `line` of a document names (its own facts first, else its session's). */
export function documentEntryNames(analysis: Analysis, line: number): EntryNames | undefined {
  const entry = entryAtLine(analysis.log, line);
  if (!entry) {
    return undefined;
  }
  const { format, entries } = analysis.log;
  const session = sessionOfEntry(analysis, entry);
  const names: EntryNames = { format, line: entry.startLine };
  if (session) {
    const anchor = entries[sessionAnchor(session)];
    names.session = { type: 'session', key: sessionKey(session), label: sessionName(analysis, session), ...(anchor.time !== undefined ? { anchorTime: anchor.time } : {}) };
  } else {
    const key = pairingKeyOf(format, entry);
    if (key !== undefined) {
      names.session = { type: 'session', key, label: sessionKeyText(key) };
    }
  }
  const sources = [entry, ...(session ? [session.start, session.stop, ...session.members.slice(0, 20)].filter((i): i is number => i !== undefined).map((i) => entries[i]) : [])];
  for (const field of ['user', 'device', 'app', 'ip'] as const) {
    for (const source of sources) {
      const value = ownValues(format, source, field).find((v) => v !== undefined && v !== '');
      if (value !== undefined) {
        names[field] = value;
        break;
      }
    }
  }
  return names;
}

/** What a row of the bundle index names (its session's facts). */
export function rowEntryNames(index: BundleIndex, row: number): EntryNames {
  const { file, columns, index: i } = index.rows.locate(row);
  const format = index.files[file].format;
  const names: EntryNames = { format, line: columns.line[i] };
  const id = index.sessionOfRow(row);
  if (id !== undefined) {
    const summary = index.summary(id);
    const key = index.strings.get(index.sessions.key[id]) ?? '';
    const label = [summary.user ?? summary.key, summary.app, summary.device ?? summary.osType].filter((p) => p).join(' · ');
    const anchorTime = index.entryRef(index.sessions.anchor(id)).time;
    names.session = { type: 'session', key, label, ...(anchorTime !== undefined ? { anchorTime } : {}) };
    names.user = summary.user;
    names.device = summary.device;
    names.app = summary.app;
    names.ip = summary.publicIp ?? summary.assignedIp;
  } else if (columns.key[i] !== NONE) {
    const key = index.strings.get(columns.key[i])!;
    names.session = { type: 'session', key, label: sessionKeyText(key) };
  }
  for (const [field, fact] of [['user', 'user'], ['device', 'deviceName'], ['app', 'app'], ['ip', 'publicIp']] as const) {
    names[field] ??= index.fact(row, fact);
  }
  return names;
}
