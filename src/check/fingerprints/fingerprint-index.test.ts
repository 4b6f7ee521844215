import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Keyed } from '../../core/keyed.js';
import { valueForms } from '../../core/normalize.js';
import { LeakproofError } from '../../errors.js';
import {
  categoriesOf,
  categoryBit,
  FEW_PEOPLE,
  type FingerprintArrays,
  FingerprintBuilder,
  FingerprintIndex,
  Role,
} from './fingerprint-index.js';

const keyed = new Keyed('some test key');
const otherKeyed = new Keyed('some other test key');

/** Adds every form of a value, as fingerprinting a column does. */
function addValue(b: FingerprintBuilder, value: string, roles: number, holder: number | null) {
  for (const form of valueForms(value)) b.add('value', form, roles, 'identifier', holder);
}

describe('FingerprintBuilder and FingerprintIndex', () => {
  test('finds what was added, in its domain only', () => {
    const b = new FingerprintBuilder(keyed);
    const s = b.subject('public.person', '1');
    b.add('value', '123456782', Role.value, 'identifier', s);
    b.add('word', 'fatima', Role.first, 'name', s);
    const index = b.build();
    expect(index.size).toBe(2);
    const e = index.find('value', '123456782');
    expect(e).not.toBe(-1);
    expect(index.roles(e)).toBe(Role.value);
    expect(index.categories(e)).toEqual(['identifier']);
    expect([...index.holders(e)]).toEqual([s]);
    expect(index.subjects[s]).toEqual({ table: 'public.person', key: '1' });
    // The same text in another domain is another fingerprint.
    expect(index.find('word', '123456782')).toBe(-1);
    expect(index.find('value', 'fatima')).toBe(-1);
    expect(index.find('value', '111222333')).toBe(-1);
  });

  test('finds every one of many entries, and nothing else', () => {
    const b = new FingerprintBuilder(keyed);
    for (let i = 0; i < 3000; i++) b.add('value', `v${i}`, Role.value, 'other', b.subject('t', String(i)));
    const index = b.build();
    expect(index.size).toBe(3000);
    for (let i = 0; i < 3000; i++) {
      const e = index.find('value', `v${i}`);
      expect(e).not.toBe(-1);
      expect(index.subjects[index.holders(e)[0]!]!.key).toBe(String(i));
    }
    for (let i = 3000; i < 3100; i++) expect(index.find('value', `v${i}`)).toBe(-1);
  });

  test('an empty builder gives an empty index', () => {
    const index = new FingerprintBuilder(keyed).build();
    expect(index.size).toBe(0);
    expect(index.find('value', 'anything')).toBe(-1);
    expect(index.isReal('bsn', '123456782')).toBe(false);
  });

  test('findWithRole needs one of the roles, and takes the first text that has one', () => {
    const b = new FingerprintBuilder(keyed);
    b.add('word', 'jansen', Role.last, 'name', b.subject('t', '1'));
    b.add('word', 'jan', Role.first, 'name', b.subject('t', '1'));
    const index = b.build();
    expect(index.findWithRole('word', ['jansen'], Role.first)).toBe(-1);
    expect(index.findWithRole('word', ['jansen'], Role.last)).toBe(index.find('word', 'jansen'));
    expect(index.findWithRole('word', ['nobody', 'jansen', 'jan'], Role.first | Role.last)).toBe(
      index.find('word', 'jansen'),
    );
    expect(index.findWithRole('word', ['nobody'], 0xff)).toBe(-1);
  });

  test('holderCount counts distinct subjects once, plus every unlinked row', () => {
    const b = new FingerprintBuilder(keyed);
    const a = b.subject('t', '1');
    const c = b.subject('t', '2');
    expect(b.subject('t', '1')).toBe(a); // registered once
    b.add('value', 'shared', Role.value, 'other', a);
    b.add('value', 'shared', Role.value, 'other', a);
    b.add('value', 'shared', Role.value, 'other', c);
    b.add('value', 'shared', Role.value, 'other', null);
    b.add('value', 'shared', Role.value, 'other', null);
    b.add('value', 'mine', Role.value, 'other', c);
    b.add('value', 'mine', Role.value, 'other', c);
    const index = b.build();
    const shared = index.find('value', 'shared');
    expect(index.holderCount(shared)).toBe(4);
    expect([...index.holders(shared)].sort()).toEqual([a, c]);
    expect(index.arrays.unlinked[shared]).toBe(2);
    const mine = index.find('value', 'mine');
    expect(index.holderCount(mine)).toBe(1);
    expect([...index.holders(mine)]).toEqual([c]);
  });

  test('a subject is one per table and key', () => {
    const b = new FingerprintBuilder(keyed);
    expect(b.subject('a', '1')).not.toBe(b.subject('b', '1'));
    expect(b.subject('a', '1')).not.toBe(b.subject('a', '2'));
    expect(b.subject('b', '1')).toBe(b.subject('b', '1'));
  });

  test(`a rare value identifies only when at most ${FEW_PEOPLE} hold it`, () => {
    const b = new FingerprintBuilder(keyed);
    for (let i = 0; i < FEW_PEOPLE; i++)
      b.add('value', 'few', Role.rareValue, 'other', b.subject('t', `f${i}`));
    for (let i = 0; i <= FEW_PEOPLE; i++)
      b.add('value', 'many', Role.rareValue, 'other', b.subject('t', `m${i}`));
    // Unlinked rows count as holders too.
    for (let i = 0; i <= FEW_PEOPLE; i++) b.add('value', 'unlinked', Role.rareValue, 'other', null);
    // The same person many times is still one person.
    for (let i = 0; i < 10; i++) b.add('value', 'one', Role.rareValue, 'other', b.subject('t', 'one'));
    const index = b.build();
    expect(index.roles(index.find('value', 'few'))).toBe(Role.value);
    expect(index.roles(index.find('value', 'many'))).toBe(0);
    expect(index.roles(index.find('value', 'unlinked'))).toBe(0);
    expect(index.roles(index.find('value', 'one'))).toBe(Role.value);
    // Found as a value only when it identifies; still real for the generators either way.
    expect(index.findWithRole('value', ['many'], Role.value)).toBe(-1);
    expect(index.findWithRole('value', ['few'], Role.value)).not.toBe(-1);
    for (const e of [0, 1, 2, 3]) expect(index.roles(e) & Role.rareValue).toBe(0);
  });

  test('roles and categories of one digest merge', () => {
    const b = new FingerprintBuilder(keyed);
    const s = b.subject('t', '1');
    b.add('word', 'jordan', Role.first, 'name', s);
    b.add('word', 'jordan', Role.last, 'other', b.subject('t', '2'));
    b.add('value', 'x@y.nl', Role.value, 'contact', s);
    b.add('value', 'x@y.nl', Role.value, 'freeText', s);
    const index = b.build();
    const jordan = index.find('word', 'jordan');
    expect(index.roles(jordan)).toBe(Role.first | Role.last);
    expect(index.categories(jordan)).toEqual(['name', 'other']);
    const mail = index.find('value', 'x@y.nl');
    expect(index.categories(mail)).toEqual(['contact', 'freeText']);
    expect(index.holderCount(mail)).toBe(1);
  });

  test('categoryBit and categoriesOf are inverse', () => {
    expect(categoriesOf(categoryBit('birthDate') | categoryBit('identifier'))).toEqual([
      'identifier',
      'birthDate',
    ]);
    expect(categoriesOf(0)).toEqual([]);
  });

  test('a different key finds nothing', () => {
    const b = new FingerprintBuilder(keyed);
    addValue(b, '123456782', Role.value, b.subject('t', '1'));
    const index = b.build();
    const other = new FingerprintIndex(otherKeyed, index.arrays, index.subjects, {
      valueLengths: index.valueLengths,
    });
    expect(index.find('value', '123456782')).not.toBe(-1);
    expect(other.find('value', '123456782')).toBe(-1);
    expect(other.isReal('bsn', '123456782')).toBe(false);
    expect(other.keyId).not.toBe(index.keyId);
    expect(index.keyId).toBe(keyed.keyId);
  });
});

