/**
 * A PostgreSQL server the machine's `pg_dump` can dump, for tests that scan real dump files. The
 * test run's server (test/support/postgres.ts) is often the embedded one, of a newer major version
 * than the installed `pg_dump`, which refuses a newer server; then the machine's own server on
 * 127.0.0.1:5432 (or `LEAKPROOF_TEST_DUMP_POSTGRES_URL`) is used when its version fits. Databases
 * made here are dropped by `dropDumpDatabases`.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { serverUrl } from './postgres.js';

const run = promisify(execFile);

/** Runs a program and returns what it printed; rejects (with its stderr) when it fails. */
export async function tool(
  program: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<string> {
  const { stdout } = await run(program, [...args], { maxBuffer: 512 * 1024 * 1024, ...options });
  return stdout;
}

/** The major version of a PostgreSQL client tool (`pg_dump --version` → 15), or null when absent. */
export async function toolMajor(program: string): Promise<number | null> {
  try {
    const text = await tool(program, ['--version']);
    const match = /(\d+)(?:\.\d+)?/.exec(text.replace(/^[^)]*\)/, ''));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

async function serverMajor(url: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    return Math.floor(Number(rows[0]?.v) / 10_000);
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

let chosen: Promise<string> | undefined;

/**
 * The URL of a server `pg_dump` can dump (its maintenance database); throws, saying why, when
 * there is none.
 */
export function dumpServerUrl(): Promise<string> {
  chosen ??= (async () => {
    const dumper = await toolMajor('pg_dump');
    if (dumper === null) throw new Error('pg_dump is not installed: the dump tests need it');
    const candidates = [
      process.env.LEAKPROOF_TEST_DUMP_POSTGRES_URL,
      serverUrl(),
      'postgres://postgres@127.0.0.1:5432/postgres',
    ].filter((u): u is string => u !== undefined && u !== '');
    const seen: string[] = [];
    for (const url of candidates) {
      const major = await serverMajor(url);
      seen.push(`${new URL(url).host}: ${major === null ? 'no answer' : `PostgreSQL ${major}`}`);
      if (major !== null && major <= dumper) return url;
    }
    throw new Error(
      `no PostgreSQL server that pg_dump ${dumper} can dump (${seen.join('; ')}); ` +
        'set LEAKPROOF_TEST_DUMP_POSTGRES_URL to one',
    );
  })();
  return chosen;
}

/**
 * Whether a dumpable server and pg_dump are at hand. When not, the dump tests skip and say so in one
 * line, unless `LEAKPROOF_REQUIRE_PG_DUMP=1` (set by .ci/run): then this throws and the run fails.
 */
export async function dumpServerAvailable(): Promise<boolean> {
  try {
    await dumpServerUrl();
    return true;
  } catch (error) {
    if (process.env.LEAKPROOF_REQUIRE_PG_DUMP === '1') throw error;
    console.warn(`Dump tests skipped: ${(error as Error).message}.`);
    return false;
  }
}

const made: string[] = [];

function withDatabaseName(server: string, name: string): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A new, empty database on the dump server; its URL. */
export async function createDumpDatabase(prefix = 'lp_dump'): Promise<string> {
  const server = await dumpServerUrl();
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  made.push(name);
  return withDatabaseName(server, name);
}

/** Drops the databases `createDumpDatabase` made. */
export async function dropDumpDatabases(): Promise<void> {
  if (made.length === 0) return;
  const client = new pg.Client({ connectionString: await dumpServerUrl() });
  await client.connect();
  try {
    for (const name of made.splice(0)) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
