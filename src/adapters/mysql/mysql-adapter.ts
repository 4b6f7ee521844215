/**
 * MySQL and MariaDB through mysql2. One connection per adapter. MySQL commits DDL implicitly, so one
 * transaction cannot hold a copy: `begin('write')` makes a staging database beside the target, every
 * write, DDL statement and check read goes there, and `commit()` moves its tables into the target in
 * one RENAME TABLE (atomic: readers see the old tables or the new ones, never a mix). A rollback, an
 * error or a killed process leaves the target untouched; the next copy onto it drops what a killed
 * run left, once it holds the target's lock.
 */
import { createHash, randomBytes } from 'node:crypto';
import type mysql from 'mysql2';
import { LeakproofError } from '../../errors.js';
import type { DatabaseSchema, TableModel, TableRef } from '../../schema/model.js';
import type { DatabaseAdapter, LinkedRead, SchemaDdl } from '../adapter.js';
import { describeUrl } from '../describe-url.js';
import { countRowsSql, linkedSelect, quoteIdent, schemaDdl } from './mysql-dialect.js';
import {
  type Connection,
  connect,
  converterFor,
  insertRows,
  loadData,
  redactMysqlError,
  run,
  streamSelect,
  writeKindOf,
} from './mysql-driver.js';
import { introspectMysql } from './mysql-introspector.js';

