import { describe, expect, test } from 'vitest';
import { Keyed } from '../core/keyed.js';
import { KeyedPermutation, sharedPermutation } from './feistel.js';

describe('KeyedPermutation', () => {
  test('is a bijection: every value of a small domain is hit exactly once', () => {
    const permutation = new KeyedPermutation(new Keyed('k'), 'test', 100);
    const hits = new Uint8Array(permutation.size);
    for (let n = 0; n < permutation.size; n++) hits[permutation.forward(n)]!++;
    expect(hits.every((h) => h === 1)).toBe(true);
  });

  test('inverse undoes forward', () => {
    const permutation = new KeyedPermutation(new Keyed('k'), 'test', 10_000);
    for (let n = 0; n < permutation.size; n += 999_983)
      expect(permutation.inverse(permutation.forward(n))).toBe(n);
  });

  test('depends on key and domain, and moves almost everything', () => {
    const a = new KeyedPermutation(new Keyed('k1'), 'test', 1000);
    const b = new KeyedPermutation(new Keyed('k2'), 'test', 1000);
    const c = new KeyedPermutation(new Keyed('k1'), 'other', 1000);
    let sameAsB = 0;
    let sameAsC = 0;
    let fixed = 0;
    for (let n = 0; n < 10_000; n++) {
      const out = a.forward(n);
      if (out === b.forward(n)) sameAsB++;
      if (out === c.forward(n)) sameAsC++;
      if (out === n) fixed++;
    }
    expect(sameAsB).toBeLessThan(5);
    expect(sameAsC).toBeLessThan(5);
    expect(fixed).toBeLessThan(5);
  });

  test('shared per key and domain', () => {
    const keyed = new Keyed('k');
    expect(sharedPermutation(keyed, 'bsn', 10_000)).toBe(sharedPermutation(keyed, 'bsn', 10_000));
    expect(sharedPermutation(keyed, 'bsn', 10_000)).not.toBe(
      sharedPermutation(new Keyed('k'), 'bsn', 10_000),
    );
  });
});
