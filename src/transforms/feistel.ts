/**
 * A keyed permutation of [0, m²): a balanced Feistel network over two halves in [0, m), with the
 * halves combined by addition mod m. One-to-one by construction, which a hash cut down to a few
 * digits is not (FIELD-NOTES: ~560 duplicate BSNs per million rows). Callers that need a subset
 * (valid BSN prefixes) cycle-walk: apply it again until the result lands in the subset.
 */

import { indexFrom, type Keyed } from '../core/keyed.js';
import { LeakproofError } from '../errors.js';

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

/**
 * Halves up to this size keep their round values in a table (32 bytes per half value, filled a
 * page at a time as values are met): a few table reads per value instead of eight digests. Larger
 * halves (domains above ~10^12) hash every round.
 */
const tableLimit = 1 << 20;
const pageBits = 10;
const pageSize = 1 << pageBits;
/** Never a round value (those are below the half, at most 2^20): marks an entry not yet filled. */
const unfilled = 0xffffffff;
/** Number arithmetic stays exact while half² ≤ 2^53; beyond, `BigRangePermutation`. */
const numberLimit = 2 ** 52;

/**
 * A keyed permutation of [0, size) for any size up to 2^52: the balanced Feistel network above over
 * [0, half²) with half = ⌈√size⌉, cycle-walked back into [0, size) (fewer than 2/half of the
 * values need a second pass). Unlike `KeyedPermutation`, the digest domain names the size, so
 * every size of one transform has its own round functions.
 */
export class RangePermutation {
  readonly size: number;
  readonly #keyed: Keyed;
  readonly #domain: string;
  readonly #half: number;
  readonly #pages: (Uint32Array | undefined)[] = [];

  constructor(keyed: Keyed, domain: string, size: number) {
    if (!Number.isSafeInteger(size) || size < 1 || size > numberLimit)
      throw new LeakproofError('LP_INTERNAL', `Permutation size ${size} is not in 1..2^52.`);
    this.size = size;
    this.#keyed = keyed;
    this.#half = Math.max(1, Math.ceil(Math.sqrt(size)));
    if (this.#half * this.#half < size) this.#half++; // √ rounding
    this.#domain = `${domain}/${size}`;
  }

  #round(r: number, x: number): number {
    const half = this.#half;
    if (half > tableLimit) return indexFrom(this.#keyed.digestLatin1(this.#domain, `${r}:${x}`), half);
    const pageIndex = x >>> pageBits;
    let page = this.#pages[pageIndex];
    if (page === undefined) {
      page = new Uint32Array(pageSize * rounds).fill(unfilled);
      this.#pages[pageIndex] = page;
    }
    const at = (x & (pageSize - 1)) * rounds;
    if (page[at] === unfilled) {
      const digest = this.#keyed.digestLatin1(this.#domain, String(x));
      for (let i = 0; i < rounds; i++) page[at + i] = uint32At(digest, 4 * i) % half;
    }
    return page[at + r]!;
  }

  #forward(n: number): number {
    const half = this.#half;
    let left = Math.floor(n / half);
    let right = n % half;
    for (let r = 0; r < rounds; r++) {
      const next = (left + this.#round(r, right)) % half;
      left = right;
      right = next;
    }
    return left * half + right;
  }

  #inverse(n: number): number {
    const half = this.#half;
    let left = Math.floor(n / half);
    let right = n % half;
    for (let r = rounds - 1; r >= 0; r--) {
      const previous = (right - this.#round(r, left) + half) % half;
      right = left;
      left = previous;
    }
    return left * half + right;
  }

  /** `n` in [0, size) to its image in [0, size). */
  forward(n: number): number {
    let out = this.#forward(n);
    while (out >= this.size) out = this.#forward(out);
    return out;
  }

  inverse(n: number): number {
    let out = this.#inverse(n);
    while (out >= this.size) out = this.#inverse(out);
    return out;
  }
}

/** ⌈√n⌉ for a bigint (Newton's method from above). */
function ceilSqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2)); // above √n
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) break;
    x = y;
  }
  // x = ⌊√n⌋ here
  return x * x === n ? x : x + 1n;
}

/**
 * The same network over bigints, for sizes beyond 2^52 (long codes): every round hashes, with 8
 * more bytes than the half needs so the modulo bias stays below 2^-64.
 */
export class BigRangePermutation {
  readonly size: bigint;
  readonly #keyed: Keyed;
  readonly #domain: string;
  readonly #half: bigint;
  readonly #blocks: number;

  constructor(keyed: Keyed, domain: string, size: bigint) {
    if (size < 1n) throw new LeakproofError('LP_INTERNAL', 'Permutation size is below 1.');
    this.size = size;
    this.#keyed = keyed;
    this.#half = ceilSqrt(size);
    this.#domain = `${domain}/${size}`;
    this.#blocks = Math.ceil((this.#half.toString(16).length / 2 + 8) / 32);
  }

  #round(r: number, x: bigint): bigint {
    let hex = '';
    for (let block = 0; block < this.#blocks; block++)
      hex += this.#keyed.digest(this.#domain, `${r}:${block}:${x}`).toString('hex');
    return BigInt(`0x${hex}`) % this.#half;
  }

  #forward(n: bigint): bigint {
    const half = this.#half;
    let left = n / half;
    let right = n % half;
    for (let r = 0; r < rounds; r++) {
      const next = (left + this.#round(r, right)) % half;
      left = right;
      right = next;
    }
    return left * half + right;
  }

  #inverse(n: bigint): bigint {
    const half = this.#half;
    let left = n / half;
    let right = n % half;
    for (let r = rounds - 1; r >= 0; r--) {
      const previous = (right - this.#round(r, left) + half) % half;
      right = left;
      left = previous;
    }
    return left * half + right;
  }

  forward(n: bigint): bigint {
    let out = this.#forward(n);
    while (out >= this.size) out = this.#forward(out);
    return out;
  }

  inverse(n: bigint): bigint {
    let out = this.#inverse(n);
    while (out >= this.size) out = this.#inverse(out);
    return out;
  }
}

type AnyRangePermutation = RangePermutation | BigRangePermutation;
const sharedRanges = new WeakMap<Keyed, Map<string, Map<number | bigint, AnyRangePermutation>>>();

/**
 * One permutation of [0, size) per key, domain and size, so round tables fill once per run.
 * Example: `sharedRangePermutation(keyed, 'vNumber', 10_000_000_000)`. Sizes up to 2^52 give a
 * `RangePermutation` (pass them as numbers), larger ones (as bigints) a `BigRangePermutation`.
 */
export function sharedRangePermutation(
  keyed: Keyed,
  domain: string,
  size: number | bigint,
): AnyRangePermutation {
  let byDomain = sharedRanges.get(keyed);
  if (byDomain === undefined) {
    byDomain = new Map();
    sharedRanges.set(keyed, byDomain);
  }
  let bySize = byDomain.get(domain);
  if (bySize === undefined) {
    bySize = new Map();
    byDomain.set(domain, bySize);
  }
  // One key per size: small sizes as numbers, so 100 and 100n meet.
  const key = typeof size === 'bigint' && size <= numberLimit ? Number(size) : size;
  let permutation = bySize.get(key);
  if (permutation === undefined) {
    permutation =
      typeof key === 'number'
        ? new RangePermutation(keyed, domain, key)
        : new BigRangePermutation(keyed, domain, key);
    bySize.set(key, permutation);
  }
  return permutation;
}
