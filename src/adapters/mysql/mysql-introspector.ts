/**
 * Reads one MySQL/MariaDB database (the session's namespace) from information_schema into the
 * engine-independent model. Every table's `schema` is the URL's database name, also while the
 * adapter reads its staging database, so the check sees the model the copy was made from.
 */

import type {
  ColumnModel,
  DatabaseSchema,
  ForeignKeyModel,
  IndexModel,
  PortableType,
  TableModel,
  TypeCategory,
  ViewModel,
} from '../../schema/model.js';
import type { Queryable } from '../adapter.js';
import { actionClause } from '../foreign-key-actions.js';
import { quoteIdent } from './mysql-dialect.js';

type Row = Record<string, string | number | null>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

const categoryOf: Record<string, TypeCategory> = {
  tinyint: 'integer',
  smallint: 'integer',
  mediumint: 'integer',
  int: 'integer',
  bigint: 'integer',
  year: 'integer',
  bit: 'integer',
  decimal: 'numeric',
  float: 'float',
  double: 'float',
  char: 'text',
  varchar: 'text',
  tinytext: 'text',
  text: 'text',
  mediumtext: 'text',
  longtext: 'text',
  set: 'text',
  enum: 'enum',
  json: 'json',
  date: 'date',
  datetime: 'timestamp',
  timestamp: 'timestamp',
  time: 'time',
  binary: 'bytea',
  varbinary: 'bytea',
  tinyblob: 'bytea',
  blob: 'bytea',
  mediumblob: 'bytea',
  longblob: 'bytea',
  uuid: 'uuid',
  inet4: 'network',
  inet6: 'network',
};

const portableOf: Record<string, PortableType> = {
  tinyint: 'tinyint',
  smallint: 'smallint',
  mediumint: 'integer',
  int: 'integer',
  bigint: 'bigint',
  year: 'smallint',
  bit: 'bigint',
  decimal: 'decimal',
  float: 'real',
  double: 'double',
  char: 'char',
  varchar: 'varchar',
  tinytext: 'text',
  text: 'text',
  mediumtext: 'text',
  longtext: 'text',
  set: 'set',
  enum: 'enum',
  json: 'json',
  date: 'date',
  datetime: 'timestamp',
  timestamp: 'timestamptz',
  time: 'time',
  binary: 'binary',
  varbinary: 'binary',
  tinyblob: 'binary',
  blob: 'binary',
  mediumblob: 'binary',
  longblob: 'binary',
  uuid: 'uuid',
};

/** The labels of `enum('a','it''s')` / `set(…)`, as information_schema spells them. */
export function parseLabels(columnType: string): string[] {
  const inner = columnType.slice(columnType.indexOf('(') + 1, columnType.lastIndexOf(')'));
  return [...inner.matchAll(/'((?:[^'\\]|''|\\.)*)'/g)].map((m) =>
    m[1]!.replaceAll("''", "'").replace(/\\(.)/g, '$1'),
  );
}

/**
 * The default as SQL. MariaDB already prints it as an expression (`'x''y'`, `current_timestamp()`,
 * `NULL`); MySQL 8 prints a literal's bare value, and marks expressions DEFAULT_GENERATED.
 * @catalogSql the catalog's default and its `on update` (in EXTRA), put together again
 */
function defaultOf(c: Row, mariadb: boolean): string | null {
  const raw = str(c.COLUMN_DEFAULT);
  const extra = String(c.EXTRA ?? '');
  let expr: string | null;
  if (mariadb) expr = raw === null || raw === 'NULL' ? null : raw;
  else if (raw === null) expr = null;
  else if (/DEFAULT_GENERATED/i.test(extra))
    expr = /^current_timestamp(\(\d?\))?$/i.test(raw) ? raw : `(${raw})`;
  else expr = `'${raw.replace(/[\\']/g, (x) => `\\${x}`)}'`;
  const onUpdate = /on update (\S+)/i.exec(extra)?.[1];
  return onUpdate === undefined ? expr : `${expr ?? 'NULL'} ON UPDATE ${onUpdate}`;
}

