/**
 * Clauses evaluated on the rows of the bundle index, without reading any log text: severity, kind,
 * component (Blue Cedar) and event (OAG) labels, rejection and problem flags, sessions (EID-linked
 * events included, across files), who and what a row or its session names, and time. Text clauses and
 * OAG components are not in the index: a view with those scans the files instead (rowsCanAnswer).
 */
import { FilterClause, severityRank, SEVERITY_FLOORS, WhoField } from '../formats/filterSpec';
import { wallClockOfInstant, parseTimeRange } from '../formats/timeRange';
import { BLUECEDAR_EVENTS, BLUECEDAR_SEVERITIES, OAG_LEVELS } from '../formats/vocabulary';
import { EVENT_KINDS, LogFormat } from '../model';
import { BundleIndex } from '../index/bundleIndex';
import { EntryColumns, FLAG_HAS_ERROR, FLAG_HAS_NOTE, FLAG_HAS_WARNING, FLAG_REJECTED, FLAG_YEAR_INFERRED, NONE, NO_ZONE } from '../index/columns';
import { FactString } from '../index/facts';
import { inTimeRange, normalValue } from './entryFacts';

/** Whether every clause can be answered from the index (no text is needed). */
export function rowsCanAnswer(clauses: readonly FilterClause[], format: LogFormat): boolean {
  return clauses.every((c) => c.type !== 'text' && !(c.type === 'component' && format === 'oag'));
}

/** A test of one row of one file (the file's columns and the row's index in them, and its global row). */
type RowTest = (columns: EntryColumns, i: number, row: number) => boolean;

const OWN_FACTS: Readonly<Record<WhoField, readonly FactString[]>> = {
  user: ['user'], device: ['deviceName', 'uniqueId'], app: ['app'], ip: ['publicIp', 'assignedIp'],
};
const BLUECEDAR_EVENT_KINDS: Readonly<Record<string, string>> = {
  'Session START': 'sessionStart', 'Session STOP': 'sessionStop', 'Policy REJECT': 'policyReject', 'Link Update': 'linkUpdate',
};

/**
 * Global rows of the given files (file numbers of the index, in bundle order) that pass every clause,
 * in bundle order; or a message naming a clause that cannot be used.
 */
export function matchRows(index: BundleIndex, fileNumbers: readonly number[], clauses: readonly FilterClause[]): Int32Array | string {
  const out: number[] = [];
  // What a clause needs of the whole bundle is worked out once, not once per file.
  const memo = new Map<FilterClause, unknown>();
  for (const fileNumber of fileNumbers) {
    const file = index.files[fileNumber];
    const tests: RowTest[] = [];
    for (const clause of clauses) {
      const test = rowTest(index, fileNumber, file.format, clause, memo);
      if (typeof test === 'string') {
        return test;
      }
      tests.push(clause.exclude ? (c, i, r) => !test(c, i, r) : test);
    }
    const columns = file.entries;
    const base = index.rows.bases[fileNumber];
    for (let i = 0; i < columns.length; i++) {
      let pass = true;
      for (let t = 0; t < tests.length && pass; t++) {
        pass = tests[t](columns, i, base + i);
      }
      if (pass) {
        out.push(base + i);
      }
    }
  }
  return Int32Array.from(out);
}

function rowTest(index: BundleIndex, fileNumber: number, format: LogFormat, clause: FilterClause, memo: Map<FilterClause, unknown>): RowTest | string {
  switch (clause.type) {
    case 'severity': {
      const floor = SEVERITY_FLOORS.indexOf(clause.min);
      const words: readonly string[] = format === 'bluecedar' ? BLUECEDAR_SEVERITIES : OAG_LEVELS;
      // Index severity codes are 1 + the word's place in the format's vocabulary.
      const pass = new Uint8Array(words.length + 1);
      words.forEach((w, k) => {
        const rank = severityRank(format, w);
        pass[k + 1] = rank >= 0 && rank <= floor ? 1 : 0;
      });
      return (c, i) => pass[c.severity[i]] === 1;
    }
    case 'kind':
      return kindTest(clause.kinds);
    case 'component':
      if (format === 'oag') {
        return 'OAG components are not in the bundle index.';
      }
      return labelTest(index, clause.values);
    case 'event':
      if (format === 'bluecedar') {
        return kindTest(clause.values.filter((v) => (BLUECEDAR_EVENTS as readonly string[]).includes(v)).map((v) => BLUECEDAR_EVENT_KINDS[v]));
      }
      return labelTest(index, clause.values);
    case 'rejected':
      return (c, i) => (c.flags[i] & FLAG_REJECTED) !== 0;
    case 'problems': {
      // The entry's own problems (not hints), and those of its session.
      const ofSessions = index.sessionProblemRows();
      return (c, i, row) => (c.flags[i] & (FLAG_HAS_ERROR | FLAG_HAS_WARNING | FLAG_HAS_NOTE)) !== 0 || ofSessions[row] === 1;
    }
    case 'session':
      return sessionTest(index, clause.key, clause.anchorTime);
    case 'time': {
      const range = parseTimeRange(clause.range);
      if (typeof range === 'string') {
        return range;
      }
      return (c, i) => {
        const zone = c.zone[i];
        const time = wallClockOfInstant(c.time[i], zone === NO_ZONE ? undefined : zone, (c.flags[i] & FLAG_YEAR_INFERRED) === 0);
        return time !== undefined && inTimeRange(time, range);
      };
    }
    case 'text':
      return 'Text is not in the bundle index.';
    default: {
      let perFile = memo.get(clause) as ((fileNumber: number) => RowTest) | undefined;
      if (!perFile) {
        perFile = whoTest(index, clause.type, clause.value);
        memo.set(clause, perFile);
      }
      return perFile(fileNumber);
    }
  }
}

