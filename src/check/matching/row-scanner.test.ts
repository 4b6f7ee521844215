/**
 * Fingerprints of a few source rows (fingerprintRow) against target rows (RowScanner.scanRow): what
 * a real value, a combination of parts of one person, and a detector hit look like, and what must
 * stay quiet (fakes, values of different people, identifiers in columns Leakproof wrote).
 */
import { describe, expect, test } from 'vitest';
import { Keyed } from '../../core/keyed.js';
import type { ColumnModel } from '../../schema/model.js';
import { fakeBsn } from '../../transforms/bsn.js';
import { fakeEmail } from '../../transforms/email.js';
import { fakeIban } from '../../transforms/iban.js';
import { fakePhone } from '../../transforms/phone.js';
import { bsnFromPrefix, column, dutchIban } from '../../transforms/test-support.js';
import { FingerprintBuilder, FingerprintIndex } from '../fingerprints/fingerprint-index.js';
import { fingerprintRow } from '../fingerprints/fingerprint-row.js';
import { type PersonalColumn, personalColumn } from '../fingerprints/personal-columns.js';
import { RowScanner, type ScanColumn, type TracedFinding } from './row-scanner.js';

const keyed = new Keyed('some test key');

function personal(transform: string, name: string, overrides: Partial<ColumnModel> = {}): PersonalColumn {
  const p = personalColumn(transform, column({ name, ...overrides }));
  if (p === null) throw new Error(`${transform} is not personal`);
  return p;
}

/** The source table `public.person`, and one unlinked table. */
const sourceColumns: PersonalColumn[] = [
  personal('bsn', 'bsn'),
  personal('email', 'email'),
  personal('phone', 'phone'),
  personal('iban', 'iban'),
  personal('firstName', 'first_name'),
  personal('lastName', 'last_name'),
  personal('postcode', 'postcode'),
  personal('houseNumber', 'house_number', { category: 'integer', type: 'integer' }),
  personal('dateShift', 'date_of_birth', { category: 'date', type: 'date' }),
  personal('scrub', 'notes'),
  personal('email', 'other_emails', { isArray: true }),
];

const ibanA = 'NL91 ABNA 0417 1643 00';
const ibanB = dutchIban('RABO', 123456789);
const people = [
  {
    key: '1',
    values: [
      '123456782',
      'Fatima.Yilmaz@Example.nl',
      '06-12345678',
      ibanA,
      'Fatima',
      'Yilmaz',
      '1234 AB',
      '12',
      '1990-05-17',
      'Tweede nummer: 06-45678901',
      '{fatima@home.example.org}',
    ],
  },
  {
    key: '2',
    values: [
      '111222333',
      'jan.jansen@example.org',
      '06-23456789',
      ibanB,
      'Jan',
      'Jansen',
      '9999 ZZ',
      '7',
      '1985-01-02',
      null,
      null,
    ],
  },
  {
    key: '3',
    values: [null, null, null, null, 'Piet', 'Zwartkruis', '3511 AA', '5', '1970-12-31', null, null],
  },
];

const validBsn = (prefix: number) => {
  const bsn = bsnFromPrefix(prefix);
  if (bsn === null) throw new Error('no BSN with this prefix');
  return bsn;
};
/** The BSN of a row in a table that links to no subject. */
const unlinkedBsn = validBsn(22_233_344);

/** Every plain value planted in the source, to check no finding repeats one. */
const plainValues = people.flatMap((p) => p.values.filter((v): v is string => v !== null));

function buildIndex(k: Keyed = keyed): { index: FingerprintIndex; subject: Record<string, number> } {
  const b = new FingerprintBuilder(k);
  const subject: Record<string, number> = {};
  const ids = sourceColumns.map((c) => b.column(`public.person.${c.name}`));
  for (const p of people) {
    subject[p.key] = b.subject('public.person', p.key);
    fingerprintRow(b, sourceColumns, p.values, subject[p.key]!, ids);
  }
  // A row of a table that links to no subject.
  fingerprintRow(b, [personal('bsn', 'bsn')], [unlinkedBsn], null);
  return { index: b.build(), subject };
}

