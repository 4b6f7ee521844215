/**
 * One value per pair of objects (a key and the source's real values), made on first use and
 * dropped with either object: what a transform builds once per run instead of once per value.
 */
export class PairCache<A extends object, B extends object, V> {
  readonly #byFirst = new WeakMap<A, WeakMap<B, V>>();

  constructor(readonly make: (first: A, second: B) => V) {}

  get(first: A, second: B): V {
    let bySecond = this.#byFirst.get(first);
    if (bySecond === undefined) {
      bySecond = new WeakMap();
      this.#byFirst.set(first, bySecond);
    }
    let value = bySecond.get(second);
    if (value === undefined) {
      value = this.make(first, second);
      bySecond.set(second, value);
    }
    return value;
  }
}
