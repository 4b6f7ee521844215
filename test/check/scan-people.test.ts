/**
 * One person, counted once: a source holding the same people in a current and an archive subject
 * table, fingerprinted, then N of those people planted in a handed-over database. `scan` must report
 * N people (records that share an e-mail address or a phone number are one person), and the subject
 * records apart, with the rule it used.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { RunReport } from '../../src/report/run-report.js';
import { affectedRecords, readAffected } from '../support/affected.js';
import { leakproof, tempDir } from '../support/cli.js';
import { emptyDatabase, runSql } from '../support/databases.js';
import { dropAll } from '../support/postgres.js';

afterAll(dropAll);

const firstNames = [
  'fatima',
  'jan',
  'olena',
  'tesfay',
  'pieter',
  'anouk',
  'mehmet',
  'sanne',
  'yusuf',
  'lotte',
];
const lastNames = [
  'yilmaz',
  'jansen',
  'kovalenko',
  'gebremedhin',
  'de boer',
  'visser',
  'demir',
  'smit',
  'bakker',
  'mulder',
];

interface Person {
  readonly id: number;
  readonly first: string;
  readonly last: string;
  readonly email: string;
  readonly phone: string;
}

/** Person `id` (below 100): a name of their own, so a name found points at them and nobody else. */
function person(id: number, phone = `06${String(20_000_000 + id)}`): Person {
  const first = firstNames[id % 10]!;
  const last = lastNames[Math.floor(id / 10)]!;
  return { id, first, last, email: `${first}.${last.replace(' ', '')}.${id}@mailbox.test`, phone };
}

// Current applicants 1–60; the archive holds 1–25 again (odd: the same e-mail address in capitals,
// no phone; even: the same phone in another spelling, no e-mail) and 61–70, who are only there.
const current = Array.from({ length: 60 }, (_, i) => person(i + 1));
const archivedAgain = current.slice(0, 25);
const archiveOnly = Array.from({ length: 10 }, (_, i) => person(61 + i));
// Twelve applicants behind one office phone, written two ways: a shared phone links none of them.
const office = Array.from({ length: 12 }, (_, i) =>
  person(71 + i, i % 2 === 0 ? '020-5550000' : '+31 20 555 0000'),
);
// A household: one phone, two first names, two people.
const household = [person(83, '0687654321'), person(84, '0687654321')];

const sqlText = (v: string | null) => (v === null ? 'NULL' : `'${v.replace(/'/g, "''")}'`);
const row = (id: number, p: Person, email: string | null, phone: string | null) =>
  `(${id}, ${sqlText(p.first)}, ${sqlText(p.last)}, ${sqlText(email)}, ${sqlText(phone)})`;

/** `06200000xx` as `+31 6 2000 00xx`. */
const international = (phone: string) => `+31 ${phone[1]} ${phone.slice(2, 6)} ${phone.slice(6)}`;

const policy = `version: 1
tables:
  applicant:
    subject: true
    columns:
      id: keep
      first_name: firstName
      last_name: lastName
      email: email
      phone: phone
  archive.applicant:
    subject: true
    columns:
      id: keep
      first_name: firstName
      last_name: lastName
      email: email
      phone: phone
`;

let fingerprints: string;

beforeAll(async () => {
  const source = await emptyDatabase('postgres');
  const columns = '(id int PRIMARY KEY, first_name text, last_name text, email text, phone text)';
  await runSql(
    source,
    `CREATE SCHEMA archive;
     CREATE TABLE public.applicant ${columns};
     CREATE TABLE archive.applicant ${columns};
     INSERT INTO public.applicant VALUES ${[...current, ...office, ...household]
       .map((p) => row(p.id, p, p.email, p.phone))
       .join(', ')};
     INSERT INTO archive.applicant VALUES ${[
       ...archivedAgain.map((p) =>
         p.id % 2 === 1
           ? row(1000 + p.id, p, p.email.toUpperCase(), null)
           : row(1000 + p.id, p, null, international(p.phone)),
       ),
       ...archiveOnly.map((p) => row(1000 + p.id, p, p.email, p.phone)),
     ].join(', ')};`,
  );
  const dir = await tempDir();
  const policyFile = join(dir, 'leakproof.yaml');
  await writeFile(policyFile, policy);
  fingerprints = join(dir, 'source.fingerprints');
  const run = await leakproof([
    'fingerprint',
    '--source',
    source,
    '--policy',
    policyFile,
    '--out',
    fingerprints,
  ]);
  expect(run.code, run.stderr).toBe(0);
});

