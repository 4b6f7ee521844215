/**
 * What a target needs beyond reading and writing rows: whether it already holds anything,
 * clearing it for `--replace`, and the lock one copy holds on it. Shared by every PostgreSQL-speaking
 * adapter.
 */
import { LeakproofError } from '../../errors.js';
import type { Queryable } from '../adapter.js';
import * as catalog from './postgres-catalog.js';
import { quoteIdent, quoteTable } from './postgres-identifiers.js';

/**
 * Per table, the statistics' counts of inserted, updated and deleted rows (since the statistics
 * were last reset, which the reset time in the stamp shows) and the table's file node (a TRUNCATE
 * gives it a new one without counting a row).
 */
export async function changeStamps(db: Queryable): Promise<Map<string, string>> {
  const rows = await db.query<{ schema: string; name: string; stamp: string | null }>(
    catalog.changeStampsSql,
  );
  return new Map(rows.filter((r) => r.stamp !== null).map((r) => [`${r.schema}.${r.name}`, r.stamp!]));
}

export async function listUserRelations(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ schema: string; name: string }>(catalog.userRelationsSql);
  return rows.map((r) => `${r.schema}.${r.name}`);
}

/**
 * Drops every user schema but `public` (with all it holds), and everything in `public` that a copy
 * creates, leaving `public` itself and its grants in place. Runs inside the caller's transaction.
 */
export async function dropUserObjects(db: Queryable & { exec(sql: string): Promise<void> }): Promise<void> {
  const schemas = await db.query<{ name: string }>(catalog.schemasSql);
  for (const s of schemas)
    if (s.name !== 'public') await db.exec(`DROP SCHEMA ${quoteIdent(s.name)} CASCADE`);
  const relations = await db.query<{ schema: string; name: string; kind: string }>(catalog.userRelationsSql);
  const keyword: Record<string, string> = {
    r: 'TABLE',
    p: 'TABLE',
    v: 'VIEW',
    m: 'MATERIALIZED VIEW',
    S: 'SEQUENCE',
    f: 'FOREIGN TABLE',
  };
  // Views first: dropping a table cascades to its views, and a second DROP of those would fail.
  for (const kind of ['v', 'm', 'r', 'p', 'f', 'S']) {
    for (const r of relations.filter((x) => x.kind === kind)) {
      await db.exec(`DROP ${keyword[kind]} IF EXISTS ${quoteTable(r)} CASCADE`);
    }
  }
  const types = await db.query<{ schema: string; name: string; kind: string }>(catalog.userTypesSql);
  for (const t of types)
    await db.exec(`DROP ${t.kind === 'd' ? 'DOMAIN' : 'TYPE'} IF EXISTS ${quoteTable(t)} CASCADE`);
}

/**
 * The advisory lock a copy holds on its target: the bytes of "leakprof" as one bigint, so it shows
 * in pg_locks as classid 0x6c65616b, objid 0x70726f66. Advisory locks belong to one database (the
 * lock tag holds its oid), so copies onto two databases of one server do not block each other.
 */
export const COPY_LOCK_KEY = '7810756242819936102';

/**
 * Claims the target for one copy until the current transaction ends (commit, rollback, or the
 * connection dropping with a killed process: nothing can stay locked after a run).
 *
 * A second copy fails at once instead of waiting: it already holds a snapshot of the source, and
 * waiting for a copy that can run for an hour would hold back vacuum on production all that time;
 * and when it got its turn the target would hold the first run's copy, so it would stop at
 * LP_TARGET_OCCUPIED anyway, or with --replace throw away the copy just made.
 */
export async function lockForCopy(db: Queryable, displayName: string): Promise<void> {
  const [row] = await db.query<{ locked: boolean }>(
    'SELECT pg_catalog.pg_try_advisory_xact_lock($1::bigint) AS locked',
    [COPY_LOCK_KEY],
  );
  if (row?.locked === true) return;
  // Who holds it, for the person who has to wait: pg_locks shows the server process to any role.
  const holders = await db.query<{ pid: number }>(
    `SELECT pid FROM pg_catalog.pg_locks
      WHERE locktype = 'advisory' AND granted AND objsubid = 1
        AND database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())
        AND ((classid::bigint << 32) | objid::bigint) = $1::bigint`,
    [COPY_LOCK_KEY],
  );
  throw new LeakproofError(
    'LP_TARGET_BUSY',
    `Another Leakproof copy is writing to the target ${displayName} right now; nothing was written. ` +
      'Run again when it has finished, or use another target.',
    holders.map((h) => `held by server process ${h.pid}`),
  );
}
