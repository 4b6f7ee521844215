/**
 * The oracle reads PostgreSQL with `pg` and its own catalog query: every user table (partitions
 * through their parent), every column with its type resolved through domains and arrays, and the
 * rows as plain text (JSON as its text, arrays as `to_json` text, bytea as bytes).
 */
import pg from 'pg';

export type BaseKind = 'text' | 'json' | 'bytea' | 'other';

export interface OracleColumn {
  readonly name: string;
  readonly kind: BaseKind;
  readonly isArray: boolean;
}

export interface OracleTable {
  readonly schema: string;
  readonly name: string;
  /** A partitioned table is read with its partitions (which are not listed on their own). */
  readonly partitioned: boolean;
  readonly columns: readonly OracleColumn[];
}

interface TypeRow {
  oid: number;
  typname: string;
  typtype: string;
  typbasetype: number;
  typelem: number;
  typcategory: string;
}

const textTypes = new Set(['text', 'varchar', 'bpchar', 'citext']);
const jsonTypes = new Set(['json', 'jsonb']);

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
export const tableName = (t: { schema: string; name: string }) => `${t.schema}.${t.name}`;

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function listTables(client: pg.Client): Promise<OracleTable[]> {
  const types = new Map<number, TypeRow>();
  for (const row of (
    await client.query<TypeRow>(
      'SELECT oid::int AS oid, typname, typtype, typbasetype::int AS typbasetype, typelem::int AS typelem, typcategory FROM pg_type',
    )
  ).rows)
    types.set(row.oid, row);
  const resolve = (oid: number): { kind: BaseKind; isArray: boolean } => {
    let type = types.get(oid);
    let isArray = false;
    for (let guard = 0; type && guard < 10; guard++) {
      if (type.typtype === 'd') type = types.get(type.typbasetype);
      else if (type.typcategory === 'A' && type.typelem !== 0) {
        isArray = true;
        type = types.get(type.typelem);
      } else break;
    }
    const name = type?.typname ?? '';
    const kind: BaseKind = textTypes.has(name)
      ? 'text'
      : jsonTypes.has(name)
        ? 'json'
        : name === 'bytea'
          ? 'bytea'
          : 'other';
    return { kind, isArray };
  };
  const { rows } = await client.query<{
    schema: string;
    table: string;
    kind: string;
    column: string;
    type: number;
  }>(
    `SELECT n.nspname AS schema, c.relname AS table, c.relkind AS kind, a.attname AS column,
            a.atttypid::int AS type
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
      ORDER BY n.nspname, c.relname, a.attnum`,
  );
  const tables = new Map<
    string,
    { schema: string; name: string; partitioned: boolean; columns: OracleColumn[] }
  >();
  for (const row of rows) {
    const key = JSON.stringify([row.schema, row.table]);
    let table = tables.get(key);
    if (!table) {
      table = { schema: row.schema, name: row.table, partitioned: row.kind === 'p', columns: [] };
      tables.set(key, table);
    }
    table.columns.push({ name: row.column, ...resolve(row.type) });
  }
  return [...tables.values()];
}

/**
 * Each row of `table` as one raw value per column of `columns`: a string (text, JSON text, the
 * `to_json` text of an array, or any other type cast to text), a Buffer (bytea), or null.
 */
export async function readRows(
  client: pg.Client,
  table: OracleTable,
  columns: readonly OracleColumn[],
): Promise<(string | Buffer | null)[][]> {
  if (columns.length === 0) return [];
  const select = columns
    .map((c, i) => {
      const col = quoteIdent(c.name);
      const expr = c.isArray ? `to_json(${col})::text` : c.kind === 'bytea' ? col : `${col}::text`;
      return `${expr} AS c${i}`;
    })
    .join(', ');
  const result = await client.query({
    // ONLY: a table inherited from is listed apart from its children, whose rows it would repeat.
    text: `SELECT ${select} FROM ${table.partitioned ? '' : 'ONLY '}${quoteIdent(table.schema)}.${quoteIdent(table.name)}`,
    rowMode: 'array',
  });
  return result.rows as (string | Buffer | null)[][];
}
