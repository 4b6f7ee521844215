/**
 * The database model Leakproof works from: what introspection reads from a source and what the
 * target is built from. Plain frozen data, no behaviour; engine-independent.
 */

/** What kind of value a column holds, of the element type for arrays. */
export type TypeCategory =
  | 'text' // text, varchar(n), char(n), citext, name
  | 'integer' // smallint, integer, bigint
  | 'numeric' // numeric/decimal
  | 'float' // real, double precision
  | 'boolean'
  | 'date'
  | 'timestamp' // timestamp with or without time zone
  | 'time'
  | 'interval'
  | 'uuid'
  | 'json' // json and jsonb
  | 'bytea'
  | 'enum'
  | 'network' // inet, cidr, macaddr
  | 'other';

/** The engines Leakproof reads and writes. */
export type EngineName = 'postgres' | 'pglite' | 'mysql' | 'sqlite';

/**
 * Whose SQL the model's text fields (`type`, defaults, definitions) are written in: PGlite speaks
 * PostgreSQL's. `portable`: no engine's; every engine builds it from the portable types and
 * column lists alone (a model Leakproof reshaped itself, like the demo moved to other engines).
 */
export type SqlDialect = 'postgres' | 'mysql' | 'sqlite' | 'portable';

/**
 * A column's type in words every engine's dialect can spell, so a copy can cross engines: the
 * target spells it in its own SQL, with the column's `maxLength`, `numericPrecision`/`numericScale`,
 * `unsigned` and `enumLabels`. Null when the type has no such spelling (a PostgreSQL array, a
 * range, a geometry): then only the engine the model came from can hold it, and a copy to another
 * engine stops naming the column.
 */
export type PortableType =
  | 'tinyint'
  | 'smallint'
  | 'integer'
  | 'bigint'
  | 'decimal'
  | 'real'
  | 'double'
  | 'boolean'
  | 'text'
  | 'varchar'
  | 'char'
  | 'date'
  | 'time'
  | 'timestamp'
  | 'timestamptz'
  | 'interval'
  | 'uuid'
  | 'json'
  | 'binary'
  | 'enum'
  | 'set';

/** A table named by schema and name. */
export interface TableRef {
  readonly schema: string;
  readonly name: string;
}

export interface ColumnModel {
  readonly name: string;
  /** 1-based position in the table as the source orders it. */
  readonly position: number;
  /**
   * The type as the source engine's SQL spells it, schema-qualified where needed: `character
   * varying(80)`, `text[]`, `public.status`, `int(10) unsigned`. Used as-is only by the same dialect.
   */
  readonly type: string;
  /** The type in portable words, for a target of another engine; null when it has none. */
  readonly portable: PortableType | null;
  /** An unsigned integer or decimal (MySQL); false everywhere else. */
  readonly unsigned: boolean;
  /** Category of the value, or of each element for arrays; domains resolve to their base type. */
  readonly category: TypeCategory;
  readonly isArray: boolean;
  /** varchar(n)/char(n) limit in characters (of each element for arrays), or null. */
  readonly maxLength: number | null;
  /** Numeric precision where declared (numeric(p,s)); null otherwise. */
  readonly numericPrecision: number | null;
  readonly numericScale: number | null;
  readonly nullable: boolean;
  /** Default expression (SQL), not for identity or generated columns. */
  readonly defaultExpr: string | null;
  /** Expression of a `GENERATED ALWAYS AS (…) STORED` column; such columns are recomputed by the target. */
  readonly generatedExpr: string | null;
  readonly identity: 'always' | 'by default' | null;
  /** Collation name when it differs from the type's default, quoted as SQL needs it. */
  readonly collation: string | null;
  /** Labels of an enum type, in order; empty otherwise. */
  readonly enumLabels: readonly string[];
  /** Part of a single-column primary key or unique constraint/index. */
  readonly unique: boolean;
}

