/**
 * `pairedInRow`: the values of one row that, together with another value of the row, are one real
 * person's name pair or name and date of birth, as the check pairs them across columns.
 */
import { describe, expect, test } from 'vitest';
import { Keyed } from '../../core/keyed.js';
import { dateKey } from '../../core/normalize.js';
import { FingerprintBuilder, Role } from '../fingerprints/fingerprint-index.js';
import { combinationsOf, emptyParts } from '../fingerprints/fingerprint-row.js';
import { pairedInRow } from './real-values.js';
import { checkedText } from './value-texts.js';

const keyed = new Keyed('a test key for row pairs');

/** An index of two people, their name words and the combinations the fingerprinting makes. */
function twoPeople() {
  const builder = new FingerprintBuilder(keyed);
  const people = [
    { first: 'fatima', last: 'yilmaz', born: '1987-03-13' },
    { first: 'johan', last: 'bakker', born: '1990-11-02' },
  ];
  people.forEach((person, i) => {
    const holder = builder.subject('public.person', String(i + 1));
    builder.add('word', person.first, Role.first, 'name', holder);
    builder.add('word', person.last, Role.last, 'name', holder);
    const parts = emptyParts();
    parts.first.push(person.first);
    parts.last.push(person.last);
    parts.birthDate.push(dateKey(person.born)!);
    for (const { text, category } of combinationsOf(parts))
      builder.add('combination', text, Role.combination, category, holder);
  });
  return builder.build();
}

describe('pairedInRow', () => {
  const index = twoPeople();

  test("a name beside that person's date of birth in another column is paired; both columns are named", () => {
    // The date too: where the name is kept text no draw changes, only a new date breaks the pair.
    expect([...pairedInRow(index, ['17', 'Fatima', '1987-03-13'])].sort()).toEqual([1, 2]);
    expect([...pairedInRow(index, ['17', 'dear Johan,', null, '1990-11-02 00:00:00'])].sort()).toEqual([
      1, 3,
    ]);
  });

  test('first and last name of one person in two columns are paired, each column named', () => {
    expect([...pairedInRow(index, ['Fatima', 'YILMAZ', 'x'])].sort()).toEqual([0, 1]);
  });

  test('a name written many times in a row takes one place: a pair further on is still seen', () => {
    const note = Array.from({ length: 20 }, () => 'Johan').join(' ');
    expect([...pairedInRow(index, [note, 'Fatima', 'Yilmaz'])].sort()).toEqual([1, 2]);
  });

  test('parts of two different people, or a name with another date, are not', () => {
    expect(pairedInRow(index, ['Fatima', 'Bakker']).size).toBe(0);
    expect(pairedInRow(index, ['Fatima', '1990-11-02']).size).toBe(0);
    expect(pairedInRow(index, ['Fatima', '1987-03-14']).size).toBe(0);
    expect(pairedInRow(index, [null, null]).size).toBe(0);
  });

  test('a name inside the bytes of a file is paired once the row is read as the check reads it', () => {
    const bytes = Buffer.concat([
      Buffer.from([0x89, 0xfe, 0x01]),
      Buffer.from('Fatima'),
      Buffer.from([0x00, 0xff]),
    ]);
    const file = `\\x${bytes.toString('hex')}`;
    // As stored (hex), the bytes name nobody; as the check reads them, they hold a first name.
    expect(pairedInRow(index, [file, 'Yilmaz']).size).toBe(0);
    const bytea = { category: 'bytea', isArray: false } as const;
    expect([...pairedInRow(index, [checkedText(file, bytea), 'Yilmaz'])].sort()).toEqual([0, 1]);
  });

  test('a percent-encoded name and a name inside JSON are read decoded', () => {
    const text = { category: 'text', isArray: false } as const;
    const json = { category: 'json', isArray: false } as const;
    expect(checkedText('Fatima%20Yilmaz', text)).toContain('Fatima Yilmaz');
    expect(pairedInRow(index, [checkedText('{"n":"Johan"}', json), 'Bakker']).size).toBe(2);
  });
});
