/** Strings an index refers to by number: each distinct value once. */
export class StringTable {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];

  /**
   * The id of `value` (added when new); NONE (-1) for undefined or empty. A new value is copied unless
   * `own` says it is a string of its own already (read from JSON): a value sliced from a chunk's text
   * would keep the whole chunk alive.
   */
  id(value: string | undefined, own = false): number {
    if (value === undefined || value === '') {
      return -1;
    }
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      const kept = own ? value : (' ' + value).slice(1);
      this.values.push(kept);
      this.ids.set(kept, id);
    }
    return id;
  }

  /** The id of `value` when known, else -1 (never adds). */
  find(value: string): number {
    return this.ids.get(value) ?? -1;
  }

  get(id: number): string | undefined {
    return id >= 0 ? this.values[id] : undefined;
  }

  get size(): number {
    return this.values.length;
  }
}
