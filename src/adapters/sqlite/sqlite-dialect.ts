/**
 * SQLite's SQL: the only place names and literals are quoted, the type mappings both ways (a
 * declared type → category and portable type by SQLite's affinity rules; a portable type → the
 * declared type a copy from another engine gets), the DDL that rebuilds a model, and the
 * structured reads (row count, sample, linked read) as SQL.
 *
 * SQLite holds one namespace per file: a table is named by its `name` alone, whatever `schema`
 * the model says (a model read from PostgreSQL says `public`).
 */

import { LeakproofError } from '../../errors.js';
import type {
  ColumnModel,
  DatabaseSchema,
  PortableType,
  TableModel,
  TableRef,
  TypeCategory,
} from '../../schema/model.js';
import type { LinkedRead, SchemaDdl } from '../adapter.js';
import { linkedSelect as sharedLinkedSelect } from '../linked-select.js';

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A table in this database's one namespace; the model's schema is not part of the name. */
export function quoteTable(table: TableRef): string {
  return quoteIdent(table.name);
}

export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export interface DeclaredType {
  readonly category: TypeCategory;
  readonly portable: PortableType | null;
  readonly maxLength: number | null;
  readonly numericPrecision: number | null;
  readonly numericScale: number | null;
}

/**
 * A declared type read as SQLite reads it (https://sqlite.org/datatype3.html §3.1: INT → INTEGER,
 * CHAR/CLOB/TEXT → TEXT, BLOB or none → BLOB, REAL/FLOA/DOUB → REAL, else NUMERIC), after the names
 * that only say what the application stores (BOOLEAN, DATE, DATETIME, JSON, UUID…). A column with
 * no declared type holds anything; it is read as text.
 */
export function declaredType(declared: string): DeclaredType {
  const upper = declared.trim().toUpperCase();
  const base = upper.replace(/\s*\(.*$/s, '').trim();
  const args = /\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)/.exec(upper);
  const n = args?.[1] === undefined ? null : Number(args[1]);
  const m = args?.[2] === undefined ? null : Number(args[2]);
  const of = (category: TypeCategory, portable: PortableType | null, extra: Partial<DeclaredType> = {}) => ({
    category,
    portable,
    maxLength: null,
    numericPrecision: null,
    numericScale: null,
    ...extra,
  });
  if (base === '') return of('text', 'text');
  if (base === 'BOOLEAN' || base === 'BOOL') return of('boolean', 'boolean');
  if (base === 'DATE') return of('date', 'date');
  if (base === 'DATETIME' || base === 'TIMESTAMP' || base === 'TIMESTAMP WITHOUT TIME ZONE')
    return of('timestamp', 'timestamp');
  if (base === 'TIMESTAMPTZ' || base === 'TIMESTAMP WITH TIME ZONE') return of('timestamp', 'timestamptz');
  if (base === 'TIME' || base === 'TIME WITHOUT TIME ZONE') return of('time', 'time');
  if (base === 'JSON' || base === 'JSONB') return of('json', 'json');
  if (base === 'UUID') return of('uuid', 'uuid');
  if (upper.includes('INT')) return of('integer', 'bigint');
  if (upper.includes('CHAR') || upper.includes('CLOB') || upper.includes('TEXT')) {
    if (/VAR|VARYING/.test(base) && n !== null) return of('text', 'varchar', { maxLength: n });
    if (/^N?CHAR(ACTER)?$/.test(base) && n !== null) return of('text', 'char', { maxLength: n });
    return of('text', 'text');
  }
  if (upper.includes('BLOB')) return of('bytea', 'binary');
  if (upper.includes('REAL') || upper.includes('FLOA') || upper.includes('DOUB'))
    return of('float', 'double');
  if (base === 'NUMERIC' || base === 'DECIMAL' || base === 'NUMBER')
    return of('numeric', 'decimal', { numericPrecision: n, numericScale: n === null ? null : (m ?? 0) });
  // NUMERIC affinity under a name no other engine knows (MONEY, STRING…): this engine only.
  return of('other', null);
}

/**
 * The declared type a column of another engine gets here: its portable type in SQLite's words
 * (null: none). Dates and times keep their names (text affinity in effect: no INT/CHAR/REAL in the
 * name, the values are not numbers); varchar(n)/char(n) keep their lengths, so the model read back
 * says varchar(n) again.
 */