const { index, subject } = buildIndex();
const A = subject['1']!;
const B = subject['2']!;
const C = subject['3']!;

const kept = (
  name: string,
  category: ScanColumn['shape']['category'] = 'text',
  isArray = false,
): ScanColumn => ({
  name,
  shape: { category, isArray },
  produced: false,
});
const produced = (name: string, category: ScanColumn['shape']['category'] = 'text'): ScanColumn => ({
  name,
  shape: { category, isArray: false },
  produced: true,
});

const verifier = new RowScanner(index, { detectors: true });
const breachScanner = new RowScanner(index, { detectors: false });

/** Scans one row of `public.export`; the row key is its position. */
function scan(columns: ScanColumn[], values: (string | null)[], scanner = verifier): TracedFinding[] {
  return scanner.scanRow('public.export', columns, values, () => '#1');
}

/** The findings without table and row, for compact expectations. */
const brief = (findings: TracedFinding[]) =>
  findings.map((f) => ({ column: f.column, check: f.check, kind: f.kind, holders: [...f.holders] }));

/** A valid BSN that is nobody's in the source. */
const strangerBsn = validBsn(24_681_358);

describe('fingerprint hits', () => {
  test('a real BSN in a kept text column: one finding, masked, pointing at its person', () => {
    for (const value of ['123456782', '1234.56.782', 'Klant 123456782 belde gisteren']) {
      const findings = scan([kept('id', 'integer'), kept('note')], ['100', value]);
      expect(findings).toHaveLength(1);
      const [f] = findings;
      expect(f).toMatchObject({
        table: 'public.export',
        row: '#1',
        column: 'note',
        check: 'fingerprint',
        kind: 'bsn',
        categories: ['identifier'],
        sharedBy: 1,
      });
      expect(f!.holders).toEqual([A]);
      expect(f!.sample).toMatch(/^1•+82$/);
    }
  });

  test('a real BSN in an integer column, its leading zero lost', () => {
    const b = new FingerprintBuilder(keyed);
    fingerprintRow(b, [personal('bsn', 'bsn')], ['012345672'], b.subject('public.person', '9'));
    const scanner = new RowScanner(b.build(), { detectors: true });
    const findings = scanner.scanRow('public.export', [kept('nr', 'integer')], ['12345672'], () => '#1');
    expect(brief(findings)).toEqual([{ column: 'nr', check: 'fingerprint', kind: 'bsn', holders: [0] }]);
  });

  test('a real phone number written differently inside free text', () => {
    const findings = scan([kept('note')], ['Bel haar op +31 6 12345678 na vijven']);
    expect(brief(findings)).toEqual([{ column: 'note', check: 'fingerprint', kind: 'phone', holders: [A] }]);
    expect(findings[0]!.categories).toEqual(['contact']);
    expect(brief(scan([kept('tel')], ['0031612345678']))).toEqual([
      { column: 'tel', check: 'fingerprint', kind: 'phone', holders: [A] },
    ]);
  });

  test('a real e-mail address inside a text array element and inside nested JSON', () => {
    const inArray = scan(
      [kept('tags', 'text', true)],
      ['{vip,"mail naar FATIMA.YILMAZ@example.nl graag",NULL}'],
    );
    expect(brief(inArray)).toEqual([{ column: 'tags', check: 'fingerprint', kind: 'email', holders: [A] }]);
    const doc = JSON.stringify({
      meta: { history: [{ by: 'system' }, { to: ['x', 'cc: jan.jansen@example.org'] }] },
    });
    expect(brief(scan([kept('payload', 'json')], [doc]))).toEqual([
      { column: 'payload', check: 'fingerprint', kind: 'email', holders: [B] },
    ]);
  });

  test('a real IBAN, grouped or compact', () => {
    expect(brief(scan([kept('rekening')], ['NL91ABNA0417164300']))).toEqual([
      { column: 'rekening', check: 'fingerprint', kind: 'iban', holders: [A] },
    ]);
    expect(
      brief(scan([kept('note')], [`Terugbetalen op ${ibanB.replace(/(.{4})/g, '$1 ').trim()} svp`])),
    ).toEqual([{ column: 'note', check: 'fingerprint', kind: 'iban', holders: [B] }]);
  });

  // Regression: findIdentifiers' IBAN pattern takes capitals only, so a real IBAN written in lower case
  // inside free text is not found at all (valueForms makes `nl91abna…` meet `NL91 ABNA …` only for a
  // whole value); the same IBAN as a whole value is found, but reported with kind 'value'.
  test('a real IBAN in lower case inside free text is found as an IBAN', () => {
    expect(brief(scan([kept('note')], ['rekening nl91abna0417164300 graag']))).toEqual([
      { column: 'note', check: 'fingerprint', kind: 'iban', holders: [A] },
    ]);
  });

  test('an identifier from the source’s free text, an array element, and an unlinked table', () => {
    expect(brief(scan([kept('note')], ['nummer 06 4567 8901']))).toEqual([
      { column: 'note', check: 'fingerprint', kind: 'phone', holders: [A] },
    ]);
    expect(brief(scan([kept('mail')], ['fatima@home.example.org']))).toEqual([
      { column: 'mail', check: 'fingerprint', kind: 'email', holders: [A] },
    ]);
    const unlinked = scan([kept('note')], [`BSN ${unlinkedBsn}`]);
    expect(brief(unlinked)).toEqual([{ column: 'note', check: 'fingerprint', kind: 'bsn', holders: [] }]);
  });

  // Regression: fingerprintRow adds a BSN/e-mail/phone/IBAN of a text column twice for one row, once as the
  // whole value and once as the identifier found inside it (`inside` is true for text columns);
  // for a subject the holder is de-duplicated, but each add of an unlinked row (holder null) counts,
  // so one unlinked row holding one BSN gives sharedBy 2, and two such rows give 4 > FEW_PEOPLE:
  // FindingTally then counts a leak of that BSN as a value many people share.
  test('one unlinked row holding a value counts as one holder', () => {
    const unlinked = scan([kept('note')], [`BSN ${unlinkedBsn}`]);
    expect(unlinked[0]!.sharedBy).toBe(1);
  });

  test('a name only one person has and no name list holds is found alone, in any case and inside a file name', () => {
    const findings = scan([kept('note')], ['Gesprek met mevrouw Zwartkruis over de aanvraag']);
    expect(brief(findings)).toEqual([{ column: 'note', check: 'fingerprint', kind: 'name', holders: [C] }]);
    expect(findings[0]!.source).toBe('public.person.last_name');
    expect(brief(scan([kept('note')], ['het zwartkruis van de kerk']))).toHaveLength(1);
    expect(brief(scan([kept('file')], ['paspoort_zwartkruis_43.pdf']))).toHaveLength(1);
    // A listed surname alone is a pair's half, not a person.
    expect(scan([kept('note')], ['Gesprek met mevrouw Jansen'])).toEqual([]);
  });

  test('a digit run of the source is found however it is grouped, valid or not', () => {
    for (const written of ['0612345678', '+31 6 12 34 56 78', '06 1234 5678', 'tel:0031612345678'])
      expect(brief(scan([kept('note')], [`bel ${written} s.v.p.`])), written).toHaveLength(1);
    expect(scan([kept('note')], ['bel 06 9876 5432'])).toEqual([]);
  });

  test('a kept key holds numbers the system counts: a digit run of the source there is not reported, a whole value is', () => {
    const number = kept('n', 'integer');
    const key: ScanColumn = { ...number, name: 'id', surrogateKey: true };
    // '0417164300' is only a digit run inside an IBAN of the source (its account number).
    expect(brief(scan([number], ['0417164300']))).toHaveLength(1);
    expect(scan([key], ['0417164300'])).toEqual([]);
    expect(brief(scan([key], ['123456782']))).toHaveLength(1);
  });

  test('the same value in every column gives one finding per column', () => {
    const findings = scan([kept('a'), kept('b')], ['123456782', '123456782']);
    expect(findings.map((f) => f.column)).toEqual(['a', 'b']);
  });
});

