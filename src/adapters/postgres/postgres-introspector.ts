/**
 * Reads the schema of a PostgreSQL-speaking database into the engine-independent model. Shared by
 * the `postgres` and `pglite` adapters: only the driver differs.
 */
import { LeakproofError } from '../../errors.js';
import type {
  ColumnModel,
  ConstraintModel,
  DatabaseSchema,
  ForeignKeyModel,
  IndexModel,
  PortableType,
  TableModel,
  TypeCategory,
} from '../../schema/model.js';
import type { Queryable } from '../adapter.js';
import * as catalog from './postgres-catalog.js';

interface TableRow {
  oid: string;
  schema: string;
  name: string;
  kind: string;
  is_partition: boolean;
  estimate: string;
}
interface ColumnRow {
  table_oid: string;
  name: string;
  position: number;
  type: string;
  not_null: boolean;
  generated: string;
  identity: string;
  default_expr: string | null;
  collation: string | null;
  element_type_oid: string;
  is_array: boolean;
  typmod: number;
}
interface TypeRow {
  oid: string;
  name: string;
  typtype: string;
  category: string;
}
interface ConstraintRow {
  table_oid: string;
  name: string;
  type: string;
  definition: string;
  columns: string[];
  ref_schema: string | null;
  ref_table: string | null;
  ref_columns: string[];
}
interface DomainRow {
  schema: string;
  name: string;
  base_type: string;
  not_null: boolean;
  default_expr: string | null;
  checks: ConstraintModel[] | string;
}
interface IndexRow {
  table_oid: string;
  name: string;
  definition: string;
  is_unique: boolean;
  plain: boolean;
  columns: string[];
}

const categoryByTypeName: Record<string, TypeCategory> = {
  text: 'text',
  varchar: 'text',
  bpchar: 'text',
  name: 'text',
  citext: 'text',
  int2: 'integer',
  int4: 'integer',
  int8: 'integer',
  numeric: 'numeric',
  float4: 'float',
  float8: 'float',
  bool: 'boolean',
  date: 'date',
  timestamp: 'timestamp',
  timestamptz: 'timestamp',
  time: 'time',
  timetz: 'time',
  interval: 'interval',
  uuid: 'uuid',
  json: 'json',
  jsonb: 'json',
  bytea: 'bytea',
  inet: 'network',
  cidr: 'network',
  macaddr: 'network',
  macaddr8: 'network',
};

const portableByTypeName: Record<string, PortableType> = {
  text: 'text',
  citext: 'text',
  name: 'text',
  varchar: 'varchar',
  bpchar: 'char',
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  numeric: 'decimal',
  float4: 'real',
  float8: 'double',
  bool: 'boolean',
  date: 'date',
  time: 'time',
  timestamp: 'timestamp',
  timestamptz: 'timestamptz',
  interval: 'interval',
  uuid: 'uuid',
  json: 'json',
  jsonb: 'json',
  bytea: 'binary',
};

/** Arrays, ranges, geometry, network types…: only PostgreSQL holds them. */
function portableOf(type: TypeRow | undefined, isArray: boolean): PortableType | null {
  if (type === undefined || isArray) return null;
  if (type.typtype === 'e') return 'enum';
  return portableByTypeName[type.name] ?? null;
}

function categoryOf(type: TypeRow | undefined): TypeCategory {
  if (type === undefined) return 'other';
  if (type.typtype === 'e') return 'enum';
  return categoryByTypeName[type.name] ?? (type.category === 'S' ? 'text' : 'other');
}

function group<T extends { table_oid: string }>(rows: readonly T[]): Map<string, T[]> {
  const byTable = new Map<string, T[]>();
  for (const row of rows) {
    const list = byTable.get(row.table_oid);
    if (list) list.push(row);
    else byTable.set(row.table_oid, [row]);
  }
  return byTable;
}

/** Length limit of varchar(n)/char(n): PostgreSQL stores n + 4 in the type modifier. */
function lengthOf(type: TypeRow | undefined, typmod: number): number | null {
  if (type === undefined || !['varchar', 'bpchar'].includes(type.name) || typmod < 4) return null;
  return typmod - 4;
}

function numericPrecision(type: TypeRow | undefined, typmod: number): [number | null, number | null] {
  if (type?.name !== 'numeric' || typmod < 4) return [null, null];
  const packed = typmod - 4;
  return [(packed >> 16) & 0xffff, packed & 0xffff];
}

