import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { bsnFromPrefix, dutchIban } from '../transforms/test-support.js';
import {
  findIdentifiers,
  isDutchPostcode,
  isEmail,
  isPhoneNumber,
  isValidBsn,
  isValidIban,
  normalizeBsn,
} from './detectors.js';

const validBsn = fc
  .integer({ min: 1, max: 99_999_999 })
  .map(bsnFromPrefix)
  .filter((b): b is string => b !== null);

describe('isValidBsn', () => {
  test('accepts exactly the numbers whose check digit fits the 11-proef', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999 }), fc.integer({ min: 0, max: 9 }), (prefix, last) => {
        const expected = bsnFromPrefix(prefix);
        const candidate = String(prefix).padStart(8, '0') + String(last);
        expect(isValidBsn(candidate)).toBe(candidate === expected);
      }),
      { numRuns: 2000 },
    );
  });

  test('needs 9 digits and is never all zeros', () => {
    expect(isValidBsn('000000000')).toBe(false);
    expect(isValidBsn('12345678')).toBe(false);
    expect(isValidBsn(' 111222333')).toBe(false);
  });

  test('normalizeBsn pads a lost zero and reads dotted forms', () => {
    expect(normalizeBsn('12345678')).toBe('012345678');
    expect(normalizeBsn('1234.56.782')).toBe('123456782');
    expect(normalizeBsn('1234567')).toBeNull();
    expect(normalizeBsn('abc')).toBeNull();
  });
});

describe('isValidIban', () => {
  test('accepts generated Dutch IBANs, grouped or not, and rejects any changed digit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9_999_999_999 }),
        fc.integer({ min: 8, max: 17 }),
        (account, position) => {
          const iban = dutchIban('RABO', account);
          expect(isValidIban(iban)).toBe(true);
          expect(isValidIban(iban.replace(/(.{4})(?=.)/g, '$1 '))).toBe(true);
          const digit = Number(iban[position]);
          const changed = iban.slice(0, position) + String((digit + 1) % 10) + iban.slice(position + 1);
          expect(isValidIban(changed)).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('simple detectors', () => {
  test('e-mail', () => {
    expect(isEmail('iemand@example.com')).toBe(true);
    expect(isEmail('iemand@localhost')).toBe(false);
    expect(isEmail('geen e-mail')).toBe(false);
  });

  test('postcode: 4 digits not starting with 0, 2 letters, never SA/SD/SS', () => {
    expect(isDutchPostcode('1234 AB')).toBe(true);
    expect(isDutchPostcode('1234ab')).toBe(true);
    expect(isDutchPostcode('0123 AB')).toBe(false);
    for (const pair of ['SA', 'SD', 'SS']) expect(isDutchPostcode(`1234 ${pair}`)).toBe(false);
  });

  test('phone: valid per libphonenumber, Dutch unless written with +', () => {
    expect(isPhoneNumber('06-12345678')).toBe(true);
    expect(isPhoneNumber('+31 20 123 4567')).toBe(true);
    expect(isPhoneNumber('+49 30 901820')).toBe(true);
    expect(isPhoneNumber('06-1234')).toBe(false);
    expect(isPhoneNumber('066 1234567')).toBe(true); // a pager number is still a number
    expect(isPhoneNumber('hallo')).toBe(false);
  });
});

describe('findIdentifiers', () => {
  test('finds every kind, in text order, without overlaps', () => {
    const bsn = bsnFromPrefix(12_345_678)!;
    const iban = dutchIban('INGB', 123_456_789).replace(/(.{4})(?=.)/g, '$1 ');
    const text = `Mail a@example.com, bel 06-12345678 of +31 20 123 4567, BSN ${bsn}, IBAN ${iban}, post 1234 AB.`;
    const found = findIdentifiers(text);
    expect(found.map((m) => [m.kind, text.slice(m.start, m.end)])).toEqual([
      ['email', 'a@example.com'],
      ['phone', '06-12345678'],
      ['phone', '+31 20 123 4567'],
      ['bsn', bsn],
      ['iban', iban],
      ['postcode', '1234 AB'],
    ]);
  });

  test('finds a valid BSN anywhere in text, dotted or not', () => {
    fc.assert(
      fc.property(validBsn, fc.boolean(), fc.constantFrom('', 'BSN ', 'nummer: '), (bsn, dotted, before) => {
        const written = dotted ? `${bsn.slice(0, 4)}.${bsn.slice(4, 6)}.${bsn.slice(6)}` : bsn;
        const text = `Aanvraag ${before}${written} ontvangen.`;
        const found = findIdentifiers(text);
        expect(found.some((m) => m.kind === 'bsn' && text.slice(m.start, m.end) === written)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  test('finds phone numbers however they are separated', () => {
    for (const written of [
      '0612345678',
      '06 12345678',
      '06-12 34 56 78',
      '(020) 123 4567',
      '+31 (0)20 1234567',
      '0031 6 1234 5678',
    ]) {
      const text = `Bel ${written} morgen.`;
      expect(
        findIdentifiers(text).map((m) => m.kind),
        written,
      ).toEqual(['phone']);
    }
  });

  test('finds nothing in ordinary text', () => {
    expect(findIdentifiers('De aanvraag uit 2021 is in 3 weken afgehandeld, zie dossier 42.')).toEqual([]);
  });
});

test('digits glued to letters are no phone number (hex codes hold digit runs)', () => {
  expect(findIdentifiers('ref AV-0FCA80612345678B9 ok')).toEqual([]);
  expect(findIdentifiers('bel 06-12345678.').map((m) => m.kind)).toEqual(['phone']);
  expect(findIdentifiers('tel:0612345678,').map((m) => m.kind)).toEqual(['phone']);
});