/** `mysql://user:pass@host:port/db` or `mariadb://…`; `role` only words errors. */
export async function openMysql(url: URL, role?: 'source' | 'target'): Promise<DatabaseAdapter> {
  const displayName = describeUrl(url.toString());
  let conn: Connection | undefined;
  try {
    conn = await connect(url);
    const [row] = await run<{ v: string; l: string | number }[]>(
      conn,
      'SELECT VERSION() AS v, @@lower_case_table_names AS l',
    );
    return new MysqlAdapter(conn, displayName, decodeURIComponent(url.pathname.slice(1)), {
      mariadb: String(row?.v).includes('MariaDB'),
      foldsCase: Number(row?.l) !== 0,
      role,
    });
  } catch (error) {
    conn?.destroy();
    const reason = redactMysqlError(error, `Connecting to ${displayName}`);
    throw new LeakproofError('LP_CONNECTION', reason.message, reason.details);
  }
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
/** LIKE pattern for a literal text. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

class MysqlAdapter implements DatabaseAdapter {
  readonly engine = 'mysql' as const;
  readonly #where: string;
  readonly #mariadb: boolean;
  readonly #foldsCase: boolean;
  /** Staging and trash databases start with this: the target's name, shortened so names fit in 64. */
  readonly #prefix: string;
  #mode: 'none' | 'snapshot' | 'write' = 'none';
  #stage: string | null = null;
  #locked = false;
  #replace = false;
  #views: string[] = [];
  #localInfile: boolean | undefined;
  /** The schema of the model the last DDL was made from. */
  #modelSchema: string | null = null;

  constructor(
    private readonly conn: Connection,
    readonly displayName: string,
    private readonly database: string,
    options: { mariadb: boolean; foldsCase: boolean; role: 'source' | 'target' | undefined },
  ) {
    this.#where = options.role === undefined ? displayName : `the ${options.role} ${displayName}`;
    this.#mariadb = options.mariadb;
    this.#foldsCase = options.foldsCase;
    this.#prefix = database.length <= 40 ? database : `${database.slice(0, 31)}_${sha(database).slice(0, 8)}`;
  }

  /** The database reads and writes go to: the staging database during a write, else the URL's. */
  get #namespace(): string {
    return this.#stage ?? this.database;
  }

  async query<T extends object>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    try {
      const rows = await run<unknown>(this.conn, sql, params.length > 0 ? params : undefined);
      return (Array.isArray(rows) ? rows : []) as T[];
    } catch (error) {
      throw redactMysqlError(error, `A query on ${this.#where}`);
    }
  }

  async exec(sql: string): Promise<void> {
    await this.query(sql);
  }

  async begin(mode: 'snapshot' | 'write'): Promise<void> {
    if (mode === 'snapshot') {
      await this.exec(
        'SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ; START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY',
      );
      this.#mode = 'snapshot';
      return;
    }
    await this.#takeLock();
    // Only the lock's holder may clear what killed runs left: without it, they may be a live copy's.
    if (this.#locked)
      for (const stale of await this.#leftovers())
        await this.exec(`DROP DATABASE IF EXISTS ${quoteIdent(stale)}`);
    const stage = `${this.#prefix}__lp_stage_${randomBytes(4).toString('hex')}`;
    const [charset] = await this.query<{ c: string; k: string }>(
      'SELECT DEFAULT_CHARACTER_SET_NAME AS c, DEFAULT_COLLATION_NAME AS k FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
      [this.database],
    );
    await this.exec(
      `CREATE DATABASE ${quoteIdent(stage)}${charset ? ` CHARACTER SET ${quoteIdent(charset.c)} COLLATE ${quoteIdent(charset.k)}` : ''}`,
    );
    this.#stage = stage;
    this.#mode = 'write';
    this.#replace = false;
    this.#views = [];
    this.#modelSchema = null;
    // Like mysqldump's output: keys are added after the load without checking every row again.
    await this.exec(`USE ${quoteIdent(stage)}; SET SESSION foreign_key_checks = 0`);
  }

  async #leftovers(): Promise<string[]> {
    const rows = await this.query<{ name: string }>(
      `SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ? OR SCHEMA_NAME LIKE ?`,
      [
        `${likeLiteral(this.#prefix)}\\_\\_lp\\_stage\\_%`,
        `${likeLiteral(this.#prefix)}\\_\\_lp\\_trash\\_%`,
      ],
    );
    return rows.map((r) => r.name);
  }

  /** GET_LOCK is server-wide, so the name is the target database's (hashed: names are ≤ 64 chars). */
  get #lockName(): string {
    return `leakproof:${sha(this.#foldsCase ? this.database.toLowerCase() : this.database).slice(0, 40)}`;
  }

  async #takeLock(): Promise<void> {
    if (this.#locked) return;
    const [row] = await this.query<{ got: number | string | null }>('SELECT GET_LOCK(?, 0) AS got', [
      this.#lockName,
    ]);
    this.#locked = Number(row?.got) === 1;
  }

  /**
   * The lock is taken by `begin('write')` (it must come before clearing a killed run's leftovers)
   * and lives with the connection: a killed run frees it. Here a second copy learns it lost.
   */
  async lockForCopy(): Promise<void> {
    await this.#takeLock();
    if (this.#locked) return;
    const [row] = await this.query<{ holder: string | number | null }>('SELECT IS_USED_LOCK(?) AS holder', [
      this.#lockName,
    ]);
    throw new LeakproofError(
      'LP_TARGET_BUSY',
      `Another Leakproof copy is writing to the target ${this.displayName} right now; nothing was written. ` +
        'Run again when it has finished, or use another target.',
      row?.holder === null || row?.holder === undefined ? [] : [`held by connection ${row.holder}`],
    );
  }

  async commit(): Promise<void> {
    if (this.#mode !== 'write' || this.#stage === null) {
      await this.exec('COMMIT');
      this.#mode = 'none';
      return;
    }
    const stage = this.#stage;
    const target = quoteIdent(this.database);
    const tables = await this.#relations(stage, 'BASE TABLE');
    const renames: string[] = [];
    let trash: string | null = null;
    if (this.#replace) {
      // Views cannot move between databases; the old ones go first, the new ones come after.
      for (const view of await this.#relations(this.database, 'VIEW'))
        await this.exec(`DROP VIEW IF EXISTS ${target}.${quoteIdent(view)}`);
      const old = await this.#relations(this.database, 'BASE TABLE');
      if (old.length > 0) {
        trash = `${this.#prefix}__lp_trash_${randomBytes(4).toString('hex')}`;
        await this.exec(`CREATE DATABASE ${quoteIdent(trash)}`);
        for (const t of old)
          renames.push(`${target}.${quoteIdent(t)} TO ${quoteIdent(trash)}.${quoteIdent(t)}`);
      }
    }
    for (const t of tables)
      renames.push(`${quoteIdent(stage)}.${quoteIdent(t)} TO ${target}.${quoteIdent(t)}`);
    // The release: one statement, so the old tables and the new ones swap at once.
    if (renames.length > 0) await this.exec(`RENAME TABLE ${renames.join(', ')}`);
    await this.exec(`USE ${target}`);
    this.#stage = null;
    for (const sql of this.#views) await this.exec(sql);
    await this.exec(`DROP DATABASE IF EXISTS ${quoteIdent(stage)}`);
    if (trash !== null) await this.exec(`DROP DATABASE IF EXISTS ${quoteIdent(trash)}`);
    await this.#endWrite();
  }

  async rollback(): Promise<void> {
    if (this.#mode !== 'write' || this.#stage === null) {
      await this.exec('ROLLBACK');
      this.#mode = 'none';
      return;
    }
    const stage = this.#stage;
    this.#stage = null;
    await this.exec(`USE ${quoteIdent(this.database)}; DROP DATABASE IF EXISTS ${quoteIdent(stage)}`);
    await this.#endWrite();
  }

  async #endWrite(): Promise<void> {
    this.#mode = 'none';
    this.#views = [];
    this.#replace = false;
    await this.exec('SET SESSION foreign_key_checks = 1');
    if (this.#locked) await this.query('SELECT RELEASE_LOCK(?)', [this.#lockName]);
    this.#locked = false;
  }

  async #relations(database: string, type: 'BASE TABLE' | 'VIEW'): Promise<string[]> {
    const rows = await this.query<{ name: string }>(
      'SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = ? ORDER BY TABLE_NAME',
      [database, type],
    );
    return rows.map((r) => r.name);
  }

  /**
   * The server and the database in it, from what the server says: 127.0.0.1 and localhost, a
   * socket, another user all reach one database. MySQL has a server UUID; MariaDB does not, so its
   * host name, port, data directory and server id stand for the server.
   */
  async identity(): Promise<string> {
    const [row] = await this.query<Record<string, string | number>>(
      'SELECT @@hostname AS h, @@port AS p, @@datadir AS d, @@server_id AS s',
    );
    const uuid = await this.query<{ u: string }>('SELECT @@server_uuid AS u').then(
      (r) => r[0]?.u ?? '',
      () => '',
    );
    const database = this.#foldsCase ? this.database.toLowerCase() : this.database;
    return ['mysql', uuid, row?.h, row?.p, row?.d, row?.s, database].join('/');
  }

  /**
   * During a write, the staging tables carry the schema name of the model they were made from
   * (`public` for a PostgreSQL source, the source's database for a MySQL one): the check inside the
   * write matches what it reads to the copy's plan by `schema.table`. Otherwise the URL's database.
   */
  introspect(): Promise<DatabaseSchema> {
    const named = this.#mode === 'write' ? (this.#modelSchema ?? this.database) : this.database;
    return introspectMysql(this, this.#namespace, named, this.#mariadb);
  }

  async listUserRelations(): Promise<string[]> {
    const rows = await this.query<{ name: string }>(
      'SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME',
      [this.database],
    );
    return rows.map((r) => `${this.database}.${r.name}`);
  }

  /** In a write: the target's tables leave in the commit's RENAME. Outside one: dropped now. */
  async dropUserObjects(): Promise<void> {
    if (this.#mode === 'write') {
      this.#replace = true;
      return;
    }
    const db = quoteIdent(this.database);
    for (const v of await this.#relations(this.database, 'VIEW'))
      await this.exec(`DROP VIEW IF EXISTS ${db}.${quoteIdent(v)}`);
    const tables = await this.#relations(this.database, 'BASE TABLE');
    if (tables.length > 0)
      await this.exec(
        `SET SESSION foreign_key_checks = 0; DROP TABLE IF EXISTS ${tables.map((t) => `${db}.${quoteIdent(t)}`).join(', ')}; SET SESSION foreign_key_checks = 1`,
      );
  }

  async *#read(sql: string, what: string, signal?: AbortSignal): AsyncIterable<Buffer> {
    try {
      yield* streamSelect(this.conn, sql, signal);
    } catch (error) {
      throw redactMysqlError(error, `${what} (${this.#where})`);
    }
  }

  readLinked(read: LinkedRead, what: string, signal?: AbortSignal): AsyncIterable<Buffer> {
    return this.#read(linkedSelect(read), what, signal);
  }

  readRows(table: TableRef, columns: readonly string[], signal?: AbortSignal): AsyncIterable<Buffer> {
    return this.#read(linkedSelect({ table, columns }), `Reading ${table.schema}.${table.name}`, signal);
  }

  /**
   * The tables' UPDATE_TIME (and CREATE_TIME, which a rebuild changes). MySQL 8 caches these for a
   * day unless told not to; MariaDB has no such cache (nor the variable). InnoDB forgets
   * UPDATE_TIME on a restart: such a table has no stamp and is read again.
   */
  async changeStamps(): Promise<ReadonlyMap<string, string>> {
    await this.query('SET SESSION information_schema_stats_expiry = 0').catch(() => {});
    const rows = await this.query<{ name: string; stamp: string }>(
      `SELECT TABLE_NAME AS name, CONCAT_WS('/', CREATE_TIME, UPDATE_TIME) AS stamp
       FROM information_schema.TABLES
       WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' AND UPDATE_TIME IS NOT NULL`,
      [this.database],
    );
    return new Map(rows.map((r) => [`${this.database}.${r.name}`, String(r.stamp)]));
  }

  async countRows(table: TableRef): Promise<number> {
    const [row] = await this.query<{ n: string | number }>(countRowsSql(table));
    return Number(row?.n ?? 0);
  }

  /** The first rows in PostgreSQL's text forms (as the copy reads them), each value cut to `chars`. */
  async sampleRows(table: TableRef, columns: readonly string[], rows: number, chars: number) {
    if (columns.length === 0) return [];
    const sql = `${linkedSelect({ table, columns })} LIMIT ${Math.max(0, Math.floor(rows))}`;
    try {
      const [found, fields] = await new Promise<[(Buffer | null)[][], mysql.FieldPacket[]]>(
        (resolve, reject) =>
          this.conn.query({ sql, typeCast: false, rowsAsArray: true }, (e, r, f) =>
            e ? reject(e) : resolve([r as (Buffer | null)[][], f as mysql.FieldPacket[]]),
          ),
      );
      const convert = fields.map(converterFor);
      return found.map((r) =>
        r
          .map((v, i) => [...(convert[i]!(v) ?? '\0')].slice(0, chars).join(''))
          .map((v) => (v === '\0' ? null : v)),
      );
    } catch (error) {
      throw redactMysqlError(error, `Sampling ${table.schema}.${table.name} (${this.#where})`);
    }
  }

  schemaDdl(schema: DatabaseSchema): SchemaDdl {
    const ddl = schemaDdl(schema);
    this.#modelSchema = schema.tables[0]?.schema ?? null;
    return ddl;
  }

  /** Made in the staging database now (so a view that cannot be made says so), and again in the target at commit. */
  async createView(sql: string): Promise<string | null> {
    try {
      await this.exec(sql);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
    if (this.#mode === 'write') this.#views.push(sql);
    return null;
  }

  async writeRows(
    table: TableModel,
    columns: readonly string[],
    chunks: AsyncIterable<Buffer>,
  ): Promise<void> {
    const what = `Writing ${table.schema}.${table.name} (${this.#where})`;
    try {
      // The target table's own types decide the conversions (a model of another engine says little).
      const types = await this.query<{ name: string; dataType: string; columnType: string }>(
        `SELECT COLUMN_NAME AS name, DATA_TYPE AS dataType, COLUMN_TYPE AS columnType FROM information_schema.COLUMNS
          WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?`,
        [this.#namespace, table.name],
      );
      const kinds = columns.map((name) => {
        const t = types.find((x) => x.name === name);
        return {
          name,
          kind: t ? writeKindOf(t.dataType.toLowerCase(), t.columnType.toLowerCase()) : ('plain' as const),
        };
      });
      if (this.#localInfile === undefined) {
        const [row] = await this.query<{ on: number | string }>('SELECT @@local_infile AS `on`');
        this.#localInfile = Number(row?.on) === 1;
      }
      const restoreForeignKeys = this.#mode !== 'write';
      await this.exec(`SET SESSION unique_checks = 0${restoreForeignKeys ? ', foreign_key_checks = 0' : ''}`);
      try {
        if (this.#localInfile) await loadData(this.conn, table.name, kinds, chunks);
        else await insertRows(this.conn, table.name, kinds, chunks);
      } finally {
        await this.exec(
          `SET SESSION unique_checks = 1${restoreForeignKeys ? ', foreign_key_checks = 1' : ''}`,
        ).catch(() => {});
      }
    } catch (error) {
      throw redactMysqlError(error, what);
    }
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.conn.end(() => resolve()));
    this.conn.destroy();
  }
}
