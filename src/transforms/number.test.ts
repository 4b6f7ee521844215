/**
 * `number` asks no `RealValues` (an amount equal to someone's real amount is no leak), so there is
 * no never-real test here; never-the-input is tested instead.
 */
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serverUrl } from '../../test/support/postgres.js';
import { Keyed } from '../core/keyed.js';
import type { ColumnModel } from '../schema/model.js';
import { noisyNumber } from './number.js';
import { bindTransform } from './registry.js';
import { column, keyed, make, otherKeyed, varchar } from './test-support.js';
import { thrownBy } from './test-support-real.js';

const smallint = column({ category: 'integer', type: 'smallint' });
const integer = column({ category: 'integer', type: 'integer' });
const bigint = column({ category: 'integer', type: 'bigint' });
const money = column({ category: 'numeric', type: 'numeric(7,2)', numericPrecision: 7, numericScale: 2 });
const double = column({ category: 'float', type: 'double precision' });
const defaults = { noise: 0.1 };

/** The exact value of a decimal text, scaled by 10^scale, as a bigint. */
function units(text: string, scale: number): bigint {
  const [whole, fraction = ''] = text.replace('-', '').split('.');
  const n = BigInt(`${whole || '0'}${fraction.padEnd(scale, '0')}`);
  return text.startsWith('-') ? -n : n;
}
const abs = (n: bigint) => (n < 0n ? -n : n);

/** |output − input| ≤ max(1 unit, ⌊noise × |input|⌋), in units of the last decimal place. */
function withinNoise(input: string, output: string, scale: number, noise = 0.1): boolean {
  const x = units(input, scale);
  const reach = (abs(x) * BigInt(Math.round(noise * 1000))) / 1000n;
  return abs(units(output, scale) - x) <= (reach > 1n ? reach : 1n);
}

const decimals = (s: string) => s.split('.')[1]?.length ?? 0;

