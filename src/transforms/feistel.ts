/**
 * A keyed permutation of [0, m²): a balanced Feistel network over two halves in [0, m), with the
 * halves combined by addition mod m. One-to-one by construction, which a hash cut down to a few
 * digits is not (FIELD-NOTES: ~560 duplicate BSNs per million rows). Callers that need a subset
 * (valid BSN prefixes) cycle-walk: apply it again until the result lands in the subset.
 */
import type { Keyed } from './keyed.js';

function uint32At(digest: string, offset: number): number {
  return (
    digest.charCodeAt(offset) * 0x1000000 +
    digest.charCodeAt(offset + 1) * 0x10000 +
    digest.charCodeAt(offset + 2) * 0x100 +
    digest.charCodeAt(offset + 3)
  );
}

/** 8 rounds: small domains need more than Luby–Rackoff's 4, and one digest gives 8 round keys. */
const rounds = 8;

export class KeyedPermutation {
  readonly size: number;
  readonly #keyed: Keyed;
  readonly #domain: string;
  readonly #half: number;
  /** Round values F_r(x) at [r · half + x], filled on first use of x: one digest per half value. */
  #table: Uint32Array | undefined;
  #filled: Uint8Array | undefined;

  /** `new KeyedPermutation(keyed, 'bsn', 10_000)` permutes 0 … 99,999,999. */
  constructor(keyed: Keyed, domain: string, halfModulus: number) {
    this.#keyed = keyed;
    this.#domain = domain;
    this.#half = halfModulus;
    this.size = halfModulus * halfModulus;
  }

  #round(r: number, x: number): number {
    if (this.#table === undefined || this.#filled === undefined) {
      this.#table = new Uint32Array(rounds * this.#half);
      this.#filled = new Uint8Array(this.#half);
    }
    if (this.#filled[x] === 0) {
      const digest = this.#keyed.digestLatin1(this.#domain, String(x));
      for (let i = 0; i < rounds; i++) this.#table[i * this.#half + x] = uint32At(digest, 4 * i) % this.#half;
      this.#filled[x] = 1;
    }
    return this.#table[r * this.#half + x]!;
  }

  forward(n: number): number {
    let left = Math.floor(n / this.#half);
    let right = n % this.#half;
    for (let r = 0; r < rounds; r++) {
      const next = (left + this.#round(r, right)) % this.#half;
      left = right;
      right = next;
    }
    return left * this.#half + right;
  }

  inverse(n: number): number {
    let left = Math.floor(n / this.#half);
    let right = n % this.#half;
    for (let r = rounds - 1; r >= 0; r--) {
      const previous = (right - this.#round(r, left) + this.#half) % this.#half;
      right = left;
      left = previous;
    }
    return left * this.#half + right;
  }
}

const shared = new WeakMap<Keyed, Map<string, KeyedPermutation>>();

/** One permutation per key and domain, so its round table is built once per run, not per column. */
export function sharedPermutation(keyed: Keyed, domain: string, halfModulus: number): KeyedPermutation {
  let byDomain = shared.get(keyed);
  if (byDomain === undefined) {
    byDomain = new Map();
    shared.set(keyed, byDomain);
  }
  let permutation = byDomain.get(domain);
  if (permutation === undefined) {
    permutation = new KeyedPermutation(keyed, domain, halfModulus);
    byDomain.set(domain, permutation);
  }
  return permutation;
}
