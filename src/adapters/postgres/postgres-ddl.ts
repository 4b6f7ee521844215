/**
 * SQL that rebuilds a schema in an empty database, in two halves around the data load: `beforeLoad`
 * creates schemas, types, sequences and bare tables (columns, defaults, NOT NULL, identity and
 * generated columns); `afterLoad` adds keys, checks, indexes, foreign keys and sequence positions,
 * which build faster over loaded data and cannot be violated half-way through a load.
 */
import type { DatabaseSchema, TableModel } from '../../schema/model.js';
import type { SchemaDdl } from '../adapter.js';
import { quoteIdent, quoteLiteral, quoteTable } from './postgres-identifiers.js';
import { postgresTypeOf } from './postgres-types.js';

function columnDefinition(column: TableModel['columns'][number]): string {
  const parts = [quoteIdent(column.name), column.type];
  if (column.collation) parts.push(`COLLATE ${column.collation}`);
  if (column.generatedExpr !== null) parts.push(`GENERATED ALWAYS AS (${column.generatedExpr}) STORED`);
  if (column.identity !== null) parts.push(`GENERATED ${column.identity.toUpperCase()} AS IDENTITY`);
  if (column.defaultExpr !== null) parts.push(`DEFAULT ${column.defaultExpr}`);
  if (!column.nullable) parts.push('NOT NULL');
  return parts.join(' ');
}

export function createTableSql(table: TableModel): string {
  const columns = table.columns.map((c) => `  ${columnDefinition(c)}`).join(',\n');
  return `CREATE TABLE ${quoteTable(table)} (\n${columns}\n)`;
}

export function schemaDdl(schema: DatabaseSchema): SchemaDdl {
  return schema.dialect === 'postgres' ? postgresSchemaDdl(schema) : foreignSchemaDdl(schema);
}

function postgresSchemaDdl(schema: DatabaseSchema): SchemaDdl {
  const beforeLoad: string[] = [];
  const afterLoad: string[] = [];
  const name = (o: { schema: string; name: string }) => quoteTable(o);

  for (const s of schema.schemas) beforeLoad.push(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(s)}`);
  for (const e of schema.extensions) {
    beforeLoad.push(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(e.schema)}`);
    beforeLoad.push(`CREATE EXTENSION IF NOT EXISTS ${quoteIdent(e.name)} SCHEMA ${quoteIdent(e.schema)}`);
  }
  for (const e of schema.enums) {
    beforeLoad.push(`CREATE TYPE ${name(e)} AS ENUM (${e.labels.map(quoteLiteral).join(', ')})`);
  }
  for (const d of schema.domains) {
    const parts = [`CREATE DOMAIN ${name(d)} AS ${d.baseType}`];
    if (d.defaultExpr !== null) parts.push(`DEFAULT ${d.defaultExpr}`);
    if (d.notNull) parts.push('NOT NULL');
    for (const c of d.checks) parts.push(`CONSTRAINT ${quoteIdent(c.name)} ${c.definition}`);
    beforeLoad.push(parts.join(' '));
  }
  for (const s of schema.sequences) {
    if (s.identityOf !== null) continue;
    beforeLoad.push(
      `CREATE SEQUENCE ${name(s)} AS ${s.dataType} INCREMENT BY ${s.increment} MINVALUE ${s.min} MAXVALUE ${s.max} ` +
        `START WITH ${s.start} CACHE ${s.cache}${s.cycle ? ' CYCLE' : ' NO CYCLE'}`,
    );
  }
  for (const t of schema.tables) beforeLoad.push(createTableSql(t));

  const addConstraint = (t: TableModel, c: { name: string; definition: string }) =>
    `ALTER TABLE ${quoteTable(t)} ADD CONSTRAINT ${quoteIdent(c.name)} ${c.definition}`;
  for (const t of schema.tables) {
    if (t.primaryKey) afterLoad.push(addConstraint(t, t.primaryKey));
    for (const u of t.uniques) afterLoad.push(addConstraint(t, u));
    for (const c of t.checks) afterLoad.push(addConstraint(t, c));
    for (const i of t.indexes) afterLoad.push(i.definition);
  }
  for (const t of schema.tables) for (const f of t.foreignKeys) afterLoad.push(addConstraint(t, f));
  for (const s of schema.sequences) {
    if (s.ownedBy !== null) {
      afterLoad.push(
        `ALTER SEQUENCE ${name(s)} OWNED BY ${quoteTable({ schema: s.ownedBy.schema, name: s.ownedBy.table })}.${quoteIdent(s.ownedBy.column)}`,
      );
    }
    if (s.lastValue === null) continue;
    const sequence =
      s.identityOf === null
        ? quoteLiteral(name(s))
        : `pg_catalog.pg_get_serial_sequence(${quoteLiteral(quoteTable({ schema: s.identityOf.schema, name: s.identityOf.table }))}, ${quoteLiteral(s.identityOf.column)})`;
    afterLoad.push(`SELECT pg_catalog.setval(${sequence}, ${s.lastValue}, true)`);
  }

  const views = schema.views.map((view) => ({
    view,
    sql: view.materialized
      ? `CREATE MATERIALIZED VIEW ${name(view)} AS ${view.definition.replace(/;\s*$/, '')} WITH DATA`
      : `CREATE VIEW ${name(view)} AS ${view.definition.replace(/;\s*$/, '')}`,
  }));
  return { beforeLoad, afterLoad, views };
}