async function scan(target: string) {
  const dir = await tempDir();
  const report = join(dir, 'breach.json');
  const affected = join(dir, 'affected.csv');
  const run = await leakproof([
    'scan',
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

test('people held in a current and an archive table are counted once, their records apart', async () => {
  // 37 people: 25 held in both tables, 3 in the current table only, 4 in the archive only, 3 of
  // the office (by their own e-mail address; the office phone is shared) and the household of 2.
  const inBoth = current.slice(0, 25);
  const currentOnly = current.slice(25, 28);
  const archived = archiveOnly.slice(0, 4);
  const staff = office.slice(0, 3);
  const planted = [...inBoth, ...currentOnly, ...archived, ...staff];
  const leaked = await emptyDatabase('postgres');
  await runSql(
    leaked,
    `CREATE TABLE public.export (nr int PRIMARY KEY, mail text, tel text);
     INSERT INTO public.export VALUES ${[
       // The mail in capitals and the phone in the other spelling: found all the same.
       ...planted.map(
         (p, i) =>
           `(${i + 1}, ${sqlText(p.email.toUpperCase())}, ${sqlText(p.phone.startsWith('06') ? international(p.phone) : p.phone)})`,
       ),
       `(100, NULL, ${sqlText(household[0]!.phone)})`,
     ].join(', ')};`,
  );
  const run = await scan(leaked);
  expect(run.code).toBe(4);
  const breach = run.report.breach!;
  const people = planted.length + household.length;
  expect(people).toBe(37);
  expect(breach.people).toBe(people);
  // Records: both of each person in the two tables, one of everyone else.
  expect(breach.subjectRecords).toBe(people + inBoth.length);
  expect(run.subjects).toHaveLength(breach.subjectRecords);
  expect(new Set(run.subjects.map((s) => s.person)).size).toBe(people);
  expect(breach.personRule).toContain('count as one person');
  // Each person of both tables: the current and the archive record under one person number.
  const personOf = new Map(run.subjects.map((s) => [`${s.table}:${s.key}`, s.person]));
  for (const p of inBoth) {
    const a = personOf.get(`public.applicant:${p.id}`);
    expect(a, `applicant ${p.id}`).toBeDefined();
    expect(personOf.get(`archive.applicant:${1000 + p.id}`), `applicant ${p.id}`).toBe(a);
  }
  // The household's two records stay two people.
  const [h1, h2] = household.map((p) => personOf.get(`public.applicant:${p.id}`));
  expect(h1).toBeDefined();
  expect(h2).toBeDefined();
  expect(h1).not.toBe(h2);
  // The shared office phone is counted apart, not as anyone.
  expect(breach.sharedValueFindings).toBeGreaterThan(0);
  // Records of one person are listed together, person numbers in order.
  const numbers = run.subjects.map((s) => s.person);
  expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  expect(run.stderr).toContain(
    `People affected: ${people} (${people + inBoth.length} subject records in 2 tables; subject records that share`,
  );
});

test('a person found in one table only is one record and one person', async () => {
  const leaked = await emptyDatabase('postgres');
  await runSql(
    leaked,
    `CREATE TABLE public.export (nr int PRIMARY KEY, mail text);
     INSERT INTO public.export VALUES (1, ${sqlText(current[40]!.email)});`,
  );
  const run = await scan(leaked);
  expect(run.code).toBe(4);
  expect(run.report.breach).toMatchObject({ people: 1, subjectRecords: 1 });
  expect(run.stderr).toContain('People affected: 1 (1 subject record in 1 table;');
});

test('a fingerprint file of version 1 (before records were linked) counts every record, and says so', async () => {
  const json = JSON.parse(await readFile(fingerprints, 'utf8'));
  const old = join(await tempDir(), 'old.fingerprints');
  await writeFile(old, JSON.stringify({ ...json, version: 1 }), { mode: 0o600 });
  const leaked = await emptyDatabase('postgres');
  const p = current[0]!; // held in both tables
  await runSql(
    leaked,
    `CREATE TABLE public.export (nr int PRIMARY KEY, mail text);
     INSERT INTO public.export VALUES (1, ${sqlText(p.email)});`,
  );
  const report = join(await tempDir(), 'breach.json');
  const run = await leakproof(['scan', '--fingerprints', old, '--target', leaked, '--report', report]);
  expect(run.code).toBe(4);
  const breach = (JSON.parse(await readFile(report, 'utf8')) as RunReport).breach;
  expect(breach).toMatchObject({ people: 2, subjectRecords: 2 });
  expect(breach?.personRule).toContain('version 1');
  // The same database with the current file: one person.
  expect((await scan(leaked)).report.breach).toMatchObject({ people: 1, subjectRecords: 2 });
});