function kindTest(kinds: readonly string[]): RowTest {
  const codes = new Uint8Array(EVENT_KINDS.length + 1);
  for (const k of kinds) {
    const code = (EVENT_KINDS as readonly string[]).indexOf(k);
    if (code >= 0) {
      codes[code] = 1;
    }
  }
  return (c, i) => codes[c.kind[i]] === 1;
}

function labelTest(index: BundleIndex, values: readonly string[]): RowTest {
  const ids = new Set(values.map((v) => index.strings.find(v)).filter((id) => id !== NONE));
  return (c, i) => ids.has(c.label[i]);
}

function sessionTest(index: BundleIndex, key: string, anchorTime: number | undefined): RowTest {
  const keyId = index.strings.find(key);
  const sessions = index.sessions;
  const all: number[] = [];
  for (let id = 0; id < sessions.length && keyId !== NONE; id++) {
    if (sessions.key[id] === keyId) {
      all.push(id);
    }
  }
  let allowed = all;
  if (anchorTime !== undefined) {
    const anchored = all.filter((id) => index.entryRef(sessions.anchor(id)).time === anchorTime);
    if (anchored.length > 0) {
      allowed = anchored;
    }
  }
  const set = new Set(allowed);
  // A row in no session (its pairing lacks the START/STOP) still carries the key.
  return (c, i) => (c.session[i] !== NONE ? set.has(c.session[i]) : keyId !== NONE && c.key[i] === keyId);
}

/** The string ids whose value equals `value` without regard to case (one pass over the distinct strings). */
function idsEqualTo(index: BundleIndex, value: string): Set<number> {
  const wanted = normalValue(value);
  const ids = new Set<number>();
  const values = index.strings.values;
  for (let id = 0; id < values.length; id++) {
    if (normalValue(values[id]) === wanted) {
      ids.add(id);
    }
  }
  return ids;
}

/**
 * What a session of the index names for a field: the facts of its START and STOP (else of its first
 * members), as a document reads its sessions.
 */
export function indexSessionValues(index: BundleIndex, session: number, field: WhoField): string[] {
  const sessions = index.sessions;
  const ends = [sessions.start[session], sessions.stop[session]].filter((r) => r !== NONE);
  const values = new Set<string>();
  for (const row of ends.length > 0 ? ends : index.members(session, 50)) {
    for (const name of OWN_FACTS[field]) {
      const value = index.fact(row, name);
      if (value) {
        values.add(value);
      }
    }
  }
  return [...values];
}

/**
 * Rows that name the value themselves, and sessions that do (through the facts of their START and STOP,
 * which is where a document reads them too), over the whole bundle: sessions cross files.
 */
function whoTest(index: BundleIndex, field: WhoField, value: string): (fileNumber: number) => RowTest {
  const ids = idsEqualTo(index, value);
  const own = index.files.map((file) => new Uint8Array(file.entries.length));
  const named = new Uint8Array(index.sessions.length);
  index.files.forEach((file, n) => {
    const facts = file.facts;
    for (const name of OWN_FACTS[field]) {
      const column = facts.strings[name];
      for (let f = 0; f < facts.length; f++) {
        if (ids.has(column[f])) {
          const entry = facts.entry[f];
          own[n][entry] = 1;
          const session = file.entries.session[entry];
          if (session !== NONE && session < named.length) {
            named[session] = 1;
          }
        }
      }
    }
  });
  return (fileNumber) => {
    const mine = own[fileNumber];
    return (c, i) => mine[i] === 1 || (c.session[i] !== NONE && named[c.session[i]] === 1);
  };
}
