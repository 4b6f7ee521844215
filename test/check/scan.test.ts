/**
 * Breach scoping end to end: fingerprints of the source written to a private file, then any
 * database scanned against them; the report says how many people, which data, which records.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { RunReport } from '../../src/report/run-report.js';
import { affectedRecords, readAffected } from '../support/affected.js';
import { leakproof, tempDir } from '../support/cli.js';
import { emptyDatabase, runSql } from '../support/databases.js';
import { cleanPolicy, leakSource, plantedIn } from '../support/leaks.js';
import { dropAll } from '../support/postgres.js';

afterAll(dropAll);

let source: string;
let fingerprints: string;

beforeAll(async () => {
  source = await leakSource('postgres');
  fingerprints = join(await tempDir(), 'source.fingerprints');
  const run = await leakproof([
    'fingerprint',
    '--source',
    source,
    '--policy',
    cleanPolicy,
    '--out',
    fingerprints,
  ]);
  expect(run.code).toBe(0);
  expect(run.stderr).toContain('pseudonymous personal data');
});

async function scan(target: string, env?: Record<string, string>) {
  const dir = await tempDir();
  const report = join(dir, 'breach.json');
  const affected = join(dir, 'affected.csv');
  const run = await leakproof(
    [
      'scan',
      '--fingerprints',
      fingerprints,
      '--target',
      target,
      '--report',
      report,
      '--affected-out',
      affected,
    ],
    ...(env ? [env] : []),
  );
  const text = await readFile(report, 'utf8').catch(() => '');
  const people = await readAffected(affected).catch(() => undefined);
  return { ...run, reportText: text, people, report: text ? (JSON.parse(text) as RunReport) : undefined };
}

test('the fingerprint file is readable by its owner only and holds no personal value in plain text', async () => {
  expect((await stat(fingerprints)).mode & 0o777).toBe(0o600);
  const text = await readFile(fingerprints, 'utf8');
  expect(text).toContain('Pseudonymous personal data');
  expect(plantedIn(text)).toEqual([]);
  const again = await leakproof([
    'fingerprint',
    '--source',
    source,
    '--policy',
    cleanPolicy,
    '--out',
    fingerprints,
  ]);
  expect(again.code).toBe(2);
  expect(again.stderr).toContain('already exists');
});

test('a database holding 3 real people, spelled differently and spread over tables, reports exactly 3 people', async () => {
  const leaked = await emptyDatabase('postgres');
  await runSql(
    leaked,
    `CREATE SCHEMA old;
     CREATE TABLE public.people_export (nr int PRIMARY KEY, name text, mail text, tel text, sofi text);
     INSERT INTO public.people_export VALUES
       (10, 'Fatima Yilmaz', 'FATIMA.YILMAZ@MAILBOX.TEST', '+31 6 1234 5678', '1112.22.333'),
       (11, 'T. Gebremedhin', 'tesfay.g@mailbox.test', NULL, NULL),
       (12, 'A. Al-Hassan', NULL, '020-1234567', '345678904');
     CREATE TABLE old.calls (id int PRIMARY KEY, memo text);
     INSERT INTO old.calls VALUES
       (1, 'Fatima Yilmaz called again from 06-12345678'),
       (2, 'Jan de Vries called about the weather, 06-99999999');`,
  );
  const run = await scan(leaked);
  expect(run.code).toBe(4);
  const breach = run.report?.breach;
  expect(breach?.people).toBe(3);
  expect(breach?.subjectRecords).toBe(3);
  expect(affectedRecords(run.people ?? [])).toEqual([
    { table: 'public.applicant', key: '1', person: 1 },
    { table: 'public.applicant', key: '2', person: 2 },
    { table: 'public.applicant', key: '4', person: 3 },
  ]);
  // Fatima Yilmaz: her name, mail, phone and BSN, found in the export and in a call memo.
  expect(run.people?.[0]?.categories).toEqual(expect.arrayContaining(['identifier', 'contact', 'name']));
  expect(run.people?.[0]?.places).toEqual(['old.calls', 'public.people_export']);
  // The report says where the list is, and holds no one's key.
  expect(breach?.affected.notice).toContain('affected.csv');
  expect(breach?.subjectRecordsByTable).toEqual({ 'public.applicant': 3 });
  expect(run.reportText).not.toMatch(/"subjects"|"person":/);
  expect(breach?.recordsByTable).toEqual({ 'public.people_export': 3, 'old.calls': 1 });
  expect(breach?.categories).toEqual(expect.arrayContaining(['identifier', 'contact', 'name']));
  expect(Object.keys(breach?.columns ?? {})).toEqual(
    expect.arrayContaining(['public.people_export.mail', 'public.people_export.sofi', 'old.calls.memo']),
  );
  expect(run.stderr).toContain('People affected: 3 (3 subject records in 1 table;');
  expect(plantedIn(run.stdout + run.stderr + run.reportText)).toEqual([]);
});

test('a clean anonymized copy holds nobody: exit 0, zero people', async () => {
  const copy = await emptyDatabase('postgres');
  const made = await leakproof([
    'copy',
    '--quiet',
    '--source',
    source,
    '--target',
    copy,
    '--policy',
    cleanPolicy,
  ]);
  expect(made.code).toBe(0);
  const run = await scan(copy);
  expect(run.code).toBe(0);
  expect(run.report?.breach).toMatchObject({ people: 0, subjectRecords: 0 });
  expect(run.people).toEqual([]);
  expect(run.report?.verification?.scanned.rows).toBeGreaterThan(10);
});

test('scanning with another key is refused with the key ids, not guessed', async () => {
  const run = await scan(source, { LEAKPROOF_KEY: 'another key entirely' });
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('LP_KEY_MISMATCH');
});

test('a file that is not a fingerprint file is refused', async () => {
  const run = await leakproof(['scan', '--fingerprints', cleanPolicy, '--target', source]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('LP_FINGERPRINTS_FILE');
});
