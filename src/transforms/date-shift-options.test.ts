import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { shiftDate } from './date-shift.js';
import { bindTransform } from './registry.js';
import { column, keyed, make, otherKeyed } from './test-support.js';

const dayMs = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const date = fc
  .integer({ min: Date.UTC(1900, 0, 1) / dayMs, max: Date.UTC(2100, 0, 1) / dayMs })
  .map((d) => isoDay(d * dayMs));
const daysBetween = (a: string, b: string) =>
  (Date.parse(`${b.slice(0, 10)}T00:00:00Z`) - Date.parse(`${a.slice(0, 10)}T00:00:00Z`)) / dayMs;
const dateColumn = column({ category: 'date', type: 'date' });

describe('dateShift keepYear', () => {
  test('moves by a nonzero number of days, at most maxDays, within the calendar year', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 1000 }), (value, maxDays) => {
        const shifted = shiftDate(keyed, value, maxDays, { keepYear: true });
        expect(shifted.slice(0, 4)).toBe(value.slice(0, 4));
        const moved = daysBetween(value, shifted);
        expect(moved).not.toBe(0);
        expect(Math.abs(moved)).toBeLessThanOrEqual(maxDays);
      }),
      { numRuns: 3000 },
    );
  });

  test('a date whose shift stays in its year moves as without the option', () => {
    fc.assert(
      fc.property(date, (value) => {
        const plain = shiftDate(keyed, value, 365);
        if (plain.slice(0, 4) === value.slice(0, 4))
          expect(shiftDate(keyed, value, 365, { keepYear: true })).toBe(plain);
      }),
      { numRuns: 1000 },
    );
  });

  test('timestamps keep time and zone; New Year and New Year’s Eve stay in the year; keyed', () => {
    const stamp = shiftDate(keyed, '2021-12-31 23:59:59.5+01', 365, { keepYear: true });
    expect(stamp).toMatch(/^2021-\d{2}-\d{2} 23:59:59\.5\+01$/);
    expect(stamp.slice(0, 10)).toBe(shiftDate(keyed, '2021-12-31', 365, { keepYear: true }));
    expect(shiftDate(keyed, '2021-01-01', 1, { keepYear: true })).toBe('2021-01-02');
    expect(shiftDate(keyed, '2021-12-31', 1, { keepYear: true })).toBe('2021-12-30');
    let differs = 0;
    for (let i = 0; i < 365; i++) {
      const value = isoDay(Date.UTC(2021, 0, 1) + i * dayMs);
      const fake = make('dateShift', { keepYear: true }, dateColumn);
      if (fake(value) !== make('dateShift', { keepYear: true }, dateColumn, otherKeyed)(value)) differs++;
    }
    expect(differs).toBeGreaterThan(355);
  });
});

describe('dateShift generalize', () => {
  test('writes the first of the month or January 1 of the real date, unkeyed', () => {
    fc.assert(
      fc.property(date, (value) => {
        expect(shiftDate(keyed, value, 365, { generalize: 'month' })).toBe(`${value.slice(0, 8)}01`);
        expect(shiftDate(otherKeyed, value, 365, { generalize: 'year' })).toBe(`${value.slice(0, 4)}-01-01`);
      }),
      { numRuns: 500 },
    );
  });

  test('timestamps keep zone and layout at midnight; BC and infinity as written', () => {
    expect(shiftDate(keyed, '2021-05-17 10:23:45.123456+05:30', 365, { generalize: 'month' })).toBe(
      '2021-05-01 00:00:00.000000+05:30',
    );
    expect(shiftDate(keyed, '2021-05-17 10:23:45', 365, { generalize: 'year' })).toBe('2021-01-01 00:00:00');
    expect(shiftDate(keyed, '0044-03-15 BC', 365, { generalize: 'month' })).toBe('0044-03-01 BC');
    expect(shiftDate(keyed, 'infinity', 365, { generalize: 'year' })).toBe('infinity');
  });

  test('options: keepYear and generalize do not go together; defaults are unchanged', () => {
    const both = bindTransform('dateShift', { keepYear: true, generalize: 'month' });
    expect(both?.ok).toBe(false);
    if (both?.ok === false) expect(both.error.issues[0]?.path).toEqual(['keepYear']);
    expect(bindTransform('dateShift', { generalize: 'week' })?.ok).toBe(false);
    const plain = bindTransform('dateShift', {});
    expect(plain?.ok && plain.bound.options).toEqual({ maxDays: 365 });
    expect(make('dateShift', {}, dateColumn)('2000-01-01')).toBe(shiftDate(keyed, '2000-01-01', 365));
  });
});

describe('notBefore', () => {
  const linked = make(
    'dateShift',
    { notBefore: 'date_of_birth' },
    column({ category: 'date', type: 'date' }),
  );
  const row = (birth: string | null) => ({ source: () => birth, written: () => birth });

  test('an event never lies before the row fake birth date', () => {
    for (let i = 0; i < 200; i++) {
      const event = `2001-0${1 + (i % 9)}-1${i % 10}`;
      const out = linked(event, row('2001-06-15'))!;
      expect(out >= '2001-06-15').toBe(true);
    }
  });

  test('without a birth date, or a later event, it is the plain shift', () => {
    const plain = make('dateShift', {}, column({ category: 'date', type: 'date' }));
    expect(linked('2020-03-04', row(null))).toBe(plain('2020-03-04'));
    expect(linked('2020-03-04', row('1980-01-01'))).toBe(plain('2020-03-04'));
  });
});
