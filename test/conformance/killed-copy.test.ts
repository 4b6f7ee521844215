/**
 * `kill -9` in the middle of a copy's load, onto every engine: the target is left as it was
 * (nothing there), and the next copy onto it runs, takes over what the killed run left (MySQL's
 * staging database, SQLite's temporary file, PGlite's lock file) and is released.
 */
import { readdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startCli } from '../faults/spawn-cli.js';
import { draftPolicy, TEST_KEY } from '../support/cli.js';
import { allEngines, demoSource, type Engine, emptyDatabase, withDatabase } from '../support/databases.js';
import { dropMysqlDatabases, mysqlAvailable, mysqlExec, mysqlServerUrl } from '../support/mysql.js';
import { dropAll } from '../support/postgres.js';

const mysqlReady = await mysqlAvailable();
const engines = allEngines.filter((e) => e !== 'mysql' || mysqlReady);
let source = '';
let policy = '';

beforeAll(async () => {
  // Portable types, so the one source fits every target engine.
  source = await demoSource('postgres', 2000, { portable: true });
  policy = await draftPolicy(source, 'leakproof-killed-');
}, 600_000);

afterAll(async () => {
  await dropAll();
  await dropMysqlDatabases();
});

const copyArgs = (target: string) => ['copy', '--source', source, '--target', target, '--policy', policy];

/** What a killed run may leave beside the target, which the next run must clear. */
async function leftBeside(engine: Engine, target: string): Promise<string[]> {
  if (engine === 'mysql') {
    const db = decodeURIComponent(new URL(target).pathname.slice(1));
    const rows = await mysqlExec<{ n: string }>(
      mysqlServerUrl(),
      'SELECT SCHEMA_NAME AS n FROM information_schema.SCHEMATA',
    );
    return rows.map((r) => r.n).filter((n) => n.startsWith(`${db}__lp_stage`));
  }
  if (engine === 'sqlite') {
    const file = target.slice('sqlite:'.length);
    return (await readdir(dirname(file))).filter((f) => f.endsWith('.tmp'));
  }
  return [];
}

describe.each(engines)('onto %s', (engine) => {
  test('a copy killed with -9 while rows load leaves no target, and the next copy is released', async () => {
    const target = await emptyDatabase(engine);
    const run = startCli(copyArgs(target), { env: { LEAKPROOF_KEY: TEST_KEY } });
    // After the tables are made, while rows stream in (the load of 2,000 applicants takes seconds).
    expect(await run.printed('Creating tables')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 400));
    run.child.kill('SIGKILL');
    const killed = await run.done;
    expect(killed.code).toBeNull();
    await withDatabase(target, async (db) => expect(await db.listUserRelations()).toEqual([]), 'target');

    const again = await startCli(copyArgs(target), { env: { LEAKPROOF_KEY: TEST_KEY } }).done;
    expect(again.code, again.stderr).toBe(0);
    await withDatabase(
      target,
      async (db) => expect((await db.listUserRelations()).length).toBeGreaterThanOrEqual(10),
      'target',
    );
    expect(await leftBeside(engine, target)).toEqual([]);
  }, 300_000);
});