export interface ConstraintModel {
  readonly name: string;
  /** The constraint as `pg_get_constraintdef` prints it: `PRIMARY KEY (id)`, `CHECK (…)`, `FOREIGN KEY …`. */
  readonly definition: string;
}

export interface ForeignKeyModel extends ConstraintModel {
  readonly columns: readonly string[];
  readonly referencedSchema: string;
  readonly referencedTable: string;
  readonly referencedColumns: readonly string[];
}

export interface IndexModel {
  readonly name: string;
  /** The source dialect's statement that makes it (`pg_get_indexdef`, `SHOW CREATE TABLE`'s line). */
  readonly definition: string;
  /** The indexed columns in order, or null when it indexes an expression (same dialect only). */
  readonly columns: readonly string[] | null;
  readonly unique: boolean;
}

export interface TableModel {
  readonly schema: string;
  readonly name: string;
  readonly columns: readonly ColumnModel[];
  readonly primaryKey: (ConstraintModel & { readonly columns: readonly string[] }) | null;
  readonly uniques: readonly (ConstraintModel & { readonly columns: readonly string[] })[];
  readonly checks: readonly ConstraintModel[];
  readonly foreignKeys: readonly ForeignKeyModel[];
  /** Indexes that do not back a primary key or unique constraint. */
  readonly indexes: readonly IndexModel[];
  /** Estimated or counted rows, for progress only. */
  readonly rowEstimate: number;
  /** The next value an auto-increment column would take (MySQL, SQLite), or null. */
  readonly autoIncrement: string | null;
}

export interface SequenceModel {
  readonly schema: string;
  readonly name: string;
  readonly dataType: string;
  readonly start: string;
  readonly increment: string;
  readonly min: string;
  readonly max: string;
  readonly cache: string;
  readonly cycle: boolean;
  /** Value to restore with setval, or null when the sequence was never called. */
  readonly lastValue: string | null;
  /** `schema.table.column` that owns it (serial), or null. */
  readonly ownedBy: { readonly table: string; readonly schema: string; readonly column: string } | null;
  /** Sequences behind identity columns are created by the column itself. */
  readonly identityOf: { readonly table: string; readonly schema: string; readonly column: string } | null;
}

export interface EnumModel {
  readonly schema: string;
  readonly name: string;
  readonly labels: readonly string[];
}

export interface DomainModel {
  readonly schema: string;
  readonly name: string;
  readonly baseType: string;
  readonly notNull: boolean;
  readonly defaultExpr: string | null;
  readonly checks: readonly ConstraintModel[];
}

export interface ViewModel {
  readonly schema: string;
  readonly name: string;
  readonly materialized: boolean;
  /** The SELECT as `pg_get_viewdef` prints it. */
  readonly definition: string;
}

export interface DatabaseSchema {
  /** The dialect of every SQL text in this model. */
  readonly dialect: SqlDialect;
  readonly schemas: readonly string[];
  readonly extensions: readonly { readonly name: string; readonly schema: string }[];
  readonly enums: readonly EnumModel[];
  readonly domains: readonly DomainModel[];
  readonly sequences: readonly SequenceModel[];
  readonly tables: readonly TableModel[];
  readonly views: readonly ViewModel[];
}

/**
 * A nullable text column named `value` with no constraints; `overrides` say what differs. For
 * columns Leakproof describes itself (a JSON string leaf, a documentation example, a test).
 */
export function textColumn(overrides: Partial<ColumnModel> = {}): ColumnModel {
  return {
    name: 'value',
    position: 1,
    type: 'text',
    portable: 'text',
    unsigned: false,
    category: 'text',
    isArray: false,
    maxLength: null,
    numericPrecision: null,
    numericScale: null,
    nullable: true,
    defaultExpr: null,
    generatedExpr: null,
    identity: null,
    collation: null,
    enumLabels: [],
    unique: false,
    ...overrides,
  };
}

/** `schema.table`, the way policies and reports name a table. */
export function qualifiedName(table: TableRef): string {
  return `${table.schema}.${table.name}`;
}
