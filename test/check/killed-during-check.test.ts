/**
 * A copy killed while its leak check runs — after every row is in, before anything is released —
 * must leave no target that looks complete: the check runs inside the target's one transaction, and
 * PostgreSQL drops that transaction with the connection.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { TEST_KEY, tempDir } from '../support/cli.js';
import { emptyDatabase, runSql, withDatabase } from '../support/databases.js';
import { dropAll } from '../support/postgres.js';

afterAll(dropAll);

const bin = fileURLToPath(new URL('../../bin/leakproof.js', import.meta.url));

test('kill -9 during the leak check leaves the target empty; the next run succeeds', {
  timeout: 120_000,
}, async () => {
  const source = await emptyDatabase('postgres');
  // Enough rows that the check takes a few seconds on any machine.
  await runSql(
    source,
    `CREATE TABLE public.person (id int PRIMARY KEY, email text, note text);
     INSERT INTO public.person
       SELECT i, 'person' || i || '@mailbox.test', repeat('a note with nothing personal in it ', 3)
       FROM generate_series(1, 30000) AS i;`,
  );
  const policy = join(await tempDir(), 'policy.yaml');
  await writeFile(
    policy,
    'version: 1\ntables:\n  person:\n    subject: true\n    columns:\n      id: keep\n      email: email\n      note: scrub\n',
  );
  const target = await emptyDatabase('postgres');
  const args = [bin, 'copy', '--source', source, '--target', target, '--policy', policy];
  const env = {
    PATH: process.env.PATH ?? '',
    LEAKPROOF_REGISTER: process.env.LEAKPROOF_REGISTER ?? '',
    LEAKPROOF_KEY: TEST_KEY,
  };

  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const killedAtCheck = await new Promise<boolean>((resolve) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('Checking every value')) {
        child.kill('SIGKILL');
        resolve(true);
      }
    });
    child.on('exit', () => resolve(false));
  });
  expect(killedAtCheck).toBe(true);
  await new Promise((resolve) => child.on('close', resolve));
  expect(child.signalCode).toBe('SIGKILL');

  // The server notices the dropped connection and rolls its transaction back.
  const relations = async () => withDatabase(target, (db) => db.listUserRelations());
  for (let i = 0; i < 50 && (await relations()).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
  expect(await relations()).toEqual([]);

  const again = spawn(process.execPath, [...args.slice(0), '--quiet'], { env, stdio: 'ignore' });
  const code = await new Promise((resolve) => again.on('exit', resolve));
  expect(code).toBe(0);
  expect(await relations()).toEqual(['public.person']);
});
