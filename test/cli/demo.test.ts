/**
 * `leakproof demo` end to end: the embedded production database, the drafted policy, a key file only
 * its owner can read, the copy and the report — and a second run that reuses all of it.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { leakproof, tempDir } from '../support/cli.js';
import { withDatabase } from '../support/databases.js';

test('demo builds, anonymizes and reports; running it twice works', { timeout: 240_000 }, async () => {
  const dir = await tempDir('leakproof-demo-');
  const first = await leakproof(['demo', '--dir', dir, '--applicants', '400'], {});
  expect(first.stderr).toContain('Building the demo production database');
  expect(first.code).toBe(0);
  expect(first.stdout).toMatch(/Leakproof demo: 10 tables, [\d,]+ rows, \d+ columns transformed/);
  expect(first.stderr).toMatch(/public\.applicant {2}400\/400 rows/);

  expect((await stat(join(dir, 'leakproof.key'))).mode & 0o777).toBe(0o600);
  // The page for people sits beside the JSON, and the demo says where.
  expect(first.stdout).toContain(`report:              ${join(dir, 'report.html')}`);
  await expect(readFile(join(dir, 'report.html'), 'utf8')).resolves.toContain(
    '<h1>Released: the copy passed the leak check</h1>',
  );
  const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
  expect(report.outcome).toBe('success');
  expect(report.tables.find((t: { name: string }) => t.name === 'public.applicant').rows).toEqual({
    source: 400,
    written: 400,
  });

  // The leak check read every value and found nothing: the unedited draft policy is clean.
  expect(report.verification.passed).toBe(true);
  expect(report.verification.findings.total).toBe(0);
  expect(report.verification.scanned.rows).toBe(report.totals.rows);
  expect(first.stderr).toContain('Leak check passed');

  // The copy holds the same number of people, none with a source BSN, e-mail or IBAN: fakes are
  // drawn again when they happen to be some real person's value.
  const identifiers = `SELECT bsn, email, iban FROM public.applicant ORDER BY id`;
  const [before, after] = await Promise.all([
    withDatabase(`pglite:${join(dir, 'production')}`, (db) => db.query<Record<string, string>>(identifiers)),
    withDatabase(`pglite:${join(dir, 'test-copy')}`, (db) => db.query<Record<string, string>>(identifiers)),
  ]);
  expect(after).toHaveLength(before.length);
  for (const column of ['bsn', 'email', 'iban']) {
    const real = new Set(before.map((r) => r[column]));
    expect(after.filter((r) => r[column] !== null && real.has(r[column]!))).toEqual([]);
  }

  const second = await leakproof(['demo', '--dir', dir, '--applicants', '400', '--quiet'], {});
  expect(second.code).toBe(0);
  expect(second.stderr).toBe('');
  const again = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
  expect(again.totals).toEqual(report.totals);
  expect(again.key.id).toBe(report.key.id);
});
