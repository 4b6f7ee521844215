/**
 * The demo at the size its own tests use, as a MySQL production database (built from the demo's
 * rows by `demoSource`), copied with `init`'s draft onto MySQL, PostgreSQL and SQLite: each copy
 * passes the check and holds every applicant. `LEAKPROOF_TEST_DEMO_APPLICANTS` sets the size (the
 * demo's default is 18,000).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { draftPolicy, leakproofCopy, tempDir } from '../support/cli.js';
import { demoSource, type Engine, emptyDatabase, withDatabase } from '../support/databases.js';
import { dropMysqlDatabases, mysqlAvailable } from '../support/mysql.js';
import { dropAll } from '../support/postgres.js';

const applicants = Number(process.env.LEAKPROOF_TEST_DEMO_APPLICANTS ?? 2000);
let source = '';
let policy = '';

describe.skipIf(!(await mysqlAvailable()))(`the demo (${applicants} applicants) on MySQL`, () => {
  beforeAll(async () => {
    source = await demoSource('mysql', applicants);
    policy = await draftPolicy(source, 'leakproof-mysql-demo-');
  }, 900_000);

  afterAll(async () => {
    await dropAll();
    await dropMysqlDatabases();
  });

  test.each<Engine>(['mysql', 'postgres', 'sqlite'])(
    'copies onto %s with the draft policy, and the check passes',
    async (to) => {
      const target = await emptyDatabase(to);
      const report = join(await tempDir(), 'report.json');
      const copy = await leakproofCopy({ source, target, policy, report });
      expect(copy.code, copy.stderr).toBe(0);
      const run = JSON.parse(await readFile(report, 'utf8')) as {
        outcome: string;
        verification: { findings: unknown[] };
        tables: { name: string; rows: { written: number } }[];
      };
      expect(run.outcome).toBe('success');
      expect(run.tables.find((t) => t.name.endsWith('.applicant'))?.rows.written).toBe(applicants);
      await withDatabase(target, async (db) =>
        expect((await db.listUserRelations()).length).toBeGreaterThanOrEqual(10),
      );
    },
    900_000,
  );
});
