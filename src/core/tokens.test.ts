import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { digitKeysOf, digitRunsOf, finerTokensOf, isCalendarDate, tokensOf, withoutDates } from './tokens.js';

const keys = (text: string) => tokensOf(text).map((t) => t.key);

describe('tokens', () => {
  test('any character that is not a letter or digit is a boundary', () => {
    expect(keys('paspoort_Jansen_43.pdf')).toEqual(['paspoort', 'jansen', '43', 'pdf']);
    expect(keys('Jan.Jansen@Example.NL')).toEqual(['jan', 'jansen', 'example', 'nl']);
    expect(keys('?name=Jan%20Jansen&tel=06')).toEqual(['name', 'jan', '20jansen', 'tel', '06']);
  });

  test('case and accents are folded, in any script; offsets point into the text', () => {
    expect(keys('GRÖTZINGER Ñúñez')).toEqual(['grotzinger', 'nunez']);
    expect(keys('Ольга Иванова')).toEqual(['ольга', 'иванова']);
    const text = 'x Grötzinger y';
    const [, t] = tokensOf(text);
    expect(text.slice(t!.start, t!.end)).toBe('Grötzinger');
    // A decomposed accent stays with its letter.
    expect(keys('Gro\u0308tzinger')).toEqual(['grotzinger']);
  });

  test('finer tokens split letters from digits and camelCase; null when nothing splits', () => {
    const text = 'paspoortJansen43.pdf';
    const finer = finerTokensOf(text, tokensOf(text))!;
    expect(finer.map((t) => t.key)).toEqual(['paspoort', 'jansen', '43', 'pdf']);
    expect(finer.map((t) => text.slice(t.start, t.end))).toEqual(['paspoort', 'Jansen', '43', 'pdf']);
    expect(finerTokensOf('plain words only', tokensOf('plain words only'))).toBeNull();
  });

  test('the ASCII path gives the same tokens as the Unicode one', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii' }), (s) => {
        const ascii = tokensOf(s);
        const unicode = tokensOf(`${s} é`).filter((t) => t.end <= s.length);
        expect(unicode).toEqual(ascii);
      }),
    );
  });
});

describe('digit runs', () => {
  test('grouped any way, keyed by their last 9 digits', () => {
    const key = (t: string) => digitRunsOf(t).map((r) => r.key);
    expect(key('bel 06-12345678')).toEqual(['612345678']);
    expect(key('+31 6 1234 5678')).toEqual(['612345678']);
    expect(key('(020) 123 4567')).toEqual(['201234567']);
    expect(key('06-0123 456')).toEqual(['060123456']);
    expect(key('1234.56.782')).toEqual(['123456782']);
    expect(key('order 123456 and 42')).toEqual([]);
  });

  test('calendar dates, with their time, are not digit runs', () => {
    expect(digitRunsOf('geboren 17-05-1990, gebeld 2024-03-12 10:15')).toEqual([]);
    expect(digitRunsOf('"at": "2024-03-12T10:15:00.123Z"')).toEqual([]);
    expect(isCalendarDate('1990-05-17')).toBe(true);
    expect(isCalendarDate('99-99-1990')).toBe(false);
    expect(withoutDates('a 1990-05-17 b')).toBe('a ########## b');
    // Not a date: a phone number in three groups.
    expect(digitRunsOf('06 12 345678').map((r) => r.key)).toEqual(['612345678']);
  });

  test('a target text yields the key of every way a source run can sit in it', () => {
    const found = (t: string) => new Set(digitKeysOf(t).map((r) => r.key));
    expect(found('+31 6 12 34 56 78').has('612345678')).toBe(true);
    expect(found('06 12345678 / 020 1234567').has('612345678')).toBe(true);
    expect(found('06 12345678 / 020 1234567').has('201234567')).toBe(true);
    expect(found('0031 6 12345678').has('612345678')).toBe(true);
  });

  test('every source run is among the target keys of the same text', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.stringMatching(/^\d{1,4}$/), fc.constantFrom(' ', '-', '.', '/', ' - ', 'ab', ', ')),
          {
            maxLength: 12,
          },
        ),
        (parts) => {
          const text = parts.join('');
          const targetKeys = new Set(digitKeysOf(text).map((r) => r.key));
          for (const run of digitRunsOf(text)) expect(targetKeys.has(run.key)).toBe(true);
        },
      ),
    );
  });
});