describe('combinations', () => {
  test('first and last name of one person in one note', () => {
    const findings = scan([kept('note')], ['Gesprek met Fatima Yilmaz over haar diploma']);
    expect(brief(findings)).toEqual([{ column: 'note', check: 'combination', kind: 'name', holders: [A] }]);
    expect(findings[0]!.categories).toEqual(['name']);
    expect(findings[0]!.sample).toBe('F••••a + Y••••z');
  });

  test('first and last name of one person in two columns', () => {
    const findings = scan([kept('voornaam'), kept('achternaam')], ['FATIMA', 'yilmaz']);
    expect(brief(findings)).toEqual([
      { column: 'voornaam+achternaam', check: 'combination', kind: 'name', holders: [A] },
    ]);
  });

  test('a first name of one person and a last name of another: nothing', () => {
    expect(scan([kept('note')], ['Gesprek met Fatima Jansen'])).toEqual([]);
    expect(scan([kept('note')], ['Jan Yilmaz belde'])).toEqual([]);
    expect(scan([kept('voornaam'), kept('achternaam')], ['Jan', 'Yilmaz'])).toEqual([]);
  });

  test('postcode and house number of one person in two kept columns', () => {
    // The postcode alone is one person's too (a value few people hold), and so is the pair.
    const findings = scan([kept('pc'), kept('nr', 'integer')], ['1234 ab', '12']).filter(
      (f) => f.check === 'combination',
    );
    expect(brief(findings)).toEqual([
      { column: 'pc+nr', check: 'combination', kind: 'postcode+houseNumber', holders: [A] },
    ]);
    expect(findings[0]!.categories).toEqual(['address']);
    expect(
      brief(scan([kept('pc'), kept('nr')], ['1234AB', '12 '])).filter((f) => f.check === 'combination'),
    ).toHaveLength(1);
  });

  test('postcode and house number of one person inside one note', () => {
    const findings = scan([kept('note')], ['Verhuisd naar Dorpsstraat 7, 9999 ZZ Ergens']);
    expect(findings.filter((f) => f.check === 'combination').map((f) => [f.kind, [...f.holders]])).toEqual([
      ['postcode+houseNumber', [B]],
    ]);
  });

  test('postcode of one person and house number of another: nothing', () => {
    expect(
      scan([kept('pc'), kept('nr', 'integer')], ['1234 AB', '7']).filter((f) => f.check === 'combination'),
    ).toEqual([]);
  });

  test('last name and date of birth of one person in one row', () => {
    const findings = scan([kept('achternaam'), kept('geboren', 'date')], ['Yilmaz', '1990-05-17']);
    expect(brief(findings)).toEqual([
      { column: 'achternaam+geboren', check: 'combination', kind: 'name+birthDate', holders: [A] },
    ]);
    expect(findings[0]!.categories).toEqual(['birthDate']);
  });

  test('a name and a date of birth written in one note', () => {
    const findings = scan([kept('note')], ['Jansen (geb. 2-1-1985) heeft gebeld']);
    expect(brief(findings)).toEqual([
      { column: 'note', check: 'combination', kind: 'name+birthDate', holders: [B] },
    ]);
  });

  test('a name and somebody else’s date of birth: nothing', () => {
    expect(scan([kept('achternaam'), kept('geboren', 'date')], ['Yilmaz', '1985-01-02'])).toEqual([]);
  });
});

