/**
 * `leakproof fingerprint --update` through the CLI: fingerprint a source, let two applicants join
 * and one leave, update the file, and a scan of a copy holding all three finds all three — the one
 * who left because a leaked older copy still holds them, the two new ones because the file now has
 * them. Plus what the update refuses: another key, another database, a file that is not there.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunReport } from '../../src/report/run-report.js';
import { affectedRecords, readAffected } from '../support/affected.js';
import { leakproof, tempDir } from '../support/cli.js';
import { emptyDatabase, runSql } from '../support/databases.js';
import { dropAll } from '../support/postgres.js';

afterAll(dropAll);

interface Applicant {
  readonly id: number;
  readonly first: string;
  readonly last: string;
  readonly email: string;
}

const firsts = ['fatima', 'jan', 'olena', 'tesfay', 'pieter', 'anouk', 'mehmet', 'sanne', 'yusuf'];
const lasts = ['yilmaz', 'jansen', 'kovalenko', 'gebremedhin', 'visser', 'demir', 'smit', 'bakker', 'mulder'];
const applicant = (id: number): Applicant => ({
  id,
  first: firsts[id - 1]!,
  last: lasts[id - 1]!,
  email: `${firsts[id - 1]}.${lasts[id - 1]}.${id}@mailbox.test`,
});
const values = (people: readonly Applicant[]) =>
  people.map((p) => `(${p.id}, '${p.first}', '${p.last}', '${p.email}')`).join(', ');

const policy = `version: 1
tables:
  applicant:
    subject: true
    columns:
      id: keep
      first_name: firstName
      last_name: lastName
      email: email
`;
const columns = '(id int PRIMARY KEY, first_name text, last_name text, email text)';

const before = [1, 2, 3, 4, 5, 6].map(applicant);
const leaving = applicant(2);
const joining = [applicant(7), applicant(8)];

let source: string;
let policyFile: string;
let dir: string;

const fingerprint = (out: string, extra: readonly string[] = [], from = source) =>
  leakproof(['fingerprint', '--quiet', '--source', from, '--policy', policyFile, '--out', out, ...extra]);

async function scan(fingerprints: string, target: string) {
  const dir = await tempDir();
  const report = join(dir, 'breach.json');
  const affected = join(dir, 'affected.csv');
  const run = await leakproof([
    'scan',
    '--quiet',
    '--fingerprints',
    fingerprints,
    '--target',
    target,
    '--report',
    report,
    '--affected-out',
    affected,
  ]);
  const subjects = affectedRecords(await readAffected(affected));
  return { ...run, subjects, report: JSON.parse(await readFile(report, 'utf8')) as RunReport };
}

beforeAll(async () => {
  source = await emptyDatabase('postgres');
  await runSql(
    source,
    `CREATE TABLE public.applicant ${columns}; INSERT INTO public.applicant VALUES ${values(before)};`,
  );
  dir = await tempDir('leakproof-fp-update-');
  policyFile = join(dir, 'leakproof.yaml');
  await writeFile(policyFile, policy);
});

describe('fingerprint --update', () => {
  test('people who joined are added, the one who left is kept, and a scan finds all three', async () => {
    const file = join(dir, 'prod.fingerprints');
    const made = await fingerprint(file);
    expect(made.code, made.stderr).toBe(0);
    const first = JSON.parse(await readFile(file, 'utf8'));
    expect(first.version).toBe(3);
    expect(first.updates).toHaveLength(1);
    expect(first.updates[0]).toMatchObject({ subjectsBefore: 0, subjectsAfter: 6 });
    expect(first.subjectCount).toBe(6);
    expect(first.sourceIdentity).toMatch(/^postgres\//);
    const original = join(dir, 'original.fingerprints');
    await writeFile(original, JSON.stringify(first), { mode: 0o600 });

    await runSql(
      source,
      `INSERT INTO public.applicant VALUES ${values(joining)}; DELETE FROM public.applicant WHERE id = ${leaving.id};`,
    );
    // Without --update (or --force) an existing file stays as it is.
    const again = await fingerprint(file);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(first);

    const updated = await fingerprint(file, ['--update']);
    expect(updated.code, updated.stderr).toBe(0);
    expect(updated.stderr).toContain('with 7 people of the source now');
    expect(updated.stderr).toContain('2 added, 1 kept from before');
    expect(updated.stderr).toContain('8 people');
    for (const p of [...before, ...joining]) {
      expect(updated.stderr).not.toContain(p.email);
      expect(updated.stderr.toLowerCase()).not.toContain(p.last);
    }
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const json = JSON.parse(await readFile(file, 'utf8'));
    expect(json.createdAt).toBe(first.createdAt);
    expect(json.subjectCount).toBe(8);
    expect(json.rows).toBe(7);
    expect(json.updates).toHaveLength(2);
    expect(json.updates[1]).toMatchObject({
      sourceIdentity: first.sourceIdentity,
      subjectsBefore: 6,
      subjectsAfter: 8,
      fingerprintsAfter: json.fingerprintCount,
    });
    expect(Date.parse(json.updates[1].at)).toBeGreaterThanOrEqual(Date.parse(first.createdAt));

    // A copy that holds the one who left and the two who joined.
    const leaked = await emptyDatabase('postgres');
    await runSql(
      leaked,
      `CREATE TABLE public.export (nr int PRIMARY KEY, mail text);
       INSERT INTO public.export VALUES ${[leaving, ...joining].map((p, i) => `(${i + 1}, '${p.email}')`).join(', ')};`,
    );
    const found = await scan(file, leaked);
    expect(found.code).toBe(4);
    expect(found.report.breach!.people).toBe(3);
    expect(found.subjects.map((s) => s.key).sort()).toEqual(['2', '7', '8']);
    expect(found.report.breach!.sourceTakenAt).toBe(json.updates[1].at);
    // The file before the update knew only the one who left.
    const old = await scan(original, leaked);
    expect(old.report.breach!.people).toBe(1);
    expect(old.subjects.map((s) => s.key)).toEqual(['2']);
  });

  test('a file of another database is refused unless --force; another key always', async () => {
    const file = join(dir, 'other.fingerprints');
    expect((await fingerprint(file)).code).toBe(0);
    const other = await emptyDatabase('postgres');
    await runSql(
      other,
      `CREATE TABLE public.applicant ${columns}; INSERT INTO public.applicant VALUES ${values([applicant(9)])};`,
    );
    const text = await readFile(file, 'utf8');

    const refused = await fingerprint(file, ['--update'], other);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('LP_FINGERPRINTS_SOURCE');
    expect(refused.stderr).toContain('--force');
    expect(await readFile(file, 'utf8')).toBe(text);

    const otherKey = await leakproof(
      ['fingerprint', '--quiet', '--source', source, '--policy', policyFile, '--out', file, '--update'],
      { LEAKPROOF_KEY: 'another-test-key-not-secret-0123456789' },
    );
    expect(otherKey.code).toBe(2);
    expect(otherKey.stderr).toContain('LP_KEY_MISMATCH');
    expect(await readFile(file, 'utf8')).toBe(text);

    const forced = await fingerprint(file, ['--update', '--force'], other);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toContain('1 added');
    const json = JSON.parse(await readFile(file, 'utf8'));
    expect(json.subjectCount).toBe(JSON.parse(text).subjectCount + 1);
    expect(json.updates[1].sourceIdentity).not.toBe(json.updates[0].sourceIdentity);
  });

  test('--update of a file that does not exist says so and writes nothing', async () => {
    const file = join(dir, 'missing.fingerprints');
    const run = await fingerprint(file, ['--update']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('does not exist');
    await expect(stat(file)).rejects.toThrow();
  });
});
