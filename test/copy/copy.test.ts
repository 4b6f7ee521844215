/**
 * `leakproof copy` end to end against real databases: PostgreSQL and PGlite as source and target.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { copyDatabase } from '../../src/copy/copy-database.js';
import { Keyed } from '../../src/core/keyed.js';
import { loadPolicyFile } from '../../src/policy/load-policy.js';
import { leakproof, TEST_KEY, tempDir } from '../support/cli.js';
import {
  dump,
  type Engine,
  emptyDatabase,
  kitchenSinkSource,
  runSql,
  withDatabase,
} from '../support/databases.js';
import { dropAll } from '../support/postgres.js';

afterAll(dropAll);

const policy = fileURLToPath(new URL('../fixtures/kitchen-sink.policy.yaml', import.meta.url));
const keepAll = fileURLToPath(new URL('../fixtures/kitchen-sink.keep-all.yaml', import.meta.url));
const person = { schema: 'public', name: 'person' };
const account = { schema: 'crm', name: 'account' };
const odd = { schema: 'crm', name: 'Odd Table' };

const pairs: [Engine, Engine][] = [
  ['postgres', 'postgres'],
  ['postgres', 'pglite'],
  ['pglite', 'postgres'],
  ['pglite', 'pglite'],
];

describe.each(pairs)('copy from %s to %s', (sourceEngine, targetEngine) => {
  test('with every column kept, every value of every kind arrives unchanged', async () => {
    const source = await kitchenSinkSource(sourceEngine);
    const target = await emptyDatabase(targetEngine);
    // The library, with the leak check off: a keep-all copy is a leak by design, and the CLI
    // refuses to release it (tested below); here only the transport of values is under test.
    await withDatabase(source, (from) =>
      withDatabase(target, async (to) =>
        copyDatabase({
          source: from,
          target: to,
          policy: await loadPolicyFile(keepAll),
          keyed: new Keyed(TEST_KEY),
          replace: false,
          leakCheck: false,
        }),
      ),
    );
    for (const table of [person, account, odd]) {
      const [before, after] = await Promise.all([dump(source, table), dump(target, table)]);
      expect(after.length).toBeGreaterThan(0);
      expect(after).toEqual(before);
    }
  });

  test('rebuilds the schema, transforms what the policy says, keeps the rest, and is deterministic', async () => {
    const source = await kitchenSinkSource(sourceEngine);
    const target = await emptyDatabase(targetEngine);
    const run = await leakproof(['copy', '--source', source, '--target', target, '--policy', policy]);
    expect(run.stderr).toContain('Copied 3 tables');
    expect(run.code).toBe(0);

    const [sourceSchema, targetSchema] = await Promise.all([
      withDatabase(source, (db) => db.introspect()),
      withDatabase(target, (db) => db.introspect()),
    ]);
    const shape = (s: typeof sourceSchema) => ({
      ...s,
      tables: s.tables.map((t) => ({ ...t, rowEstimate: 0 })),
    });
    expect(shape(targetSchema)).toEqual(shape(sourceSchema));

    const rows = await withDatabase(target, (db) =>
      db.query<Record<string, string | null>>(
        `SELECT id::text, bsn, first_name, last_name, "Full Name" AS full_name, email, phones::text, birth_date::text,
                mood::text, postcode::text, salary::text, score::text, profile::text, photo::text, manager_id::text
         FROM public.person ORDER BY id`,
      ),
    );
    const original = await withDatabase(source, (db) =>
      db.query<Record<string, string | null>>(
        `SELECT id::text, bsn, first_name, last_name, email, birth_date::text, salary::text, score::text, mood::text
         FROM public.person ORDER BY id`,
      ),
    );
    expect(rows).toHaveLength(3);
    rows.forEach((row, i) => {
      const before = original[i]!;
      expect(row.id).toBe(before.id);
      expect(row.bsn).not.toBe(before.bsn);
      expect(row.first_name).not.toBe(before.first_name);
      expect(row.last_name).not.toBe(before.last_name);
      // The generated column is recomputed by the target from the fake names.
      expect(row.full_name).toBe(`${row.first_name} ${row.last_name}`);
      if (before.email !== null) expect(row.email).not.toBe(before.email);
      else expect(row.email).toBeNull();
      if (before.birth_date !== null) expect(row.birth_date).not.toBe(before.birth_date);
      expect([row.salary, row.score, row.mood]).toEqual([before.salary, before.score, before.mood]);
      expect(row.photo === null || row.photo === '\\x').toBe(true);
    });

    // The BSN foreign key from crm.account still points at the same (now fake) person.
    const joined = await withDatabase(target, (db) =>
      db.query<{ n: string }>(
        'SELECT count(*)::text AS n FROM crm.account a JOIN public.person p ON p.bsn = a.owner_bsn',
      ),
    );
    expect(joined[0]?.n).toBe('1');
    expect(await dump(target, odd)).toHaveLength(2);
    // Sequences continue where the source stood.
    const next = await withDatabase(target, (db) =>
      db.query<{ v: string }>("SELECT nextval('public.ticket_seq')::text AS v"),
    );
    expect(next[0]?.v).toBe('1004');

    // A second run with the same key gives the same copy, row for row.
    const again = await emptyDatabase(targetEngine);
    expect(
      (await leakproof(['copy', '--quiet', '--source', source, '--target', again, '--policy', policy])).code,
    ).toBe(0);
    for (const table of [person, account, odd])
      expect(await dump(again, table)).toEqual(await dump(target, table));
  });
});

test('a view that cannot be recreated is listed as not copied, never dropped silently', async () => {
  const source = await emptyDatabase('postgres');
  await runSql(
    source,
    `CREATE TABLE public.item (id int PRIMARY KEY, label text);
     INSERT INTO public.item VALUES (1, 'a');
     CREATE FUNCTION public.shout(text) RETURNS text LANGUAGE sql AS $$ SELECT upper($1) $$;
     CREATE VIEW public.loud AS SELECT id, public.shout(label) AS label FROM public.item;
     CREATE VIEW public.plain AS SELECT id FROM public.item;`,
  );
  const dir = await tempDir();
  const policyFile = join(dir, 'policy.yaml');
  await writeFile(
    policyFile,
    'version: 1\ntables:\n  item:\n    columns:\n      id: keep\n      label: keep\n',
  );
  const report = join(dir, 'report.json');
  const target = await emptyDatabase('postgres');
  const run = await leakproof([
    'copy',
    '--source',
    source,
    '--target',
    target,
    '--policy',
    policyFile,
    '--report',
    report,
  ]);
  expect(run.code).toBe(0);
  expect(run.stderr).toContain('warning: View public.loud was not created');
  expect(run.stderr).toContain('Views not created: public.loud.');
  const views = JSON.parse(await readFile(report, 'utf8')).views;
  expect(views).toEqual([
    { name: 'public.loud', materialized: false, created: false, reason: expect.stringContaining('shout') },
    { name: 'public.plain', materialized: false, created: true },
  ]);
  expect(await withDatabase(target, (db) => db.listUserRelations())).toEqual(['public.item', 'public.plain']);
});
