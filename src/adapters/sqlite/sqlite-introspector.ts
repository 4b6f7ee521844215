/**
 * Reads a SQLite database's schema into the engine-independent model, from `sqlite_schema` and the
 * pragmas (`table_xinfo`, `index_list`/`index_xinfo`, `foreign_key_list`). Every table's schema is
 * `main`, SQLite's own name for the file's namespace.
 *
 * What the pragmas do not say is read from the CREATE TABLE text (sqlite-sql-text.ts): CHECK
 * constraints (`checks`, named `<table>_check<n>` when the text gives them no name), generated
 * expressions and AUTOINCREMENT. The CREATE TABLE text itself is kept beside the model
 * (`createTableText`, a WeakMap on the frozen table, not a model field): a copy onto SQLite runs it
 * as it is, so WITHOUT ROWID, STRICT, ON CONFLICT clauses and the checks exactly as written
 * survive. A model that lost it (rebuilt by hand, serialized) gets a CREATE TABLE built from its
 * fields instead. Views keep their SELECT; triggers and virtual tables are not read.
 *
 * Types: a column's declared type (`type`) is mapped by SQLite's affinity rules (declaredType in
 * sqlite-dialect.ts); an `INTEGER PRIMARY KEY` is the rowid (never NULL); an AUTOINCREMENT column
 * is `identity: 'by default'`, and its table's `autoIncrement` is the next value sqlite_sequence
 * would give.
 */

import type Database from 'better-sqlite3';
import type {
  ColumnModel,
  ConstraintModel,
  DatabaseSchema,
  ForeignKeyModel,
  IndexModel,
  TableModel,
} from '../../schema/model.js';
import { actionClause } from '../foreign-key-actions.js';
import { declaredType, quoteIdent } from './sqlite-dialect.js';
import { parseCreateTable, viewSelect } from './sqlite-sql-text.js';

export const SCHEMA = 'main';

const createTexts = new WeakMap<TableModel, string>();

/** The CREATE TABLE text a table of a SQLite model was read from, when this process read it. */
export function createTableText(table: TableModel): string | undefined {
  return createTexts.get(table);
}

interface SchemaRow {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}
interface ColumnRow {
  cid: number;
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
  hidden: number;
}
interface IndexListRow {
  name: string;
  unique: number;
  origin: 'c' | 'u' | 'pk';
  partial: number;
}
interface IndexColumnRow {
  seqno: number;
  cid: number;
  name: string | null;
  key: number;
}
interface ForeignKeyRow {
  id: number;
  seq: number;
  table: string;
  from: string;
  to: string | null;
  on_update: string;
  on_delete: string;
  match: string;
}

/** The user's relations (not sqlite_* nor virtual tables' shadows' parents), in creation order. */
export function userRelations(db: Database.Database): SchemaRow[] {
  return db
    .prepare(
      `SELECT type, name, tbl_name, sql FROM sqlite_schema
        WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid`,
    )
    .all() as SchemaRow[];
}

const pragma = <T>(db: Database.Database, name: string, arg: string) =>
  db.prepare(`SELECT * FROM pragma_${name}(?)`).all(arg) as T[];

export function introspectSqlite(db: Database.Database): DatabaseSchema {
  const relations = userRelations(db);
  const hasSequence =
    db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite_sequence'").get() !==
    undefined;
  const sequence = new Map<string, bigint>();
  if (hasSequence)
    for (const row of db.prepare('SELECT name, seq FROM sqlite_sequence').safeIntegers(true).all() as {
      name: string;
      seq: bigint;
    }[])
      sequence.set(row.name, row.seq);

  const tables: TableModel[] = [];
  for (const r of relations) {
    if (r.type !== 'table' || r.sql === null || /^\s*CREATE\s+VIRTUAL\b/i.test(r.sql)) continue;
    const table = tableModel(db, r.name, r.sql, sequence.get(r.name));
    createTexts.set(table, r.sql);
    tables.push(table);
  }
  const views = relations
    .filter((r) => r.type === 'view' && r.sql !== null)
    .map((r) =>
      Object.freeze({
        schema: SCHEMA,
        name: r.name,
        materialized: false,
        definition: viewSelect(r.sql ?? ''),
      }),
    );
  return Object.freeze({
    dialect: 'sqlite',
    schemas: Object.freeze([SCHEMA]),
    extensions: Object.freeze([]),
    enums: Object.freeze([]),
    domains: Object.freeze([]),
    sequences: Object.freeze([]),
    tables: Object.freeze(tables),
    views: Object.freeze(views),
  });
}

