/**
 * The structured reads and writes the core asks of a PostgreSQL-speaking database (the server and
 * PGlite alike), as SQL: a row count, a short sample of columns as text, chosen columns of a table
 * with the key of the person each row leads to (a subject link's joins), the schema's DDL, and a
 * view made in a savepoint of its own. The core builds no SQL text; this is where it is built.
 */

import type { TableRef } from '../../schema/model.js';
import type { LinkedRead } from '../adapter.js';
import { linkedSelect as sharedLinkedSelect } from '../linked-select.js';
import { quoteIdent, quoteTable } from './postgres-identifiers.js';

/** What both PostgreSQL adapters offer the functions below. */
export interface PostgresSession {
  query<T extends object>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
  readQuery(select: string, what: string, signal?: AbortSignal): AsyncIterable<Buffer>;
}

export async function countRows(db: PostgresSession, table: TableRef): Promise<number> {
  const [row] = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${quoteTable(table)}`);
  return Number(row?.n ?? 0);
}

/** The first `rows` rows of `columns` as text, each value cut to `chars` characters (NULL stays null). */
export async function sampleRows(
  db: PostgresSession,
  table: TableRef,
  columns: readonly string[],
  rows: number,
  chars: number,
): Promise<(string | null)[][]> {
  if (columns.length === 0) return [];
  // The counts go as parameters: SQL text holds only quoted names.
  const select = columns.map((c, i) => `left(${quoteIdent(c)}::text, $2::int) AS c${i}`);
  const found = await db.query<Record<string, string | null>>(
    `SELECT ${select.join(', ')} FROM ${quoteTable(table)} LIMIT $1::int`,
    [rows, chars],
  );
  return found.map((r) => columns.map((_, i) => r[`c${i}`] ?? null));
}

/** The SELECT of a linked read (`linked-select.ts`), with this engine's quoting. */
export function linkedSelect(read: LinkedRead): string {
  return sharedLinkedSelect(read, { quoteIdent, quoteTable });
}

export function readLinked(
  db: PostgresSession,
  read: LinkedRead,
  what: string,
  signal?: AbortSignal,
): AsyncIterable<Buffer> {
  return db.readQuery(linkedSelect(read), what, signal);
}

/**
 * Runs one view's DDL in a savepoint of its own, so a view that cannot be made (a function it calls
 * is not copied) is reported and the copy goes on: null when made, else the reason.
 */
export async function createView(db: PostgresSession, sql: string): Promise<string | null> {
  await db.exec('SAVEPOINT leakproof_view');
  try {
    await db.exec(sql);
    await db.exec('RELEASE SAVEPOINT leakproof_view');
    return null;
  } catch (error) {
    await db.exec('ROLLBACK TO SAVEPOINT leakproof_view');
    return error instanceof Error ? error.message : String(error);
  }
}
