/**
 * Clauses evaluated on the entries of an analysed document (an open log, or a chunk of a file read from
 * disk): every clause is compiled once into a test of one entry, and the tests run in entry order. All
 * clauses combine with AND; `exclude` turns a clause around.
 */
import { Analysis } from '../analysis';
import { FilterClause, FILTER_KINDS, severityRank, SEVERITY_FLOORS, WhoField } from '../formats/filterSpec';
import { parseTimeRange } from '../formats/timeRange';
import { LogEntry, LogFormat, ParsedLog } from '../model';
import { pairingKeyOf, Session } from '../sessions';
import { entryWallClock, inTimeRange, isRejected, normalValue, ownValues } from './entryFacts';
import { textMatcher } from './textMatch';

export type EntryTest = (entry: LogEntry) => boolean;

/**
 * What a clause needs to know beyond the entry itself. For an open document it comes from the
 * analysis (documentContext); a scan of a file on disk supplies its own (sessions by key, from the
 * bundle index when the file is in it).
 */
export interface EntryContext {
  format: LogFormat;
  /** The text entries' offsets point into. */
  text: string;
  /** The session the entry belongs to, as an opaque number (-1: none). */
  sessionOf(entry: LogEntry): number;
  /** A test of sessions: those with this pairing key (with `anchorTime`: only the one anchored then, when there is one). */
  sessionsWithKey(key: string, anchorTime: number | undefined): (session: number) => boolean;
  /** The values a session names for a field (its START/STOP, else its first members). */
  sessionValues(session: number, field: WhoField): readonly string[];
  /** Whether the entry has a problem worth listing (error, warning or information). */
  hasProblem(entry: LogEntry): boolean;
}

/** Compiles the clauses into one test, or a message naming the first clause that cannot be used. */
export function compileEntryTest(clauses: readonly FilterClause[], context: EntryContext): EntryTest | string {
  const tests: EntryTest[] = [];
  for (const clause of clauses) {
    const test = clauseTest(clause, context);
    if (typeof test === 'string') {
      return test;
    }
    tests.push(clause.exclude ? (entry) => !test(entry) : test);
  }
  if (tests.length === 0) {
    return () => true;
  }
  if (tests.length === 1) {
    return tests[0];
  }
  return (entry) => {
    for (let i = 0; i < tests.length; i++) {
      if (!tests[i](entry)) {
        return false;
      }
    }
    return true;
  };
}

function clauseTest(clause: FilterClause, context: EntryContext): EntryTest | string {
  const { format } = context;
  switch (clause.type) {
    case 'severity': {
      const floor = SEVERITY_FLOORS.indexOf(clause.min);
      return (entry) => {
        const rank = severityRank(format, entry.severity);
        return rank >= 0 && rank <= floor;
      };
    }
    case 'kind': {
      const kinds = new Set(clause.kinds.filter((k) => (FILTER_KINDS as readonly string[]).includes(k) || k === 'other'));
      return (entry) => kinds.has(entry.kind);
    }
    case 'component': {
      const values = new Set(clause.values);
      return (entry) => entry.component !== undefined && values.has(entry.component);
    }
    case 'event': {
      const values = new Set(clause.values);
      return (entry) => entry.eventName !== undefined && values.has(entry.eventName);
    }
    case 'rejected':
      return isRejected;
    case 'problems':
      return (entry) => context.hasProblem(entry);
    case 'session': {
      const inSession = context.sessionsWithKey(clause.key, clause.anchorTime);
      const key = clause.key;
      // An event whose session is not in this text (its START elsewhere) still carries the key.
      return (entry) => {
        const session = context.sessionOf(entry);
        return session >= 0 ? inSession(session) : pairingKeyOf(format, entry) === key;
      };
    }
    case 'time': {
      const range = parseTimeRange(clause.range);
      if (typeof range === 'string') {
        return range;
      }
      return (entry) => {
        const time = entryWallClock(entry);
        return time !== undefined && inTimeRange(time, range);
      };
    }
    case 'text':
      return textTest(clause.pattern, clause.regex === true, clause.caseSensitive === true, context);
    default:
      return whoTest(clause.type, clause.value, context);
  }
}

function whoTest(field: WhoField, value: string, context: EntryContext): EntryTest {
  const wanted = normalValue(value);
  // The same few values (users, apps, addresses) come back entry after entry: compare each once.
  const seen = new Map<string, boolean>();
  const equal = (v: string | undefined): boolean => {
    if (v === undefined) {
      return false;
    }
    let same = seen.get(v);
    if (same === undefined) {
      same = normalValue(v) === wanted;
      if (seen.size > 10_000) {
        seen.clear();
      }
      seen.set(v, same);
    }
    return same;
  };
  const sessionMatch = new Map<number, boolean>();
  return (entry) => {
    for (const own of ownValues(context.format, entry, field)) {
      if (equal(own)) {
        return true;
      }
    }
    const session = context.sessionOf(entry);
    if (session < 0) {
      return false;
    }
    let known = sessionMatch.get(session);
    if (known === undefined) {
      known = context.sessionValues(session, field).some(equal);
      sessionMatch.set(session, known);
    }
    return known;
  };
}

/**
 * A text clause over entries in document order. Plain text is searched from entry to entry (one pass
 * over the text, however many entries lack it); a regular expression runs on each entry's own text.
 */
