/**
 * The people a fingerprint index knows, by subject table and primary key, numbered in order of
 * first sight; and what an index needs of them (`SubjectList`).
 */

export interface SubjectRef {
  /** `schema.table` of the subject table. */
  readonly table: string;
  /** The subject row's primary key as text (columns joined by tabs). */
  readonly key: string;
}

/** What a `FingerprintIndex` needs of its subjects: a list of them, made on demand. */
export interface SubjectList {
  readonly length: number;
  at(index: number): SubjectRef | undefined;
}

/**
 * The people, as subject table and primary key, numbered in order of first sight. A table of a
 * million people is common, so this is kept small: integer keys (the usual `id`) are held as numbers,
 * not strings, and `SubjectRef` objects are made only when someone asks for the list.
 */
export class SubjectRegistry {
  readonly #tables: string[] = [];
  readonly #tableOf: number[] = [];
  readonly #keyOf: (number | string)[] = [];
  readonly #byNumber: Map<number, number>[] = [];
  readonly #byText: Map<string, number>[] = [];

  get length(): number {
    return this.#keyOf.length;
  }

  indexOf(table: string, key: string): number {
    let t = this.#tables.indexOf(table);
    if (t === -1) {
      t = this.#tables.push(table) - 1;
      this.#byNumber.push(new Map());
      this.#byText.push(new Map());
    }
    // '42' is held as 42; '042' or '4.2' stay text, so the key reads back exactly as it was.
    const asNumber = /^(?:0|[1-9]\d{0,14})$/.test(key) ? Number(key) : null;
    const found = asNumber === null ? this.#byText[t]!.get(key) : this.#byNumber[t]!.get(asNumber);
    if (found !== undefined) return found;
    const index = this.#keyOf.push(asNumber ?? key) - 1;
    this.#tableOf.push(t);
    if (asNumber === null) this.#byText[t]!.set(key, index);
    else this.#byNumber[t]!.set(asNumber, index);
    return index;
  }

  at(index: number): SubjectRef | undefined {
    const key = this.#keyOf[index];
    return key === undefined ? undefined : { table: this.#tables[this.#tableOf[index]!]!, key: String(key) };
  }
}
