/**
 * The source is production: a run only ever reads it, in one REPEATABLE READ READ ONLY snapshot,
 * whether the copy succeeds or fails (a leak found, a target that refuses writes, a target
 * connection killed halfway). Checked three ways: every table's COPY output (with each row's ctid
 * and xmin, so even a rewrite of equal values shows) and the catalog are byte-identical afterwards;
 * the statistics collector counted no inserted, updated or deleted row; and while the run holds
 * its source transaction, that transaction never gets a transaction id, which PostgreSQL assigns
 * at the first write of any kind (a row, a temporary table, a lock on a row).
 *
 * And a copy onto its own source is refused by what the servers say, not by URL text: every
 * spelling of one database is refused before anything is opened for writing, and two databases
 * of one server are two.
 */
import { createHash } from 'node:crypto';
import { readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { quoteTable } from '../../src/adapters/postgres/postgres-identifiers.js';
import { schemaHash } from '../../src/schema/schema-hash.js';
import { TEST_KEY, tempDir } from '../support/cli.js';
import { emptyDatabase, kitchenSinkSource, runSql, withDatabase } from '../support/databases.js';
import { createDatabase, dropAll, serverUrl, sql } from '../support/postgres.js';
import { type ProcessResult, runCli, startCli } from './spawn-cli.js';

const extraDatabases: string[] = [];
afterAll(async () => {
  for (const name of extraDatabases) await sql(serverUrl(), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await dropAll();
});

const kitchenSinkPolicy = fileURLToPath(new URL('../fixtures/kitchen-sink.policy.yaml', import.meta.url));
const env = { LEAKPROOF_KEY: TEST_KEY };
const databaseOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

let source: string;
let policy: string;
let dir: string;

/** The kitchen sink (every kind of column, key, sequence and view) and 20,000 rows more, so a run takes a while. */
beforeAll(async () => {
  dir = await tempDir();
  source = await kitchenSinkSource('postgres');
  await runSql(
    source,
    `CREATE TABLE public.bulk (id int PRIMARY KEY, email text, note text);
     INSERT INTO public.bulk
       SELECT i, 'person' || i || '@mailbox.test', 'a note about nothing personal, number ' || i
       FROM generate_series(1, 20000) AS i;`,
  );
  policy = join(dir, 'policy.yaml');
  await writeFile(
    policy,
    `${await readFile(kitchenSinkPolicy, 'utf8')}  bulk:\n    columns:\n      id: keep\n      email: email\n      note: scrub\n`,
  );
});

/**
 * Everything a write to the source could change, hashed: every table's and materialized view's
 * rows as COPY text with ctid and xmin, in physical order; relations with their file nodes, types,
 * functions and sequence positions; and the introspected schema.
 */
async function contentsOf(url: string): Promise<Record<string, string>> {
  return withDatabase(url, async (db) => {
    const out: Record<string, string> = {};
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    await db.begin('snapshot');
    try {
      const relations = await db.query<{ schema: string; name: string }>(
        `SELECT n.nspname AS schema, c.relname AS name FROM pg_catalog.pg_class c
           JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relkind IN ('r', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
            AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1, 2`,
      );
      for (const r of relations) {
        const hash = createHash('sha256');
        const select = `SELECT t.ctid, t.xmin, t.* FROM ${quoteTable(r)} AS t ORDER BY t.ctid`;
        for (const row of await db.query(select)) hash.update(JSON.stringify(row));
        out[`rows of ${r.schema}.${r.name}`] = hash.digest('hex');
      }
      const catalog = await db.query<{ line: string }>(
        `SELECT concat_ws(' ', 'relation', n.nspname, c.relname, c.relkind, c.oid, c.relfilenode) AS line
           FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
         UNION ALL
         SELECT concat_ws(' ', 'type', n.nspname, t.typname, t.oid) FROM pg_catalog.pg_type t
           JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
          WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
         UNION ALL
         SELECT concat_ws(' ', 'function', n.nspname, p.proname, p.oid) FROM pg_catalog.pg_proc p
           JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
         UNION ALL
         SELECT concat_ws(' ', 'sequence', schemaname, sequencename, last_value) FROM pg_catalog.pg_sequences
         ORDER BY 1`,
      );
      out.catalog = sha(catalog.map((r) => r.line).join('\n'));
      // The schema's shape (schemaHash leaves out row estimates, which autovacuum's ANALYZE of the
      // source moves on its own; sequence positions are compared above).
      out.schema = schemaHash(await db.introspect());
    } finally {
      await db.rollback();
    }
    return out;
  });
}

/**
 * Rows inserted, updated and deleted in the database as the statistics collector counts them: per
 * user table, and for the whole database (catalogs and temporary tables included) minus
 * pg_statistic, which autovacuum's ANALYZE writes whenever it likes.
 */
async function writeCounts(url: string): Promise<Record<string, string>> {
  const rows = await sql<{ what: string; n: string }>(
    url,
    `SELECT 'table ' || schemaname || '.' || relname AS what,
            concat_ws('/', n_tup_ins, n_tup_upd, n_tup_del) AS n
       FROM pg_catalog.pg_stat_user_tables
     UNION ALL
     SELECT 'database', concat_ws('/', d.tup_inserted - s.n_tup_ins, d.tup_updated - s.n_tup_upd,
                                  d.tup_deleted - s.n_tup_del)
       FROM pg_catalog.pg_stat_database d, pg_catalog.pg_stat_all_tables s
      WHERE d.datname = pg_catalog.current_database() AND s.relid = 'pg_catalog.pg_statistic'::regclass
     ORDER BY 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.what, r.n]));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Counters reach the shared statistics when a backend ends or at most once a second, so: wait
 * until two readings a while apart agree.
 */
async function settledWriteCounts(url: string): Promise<Record<string, string>> {
  let last = await writeCounts(url);
  for (let i = 0; i < 40; i++) {
    await sleep(250);
    const now = await writeCounts(url);
    if (JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
  throw new Error('the write statistics of the source never settled');
}

interface BackendSample {
  readonly pid: number;
  readonly xid: string | null;
  readonly inTransaction: boolean;
}

/** Watches the Leakproof sessions on one database until stopped. */
function watchBackends(database: string): { stop(): Promise<BackendSample[]> } {
  const samples: BackendSample[] = [];
  let stopped = false;
  const client = new pg.Client({ connectionString: serverUrl() });
  const running = (async () => {
    await client.connect();
    try {
      while (!stopped) {
        const { rows } = await client.query<BackendSample>(
          `SELECT pid, backend_xid::text AS xid, xact_start IS NOT NULL AS "inTransaction"
             FROM pg_catalog.pg_stat_activity WHERE datname = $1 AND application_name = 'leakproof'`,
          [database],
        );
        samples.push(...rows);
        await sleep(20);
      }
    } finally {
      await client.end();
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await running;
      return samples;
    },
  };
}

/**
 * Runs a copy from the source and checks it never wrote there: contents, write counters, and no
 * transaction id on the source session at any moment it was watched. `during` may act on the
 * running process (kill its target connection).
 */
async function copyLeavesSourceAlone(
  target: string,
  policyFile: string,
  during?: (run: ReturnType<typeof startCli>) => Promise<void>,
): Promise<ProcessResult> {
  const before = await contentsOf(source);
  const countsBefore = await settledWriteCounts(source);
  const watch = watchBackends(databaseOf(source));
  const run = startCli(['copy', '--source', source, '--target', target, '--policy', policyFile], { env });
  await during?.(run);
  const result = await run.done;
  const seen = await watch.stop();

  // The session reached its snapshot while we watched, and never wrote in it.
  expect(seen.filter((s) => s.inTransaction).length).toBeGreaterThan(0);
  expect(seen.filter((s) => s.xid !== null)).toEqual([]);
  // The backend of the finished run has flushed its counters by now, or does so within a second.
  for (let i = 0; i < 8; i++) {
    expect(await writeCounts(source)).toEqual(countsBefore);
    await sleep(250);
  }
  expect(await contentsOf(source)).toEqual(before);
  return result;
}

describe('the source is only read', () => {
  test('after a successful copy', { timeout: 120_000 }, async () => {
    const target = await emptyDatabase('postgres');
    const run = await copyLeavesSourceAlone(target, policy);
    expect(run.stderr).toContain('Committing the target');
    expect(run.code).toBe(0);
  });

  test('after a copy whose leak check found personal data (exit 4)', { timeout: 120_000 }, async () => {
    const leaky = join(dir, 'leaky.yaml');
    await writeFile(
      leaky,
      (await readFile(policy, 'utf8')).replace('      email: email\n', '      email: keep\n'),
    );
    const target = await emptyDatabase('postgres');
    const run = await copyLeavesSourceAlone(target, leaky);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('LP_LEAK_FOUND');
  });

  test('after a copy onto a target that refuses every write (exit 1)', { timeout: 120_000 }, async () => {
    const target = await emptyDatabase('postgres');
    await runSql(target, `ALTER DATABASE "${databaseOf(target)}" SET default_transaction_read_only = on`);
    const run = await copyLeavesSourceAlone(target, policy);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('read-only transaction');
  });

  test('after a copy whose target connection was killed while it wrote', { timeout: 120_000 }, async () => {
    const target = await emptyDatabase('postgres');
    const run = await copyLeavesSourceAlone(target, policy, async (running) => {
      expect(await running.printed('Creating tables')).toBe(true);
      await sql(
        serverUrl(),
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'leakproof'`,
        [databaseOf(target)],
      );
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/LP_(DATABASE|CONNECTION)/);
    expect(await withDatabase(target, (db) => db.listUserRelations())).toEqual([]);
  });

  test('the watch above would see a write: the counters move and a writing session gets an id', async () => {
    const scratch = await kitchenSinkSource('postgres');
    const counts = await settledWriteCounts(scratch);
    const watch = watchBackends(databaseOf(scratch));
    const client = new pg.Client({ connectionString: scratch, application_name: 'leakproof' });
    await client.connect();
    await client.query('BEGIN');
    await client.query('CREATE TEMPORARY TABLE scratch (x int)');
    await sleep(200);
    await client.query('ROLLBACK');
    await client.end();
    expect((await watch.stop()).some((s) => s.xid !== null)).toBe(true);
    let moved = false;
    for (let i = 0; i < 40 && !moved; i++) {
      moved = JSON.stringify(await writeCounts(scratch)) !== JSON.stringify(counts);
      if (!moved) await sleep(250);
    }
    expect(moved).toBe(true);
  });
});