function tableModel(db: Database.Database, name: string, sql: string, seq: bigint | undefined): TableModel {
  const parts = parseCreateTable(sql);
  // hidden: 0 plain, 1 hidden (virtual tables), 2 virtual generated, 3 stored generated.
  const columns = pragma<ColumnRow>(db, 'table_xinfo', name).filter((c) => c.hidden !== 1);
  const pkColumns = columns
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);
  const indexList = pragma<IndexListRow>(db, 'index_list', name);
  const keyColumns = (index: string) =>
    pragma<IndexColumnRow>(db, 'index_xinfo', index)
      .filter((c) => c.key === 1)
      .sort((a, b) => a.seqno - b.seqno);
  const plainColumns = (index: string) => {
    const cols = keyColumns(index);
    // cid -2: an expression; -1: the rowid.
    return cols.every((c) => c.cid >= 0 && c.name !== null) ? cols.map((c) => c.name as string) : null;
  };

  const uniques = indexList
    .filter((i) => i.origin === 'u')
    .map((i) => {
      const cols = plainColumns(i.name) ?? [];
      return Object.freeze({
        name: i.name,
        definition: `UNIQUE (${cols.map(quoteIdent).join(', ')})`,
        columns: Object.freeze(cols),
      });
    })
    .reverse(); // index_list lists the newest index first
  const indexSql = new Map(
    (
      db
        .prepare(
          "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
        )
        .all(name) as { name: string; sql: string }[]
    ).map((r) => [r.name, r.sql]),
  );
  const indexes: IndexModel[] = indexList
    .filter((i) => i.origin === 'c')
    .reverse()
    .map((i) =>
      Object.freeze({
        name: i.name,
        definition: indexSql.get(i.name) ?? '',
        columns: i.partial ? null : plainColumns(i.name),
        unique: i.unique === 1,
      }),
    );
  const singleUnique = new Set(
    [
      pkColumns.length === 1 ? pkColumns : [],
      ...uniques.map((u) => u.columns),
      ...indexes.filter((i) => i.unique).map((i) => i.columns ?? []),
    ]
      .filter((cols) => cols.length === 1)
      .map((cols) => cols[0]),
  );

  const withoutRowid = parts.withoutRowid;
  const columnModels: ColumnModel[] = columns.map((c, i) => {
    const declared = declaredType(c.type);
    const rowid = !withoutRowid && pkColumns.length === 1 && c.pk === 1 && c.type.toUpperCase() === 'INTEGER';
    const generated = c.hidden === 2 || c.hidden === 3;
    return Object.freeze({
      name: c.name,
      position: i + 1,
      type: c.type,
      portable: declared.portable,
      unsigned: false,
      category: declared.category,
      isArray: false,
      maxLength: declared.maxLength,
      numericPrecision: declared.numericPrecision,
      numericScale: declared.numericScale,
      nullable: c.notnull === 0 && !rowid && !(withoutRowid && c.pk > 0),
      defaultExpr: generated ? null : c.dflt_value,
      generatedExpr: generated ? (parts.generated.get(c.name) ?? null) : null,
      identity: parts.autoincrementColumn === c.name ? ('by default' as const) : null,
      collation: null,
      enumLabels: Object.freeze([]),
      unique: singleUnique.has(c.name),
    });
  });

  const fkRows = pragma<ForeignKeyRow>(db, 'foreign_key_list', name);
  const foreignKeys: ForeignKeyModel[] = [...new Set(fkRows.map((f) => f.id))]
    .sort((a, b) => a - b)
    .map((id) => {
      const rows = fkRows.filter((f) => f.id === id).sort((a, b) => a.seq - b.seq);
      const first = rows[0]!;
      const from = rows.map((f) => f.from);
      // A REFERENCES without columns means the parent's primary key.
      const to = rows.every((f) => f.to !== null)
        ? rows.map((f) => f.to as string)
        : pragma<ColumnRow>(db, 'table_xinfo', first.table)
            .filter((c) => c.pk > 0)
            .sort((a, b) => a.pk - b.pk)
            .map((c) => c.name);
      const actions = actionClause('UPDATE', first.on_update) + actionClause('DELETE', first.on_delete);
      return Object.freeze({
        name: `${name}_fk${id}`,
        definition: `FOREIGN KEY (${from.map(quoteIdent).join(', ')}) REFERENCES ${quoteIdent(first.table)} (${to.map(quoteIdent).join(', ')})${actions}`,
        columns: Object.freeze(from),
        referencedSchema: SCHEMA,
        referencedTable: first.table,
        referencedColumns: Object.freeze(to),
      });
    });

  const checks: ConstraintModel[] = parts.checks.map((c, i) =>
    Object.freeze({ name: c.name ?? `${name}_check${i + 1}`, definition: `CHECK (${c.expression})` }),
  );
  const estimate = withoutRowid
    ? (db.prepare(`SELECT count(*) AS n FROM ${quoteIdent(name)}`).get() as { n: number }).n
    : (db.prepare(`SELECT coalesce(max(_rowid_), 0) AS n FROM ${quoteIdent(name)}`).get() as { n: number }).n;

  return Object.freeze({
    schema: SCHEMA,
    name,
    columns: Object.freeze(columnModels),
    primaryKey:
      pkColumns.length > 0
        ? Object.freeze({
            name: `${name}_pkey`,
            definition: `PRIMARY KEY (${pkColumns.map(quoteIdent).join(', ')})`,
            columns: Object.freeze(pkColumns),
          })
        : null,
    uniques: Object.freeze(uniques),
    checks: Object.freeze(checks),
    foreignKeys: Object.freeze(foreignKeys),
    indexes: Object.freeze(indexes),
    rowEstimate: Math.max(0, Number(estimate)),
    autoIncrement: parts.autoincrementColumn !== null && seq !== undefined ? (seq + 1n).toString() : null,
  });
}
