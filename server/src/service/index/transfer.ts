/**
 * Rows indexed elsewhere (a worker thread, a cache file) as plain typed arrays with their own string
 * list, and how they are appended to an index whose strings are numbered differently.
 */
import { EntryColumns, NONE } from './columns';
import { FACT_NUMBERS, FACT_STRINGS, FactColumns, FactNumber, FactString } from './facts';
import { IndexSink } from './chunkIndexer';
import { StringTable } from './strings';

export interface RowsPart {
  entries: {
    length: number; offset: Float64Array; line: Int32Array; time: Float64Array; zone: Int16Array; month: Int8Array;
    year: Int16Array; severity: Uint8Array; kind: Uint8Array; flags: Uint8Array; label: Int32Array; key: Int32Array;
  };
  facts: {
    length: number; entry: Int32Array; jailbroken: Int8Array; event: Int8Array;
    strings: Record<FactString, Int32Array>; numbers: Record<FactNumber, Float64Array>;
  };
  strings: string[];
  /** Line breaks in the chunk (its lines are numbered from 0; appending adds the file's line so far). */
  lineCount: number;
}

/** A column of rows (see rowsPart). */
type Column = Float64Array | Int32Array | Int16Array | Int8Array | Uint8Array;

/**
 * Columns as a part's rows: each taken to its length by `take` (a copy, or a view), the string-id
 * columns by `ids` (by default as the others).
 */
export function rowsPart(
  e: EntryColumns, f: FactColumns, take: <T extends Column>(column: T, length: number) => T,
  ids: (column: Int32Array, length: number) => Int32Array = take,
): Pick<RowsPart, 'entries' | 'facts'> {
  const n = e.length;
  const m = f.length;
  return {
    entries: {
      length: n, offset: take(e.offset, n), line: take(e.line, n), time: take(e.time, n), zone: take(e.zone, n),
      month: take(e.month, n), year: take(e.year, n), severity: take(e.severity, n), kind: take(e.kind, n),
      flags: take(e.flags, n), label: ids(e.label, n), key: ids(e.key, n),
    },
    facts: {
      length: m, entry: take(f.entry, m), jailbroken: take(f.jailbroken, m), event: take(f.event, m),
      strings: Object.fromEntries(FACT_STRINGS.map((k) => [k, ids(f.strings[k], m)])) as Record<FactString, Int32Array>,
      numbers: Object.fromEntries(FACT_NUMBERS.map((k) => [k, take(f.numbers[k], m)])) as Record<FactNumber, Float64Array>,
    },
  };
}

/** The rows of a sink as a part (arrays trimmed to their length; their buffers can be transferred). */
export function toPart(sink: IndexSink): RowsPart {
  return {
    ...rowsPart(sink.entries, sink.facts, (column, length) => column.slice(0, length) as typeof column),
    strings: sink.strings.values,
    lineCount: sink.lines,
  };
}

/** Every ArrayBuffer of a part (for postMessage's transfer list). */
export function buffersOf(part: RowsPart): ArrayBuffer[] {
  const arrays = [
    ...Object.values(part.entries).filter((v) => typeof v !== 'number'),
    part.facts.entry, part.facts.jailbroken, part.facts.event, ...Object.values(part.facts.strings), ...Object.values(part.facts.numbers),
  ] as { buffer: ArrayBuffer }[];
  return arrays.map((a) => a.buffer);
}

