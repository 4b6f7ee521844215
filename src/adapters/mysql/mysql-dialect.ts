/**
 * MySQL/MariaDB SQL: the one place names are quoted, the DDL that rebuilds a model, the portable
 * type mapping, and the structured reads (row count, linked columns) as SQL. Every name is written
 * unqualified: the session's default database (the target, or during a write its staging database)
 * resolves them, so a model read from one database rebuilds in any other.
 */

import { LeakproofError } from '../../errors.js';
import type { ColumnModel, DatabaseSchema, PortableType, TableModel, TableRef } from '../../schema/model.js';
import type { LinkedRead, SchemaDdl } from '../adapter.js';
import { actionsIn } from '../foreign-key-actions.js';
import { linkedSelect as sharedLinkedSelect } from '../linked-select.js';

export function quoteIdent(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

/** A string literal; the session's sql_mode has backslash escapes on (mysql2 relies on it too). */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`).replaceAll('\0', '\\0')}'`;
}

/** A table of the adapter's own namespace: resolved by name in the session's database. */
export function quoteTable(table: TableRef): string {
  return quoteIdent(table.name);
}

/** The longest VARCHAR a utf8mb4 row can hold (65,535 bytes / 4). */
const MAX_VARCHAR = 16383;
/**
 * A key column whose source type has no length (PostgreSQL `text`) becomes VARCHAR(255): MySQL
 * cannot index LONGTEXT whole, and a prefix would change what a unique key means. 255 characters
 * of utf8mb4 keep a key of three such columns inside InnoDB's 3,072-byte limit. A plain index on
 * such a column uses a 255-character prefix instead, which changes nothing but its selectivity.
 */
const KEY_TEXT_LENGTH = 255;

const labels = (c: ColumnModel) => c.enumLabels.map(quoteLiteral).join(', ');
const unsigned = (c: ColumnModel) => (c.unsigned ? ' UNSIGNED' : '');

/** How MySQL spells each portable type (for a column of another dialect's model). */
const spelling: Record<PortableType, (c: ColumnModel) => string | null> = {
  tinyint: (c) => `TINYINT${unsigned(c)}`,
  smallint: (c) => `SMALLINT${unsigned(c)}`,
  integer: (c) => `INT${unsigned(c)}`,
  bigint: (c) => `BIGINT${unsigned(c)}`,
  decimal: (c) => {
    if (c.numericPrecision === null) return `DECIMAL(65,30)${unsigned(c)}`;
    const scale = c.numericScale ?? 0;
    // MySQL's DECIMAL holds at most 65 digits, 30 after the point; wider values do not fit.
    if (c.numericPrecision > 65 || scale > 30 || scale < 0) return null;
    return `DECIMAL(${c.numericPrecision},${scale})${unsigned(c)}`;
  },
  real: () => 'FLOAT',
  double: () => 'DOUBLE',
  boolean: () => 'TINYINT(1)',
  text: () => 'LONGTEXT',
  varchar: (c) =>
    c.maxLength !== null && c.maxLength <= MAX_VARCHAR ? `VARCHAR(${c.maxLength})` : 'LONGTEXT',
  char: (c) =>
    c.maxLength === null
      ? 'LONGTEXT'
      : c.maxLength <= 255
        ? `CHAR(${c.maxLength})`
        : c.maxLength <= MAX_VARCHAR
          ? `VARCHAR(${c.maxLength})`
          : 'LONGTEXT',
  date: () => 'DATE',
  time: () => 'TIME(6)',
  timestamp: () => 'DATETIME(6)',
  // MySQL's TIMESTAMP ends in 2038; DATETIME(6) holds the UTC text the session reads and writes.
  timestamptz: () => 'DATETIME(6)',
  interval: () => 'VARCHAR(64)',
  uuid: () => 'CHAR(36)',
  json: () => 'JSON',
  binary: () => 'LONGBLOB',
  enum: (c) => (c.enumLabels.length > 0 ? `ENUM(${labels(c)})` : null),
  set: (c) => (c.enumLabels.length > 0 ? `SET(${labels(c)})` : null),
};

/**
 * The MySQL type of a column of another dialect's model; `key` when it is part of a primary,
 * unique or foreign key (then an unbounded text must have a length). Throws LP_TYPE_UNMAPPED.
 */