describe('number', () => {
  test.each([
    ['smallint', smallint, -32_768n, 32_767n],
    ['integer', integer, -2_147_483_648n, 2_147_483_647n],
    ['bigint', bigint, -(2n ** 63n), 2n ** 63n - 1n],
  ] as const)('%s: an integer in range, moved within the noise, never the input', (_, col, min, max) => {
    fc.assert(
      fc.property(fc.bigInt({ min, max }), (n) => {
        const input = String(n);
        const out = noisyNumber(keyed, input, col, defaults);
        expect(out).toMatch(/^-?\d+$/);
        expect(BigInt(out) >= min && BigInt(out) <= max).toBe(true);
        expect(out).not.toBe(input);
        expect(withinNoise(input, out, 0)).toBe(true);
        expect(noisyNumber(keyed, input, col, defaults)).toBe(out);
      }),
      { numRuns: 2000 },
    );
    expect(make('number', {}, col)(String(max))).not.toBe(String(max));
  });

  test('bigint beyond doubles: exact', () => {
    const out = noisyNumber(keyed, '9223372036854775807', bigint, defaults);
    expect(BigInt(out) <= 9_223_372_036_854_775_807n).toBe(true);
    expect(out).not.toBe('9223372036854775807');
  });

  test('numeric(7,2): two decimals, inside the precision', () => {
    fc.assert(
      fc.property(fc.integer({ min: -9_999_999, max: 9_999_999 }), (cents) => {
        const input = (cents / 100).toFixed(2);
        const out = noisyNumber(keyed, input, money, defaults);
        expect(out).toMatch(/^-?\d{1,5}\.\d{2}$/);
        expect(out).not.toBe(input);
        expect(withinNoise(input, out, 2)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test('floats keep their decimal places and exponent', () => {
    for (const input of ['3.14159', '0.5', '-2.75', '12', '1.5e-07', '6.02214076e+23']) {
      const out = noisyNumber(keyed, input, double, defaults);
      expect(out).not.toBe(input);
      expect(decimals(out.split('e')[0]!)).toBe(decimals(input.split('e')[0]!));
      expect(out.includes('e')).toBe(input.includes('e'));
      if (input.includes('e')) expect(out.split('e')[1]).toBe(input.split('e')[1]);
      expect(Math.abs(Number(out) - Number(input))).toBeLessThanOrEqual(Math.abs(Number(input)) * 0.1 + 1);
    }
    for (const special of ['NaN', 'Infinity', '-Infinity'])
      expect(noisyNumber(keyed, special, double, defaults)).toBe(special);
  });

  test('text: fits varchar(n), keeps leading zeros and decimals', () => {
    const three = make('number', {}, varchar(3));
    for (let n = 0; n < 1000; n++) {
      const input = String(n);
      const out = three(input)!;
      expect(out.length).toBeLessThanOrEqual(3);
      expect(out).toMatch(/^-?\d+$/);
    }
    expect(three('007')).toMatch(/^0\d\d$/);
    expect(make('number', {}, column())('12.50')).toMatch(/^\d+\.\d{2}$/);
    const error = thrownBy(() => three('abc'));
    expect(error.code).toBe('LP_TRANSFORM');
    expect(error.message).not.toContain('abc');
  });

  test('min and max hold; an input outside goes to the nearest bound', () => {
    const options = { noise: 0.2, min: 2500, max: 3100 };
    for (let n = 2500; n <= 3100; n += 7) {
      const out = Number(noisyNumber(keyed, String(n), integer, options));
      expect(out).toBeGreaterThanOrEqual(2500);
      expect(out).toBeLessThanOrEqual(3100);
      expect(out).not.toBe(n);
    }
    expect(noisyNumber(keyed, '5000', integer, options)).toBe('3100');
    expect(noisyNumber(keyed, '-5', integer, options)).toBe('2500');
    expect(noisyNumber(keyed, '0.05', money, { noise: 0.1, min: 0.01, max: 0.05 })).toMatch(/^0\.0[1-4]$/);
    // One value fits: that one.
    expect(noisyNumber(keyed, '7', integer, { noise: 0.1, min: 7, max: 7 })).toBe('7');
  });

  test('small values move by one unit at least, both ways', () => {
    const outs = new Set(
      Array.from({ length: 200 }, (_, i) => noisyNumber(new Keyed(`key ${i}`), '0', column(), defaults)),
    );
    expect(outs).toEqual(new Set(['-1', '1']));
  });

  test('depends on the key and keeps the average', () => {
    const inputs = Array.from({ length: 2000 }, (_, i) => String(1000 + i * 37));
    let differ = 0;
    let sum = 0;
    let fakeSum = 0;
    for (const input of inputs) {
      const out = noisyNumber(keyed, input, integer, defaults);
      if (out !== noisyNumber(otherKeyed, input, integer, defaults)) differ++;
      sum += Number(input);
      fakeSum += Number(out);
    }
    expect(differ).toBeGreaterThan(1950);
    expect(Math.abs(fakeSum - sum) / sum).toBeLessThan(0.01);
  });

  test('options: noise in (0, 1], min not above max', () => {
    expect(bindTransform('number', { noise: 0 })?.ok).toBe(false);
    expect(bindTransform('number', { noise: 2 })?.ok).toBe(false);
    const inverted = bindTransform('number', { min: 10, max: 1 });
    expect(inverted?.ok === false && inverted.error.issues[0]?.path).toEqual(['min']);
    const plain = bindTransform('number', undefined);
    expect(plain?.ok && plain.bound.options).toEqual({ noise: 0.1 });
  });

  test('fills integer, numeric, float and text columns only', () => {
    for (const col of [smallint, money, double, column()])
      expect(() => make('number', {}, col)).not.toThrow();
    expect(() => make('number', {}, column({ category: 'date', type: 'date' }))).toThrow(/not date/);
  });

  describe('PostgreSQL takes every output', () => {
    let client: pg.Client;
    beforeAll(async () => {
      client = new pg.Client({ connectionString: serverUrl() });
      await client.connect();
    });
    afterAll(async () => {
      await client.end();
    });

    test.each([
      ['smallint', smallint, fc.integer({ min: -32_768, max: 32_767 }).map(String)],
      [
        'numeric(7,2)',
        money,
        fc.integer({ min: -9_999_999, max: 9_999_999 }).map((c) => (c / 100).toFixed(2)),
      ],
      [
        'real',
        column({ category: 'float', type: 'real' }),
        fc.float({ noNaN: true, noDefaultInfinity: true }).map(String),
      ],
    ] as const)('%s', async (type, col: ColumnModel, values) => {
      const inputs = fc.sample(values, 500);
      const outputs = inputs.map((v) => noisyNumber(keyed, v, col, defaults));
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(v::${type}) AS n FROM unnest($1::text[]) AS v`,
        [outputs],
      );
      expect(Number(rows[0]?.n)).toBe(inputs.length);
    });
  });
});
