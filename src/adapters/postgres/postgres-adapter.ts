/**
 * PostgreSQL through `pg`, with COPY streams from `pg-copy-streams`. One connection per adapter:
 * a run's whole work on one database happens in one transaction on it.
 */

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { LeakproofError } from '../../errors.js';
import type { TableRef } from '../../schema/model.js';
import type { DatabaseAdapter } from '../adapter.js';
import { wholeLines } from '../copy-text.js';
import { describeUrl } from '../describe-url.js';
import { redactDatabaseError } from '../redact.js';
import { sessionSettingsSql } from '../session.js';
import { quoteIdent, quoteTable } from './postgres-identifiers.js';
import { PostgresSqlAdapter } from './postgres-sql-adapter.js';
import { lockForCopy } from './postgres-target.js';

/** `role` only words errors: a read or write that fails says which side it was on. */
export async function openPostgres(url: URL, role?: 'source' | 'target'): Promise<DatabaseAdapter> {
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
  return new PostgresAdapter(client, displayName, role);
}

class PostgresAdapter extends PostgresSqlAdapter implements DatabaseAdapter {
  readonly engine = 'postgres' as const;

  constructor(
    private readonly client: pg.Client,
    readonly displayName: string,
    role?: 'source' | 'target',
  ) {
    super();
    this.#where = role === undefined ? displayName : `the ${role} ${displayName}`;
  }

  /** The database as errors name it: `the source postgres://…/prod`. */
  readonly #where: string;

  async query<T extends object>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    try {
      return (await this.client.query<T & pg.QueryResultRow>(sql, params as unknown[])).rows;
    } catch (error) {
      throw redactDatabaseError(error, `A query on ${this.#where}`);
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

  lockForCopy(): Promise<void> {
    return lockForCopy(this, this.displayName);
  }

  /**
   * The running server and the database in it, from what the server says, never from the URL:
   * 127.0.0.1 and localhost, a socket, another user, a password or not, `%5F` for `_`, all reach
   * one database. The server is its start time to the microsecond (as an epoch number, so no
   * session setting can change how it prints) and its port (the server's setting, not the one the
   * client dialled through a proxy); the database is its oid. Every part must read the same for
   * every role and every route, because a part one connection cannot see would make one database
   * look like two, and a copy onto its own source is what this guards against. So no
   * inet_server_addr() (127.0.0.1, ::1 or NULL over a socket, for one server), no data_directory
   * (needs pg_read_all_settings), and no system_identifier: pg_control_system() is open to PUBLIC
   * by default, but hosted services revoke it, so a source role could read it where a target role
   * cannot.
   */
  async identity(): Promise<string> {
    const [row] = await this.query<{ id: string }>(
      `SELECT concat_ws('/', 'postgres',
                        (extract(epoch FROM pg_catalog.pg_postmaster_start_time()) * 1000000)::bigint::text,
                        pg_catalog.current_setting('port'),
                        (SELECT oid::text FROM pg_catalog.pg_database
                          WHERE datname = pg_catalog.current_database())) AS id`,
    );
    if (row?.id === undefined)
      throw new LeakproofError('LP_INTERNAL', `${this.displayName} has no identity.`);
    return row.id;
  }

  async *readQuery(select: string, what: string, signal?: AbortSignal): AsyncIterable<Buffer> {
    const stream = this.client.query(copyTo(`COPY (${select}) TO STDOUT`));
    const abort = () => stream.destroy(new Error('aborted'));
    signal?.addEventListener('abort', abort, { once: true });
    let readToEnd = false;
    try {
      yield* wholeLines(stream);
      readToEnd = true;
    } catch (error) {
      throw redactDatabaseError(error, `${what} (${this.#where})`);
    } finally {
      signal?.removeEventListener('abort', abort);
      stream.destroy();
      if (!readToEnd) this.#abandonConnection();
    }
  }

  /**
   * A COPY left half-read (the run failed while reading: the target broke, a transform threw)
   * keeps the connection in copy mode, and every later statement on it, the ROLLBACK too, would
   * wait for the rest of the rows forever. The run is failing anyway, so the socket is closed: the
   * server then ends the query and the read-only transaction, and later calls fail at once.
   */
  #abandonConnection(): void {
    const connection = (this.client as unknown as { connection?: { stream?: { destroy(): void } } })
      .connection;
    connection?.stream?.destroy();
  }

  async writeRows(table: TableRef, columns: readonly string[], chunks: AsyncIterable<Buffer>): Promise<void> {
    const sql = `COPY ${quoteTable(table)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN`;
    try {
      await pipeline(Readable.from(chunks, { objectMode: false }), this.client.query(copyFrom(sql)));
    } catch (error) {
      throw redactDatabaseError(error, `Writing ${table.schema}.${table.name} (${this.#where})`);
    }
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => {});
  }
}
