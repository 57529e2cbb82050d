/** A file's index as a self-contained part: its rows with only the strings they use (for a cache file). */
import { FileIndex } from './fileIndex';
import { NONE } from './columns';
import { FACT_STRINGS } from './facts';
import { RowsPart, toPart } from './transfer';
import { StringTable } from './strings';

export function filePart(file: FileIndex, strings: StringTable): RowsPart {
  const local = new StringTable();
  const map = new Map<number, number>();
  const localId = (id: number): number => {
    if (id === NONE) {
      return NONE;
    }
    let found = map.get(id);
    if (found === undefined) {
      found = local.id(strings.get(id));
      map.set(id, found);
    }
    return found;
  };
  const part = toPart({ entries: file.entries, facts: file.facts, strings: local, lines: file.lines });
  for (let i = 0; i < part.entries.length; i++) {
    part.entries.label[i] = localId(part.entries.label[i]);
    part.entries.key[i] = localId(part.entries.key[i]);
  }
  for (const k of FACT_STRINGS) {
    const column = part.facts.strings[k];
    for (let i = 0; i < part.facts.length; i++) {
      column[i] = localId(column[i]);
    }
  }
  part.strings = local.values;
  return part;
}
