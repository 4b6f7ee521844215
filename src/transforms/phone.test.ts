import fc from 'fast-check';
import { type CountryCode, getExampleNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import mobileExamples from 'libphonenumber-js/mobile/examples';
import { describe, expect, test } from 'vitest';
import { fakePhone } from './phone.js';
import { keyed, make, otherKeyed, varchar } from './test-support.js';

const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
/** Generated Dutch mobiles (06-1…5, 8) and fixed lines (area codes 10–79), as national digits. */
const nlMobile = fc
  .tuple(fc.constantFrom('1', '2', '3', '4', '5', '8'), digits(7))
  .map(([a, b]) => `6${a}${b}`);
const nlFixed = fc
  .tuple(
    fc.constantFrom('10', '13', '20', '30', '33', '40', '50', '70', '71', '118', '162', '513'),
    digits(7),
  )
  .map(([area, rest]) => (area + rest).slice(0, 9))
  .filter((n) => parsePhoneNumberFromString(`+31${n}`)?.getType() === 'FIXED_LINE');

/** The ways people write a national number `n`. */
const styles: ((n: string) => string)[] = [
  (n) => `+31${n}`,
  (n) => `0031${n}`,
  (n) => `0${n}`,
  (n) => parsePhoneNumberFromString(`+31${n}`)!.formatInternational(),
  (n) => parsePhoneNumberFromString(`+31${n}`)!.formatNational(),
  (n) => parsePhoneNumberFromString(`+31${n}`)!.formatNational().replace(' ', '-').replace(/ /g, ''),
];

function styleOf(written: string): string {
  const prefix = written.startsWith('+') ? '+' : written.startsWith('00') ? '00' : '0';
  return prefix + (/\s/.test(written) ? 's' : written.includes('-') ? '-' : '');
}

function parse(written: string) {
  const number = parsePhoneNumberFromString(
    written.startsWith('00') ? `+${written.slice(2)}` : written,
    'NL',
  );
  expect(number?.isValid()).toBe(true);
  return number!;
}

describe('phone', () => {
  test('Dutch mobiles become valid Dutch mobiles, written in the same style', () => {
    fc.assert(
      fc.property(nlMobile, fc.constantFrom(...styles), (national, style) => {
        const input = style(national);
        const fake = fakePhone(keyed, input, null);
        const parsed = parse(fake);
        expect(parsed.country).toBe('NL');
        expect(parsed.getType()).toBe('MOBILE');
        expect(styleOf(fake)).toBe(styleOf(input));
        // One number however written: the digits of the fake do not depend on the style.
        expect(parsed.number).toBe(parse(fakePhone(keyed, `+31${national}`, null)).number);
        expect(fakePhone(otherKeyed, input, null)).not.toBe(fake);
      }),
      { numRuns: 1000 },
    );
  });

  test('Dutch fixed lines become valid Dutch fixed lines, written in the same style', () => {
    fc.assert(
      fc.property(nlFixed, fc.constantFrom(...styles), (national, style) => {
        const input = style(national);
        const fake = fakePhone(keyed, input, null);
        const parsed = parse(fake);
        expect(parsed.country).toBe('NL');
        expect(parsed.getType()).toBe('FIXED_LINE');
        expect(styleOf(fake)).toBe(styleOf(input));
      }),
      { numRuns: 1000 },
    );
  });

  test('the shortcut formatting of Dutch numbers is what libphonenumber writes', () => {
    fc.assert(
      fc.property(fc.oneof(nlMobile, nlFixed), (national) => {
        const fake = fakePhone(keyed, `+31 ${national}`, null);
        const library = parse(fake);
        expect(fake).toBe(library.formatInternational());
        expect(fakePhone(keyed, `0${national}`.replace(/^(\d{3})/, '$1 '), null)).toBe(
          library.formatNational(),
        );
      }),
      { numRuns: 500 },
    );
  });

  test('foreign mobiles keep their country and stay mobile', () => {
    const countries: CountryCode[] = ['DE', 'BE', 'GB', 'FR', 'TR', 'MA', 'PL', 'SY', 'UA', 'IN', 'BR', 'SR'];
    for (const country of countries) {
      const example = getExampleNumber(country, mobileExamples)!;
      for (const input of [example.number, example.formatInternational()]) {
        const parsed = parse(fakePhone(keyed, input, null));
        expect(parsed.country).toBe(country);
        expect(['MOBILE', 'FIXED_LINE_OR_MOBILE']).toContain(parsed.getType());
        expect(parsed.number).not.toBe(example.number);
      }
    }
  });

  test('mobiles of nearly every country keep their country', () => {
    const countries = Object.keys(mobileExamples) as CountryCode[];
    const kept = countries.filter((country) => {
      const example = getExampleNumber(country, mobileExamples);
      return example !== undefined && parse(fakePhone(keyed, example.number, null)).country === country;
    });
    expect(kept.length / countries.length).toBeGreaterThan(0.9);
  });

  test('foreign fixed lines keep their country and stay fixed', () => {
    for (const input of ['+49 30 901820', '+32 2 555 12 34', '+33 1 23 45 67 89', '+90 212 555 12 34']) {
      const original = parse(input);
      expect(original.getType()).toBe('FIXED_LINE');
      const parsed = parse(fakePhone(keyed, input, null));
      expect(parsed.country).toBe(original.country);
      expect(parsed.getType()).toBe('FIXED_LINE');
    }
  });

  test('anything unreadable becomes a valid Dutch mobile', () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        parse(fakePhone(keyed, input, null)); // valid, whatever came in
      }),
      { numRuns: 500 },
    );
    expect(parse(fakePhone(keyed, 'onbekend', null)).getType()).toBe('MOBILE');
  });

  test('fits the column: styling goes first, then digits are cut', () => {
    const ten = make('phone', {}, varchar(10));
    expect(ten('+31 6 12345678')).toMatch(/^06\d{8}$/);
    const twelve = make('phone', {}, varchar(12));
    expect(twelve('+31 6 12345678')).toMatch(/^\+316\d{8}$/);
    expect(() => make('phone', {}, varchar(9))).toThrow(/at least 10/);
  });
});
