/**
 * The MySQL/MariaDB server tests use: its URL (`LEAKPROOF_TEST_MYSQL_URL`, default
 * mysql://root@127.0.0.1:3306/test), whether it answers, fresh databases on it and their removal.
 * When no server answers, the run says so in one line (global-setup.ts) and the MySQL tests skip,
 * unless `LEAKPROOF_REQUIRE_MYSQL=1` (set by .ci/run), which fails the run instead.
 */
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';

export function mysqlServerUrl(): string {
  return process.env.LEAKPROOF_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
}

function connectionOptions(url: string): mysql.ConnectionOptions {
  const u = new URL(url.replace(/^mariadb:/, 'mysql:'));
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    ...(u.pathname.length > 1 ? { database: decodeURIComponent(u.pathname.slice(1)) } : {}),
    multipleStatements: true,
    connectTimeout: 3000,
  };
}

/** Null when the test server answers; else why not, in a few words. */
export async function mysqlProblem(): Promise<string | null> {
  try {
    const c = await mysql.createConnection(connectionOptions(mysqlServerUrl()));
    await c.query('SELECT 1');
    await c.end();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0] || error.name : String(error);
  }
}

let probe: Promise<boolean> | undefined;

/**
 * Whether the test server answers. When it does not and `LEAKPROOF_REQUIRE_MYSQL=1`, this throws,
 * so a CI that is meant to have MySQL fails instead of skipping (the run's one line about it is
 * printed once, by global-setup.ts).
 */
export async function mysqlAvailable(): Promise<boolean> {
  probe ??= (async () => {
    const problem = await mysqlProblem();
    if (problem === null) return true;
    if (process.env.LEAKPROOF_REQUIRE_MYSQL === '1')
      throw new Error(
        `LEAKPROOF_REQUIRE_MYSQL=1 but no MySQL server answers at ${mysqlServerUrl()}: ${problem}`,
      );
    return false;
  })();
  return probe;
}

const made: string[] = [];

/** Runs SQL (one or more statements) on a database URL and returns the first result's rows. */
export async function mysqlExec<T = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const c = await mysql.createConnection(connectionOptions(url));
  try {
    const [rows] = await c.query(sql);
    return (Array.isArray(rows) ? rows : []) as T[];
  } finally {
    await c.end();
  }
}

/** A new, empty database `lp_t_<random>` on the test server; its URL. */
export async function createMysqlDatabase(): Promise<string> {
  const name = `lp_t_${randomBytes(5).toString('hex')}`;
  await mysqlExec(mysqlServerUrl(), `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
  made.push(name);
  return urlForMysql(name);
}

/** The test server's URL with another database. */
export function urlForMysql(database: string): string {
  const u = new URL(mysqlServerUrl());
  u.pathname = `/${database}`;
  return u.toString();
}

/** Drops the databases this test file made, and any staging/trash database a copy left beside them. */
export async function dropMysqlDatabases(): Promise<void> {
  if (made.length === 0) return;
  const names = made.splice(0);
  const all = await mysqlExec<{ name: string }>(
    mysqlServerUrl(),
    'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA',
  );
  for (const { name } of all)
    if (names.some((n) => name === n || name.startsWith(`${n}__lp_`)))
      await mysqlExec(mysqlServerUrl(), `DROP DATABASE IF EXISTS \`${name}\``);
}
