/**
 * What the PostgreSQL server adapter and the PGlite adapter share: every part of `DatabaseAdapter`
 * that is only SQL over the engine's session (its catalog, the structured reads, the DDL). Each
 * subclass brings its own session: `query`, `exec` and `readQuery` (COPY text of a SELECT).
 */
import type { DatabaseSchema, TableRef } from '../../schema/model.js';
import type { LinkedRead, SchemaDdl } from '../adapter.js';
import { schemaDdl } from './postgres-ddl.js';
import { countRows, createView, type PostgresSession, readLinked, sampleRows } from './postgres-dialect.js';
import { quoteIdent, quoteTable } from './postgres-identifiers.js';
import { introspectPostgres } from './postgres-introspector.js';
import { changeStamps, dropUserObjects, listUserRelations } from './postgres-target.js';

export abstract class PostgresSqlAdapter implements PostgresSession {
  abstract query<T extends object>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  abstract exec(sql: string): Promise<void>;
  abstract readQuery(select: string, what: string, signal?: AbortSignal): AsyncIterable<Buffer>;

  introspect(): Promise<DatabaseSchema> {
    return introspectPostgres(this);
  }

  listUserRelations(): Promise<string[]> {
    return listUserRelations(this);
  }

  dropUserObjects(): Promise<void> {
    return dropUserObjects(this);
  }

  readLinked(read: LinkedRead, what: string, signal?: AbortSignal): AsyncIterable<Buffer> {
    return readLinked(this, read, what, signal);
  }

  readRows(table: TableRef, columns: readonly string[], signal?: AbortSignal): AsyncIterable<Buffer> {
    const select = `SELECT ${columns.map(quoteIdent).join(', ')} FROM ${quoteTable(table)}`;
    return this.readQuery(select, `Reading ${table.schema}.${table.name}`, signal);
  }

  changeStamps(): Promise<ReadonlyMap<string, string>> {
    return changeStamps(this);
  }

  countRows(table: TableRef): Promise<number> {
    return countRows(this, table);
  }

  sampleRows(table: TableRef, columns: readonly string[], rows: number, chars: number) {
    return sampleRows(this, table, columns, rows, chars);
  }

  schemaDdl(schema: DatabaseSchema): SchemaDdl {
    return schemaDdl(schema);
  }

  createView(sql: string): Promise<string | null> {
    return createView(this, sql);
  }
}