function spelling(c: ColumnModel): string | null {
  switch (c.isArray ? null : c.portable) {
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint':
      return 'INTEGER';
    case 'decimal':
      return c.numericPrecision === null
        ? 'NUMERIC'
        : `NUMERIC(${c.numericPrecision},${c.numericScale ?? 0})`;
    case 'real':
    case 'double':
      return 'REAL';
    case 'boolean':
      return 'BOOLEAN';
    case 'varchar':
      return c.maxLength === null ? 'TEXT' : `VARCHAR(${c.maxLength})`;
    case 'char':
      return c.maxLength === null ? 'TEXT' : `CHAR(${c.maxLength})`;
    case 'date':
      return 'DATE';
    case 'time':
      return 'TIME';
    case 'timestamp':
      return 'DATETIME';
    case 'timestamptz':
      return 'TIMESTAMPTZ';
    case 'json':
      return 'JSON';
    case 'uuid':
      return 'UUID';
    case 'binary':
      return 'BLOB';
    case 'text':
    case 'interval':
    case 'enum':
    case 'set':
      return 'TEXT';
    case null:
      return null;
  }
}

/** `c`'s declared type in SQLite, from its portable type; LP_TYPE_UNMAPPED when it has none. */
export function sqliteTypeOf(table: TableModel, c: ColumnModel): string {
  const spelled = spelling(c);
  if (spelled === null)
    throw new LeakproofError(
      'LP_TYPE_UNMAPPED',
      `Column ${table.schema}.${table.name}.${c.name} has type ${c.type}, which SQLite cannot hold; ` +
        'leave the table out of the copy or copy onto the engine it came from.',
    );
  return spelled;
}

const columnList = (columns: readonly string[]) => `(${columns.map(quoteIdent).join(', ')})`;

/**
 * CREATE TABLE from the model: the same dialect's declared types, defaults, generated expressions
 * and checks; another dialect's portable types and keys only. Keys, uniques, checks and foreign
 * keys are in the CREATE: SQLite cannot add them to a table later.
 */
export function createTableSql(table: TableModel, same: boolean): string {
  const autoincrement =
    table.primaryKey?.columns.length === 1 &&
    table.columns.some(
      (c) => c.name === table.primaryKey?.columns[0] && c.identity !== null && c.category === 'integer',
    )
      ? table.primaryKey.columns[0]
      : undefined;
  const lines = table.columns.map((c) => {
    const parts = [quoteIdent(c.name), same ? c.type : sqliteTypeOf(table, c)];
    if (c.name === autoincrement) parts.splice(1, 1, 'INTEGER PRIMARY KEY AUTOINCREMENT');
    if (same && c.collation !== null) parts.push(`COLLATE ${c.collation}`);
    if (same && c.generatedExpr !== null) parts.push(`GENERATED ALWAYS AS (${c.generatedExpr}) STORED`);
    if (same && c.defaultExpr !== null) parts.push(`DEFAULT ${c.defaultExpr}`);
    if (!c.nullable && c.name !== autoincrement) parts.push('NOT NULL');
    return parts.join(' ');
  });
  if (table.primaryKey && autoincrement === undefined)
    lines.push(`PRIMARY KEY ${columnList(table.primaryKey.columns)}`);
  for (const u of table.uniques) lines.push(`UNIQUE ${columnList(u.columns)}`);
  if (same) for (const c of table.checks) lines.push(`CONSTRAINT ${quoteIdent(c.name)} ${c.definition}`);
  for (const f of table.foreignKeys)
    lines.push(
      same
        ? f.definition
        : `FOREIGN KEY ${columnList(f.columns)} REFERENCES ${quoteIdent(f.referencedTable)} ${columnList(f.referencedColumns)}`,
    );
  return `CREATE TABLE ${quoteTable(table)} (\n  ${lines.join(',\n  ')}\n)`;
}

/**
 * The DDL of a model. The same dialect's model brings its own CREATE TABLE texts (`createTexts`,
 * kept by the introspector: WITHOUT ROWID, STRICT, ON CONFLICT clauses survive) and CREATE INDEX
 * texts; another dialect's is built from portable types, with indexes from their column lists.
 */
