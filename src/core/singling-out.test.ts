import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ColumnModel, type TableModel, textColumn } from '../schema/model.js';
import { measuresSinglingOut, SinglingOutMeter } from './singling-out.js';

/** The exact share of distinct values held by exactly one person, by brute force. */
function exactShare(pairs: readonly (readonly [string, number])[]): number {
  const holders = new Map<string, Set<number>>();
  for (const [value, person] of pairs) {
    const set = holders.get(value) ?? new Set<number>();
    set.add(person);
    holders.set(value, set);
  }
  let single = 0;
  for (const set of holders.values()) if (set.size === 1) single++;
  return holders.size === 0 ? 0 : single / holders.size;
}

function meterOf(pairs: Iterable<readonly [string, number]>, maxEntries?: number): SinglingOutMeter {
  const meter = new SinglingOutMeter(maxEntries === undefined ? {} : { maxEntries });
  for (const [value, person] of pairs) meter.add(value, person);
  return meter;
}

describe('SinglingOutMeter', () => {
  it('calls a column with one value per person identifying', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 400 }), fc.integer({ min: 1, max: 3 }), (people, perPerson) => {
        // A diploma number per diploma, one to three diplomas per person.
        const pairs: [string, number][] = [];
        for (let p = 0; p < people; p++) for (let d = 0; d < perPerson; d++) pairs.push([`DIP-${p}-${d}`, p]);
        const verdict = meterOf(pairs).verdict();
        expect(verdict).toEqual({
          people,
          values: people * perPerson,
          singlePersonShare: 1,
          identifying: true,
        });
      }),
    );
  });

  it('does not call a status column identifying, however many people', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 2000 }),
        fc.array(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 8 }),
        (people, statuses) => {
          const meter = new SinglingOutMeter();
          // Every status is held by many people (statuses cycle over the rows).
          for (let row = 0; row < people * 3; row++)
            meter.add(statuses[row % statuses.length]!, Math.floor(row / 3) % people);
          expect(meter.verdict().identifying).toBe(false);
        },
      ),
    );
  });

  it('needs at least 20 people', () => {
    const few = meterOf(Array.from({ length: 19 }, (_, p) => [`X${p}`, p] as const)).verdict();
    expect(few).toMatchObject({ people: 19, singlePersonShare: 1, identifying: false });
  });

  it('does not call a near-constant column identifying: one value for nearly everyone, a few rare ones', () => {
    const pairs: [string, number][] = Array.from({ length: 1000 }, (_, p) => ['none', p]);
    for (let p = 0; p < 5; p++) pairs.push([`rare-${p}`, p]);
    const verdict = meterOf(pairs).verdict();
    expect(verdict.singlePersonShare).toBeGreaterThan(0.5);
    expect(verdict.identifying).toBe(false);
  });

  it('counts a value two people share as shared, whatever the row order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.integer({ min: 0, max: 6 }))),
        (pairs) => {
          const forward = meterOf(pairs).verdict();
          const backward = meterOf([...pairs].reverse()).verdict();
          expect(forward).toEqual(backward);
          expect(forward.singlePersonShare).toBeCloseTo(exactShare(pairs), 10);
        },
      ),
    );
  });

  it('many values per person (row ids an audit log holds per staff member) is no identifier', () => {
    const meter = new SinglingOutMeter();
    for (let row = 0; row < 20_000; row++) meter.add(`row-${row}`, row % 50);
    expect(meter.verdict().singlePersonShare).toBe(1);
    expect(meter.verdict().identifying).toBe(false);
  });

  it('keeps memory bounded on a 2M-row stream and estimates within a few percent', () => {
    const cap = 50_000;
    const meter = new SinglingOutMeter({ maxEntries: cap });
    const people = 400_000;
    let maxValues = 0;
    let maxPeople = 0;
    // 2M rows, 5 per person: 60% of people hold a value of their own (on each of their rows), the
    // rest share values with nine others.
    for (let row = 0; row < 2_000_000; row++) {
      const person = row % people;
      const value = person % 10 < 6 ? `own-${person}` : `shared-${Math.floor(person / 10)}-${row % 3}`;
      meter.add(value, person);
      if (row % 1000 === 0) {
        maxValues = Math.max(maxValues, meter.entries.values);
        maxPeople = Math.max(maxPeople, meter.entries.people);
      }
    }
    expect(maxValues).toBeLessThanOrEqual(cap);
    expect(maxPeople).toBeLessThanOrEqual(cap);
    expect(meter.estimated).toBe(true);
    const exactValues = 0.6 * people + (people / 10) * 3;
    const exact = (0.6 * people) / exactValues;
    const verdict = meter.verdict();
    expect(Math.abs(verdict.singlePersonShare - exact)).toBeLessThan(0.03);
    expect(Math.abs(verdict.values / exactValues - 1)).toBeLessThan(0.05);
    expect(Math.abs(verdict.people / people - 1)).toBeLessThan(0.05);
    expect(verdict.identifying).toBe(true);
    expect(meter.reason()).toMatch(
      /^\d+% of its about [\d,]+ distinct values belong to one person each \(about [\d,]+ people\)$/,
    );
  });

  it('estimates the share from a sample close to the exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 6000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 1000 }),
        (rows, ownShare, seed) => {
          const pairs: [string, number][] = [];
          for (let row = 0; row < rows; row++) {
            const person = (row * 7919 + seed) % 1500;
            pairs.push(
              (row % 1000) / 1000 < ownShare ? [`v${seed}-${row}`, person] : [`s${row % 40}`, person],
            );
          }
          const meter = meterOf(pairs, 500);
          expect(meter.entries.values).toBeLessThanOrEqual(500);
          expect(Math.abs(meter.verdict().singlePersonShare - exactShare(pairs))).toBeLessThan(0.08);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('says what it measured in counts, exact when nothing was sampled away', () => {
    const meter = meterOf(Array.from({ length: 1310 }, (_, p) => [`N${p}`, p] as const));
    expect(meter.reason()).toBe('100% of its 1,310 distinct values belong to one person each (1,310 people)');
    expect(new SinglingOutMeter().reason()).toBe('no values that lead to a person');
  });
});

