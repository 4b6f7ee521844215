import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { charLength, fitLength, LengthIndexedList, matchCase } from './text.js';

describe('text helpers', () => {
  test('charLength counts code points like varchar(n) does', () => {
    expect(charLength('abc')).toBe(3);
    expect(charLength('😀é')).toBe(2);
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(charLength(s)).toBe([...s].length);
      }),
    );
  });

  test('fitLength cuts by code points and never splits a pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.nat(20), (s, n) => {
        const cut = fitLength(s, n);
        expect(charLength(cut)).toBe(Math.min(n, charLength(s)));
        expect(s.startsWith(cut)).toBe(true);
      }),
    );
    expect(fitLength('abc', null)).toBe('abc');
  });

  test('matchCase carries ALL CAPS and lower case over', () => {
    expect(matchCase('JAN', 'Sanne')).toBe('SANNE');
    expect(matchCase('jan', 'Sanne')).toBe('sanne');
    expect(matchCase('Jan', 'sanne')).toBe('sanne');
    expect(matchCase('J', 'Sanne')).toBe('Sanne');
    expect(matchCase('محمد', 'Sanne')).toBe('Sanne');
  });

  test('LengthIndexedList counts entries up to a length', () => {
    const list = new LengthIndexedList(['ccc', 'a', 'bb', 'dd', 'a', '']);
    expect(list.items).toEqual(['a', 'bb', 'dd', 'ccc']);
    expect([0, 1, 2, 3, 9, null].map((n) => list.upTo(n))).toEqual([0, 1, 3, 4, 4, 4]);
  });
});