export function portableColumnType(table: TableRef, column: ColumnModel, key = false): string {
  const spell = column.portable === null || column.isArray ? undefined : spelling[column.portable];
  const type = spell?.(column) ?? null;
  if (type === null)
    throw new LeakproofError(
      'LP_TYPE_UNMAPPED',
      `${table.schema}.${table.name}.${column.name} has type ${column.type}, which MySQL cannot hold; ` +
        'skip or drop the column, or copy to an engine of the same kind.',
    );
  if (key && type === 'LONGTEXT') return `VARCHAR(${KEY_TEXT_LENGTH})`;
  return type;
}

function sameDialectColumn(c: ColumnModel): string {
  const parts = [quoteIdent(c.name), c.type];
  if (c.collation !== null) parts.push(`COLLATE ${c.collation}`);
  // generatedExpr holds `(expr) VIRTUAL` or `(expr) STORED`, as information_schema tells them.
  if (c.generatedExpr !== null) parts.push(`GENERATED ALWAYS AS ${c.generatedExpr}`);
  if (!c.nullable) parts.push('NOT NULL');
  if (c.defaultExpr !== null) parts.push(`DEFAULT ${c.defaultExpr}`);
  if (c.identity !== null) parts.push('AUTO_INCREMENT');
  return parts.join(' ');
}

const columnList = (columns: readonly string[]) => columns.map(quoteIdent).join(', ');

function createTable(t: TableModel, columns: string[], options: string): string {
  const lines = [...columns];
  if (t.primaryKey) lines.push(`PRIMARY KEY (${columnList(t.primaryKey.columns)})`);
  // AUTO_INCREMENT must lead some key from the start; when the primary key does not, add one.
  const auto = t.columns.find((c) => c.identity !== null);
  if (auto && t.primaryKey?.columns[0] !== auto.name) lines.push(`KEY (${quoteIdent(auto.name)})`);
  return `CREATE TABLE ${quoteTable(t)} (\n  ${lines.join(',\n  ')}\n)${options}`;
}

function singleSchema(schema: DatabaseSchema): void {
  const names = [...new Set(schema.tables.map((t) => t.schema))];
  if (names.length > 1)
    throw new LeakproofError(
      'LP_UNSUPPORTED',
      `A MySQL database holds one namespace, but the source's tables are in ${names.length} schemas (${names.join(', ')}); ` +
        'copy one schema at a time.',
    );
}

/** A view's dependencies come first: a view naming another view is created after it. */
function viewOrder<T extends { name: string; definition: string }>(views: readonly T[]): T[] {
  const done: T[] = [];
  const pending = [...views];
  while (pending.length > 0) {
    const at = pending.findIndex((v) =>
      pending.every((o) => o === v || !v.definition.includes(quoteIdent(o.name))),
    );
    done.push(...pending.splice(at === -1 ? 0 : at, 1));
  }
  return done;
}

/** Bare tables (columns, primary key, auto-increment) before the load; the rest after it. */
export function schemaDdl(schema: DatabaseSchema): SchemaDdl {
  singleSchema(schema);
  return schema.dialect === 'mysql' ? sameDialectDdl(schema) : portableDdl(schema);
}

function sameDialectDdl(schema: DatabaseSchema): SchemaDdl {
  const beforeLoad = schema.tables.map((t) =>
    createTable(
      t,
      t.columns.map((c) => sameDialectColumn(c)),
      t.autoIncrement === null ? '' : ` AUTO_INCREMENT=${Number(t.autoIncrement)}`,
    ),
  );
  const afterLoad: string[] = [];
  for (const t of schema.tables) {
    // One ALTER per table: MySQL builds all its keys in one pass over the rows.
    const adds = [
      ...t.uniques.map((u) => `ADD CONSTRAINT ${quoteIdent(u.name)} ${u.definition}`),
      ...t.indexes.map((i) => `ADD ${i.definition}`),
      ...t.checks.map((c) => `ADD CONSTRAINT ${quoteIdent(c.name)} ${c.definition}`),
    ];
    if (adds.length > 0) afterLoad.push(`ALTER TABLE ${quoteTable(t)} ${adds.join(', ')}`);
  }
  for (const t of schema.tables) {
    const adds = t.foreignKeys.map((f) => `ADD CONSTRAINT ${quoteIdent(f.name)} ${f.definition}`);
    if (adds.length > 0) afterLoad.push(`ALTER TABLE ${quoteTable(t)} ${adds.join(', ')}`);
  }
  const views = viewOrder(schema.views).map((view) => ({
    view,
    sql: `CREATE VIEW ${quoteIdent(view.name)} AS ${view.definition}`,
  }));
  return { beforeLoad, afterLoad, views };
}

