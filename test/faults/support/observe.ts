/**
 * Independent looks at the test server's databases while and after a copy runs: what a database
 * holds, row counts, a checksum of a source, leakproof's backends, their locks and COPY progress,
 * and ending a backend as an administrator would. Nothing here goes through Leakproof's adapters.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { serverUrl, sql } from '../../support/postgres.js';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The database name in a test URL (`postgres://…/lp_0a1b2c3d4e` → `lp_0a1b2c3d4e`). */
export const databaseName = (url: string) => new URL(url).pathname.slice(1);

const userRelationsSql = `
  SELECT n.nspname || '.' || c.relname AS name
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
  UNION ALL
  SELECT 'schema ' || nspname FROM pg_catalog.pg_namespace
  WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'public')
    AND nspname NOT LIKE 'pg_toast%' AND nspname NOT LIKE 'pg_temp%'
  ORDER BY 1`;

/** Every relation (table, index, sequence, view) and non-public schema a database holds. */
export async function userRelations(url: string): Promise<string[]> {
  return (await sql<{ name: string }>(url, userRelationsSql)).map((r) => r.name);
}

export async function userTables(url: string): Promise<string[]> {
  const rows = await sql<{ name: string }>(
    url,
    `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
     ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

export const quoted = (qualified: string) =>
  qualified
    .split('.')
    .map((part) => `"${part.replaceAll('"', '""')}"`)
    .join('.');

export async function rowCounts(url: string, tables: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await sql<{ n: string }>(url, `SELECT count(*)::text AS n FROM ${quoted(table)}`);
    counts[table] = Number(row?.n);
  }
  return counts;
}

/**
 * SHA-256 over the catalog's description of every column and the COPY output of every table
 * (ordered by its first column, the key): the source's contents, byte for byte.
 */
export async function sourceChecksum(url: string): Promise<string> {
  const hash = createHash('sha256');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query<{ line: string }>(
      `SELECT concat_ws(' ', table_schema, table_name, ordinal_position, column_name, data_type,
                        is_nullable, column_default) AS line
       FROM information_schema.columns WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
       ORDER BY table_schema, table_name, ordinal_position`,
    );
    for (const { line } of columns.rows) hash.update(`${line}\n`);
    for (const table of await userTables(url)) {
      hash.update(`-- ${table}\n`);
      const stream = client.query(copyTo(`COPY (SELECT * FROM ${quoted(table)} ORDER BY 1) TO STDOUT`));
      for await (const chunk of stream) hash.update(chunk as Buffer);
    }
  } finally {
    await client.end();
  }
  return hash.digest('hex');
}

export interface Backend {
  readonly pid: number;
  readonly datname: string;
  readonly state: string | null;
  readonly query: string;
}

let watcher: Promise<pg.Client> | undefined;

/** One connection to the server's `postgres` database for watching the others (see `endWatcher`). */
async function watch<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  watcher ??= (async () => {
    const client = new pg.Client({ connectionString: serverUrl(), application_name: 'leakproof-faults' });
    client.on('error', () => {});
    await client.connect();
    return client;
  })();
  return (await (await watcher).query<T>(text, params)).rows;
}

export async function endWatcher(): Promise<void> {
  const client = watcher;
  watcher = undefined;
  await (await client)?.end();
}

/** Leakproof's connections (application_name `leakproof`) to the given databases. */
export async function leakproofBackends(databases: readonly string[]): Promise<Backend[]> {
  return watch<Backend & pg.QueryResultRow>(
    `SELECT pid, datname, state, left(query, 60) AS query FROM pg_catalog.pg_stat_activity
     WHERE datname = ANY($1) AND application_name = 'leakproof' ORDER BY pid`,
    [databases],
  );
}

/**
 * Locks client backends hold in the given databases (autovacuum, which may well be working on a
 * freshly loaded source, is not a leftover of the copy).
 */
export async function locksIn(databases: readonly string[]): Promise<number> {
  const [row] = await watch<{ n: string }>(
    `SELECT count(*)::text AS n
     FROM pg_catalog.pg_locks l
     JOIN pg_catalog.pg_database d ON d.oid = l.database
     JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
     WHERE d.datname = ANY($1) AND a.backend_type = 'client backend'`,
    [databases],
  );
  return Number(row?.n);
}

/**
 * A COPY leakproof is running in `database` whose statement matches the LIKE `pattern`, with the
 * rows it has processed so far (pg_stat_progress_copy), or undefined while there is none.
 */
export async function runningCopy(
  database: string,
  pattern: string,
): Promise<{ pid: number; rows: number } | undefined> {
  const [row] = await watch<{ pid: number; rows: string }>(
    `SELECT a.pid, p.tuples_processed::text AS rows
     FROM pg_catalog.pg_stat_activity a JOIN pg_catalog.pg_stat_progress_copy p ON p.pid = a.pid
     WHERE a.datname = $1 AND a.application_name = 'leakproof' AND a.query LIKE $2`,
    [database, pattern],
  );
  return row ? { pid: row.pid, rows: Number(row.rows) } : undefined;
}

/**
 * A leakproof backend in `database` whose current or last statement matches the LIKE `pattern`.
 * For `COPY … TO STDOUT` this is the observable sign that the client is consuming those rows: the
 * server may have sent them all already (they wait in socket buffers), but the client issues its
 * next statement only when it is done with them.
 */
export async function lastStatement(database: string, pattern: string): Promise<number | undefined> {
  const [row] = await watch<{ pid: number }>(
    `SELECT pid FROM pg_catalog.pg_stat_activity
     WHERE datname = $1 AND application_name = 'leakproof' AND query LIKE $2`,
    [database, pattern],
  );
  return row?.pid;
}

/** Ends a backend as an administrator (or the server) would: the client sees its connection drop. */
export async function terminate(pid: number): Promise<boolean> {
  const [row] = await watch<{ done: boolean }>('SELECT pg_catalog.pg_terminate_backend($1) AS done', [pid]);
  return row?.done === true;
}

/**
 * Waits until the server has noticed a dead client and ended its backends (it rolls their
 * transactions back as it does); returns what is still there after `timeoutMs` (nothing, normally).
 */
export async function backendsGone(databases: readonly string[], timeoutMs = 30_000): Promise<Backend[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const left = await leakproofBackends(databases);
    if (left.length === 0 || Date.now() > until) return left;
    await sleep(100);
  }
}
