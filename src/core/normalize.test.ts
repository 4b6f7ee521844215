import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, test } from 'vitest';
import {
  dateKey,
  datesIn,
  foldText,
  houseNumberKey,
  houseNumbersIn,
  postcodeKey,
  valueForms,
  wordsOf,
  wordsOfAnyScript,
} from './normalize.js';

/** True when the two spellings are known by at least one common form. */
const meet = (a: string, b: string) => valueForms(a).some((form) => valueForms(b).includes(form));

describe('foldText', () => {
  test('lower-cases, drops accents and folds compatibility forms', () => {
    expect(foldText('ÉMILE Müller')).toBe('emile muller');
    expect(foldText('Şükrü Çelik')).toBe('sukru celik');
    // Full-width letters and the 'ﬁ' ligature are compatibility forms of plain ones.
    expect(foldText('ＡＢＣ ﬁne')).toBe('abc fine');
  });

  test('accents written precomposed and decomposed fold alike', () => {
    expect(foldText('Ze\u0301nobe')).toBe(foldText('Zénobe'));
  });

  test('runs of white space become one space and the ends are trimmed', () => {
    expect(foldText('  Jan \t\n  Jansen\u00a0 ')).toBe('jan jansen');
    expect(foldText(' \t ')).toBe('');
  });
});

describe('valueForms', () => {
  test('a Dutch mobile number, however written, shares its E.164 form', () => {
    const spellings = ['06-12345678', '06 1234 5678', '+31 6 12345678', '+31612345678', '0031 6 12345678'];
    for (const spelling of spellings) expect(valueForms(spelling)).toContain('+31612345678');
  });

  test('a BSN plain, dotted and with its leading zero lost shares a form', () => {
    expect(valueForms('123456782')).toContain('123456782');
    expect(valueForms('1234.56.782')).toContain('123456782');
    expect(meet('123456782', '1234.56.782')).toBe(true);
    expect(valueForms('12345678')).toContain('012345678');
    expect(meet('12345678', '012345678')).toBe(true);
  });

  test('an IBAN with and without spaces and in lower case shares a form', () => {
    const compact = 'nl91abna0417164300';
    for (const spelling of [
      'NL91 ABNA 0417 1643 00',
      'NL91ABNA0417164300',
      'nl91abna0417164300',
      'nl91 abna 0417164300',
    ])
      expect(valueForms(spelling)).toContain(compact);
  });

  test('an e-mail address is known by its folded form', () => {
    expect(valueForms(' Jan.Jansen@Example.NL ')).toContain('jan.jansen@example.nl');
    expect(meet('Jan.Jansen@Example.NL', 'jan.jansen@example.nl')).toBe(true);
  });

  test('different values do not meet', () => {
    expect(meet('06-12345678', '06-12345679')).toBe(false);
    expect(meet('123456782', '111222333')).toBe(false);
    expect(meet('NL91ABNA0417164300', 'NL91ABNA0417164301')).toBe(false);
  });

  test('a blank value has no forms', () => {
    expect(valueForms('')).toEqual([]);
    expect(valueForms('  \t\n')).toEqual([]);
  });

  test('forms are distinct', () => {
    for (const v of ['+31612345678', '123456782', 'nl91abna0417164300']) {
      const forms = valueForms(v);
      expect(new Set(forms).size).toBe(forms.length);
    }
  });
});

describe('postcodeKey', () => {
  test('reads a Dutch postcode with or without space, in any case', () => {
    expect(postcodeKey('1234 ab')).toBe('1234AB');
    expect(postcodeKey('1234AB')).toBe('1234AB');
    expect(postcodeKey(' 9999 Zz ')).toBe('9999ZZ');
  });

  test('is null for what is not a postcode', () => {
    expect(postcodeKey('0123 AB')).toBeNull();
    expect(postcodeKey('123 AB')).toBeNull();
    expect(postcodeKey('1234 ABC')).toBeNull();
    expect(postcodeKey('Kerkstraat 1234 AB')).toBeNull();
    expect(postcodeKey('')).toBeNull();
  });
});

describe('houseNumberKey', () => {
  test('joins a number and its letter', () => {
    expect(houseNumberKey('12')).toBe('12');
    expect(houseNumberKey('12 A')).toBe('12a');
    expect(houseNumberKey('12a')).toBe('12a');
    expect(houseNumberKey(' 7 ')).toBe('7');
  });

  test('is null for what is not a house number', () => {
    expect(houseNumberKey('0')).toBeNull();
    expect(houseNumberKey('Kerkstraat')).toBeNull();
    expect(houseNumberKey('12 april')).toBeNull();
    expect(houseNumberKey('')).toBeNull();
  });

  // Regression: houseNumberKey drops the separator of a numeric addition, so `12-3` (number 12, addition 3)
  // gets the key '123', the same as house number 123; the doc comment says "`12-3` kept".
  test('keeps a numeric addition apart from the number', () => {
    expect(houseNumberKey('12-3')).not.toBe(houseNumberKey('123'));
  });

  // Regression: the optional addition `\d{1,3}` may follow the number without any separator, so any number
  // of up to 8 digits (an amount, a phone extension, an 8-digit BSN) "looks like" a house number.
  test('a number of more than five digits is no house number', () => {
    expect(houseNumberKey('12345678')).toBeNull();
  });
});

