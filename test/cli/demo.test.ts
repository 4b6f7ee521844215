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
  // Without a register given, the demo records its copies beside it, not in the user's register.
  const noRegister = { LEAKPROOF_REGISTER: undefined };
  const first = await leakproof(['demo', '--dir', dir, '--applicants', '400'], noRegister);
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

  const second = await leakproof(['demo', '--dir', dir, '--applicants', '400', '--quiet'], noRegister);
  expect(second.code).toBe(0);
  expect(second.stderr).toBe('');
  expect(first.stdout).toContain(`register of copies:  pglite:${join(dir, 'register')}`);
  const copies = await leakproof(['copies', '--json', '--register', `pglite:${join(dir, 'register')}`]);
  expect(copies.code, copies.stderr).toBe(0);
  const records = JSON.parse(copies.stdout) as { runId: string; verdict: string }[];
  expect(records.map((r) => r.verdict)).toEqual(['released', 'released']);
  expect(records[0]?.runId).toBe(report.register.runId);
  const again = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
  expect(again.totals).toEqual(report.totals);
  expect(again.key.id).toBe(report.key.id);
});

test('verify of the demo copy reports every table with its decisions, in JSON and HTML', {
  timeout: 240_000,
}, async () => {
  const dir = await tempDir('leakproof-demo-verify-');
  expect((await leakproof(['demo', '--dir', dir, '--applicants', '200', '--quiet'], {})).code).toBe(0);
  const key = (await readFile(join(dir, 'leakproof.key'), 'utf8')).trim();
  const json = join(dir, 'verify.json');
  const verify = await leakproof(
    [
      'verify',
      '--source',
      `pglite:${join(dir, 'production')}`,
      '--target',
      `pglite:${join(dir, 'test-copy')}`,
      '--policy',
      join(dir, 'leakproof.yaml'),
      '--report',
      json,
    ],
    { LEAKPROOF_KEY: key },
  );
  expect(verify.code).toBe(0);
  expect(verify.stderr).toMatch(/public\.applicant {2}200 rows fingerprinted in the source/);
  expect(verify.stderr).toMatch(/public\.applicant {2}200 rows checked in the target/);
  const report = JSON.parse(await readFile(json, 'utf8'));
  expect(report.tables).toHaveLength(10);
  const applicant = report.tables.find((t: { name: string }) => t.name === 'public.applicant');
  expect(applicant.rows).toEqual({ source: 200, written: 200 });
  expect(applicant.columns.find((c: { name: string }) => c.name === 'bsn')).toMatchObject({
    decision: 'bsn',
    reason: expect.stringContaining('11-proef'),
  });
  const html = await readFile(join(dir, 'verify.html'), 'utf8');
  expect(html).toContain('<h1>Passed: no personal data of the source found</h1>');
  expect(html).toContain('200 rows checked in the target (200 in the source)');
});