/** The same URL with some parts changed. */
function spelled(url: string, change: (u: URL) => void): string {
  const u = new URL(url);
  change(u);
  return u.toString();
}

describe('a copy onto its own source is refused by server identity, not URL text', () => {
  let plainRole: string;

  beforeAll(async () => {
    plainRole = `lp_plain_${Math.random().toString(36).slice(2, 8)}`;
    await sql(serverUrl(), `CREATE ROLE ${plainRole} LOGIN PASSWORD 'plain-password'`);
  });

  const asPlainRole = (url: string) =>
    spelled(url, (u) => {
      u.username = plainRole;
      u.password = 'plain-password';
    });

  test('every spelling of the source as target: LP_SAME_DATABASE, exit 2, nothing touched', {
    timeout: 120_000,
  }, async () => {
    const password = new URL(source).password;
    const database = databaseOf(source);
    const spellings: { name: string; target: string; env?: Record<string, string> }[] = [
      { name: 'the same URL', target: source },
      { name: 'localhost for 127.0.0.1', target: spelled(source, (u) => (u.hostname = 'localhost')) },
      {
        name: 'no password in the URL (PGPASSWORD)',
        target: spelled(source, (u) => (u.password = '')),
        env: { PGPASSWORD: password },
      },
      {
        name: 'query options',
        target: `${source}?application_name=other&sslmode=disable&connect_timeout=10`,
      },
      { name: 'postgresql: scheme', target: source.replace(/^postgres:/, 'postgresql:') },
      {
        name: 'the database name percent-encoded',
        target: spelled(
          source,
          (u) => (u.pathname = `/${encodeURIComponent(database).replace(/_/g, '%5F')}`),
        ),
      },
      { name: 'another role, not a superuser', target: asPlainRole(source) },
    ];
    const before = await contentsOf(source);
    for (const s of spellings) {
      const run = await runCli(['copy', '--source', source, '--target', s.target, '--policy', policy], {
        env: { ...env, ...s.env },
      });
      expect(run.code, s.name).toBe(2);
      expect(run.stderr, s.name).toContain('are the same database');
      expect(run.stderr, s.name).toContain('(LP_SAME_DATABASE, exit code 2');
      expect(run.stderr, s.name).not.toContain(password);
    }
    // Also when the source is read by the role that is not a superuser.
    const plain = await runCli(
      ['copy', '--source', asPlainRole(source), '--target', source, '--policy', policy],
      { env },
    );
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('LP_SAME_DATABASE');
    expect(await contentsOf(source)).toEqual(before);
  });

  test('two databases of one server are two: allowed, also spelled alike, also by a role that is not a superuser', {
    timeout: 120_000,
  }, async () => {
    // A database whose name differs from the source's only in case: another database.
    const twin = databaseOf(source).toUpperCase();
    await sql(serverUrl(), `CREATE DATABASE "${twin}" OWNER ${plainRole}`);
    extraDatabases.push(twin);
    const twinUrl = spelled(source, (u) => {
      u.pathname = `/${twin}`;
      u.hostname = 'localhost';
    });
    const run = await runCli(
      ['copy', '--quiet', '--source', source, '--target', asPlainRole(twinUrl), '--policy', policy],
      { env },
    );
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(await withDatabase(twinUrl, (db) => db.listUserRelations())).toContain('public.bulk');

    const other = await createDatabase();
    const second = await runCli(
      ['copy', '--quiet', '--source', source, '--target', other, '--policy', policy],
      {
        env,
      },
    );
    expect(second).toMatchObject({ code: 0, stderr: '' });
  });

  test('PGlite: a directory reached through a symbolic link or with a trailing slash is the same database', {
    timeout: 120_000,
  }, async () => {
    const pgliteSource = await kitchenSinkSource('pglite');
    const directory = pgliteSource.slice('pglite:'.length);
    const link = join(await tempDir(), 'link');
    await symlink(directory, link);
    const before = await contentsOf(pgliteSource);
    for (const target of [`pglite:${link}`, `pglite:${directory}/`]) {
      const run = await runCli(
        ['copy', '--source', pgliteSource, '--target', target, '--policy', kitchenSinkPolicy],
        {
          env,
        },
      );
      expect(run.code, target).toBe(2);
      expect(run.stderr, target).toContain('LP_SAME_DATABASE');
    }
    expect(await contentsOf(pgliteSource)).toEqual(before);
  });
});
