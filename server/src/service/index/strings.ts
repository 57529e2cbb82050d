/** Strings an index refers to by number: each distinct value once. */
export class StringTable {
  private readonly ids = new Map<string, number>();
  values: string[] = [];
  /** values[0, mapped) are in `ids`; the rest (adopted whole, see adopt) are added on first need. */
  private mapped = 0;

  /**
   * Takes distinct `values` (the array itself) as the table's ids, in an empty table only: a reopened
   * bundle's strings. They are looked up by value only once that is needed (a new file, a filter by
   * value), not now.
   */
  adopt(values: string[]): void {
    if (this.values.length > 0) {
      throw new Error('a string table adopts values only when empty');
    }
    this.values = values;
  }

  private mapAll(): void {
    for (; this.mapped < this.values.length; this.mapped++) {
      this.ids.set(this.values[this.mapped], this.mapped);
    }
  }

  /**
   * The id of `value` (added when new); NONE (-1) for undefined or empty. A new value is copied unless
   * `own` says it is a string of its own already (read from JSON): a value sliced from a chunk's text
   * would keep the whole chunk alive.
   */
  id(value: string | undefined, own = false): number {
    if (value === undefined || value === '') {
      return -1;
    }
    if (this.mapped < this.values.length) {
      this.mapAll();
    }
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      const kept = own ? value : (' ' + value).slice(1);
      this.values.push(kept);
      this.ids.set(kept, id);
      this.mapped++;
    }
    return id;
  }

  /** The id of `value` when known, else -1 (never adds). */
  find(value: string): number {
    if (this.mapped < this.values.length) {
      this.mapAll();
    }
    return this.ids.get(value) ?? -1;
  }

  get(id: number): string | undefined {
    return id >= 0 ? this.values[id] : undefined;
  }

  get size(): number {
    return this.values.length;
  }
}
