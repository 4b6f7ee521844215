import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LeakproofError } from '../errors.js';
import { hmacKeyOf, indexFrom, Keyed } from './keyed.js';

/** What RFC 2104 HMAC-SHA256 gives for the same message under Leakproof's HMAC key. */
function reference(secret: string | Buffer, domain: string, value: string): Buffer {
  const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
  return createHmac('sha256', hmacKeyOf(bytes)).update(`${domain}\0${value}`, 'utf8').digest();
}

describe('Keyed', () => {
  test('gives the bytes createHmac gives, for any key and text (non-ASCII and long ones too)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 300 });
    const key = fc.oneof(
      text.filter((k) => k.length > 0),
      fc.uint8Array({ minLength: 1, maxLength: 200 }).map(Buffer.from),
    );
    fc.assert(
      fc.property(key, text, text, (secret, domain, value) => {
        const keyed = new Keyed(secret);
        expect(keyed.digest(domain, value).equals(reference(secret, domain, value))).toBe(true);
        expect(
          Buffer.from(keyed.digestLatin1(domain, value), 'latin1').equals(reference(secret, domain, value)),
        ).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  test('a string key and its UTF-8 bytes are the same key', () => {
    const a = new Keyed('sleutel-é');
    const b = new Keyed(Buffer.from('sleutel-é', 'utf8'));
    expect(a.digest('x', 'y')).toEqual(b.digest('x', 'y'));
    expect(a.keyId).toBe(b.keyId);
  });

  test('refuses an empty key', () => {
    expect(() => new Keyed('')).toThrow(LeakproofError);
    expect(() => new Keyed(Buffer.alloc(0))).toThrow(/empty/);
  });

  test('keyId is 12 hex characters, stable per key, and shows nothing of the key', () => {
    const keyed = new Keyed('0123456789abcdef');
    expect(keyed.keyId).toMatch(/^[0-9a-f]{12}$/);
    expect(new Keyed('0123456789abcdef').keyId).toBe(keyed.keyId);
    expect(new Keyed('0123456789abcdeg').keyId).not.toBe(keyed.keyId);
    expect('0123456789abcdef').not.toContain(keyed.keyId.slice(0, 6));
  });

  test('domains separate: same value, other domain, other digest; the separator is unambiguous', () => {
    const keyed = new Keyed('k');
    expect(keyed.digest('firstName', 'Sam')).not.toEqual(keyed.digest('lastName', 'Sam'));
    expect(keyed.digest('ab', 'c')).not.toEqual(keyed.digest('a', 'bc'));
    expect(keyed.digest('firstName', 'Sam')).toEqual(keyed.digest('firstName', 'Sam'));
  });

  test('a different key gives a different digest', () => {
    expect(new Keyed('k1').digest('d', 'v')).not.toEqual(new Keyed('k2').digest('d', 'v'));
  });

  test('int stays in range and spreads; pick picks from the list', () => {
    const keyed = new Keyed('k');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = keyed.int('d', String(i), 10);
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThan(10);
      seen.add(n);
    }
    expect(seen.size).toBe(10);
    const list = ['a', 'b', 'c'] as const;
    expect(list).toContain(keyed.pick('d', 'v', list));
    expect(() => keyed.pick('d', 'v', [])).toThrow(LeakproofError);
  });

  test('indexFrom reads 6 bytes big-endian and rejects ranges it cannot serve', () => {
    const digest = Buffer.from('000000000001ffffffffffff', 'hex').toString('latin1');
    expect(indexFrom(digest, 2 ** 48)).toBe(1);
    expect(indexFrom(digest, 2 ** 48, 6)).toBe(2 ** 48 - 1);
    expect(() => indexFrom(digest, 0)).toThrow(LeakproofError);
    expect(() => indexFrom(digest, 2 ** 49)).toThrow(LeakproofError);
    expect(() => indexFrom(digest, 1.5)).toThrow(LeakproofError);
  });
});

describe('Keyed.handOver', () => {
  test('a key handed to a worker makes the same digests and has the same id', () => {
    const keyed = new Keyed('hand-over test key');
    const copy = new Keyed(keyed.handOver());
    expect(copy.keyId).toBe(keyed.keyId);
    for (const value of ['123456782', 'Fatima', ''])
      expect(copy.digestLatin1('bsn', value)).toBe(keyed.digestLatin1('bsn', value));
    expect(copy.digestLatin1('bsn', 'x')).not.toBe(new Keyed('another key').digestLatin1('bsn', 'x'));
  });

  test('a malformed hand-over is refused', () => {
    expect(() => new Keyed({ hmacKey: 'short', keyId: 'x' })).toThrow(/malformed/);
  });
});
