/**
 * A memo that starts over when full: names, words and digests repeat row after row, and a bounded
 * map keeps what they cost once without letting memory grow with the table.
 */
export class BoundedMemo<K, V> {
  #map = new Map<K, V>();

  constructor(readonly limit: number) {}

  /** The remembered value of `key`, else `compute()`'s, remembered. `V` must not include undefined. */
  get(key: K, compute: () => V): V {
    const known = this.#map.get(key);
    if (known !== undefined) return known;
    const value = compute();
    if (this.#map.size >= this.limit) this.#map.clear();
    this.#map.set(key, value);
    return value;
  }
}