function textTest(pattern: string, regex: boolean, caseSensitive: boolean, context: Pick<EntryContext, 'text'>): EntryTest | string {
  const matcher = textMatcher(pattern, regex, caseSensitive);
  if (typeof matcher === 'string') {
    return matcher;
  }
  const search = matcher.searchFrom;
  if (!search) {
    return (entry) => matcher.test(context.text.slice(entry.start, entry.end));
  }
  let next = -1;
  let searchedFrom = Number.POSITIVE_INFINITY;
  // The text may change between calls (a scan reads chunk after chunk): the search starts again then.
  let searched = '';
  return (entry) => {
    const text = context.text;
    // `next`: the first occurrence at or after `searchedFrom` (-1: none). Valid while entries come in order.
    if (text !== searched || entry.start < searchedFrom || (next !== -1 && next < entry.start)) {
      searched = text;
      searchedFrom = entry.start;
      next = search(text, entry.start);
    }
    if (next === -1 || next >= entry.end) {
      return false;
    }
    // An occurrence starts inside the entry: the entry's own text decides (it may run past its end).
    return matcher.test(text.slice(entry.start, entry.end));
  };
}

// ------------------------------------------------------------------------------------- open documents

const sessionValueCache = new WeakMap<Analysis, Map<string, readonly string[]>>();

/** The context of an analysed document: sessions as paired in it, problems as the analysis found them. */
export function documentContext(analysis: Analysis, hasProblem?: (entry: LogEntry) => boolean): EntryContext {
  const { log, sessions } = analysis;
  return {
    format: log.format,
    text: log.text,
    sessionOf: (entry) => sessions.sessionOf[entry.index] ?? -1,
    sessionsWithKey: (key, anchorTime) => {
      const ids = documentSessionsWithKey(analysis, key, anchorTime);
      return (id) => ids.has(id);
    },
    sessionValues: (id, field) => {
      let cache = sessionValueCache.get(analysis);
      if (!cache) {
        cache = new Map();
        sessionValueCache.set(analysis, cache);
      }
      const cacheKey = `${id}:${field}`;
      let values = cache.get(cacheKey);
      if (!values) {
        values = sessionValuesOf(log, sessions.sessions[id], field);
        cache.set(cacheKey, values);
      }
      return values;
    },
    hasProblem: hasProblem ?? problemTest(analysis),
  };
}

/** The pairing key of a document session, as the index and pairingKeyOf write it. */
export function sessionKey(session: Session): string {
  return `${session.rule === 'appGsid' ? 'g' : session.rule === 'identity' ? 'i' : 's'}:${session.key}`;
}

/** The entry a session is shown by: its START/login, else its STOP/logout, else its first member. */
export function sessionAnchor(session: Session): number {
  return session.start ?? session.stop ?? session.members[0];
}

function documentSessionsWithKey(analysis: Analysis, key: string, anchorTime: number | undefined): Set<number> {
  const all = analysis.sessions.sessions.filter((s) => sessionKey(s) === key);
  if (anchorTime !== undefined) {
    const anchored = all.filter((s) => analysis.log.entries[sessionAnchor(s)].time === anchorTime);
    if (anchored.length > 0) {
      return new Set(anchored.map((s) => s.id));
    }
  }
  return new Set(all.map((s) => s.id));
}

/** Values a session names: from its START and STOP, else from its first members that name any. */
function sessionValuesOf(log: ParsedLog, session: Session | undefined, field: WhoField): string[] {
  if (!session) {
    return [];
  }
  const values = new Set<string>();
  const sources = [session.start, session.stop].filter((i): i is number => i !== undefined);
  for (const index of sources.length > 0 ? sources : session.members.slice(0, 50)) {
    for (const v of ownValues(log.format, log.entries[index], field)) {
      if (v !== undefined && v !== '') {
        values.add(v);
      }
    }
  }
  if (values.size === 0 && sources.length > 0) {
    for (const index of session.members.slice(0, 50)) {
      for (const v of ownValues(log.format, log.entries[index], field)) {
        if (v !== undefined && v !== '') {
          values.add(v);
        }
      }
    }
  }
  return [...values];
}

/**
 * Entries with a problem of their own or of their session, of severity error, warning or information
 * (what the Problems panel lists; hints are left out). `ignore` drops codes the host knows to be
 * resolved elsewhere (a STOP whose START the bundle has).
 */
export function problemTest(analysis: Analysis, ignore?: (entryIndex: number, code: string) => boolean): (entry: LogEntry) => boolean {
  const sessionProblem = new Uint8Array(analysis.log.entries.length);
  for (const problem of analysis.sessionProblems) {
    if (problem.severity !== 'hint' && !ignore?.(problem.entry, problem.code)) {
      sessionProblem[problem.entry] = 1;
    }
  }
  return (entry) => {
    if (sessionProblem[entry.index] === 1) {
      return true;
    }
    const own = entry.problems;
    for (let i = 0; i < own.length; i++) {
      if (own[i].severity !== 'hint' && !ignore?.(entry.index, own[i].code)) {
        return true;
      }
    }
    return false;
  };
}

/** Indices of the document's entries that pass every clause, in order; or a message. */
export function matchDocument(analysis: Analysis, clauses: readonly FilterClause[], context = documentContext(analysis)): Int32Array | string {
  const test = compileEntryTest(clauses, context);
  if (typeof test === 'string') {
    return test;
  }
  const { entries } = analysis.log;
  const out = new Int32Array(entries.length);
  let n = 0;
  for (let i = 0; i < entries.length; i++) {
    if (test(entries[i])) {
      out[n++] = i;
    }
  }
  return out.slice(0, n);
}
