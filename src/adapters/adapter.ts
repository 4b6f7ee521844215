/**
 * What the rest of Leakproof knows about a database engine. One folder per engine implements it;
 * code outside `src/adapters/` depends on this file only.
 *
 * Rows travel as chunks of PostgreSQL COPY text format: each chunk holds whole lines (a row ends
 * with `\n`), fields are separated by tabs, NULL is `\N`, and special characters are escaped. Every
 * engine reads and writes that one format, so the copy engine never sees a driver's value types.
 */
import type { DatabaseSchema, TableRef } from '../schema/model.js';

export type { TableRef };

export type EngineName = 'postgres' | 'pglite';

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
   * Streams the rows of one SELECT as COPY text chunks of whole lines; `what` names it in errors
   * (`Reading public.applicant`). The SELECT is built by Leakproof with quoted identifiers only.
   */
  readQuery(select: string, what: string, signal?: AbortSignal): AsyncIterable<Buffer>;

  /** Streams the given columns of every row of a table as COPY text chunks of whole lines. */
  readRows(table: TableRef, columns: readonly string[], signal?: AbortSignal): AsyncIterable<Buffer>;

  /** Loads COPY text chunks into the given columns of a table; resolves when all of it has landed. */
  writeRows(table: TableRef, columns: readonly string[], chunks: AsyncIterable<Buffer>): Promise<void>;

  close(): Promise<void>;
}