describe('detectors', () => {
  const stranger = {
    iban: dutchIban('INGB', 7654321),
    email: 'iemand@anders.example',
    phone: '06-34567890',
  };

  test('a valid IBAN, e-mail or phone nobody in the source has, in a kept column', () => {
    for (const [kind, value] of Object.entries(stranger)) {
      const findings = scan([kept('note')], [`zie ${value} voor meer`]);
      expect(brief(findings)).toEqual([{ column: 'note', check: 'detector', kind, holders: [] }]);
      expect(findings[0]!.sharedBy).toBeUndefined();
    }
  });

  test('the same in a column Leakproof wrote: nothing', () => {
    for (const value of Object.values(stranger)) expect(scan([produced('note')], [value])).toEqual([]);
  });

  test('the same without detectors (breach scan): nothing', () => {
    for (const value of Object.values(stranger))
      expect(scan([kept('note')], [value], breachScanner)).toEqual([]);
  });

  test('a 9-digit number passing the 11-proef without BSN context: nothing', () => {
    expect(scan([kept('note')], [`Referentie ${strangerBsn} verwerkt`])).toEqual([]);
    expect(scan([kept('kenmerk')], [strangerBsn])).toEqual([]);
    expect(scan([kept('kenmerk', 'integer')], [strangerBsn])).toEqual([]);
  });

  test('with the word BSN just before it, or in a column named bsn_nr: a BSN', () => {
    for (const text of [
      `BSN: ${strangerBsn}`,
      `burgerservicenummer ${strangerBsn}`,
      `bsn ${strangerBsn.slice(0, 4)}.${strangerBsn.slice(4, 6)}.${strangerBsn.slice(6)}`,
    ])
      expect(brief(scan([kept('note')], [text]))).toEqual([
        { column: 'note', check: 'detector', kind: 'bsn', holders: [] },
      ]);
    expect(brief(scan([kept('bsn_nr')], [strangerBsn]))).toEqual([
      { column: 'bsn_nr', check: 'detector', kind: 'bsn', holders: [] },
    ]);
    expect(brief(scan([kept('bsn_nr', 'integer')], [strangerBsn]))).toEqual([
      { column: 'bsn_nr', check: 'detector', kind: 'bsn', holders: [] },
    ]);
    expect(scan([produced('bsn_nr')], [strangerBsn])).toEqual([]);
    expect(scan([kept('bsn_nr')], [strangerBsn], breachScanner)).toEqual([]);
  });

  test('an invalid 9-digit number in a BSN column: nothing', () => {
    expect(scan([kept('bsn_nr')], ['123456780'])).toEqual([]);
  });

  test('a street, house number and postcode written in a kept text: an address', () => {
    expect(brief(scan([kept('note')], ['Stuur het naar Molenweg 44, 5678 XY Dorp']))).toEqual([
      { column: 'note', check: 'detector', kind: 'address', holders: [] },
    ]);
  });

  test('a real value is reported as a fingerprint, not again as a detector hit', () => {
    const findings = scan([kept('note')], ['mail Fatima.Yilmaz@example.nl of bel 06-12345678']);
    expect(findings.map((f) => [f.check, f.kind])).toEqual([
      ['fingerprint', 'email'],
      ['fingerprint', 'phone'],
    ]);
  });
});

