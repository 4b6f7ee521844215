/**
 * Production is read by a role that may only read; the target is written by a role that owns it.
 * Neither is a superuser, as in a real deployment.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { leakproof } from '../support/cli.js';
import { dump, kitchenSinkSource, runSql } from '../support/databases.js';
import { createDatabase, dropAll, serverUrl } from '../support/postgres.js';

afterAll(dropAll);

const policy = fileURLToPath(new URL('../fixtures/kitchen-sink.policy.yaml', import.meta.url));

function withUser(url: string, user: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = 'role-password';
  return u.toString();
}

test('a read-only source role and a target-owning role, neither superuser, can copy', async () => {
  const suffix = Math.random().toString(36).slice(2, 8);
  const reader = `lp_reader_${suffix}`;
  const writer = `lp_writer_${suffix}`;
  await runSql(
    serverUrl(),
    `CREATE ROLE ${reader} LOGIN PASSWORD 'role-password'; CREATE ROLE ${writer} LOGIN PASSWORD 'role-password'`,
  );
  const source = await kitchenSinkSource('postgres');
  await runSql(
    source,
    `GRANT USAGE ON SCHEMA public, crm TO ${reader};
     GRANT SELECT ON ALL TABLES IN SCHEMA public, crm TO ${reader};
     GRANT SELECT ON ALL SEQUENCES IN SCHEMA public, crm TO ${reader};`,
  );
  const target = await createDatabase();
  const database = new URL(target).pathname.slice(1);
  await runSql(serverUrl(), `ALTER DATABASE "${database}" OWNER TO ${writer}`);
  await runSql(target, `ALTER SCHEMA public OWNER TO ${writer}`);

  const run = await leakproof([
    'copy',
    '--quiet',
    '--source',
    withUser(source, reader),
    '--target',
    withUser(target, writer),
    '--policy',
    policy,
  ]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(await dump(target, { schema: 'crm', name: 'account' })).toHaveLength(2);
});
