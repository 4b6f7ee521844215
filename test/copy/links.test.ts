/**
 * Columns linked within a row: the e-mail address is made of the row's fake names, the city is the
 * one the fake postcode lies in — whatever the order of the columns in the table — and a policy
 * whose links are broken is refused before anything is written.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cityOfPostcode } from '../../src/transforms/postcode-areas.js';
import { asciiSlug } from '../../src/transforms/text.js';
import { leakproof, leakproofCopy, tempDir } from '../support/cli.js';
import { emptyDatabase, runSql, withDatabase } from '../support/databases.js';
import { dropAll } from '../support/postgres.js';

afterAll(dropAll);

let source: string;
beforeAll(async () => {
  source = await emptyDatabase('postgres');
  // The linked columns come after the columns that read them, so the engine must reorder.
  await runSql(
    source,
    `CREATE TABLE public.person (
       id int PRIMARY KEY, email text, city text, first_name text, last_name text, postcode text);
     INSERT INTO public.person VALUES
       (1, 'fatima.yilmaz@mailbox.test', 'Utrecht', 'Fatima', 'Yilmaz', '3511 AB'),
       (2, 'olena@mailbox.test', 'Groningen', 'Olena', 'Kovalenko', '9712 CP'),
       (3, NULL, NULL, NULL, 'Gebremedhin', NULL);`,
  );
});

async function policy(columns: string): Promise<string> {
  const file = join(await tempDir(), 'policy.yaml');
  await writeFile(file, `version: 1\ntables:\n  person:\n    subject: true\n    columns:\n${columns}`);
  return file;
}

const linked = `      id: keep
      email: { transform: email, first: first_name, last: last_name }
      city: { transform: city, postcode: postcode }
      first_name: firstName
      last_name: lastName
      postcode: postcode
`;

test('the e-mail address is made of the row fake names, the city fits the fake postcode', async () => {
  const target = await emptyDatabase('postgres');
  const run = await leakproofCopy({ source, target, policy: await policy(linked) });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const rows = await withDatabase(target, (db) =>
    db.query<Record<string, string | null>>('SELECT * FROM public.person ORDER BY id'),
  );
  for (const row of rows.slice(0, 2)) {
    // 'Di Giorgio' becomes 'di.giorgio': each word of a name is one part of the local part.
    const slug = (name: string) => name.split(/\s+/).map(asciiSlug).join('.');
    expect(row.email).toMatch(
      new RegExp(`^${slug(row.first_name!)}\\.${slug(row.last_name!)}\\.\\d{7}@example\\.(com|net|org)$`),
    );
    // The fake postcode's city, unless the source has it: a city two rows hold is their value, and
    // the check would find it in the copy, so another city is drawn.
    const fitting = cityOfPostcode(row.postcode!);
    if (fitting === 'Utrecht' || fitting === 'Groningen')
      expect(['Utrecht', 'Groningen']).not.toContain(row.city);
    else expect(row.city).toBe(fitting);
    expect(row.first_name).not.toBe('Fatima');
  }
  expect(rows[2]).toMatchObject({ email: null, city: null, first_name: null, postcode: null });
});

test('a link to a column the table does not have, or links in a circle, are refused (exit 2)', async () => {
  const target = await emptyDatabase('postgres');
  const unknown = await policy(linked.replace('postcode: postcode }', 'postcode: zipcode }'));
  const first = await leakproof(['copy', '--source', source, '--target', target, '--policy', unknown]);
  expect(first.code).toBe(2);
  expect(first.stderr).toContain('city links to zipcode');

  const circle = await policy(
    linked
      .replace('city: { transform: city, postcode: postcode }', 'city: { transform: city, postcode: email }')
      .replace(
        'email: { transform: email, first: first_name, last: last_name }',
        'email: { transform: email, first: city }',
      ),
  );
  const second = await leakproof(['check', '--source', source, '--policy', circle]);
  expect(second.code).toBe(2);
  expect(second.stderr).toMatch(/in a circle \((email → city → email|city → email → city)\)/);
  expect(await withDatabase(target, (db) => db.listUserRelations())).toEqual([]);
});
