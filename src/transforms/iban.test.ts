import fc from 'fast-check';
import { isValidIBAN } from 'ibantools';
import { describe, expect, test } from 'vitest';
import { isValidIban } from '../core/detectors.js';
import { dutchBanks, fakeIban, ibanCheckDigits } from './iban.js';
import { dutchIban, keyed, make, otherKeyed, varchar } from './test-support.js';

const nlIban = fc
  .tuple(fc.constantFrom(...dutchBanks), fc.integer({ min: 0, max: 9_999_999_999 }))
  .map(([bank, account]) => dutchIban(bank, account));

describe('iban', () => {
  test('check digits agree with the published example', () => {
    expect(ibanCheckDigits('NL', 'ABNA0417164300')).toBe('91');
  });

  test('every fake is a valid Dutch IBAN with a real bank code', () => {
    fc.assert(
      fc.property(fc.oneof(nlIban, fc.string()), (value) => {
        const fake = fakeIban(keyed, value).replace(/ /g, '');
        expect(fake).toMatch(/^NL\d{2}[A-Z]{4}\d{10}$/);
        expect(dutchBanks).toContain(fake.slice(4, 8));
        expect(isValidIban(fake)).toBe(true);
        expect(isValidIBAN(fake)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test('keeps grouping; spacing and case do not change the mapping', () => {
    fc.assert(
      fc.property(nlIban, (iban) => {
        const grouped = iban.replace(/(.{4})(?=.)/g, '$1 ');
        const fake = fakeIban(keyed, iban);
        expect(fakeIban(keyed, grouped)).toBe(fake.replace(/(.{4})(?=.)/g, '$1 '));
        expect(fakeIban(keyed, iban.toLowerCase())).toBe(fake);
        expect(fakeIban(otherKeyed, iban)).not.toBe(fake);
      }),
      { numRuns: 300 },
    );
  });

  test('50,000 accounts at one bank never share a fake', () => {
    const fakes = new Set<string>();
    for (let i = 0; i < 50_000; i++) fakes.add(fakeIban(keyed, dutchIban('RABO', 100_000_000 + i * 7919)));
    expect(fakes.size).toBe(50_000);
  });

  test('drops the grouping when the column is too short for it', () => {
    const short = make('iban', {}, varchar(18));
    expect(short('NL91 ABNA 0417 1643 00')).toMatch(/^NL\d{2}[A-Z]{4}\d{10}$/);
    expect(() => make('iban', {}, varchar(17))).toThrow(/at least 18/);
  });

  test('a foreign IBAN stays of its country, length and bank, valid by mod-97, and changes', () => {
    for (const real of [
      'DE89370400440532013000',
      'BE71096123456769',
      'GB82WEST12345698765432',
      'FR1420041010050500013M02606',
    ]) {
      const fake = fakeIban(keyed, real);
      expect(isValidIban(fake), fake).toBe(true);
      expect(fake.slice(0, 2)).toBe(real.slice(0, 2));
      expect(fake.length).toBe(real.length);
      expect(fake.slice(4, 8)).toBe(real.slice(4, 8));
      expect(fake).not.toBe(real);
      expect(fakeIban(keyed, real.toLowerCase())).toBe(fake);
    }
  });
});
