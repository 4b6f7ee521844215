import { describe, expect, test } from 'vitest';
import { Keyed } from '../../core/keyed.js';
import { valueForms } from '../../core/normalize.js';
import { column } from '../../transforms/test-support.js';
import { parseFingerprintFile, renderFingerprintFile } from './fingerprint-file.js';
import { type FingerprintArrays, FingerprintBuilder, FingerprintIndex, Role } from './fingerprint-index.js';
import { fingerprintRow } from './fingerprint-row.js';
import {
  countPeople,
  linkingForm,
  MAX_LINKED_RECORDS,
  numberPeople,
  PERSON_RULE,
  personLinks,
  UNLINKED_RULE,
  unlinkedPeople,
} from './person-links.js';
import { personalColumn } from './personal-columns.js';

const keyed = new Keyed('some test key');

interface SourceRecord {
  readonly table: string;
  readonly key: string;
  readonly first?: string;
  readonly last?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly code?: string;
}

/**
 * Fingerprints records as `fingerprintRow` does: every form of a strong value, the one every
 * spelling shares marked strong; names as words.
 */
function indexOf(records: readonly SourceRecord[]): { index: FingerprintIndex; subject: number[] } {
  const b = new FingerprintBuilder(keyed);
  const subject = records.map((r) => {
    const s = b.subject(r.table, r.key);
    for (const [value, category] of [
      [r.email, 'contact'],
      [r.phone, 'contact'],
    ] as const)
      if (value !== undefined) {
        const forms = valueForms(value);
        const link = linkingForm(forms);
        for (const form of forms)
          b.add('value', form, form === link ? Role.value | Role.strong : Role.value, category, s);
      }
    // A code identifies (when rare) but is no identifier of one person wherever it is: no link.
    if (r.code !== undefined) b.add('value', r.code, Role.rareValue, 'identifier', s);
    if (r.first !== undefined) b.add('word', r.first, Role.first, 'name', s);
    if (r.last !== undefined) b.add('word', r.last, Role.last, 'name', s);
    return s;
  });
  return { index: b.build(), subject };
}

const current = 'public.applicant';
const archive = 'archive.applicant';

const records: SourceRecord[] = [
  {
    table: current,
    key: '1',
    first: 'fatima',
    email: 'fatima.yilmaz@mailbox.test',
    phone: '+31 6 1234 5678',
  },
  { table: current, key: '2', first: 'jan', email: 'jan.jansen@mailbox.test' },
  { table: current, key: '3', first: 'olena', phone: '020-7654321' },
  // The same people in the archive, spelled otherwise: Fatima by her phone only, Jan by e-mail.
  { table: archive, key: '1', first: 'fatima', phone: '06-12345678' },
  { table: archive, key: '7', first: 'jan', email: 'JAN.JANSEN@MAILBOX.TEST' },
  { table: archive, key: '8', first: 'piet', email: 'piet@mailbox.test' },
  // One e-mail address in two cases.
  { table: current, key: '4', first: 'ahmed', email: 'ahmed@mailbox.test', phone: '0031 6 8888 7777' },
  { table: archive, key: '9', first: 'ahmed', email: 'Ahmed@Mailbox.Test' },
];