describe('FingerprintIndex.isReal', () => {
  const b = new FingerprintBuilder(keyed);
  const s = b.subject('public.person', '1');
  addValue(b, '123456782', Role.value, s);
  addValue(b, '06-12345678', Role.value, s);
  addValue(b, 'Fatima.Yilmaz@Example.nl', Role.value, s);
  addValue(b, 'NL91 ABNA 0417 1643 00', Role.value, s);
  // A rare value shared by many people still counts as real: a fake must not be it.
  for (let i = 0; i < 5; i++) addValue(b, 'V-7654321', Role.rareValue, b.subject('t', `x${i}`));
  b.add('word', 'fatima', Role.first, 'name', s);
  b.add('word', 'jansen', Role.last, 'name', s);
  b.add('word', 'tuesday', Role.combination, 'name', s);
  b.add('postcode', '1234AB', Role.postcode, 'address', s);
  const index = b.build();

  test('identifiers are real in any spelling', () => {
    for (const bsn of ['123456782', '1234.56.782', ' 123456782 '])
      expect(index.isReal('bsn', bsn)).toBe(true);
    for (const phone of ['06-12345678', '06 1234 5678', '+31 6 12345678', '+31612345678', '0612345678'])
      expect(index.isReal('phone', phone)).toBe(true);
    for (const email of ['fatima.yilmaz@example.nl', 'FATIMA.YILMAZ@EXAMPLE.NL'])
      expect(index.isReal('email', email)).toBe(true);
    for (const iban of ['NL91ABNA0417164300', 'nl91abna0417164300', 'NL91 ABNA 0417 1643 00'])
      expect(index.isReal('iban', iban)).toBe(true);
    expect(index.isReal('bsn', 'v-7654321')).toBe(true);
  });

  test('other values are not real', () => {
    expect(index.isReal('bsn', '111222333')).toBe(false);
    expect(index.isReal('phone', '06-12345679')).toBe(false);
    expect(index.isReal('email', 'fatima.yilmaz@example.com')).toBe(false);
    expect(index.isReal('iban', 'NL02ABNA0123456789')).toBe(false);
    expect(index.isReal('email', '')).toBe(false);
  });

  test('a name is real when any of its words is a real first or last name', () => {
    expect(index.isReal('name', 'Fatima Yilmaz')).toBe(true);
    expect(index.isReal('name', 'Anna Jansen')).toBe(true);
    expect(index.isReal('name', 'FATİMA')).toBe(true); // Turkish capital İ folds to i
    expect(index.isReal('name', 'Anna de Vries')).toBe(false);
    // A word known only as part of a combination is no name of its own.
    expect(index.isReal('name', 'Tuesday')).toBe(false);
  });

  test('a postcode is real in any spelling', () => {
    expect(index.isReal('postcode', '1234 ab')).toBe(true);
    expect(index.isReal('postcode', '1234AB')).toBe(true);
    expect(index.isReal('postcode', '1234 AC')).toBe(false);
    expect(index.isReal('postcode', 'not a postcode')).toBe(false);
  });
});

