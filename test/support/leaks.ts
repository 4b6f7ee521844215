/**
 * The leak fixture (test/fixtures/leaks.sql): a small "production" database with a place for every
 * kind of leak, the policy under which nothing leaks, and the personal values planted in it, in
 * every spelling a test must never find in any output.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { tempDir } from './cli.js';
import { type Engine, emptyDatabase, runSql } from './databases.js';

export const cleanPolicy = fileURLToPath(new URL('../fixtures/leaks.policy.yaml', import.meta.url));

export const planted = [
  '111222333',
  '123456782',
  '234567892',
  'Fatima',
  'Yilmaz',
  'Gebremedhin',
  'Kovalenko',
  'fatima.yilmaz@mailbox.test',
  'tesfay.g@mailbox.test',
  'olena.k@mailbox.test',
  '06-12345678',
  '0612345678',
  '06 1234 5678',
  '+31 6 23456789',
  'NL91ABNA0417164300',
  'NL44 RABO 0123 4567 89',
  'NL44RABO0123456789',
];

export async function leakSource(engine: Engine): Promise<string> {
  const url = await emptyDatabase(engine);
  await runSql(url, await readFile(new URL('../fixtures/leaks.sql', import.meta.url), 'utf8'));
  return url;
}

/** The clean policy with some decisions turned into `keep` (`'public.note': ['remark']`), as a file. */
export async function policyKeeping(keep: Readonly<Record<string, readonly string[]>>): Promise<string> {
  const doc = parseDocument(await readFile(cleanPolicy, 'utf8'));
  for (const [table, columns] of Object.entries(keep)) {
    const key = table.startsWith('public.') ? table.slice('public.'.length) : table;
    for (const column of columns) doc.setIn(['tables', key, 'columns', column], 'keep');
  }
  const file = join(await tempDir(), 'leaky.yaml');
  await writeFile(file, doc.toString());
  return file;
}

/** Fails the test if any planted value appears in `text`. */
export function plantedIn(text: string): string[] {
  return planted.filter((value) => text.includes(value));
}