function portableDdl(schema: DatabaseSchema): SchemaDdl {
  const beforeLoad: string[] = [];
  const afterLoad: string[] = [];
  for (const t of schema.tables) {
    const keyColumns = new Set([
      ...(t.primaryKey?.columns ?? []),
      ...t.uniques.flatMap((u) => u.columns),
      ...t.foreignKeys.flatMap((f) => f.columns),
    ]);
    for (const other of schema.tables)
      for (const f of other.foreignKeys)
        if (f.referencedTable === t.name) for (const c of f.referencedColumns) keyColumns.add(c);
    const types = new Map(t.columns.map((c) => [c.name, portableColumnType(t, c, keyColumns.has(c.name))]));
    const columns = t.columns.map((c) => {
      const parts = [quoteIdent(c.name), portableColumnType(t, c, keyColumns.has(c.name))];
      if (!c.nullable) parts.push('NOT NULL');
      if (c.identity !== null && /INT/.test(types.get(c.name)!)) parts.push('AUTO_INCREMENT');
      return parts.join(' ');
    });
    const sequence = schema.sequences.find(
      (s) => s.identityOf?.table === t.name && s.identityOf.schema === t.schema,
    );
    const next =
      t.autoIncrement ?? (sequence?.lastValue ? (BigInt(sequence.lastValue) + 1n).toString() : null);
    // utf8mb4_bin compares text byte for byte, as PostgreSQL's keys do: 'A' and 'a' stay two values.
    const options = ` DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin${next === null ? '' : ` AUTO_INCREMENT=${next}`}`;
    beforeLoad.push(
      createTable(
        {
          ...t,
          columns: t.columns.map((c) => (types.get(c.name)!.includes('INT') ? c : { ...c, identity: null })),
        },
        columns,
        options,
      ),
    );
    const part = (name: string) => {
      const type = types.get(name) ?? '';
      return /TEXT|BLOB/.test(type) ? `${quoteIdent(name)}(${KEY_TEXT_LENGTH})` : quoteIdent(name);
    };
    const adds = [
      ...t.uniques.map((u) => `ADD CONSTRAINT ${quoteIdent(u.name)} UNIQUE (${columnList(u.columns)})`),
      ...t.indexes
        // MySQL cannot index a JSON column; an expression index is another dialect's SQL.
        .filter((i) => i.columns?.every((c) => types.get(c) !== 'JSON'))
        .map(
          (i) =>
            `ADD ${i.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(i.name)} (${i.columns!.map((c) => part(c)).join(', ')})`,
        ),
    ];
    if (adds.length > 0) afterLoad.push(`ALTER TABLE ${quoteTable(t)} ${adds.join(', ')}`);
  }
  for (const t of schema.tables) {
    const adds = t.foreignKeys.map(
      (f) =>
        `ADD CONSTRAINT ${quoteIdent(f.name)} FOREIGN KEY (${columnList(f.columns)}) REFERENCES ` +
        `${quoteIdent(f.referencedTable)} (${columnList(f.referencedColumns)})${actionsIn(f.definition)}`,
    );
    if (adds.length > 0) afterLoad.push(`ALTER TABLE ${quoteTable(t)} ${adds.join(', ')}`);
  }
  return { beforeLoad, afterLoad, views: [] };
}

export function countRowsSql(table: TableRef): string {
  return `SELECT COUNT(*) AS n FROM ${quoteTable(table)}`;
}

/** The SELECT of a linked read (`linked-select.ts`), with this engine's quoting. */
export function linkedSelect(read: LinkedRead): string {
  return sharedLinkedSelect(read, { quoteIdent, quoteTable });
}
