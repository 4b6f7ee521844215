/**
 * Hand-built schema models for tests: `table('public.applicant', [col('id', 'integer'), …], { primaryKey: ['id'] })`.
 * Categories, arrays and varchar lengths are read from the SQL type so fixtures stay one line each.
 */
import type { ColumnModel, DatabaseSchema, TableModel, TypeCategory } from '../../schema/model.js';
import { column } from '../../transforms/test-support.js';

const categories: readonly (readonly [RegExp, TypeCategory])[] = [
  [/^(text|character varying|varchar|character|char|citext|name)\b/, 'text'],
  [/^(smallint|integer|int|bigint|serial|bigserial|smallserial)\b/, 'integer'],
  [/^(numeric|decimal)\b/, 'numeric'],
  [/^(real|double precision)\b/, 'float'],
  [/^boolean\b/, 'boolean'],
  [/^date\b/, 'date'],
  [/^timestamp\b/, 'timestamp'],
  [/^time\b/, 'time'],
  [/^interval\b/, 'interval'],
  [/^uuid\b/, 'uuid'],
  [/^jsonb?\b/, 'json'],
  [/^bytea\b/, 'bytea'],
  [/^(inet|cidr|macaddr8?)\b/, 'network'],
];

/** A column from its SQL type; `enum:a,b` makes an enum column with those labels. */
export function col(name: string, type: string, overrides: Partial<ColumnModel> = {}): ColumnModel {
  const isArray = type.endsWith('[]');
  const base = type.replace(/\[\]$/, '');
  const enumLabels = base.startsWith('enum:') ? base.slice(5).split(',') : [];
  const category: TypeCategory =
    enumLabels.length > 0 ? 'enum' : (categories.find(([re]) => re.test(base))?.[1] ?? 'other');
  const length = /\((\d+)\)$/.exec(base);
  return column({
    name,
    position: 0,
    type: enumLabels.length > 0 ? 'public.some_enum' : type,
    category,
    isArray,
    maxLength: category === 'text' && length ? Number(length[1]) : null,
    enumLabels,
    ...overrides,
  });
}

export interface TableOptions {
  readonly primaryKey?: readonly string[];
  readonly foreignKeys?: readonly {
    readonly columns: readonly string[];
    /** `schema.table` */
    readonly references: string;
    readonly referencedColumns: readonly string[];
  }[];
}

/** A table named `schema.table`; positions follow the order given, primary-key columns become NOT NULL and unique. */
export function table(
  qualified: string,
  columns: readonly ColumnModel[],
  options: TableOptions = {},
): TableModel {
  const dot = qualified.indexOf('.');
  const pk = options.primaryKey ?? [];
  return {
    schema: qualified.slice(0, dot),
    name: qualified.slice(dot + 1),
    columns: columns.map((c, i) => ({
      ...c,
      position: i + 1,
      ...(pk.includes(c.name) ? { nullable: false, unique: pk.length === 1 } : {}),
    })),
    primaryKey:
      pk.length > 0
        ? { name: `${qualified}_pkey`, definition: `PRIMARY KEY (${pk.join(', ')})`, columns: pk }
        : null,
    uniques: [],
    checks: [],
    foreignKeys: (options.foreignKeys ?? []).map((fk, i) => {
      const refDot = fk.references.indexOf('.');
      return {
        name: `${qualified}_fk${i}`,
        definition: `FOREIGN KEY (${fk.columns.join(', ')}) REFERENCES ${fk.references}(${fk.referencedColumns.join(', ')})`,
        columns: fk.columns,
        referencedSchema: fk.references.slice(0, refDot),
        referencedTable: fk.references.slice(refDot + 1),
        referencedColumns: fk.referencedColumns,
      };
    }),
    indexes: [],
    rowEstimate: 0,
    autoIncrement: null,
  };
}

export function database(tables: readonly TableModel[]): DatabaseSchema {
  return {
    dialect: 'postgres',
    schemas: [...new Set(tables.map((t) => t.schema))],
    extensions: [],
    enums: [],
    domains: [],
    sequences: [],
    tables,
    views: [],
  };
}
