/** A file's index as a self-contained part: its rows with only the strings they use (for a cache file). */
import { FileIndex } from './fileIndex';
import { NONE } from './columns';
import { RowsPart, rowsPart } from './transfer';
import { StringTable } from './strings';

/** The strings of a table that parts use, renumbered in the order they are met. */
export class UsedStrings {
  readonly values: string[] = [];
  private readonly ids: Int32Array;

  constructor(private readonly strings: StringTable) {
    this.ids = new Int32Array(strings.size).fill(NONE);
  }

  /** A copy of the first `length` ids of `column`, renumbered. */
  column(column: Int32Array, length: number): Int32Array {
    const out = new Int32Array(length);
    for (let i = 0; i < length; i++) {
      const id = column[i];
      if (id === NONE) {
        out[i] = NONE;
      } else {
        if (this.ids[id] === NONE) {
          this.ids[id] = this.values.length;
          this.values.push(this.strings.get(id) ?? '');
        }
        out[i] = this.ids[id];
      }
    }
    return out;
  }
}

/** The file's rows as a part: views of its columns, its string ids renumbered into `used` (copies). */
export function usedPart(file: FileIndex, used: UsedStrings): RowsPart {
  return {
    ...rowsPart(file.entries, file.facts, (column, length) => column.subarray(0, length) as typeof column, (column, length) => used.column(column, length)),
    strings: used.values,
    lineCount: file.lines,
  };
}

/** The file's rows with only the strings they use. */
export function filePart(file: FileIndex, strings: StringTable): RowsPart {
  return usedPart(file, new UsedStrings(strings));
}
