/**
 * Fail closed: anything the policy does not decide on, any bad input, stops the run before the
 * target is touched, with a message that names the thing and the exit code the docs promise.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { leakproof, TEST_KEY, tempDir } from '../support/cli.js';
import { emptyDatabase, kitchenSinkSource, runSql, withDatabase } from '../support/databases.js';
import { dropAll } from '../support/postgres.js';

afterAll(dropAll);

const policyFile = fileURLToPath(new URL('../fixtures/kitchen-sink.policy.yaml', import.meta.url));
let source: string;
let dir: string;

beforeAll(async () => {
  source = await kitchenSinkSource('postgres');
  dir = await tempDir();
});

async function relationsIn(url: string): Promise<string[]> {
  return withDatabase(url, (db) => db.listUserRelations());
}

async function policyWith(edit: (text: string) => string): Promise<string> {
  const file = join(dir, `policy-${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(file, edit(await readFile(policyFile, 'utf8')));
  return file;
}

describe('fail closed', () => {
  test('a column added after the policy was written stops copy and check with exit 3, naming it', async () => {
    const changed = await kitchenSinkSource('postgres');
    await runSql(
      changed,
      'ALTER TABLE crm.account ADD COLUMN iban text; CREATE TABLE public.newcomer (id int)',
    );
    const target = await emptyDatabase('postgres');
    const copy = await leakproof(['copy', '--source', changed, '--target', target, '--policy', policyFile]);
    expect(copy.code).toBe(3);
    expect(copy.stderr).toContain('no decision: crm.account.iban');
    expect(copy.stderr).toContain('no decision: public.newcomer.id');
    expect(await relationsIn(target)).toEqual([]);

    const check = await leakproof(['check', '--source', changed, '--policy', policyFile]);
    expect(check.code).toBe(3);
    expect(check.stderr).toContain('crm.account.iban');
    const ok = await leakproof(['check', '--source', source, '--policy', policyFile]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('covers all 3 tables');
  });

  test('no key: exit 2 and nothing written', async () => {
    const target = await emptyDatabase('postgres');
    const run = await leakproof(['copy', '--source', source, '--target', target, '--policy', policyFile], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('LEAKPROOF_KEY');
    expect(await relationsIn(target)).toEqual([]);
  });

  test('a key file others can read is refused', async () => {
    const keyFile = join(dir, 'open.key');
    await writeFile(keyFile, TEST_KEY, { mode: 0o644 });
    const target = await emptyDatabase('postgres');
    const run = await leakproof(
      ['copy', '--source', source, '--target', target, '--policy', policyFile, '--key-file', keyFile],
      {},
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('chmod 600');
  });

  test('bad URLs: exit 2 naming the URL role, never the password', async () => {
    const target = await emptyDatabase('postgres');
    const scheme = await leakproof([
      'copy',
      '--source',
      'oracle://x/y',
      '--target',
      target,
      '--policy',
      policyFile,
    ]);
    expect(scheme.code).toBe(2);
    expect(scheme.stderr).toContain("source URL scheme 'oracle:'");
    const unreachable = await leakproof([
      'copy',
      '--source',
      'postgres://someone:hunter2@127.0.0.1:1/nowhere',
      '--target',
      target,
      '--policy',
      policyFile,
    ]);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain('postgres://someone@127.0.0.1:1/nowhere');
    expect(unreachable.stderr).not.toContain('hunter2');
    const mysql = await leakproof([
      'copy',
      '--source',
      'mysql://someone:hunter2@127.0.0.1:1/nowhere',
      '--target',
      target,
      '--policy',
      policyFile,
    ]);
    expect(mysql.code).toBe(2);
    expect(mysql.stderr).toContain('mysql://someone@127.0.0.1:1/nowhere');
    expect(mysql.stderr).not.toContain('hunter2');
    const sqlite = await leakproof([
      'copy',
      '--source',
      'sqlite:/nowhere/prod.db',
      '--target',
      target,
      '--policy',
      policyFile,
    ]);
    expect(sqlite.code).toBe(2);
    expect(sqlite.stderr).toContain('/nowhere/prod.db');
  });

  test('broken YAML: exit 2 with the line', async () => {
    const broken = await policyWith((t) => t.replace('  person:\n', '  person:\n   - oops: [\n'));
    const run = await leakproof(['check', '--source', source, '--policy', broken]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not valid YAML[\s\S]*line \d+/);
  });

  test('unknown transform: exit 2 with the YAML path, line and a suggestion', async () => {
    const typo = await policyWith((t) => t.replace('      bsn: bsn\n', '      bsn: bsnn\n'));
    const run = await leakproof(['check', '--source', source, '--policy', typo]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /tables\.person\.columns\.bsn \(line \d+\): unknown transform 'bsnn'; did you mean 'bsn'\?/,
    );
  });

  test('a column or table the source does not have, or a transform that cannot fill the type: exit 2', async () => {
    const wrong = await policyWith((t) =>
      t
        .replace('      id: keep\n', '      id: keep\n      nickname: keep\n')
        .replace('      salary: keep\n', '      salary: email\n')
        .concat('  public.ghost: skip\n'),
    );
    const run = await leakproof(['check', '--source', source, '--policy', wrong]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('public.person has no column nickname');
    expect(run.stderr).toContain('the source has no table public.ghost');
    expect(run.stderr).toMatch(/tables\.person\.columns\.salary \(line \d+\): email cannot fill salary/);
  });

  test('foreign key ends transformed differently: exit 2', async () => {
    const mismatch = await policyWith((t) => t.replace('      owner_bsn: bsn\n', '      owner_bsn: hash\n'));
    const run = await leakproof(['check', '--source', source, '--policy', mismatch]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('crm.account.owner_bsn references public.person.bsn');
  });

  test('an occupied target is refused, and --replace replaces it', async () => {
    const target = await emptyDatabase('postgres');
    await runSql(
      target,
      'CREATE TABLE public.precious (id int); CREATE SCHEMA crm; CREATE TABLE crm.account (x int)',
    );
    const refused = await leakproof(['copy', '--source', source, '--target', target, '--policy', policyFile]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already holds 2 table(s)');
    expect(await relationsIn(target)).toEqual(['crm.account', 'public.precious']);

    const replaced = await leakproof([
      'copy',
      '--replace',
      '--source',
      source,
      '--target',
      target,
      '--policy',
      policyFile,
    ]);
    expect(replaced.code).toBe(0);
    expect(await relationsIn(target)).not.toContain('public.precious');
    expect(await relationsIn(target)).toContain('crm.Odd Table');
  });

  test('copying onto the source itself is refused', async () => {
    const run = await leakproof([
      'copy',
      '--replace',
      '--source',
      source,
      '--target',
      source,
      '--policy',
      policyFile,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('same database');
  });

  test('a failure during the load rolls the target back and the report records it', async () => {
    const target = await emptyDatabase('postgres');
    // A NOT NULL column with a `null` transform is caught by the policy check; a check constraint the
    // fakes violate is only seen by the database, mid-copy.
    const bad = await kitchenSinkSource('postgres');
    await runSql(
      bad,
      "ALTER TABLE public.person ADD CONSTRAINT real_names CHECK (first_name IN ('Anna', 'Bram', 'Ćelina'))",
    );
    const report = join(dir, 'failed-report.json');
    const run = await leakproof([
      'copy',
      '--source',
      bad,
      '--target',
      target,
      '--policy',
      policyFile,
      '--report',
      report,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('violates a check constraint');
    // PostgreSQL's own message for this names the failing row's values; none may get through.
    expect(run.stderr).not.toMatch(/Anna|Bram|Ćelina|Testperson|111222333/);
    expect(await relationsIn(target)).toEqual([]);
    const written = JSON.parse(await readFile(report, 'utf8'));
    expect(written.outcome).toBe('failed');
    expect(written.error.code).toBe('LP_DATABASE');
  });
});
