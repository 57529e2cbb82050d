/** Strings an index refers to by number: each distinct value once. */
export class StringTable {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];

  /** The id of `value` (added when new); NONE (-1) for undefined or empty. */
  id(value: string | undefined): number {
    if (value === undefined || value === '') {
      return -1;
    }
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      // A copy: values sliced from a chunk's text would keep the whole chunk alive.
      this.values.push((' ' + value).slice(1));
      this.ids.set(this.values[id], id);
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
