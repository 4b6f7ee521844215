/**
 * What the rest of Leakproof knows about a database engine. One folder per engine implements it;
 * code outside `src/adapters/` depends on this file only.
 *
 * Rows travel as chunks of PostgreSQL COPY text format: each chunk holds whole lines (a row ends
 * with `\n`), fields are separated by tabs, NULL is `\N`, and special characters are escaped. Every
 * engine reads and writes that one format, so the copy engine never sees a driver's value types.
 */
import type { DatabaseSchema, EngineName, TableModel, TableRef, ViewModel } from '../schema/model.js';
import type { SubjectLink } from '../schema/subject-links.js';

export type { EngineName, TableRef };

/**
 * The statements that rebuild a schema in an empty database, in two halves around the data load:
 * `beforeLoad` creates schemas, types, sequences and bare tables; `afterLoad` adds keys, checks,
 * indexes, foreign keys and sequence positions, which build faster over loaded data.
 */
export interface SchemaDdl {
  readonly beforeLoad: readonly string[];
  readonly afterLoad: readonly string[];
  /** Views in creation order; each may fail on its own (a function it needs may not exist). */
  readonly views: readonly { readonly view: ViewModel; readonly sql: string }[];
}

/** Chosen columns of a table, and (with `link`) the key of the person each row leads to, last. */
export interface LinkedRead {
  readonly table: TableRef;
  readonly columns: readonly string[];
  readonly link?: SubjectLink;
}

export interface Queryable {
  /** Runs one statement with optional parameters and returns its rows as plain objects. */
  query<T extends object>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface DatabaseAdapter extends Queryable {
  readonly engine: EngineName;
  /** Where this database is, safe to print: no password, no query string. */
  readonly displayName: string;

  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;

  /** Starts the one transaction a run works in: a read-only snapshot for a source, a writable one for a target. */
  begin(mode: 'snapshot' | 'write'): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;

  /**
   * Claims the database for one copy until the current write transaction ends; throws
   * LP_TARGET_BUSY when another copy holds it. Call right after `begin('write')`, before looking at
   * what the target holds, so two copies onto one target never interleave.
   */
  lockForCopy(): Promise<void>;

  /** A value that is the same for two adapters exactly when they point at the same database. */
  identity(): Promise<string>;

  introspect(): Promise<DatabaseSchema>;

  /** `schema.name` of every table, view and sequence the database holds outside system schemas. */
  listUserRelations(): Promise<string[]>;

  /** Drops everything a copy would create, for `--replace`; inside the current transaction. */
  dropUserObjects(): Promise<void>;

  /**
   * Streams `read.columns` of every row of `read.table`, then the subject key its link leads to, as
   * COPY text chunks of whole lines; `what` names it in errors (`Fingerprinting public.applicant`).
   */
  readLinked(read: LinkedRead, what: string, signal?: AbortSignal): AsyncIterable<Buffer>;

  /**
   * What the engine's statistics say of each table's changes (`schema.name` → a stamp): a table
   * whose stamp is the same at two times was not written between them, as far as the statistics
   * know. A table missing from the map has no usable statistics (it is always read again).
   * For the watchdog's `--since`.
   */
  changeStamps(): Promise<ReadonlyMap<string, string>>;

  /** The number of rows a table holds, in the current transaction. */
  countRows(table: TableRef): Promise<number>;

  /** The first `rows` rows of `columns` as text, each value cut to `chars` characters. */
  sampleRows(
    table: TableRef,
    columns: readonly string[],
    rows: number,
    chars: number,
  ): Promise<(string | null)[][]>;

  /** The DDL that rebuilds `schema` in this engine. */
  schemaDdl(schema: DatabaseSchema): SchemaDdl;

  /** Makes one view without failing the transaction: null when made, else why not. */
  createView(sql: string): Promise<string | null>;

  /** Streams the given columns of every row of a table as COPY text chunks of whole lines. */
  readRows(table: TableRef, columns: readonly string[], signal?: AbortSignal): AsyncIterable<Buffer>;

  /**
   * Loads COPY text chunks into the given columns of a table; resolves when all of it has landed.
   * `table` is the model the table was created from (by `schemaDdl`), so an engine that stores a
   * value in another form than PostgreSQL's text (MySQL's booleans and binary, SQLite's blobs)
   * knows each column's type.
   */
  writeRows(table: TableModel, columns: readonly string[], chunks: AsyncIterable<Buffer>): Promise<void>;

  close(): Promise<void>;
}