describe('fakes and what must not leave', () => {
  test('fakes made with the index as real values are found nowhere', () => {
    for (const p of people.slice(0, 2)) {
      const [bsn, email, phone, iban] = p.values as string[];
      const fakes = [
        fakeBsn(keyed, bsn!, false, index),
        fakeEmail(keyed, email!, undefined, null, index),
        fakePhone(keyed, phone!, null, index),
        fakeIban(keyed, iban!, index),
      ];
      expect(fakes.some((f, i) => f === [bsn, email, phone, iban][i])).toBe(false);
      expect(index.isReal('bsn', fakes[0]!)).toBe(false);
      expect(index.isReal('email', fakes[1]!)).toBe(false);
      expect(index.isReal('phone', fakes[2]!)).toBe(false);
      expect(index.isReal('iban', fakes[3]!)).toBe(false);
      const columns = ['bsn', 'email', 'phone', 'iban'].map((n) => produced(n));
      expect(scan(columns, fakes)).toEqual([]);
      // In columns Leakproof did not write, no fingerprint knows them either.
      expect(
        scan(
          ['bsn', 'email', 'phone', 'iban'].map((n) => kept(n)),
          fakes,
          breachScanner,
        ),
      ).toEqual([]);
      expect(scan([kept('note')], [`Bel ${fakes[2]} of mail ${fakes[1]}`], breachScanner)).toEqual([]);
    }
  });

  test('no field of any finding holds a planted value', () => {
    const columns = [
      kept('id', 'integer'),
      kept('note'),
      kept('pc'),
      kept('nr'),
      kept('achternaam'),
      kept('geboren', 'date'),
      kept('data', 'json'),
    ];
    const row = [
      '1',
      'Fatima Yilmaz, BSN 123456782, tel 06-12345678, mail Fatima.Yilmaz@Example.nl, NL91ABNA0417164300. Zwartkruis',
      '1234 AB',
      '12',
      'Jansen',
      '1985-01-02',
      JSON.stringify({ partner: 'jan.jansen@example.org', nr: 111222333 }),
    ];
    // The key is `id`, as scan-database builds it: masked when its column had a finding.
    const findings = verifier.scanRow(
      'public.export',
      columns,
      row,
      (hit) => `id=${hit.has(0) ? '•' : row[0]}`,
    );
    const kinds = findings.map((f) => `${f.check}:${f.kind}`).sort();
    expect(kinds).toEqual(
      [
        'combination:name',
        'combination:name+birthDate',
        'combination:postcode+houseNumber',
        'fingerprint:bsn',
        'fingerprint:bsn',
        'fingerprint:email',
        'fingerprint:email',
        'fingerprint:iban',
        'fingerprint:name',
        'fingerprint:phone',
        'fingerprint:postcode',
      ].sort(),
    );
    const text = JSON.stringify(findings).toLowerCase();
    for (const value of [...plainValues, 'NL91ABNA0417164300', '1234.56.782'])
      if (value.length >= 4) expect(text).not.toContain(value.toLowerCase());
    // Short parts (house numbers) are never shown as themselves in a sample either.
    for (const f of findings) expect(f.sample).not.toMatch(/\b12\b/);
  });

  test('the row key is asked with the positions of the columns that had a finding', () => {
    let asked: number[] | null = null;
    const findings = verifier.scanRow(
      'public.export',
      [kept('id', 'integer'), kept('note'), kept('status'), kept('mail')],
      ['5', 'BSN 123456782', 'approved', 'iemand@anders.example'],
      (hit) => {
        asked = [...hit].sort();
        return 'id=5';
      },
    );
    expect(asked).toEqual([1, 3]);
    expect(findings.map((f) => f.row)).toEqual(['id=5', 'id=5']);
  });

  test('a clean row asks no row key', () => {
    let calls = 0;
    const findings = verifier.scanRow('public.export', [kept('note')], ['niets bijzonders'], () => {
      calls++;
      return 'x';
    });
    expect(findings).toEqual([]);
    expect(calls).toBe(0);
  });

  // Regression: RowScanner.scanRow adds a column to the row key's "columns with findings" set only for
  // fingerprint and detector hits, never for the columns of a combination. With a key made of those
  // columns (an address table keyed by postcode + house number, as scan-database.ts builds keys),
  // the report prints the real postcode and house number unmasked next to the finding.
  test('the columns of a combination count as columns with findings', () => {
    let asked: number[] = [];
    const findings = verifier.scanRow(
      'public.address',
      [kept('pc'), kept('nr', 'integer')],
      ['1234 AB', '12'],
      (hit) => {
        asked = [...hit].sort();
        return 'pc=?, nr=?';
      },
    );
    expect(findings.map((f) => f.kind).sort()).toEqual(['postcode', 'postcode+houseNumber']);
    expect(asked).toEqual([0, 1]);
  });

  test('NULLs and missing values are skipped', () => {
    expect(scan([kept('a'), kept('b')], [null, null])).toEqual([]);
    expect(scan([kept('a'), kept('b')], ['123456782'])).toHaveLength(1);
  });

  test('another key finds nothing of the same source', () => {
    const other = new RowScanner(buildIndex(new Keyed('another key')).index, { detectors: false });
    expect(scan([kept('note')], ['123456782'], other)).toHaveLength(1);
    const cross = new RowScanner(
      new FingerprintIndex(new Keyed('another key'), index.arrays, index.subjects, {
        valueLengths: index.valueLengths,
      }),
      {
        detectors: false,
      },
    );
    expect(scan([kept('note'), kept('name')], ['123456782', 'Fatima Yilmaz'], cross)).toEqual([]);
  });
});