describe('FingerprintIndex constructor', () => {
  const good = (): FingerprintArrays => ({
    hi: Uint32Array.from([1, 2]),
    lo: Uint32Array.from([0, 0]),
    roles: new Uint8Array(2),
    categories: new Uint16Array(2),
    sources: new Uint16Array(2),
    unlinked: new Uint32Array(2),
    holderStart: Uint32Array.from([0, 1, 2]),
    holders: Uint32Array.from([0, 0]),
  });
  const subjects = [{ table: 't', key: '1' }];

  test('accepts arrays that fit', () => {
    expect(new FingerprintIndex(keyed, good(), subjects).size).toBe(2);
  });

  test.each([
    ['lo shorter', { lo: new Uint32Array(1) }],
    ['roles longer', { roles: new Uint8Array(3) }],
    ['categories shorter', { categories: new Uint16Array(1) }],
    ['unlinked shorter', { unlinked: new Uint32Array(0) }],
    ['holderStart too short', { holderStart: Uint32Array.from([0, 1]) }],
    ['holderStart too long', { holderStart: Uint32Array.from([0, 1, 2, 2]) }],
    ['holders not where holderStart ends', { holders: Uint32Array.from([0]) }],
    ['digests out of order', { hi: Uint32Array.from([2, 1]) }],
    ['a digest twice', { hi: Uint32Array.from([1, 1]) }],
  ])('rejects arrays that do not fit: %s', (_, change) => {
    const make = () => new FingerprintIndex(keyed, { ...good(), ...change }, subjects);
    expect(make).toThrow(LeakproofError);
    expect(make).toThrow(expect.objectContaining({ code: 'LP_FINGERPRINTS_INVALID' }));
  });
});

describe('the presence filter', () => {
  test('never hides a fingerprint: with and without it, every lookup gives the same entry', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 300 }),
        fc.array(fc.string({ maxLength: 12 }), { maxLength: 300 }),
        (added, others) => {
          const b = new FingerprintBuilder(keyed);
          for (const [i, text] of added.entries())
            b.add(i % 2 === 0 ? 'word' : 'value', text, Role.value, 'name', b.subject('public.p', String(i)));
          const filtered = b.build();
          // The same arrays without a filter, as an index read from a fingerprint file is.
          const unfiltered = new FingerprintIndex(keyed, filtered.arrays, { length: 0, at: () => undefined });
          for (const [i, text] of added.entries())
            expect(filtered.find(i % 2 === 0 ? 'word' : 'value', text)).not.toBe(-1);
          for (const text of [...added, ...others])
            for (const domain of ['value', 'word', 'postcode', 'combination'] as const)
              expect(filtered.find(domain, text)).toBe(unfiltered.find(domain, text));
        },
      ),
      { numRuns: 200 },
    );
  });
});
