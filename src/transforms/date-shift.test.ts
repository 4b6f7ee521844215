import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serverUrl } from '../../test/support/postgres.js';
import { LeakproofError } from '../errors.js';
import { shiftDate } from './date-shift.js';
import { column, keyed, make, otherKeyed } from './test-support.js';

const dayMs = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Dates from 1900 to 2100 as PostgreSQL prints them. */
const date = fc
  .integer({ min: Date.UTC(1900, 0, 1) / dayMs, max: Date.UTC(2100, 0, 1) / dayMs })
  .map((d) => isoDay(d * dayMs));
const time = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }))
  .map((parts) => parts.map((p) => String(p).padStart(2, '0')).join(':'));
const fraction = fc.constantFrom('', '.5', '.123456');
const zone = fc.constantFrom('', '+00', '+02', '-05', '+05:30', '+01:00:00');

function daysBetween(a: string, b: string): number {
  return (Date.parse(`${b.slice(0, 10)}T00:00:00Z`) - Date.parse(`${a.slice(0, 10)}T00:00:00Z`)) / dayMs;
}

describe('dateShift', () => {
  test('moves a date by a nonzero number of days, at most maxDays', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 1000 }), (value, maxDays) => {
        const shifted = shiftDate(keyed, value, maxDays);
        expect(shifted).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        const moved = daysBetween(value, shifted);
        expect(moved).not.toBe(0);
        expect(Math.abs(moved)).toBeLessThanOrEqual(maxDays);
      }),
      { numRuns: 2000 },
    );
  });

  test('timestamps move with their date and keep time of day and zone as written', () => {
    fc.assert(
      fc.property(date, time, fraction, zone, (day, clock, fractionPart, zonePart) => {
        const rest = ` ${clock}${fractionPart}${zonePart}`;
        const shifted = shiftDate(keyed, day + rest, 365);
        expect(shifted).toBe(shiftDate(keyed, day, 365) + rest);
      }),
      { numRuns: 1000 },
    );
  });

  test('uses the whole range both ways, and depends on the key', () => {
    const moves = new Set<number>();
    let differs = 0;
    for (let i = 0; i < 3000; i++) {
      const value = isoDay(Date.UTC(1950, 0, 1) + i * dayMs);
      moves.add(daysBetween(value, shiftDate(keyed, value, 3)));
      if (shiftDate(keyed, value, 365) !== shiftDate(otherKeyed, value, 365)) differs++;
    }
    expect([...moves].sort()).toEqual([-1, -2, -3, 1, 2, 3]);
    expect(differs).toBeGreaterThan(2950);
  });

  test('handles BC dates, leap days and infinity', () => {
    expect(shiftDate(keyed, 'infinity', 365)).toBe('infinity');
    expect(shiftDate(keyed, '-infinity', 365)).toBe('-infinity');
    expect(shiftDate(keyed, '0001-01-01 BC', 365)).toMatch(/^000[12]-\d{2}-\d{2}( BC)?$/);
    expect(shiftDate(keyed, '2000-02-29', 365)).toMatch(/^(1999|2000|2001)-/);
  });

  test('refuses what is not a date, naming no value', () => {
    for (const bad of ['14-03-1987', '2021-02-30', '2021-13-01', 'gisteren']) {
      let error: unknown;
      try {
        shiftDate(keyed, bad, 365);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(LeakproofError);
      expect((error as Error).message).not.toContain(bad);
    }
  });

  test('needs a date or timestamp column', () => {
    expect(() => make('dateShift', {}, column())).toThrow(/date or timestamp/);
    expect(() => make('dateShift', { maxDays: 0 }, column({ category: 'date', type: 'date' }))).toThrow();
  });

  describe('PostgreSQL reads every output back as the same kind of value', () => {
    let client: pg.Client;
    beforeAll(async () => {
      client = new pg.Client({ connectionString: serverUrl() });
      await client.connect();
      await client.query("SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'");
    });
    afterAll(async () => {
      await client.end();
    });

    test('dates, timestamps and timestamptz, BC and near the edges included', async () => {
      const values = fc.sample(
        fc.tuple(date, time, fraction, zone).map(([d, t, f, z]) => [d, `${d} ${t}${f}`, `${d} ${t}${f}${z}`]),
        300,
      );
      const inputs = [
        ...values.flat(),
        '0044-03-15 BC',
        '4713-01-01 BC',
        '0001-01-01',
        '9999-12-31 23:59:59+00',
        'infinity',
      ];
      const outputs = inputs.map((v) => shiftDate(keyed, v, 365));
      const { rows } = await client.query<{ ok: boolean }>(
        `SELECT bool_and(v::timestamptz IS NOT NULL AND (v NOT LIKE '% %:%' OR v::timestamp IS NOT NULL)
                         AND (v LIKE '% %' OR v::date IS NOT NULL)) AS ok
         FROM unnest($1::text[]) AS v`,
        [outputs],
      );
      expect(rows[0]?.ok).toBe(true);
      const { rows: shifted } = await client.query<{ n: string }>(
        'SELECT count(*) AS n FROM unnest($1::text[], $2::text[]) AS x(a, b) WHERE a::date <> b::date',
        [inputs.slice(0, 300), outputs.slice(0, 300)],
      );
      expect(Number(shifted[0]?.n)).toBe(300);
    });
  });
});
