/**
 * Words in a generated fake are no one's name: a fake city 'Den Haag' holds the surname 'Haag', and
 * with a fake (shifted) birth date that happens to be that person's real one, it must not read as
 * "name + date of birth". The same words in kept text do.
 */
import { expect, test } from 'vitest';
import { Keyed } from '../../core/keyed.js';
// The name lists the scanner asks about (`knownNames`); the copy loads them through its transforms.
import '../../transforms/names.js';
import { FingerprintBuilder, Role } from '../fingerprints/fingerprint-index.js';
import { combinationsOf, emptyParts, nameTokens } from '../fingerprints/fingerprint-row.js';
import { RowScanner, type ScanColumn } from './row-scanner.js';

const keyed = new Keyed('name words test key');

test('a surname inside a fake city plus a real birth date is no finding; inside kept text it is', () => {
  const builder = new FingerprintBuilder(keyed);
  const person = builder.subject('public.applicant', '1');
  const parts = emptyParts();
  nameTokens('Haag', 'last', parts);
  parts.birthDate.push('1990-05-17');
  for (const w of parts.last) builder.add('word', w, Role.last, 'name', person);
  for (const { text, category } of combinationsOf(parts))
    builder.add('combination', text, Role.combination, category, person);
  const index = builder.build();

  const scanner = new RowScanner(index, { detectors: true });
  const city = (nameWords: boolean): ScanColumn => ({
    name: 'city',
    shape: { category: 'text', isArray: false },
    produced: nameWords === false,
    nameWords,
  });
  const birth: ScanColumn = {
    name: 'date_of_birth',
    shape: { category: 'date', isArray: false },
    produced: true,
  };
  const fake = scanner.scanRow(
    'public.applicant',
    [city(false), birth],
    ['Den Haag', '1990-05-17'],
    () => 'id=1',
  );
  expect(fake).toEqual([]);
  const kept = scanner.scanRow(
    'public.applicant',
    [city(true), birth],
    ['Den Haag', '1990-05-17'],
    () => 'id=1',
  );
  expect(kept.map((f) => f.kind)).toEqual(['name+birthDate']);
});
