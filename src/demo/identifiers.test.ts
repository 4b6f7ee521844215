import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { isDutchPostcode, isPhoneNumber, isValidBsn, isValidIban } from '../core/detectors.js';
import { DemoRandom } from './demo-random.js';
import {
  bsnCheckDigit,
  dutchIban,
  formatMobile,
  makeBsn,
  makeHouseNumber,
  makeIban,
  makeLandline,
  makeMobile,
  makePostcode,
  mobileFormats,
  printIban,
} from './identifiers.js';
import { banks, cities } from './reference-data.js';

/** isPhoneNumber also accepts pagers (066) and VoIP; these must be real mobiles or fixed lines. */
const phoneType = (value: string) => parsePhoneNumberFromString(value, 'NL')?.getType();

const digits = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''));

describe('demo identifiers', () => {
  it('completes any 8-digit stem to a BSN that passes the 11-proef, or reports that none exists', () => {
    fc.assert(
      fc.property(digits(8), (stem) => {
        const check = bsnCheckDigit(stem);
        if (check === null) {
          // No single digit completes it: every candidate fails.
          expect([...'0123456789'].filter((d) => isValidBsn(stem + d)).length).toBe(0);
        } else {
          expect(isValidBsn(stem + String(check))).toBe(true);
        }
      }),
    );
  });

  it('computes IBAN check digits that pass mod 97 for every bank and account number', () => {
    fc.assert(
      fc.property(fc.constantFrom(...banks.map((b) => b.code)), digits(10), (bank, account) => {
        const iban = dutchIban(bank, account);
        expect(iban).toMatch(/^NL\d{2}[A-Z]{4}\d{10}$/);
        expect(isValidIban(iban)).toBe(true);
        expect(isValidIban(printIban(iban))).toBe(true);
      }),
    );
    // A known published example: ABNA 0417164300 has check digits 91.
    expect(dutchIban('ABNA', '0417164300')).toBe('NL91ABNA0417164300');
  });

  it('draws BSNs in the 999 test range, valid mobiles in every format, landlines and postcodes', () => {
    const random = new DemoRandom(42);
    let invalid = 0;
    for (let i = 0; i < 2_000; i++) {
      const bsn = makeBsn(random);
      if (!bsn.startsWith('999') || !isValidBsn(bsn)) invalid++;
      if (!isValidIban(makeIban(random))) invalid++;
      const mobile = makeMobile(random);
      for (const format of mobileFormats) {
        const phone = formatMobile(mobile, format);
        if (!isPhoneNumber(phone) || phoneType(phone) !== 'MOBILE') invalid++;
      }
      const city = random.pick(cities);
      const landline = makeLandline(random, city);
      if (!isPhoneNumber(landline) || phoneType(landline) !== 'FIXED_LINE') invalid++;
      const postcode = makePostcode(random, city);
      const number = Number(postcode.slice(0, 4));
      if (!isDutchPostcode(postcode) || number < city.postcodeFrom || number > city.postcodeTo) invalid++;
      if (!/^\d+([A-D]|-\d| bis)?$/.test(makeHouseNumber(random))) invalid++;
    }
    expect(invalid).toBe(0);
  });

  it('formats one mobile number in each documented way', () => {
    expect(mobileFormats.map((f) => formatMobile('612345678', f))).toEqual([...mobileFormats]);
  });
});
