/**
 * Same seed → byte-identical tables; another seed → different data. Compared as hashes of dumps so
 * that a failure prints no generated values.
 */
import { createHash } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { buildDemoDatabase } from './demo-database.js';

const dumped = [
  'public.applicant ORDER BY id',
  'public.application ORDER BY id',
  'public.diploma ORDER BY application_id, seq',
  'public.document ORDER BY id',
  'public.note ORDER BY id',
  'public.outgoing_email ORDER BY id',
  'audit.audit_log ORDER BY id',
];

/** SHA-256 per table of its rows as PostgreSQL prints them (text output of every column). */
async function dumpHashes(seed: number): Promise<Record<string, string>> {
  const db = new PGlite();
  try {
    await buildDemoDatabase(db, { applicants: 120, seed });
    const hashes: Record<string, string> = {};
    for (const from of dumped) {
      const result = await db.query<{ t: string }>(
        `SELECT t::text AS t FROM ${from.replace(/ ORDER BY/, ' t ORDER BY')}`,
      );
      const hash = createHash('sha256');
      for (const row of result.rows) hash.update(`${row.t}\n`);
      hashes[from.split(' ')[0] as string] = `${result.rows.length}:${hash.digest('hex')}`;
    }
    return hashes;
  } finally {
    await db.close();
  }
}

describe('demo determinism', () => {
  it('builds byte-identical tables from the same seed and different ones from another seed', async () => {
    const first = await dumpHashes(11);
    const again = await dumpHashes(11);
    const other = await dumpHashes(12);
    expect(again).toEqual(first);
    for (const table of Object.keys(first)) expect(other[table], table).not.toBe(first[table]);
  }, 120_000);
});
