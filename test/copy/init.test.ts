/**
 * `leakproof init` drafts a complete policy, prints no sampled value, and its draft — used unedited —
 * is a valid, covering policy that anonymizes the personal columns.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { leakproof, tempDir } from '../support/cli.js';
import { emptyDatabase, kitchenSinkSource, runSql, withDatabase } from '../support/databases.js';
import { dropAll } from '../support/postgres.js';

afterAll(dropAll);

/** Personal values planted in the kitchen-sink fixture. */
const planted = [
  '111222333',
  '123456782',
  'Testperson',
  'Voorbeeld',
  'anna@example.org',
  'celina@example.net',
  '0612345678',
];

test('init drafts a covering policy without printing values, and the draft copies cleanly', async () => {
  const source = await kitchenSinkSource('postgres');
  const dir = await tempDir();
  const out = join(dir, 'leakproof.yaml');
  const init = await leakproof(['init', '--source', source, '--out', out]);
  expect(init.code).toBe(0);
  const yaml = await readFile(out, 'utf8');
  for (const value of planted) {
    expect(yaml).not.toContain(value);
    expect(init.stdout + init.stderr).not.toContain(value);
  }
  expect(yaml).toMatch(/^ {6}bsn: bsn\b/m);
  expect(yaml).toMatch(/^ {6}email: email\b/m);
  expect(yaml).toMatch(/^ {6}owner_bsn: bsn\b/m);
  expect(yaml).toMatch(/^ {4}subject: true/m);

  const again = await leakproof(['init', '--source', source, '--out', out]);
  expect(again.code).toBe(2);
  expect(again.stderr).toContain('--force');

  expect((await leakproof(['check', '--source', source, '--policy', out])).code).toBe(0);
  const target = await emptyDatabase('postgres');
  const copy = await leakproof(['copy', '--quiet', '--source', source, '--target', target, '--policy', out]);
  expect(copy.stderr).toBe('');
  expect(copy.code).toBe(0);
  const copied = await withDatabase(target, (db) =>
    db.query<{ row: string }>(
      `SELECT p::text AS row FROM public.person p UNION ALL SELECT a::text FROM crm.account a`,
    ),
  );
  const text = copied.map((r) => r.row).join('\n');
  for (const value of planted) expect(text).not.toContain(value);
});

test('the report names the key by id only and records every decision', async () => {
  const source = await kitchenSinkSource('pglite');
  const target = await emptyDatabase('pglite');
  const dir = await tempDir();
  const report = join(dir, 'run.json');
  const policy = new URL('../fixtures/kitchen-sink.policy.yaml', import.meta.url).pathname;
  const key = 'a-very-secret-key-that-must-never-be-printed';
  const run = await leakproof(
    ['copy', '--source', source, '--target', target, '--policy', policy, '--report', report],
    { LEAKPROOF_KEY: key },
  );
  expect(run.code).toBe(0);
  const text = await readFile(report, 'utf8');
  expect(text).not.toContain(key);
  expect(run.stdout + run.stderr).not.toContain(key);
  for (const value of planted) expect(text).not.toContain(value);
  const json = JSON.parse(text);
  expect(json).toMatchObject({
    reportVersion: 1,
    command: 'copy',
    outcome: 'success',
    key: { id: expect.stringMatching(/^[0-9a-f]{12}$/) },
    policy: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    schema: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/), tables: 3 },
    totals: { tables: 3, rows: 7 },
  });
  const person = json.tables.find((t: { name: string }) => t.name === 'public.person');
  expect(person.rows).toEqual({ source: 3, written: 3 });
  expect(person.columns.find((c: { name: string }) => c.name === 'birth_date')).toMatchObject({
    decision: 'dateShift',
    options: { maxDays: 180 },
  });
  expect((await stat(report)).size).toBeGreaterThan(0);
});

test('init measures kept columns about people on the source, and does not take titles for names', async () => {
  const source = await emptyDatabase('postgres');
  // 30 applicants with two diplomas each; a diploma number (letters and digits, no known format)
  // belongs to one applicant. Tracks and albums lead to nobody.
  await runSql(
    source,
    `CREATE TABLE public.applicant (id serial PRIMARY KEY, first_name text, last_name text, nationality char(2));
     CREATE TABLE public.diploma (id serial PRIMARY KEY, applicant_id int NOT NULL REFERENCES public.applicant(id),
       diploma_number text NOT NULL, title text);
     CREATE TABLE public.album (id serial PRIMARY KEY, title text);
     CREATE TABLE public.track (id serial PRIMARY KEY, album_id int REFERENCES public.album(id), name text, milliseconds int);
     INSERT INTO public.applicant (first_name, last_name, nationality)
       SELECT 'Voornaam' || i, 'Achternaam' || i, (ARRAY['NL','BE','DE'])[1 + i % 3] FROM generate_series(1, 30) i;
     INSERT INTO public.diploma (applicant_id, diploma_number, title)
       SELECT 1 + i % 30, 'DX' || upper(substr(md5(i::text), 1, 8)), (ARRAY['Bachelor Law','Master Arts'])[1 + i % 2]
       FROM generate_series(0, 59) i;
     INSERT INTO public.album (title) SELECT (ARRAY['Velvet Harbour','Midnight Orchard','Glacier Thunder'])[1 + i % 3]
       FROM generate_series(1, 10) i;
     INSERT INTO public.track (album_id, name, milliseconds)
       SELECT 1 + i % 10, (ARRAY['Silent','Velvet','Copper','Hollow'])[1 + i % 4] || ' ' ||
         (ARRAY['Lantern','Harbour','Compass','Meadow','Thunder'])[1 + i % 5], 180000 + i FROM generate_series(1, 40) i;`,
  );
  const dir = await tempDir();
  const out = join(dir, 'leakproof.yaml');
  const init = await leakproof(['init', '--source', source, '--out', out]);
  expect(init.code).toBe(0);
  const yaml = await readFile(out, 'utf8');
  expect(yaml).toMatch(
    /^ {6}diploma_number: code +# kept, it would single out people: 100% of its 60 distinct values belong to one person each \(30 people\); replaced by a keyed code of the same format$/m,
  );
  expect(yaml).toMatch(/^ {6}title: keep\b/m);
  expect(yaml).toMatch(/^ {6}nationality: keep\b/m);
  expect(yaml).toMatch(/^ {6}name: keep +# a name in a table of things/m);
  expect(yaml).not.toMatch(/fullName/);
  expect(yaml).not.toMatch(/DX[0-9A-F]{8}|Lantern|Harbour/);
  expect((await leakproof(['check', '--source', source, '--policy', out])).code).toBe(0);
});
