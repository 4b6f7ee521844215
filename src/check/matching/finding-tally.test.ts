import { describe, expect, test } from 'vitest';
import { FEW_PEOPLE } from '../fingerprints/fingerprint-index.js';
import { UNLINKED_RULE } from '../fingerprints/person-links.js';
import { FindingTally, LISTED_FINDINGS } from './finding-tally.js';
import type { TracedFinding } from './row-scanner.js';

function finding(overrides: Partial<TracedFinding> = {}): TracedFinding {
  return {
    table: 'public.export',
    column: 'note',
    row: '#1',
    check: 'fingerprint',
    kind: 'bsn',
    categories: ['identifier'],
    sample: '1••••••82',
    sharedBy: 1,
    holders: [0],
    ...overrides,
  };
}

describe('FindingTally', () => {
  test('an empty tally', () => {
    const s = new FindingTally().summary();
    expect(s).toMatchObject({
      total: 0,
      people: 0,
      sharedValueFindings: 0,
      untracedFindings: 0,
      truncated: false,
    });
    expect(s.listed).toEqual([]);
    expect(s.rowsByTable).toEqual({});
  });

  test('counts by kind, check and column', () => {
    const t = new FindingTally();
    t.addRow([
      finding(),
      finding({ kind: 'email', categories: ['contact'], column: 'mail' }),
      finding({
        check: 'combination',
        kind: 'postcode+houseNumber',
        column: 'pc+nr',
        categories: ['address'],
      }),
    ]);
    t.addRow([finding({ check: 'detector', kind: 'iban', holders: [], sharedBy: undefined })]);
    const s = t.summary();
    expect(s.total).toBe(4);
    expect(t.total).toBe(4);
    expect(s.byKind).toEqual({ bsn: 1, email: 1, iban: 1, 'postcode+houseNumber': 1 });
    expect(s.byCheck).toEqual({ combination: 1, detector: 1, fingerprint: 2 });
    expect(s.byColumn).toEqual({
      'public.export.mail': 1,
      'public.export.nr': 1,
      'public.export.note': 2,
      'public.export.pc': 1,
    });
    expect(s.categories).toEqual(['identifier', 'contact', 'address']);
  });

  test('rows with findings are counted once per row, per table', () => {
    const t = new FindingTally();
    t.addRow([finding(), finding(), finding()]);
    t.addRow([finding({ row: '#2' })]);
    t.addRow([finding({ table: 'public.other' })]);
    t.addRow([]);
    expect(t.summary().rowsByTable).toEqual({ 'public.export': 2, 'public.other': 1 });
  });

  test('people are counted once however many findings point at them', () => {
    const t = new FindingTally();
    t.addRow([finding({ holders: [3] }), finding({ holders: [3], kind: 'email' })]);
    t.addRow([finding({ holders: [1, 3], sharedBy: 2 })]);
    t.addRow([finding({ check: 'combination', kind: 'name', holders: [7] })]);
    const s = t.summary();
    expect(s.people).toBe(3);
    expect(t.people()).toEqual([1, 3, 7]);
  });

  test('records linked into one person count as one person, and the records are counted too', () => {
    const t = new FindingTally();
    t.addRow([finding({ holders: [3] }), finding({ holders: [5], kind: 'email' })]);
    t.addRow([finding({ holders: [7] })]);
    const unlinked = t.summary();
    expect(unlinked).toMatchObject({ people: 3, subjectRecords: 3, personRule: UNLINKED_RULE });
    // Records 3 and 5 are one person (the same e-mail address in a current and an archive table).
    const personOf = Uint32Array.from([0, 1, 2, 3, 4, 3, 6, 7]);
    const linked = t.summary({ rule: 'the rule', personOf, person: (s) => personOf[s] ?? s });
    expect(linked).toMatchObject({ people: 2, subjectRecords: 3, personRule: 'the rule' });
    expect(t.people()).toEqual([3, 5, 7]);
  });

  test('detector hits point at nobody', () => {
    const t = new FindingTally();
    t.addRow([finding({ check: 'detector', holders: [], sharedBy: undefined })]);
    const s = t.summary();
    expect(s).toMatchObject({ people: 0, sharedValueFindings: 0, untracedFindings: 0, total: 1 });
  });

  test(`values held by more than ${FEW_PEOPLE} people are shared, not anyone in particular`, () => {
    const t = new FindingTally();
    const many = Array.from({ length: FEW_PEOPLE + 1 }, (_, i) => i + 10);
    t.addRow([finding({ kind: 'value', holders: many, sharedBy: many.length })]);
    t.addRow([finding({ kind: 'value', holders: many.slice(0, FEW_PEOPLE), sharedBy: FEW_PEOPLE })]);
    const s = t.summary();
    expect(s.sharedValueFindings).toBe(1);
    expect(s.people).toBe(FEW_PEOPLE);
  });

  test('values from rows of no subject are untraced', () => {
    const t = new FindingTally();
    t.addRow([finding({ holders: [], sharedBy: 1 })]);
    expect(t.summary()).toMatchObject({ untracedFindings: 1, people: 0 });
  });

  test(`lists at most ${LISTED_FINDINGS} findings, without holders, and says so`, () => {
    const t = new FindingTally();
    for (let i = 0; i < LISTED_FINDINGS; i++) t.addRow([finding({ row: `#${i}` })]);
    expect(t.summary().truncated).toBe(false);
    expect(t.summary().listed).toHaveLength(LISTED_FINDINGS);
    t.addRow([finding({ row: 'last' }), finding({ row: 'last' })]);
    const s = t.summary();
    expect(s.total).toBe(LISTED_FINDINGS + 2);
    expect(s.listed).toHaveLength(LISTED_FINDINGS);
    expect(s.truncated).toBe(true);
    expect(s.listed[0]).toMatchObject({ row: '#0', kind: 'bsn' });
    expect(s.listed[0]).not.toHaveProperty('holders');
    expect(s.rowsByTable).toEqual({ 'public.export': LISTED_FINDINGS + 1 });
  });
});