export function schemaDdl(
  schema: DatabaseSchema,
  createTexts: (t: TableModel) => string | undefined,
): SchemaDdl {
  const schemas = [...new Set(schema.tables.map((t) => t.schema))];
  if (schemas.length > 1)
    throw new LeakproofError(
      'LP_UNSUPPORTED',
      `A SQLite database holds one namespace, but the source's tables are in ${schemas.length} schemas ` +
        `(${schemas.join(', ')}); copy one schema at a time.`,
    );
  const same = schema.dialect === 'sqlite';
  const beforeLoad = schema.tables.map((t) => (same ? createTexts(t) : undefined) ?? createTableSql(t, same));
  const afterLoad: string[] = [];
  for (const t of schema.tables) {
    for (const i of t.indexes) {
      if (same) afterLoad.push(i.definition);
      else if (i.columns !== null)
        afterLoad.push(
          `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(i.name)} ON ${quoteTable(t)} ${columnList(i.columns)}`,
        );
    }
  }
  for (const t of schema.tables) {
    const position = autoIncrementSeq(schema, t);
    if (position === null) continue;
    // The row the load left (its highest key) is replaced by the source's position.
    afterLoad.push(`DELETE FROM sqlite_sequence WHERE name = ${quoteLiteral(t.name)}`);
    afterLoad.push(`INSERT INTO sqlite_sequence (name, seq) VALUES (${quoteLiteral(t.name)}, ${position})`);
  }
  const views = same
    ? schema.views.map((view) => ({ view, sql: `CREATE VIEW ${quoteTable(view)} AS ${view.definition}` }))
    : [];
  return { beforeLoad, afterLoad, views };
}

/** The `seq` sqlite_sequence must hold for `t`'s AUTOINCREMENT column, or null when it has none. */
function autoIncrementSeq(schema: DatabaseSchema, t: TableModel): string | null {
  const pk = t.primaryKey?.columns.length === 1 ? t.primaryKey.columns[0] : undefined;
  const column = t.columns.find((c) => c.name === pk && c.identity !== null && c.category === 'integer');
  if (column === undefined) return null;
  // autoIncrement is the next value (MySQL's and this engine's model); seq is the last one given.
  if (t.autoIncrement !== null && /^\d+$/.test(t.autoIncrement))
    return (BigInt(t.autoIncrement) - 1n).toString();
  const sequence = schema.sequences.find(
    (s) =>
      s.identityOf?.table === t.name &&
      s.identityOf.schema === t.schema &&
      s.identityOf.column === column.name,
  );
  return sequence?.lastValue != null && /^-?\d+$/.test(sequence.lastValue) ? sequence.lastValue : null;
}

export const countSql = (table: TableRef) => `SELECT count(*) AS n FROM ${quoteTable(table)}`;

/** A value as text, a blob as `\x` + hex (as PostgreSQL prints bytea), cut to `@chars` characters. */
const asText = (column: string) =>
  `substr(CASE WHEN typeof(${column}) = 'blob' THEN '\\x' || lower(hex(${column})) ELSE CAST(${column} AS TEXT) END, 1, @chars)`;

/** A sample's SELECT; named parameters @rows and @chars. */
export function sampleSql(table: TableRef, columns: readonly string[]): string {
  const select = columns.map((c, i) => `${asText(quoteIdent(c))} AS c${i}`);
  return `SELECT ${select.join(', ')} FROM ${quoteTable(table)} LIMIT @rows`;
}

export function selectSql(table: TableRef, columns: readonly string[]): string {
  return `SELECT ${columns.map(quoteIdent).join(', ')} FROM ${quoteTable(table)}`;
}

/** The SELECT of a linked read (`linked-select.ts`), with this engine's quoting. */
export function linkedSelect(read: LinkedRead): string {
  return sharedLinkedSelect(read, { quoteIdent, quoteTable });
}

/** A multi-row INSERT of `rows` rows. */
export function insertSql(table: TableRef, columns: readonly string[], rows: number): string {
  const row = `(${columns.map(() => '?').join(', ')})`;
  return `INSERT INTO ${quoteTable(table)} ${columnList(columns)} VALUES ${Array.from({ length: rows }, () => row).join(', ')}`;
}
