import { describe, expect, test } from 'vitest';
import { Keyed } from '../../core/keyed.js';
import type { ColumnModel } from '../../schema/model.js';
import { column } from '../../transforms/test-support.js';
import { FingerprintBuilder, type FingerprintIndex, Role } from './fingerprint-index.js';
import { combinationsOf, emptyParts, fingerprintRow, nameTokens } from './fingerprint-row.js';
import { type PersonalColumn, personalColumn } from './personal-columns.js';

const keyed = new Keyed('some test key');

function personal(transform: string, name: string, overrides: Partial<ColumnModel> = {}): PersonalColumn {
  const p = personalColumn(transform, column({ name, ...overrides }));
  if (p === null) throw new Error(`${transform} is not personal`);
  return p;
}

function indexOf(columns: PersonalColumn[], rows: (string | null)[][]): FingerprintIndex {
  const b = new FingerprintBuilder(keyed);
  rows.forEach((values, i) => {
    fingerprintRow(b, columns, values, b.subject('public.person', String(i + 1)));
  });
  return b.build();
}

describe('nameTokens', () => {
  test('a full name is taken apart like the fullName transform does, particles left out', () => {
    const parts = emptyParts();
    nameTokens('Jan-Willem van der Berg', 'fullName', parts);
    expect(parts.first).toEqual(['jan', 'willem']);
    expect(parts.last).toEqual(['berg']);
    const comma = emptyParts();
    nameTokens('YILMAZ, Fatima', 'fullName', comma);
    expect(comma).toMatchObject({ first: ['fatima'], last: ['yilmaz'] });
  });

  test('first and last name columns give every word their part, once', () => {
    const parts = emptyParts();
    nameTokens('Anne Marie', 'first', parts);
    nameTokens('de Vries', 'last', parts);
    nameTokens('DE VRIES', 'last', parts);
    expect(parts).toMatchObject({ first: ['anne', 'marie'], last: ['vries'] });
  });
});

describe('combinationsOf', () => {
  test('pairs first with last names, postcodes with house numbers, names with birth dates', () => {
    const parts = {
      ...emptyParts(),
      first: ['jan'],
      last: ['jansen', 'jan'],
      postcode: ['1234AB'],
      houseNumber: ['12'],
      birthDate: ['1990-05-17'],
    };
    const texts = combinationsOf(parts).map((c) => `${c.category}:${c.text.replace(/\0/g, '|')}`);
    expect(texts.sort()).toEqual(
      [
        'name:n|jan|jansen', // not jan + jan
        'address:a|1234AB|12',
        'birthDate:b|jan|1990-05-17',
        'birthDate:b|jansen|1990-05-17',
        'birthDate:b|jan|1990-05-17',
      ].sort(),
    );
  });

  test('no parts, no combinations', () => {
    expect(combinationsOf(emptyParts())).toEqual([]);
    expect(combinationsOf({ ...emptyParts(), first: ['jan'], postcode: ['1234AB'] })).toEqual([]);
  });
});

describe('fingerprintRow', () => {
  test('whole identifying values in every spelling, with their category and holder', () => {
    const index = indexOf(
      [personal('bsn', 'bsn'), personal('phone', 'phone')],
      [['1234.56.782', '06-12345678']],
    );
    expect(index.findWithRole('value', ['123456782'], Role.value)).not.toBe(-1);
    expect(index.categories(index.find('value', '123456782'))).toEqual(['identifier']);
    const phone = index.find('value', '+31612345678');
    expect(index.categories(phone)).toEqual(['contact']);
    expect(index.subjects[index.holders(phone)[0]!]).toEqual({ table: 'public.person', key: '1' });
    expect(index.isReal('phone', '+31 6 1234 5678')).toBe(true);
  });

  test('name parts are words, not values; their combination is one', () => {
    const index = indexOf(
      [personal('firstName', 'first_name'), personal('lastName', 'last_name')],
      [['Fatima', 'Yilmaz']],
    );
    expect(index.roles(index.find('word', 'fatima'))).toBe(Role.first);
    expect(index.roles(index.find('word', 'yilmaz'))).toBe(Role.last);
    expect(index.find('value', 'fatima')).toBe(-1);
    expect(index.findWithRole('combination', ['n\0fatima\0yilmaz'], Role.combination)).not.toBe(-1);
  });

  test('postcode, house number and birth date make their combinations', () => {
    const index = indexOf(
      [
        personal('lastName', 'last_name'),
        personal('postcode', 'postcode'),
        personal('houseNumber', 'nr', { category: 'integer', type: 'integer' }),
        personal('dateShift', 'date_of_birth', { category: 'date', type: 'date' }),
      ],
      [['Jansen', '1234 ab', '12', '1990-05-17']],
    );
    expect(index.findWithRole('postcode', ['1234AB'], Role.postcode)).not.toBe(-1);
    expect(index.find('combination', 'a\x001234AB\x0012')).not.toBe(-1);
    expect(index.find('combination', 'b\0jansen\x001990-05-17')).not.toBe(-1);
    expect(index.find('combination', 'a\x001234AB\x0013')).toBe(-1);
  });

  test('identifiers inside free text, but not the free text itself', () => {
    const note = 'Bel Jan op 06-12345678 of mail jan@example.nl, adres 1234 AB';
    const index = indexOf([personal('scrub', 'notes')], [[note]]);
    expect(index.isReal('phone', '0612345678')).toBe(true);
    expect(index.isReal('email', 'jan@example.nl')).toBe(true);
    expect(index.isReal('postcode', '1234AB')).toBe(true);
    expect(index.find('value', note.toLowerCase())).toBe(-1);
    expect(index.isReal('name', 'Jan')).toBe(false);
  });

  test('a rare value is fingerprinted only when identifier-shaped', () => {
    const index = indexOf([personal('redact', 'ref')], [['V-1234567'], ['approved'], ['12.50']]);
    expect(index.findWithRole('value', ['v-1234567'], Role.value)).not.toBe(-1);
    expect(index.find('value', 'approved')).toBe(-1);
    expect(index.find('value', '12.50')).toBe(-1);
  });

  test('array elements each, NULLs and missing values skipped', () => {
    const index = indexOf(
      [personal('email', 'emails', { isArray: true }), personal('bsn', 'bsn')],
      [['{a@example.nl,NULL,"b@example.nl"}'], [null, null]],
    );
    expect(index.isReal('email', 'a@example.nl')).toBe(true);
    expect(index.isReal('email', 'b@example.nl')).toBe(true);
    expect(index.isReal('email', 'null')).toBe(false);
  });
});
