/**
 * The questions every engine must answer the same way (drizzle's shared `tests()` per driver): one
 * suite, run by `postgres.test.ts`, `pglite.test.ts`, `mysql.test.ts` and `sqlite.test.ts` against a
 * real server or file. The tables come from one PostgreSQL fixture, built on each engine by that
 * engine's own DDL; values go in and come out through the adapter as COPY text, so what is
 * compared is what Leakproof itself would copy.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import type { DatabaseAdapter } from '../../src/adapters/adapter.js';
import { decodeRows, encodeRow } from '../../src/adapters/copy-text.js';
import { openDatabase } from '../../src/adapters/open-database.js';
import { LeakproofError } from '../../src/errors.js';
import type { DatabaseSchema, TableModel } from '../../src/schema/model.js';
import { type Engine, emptyDatabase, runSql, withDatabase, withoutNamespace } from '../support/databases.js';

/** Opened as a copy's target: a SQLite source must exist and is read-only, a target need not. */
const asTarget = <T>(url: string, work: (db: DatabaseAdapter) => Promise<T>) =>
  withDatabase(url, work, 'target');

export interface EngineUnderTest {
  readonly engine: Engine;
  /** The same database under another spelling of its URL (localhost for 127.0.0.1, a relative path). */
  readonly otherSpelling: (url: string) => string;
  /** Native SQL run before a snapshot test (SQLite: WAL, so a writer can go on beside a reader). */
  readonly beforeConcurrentWrites?: string;
  /** The fixture's `child` table as native SQL names it (PostgreSQL sessions have no search_path). */
  readonly childTable: string;
  /**
   * PGlite: one process holds a directory, through one connection (its lock file is per process;
   * test/faults/two-runs.test.ts shows a second process refused), so neither a second writer nor a
   * write beside a snapshot can happen, and two adapters in one process would be two engines on
   * one directory.
   */
  readonly singleConnection?: boolean;
}

let fixture: Promise<DatabaseSchema> | undefined;

/** The fixture's model, as PostgreSQL's catalog describes it. */
function fixtureSchema(): Promise<DatabaseSchema> {
  fixture ??= (async () => {
    const url = await emptyDatabase('postgres');
    await runSql(url, await readFile(new URL('../fixtures/conformance.sql', import.meta.url), 'utf8'));
    return withDatabase(url, (db) => db.introspect());
  })();
  return fixture;
}

const allBytes = `\\x${Buffer.from(Array.from({ length: 256 }, (_, i) => i)).toString('hex')}`;
/** Over 64 kB in one field, of characters of 2, 3 and 4 bytes: chunk edges fall inside them. */
const longText = 'é€𝄞'.repeat(10_000);