describe('dateKey', () => {
  test('reads ISO dates and timestamps', () => {
    expect(dateKey('1990-05-17')).toBe('1990-05-17');
    expect(dateKey('1990-05-17 10:00:00+00')).toBe('1990-05-17');
    expect(dateKey('1990-05-17T10:00:00Z')).toBe('1990-05-17');
  });

  test('reads dates written day first', () => {
    expect(dateKey('17-05-1990')).toBe('1990-05-17');
    expect(dateKey('17/5/1990')).toBe('1990-05-17');
    expect(dateKey('7.5.1990')).toBe('1990-05-07');
  });

  test('rejects days and months out of range, and what is not a date', () => {
    expect(dateKey('32-01-1990')).toBeNull();
    expect(dateKey('00-01-1990')).toBeNull();
    expect(dateKey('17-13-1990')).toBeNull();
    expect(dateKey('17-05-90')).toBeNull();
    expect(dateKey('born 17-05-1990')).toBeNull();
    expect(dateKey('19900517')).toBeNull();
  });

  // Regression: the ISO branch of dateKey returns any `dddd-dd-dd` unchecked, so '1990-13-45' is a "date"
  // while the day-first branch rejects month 13 ('17-13-1990' → null).
  test('rejects an ISO date with a month or day out of range', () => {
    expect(dateKey('1990-13-45')).toBeNull();
  });
});

describe('wordsOf', () => {
  test('gives folded keys with their positions', () => {
    const text = 'Dear Émile, hi';
    const words = wordsOf(text);
    expect(words.map((w) => w.key)).toEqual(['dear', 'emile', 'hi']);
    for (const w of words) expect(foldText(text.slice(w.start, w.end))).toBe(w.key);
    expect(words[1]).toMatchObject({ start: 5, end: 10 });
  });

  test('keeps inner apostrophes and skips one-letter words', () => {
    expect(wordsOf("a O'Brien x d’Ancona").map((w) => w.key)).toEqual(["o'brien", 'd’ancona']);
  });

  test('marks words written with a capital, and words in a script without case', () => {
    const byKey = Object.fromEntries(
      wordsOf('jan Fatima فاطمة ÖZTÜRK émile').map((w) => [w.key, w.capitalized]),
    );
    expect(byKey).toEqual({ jan: false, fatima: true, فاطمة: true, ozturk: true, emile: false });
  });

  test('digits and punctuation are no words', () => {
    expect(wordsOf('123 - 456 @ !!')).toEqual([]);
  });
});

describe('datesIn and houseNumbersIn', () => {
  test('find dates written in text, as keys, skipping impossible ones', () => {
    expect(datesIn('geboren 17-05-1990, ook 1991-01-02; niet 32-01-1990')).toEqual([
      '1990-05-17',
      '1991-01-02',
    ]);
    expect(datesIn('geen datum hier 2021')).toEqual([]);
  });

  test('find house numbers with their letter', () => {
    expect(houseNumbersIn('Kerkstraat 12a, Dorpsweg 7 B en Laan 3')).toEqual(['12a', '7b', '3']);
  });

  test('do not take parts of amounts, times or longer numbers as house numbers', () => {
    expect(houseNumbersIn('€ 12,50 om 10:30 tel 123456')).toEqual([]);
  });
});

describe('fast paths agree with the general ones', () => {
  test('ASCII words: the same words, keys, places and capitals as the any-script path', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 60 }), (text) => {
        expect(wordsOf(text)).toEqual(wordsOfAnyScript(text));
      }),
      { numRuns: 2000 },
    );
  });

  test('Dutch numbers in the common spellings get the E.164 form libphonenumber gives them', () => {
    const nine = fc.stringMatching(/^[1-9]\d{8}$/);
    fc.assert(
      fc.property(nine, fc.constantFrom('0', '+31', '0031'), (digits, prefix) => {
        const phone = parsePhoneNumberFromString(`0${digits}`, 'NL');
        fc.pre(phone?.isValid() === true);
        expect(valueForms(`${prefix}${digits}`)).toContain(phone!.number);
      }),
      { numRuns: 2000 },
    );
    expect(meet('06-12345678', '+31 6 1234 5678')).toBe(true);
    expect(meet('0031612345678', '+31612345678')).toBe(true);
  });
});
