import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isDutchPostcode } from '../core/detectors.js';
import { fakeHouseNumber } from './house-number.js';
import { fakePostcode } from './postcode.js';
import { column, keyed, make, varchar } from './test-support.js';

describe('postcode', () => {
  test('always a valid Dutch postcode, never SA/SD/SS, spaced like the input', () => {
    fc.assert(
      fc.property(fc.string(), fc.boolean(), (input, spaced) => {
        const value = spaced ? `1 ${input}x` : input.replace(/\s/g, '');
        const fake = fakePostcode(keyed, value);
        expect(isDutchPostcode(fake)).toBe(true);
        expect(fake).toMatch(spaced ? /^[1-9]\d{3} [A-Z]{2}$/ : /^[1-9]\d{3}[A-Z]{2}$/);
        expect(fake).not.toMatch(/S[ADS]$/);
      }),
      { numRuns: 2000 },
    );
  });

  test('one postcode however written; no space when the column holds 6', () => {
    expect(fakePostcode(keyed, '1234ab').replace(' ', '')).toBe(
      fakePostcode(keyed, '1234 AB').replace(' ', ''),
    );
    expect(make('postcode', {}, varchar(6))('1234 AB')).toMatch(/^\d{4}[A-Z]{2}$/);
  });
});

describe('houseNumber', () => {
  test('1 to 300, with an addition shaped like the input', () => {
    const cases: [string, RegExp][] = [
      ['12', /^\d+$/],
      ['12a', /^\d+[a-h]$/],
      ['12 B', /^\d+ [A-H]$/],
      ['12-2', /^\d+-[1-9]$/],
      ['twaalf', /^\d+$/],
    ];
    for (const [input, shape] of cases) {
      const fake = fakeHouseNumber(keyed, input, null);
      expect(fake).toMatch(shape);
      expect(Number.parseInt(fake, 10)).toBeGreaterThanOrEqual(1);
      expect(Number.parseInt(fake, 10)).toBeLessThanOrEqual(300);
    }
  });

  test('integer columns get digits; short columns get short numbers', () => {
    expect(make('houseNumber', {}, column({ category: 'integer', type: 'integer' }))('12a')).toMatch(/^\d+$/);
    const one = make('houseNumber', {}, varchar(1));
    for (let i = 0; i < 100; i++) expect(one(`${i}b`)).toMatch(/^[1-9]$/);
  });
});

describe('street and city', () => {
  test('streets are Dutch-looking and carry a fake number when the input has one', () => {
    const street = make('street');
    expect(street('Dorpsstraat')).toMatch(/^[A-Z][a-z]+( [A-Z][a-z]+)?[a-z]*$/);
    const fake = street('Dorpsstraat 14b')!;
    expect(fake).toMatch(/^\D+ \d+[a-h]$/);
    expect(fake.split(' ').at(-1)).toBe(make('houseNumber')('14b'));
    expect(fake.startsWith(street('Dorpsstraat 20')!.replace(/ \d+$/, ''))).toBe(true);
  });

  test('cities fit short columns by choosing short names', () => {
    const city = make('city', {}, varchar(4));
    for (let i = 0; i < 50; i++) expect(city(`Plaats${i}`)!.length).toBeLessThanOrEqual(4);
    expect(make('city')('AMSTERDAM')).toBe(make('city')('AMSTERDAM')!.toUpperCase());
  });
});