export async function introspectMysql(
  db: Queryable,
  database: string,
  modelSchema: string,
  mariadb: boolean,
): Promise<DatabaseSchema> {
  const p = [database];
  const tables = await db.query<Row>(
    `SELECT TABLE_NAME, TABLE_TYPE, TABLE_ROWS, AUTO_INCREMENT FROM information_schema.TABLES
      WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME`,
    p,
  );
  const columns = await db.query<Row>(
    `SELECT * FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION`,
    p,
  );
  const stats = await db.query<Row>(
    `SELECT * FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ?
      ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`,
    p,
  );
  const fkColumns = await db.query<Row>(
    `SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME,
            k.REFERENCED_COLUMN_NAME, r.UPDATE_RULE, r.DELETE_RULE
       FROM information_schema.KEY_COLUMN_USAGE k
       JOIN information_schema.REFERENTIAL_CONSTRAINTS r
         ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
        AND r.TABLE_NAME = k.TABLE_NAME
      WHERE k.TABLE_SCHEMA = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL
      ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`,
    p,
  );
  // MariaDB's CHECK_CONSTRAINTS names the table (check names are per table there); MySQL's does not.
  const checks = await db.query<Row>(
    mariadb
      ? `SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE, LEVEL FROM information_schema.CHECK_CONSTRAINTS
          WHERE CONSTRAINT_SCHEMA = ? ORDER BY TABLE_NAME, CONSTRAINT_NAME`
      : `SELECT t.TABLE_NAME, t.CONSTRAINT_NAME, c.CHECK_CLAUSE, 'Table' AS LEVEL
           FROM information_schema.TABLE_CONSTRAINTS t JOIN information_schema.CHECK_CONSTRAINTS c
             ON c.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA AND c.CONSTRAINT_NAME = t.CONSTRAINT_NAME
          WHERE t.TABLE_SCHEMA = ? AND t.CONSTRAINT_TYPE = 'CHECK' ORDER BY t.TABLE_NAME, t.CONSTRAINT_NAME`,
    p,
  );

  const out: TableModel[] = [];
  const views: ViewModel[] = [];
  for (const t of tables) {
    const name = String(t.TABLE_NAME);
    if (t.TABLE_TYPE === 'VIEW') {
      views.push(await readView(db, database, modelSchema, name));
      continue;
    }
    if (t.TABLE_TYPE !== 'BASE TABLE') continue;
    const own = <R extends Row>(rows: R[]) => rows.filter((r) => r.TABLE_NAME === name);
    const tableChecks = own(checks);
    // MariaDB's JSON is LONGTEXT with a column check json_valid(`col`), which the type itself makes again.
    const jsonColumns = new Set(
      tableChecks
        .filter(
          (c) =>
            c.LEVEL === 'Column' && c.CHECK_CLAUSE === `json_valid(${quoteIdent(String(c.CONSTRAINT_NAME))})`,
        )
        .map((c) => String(c.CONSTRAINT_NAME)),
    );
    const indexes = new Map<string, Row[]>();
    for (const s of own(stats)) {
      const key = String(s.INDEX_NAME);
      indexes.set(key, [...(indexes.get(key) ?? []), s]);
    }
    const primary = indexes.get('PRIMARY');
    const uniques: TableModel['uniques'][number][] = [];
    const plain: IndexModel[] = [];
    for (const [indexName, parts] of indexes) {
      if (indexName === 'PRIMARY') continue;
      const unique = Number(parts[0]!.NON_UNIQUE) === 0;
      const type = String(parts[0]!.INDEX_TYPE);
      const whole = parts.every((x) => x.SUB_PART === null && x.COLUMN_NAME !== null && x.COLLATION !== 'D');
      const names = parts.map((x) => x.COLUMN_NAME);
      if (unique && whole && type === 'BTREE') {
        const cols = names.map(String);
        uniques.push({
          name: indexName,
          definition: `UNIQUE (${cols.map(quoteIdent).join(', ')})`,
          columns: cols,
        });
        continue;
      }
      const spelled = parts.map((x) =>
        x.COLUMN_NAME === null
          ? `(${String(x.EXPRESSION)})`
          : `${quoteIdent(String(x.COLUMN_NAME))}${x.SUB_PART === null ? '' : `(${x.SUB_PART})`}${x.COLLATION === 'D' ? ' DESC' : ''}`,
      );
      const kind =
        type === 'FULLTEXT' ? 'FULLTEXT ' : type === 'SPATIAL' ? 'SPATIAL ' : unique ? 'UNIQUE ' : '';
      plain.push({
        name: indexName,
        definition: `${kind}KEY ${quoteIdent(indexName)} (${spelled.join(', ')})`,
        columns: names.every((n) => n !== null) ? names.map(String) : null,
        unique,
      });
    }
    const pkColumns = primary?.map((x) => String(x.COLUMN_NAME));
    const single = new Set(
      [pkColumns ?? [], ...uniques.map((u) => u.columns)].filter((c) => c.length === 1).map((c) => c[0]!),
    );
    const cols: ColumnModel[] = own(columns).map((c) => {
      const columnName = String(c.COLUMN_NAME);
      const isJson = jsonColumns.has(columnName) || c.DATA_TYPE === 'json';
      const dataType = isJson ? 'json' : String(c.DATA_TYPE).toLowerCase();
      const columnType = isJson ? 'json' : String(c.COLUMN_TYPE);
      const boolean = dataType === 'tinyint' && /^tinyint\(1\)/.test(columnType);
      const extra = String(c.EXTRA ?? '');
      const generated = /\b(VIRTUAL|STORED|PERSISTENT) GENERATED\b/i.exec(extra);
      const expression = str(c.GENERATION_EXPRESSION);
      const isText = ['char', 'varchar'].includes(dataType);
      return {
        name: columnName,
        position: Number(c.ORDINAL_POSITION),
        type: columnType,
        portable: boolean ? 'boolean' : (portableOf[dataType] ?? null),
        unsigned: /\bunsigned\b/.test(columnType),
        category: boolean ? 'boolean' : (categoryOf[dataType] ?? 'other'),
        isArray: false,
        maxLength: isText ? Number(c.CHARACTER_MAXIMUM_LENGTH) : null,
        numericPrecision: dataType === 'decimal' ? Number(c.NUMERIC_PRECISION) : null,
        numericScale: dataType === 'decimal' ? Number(c.NUMERIC_SCALE) : null,
        nullable: c.IS_NULLABLE === 'YES',
        defaultExpr: generated ? null : defaultOf(c, mariadb),
        // MySQL's information_schema escapes quotes in the expression (`_utf8mb4\' \'`).
        generatedExpr:
          generated && expression !== null
            ? `(${mariadb ? expression : expression.replaceAll("\\'", "'")}) ${generated[1]!.toUpperCase() === 'VIRTUAL' ? 'VIRTUAL' : 'STORED'}`
            : null,
        identity: /auto_increment/i.test(extra) ? 'by default' : null,
        collation: isJson ? null : str(c.COLLATION_NAME),
        enumLabels: dataType === 'enum' || dataType === 'set' ? parseLabels(columnType) : [],
        unique: single.has(columnName),
      };
    });
    const fks = new Map<string, Row[]>();
    for (const f of own(fkColumns)) {
      const key = String(f.CONSTRAINT_NAME);
      fks.set(key, [...(fks.get(key) ?? []), f]);
    }
    const foreignKeys: ForeignKeyModel[] = [...fks].map(([fkName, parts]) => {
      const first = parts[0]!;
      const refSchema = String(first.REFERENCED_TABLE_SCHEMA);
      const local = refSchema === database;
      const refTable = String(first.REFERENCED_TABLE_NAME);
      const from = parts.map((x) => String(x.COLUMN_NAME));
      const to = parts.map((x) => String(x.REFERENCED_COLUMN_NAME));
      const target = local ? quoteIdent(refTable) : `${quoteIdent(refSchema)}.${quoteIdent(refTable)}`;
      return {
        name: fkName,
        definition:
          `FOREIGN KEY (${from.map(quoteIdent).join(', ')}) REFERENCES ${target} (${to.map(quoteIdent).join(', ')})` +
          actionClause('DELETE', first.DELETE_RULE) +
          actionClause('UPDATE', first.UPDATE_RULE),
        columns: from,
        referencedSchema: local ? modelSchema : refSchema,
        referencedTable: refTable,
        referencedColumns: to,
      };
    });
    out.push({
      schema: modelSchema,
      name,
      columns: cols,
      primaryKey: pkColumns
        ? {
            name: 'PRIMARY',
            definition: `PRIMARY KEY (${pkColumns.map(quoteIdent).join(', ')})`,
            columns: pkColumns,
          }
        : null,
      uniques,
      checks: tableChecks
        .filter((c) => !jsonColumns.has(String(c.CONSTRAINT_NAME)) || c.LEVEL !== 'Column')
        .map((c) => ({ name: String(c.CONSTRAINT_NAME), definition: `CHECK (${String(c.CHECK_CLAUSE)})` })),
      foreignKeys,
      indexes: plain,
      rowEstimate: Number(t.TABLE_ROWS ?? 0),
      autoIncrement: cols.some((c) => c.identity !== null) ? str(t.AUTO_INCREMENT) : null,
    });
  }
  return deepFreeze({
    dialect: 'mysql',
    schemas: [modelSchema],
    extensions: [],
    enums: [],
    domains: [],
    sequences: [],
    tables: out,
    views,
  });
}

/** SHOW CREATE VIEW's SELECT, without DEFINER and without the database's name before its tables. */
async function readView(
  db: Queryable,
  database: string,
  modelSchema: string,
  name: string,
): Promise<ViewModel> {
  const [row] = await db.query<Row>(`SHOW CREATE VIEW ${quoteIdent(database)}.${quoteIdent(name)}`);
  const text = String(row?.['Create View'] ?? '');
  const marker = ` VIEW ${quoteIdent(name)} AS `;
  const select = text.slice(text.indexOf(marker) + marker.length);
  return {
    schema: modelSchema,
    name,
    materialized: false,
    definition: select.replaceAll(`${quoteIdent(database)}.`, ''),
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
