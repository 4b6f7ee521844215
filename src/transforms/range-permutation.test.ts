import { describe, expect, test } from 'vitest';
import { Keyed } from '../core/keyed.js';
import { BigRangePermutation, RangePermutation, sharedRangePermutation } from './feistel.js';

const keyed = new Keyed('k');

describe('RangePermutation', () => {
  test.each([1, 2, 7, 100, 101, 997, 10_000, 12_345])('is a bijection of [0, %i)', (size) => {
    const permutation = new RangePermutation(keyed, 'test', size);
    const hits = new Uint8Array(size);
    for (let n = 0; n < size; n++) {
      const out = permutation.forward(n);
      expect(out).toBeGreaterThanOrEqual(0);
      expect(out).toBeLessThan(size);
      hits[out]!++;
      expect(permutation.inverse(out)).toBe(n);
    }
    expect(hits.every((h) => h === 1)).toBe(true);
  });

  test('inverse undoes forward for large sizes, with and without round tables', () => {
    for (const size of [6_760_000_000, 10 ** 12, 4 * 10 ** 13, 2 ** 52]) {
      const permutation = new RangePermutation(keyed, 'test', size);
      for (let n = 0; n < size; n += Math.floor(size / 997) + 1) {
        const out = permutation.forward(n);
        expect(out).toBeLessThan(size);
        expect(permutation.inverse(out)).toBe(n);
      }
    }
  });

  test('depends on key, domain and size', () => {
    const a = new RangePermutation(new Keyed('k1'), 'test', 1_000_000);
    const b = new RangePermutation(new Keyed('k2'), 'test', 1_000_000);
    const c = new RangePermutation(new Keyed('k1'), 'other', 1_000_000);
    const d = new RangePermutation(new Keyed('k1'), 'test', 999_999);
    let same = 0;
    for (let n = 0; n < 10_000; n++) {
      const out = a.forward(n);
      if (out === b.forward(n) || out === c.forward(n) || out === d.forward(n)) same++;
    }
    expect(same).toBeLessThan(5);
  });

  test('refuses sizes it cannot hold exactly', () => {
    expect(() => new RangePermutation(keyed, 'test', 0)).toThrow();
    expect(() => new RangePermutation(keyed, 'test', 2 ** 53)).toThrow();
  });
});

describe('BigRangePermutation', () => {
  test('is a bijection of a small range, and inverse undoes forward on a huge one', () => {
    const small = new BigRangePermutation(keyed, 'test', 1000n);
    const seen = new Set<bigint>();
    for (let n = 0n; n < 1000n; n++) {
      const out = small.forward(n);
      expect(small.inverse(out)).toBe(n);
      seen.add(out);
    }
    expect(seen.size).toBe(1000);
    const size = 36n ** 40n;
    const huge = new BigRangePermutation(keyed, 'test', size);
    for (let n = 1n; n < size; n *= 7919n) {
      const out = huge.forward(n);
      expect(out < size).toBe(true);
      expect(huge.inverse(out)).toBe(n);
    }
  });
});

describe('sharedRangePermutation', () => {
  test('one per key, domain and size; numbers up to 2^52, bigints beyond', () => {
    expect(sharedRangePermutation(keyed, 'x', 100)).toBe(sharedRangePermutation(keyed, 'x', 100n));
    expect(sharedRangePermutation(keyed, 'x', 100)).not.toBe(sharedRangePermutation(keyed, 'y', 100));
    expect(sharedRangePermutation(keyed, 'x', 2 ** 52)).toBeInstanceOf(RangePermutation);
    expect(sharedRangePermutation(keyed, 'x', 2n ** 52n + 1n)).toBeInstanceOf(BigRangePermutation);
  });
});