describe('measuresSinglingOut', () => {
  const col = (name: string, category: ColumnModel['category'], more: Partial<ColumnModel> = {}) =>
    textColumn({ name, type: category, category, ...more });
  const t: TableModel = {
    schema: 'public',
    name: 'diploma',
    columns: [
      col('id', 'integer'),
      col('applicant_id', 'integer'),
      col('external_ref', 'uuid'),
      col('number', 'text'),
      col('grade', 'integer'),
      col('issued_on', 'date'),
      col('search', 'text', { generatedExpr: 'lower(number)' }),
      col('row_no', 'integer', { identity: 'always' }),
    ],
    primaryKey: { name: 'diploma_pkey', definition: 'PRIMARY KEY (id)', columns: ['id'] },
    uniques: [],
    checks: [],
    foreignKeys: [
      {
        name: 'diploma_applicant_fkey',
        definition: 'FOREIGN KEY (applicant_id) REFERENCES public.applicant(id)',
        columns: ['applicant_id'],
        referencedSchema: 'public',
        referencedTable: 'applicant',
        referencedColumns: ['id'],
      },
    ],
    indexes: [],
    rowEstimate: 0,
    autoIncrement: null,
  };
  it.each([
    ['id', false],
    ['applicant_id', false],
    ['external_ref', true],
    ['number', true],
    ['grade', false],
    ['issued_on', false],
    ['search', false],
    ['row_no', false],
  ])('%s → %s', (name, measured) => {
    expect(measuresSinglingOut(t, t.columns.find((c) => c.name === name)!)).toBe(measured);
  });
});
