/**
 * Sources and targets of every engine for end-to-end tests: a fresh PostgreSQL database on the test
 * server, a fresh PGlite directory, a fresh MySQL/MariaDB database, a SQLite file name not yet
 * made. `dump` reads a table as text rows in a stable order; `demoSource` is the demo's production
 * database on any engine.
 */
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatabaseAdapter } from '../../src/adapters/adapter.js';
import { openDatabase } from '../../src/adapters/open-database.js';
import { quoteTable } from '../../src/adapters/postgres/postgres-identifiers.js';
import { buildDemoDatabase } from '../../src/demo/demo-database.js';
import { moveDemo } from '../../src/demo/demo-on-engine.js';
import type { DatabaseSchema } from '../../src/schema/model.js';
import { tempDir } from './cli.js';
import { createMysqlDatabase } from './mysql.js';
import { createDatabase } from './postgres.js';

export type Engine = 'postgres' | 'pglite' | 'mysql' | 'sqlite';
export const allEngines: readonly Engine[] = ['postgres', 'pglite', 'mysql', 'sqlite'];

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
  switch (engine) {
    case 'postgres':
      return createDatabase();
    case 'pglite':
      return `pglite:${await emptyPgliteDirectory()}`;
    case 'mysql':
      return createMysqlDatabase();
    case 'sqlite':
      return `sqlite:${join(await tempDir('leakproof-sqlite-'), 'db.sqlite')}`;
  }
}

/**
 * The demo's production database with `applicants` people on `engine`: built by the demo's own
 * generator in PostgreSQL, and for MySQL and SQLite moved there as it is (`moveDemo`). `portable`
 * moves it on PostgreSQL and PGlite too: the same tables in the types every engine can hold (no
 * arrays, no generated column), the source of a copy from PostgreSQL to MySQL or SQLite.
 */
export async function demoSource(
  engine: Engine,
  applicants: number,
  options: { portable?: boolean } = {},
): Promise<string> {
  const postgres = await emptyDatabase(engine === 'pglite' ? 'pglite' : 'postgres');
  await withDatabase(
    postgres,
    async (db) => {
      await db.begin('write');
      await buildDemoDatabase(db, { applicants });
      await db.commit();
    },
    'target',
  );
  if ((engine === 'postgres' || engine === 'pglite') && options.portable !== true) return postgres;
  const url = await emptyDatabase(engine);
  await withDatabase(postgres, (from) =>
    withDatabase(
      url,
      async (to) => {
        await moveDemo(from, to);
      },
      'target',
    ),
  );
  return url;
}

/** `role` matters to SQLite only: a source must exist and is opened read-only. */
export async function withDatabase<T>(
  url: string,
  work: (db: DatabaseAdapter) => Promise<T>,
  role: 'source' | 'target' = 'source',
): Promise<T> {
  const db = await openDatabase(url, role);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

export async function runSql(url: string, text: string): Promise<void> {
  await withDatabase(url, (db) => db.exec(text), 'target');
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

/**
 * A schema as two engines' readings of one set of tables can agree on: without the namespace (a
 * MySQL database's own name, SQLite's `main`), row estimates (the catalog's guess) and
 * auto-increment positions.
 */
export function withoutNamespace(schema: DatabaseSchema): unknown {
  return {
    ...schema,
    schemas: [],
    tables: schema.tables.map((t) => ({
      ...t,
      schema: '',
      rowEstimate: 0,
      autoIncrement: null,
      foreignKeys: t.foreignKeys.map((f) => ({ ...f, referencedSchema: '' })),
    })),
    views: schema.views.map((v) => ({ ...v, schema: '' })),
  };
}
