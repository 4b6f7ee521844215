/**
 * What a target needs beyond reading and writing rows: whether it already holds anything, and
 * clearing it for `--replace`. Shared by every PostgreSQL-speaking adapter.
 */
import { quoteIdent, quoteTable } from '../../schema/sql-identifiers.js';
import type { Queryable } from '../adapter.js';
import * as catalog from './postgres-catalog.js';

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
