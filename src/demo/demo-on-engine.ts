/**
 * The demo's "production" rows in another engine, for the tests and the bench of MySQL and SQLite:
 * the demo is built once in PostgreSQL (`buildDemoDatabase`), then moved as it is, no value
 * changed, through the adapters. What those engines cannot hold becomes what an application on
 * them would store instead: an array becomes a JSON array, a type without a portable spelling
 * (`inet`) becomes text, the generated column becomes a plain one holding the values
 * PostgreSQL computed, and the `audit` schema's table joins the others in the engine's one
 * namespace (MySQL and SQLite have no schemas inside a database). A plain copy, not an anonymized one: the result is a production database
 * with the demo's real-looking people in it.
 */
import type { DatabaseAdapter } from '../adapters/adapter.js';
import { decodeRows, encodeRow } from '../adapters/copy-text.js';
import { type ArrayNode, parseArray } from '../adapters/pg-array.js';
import type { ColumnModel, DatabaseSchema, TableModel } from '../schema/model.js';

/** The demo's PostgreSQL model as another engine can hold it (see the file's comment). */
export function portableDemoSchema(schema: DatabaseSchema): DatabaseSchema {
  const column = (c: ColumnModel): ColumnModel => {
    if (c.isArray) return { ...c, isArray: false, portable: 'json', category: 'json', maxLength: null };
    if (c.portable === null) return { ...c, portable: 'text', category: 'text' };
    return c.generatedExpr === null ? c : { ...c, generatedExpr: null };
  };
  const namespace = 'public';
  return {
    ...schema,
    dialect: 'portable',
    schemas: [namespace],
    tables: schema.tables.map((t) => ({
      ...t,
      schema: namespace,
      columns: t.columns.map(column),
      foreignKeys: t.foreignKeys.map((f) => ({ ...f, referencedSchema: namespace })),
    })),
    views: [],
  };
}

const jsonOf = (nodes: readonly ArrayNode[]): unknown[] =>
  nodes.map((n) => (Array.isArray(n) ? jsonOf(n) : n));

/** One table's rows, array columns as JSON text. */
async function* portableRows(
  chunks: AsyncIterable<Buffer>,
  arrays: readonly boolean[],
): AsyncGenerator<Buffer> {
  let batch: string[] = [];
  for await (const row of decodeRows(chunks)) {
    batch.push(
      encodeRow(
        row.map((value, i) =>
          value === null || !arrays[i] ? value : JSON.stringify(jsonOf(parseArray(value).items)),
        ),
      ) + '\n',
    );
    if (batch.length >= 2000) {
      yield Buffer.from(batch.join(''));
      batch = [];
    }
  }
  if (batch.length > 0) yield Buffer.from(batch.join(''));
}

/**
 * Moves every table of `source` (a PostgreSQL demo) into the empty `target`, in one write that is
 * released on commit. Returns the rows moved per table.
 */
export async function moveDemo(
  source: DatabaseAdapter,
  target: DatabaseAdapter,
): Promise<Map<string, number>> {
  const moved = new Map<string, number>();
  await source.begin('snapshot');
  try {
    const schema = await source.introspect();
    const portable = portableDemoSchema(schema);
    const ddl = target.schemaDdl(portable);
    await target.begin('write');
    try {
      await target.lockForCopy();
      for (const statement of ddl.beforeLoad) await target.exec(statement);
      for (const table of portable.tables) {
        const original = schema.tables.find((t) => t.name === table.name) as TableModel;
        const columns = table.columns.map((c) => c.name);
        const arrays = original.columns.map((c) => c.isArray);
        await target.writeRows(table, columns, portableRows(source.readRows(original, columns), arrays));
        moved.set(table.name, await target.countRows(table));
      }
      for (const statement of ddl.afterLoad) await target.exec(statement);
      await target.commit();
    } catch (error) {
      await target.rollback().catch(() => {});
      throw error;
    }
  } finally {
    await source.rollback().catch(() => {});
  }
  return moved;
}