/**
 * A model another engine described: columns from their portable types (every one is mapped before
 * a statement is returned, so an unmappable column stops the copy before anything is written),
 * keys, foreign keys and plain indexes from their column lists. Defaults, checks, generated
 * expressions and views are SQL of the other engine and are left out. Constraints and indexes are
 * left for PostgreSQL to name: MySQL names an index per table (`PRIMARY`, `idx_email` on two
 * tables), PostgreSQL per schema.
 */
function foreignSchemaDdl(schema: DatabaseSchema): SchemaDdl {
  const beforeLoad: string[] = [];
  const afterLoad: string[] = [];
  const list = (columns: readonly string[]) => columns.map(quoteIdent).join(', ');
  for (const s of new Set(schema.tables.map((t) => t.schema)))
    beforeLoad.push(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(s)}`);
  for (const t of schema.tables) {
    const columns = t.columns.map((c) => {
      const parts = [quoteIdent(c.name), postgresTypeOf(t, c)];
      if (c.identity !== null) parts.push('GENERATED BY DEFAULT AS IDENTITY');
      if (!c.nullable) parts.push('NOT NULL');
      return `  ${parts.join(' ')}`;
    });
    beforeLoad.push(`CREATE TABLE ${quoteTable(t)} (\n${columns.join(',\n')}\n)`);
    if (t.primaryKey)
      afterLoad.push(`ALTER TABLE ${quoteTable(t)} ADD PRIMARY KEY (${list(t.primaryKey.columns)})`);
    for (const u of t.uniques) afterLoad.push(`ALTER TABLE ${quoteTable(t)} ADD UNIQUE (${list(u.columns)})`);
    for (const i of t.indexes) {
      if (i.columns === null) continue;
      afterLoad.push(`CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ON ${quoteTable(t)} (${list(i.columns)})`);
    }
    const identity = t.columns.find((c) => c.identity !== null);
    if (identity !== undefined && t.autoIncrement !== null && BigInt(t.autoIncrement) > 1n) {
      // The next value the source would have given is the one the target gives next.
      const sequence = `pg_catalog.pg_get_serial_sequence(${quoteLiteral(quoteTable(t))}, ${quoteLiteral(identity.name)})`;
      afterLoad.push(`SELECT pg_catalog.setval(${sequence}, ${BigInt(t.autoIncrement) - 1n}, true)`);
    }
  }
  for (const t of schema.tables)
    for (const f of t.foreignKeys)
      afterLoad.push(
        `ALTER TABLE ${quoteTable(t)} ADD FOREIGN KEY (${list(f.columns)}) REFERENCES ` +
          `${quoteTable({ schema: f.referencedSchema, name: f.referencedTable })} (${list(f.referencedColumns)})`,
      );
  return { beforeLoad, afterLoad, views: [] };
}
