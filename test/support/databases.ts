/**
 * Sources and targets of every engine for end-to-end tests: a fresh PostgreSQL database on the test
 * server, or a fresh PGlite directory. `dump` reads a table as text rows in a stable order.
 */
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatabaseAdapter } from '../../src/adapters/adapter.js';
import { openDatabase } from '../../src/adapters/open-database.js';
import { quoteTable } from '../../src/adapters/postgres/postgres-identifiers.js';
import { tempDir } from './cli.js';
import { createDatabase } from './postgres.js';

export type Engine = 'postgres' | 'pglite';

let pgliteTemplate: Promise<string> | undefined;

/**
 * A new PGlite directory costs ~4.5 s (initdb under WebAssembly); copying a closed, empty one made
 * once per test file costs a few milliseconds and gives the same empty database.
 */
async function emptyPgliteDirectory(): Promise<string> {
  pgliteTemplate ??= (async () => {
    const dir = join(await tempDir('leakproof-pglite-template-'), 'db');
    await withDatabase(`pglite:${dir}`, async () => {});
    return dir;
  })();
  const dir = join(await tempDir('leakproof-pglite-'), 'db');
  await cp(await pgliteTemplate, dir, { recursive: true });
  return dir;
}

export async function emptyDatabase(engine: Engine): Promise<string> {
  return engine === 'postgres' ? createDatabase() : `pglite:${await emptyPgliteDirectory()}`;
}

export async function withDatabase<T>(url: string, work: (db: DatabaseAdapter) => Promise<T>): Promise<T> {
  const db = await openDatabase(url, 'source');
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

export async function runSql(url: string, text: string): Promise<void> {
  await withDatabase(url, (db) => db.exec(text));
}

export async function kitchenSinkSource(engine: Engine): Promise<string> {
  const url = await emptyDatabase(engine);
  await runSql(url, await readFile(new URL('../fixtures/kitchen-sink.sql', import.meta.url), 'utf8'));
  return url;
}

/** Every row of a table as one text line per row, ordered, for comparisons. */
export async function dump(url: string, table: { schema: string; name: string }): Promise<string[]> {
  return withDatabase(url, async (db) => {
    const rows = await db.query<{ line: string }>(
      `SELECT t::text AS line FROM ${quoteTable(table)} t ORDER BY 1`,
    );
    return rows.map((r) => r.line);
  });
}