/** odd_values: id, label, short, amount, ratio, flag, born, seen, payload, doc. */
function oddRows(): (string | null)[][] {
  const rows: (string | null)[][] = [
    [
      '1',
      'tab\there\nnew line\r\\back\\slash \\N not null',
      '',
      '12345.67',
      '1.5',
      't',
      '2024-02-29',
      '2024-01-02 03:04:05',
      allBytes,
      '{"a": [1, "é"]}',
    ],
    ['2', null, null, null, null, null, null, null, null, null],
    ['3', longText, 'ünïcødé', '-0.01', '-2.25', 'f', '1900-01-01', '1999-12-31 23:59:59.5', '\\x', '[]'],
  ];
  for (let i = 4; i <= 3000; i++)
    rows.push([
      String(i),
      `${'ü€𝄞'.repeat(i % 40)} row ${i}`,
      `r${i}`,
      `${i}.50`,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  return rows;
}

const oddNameRows = [
  ['from', '1', 'naïve'],
  ["it's", '2', '日本語'],
];
const childRows = [
  ['1', '1'],
  ['2', null],
];

async function* chunked(rows: readonly (readonly (string | null)[])[]): AsyncGenerator<Buffer> {
  for (let i = 0; i < rows.length; i += 500)
    yield Buffer.from(
      rows
        .slice(i, i + 500)
        .map((r) => `${encodeRow(r)}\n`)
        .join(''),
    );
}

function tableOf(schema: DatabaseSchema, name: string): TableModel {
  const table = schema.tables.find((t) => t.name === name);
  if (table === undefined) throw new Error(`no table ${name} in the model`);
  return table;
}

/** Builds the fixture with its rows on `url` in one released write, as a copy would. */
async function buildFixture(url: string): Promise<void> {
  const schema = await fixtureSchema();
  await withDatabase(
    url,
    async (db) => {
      const ddl = db.schemaDdl(schema);
      await db.begin('write');
      await db.lockForCopy();
      for (const statement of ddl.beforeLoad) await db.exec(statement);
      for (const [name, rows] of [
        ['odd_values', oddRows()],
        ['Odd "Name"', oddNameRows],
        ['child', childRows],
      ] as const) {
        const table = tableOf(schema, name);
        await db.writeRows(
          table,
          table.columns.map((c) => c.name),
          chunked(rows),
        );
      }
      for (const statement of ddl.afterLoad) await db.exec(statement);
      await db.commit();
    },
    'target',
  );
}

async function readAll(db: DatabaseAdapter, table: TableModel): Promise<(string | null)[][]> {
  const rows: (string | null)[][] = [];
  for await (const row of decodeRows(
    db.readRows(
      table,
      table.columns.map((c) => c.name),
    ),
  ))
    rows.push(row);
  return rows;
}

/**
 * What every engine must give back for what it was given, in PostgreSQL's text form; the forms an
 * engine may choose are brought to one: a boolean as 0/1, trailing zeros of a fraction of a second
 * (DATETIME(6) prints six digits), a JSON text's spacing, a decimal's trailing zeros (SQLite's
 * NUMERIC affinity stores 10.50 as the number 10.5).
 */
function comparable(column: string, value: string | null): string | null {
  if (value === null) return null;
  if (column === 'flag')
    return value === '1' || value === 't' ? 't' : value === '0' || value === 'f' ? 'f' : value;
  if (column === 'seen') return value.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  if (column === 'doc') return JSON.stringify(JSON.parse(value));
  if (column === 'amount') return String(Number(value));
  return value;
}

function comparableRows(table: TableModel, rows: readonly (readonly (string | null)[])[]): string[] {
  const names = table.columns.map((c) => c.name);
  return rows.map((r) => JSON.stringify(r.map((v, i) => comparable(names[i] ?? '', v)))).sort();
}

async function expectCode(work: Promise<unknown>, code: string): Promise<void> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LeakproofError);
  expect((error as LeakproofError).code).toBe(code);
}

