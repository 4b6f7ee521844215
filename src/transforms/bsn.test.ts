import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isValidBsn } from '../core/detectors.js';
import { fakeBsn, fakeBsnDigits } from './bsn.js';
import { bsnFromPrefix, column, keyed, make, manyBsns, otherKeyed, varchar } from './test-support.js';

const validBsn = fc
  .integer({ min: 1, max: 99_999_999 })
  .map(bsnFromPrefix)
  .filter((bsn): bsn is string => bsn !== null);

describe('bsn', () => {
  test('is one-to-one over 200,000 valid BSNs, and every fake passes the 11-proef', () => {
    const inputs = manyBsns(200_000);
    const outputs = new Set<string>();
    for (const bsn of inputs) {
      const fake = fakeBsnDigits(keyed, bsn);
      expect(isValidBsn(fake)).toBe(true);
      outputs.add(fake);
    }
    expect(outputs.size).toBe(inputs.length);
  });

  test('any input, valid or not, gives a valid 9-digit BSN', () => {
    fc.assert(
      fc.property(fc.oneof(validBsn, fc.string(), fc.stringMatching(/^\d{1,12}$/)), (value) => {
        expect(isValidBsn(fakeBsnDigits(keyed, value))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test('rarely maps a BSN to itself, and depends on the key', () => {
    fc.assert(
      fc.property(validBsn, (bsn) => {
        expect(fakeBsnDigits(keyed, bsn)).not.toBe(bsn);
        expect(fakeBsnDigits(otherKeyed, bsn)).not.toBe(fakeBsnDigits(keyed, bsn));
      }),
      { numRuns: 500 },
    );
  });

  test('the ways a BSN is written map to the same fake, in the same way of writing', () => {
    const bsn = manyBsns(50).find((b) => b.startsWith('0'))!;
    const fake = fakeBsnDigits(keyed, bsn);
    expect(fakeBsn(keyed, bsn.slice(1))).toBe(fake); // the lost leading zero
    expect(fakeBsn(keyed, `${bsn.slice(0, 4)}.${bsn.slice(4, 6)}.${bsn.slice(6)}`)).toBe(
      `${fake.slice(0, 4)}.${fake.slice(4, 6)}.${fake.slice(6)}`,
    );
    expect(fakeBsn(keyed, bsn, true)).toBe(String(Number(fake)));
  });

  test('integer and numeric columns get numbers; text columns 9 digits', () => {
    const integer = make('bsn', {}, column({ category: 'integer', type: 'integer' }));
    const text = make('bsn', {}, varchar(9));
    for (const bsn of manyBsns(300)) {
      expect(integer(bsn)).toMatch(/^[1-9]\d{0,8}$/);
      expect(integer(String(Number(bsn)))).toBe(integer(bsn));
      expect(text(bsn)).toMatch(/^\d{9}$/);
      expect(String(Number(text(bsn)))).toBe(integer(bsn));
    }
  });

  test('refuses columns that cannot hold a BSN', () => {
    const bind = make.bind(null, 'bsn', {});
    expect(() => bind(column({ category: 'integer', type: 'smallint' }))).toThrow(/integer or bigint/);
    expect(() =>
      bind(column({ category: 'numeric', type: 'numeric(8,0)', numericPrecision: 8, numericScale: 0 })),
    ).toThrow(/9 digits/);
    expect(() => bind(varchar(8))).toThrow(/at least 9/);
    expect(() => bind(column({ category: 'date', type: 'date' }))).toThrow(/not date/);
    expect(() => bind(column({ category: 'numeric', type: 'numeric' }))).not.toThrow();
  });
});
