/**
 * A bit set that says "certainly not there" for most texts a fingerprint index does not hold, for a
 * few nanoseconds instead of a keyed digest (~0.6 µs). Nearly every lookup of a clean copy is such
 * a miss. The hash is quick and unkeyed: the filter exists only in the process that read the source
 * (and its worker threads), is never written anywhere, and holds one bit per slot, no values.
 */
import { LeakproofError } from '../../errors.js';
import { sharedArray } from './shared-arrays.js';

/** FNV-1a over UTF-16 units from `seed` (one seed per kind of text), with a final mix. */
export function quickHash(seed: number, text: string): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  // A final mix, so the low bits (the filter's slot) depend on every character.
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 12)) >>> 0;
}

/**
 * One bit per slot, set for every hash it was built from. About 32 slots per entry: ~3% false
 * positives, which then pay the digest and the search as before.
 */
export class PresenceFilter {
  readonly bits: Uint32Array;
  readonly #mask: number;

  /** `bits`: a power-of-two number of 32-bit words, from `fromHashes` (or handed to a worker). */
  constructor(bits: Uint32Array) {
    if (bits.length === 0 || (bits.length & (bits.length - 1)) !== 0)
      throw new LeakproofError('LP_INTERNAL', 'A presence filter needs a power-of-two size.');
    this.bits = bits;
    this.#mask = bits.length * 32 - 1;
  }

  static fromHashes(hashes: Uint32Array): PresenceFilter {
    const wanted = Math.max(1 << 16, hashes.length * 32);
    const slots = 2 ** Math.min(30, Math.ceil(Math.log2(wanted)));
    const filter = new PresenceFilter(sharedArray(Uint32Array, slots / 32));
    for (const h of hashes) filter.#set(h);
    return filter;
  }

  #set(hash: number): void {
    const slot = hash & this.#mask;
    this.bits[slot >>> 5]! |= 1 << (slot & 31);
  }

  mayHold(hash: number): boolean {
    const slot = hash & this.#mask;
    return (this.bits[slot >>> 5]! & (1 << (slot & 31))) !== 0;
  }
}