/** Appends a part's rows to `sink`, renumbering its strings into the sink's table. */
export function appendPart(sink: IndexSink, part: RowsPart): void {
  const ids = remap(part.strings, sink.strings);
  const map = (id: number): number => (id === NONE ? NONE : ids[id]);
  const e = sink.entries;
  const p = part.entries;
  const base = e.length;
  e.reserve(p.length);
  e.offset.set(p.offset, base);
  const lineBase = sink.lines;
  for (let i = 0; i < p.length; i++) {
    e.line[base + i] = p.line[i] + lineBase;
  }
  sink.lines += part.lineCount;
  e.time.set(p.time, base);
  e.zone.set(p.zone, base);
  e.month.set(p.month, base);
  e.year.set(p.year, base);
  e.severity.set(p.severity, base);
  e.kind.set(p.kind, base);
  e.flags.set(p.flags, base);
  for (let i = 0; i < p.length; i++) {
    e.label[base + i] = map(p.label[i]);
    e.key[base + i] = map(p.key[i]);
    e.session[base + i] = NONE;
  }
  e.length += p.length;
  const f: FactColumns = sink.facts;
  const q = part.facts;
  const m = q.length;
  const fBase = f.length;
  f.reserve(m);
  for (let i = 0; i < m; i++) {
    f.entry[fBase + i] = base + q.entry[i];
  }
  f.jailbroken.set(q.jailbroken.subarray(0, m), fBase);
  f.event.set(q.event.subarray(0, m), fBase);
  for (const k of FACT_STRINGS) {
    const from = q.strings[k];
    const to = f.strings[k];
    for (let i = 0; i < m; i++) {
      to[fBase + i] = map(from[i]);
    }
  }
  for (const k of FACT_NUMBERS) {
    f.numbers[k].set(q.numbers[k].subarray(0, m), fBase);
  }
  f.length += m;
}

/** The ids in `table` of a part's strings (they arrive by message or from JSON: strings of their own). */
function remap(values: readonly string[], table: StringTable): Int32Array {
  const ids = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    ids[i] = table.id(values[i], true);
  }
  return ids;
}

/**
 * The rows of a whole file's part as its columns, without copying them: the part's arrays become the
 * columns, their string ids renumbered in place into `table`. Without a table, the ids are already
 * the bundle's (a bundle snapshot). (appendPart copies, for parts that are added to rows already there.)
 */
export function adoptPart(part: RowsPart, table?: StringTable): { entries: EntryColumns; facts: FactColumns } {
  const ids = table ? remap(part.strings, table) : undefined;
  const renumber = (column: Int32Array): Int32Array => {
    for (let i = 0; ids && i < column.length; i++) {
      const id = column[i];
      column[i] = id === NONE ? NONE : ids[id];
    }
    return column;
  };
  const p = part.entries;
  const entries = new EntryColumns();
  entries.length = p.length;
  entries.offset = p.offset as EntryColumns['offset'];
  entries.line = p.line as EntryColumns['line'];
  entries.time = p.time as EntryColumns['time'];
  entries.zone = p.zone as EntryColumns['zone'];
  entries.month = p.month as EntryColumns['month'];
  entries.year = p.year as EntryColumns['year'];
  entries.severity = p.severity as EntryColumns['severity'];
  entries.kind = p.kind as EntryColumns['kind'];
  entries.flags = p.flags as EntryColumns['flags'];
  entries.label = renumber(p.label) as EntryColumns['label'];
  entries.key = renumber(p.key) as EntryColumns['key'];
  entries.session = new Int32Array(p.length).fill(NONE);
  const f = part.facts;
  const facts = new FactColumns();
  facts.length = f.length;
  facts.entry = f.entry as FactColumns['entry'];
  facts.jailbroken = f.jailbroken as FactColumns['jailbroken'];
  facts.event = f.event as FactColumns['event'];
  for (const k of FACT_STRINGS) {
    facts.strings[k] = renumber(f.strings[k]) as FactColumns['strings'][typeof k];
  }
  for (const k of FACT_NUMBERS) {
    facts.numbers[k] = f.numbers[k] as FactColumns['numbers'][typeof k];
  }
  return { entries, facts };
}

/** A fresh sink (a worker indexes each chunk into one). */
export function newSink(): IndexSink {
  return { entries: new EntryColumns(), facts: new FactColumns(), strings: new StringTable(), lines: 0 };
}
