/**
 * PostgreSQL through `pg`, with COPY streams from `pg-copy-streams`. One connection per adapter:
 * a run's whole work on one database happens in one transaction on it.
 */

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { LeakproofError } from '../../errors.js';
import type { DatabaseSchema, TableRef } from '../../schema/model.js';
import { quoteIdent, quoteTable } from '../../schema/sql-identifiers.js';
import type { DatabaseAdapter } from '../adapter.js';
import { wholeLines } from '../copy-text.js';
import { describeUrl } from '../describe-url.js';
import { redactDatabaseError } from '../redact.js';
import { sessionSettingsSql } from '../session.js';
import { introspectPostgres } from './postgres-introspect.js';
import { dropUserObjects, listUserRelations } from './postgres-target.js';

export async function openPostgres(url: URL): Promise<DatabaseAdapter> {
  const displayName = describeUrl(url.toString());
  const client = new pg.Client({ connectionString: url.toString(), application_name: 'leakproof' });
  // A dropped connection emits 'error' on the client; without a listener Node would crash the process.
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query(sessionSettingsSql);
  } catch (error) {
    await client.end().catch(() => {});
    const reason = redactDatabaseError(error, `Connecting to ${displayName}`);
    throw new LeakproofError('LP_CONNECTION', reason.message, reason.details);
  }
  return new PostgresAdapter(client, displayName);
}

class PostgresAdapter implements DatabaseAdapter {
  readonly engine = 'postgres' as const;

  constructor(
    private readonly client: pg.Client,
    readonly displayName: string,
  ) {}

  async query<T extends object>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    try {
      return (await this.client.query<T & pg.QueryResultRow>(sql, params as unknown[])).rows;
    } catch (error) {
      throw redactDatabaseError(error, `A query on ${this.displayName}`);
    }
  }

  async exec(sql: string): Promise<void> {
    await this.query(sql);
  }

  async begin(mode: 'snapshot' | 'write'): Promise<void> {
    await this.exec(
      mode === 'snapshot'
        ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'
        : 'BEGIN ISOLATION LEVEL READ COMMITTED',
    );
  }

  async commit(): Promise<void> {
    await this.exec('COMMIT');
  }

  async rollback(): Promise<void> {
    await this.exec('ROLLBACK');
  }

  async identity(): Promise<string> {
    // What any role may read: the server's start time (to the microsecond), its port and the
    // database's oid. data_directory and system_identifier would be better but need privileges.
    const [row] = await this.query<{ id: string }>(
      `SELECT concat_ws('/', 'postgres', pg_postmaster_start_time()::text, current_setting('port'),
                        (SELECT oid::text FROM pg_database WHERE datname = current_database())) AS id`,
    );
    return row?.id ?? '';
  }

  introspect(): Promise<DatabaseSchema> {
    return introspectPostgres(this);
  }

  listUserRelations(): Promise<string[]> {
    return listUserRelations(this);
  }

  dropUserObjects(): Promise<void> {
    return dropUserObjects(this);
  }

  readRows(table: TableRef, columns: readonly string[], signal?: AbortSignal): AsyncIterable<Buffer> {
    const select = `SELECT ${columns.map(quoteIdent).join(', ')} FROM ${quoteTable(table)}`;
    return this.readQuery(select, `Reading ${table.schema}.${table.name}`, signal);
  }

  async *readQuery(select: string, what: string, signal?: AbortSignal): AsyncIterable<Buffer> {
    const stream = this.client.query(copyTo(`COPY (${select}) TO STDOUT`));
    const abort = () => stream.destroy(new Error('aborted'));
    signal?.addEventListener('abort', abort, { once: true });
    try {
      yield* wholeLines(stream);
    } catch (error) {
      throw redactDatabaseError(error, what);
    } finally {
      signal?.removeEventListener('abort', abort);
      stream.destroy();
    }
  }

  async writeRows(table: TableRef, columns: readonly string[], chunks: AsyncIterable<Buffer>): Promise<void> {
    const sql = `COPY ${quoteTable(table)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN`;
    try {
      await pipeline(Readable.from(chunks, { objectMode: false }), this.client.query(copyFrom(sql)));
    } catch (error) {
      throw redactDatabaseError(error, `Writing ${table.schema}.${table.name}`);
    }
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => {});
  }
}
