import { describe, expect, test } from 'vitest';
import { genderValue, hintOf, linkedColumnsOf, nationalityLocales } from './name-links.js';
import type { RowValues } from './transform.js';

const row = (values: Record<string, string | null>): RowValues => ({
  source: (column) => values[column] ?? null,
  written: () => null,
});

describe('nationality values', () => {
  test.each([
    [
      ['Syria', 'Syrië', 'SY', 'SYR', 'syrisch'],
      ['ar', 'ku_kmr_latin'],
    ],
    [
      ['Eritrea', 'ER', 'Eritrese'],
      ['ar', 'en_NG'],
    ],
    [['Turkey', 'Turkije', 'Türkiye', 'TR', 'Turks'], ['tr']],
    [['Poland', 'Polen', 'PL', 'Poolse'], ['pl']],
    [
      ['Ukraine', 'Oekraïne', 'UA', 'Oekraïense'],
      ['uk', 'uk_latin'],
    ],
    [
      ['Morocco', 'Marokko', 'MA', 'Marokkaanse'],
      ['ar', 'fr_SN'],
    ],
    [['Netherlands', 'Nederland', 'NL', ' nederlandse ', 'The Netherlands'], ['nl']],
  ])('%j', (values, locales) => {
    for (const value of values) expect(nationalityLocales(value), value).toEqual(locales);
  });

  test('unknown values and NULL say nothing', () => {
    for (const value of ['Atlantis', '', 'XX', null]) expect(nationalityLocales(value)).toBeUndefined();
  });
});

test('gender values', () => {
  for (const value of ['M', 'm', 'male', 'Man', 'mannelijk', '1'])
    expect(genderValue(value), value).toBe('male');
  for (const value of ['F', 'V', 'v', 'female', 'vrouw', 'Vrouwelijk', '2'])
    expect(genderValue(value), value).toBe('female');
  for (const value of ['X', 'onbekend', '0', '', null]) expect(genderValue(value)).toBeUndefined();
});

test('a hint from the row, only for what the links name and the values say', () => {
  const links = { nationality: 'land', gender: 'geslacht' };
  expect(linkedColumnsOf(links)).toEqual(['land', 'geslacht']);
  expect(linkedColumnsOf({})).toEqual([]);
  expect(hintOf(links, row({ land: 'Turkije', geslacht: 'V' }))).toEqual({
    locales: ['tr'],
    gender: 'female',
  });
  expect(hintOf(links, row({ land: 'Atlantis', geslacht: 'M' }))).toEqual({ gender: 'male' });
  expect(hintOf(links, row({ land: null, geslacht: null }))).toBeUndefined();
  expect(hintOf(links, undefined)).toBeUndefined();
  expect(hintOf({}, row({ land: 'Turkije' }))).toBeUndefined();
});