export function conformanceTests(under: EngineUnderTest): void {
  const { engine } = under;

  test(`${engine}: every odd value goes in and comes back as it was (tabs, newlines, backslashes, NULL and '', 70 kB of 2–4-byte characters across chunk edges, all 256 bytes, odd identifiers)`, async () => {
    const url = await emptyDatabase(engine);
    await buildFixture(url);
    const schema = await fixtureSchema();
    await withDatabase(url, async (db) => {
      await db.begin('snapshot');
      const held = await db.introspect();
      for (const [name, rows] of [
        ['odd_values', oddRows()],
        ['Odd "Name"', oddNameRows],
        ['child', childRows],
      ] as const) {
        const table = tableOf(held, name);
        expect(table.columns.map((c) => c.name)).toEqual(tableOf(schema, name).columns.map((c) => c.name));
        expect(comparableRows(table, await readAll(db, table))).toEqual(comparableRows(table, rows));
        expect(await db.countRows(table)).toBe(rows.length);
      }
      const sample = await db.sampleRows(tableOf(held, 'odd_values'), ['id', 'label'], 2, 5);
      expect(sample).toHaveLength(2);
      for (const [, label] of sample) expect((label ?? '').length).toBeLessThanOrEqual(5);
      await db.rollback();
    });
  });

  test(`${engine}: the schema it built reads back with its types, keys and foreign keys, and rebuilds itself identically`, async () => {
    const url = await emptyDatabase(engine);
    await buildFixture(url);
    const held = await withDatabase(url, (db) => db.introspect());
    const odd = tableOf(held, 'odd_values');
    const portable = Object.fromEntries(odd.columns.map((c) => [c.name, c.portable]));
    expect(portable.payload).toBe('binary');
    expect(['integer', 'bigint']).toContain(portable.id);
    expect(portable.short).toBe('varchar');
    expect(odd.columns.find((c) => c.name === 'short')?.maxLength).toBe(20);
    expect(odd.primaryKey?.columns).toEqual(['id']);
    expect(tableOf(held, 'Odd "Name"').primaryKey?.columns).toEqual(['select']);
    const child = tableOf(held, 'child');
    expect(child.foreignKeys.map((f) => [f.columns, f.referencedTable, f.referencedColumns])).toEqual([
      [['odd_id'], 'odd_values', ['id']],
    ]);
    expect(child.indexes.some((i) => i.columns?.join() === 'odd_id')).toBe(true);

    const again = await emptyDatabase(engine);
    await withDatabase(
      again,
      async (db) => {
        const ddl = db.schemaDdl(held);
        await db.begin('write');
        await db.lockForCopy();
        for (const statement of [...ddl.beforeLoad, ...ddl.afterLoad]) await db.exec(statement);
        await db.commit();
      },
      'target',
    );
    const rebuilt = await withDatabase(again, (db) => db.introspect());
    expect(withoutNamespace(rebuilt)).toEqual(withoutNamespace(held));
  });

  test(`${engine}: a write is seen by nobody before commit, and a rollback leaves the target as it was`, async () => {
    const url = await emptyDatabase(engine);
    const schema = await fixtureSchema();
    await asTarget(url, async (writer) => {
      const ddl = writer.schemaDdl(schema);
      await writer.begin('write');
      await writer.lockForCopy();
      for (const statement of ddl.beforeLoad) await writer.exec(statement);
      const table = tableOf(schema, 'child');
      await writer.writeRows(table, ['id', 'odd_id'], chunked(childRows));
      expect(await writer.countRows(table)).toBe(2);
      await asTarget(url, async (reader) => expect(await reader.listUserRelations()).toEqual([]));
      await writer.rollback();
    });
    await asTarget(url, async (db) => expect(await db.listUserRelations()).toEqual([]));
  });

  test.skipIf(under.singleConnection === true)(
    `${engine}: a second write onto the same target is refused while the first holds it (LP_TARGET_BUSY), and free again after`,
    async () => {
      const url = await emptyDatabase(engine);
      await asTarget(url, async (first) => {
        await first.begin('write');
        await first.lockForCopy();
        await asTarget(under.otherSpelling(url), async (second) => {
          await second.begin('write');
          await expectCode(second.lockForCopy(), 'LP_TARGET_BUSY');
          await second.rollback();
        });
        await first.rollback();
      });
      await asTarget(url, async (again) => {
        await again.begin('write');
        await again.lockForCopy();
        await again.rollback();
      });
    },
  );

  test(`${engine}: one database has one identity under two spellings of its URL, and another database another`, async () => {
    const url = await emptyDatabase(engine);
    await buildFixture(url);
    const other = await emptyDatabase(engine);
    await buildFixture(other);
    const id = await withDatabase(url, (db) => db.identity());
    expect(await withDatabase(under.otherSpelling(url), (db) => db.identity())).toBe(id);
    expect(await withDatabase(other, (db) => db.identity())).not.toBe(id);
  });

  test.skipIf(under.singleConnection === true)(
    `${engine}: a snapshot does not see rows written beside it after it began`,
    async () => {
      const url = await emptyDatabase(engine);
      await buildFixture(url);
      if (under.beforeConcurrentWrites !== undefined) await runSql(url, under.beforeConcurrentWrites);
      const reader = await openDatabase(url, 'source');
      try {
        await reader.begin('snapshot');
        const child = tableOf(await reader.introspect(), 'child');
        expect(await reader.countRows(child)).toBe(2);
        await runSql(url, `INSERT INTO ${under.childTable} (id, odd_id) VALUES (99, NULL)`);
        expect(await reader.countRows(child)).toBe(2);
        expect(await readAll(reader, child)).toHaveLength(2);
        await reader.rollback();
        expect(await reader.countRows(child)).toBe(3);
      } finally {
        await reader.close();
      }
    },
  );

  test(`${engine}: a model it cannot hold is refused before anything is written, naming the column`, async () => {
    const url = await emptyDatabase(engine);
    const schema = await fixtureSchema();
    const odd = tableOf(schema, 'odd_values');
    const unmapped: DatabaseSchema = {
      ...schema,
      dialect: engine === 'mysql' ? 'sqlite' : 'mysql',
      tables: [
        {
          ...odd,
          columns: [
            ...odd.columns,
            { ...odd.columns[1]!, name: 'tags', type: 'text[]', portable: null, isArray: true },
          ],
        },
      ],
    };
    await asTarget(url, async (db) => {
      const error = (() => {
        try {
          db.schemaDdl(unmapped);
          return null;
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(LeakproofError);
      expect((error as LeakproofError).code).toBe('LP_TYPE_UNMAPPED');
      expect((error as LeakproofError).message).toContain('odd_values.tags');
      expect(await db.listUserRelations()).toEqual([]);
    });
  });
}
