/**
 * The demo at its default size (18,000 applicants), built once: it must load well within the time a
 * person waits for `leakproof demo`, and every identifier must still be valid and unique at scale.
 * Builds in ~8 s on a 2-core machine; the timeout is generous because test files run in parallel.
 */
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { isDutchPostcode, isEmail, isValidBsn, isValidIban } from '../core/detectors.js';
import { buildDemoDatabase, defaultDemoApplicants, demoTables } from './demo-database.js';

describe('demo at full size', () => {
  it('builds 18,000 applicants with valid, unique identifiers', async () => {
    const db = new PGlite();
    try {
      let calls = 0;
      let last = -1;
      let monotonic = true;
      const summary = await buildDemoDatabase(db, {
        onProgress: (done) => {
          calls++;
          monotonic &&= done >= last;
          last = done;
        },
      });
      expect(monotonic).toBe(true);
      expect(calls).toBeGreaterThan(10);
      expect(summary['public.applicant']).toBe(defaultDemoApplicants);
      for (const table of demoTables) {
        const rows = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
        expect(rows.rows[0]?.n, table).toBe(summary[table]);
      }

      const people = await db.query<{
        bsn: string | null;
        iban: string | null;
        postcode: string;
        email: string;
      }>('SELECT bsn, iban, postcode, email FROM public.applicant');
      const bsns = people.rows.flatMap((p) => (p.bsn === null ? [] : [p.bsn]));
      expect(new Set(bsns).size).toBe(bsns.length);
      expect(bsns.filter((b) => !isValidBsn(b)).length).toBe(0);
      expect(people.rows.filter((p) => p.iban !== null && !isValidIban(p.iban)).length).toBe(0);
      expect(people.rows.filter((p) => !isDutchPostcode(p.postcode)).length).toBe(0);
      expect(people.rows.filter((p) => !isEmail(p.email)).length).toBe(0);
      expect(new Set(people.rows.map((p) => p.email)).size).toBe(defaultDemoApplicants);
    } finally {
      await db.close();
    }
  }, 180_000);
});
