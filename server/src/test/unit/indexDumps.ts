/** Indexes and parts as comparable values, for tests that compare two ways of building them. */
import * as path from 'node:path';
import { BundleBuilder } from '../../bundle/bundleBuilder';
import { BundleIndex } from '../../service/index/bundleIndex';
import { RowsPart } from '../../service/index/transfer';
import { NOW } from './helpers';

/** Everything a bundle index holds, as comparable text (paths by base name). */
export function dumpIndex(index: BundleIndex): string[] {
  const lines: string[] = [];
  for (const file of index.files) {
    const c = file.entries;
    for (let i = 0; i < c.length; i++) {
      lines.push(`${path.basename(file.path)} ${c.line[i]} ${c.offset[i]} ${c.time[i]} ${c.zone[i]} ${c.severity[i]} ${c.kind[i]} ${c.flags[i]} ${index.strings.get(c.label[i])} ${index.strings.get(c.key[i])}`);
    }
  }
  for (let id = 0; id < index.sessions.length; id++) {
    const s = index.summary(id);
    const at = (ref?: { path: string }): unknown => ref && { ...ref, path: path.basename(ref.path) };
    lines.push(JSON.stringify({ ...s, id: undefined, start: at(s.start), stop: at(s.stop), first: at(s.first), last: at(s.last) }));
  }
  return lines;
}

/** The index of these files built from scratch, without workers or cache. */
export async function freshIndex(paths: string[]): Promise<BundleIndex> {
  const index = new BundleIndex();
  await new BundleBuilder(index).sync(paths, { now: NOW });
  return index;
}

/** A part with its string ids replaced by the strings (ids differ with the order strings are met). */
export function readablePart(part: RowsPart): Record<string, unknown[]> {
  const text = (id: number): string | undefined => (id === -1 ? undefined : part.strings[id]);
  const out: Record<string, unknown[]> = {};
  for (const [name, column] of Object.entries(part.entries)) {
    if (typeof column !== 'number') {
      out[name] = Array.from(column as ArrayLike<number>, (v) => (name === 'label' || name === 'key' ? text(v) : v));
    }
  }
  out.factEntry = Array.from(part.facts.entry);
  out.factEvent = Array.from(part.facts.event);
  out.factJailbroken = Array.from(part.facts.jailbroken);
  for (const [name, column] of Object.entries(part.facts.strings)) {
    out[`fact.${name}`] = Array.from(column, text);
  }
  for (const [name, column] of Object.entries(part.facts.numbers)) {
    out[`fact.${name}`] = Array.from(column);
  }
  out.lines = [part.lineCount];
  return out;
}