export async function introspectPostgres(db: Queryable): Promise<DatabaseSchema> {
  // One connection answers one query at a time, so the catalog is read in sequence.
  const schemas = await db.query<{ name: string }>(catalog.schemasSql);
  const extensions = await db.query<{ name: string; schema: string }>(catalog.extensionsSql);
  const tables = await db.query<TableRow>(catalog.tablesSql);
  const columns = await db.query<ColumnRow>(catalog.columnsSql);
  const constraints = await db.query<ConstraintRow>(catalog.constraintsSql);
  const indexes = await db.query<IndexRow>(catalog.indexesSql);
  const enums = await db.query<{ oid: string; schema: string; name: string; labels: string[] }>(
    catalog.enumsSql,
  );
  const domains = await db.query<DomainRow>(catalog.domainsSql);
  const sequences = await db.query<Record<string, string | boolean | null>>(catalog.sequencesSql);
  const views = await db.query<{ schema: string; name: string; materialized: boolean; definition: string }>(
    catalog.viewsSql,
  );

  const partitioned = tables.filter((t) => t.kind === 'p' || t.is_partition);
  if (partitioned.length > 0) {
    throw new LeakproofError(
      'LP_UNSUPPORTED',
      'Partitioned tables are not supported yet; nothing was copied.',
      partitioned.map((t) => `${t.schema}.${t.name}`),
    );
  }

  const typeOids = [...new Set(columns.map((c) => c.element_type_oid))];
  const types = new Map(
    (await db.query<TypeRow>(catalog.typesSql, [typeOids])).map((t) => [t.oid, t] as const),
  );
  // Keyed by type oid: columns carry their (domain-resolved, element) type's oid.
  const enumLabels = new Map(enums.map((e) => [e.oid, e.labels] as const));
  const columnsByTable = group(columns);
  const constraintsByTable = group(constraints);
  const indexesByTable = group(indexes);

  const tableModels: TableModel[] = tables.map((t) => {
    const cons = constraintsByTable.get(t.oid) ?? [];
    const idx = indexesByTable.get(t.oid) ?? [];
    const pk = cons.find((c) => c.type === 'p');
    const uniques = cons.filter((c) => c.type === 'u');
    const singleUnique = new Set<string>();
    for (const c of [...(pk ? [pk] : []), ...uniques])
      if (c.columns.length === 1) singleUnique.add(c.columns[0]!);
    for (const i of idx)
      if (i.is_unique && i.plain && i.columns.length === 1) singleUnique.add(i.columns[0]!);

    const columnModels: ColumnModel[] = (columnsByTable.get(t.oid) ?? []).map((c) => {
      const type = types.get(c.element_type_oid);
      const [precision, scale] = numericPrecision(type, c.typmod);
      return Object.freeze({
        name: c.name,
        position: c.position,
        type: c.type,
        portable: portableOf(type, c.is_array),
        unsigned: false,
        category: categoryOf(type),
        isArray: c.is_array,
        maxLength: lengthOf(type, c.typmod),
        numericPrecision: precision,
        numericScale: scale,
        nullable: !c.not_null,
        defaultExpr: c.generated === 's' || c.identity !== '' ? null : c.default_expr,
        generatedExpr: c.generated === 's' ? c.default_expr : null,
        identity: c.identity === 'a' ? 'always' : c.identity === 'd' ? 'by default' : null,
        collation: c.collation,
        enumLabels: Object.freeze([...(enumLabels.get(c.element_type_oid) ?? [])]),
        unique: singleUnique.has(c.name),
      });
    });
    const foreignKeys: ForeignKeyModel[] = cons
      .filter((c) => c.type === 'f')
      .map((c) =>
        Object.freeze({
          name: c.name,
          definition: c.definition,
          columns: Object.freeze(c.columns),
          referencedSchema: c.ref_schema ?? '',
          referencedTable: c.ref_table ?? '',
          referencedColumns: Object.freeze(c.ref_columns),
        }),
      );
    const keyed = (c: ConstraintRow) =>
      Object.freeze({ name: c.name, definition: c.definition, columns: c.columns });
    return Object.freeze({
      schema: t.schema,
      name: t.name,
      columns: Object.freeze(columnModels),
      primaryKey: pk ? keyed(pk) : null,
      uniques: Object.freeze(uniques.map(keyed)),
      // Exclusion constraints are rebuilt with the checks: both are plain constraint definitions.
      checks: Object.freeze(
        cons
          .filter((c) => c.type === 'c' || c.type === 'x')
          .map((c) => ({ name: c.name, definition: c.definition })),
      ),
      foreignKeys: Object.freeze(foreignKeys),
      indexes: Object.freeze(
        idx.map(
          (i): IndexModel =>
            Object.freeze({
              name: i.name,
              definition: i.definition,
              columns: i.plain ? Object.freeze([...i.columns]) : null,
              unique: i.is_unique,
            }),
        ),
      ),
      rowEstimate: Math.max(0, Number(t.estimate)),
      autoIncrement: null,
    });
  });

  return Object.freeze({
    dialect: 'postgres',
    schemas: Object.freeze(schemas.map((s) => s.name)),
    extensions: Object.freeze(extensions.map((e) => Object.freeze({ name: e.name, schema: e.schema }))),
    enums: Object.freeze(
      enums.map((e) => Object.freeze({ schema: e.schema, name: e.name, labels: e.labels })),
    ),
    domains: Object.freeze(
      domains.map((d) =>
        Object.freeze({
          schema: d.schema,
          name: d.name,
          baseType: d.base_type,
          notNull: d.not_null,
          defaultExpr: d.default_expr,
          // PGlite hands json back as text; pg parses it.
          checks: typeof d.checks === 'string' ? (JSON.parse(d.checks) as ConstraintModel[]) : d.checks,
        }),
      ),
    ),
    sequences: Object.freeze(sequences.map(sequenceModel)),
    tables: Object.freeze(tableModels),
    views: Object.freeze(views.map((v) => Object.freeze({ ...v }))),
  });
}

function sequenceModel(s: Record<string, string | boolean | null>) {
  const owner =
    s.owner_table != null
      ? { schema: String(s.owner_schema), table: String(s.owner_table), column: String(s.owner_column) }
      : null;
  return Object.freeze({
    schema: String(s.schema),
    name: String(s.name),
    dataType: String(s.data_type),
    start: String(s.start),
    increment: String(s.increment),
    min: String(s.min),
    max: String(s.max),
    cache: String(s.cache),
    cycle: s.cycle === true,
    lastValue: s.last_value == null ? null : String(s.last_value),
    ownedBy: s.dep_type === 'a' ? owner : null,
    identityOf: s.dep_type === 'i' ? owner : null,
  });
}
