/**
 * The leak check end to end: a leak of every kind is planted by keeping one column the clean policy
 * transforms; `copy` must find it (table, column, row key, kind), exit 4, and release nothing.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { quoteTable } from '../../src/adapters/postgres/postgres-identifiers.js';
import type { RunReport } from '../../src/report/run-report.js';
import { leakproof, leakproofCopy, tempDir } from '../support/cli.js';
import { type Engine, emptyDatabase, withDatabase } from '../support/databases.js';
import { cleanPolicy, leakSource, plantedIn, policyKeeping } from '../support/leaks.js';
import { dropAll } from '../support/postgres.js';

afterAll(dropAll);

interface Expected {
  readonly table: string;
  readonly column: string;
  readonly row: string;
  readonly kind: string;
}

async function copy(source: string, target: string, policy: string, extra: string[] = []) {
  const report = join(await tempDir(), 'report.json');
  const run = await leakproofCopy({ source, target, policy, report, extra });
  const text = await readFile(report, 'utf8');
  return { ...run, report: JSON.parse(text) as RunReport, reportText: text };
}

const relations = (url: string) => withDatabase(url, (db) => db.listUserRelations());

const cases: { leak: string; keep: Record<string, string[]>; expect: Expected[] }[] = [
  {
    leak: 'a real value in a kept column',
    keep: { 'public.applicant': ['email'] },
    expect: [{ table: 'public.applicant', column: 'email', row: 'id=1', kind: 'email' }],
  },
  {
    leak: 'a name and a phone number inside free text, and an unknown IBAN',
    keep: { 'public.note': ['remark'] },
    expect: [
      { table: 'public.note', column: 'remark', row: 'id=1', kind: 'name' },
      { table: 'public.note', column: 'remark', row: 'id=1', kind: 'phone' },
      { table: 'public.note', column: 'remark', row: 'id=2', kind: 'iban' },
    ],
  },
  {
    leak: 'a BSN deep inside JSON',
    keep: { 'public.document': ['meta'] },
    expect: [{ table: 'public.document', column: 'meta', row: 'id=1', kind: 'bsn' }],
  },
  {
    leak: 'an e-mail address in an array',
    keep: { 'public.document': ['cc'] },
    expect: [{ table: 'public.document', column: 'cc', row: 'id=1', kind: 'email' }],
  },
  {
    leak: 'a name inside a bytea text document',
    keep: { 'public.document': ['content'] },
    expect: [{ table: 'public.document', column: 'content', row: 'id=1', kind: 'name' }],
  },
  {
    leak: 'real rows left in a table by mistake',
    keep: {
      'public.applicant_backup': [
        'bsn',
        'first_name',
        'last_name',
        'email',
        'phone',
        'date_of_birth',
        'postcode',
        'house_number',
        'iban',
      ],
    },
    expect: [
      { table: 'public.applicant_backup', column: 'bsn', row: 'id=1', kind: 'bsn' },
      { table: 'public.applicant_backup', column: 'bsn', row: 'id=2', kind: 'bsn' },
      { table: 'public.applicant_backup', column: 'bsn', row: 'id=3', kind: 'bsn' },
      { table: 'public.applicant_backup', column: 'first_name+last_name', row: 'id=2', kind: 'name' },
      {
        table: 'public.applicant_backup',
        column: 'postcode+house_number',
        row: 'id=3',
        kind: 'postcode+houseNumber',
      },
      {
        table: 'public.applicant_backup',
        column: 'first_name+date_of_birth',
        row: 'id=1',
        kind: 'name+birthDate',
      },
    ],
  },
  {
    leak: 'a kept column in a second schema',
    keep: { 'archive.contact': ['email'] },
    expect: [{ table: 'archive.contact', column: 'email', row: 'id=1', kind: 'email' }],
  },
];

describe('copy from postgres to postgres', () => {
  let source: string;
  beforeAll(async () => {
    source = await leakSource('postgres');
  });

  test('the clean policy passes with zero findings, and no planted value reaches the target', async () => {
    const target = await emptyDatabase('postgres');
    const run = await copy(source, target, cleanPolicy);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.report.outcome).toBe('success');
    expect(run.report.verification?.passed).toBe(true);
    expect(run.report.verification?.findings.total).toBe(0);
    expect(run.report.verification?.scanned.values).toBeGreaterThan(50);
    expect(run.report.verification?.fingerprints?.subjects).toBe(5);
    const everything = await withDatabase(target, async (db) => {
      const lines: string[] = [];
      for (const t of (await db.introspect()).tables) {
        const rows = await db.query<{ r: string }>(`SELECT t::text AS r FROM ${quoteTable(t)} t`);
        lines.push(...rows.map((r) => r.r));
      }
      return lines.join('\n');
    });
    expect(everything.length).toBeGreaterThan(500);
    expect(plantedIn(everything)).toEqual([]);
  });

  test.each(cases)('$leak: found, exit 4, nothing released', async ({ keep, expect: expected }) => {
    const target = await emptyDatabase('postgres');
    const run = await copy(source, target, await policyKeeping(keep));
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('LP_LEAK_FOUND');
    expect(run.stderr).toContain('Leak check FAILED');
    expect(run.report.outcome).toBe('failed');
    expect(run.report.error?.code).toBe('LP_LEAK_FOUND');
    const listed = run.report.verification?.findings.listed ?? [];
    for (const e of expected) expect(listed).toContainEqual(expect.objectContaining(e));
    // Never the value itself: not on stderr, not in the report.
    expect(plantedIn(run.stdout + run.stderr)).toEqual([]);
    expect(plantedIn(run.reportText)).toEqual([]);
    expect(await relations(target)).toEqual([]);
  });

  test('a leaky run over an earlier clean copy (--replace) leaves the clean copy as it was', async () => {
    const target = await emptyDatabase('postgres');
    expect((await copy(source, target, cleanPolicy)).code).toBe(0);
    const before = await relations(target);
    const run = await copy(source, target, await policyKeeping({ 'public.note': ['remark'] }), ['--replace']);
    expect(run.code).toBe(4);
    expect(await relations(target)).toEqual(before);
    const remarks = await withDatabase(target, (db) =>
      db.query<{ remark: string }>('SELECT remark FROM public.note'),
    );
    expect(plantedIn(remarks.map((r) => r.remark).join('\n'))).toEqual([]);
  });

  test('verify on its own: a leaky target exits 4 with the findings, a clean one 0', async () => {
    const leaky = await emptyDatabase('postgres');
    // A copy somebody else made: rows copied as they are.
    await withDatabase(leaky, (db) =>
      db.exec(
        "CREATE TABLE public.export (id int PRIMARY KEY, who text, contact text); INSERT INTO public.export VALUES (1, 'F. Yilmaz', '06 1234 5678'), (2, 'nobody', 'n/a')",
      ),
    );
    const policy = cleanPolicy;
    const run = await leakproof(['verify', '--source', source, '--target', leaky, '--policy', policy]);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('public.export.contact [id=1]: phone (fingerprint)');
    expect(plantedIn(run.stderr)).toEqual([]);

    const clean = await emptyDatabase('postgres');
    expect((await copy(source, clean, cleanPolicy)).code).toBe(0);
    const ok = await leakproof(['verify', '--source', source, '--target', clean, '--policy', policy]);
    expect(ok.stderr).toContain('Leak check passed');
    expect(ok.code).toBe(0);
  });
});

describe.each([['pglite', 'pglite']] as [Engine, Engine][])('copy from %s to %s', (from, to) => {
  test('a name and a phone in free text are found and the PGlite target stays empty', async () => {
    const source = await leakSource(from);
    const target = await emptyDatabase(to);
    const run = await copy(source, target, await policyKeeping({ 'public.note': ['remark'] }));
    expect(run.code).toBe(4);
    expect(run.report.verification?.findings.listed).toContainEqual(
      expect.objectContaining({ table: 'public.note', column: 'remark', row: 'id=1', kind: 'phone' }),
    );
    expect(await relations(target)).toEqual([]);
  });
});