describe('personLinks', () => {
  test('records that share an e-mail address or a phone number, in any spelling, are one person', () => {
    const { index, subject } = indexOf(records);
    const links = personLinks(index);
    expect(links.rule).toBe(PERSON_RULE);
    expect(links.personOf).toHaveLength(records.length);
    const person = (i: number) => links.person(subject[i]!);
    expect(person(0)).toBe(person(3)); // Fatima: +31 6… and 06-…
    expect(person(1)).toBe(person(4)); // Jan: e-mail in capitals
    expect(person(6)).toBe(person(7));
    expect(new Set([person(0), person(1), person(2), person(5), person(6)]).size).toBe(5);
    expect(countPeople(subject, links)).toBe(5);
    // A person is named by its first record.
    expect(person(3)).toBe(subject[0]);
  });

  test('rows fingerprinted by fingerprintRow link through the form every spelling shares', () => {
    const b = new FingerprintBuilder(keyed);
    const columns = [
      personalColumn('firstName', column({ name: 'first_name' }))!,
      personalColumn('email', column({ name: 'email' }))!,
      personalColumn('phone', column({ name: 'phone' }))!,
    ];
    const rows: [string, string, (string | null)[]][] = [
      [current, '1', ['Fatima', 'fatima.yilmaz@mailbox.test', '+31 6 1234 5678']],
      [archive, '1', ['FATIMA', null, '06-12345678']],
      [archive, '2', ['Fatima', 'Fatima.Yilmaz@Mailbox.Test', null]],
      // Dots are part of an e-mail address: another address, another person.
      [archive, '3', ['Fatima', 'fatimayilmaz@mailbox.test', null]],
    ];
    const subject = rows.map(([table, key, values]) => {
      const s = b.subject(table, key);
      fingerprintRow(b, columns, values, s);
      return s;
    });
    // An office phone in two spellings, 12 records: one value, too shared to link anyone.
    const staff = Array.from({ length: MAX_LINKED_RECORDS + 2 }, (_, i) => {
      const s = b.subject('public.employee', String(i));
      fingerprintRow(b, columns, [null, null, i % 2 === 0 ? '020-5550000' : '+31 20 555 0000'], s);
      return s;
    });
    const links = personLinks(b.build());
    expect(countPeople(subject.slice(0, 3), links)).toBe(1);
    expect(countPeople(subject, links)).toBe(2);
    expect(countPeople(staff, links)).toBe(staff.length);
  });

  test('is computed once per index', () => {
    const { index } = indexOf(records);
    expect(personLinks(index)).toBe(personLinks(index));
  });

  test(`a value more than ${MAX_LINKED_RECORDS} records share (an office phone) links none of them`, () => {
    const staff: SourceRecord[] = Array.from({ length: MAX_LINKED_RECORDS + 2 }, (_, i) => ({
      table: 'public.employee',
      key: String(i),
      phone: i % 2 === 0 ? '020-5550000' : '+31 20 555 0000',
    }));
    const { index, subject } = indexOf(staff);
    expect(countPeople(subject, personLinks(index))).toBe(staff.length);
    expect(PERSON_RULE).toContain(`more than ${MAX_LINKED_RECORDS} records`);
  });

  test(`a value exactly ${MAX_LINKED_RECORDS} records share still links them`, () => {
    const same: SourceRecord[] = Array.from({ length: MAX_LINKED_RECORDS }, (_, i) => ({
      table: i < 5 ? current : archive,
      key: String(i),
      email: 'one.person@mailbox.test',
    }));
    const { index, subject } = indexOf(same);
    expect(countPeople(subject, personLinks(index))).toBe(1);
  });

  test('two records that share a phone but not a first name are two people (a household)', () => {
    const { index, subject } = indexOf([
      { table: current, key: '1', first: 'peter', last: 'thomas', phone: '06-11112222' },
      { table: current, key: '2', first: 'maria', last: 'thomas', phone: '06-11112222' },
      // 'thomas' is also somebody's first name: a word used both ways tells nobody apart.
      { table: current, key: '3', first: 'thomas', last: 'berg' },
      // No first name to compare with: linked to whichever record shares the value.
      { table: archive, key: '1', email: 'm.thomas@mailbox.test' },
      { table: current, key: '4', first: 'maria', email: 'm.thomas@mailbox.test' },
    ]);
    const links = personLinks(index);
    const person = (i: number) => links.person(subject[i]!);
    expect(person(0)).not.toBe(person(1));
    expect(person(3)).toBe(person(4));
    expect(countPeople(subject, links)).toBe(4);
  });

  test('a shared value that is no strong identifier links nobody', () => {
    const { index, subject } = indexOf([
      { table: current, key: '1', code: 'DIPL-2020-0042' },
      { table: archive, key: '1', code: 'DIPL-2020-0042' },
    ]);
    expect(countPeople(subject, personLinks(index))).toBe(2);
  });

  test('an index read from a fingerprint file links the same way', () => {
    const { index, subject } = indexOf(records);
    const facts = {
      createdAt: '2026-01-02T03:04:05.000Z',
      source: 'postgres://db.example/prod',
      policy: { file: 'leakproof.yaml', sha256: 'ab'.repeat(32) },
      subjectTables: [current, archive],
      rows: records.length,
      values: 20,
    };
    const loaded = parseFingerprintFile(renderFingerprintFile(index, facts), keyed, 'fp.json').index;
    expect([...personLinks(loaded).personOf]).toEqual([...personLinks(index).personOf]);
    expect(countPeople(subject, personLinks(loaded))).toBe(5);
  });

  test('an index that knows no subjects (handed to a worker) makes everyone a person of their own', () => {
    const { index, subject } = indexOf(records);
    const handed = FingerprintIndex.fromHandOver(keyed, index.handOver());
    expect(countPeople(subject, personLinks(handed))).toBe(records.length);
  });

  test('a million subjects are linked in typed arrays, quickly', () => {
    // Built from arrays directly: 500,000 e-mail addresses, each held by two records.
    const people = 500_000;
    const n = 2 * people;
    const hi = new Uint32Array(people);
    const lo = new Uint32Array(people);
    for (let e = 0; e < people; e++) lo[e] = e;
    const holderStart = new Uint32Array(people + 1);
    const holders = new Uint32Array(n);
    for (let e = 0; e < people; e++) {
      holderStart[e + 1] = 2 * (e + 1);
      // Record e of the current table and record e of the archive (numbered after the current one).
      holders[2 * e] = e;
      holders[2 * e + 1] = people + e;
    }
    const arrays: FingerprintArrays = {
      hi,
      lo,
      roles: new Uint8Array(people).fill(Role.value | Role.strong),
      categories: new Uint16Array(people),
      sources: new Uint16Array(people),
      unlinked: new Uint32Array(people),
      holderStart,
      holders,
    };
    const subjects = {
      length: n,
      at: (i: number) => ({ table: i < people ? current : archive, key: String(i) }),
    };
    const index = new FingerprintIndex(keyed, arrays, subjects);
    const started = performance.now();
    const links = personLinks(index);
    const seconds = (performance.now() - started) / 1000;
    expect(links.personOf).toBeInstanceOf(Uint32Array);
    expect(links.person(people + 123_456)).toBe(123_456);
    expect(countPeople(links.personOf, links)).toBe(people);
    expect(seconds).toBeLessThan(10);
  });
});

describe('numberPeople', () => {
  test('numbers people 1, 2, … by their first record and lists each person’s records together', () => {
    const personOf = Uint32Array.from([0, 1, 2, 0, 1, 5]);
    const links = { rule: PERSON_RULE, personOf, person: (s: number) => personOf[s] ?? s };
    expect(numberPeople([0, 1, 2, 3, 4, 5, 9], links)).toEqual([
      { subject: 0, person: 1 },
      { subject: 3, person: 1 },
      { subject: 1, person: 2 },
      { subject: 4, person: 2 },
      { subject: 2, person: 3 },
      { subject: 5, person: 4 },
      { subject: 9, person: 5 },
    ]);
  });

  test('without links every record is a person', () => {
    const links = unlinkedPeople();
    expect(links.rule).toBe(UNLINKED_RULE);
    expect(numberPeople([4, 2], links)).toEqual([
      { subject: 4, person: 1 },
      { subject: 2, person: 2 },
    ]);
    expect(countPeople([4, 2, 4], links)).toBe(2);
  });
});
