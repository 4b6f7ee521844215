/**
 * SQLite through better-sqlite3: `sqlite:path/to/file.db` (relative to the working directory) or
 * `sqlite:///absolute/path.db`.
 *
 * A source is opened read-only and read in one read transaction, so every read sees one snapshot.
 * A target is never written in place: `begin('write')` starts a new file beside it, every statement
 * of the write (DDL, rows, the check's reads, introspect) goes there, and `commit()` renames it over
 * the target. A rollback, an error or a kill leaves the target as it was. The write file starts as
 * a copy of the target (made on first use, so a `--replace` copy, which drops everything first,
 * never copies it), so a write transaction sees what the target held, as in any database.
 * Outside a write, statements on a target go to its file itself (tests plant fixtures that way).
 */
import { existsSync } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import type Database from 'better-sqlite3';
import { LeakproofError } from '../../errors.js';
import type { DatabaseSchema, TableModel, TableRef } from '../../schema/model.js';
import type { DatabaseAdapter, LinkedRead, SchemaDdl } from '../adapter.js';
import { lockPath, unlockPath } from '../file-lock.js';
import { countSql, linkedSelect, sampleSql, schemaDdl, selectSql } from './sqlite-dialect.js';
import {
  insertRows,
  openReadOnly,
  openReadWrite,
  openWriteFile,
  realPathOf,
  redactSqliteError,
  releaseWriteFile,
  removeStaleWriteFiles,
  streamSelect,
  writeFileName,
} from './sqlite-driver.js';
import { createTableText, introspectSqlite, SCHEMA, userRelations } from './sqlite-introspector.js';

export async function openSqlite(path: string, role?: 'source' | 'target'): Promise<DatabaseAdapter> {
  const adapter = new SqliteAdapter(path, role ?? 'target', await realPathOf(path));
  // A source must exist and open now; a target may not exist yet.
  if (adapter.role === 'source') adapter.openDirect(false);
  return adapter;
}

interface WriteState {
  /** The target's real path, renamed over on commit, and the write file beside it. */
  readonly target: string;
  readonly file: string;
  db: Database.Database | null;
  /** dropUserObjects was called: the write file starts empty, whatever the target holds. */
  dropped: boolean;
  locked: boolean;
}

class SqliteAdapter implements DatabaseAdapter {
  readonly engine = 'sqlite' as const;
  readonly displayName: string;
  readonly #where: string;
  #direct: Database.Database | null = null;
  #write: WriteState | null = null;

  constructor(
    private readonly path: string,
    readonly role: 'source' | 'target',
    private realPath: string,
  ) {
    this.displayName = `sqlite:${path}`;
    this.#where = `the ${role} ${this.displayName}`;
  }

  /** The connection to the file itself; null for a target file that does not exist (unless `create`). */
  openDirect(create: boolean): Database.Database | null {
    if (this.#direct !== null) return this.#direct;
    if (this.role === 'source') this.#direct = openReadOnly(this.path, this.#where);
    else if (create || existsSync(this.path)) this.#direct = openReadWrite(this.path, this.#where);
    return this.#direct;
  }

  /** Where the current statement goes: the write file during a write, else the file itself. */
  async #db(create: boolean): Promise<Database.Database | null> {
    const w = this.#write;
    if (w === null) return this.openDirect(create);
    if (w.db !== null) return w.db;
    try {
      if (!w.dropped && existsSync(w.target)) {
        const current = this.openDirect(false);
        if (current !== null) await current.backup(w.file);
      }
      w.db = openWriteFile(w.file);
    } catch (error) {
      throw redactSqliteError(error, `Starting the write file of ${this.#where}`);
    }
    return w.db;
  }

  async #required(): Promise<Database.Database> {
    const db = await this.#db(false);
    if (db === null)
      throw new LeakproofError(
        'LP_CONNECTION',
        `The SQLite database file ${this.path} (${this.#where}) does not exist.`,
      );
    return db;
  }

  async #run<T>(doing: string, create: boolean, work: (db: Database.Database) => T): Promise<T> {
    const db = create ? await this.#db(true) : await this.#required();
    try {
      return work(db as Database.Database);
    } catch (error) {
      throw redactSqliteError(error, `${doing} on ${this.#where}`);
    }
  }

  query<T extends object>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.#run('A query', true, (db) => {
      const statement = db.prepare(sql);
      if (statement.reader) return statement.all(...params) as T[];
      statement.run(...params);
      return [];
    });
  }

  exec(sql: string): Promise<void> {
    return this.#run('A statement', true, (db) => {
      db.exec(sql);
    });
  }

  async begin(mode: 'snapshot' | 'write'): Promise<void> {
    if (mode === 'snapshot') {
      // BEGIN is deferred: the read after it takes the shared lock (or WAL snapshot) the
      // transaction then holds, so every later read sees the same database.
      await this.#run('Starting a read transaction', false, (db) => {
        db.exec('BEGIN');
        db.prepare('SELECT count(*) FROM sqlite_schema').get();
      });
      return;
    }
    if (this.role === 'source')
      throw new LeakproofError('LP_INTERNAL', `${this.#where} is opened read-only; it cannot be written.`);
    if (this.#write !== null)
      throw new LeakproofError('LP_INTERNAL', `${this.#where} is already in a write.`);
    this.realPath = await realPathOf(this.path);
    this.#write = {
      target: this.realPath,
      file: writeFileName(this.realPath),
      db: null,
      dropped: false,
      locked: false,
    };
  }

  async commit(): Promise<void> {
    const w = this.#write;
    if (w === null) {
      if (this.#direct?.inTransaction) this.#direct.exec('COMMIT');
      return;
    }
    try {
      // Nothing written and nothing dropped: the target stays as it is.
      if (w.db === null && !w.dropped) return;
      const db = (await this.#db(false)) as Database.Database;
      // The old file's connection would go on reading the old file after the rename.
      this.#direct?.close();
      this.#direct = null;
      await releaseWriteFile(db, w.file, w.target);
      w.db = null;
    } catch (error) {
      throw redactSqliteError(error, `Committing ${this.#where}`);
    } finally {
      await this.#endWrite();
    }
  }

  async rollback(): Promise<void> {
    if (this.#write === null) {
      if (this.#direct?.inTransaction) this.#direct.exec('ROLLBACK');
      return;
    }
    await this.#endWrite();
  }

  /** Throws away the write file (if not released) and gives the lock back. */
  async #endWrite(): Promise<void> {
    const w = this.#write;
    if (w === null) return;
    this.#write = null;
    if (w.db !== null) {
      try {
        w.db.close();
      } catch {}
      await unlink(w.file).catch(() => {});
    }
    if (w.locked) await unlockPath(w.target);
  }

  /**
   * A lock file beside the target (`<target>.leakproof-lock`) for the write's duration; a second
   * copy onto the same file, in this process or another, stops with LP_TARGET_BUSY. Once it is
   * held, write files left by killed copies are removed.
   */
  async lockForCopy(): Promise<void> {
    const w = this.#write;
    if (w === null) throw new LeakproofError('LP_INTERNAL', `lockForCopy on ${this.#where} outside a write.`);
    if (w.locked) return;
    await lockPath(w.target, {
      withinProcess: 'exclusive',
      busy: (pid) =>
        new LeakproofError(
          'LP_TARGET_BUSY',
          `Another Leakproof copy is writing to the target ${this.displayName} right now; nothing was written. ` +
            'Run again when it has finished, or use another target.',
          [`held by process ${pid}`],
        ),
      raced: () =>
        new LeakproofError(
          'LP_TARGET_BUSY',
          `Another Leakproof copy just started writing to the target ${this.displayName}; nothing was written.`,
        ),
    });
    w.locked = true;
    await removeStaleWriteFiles(w.target);
  }

  /** The real path: `./a.db`, an absolute path and a path through a symbolic link are one database. */
  async identity(): Promise<string> {
    return `sqlite:${await realPathOf(this.path)}`;
  }

  async introspect(): Promise<DatabaseSchema> {
    const db = await this.#db(false);
    if (db === null) return introspectSqlite(emptyDatabase());
    try {
      return introspectSqlite(db);
    } catch (error) {
      throw redactSqliteError(error, `Reading the schema of ${this.#where}`);
    }
  }

  /** What the target holds: during a write that has not begun its file, what the target file holds. */
  /**
   * SQLite keeps no statistics of changes: every table gets the file's own stamp (and its WAL's),
   * so an unchanged file is unchanged in every table and any write changes them all.
   */
  async changeStamps(): Promise<ReadonlyMap<string, string>> {
    const stampOf = async (file: string) => {
      const s = await stat(file).catch(() => null);
      return s === null ? '-' : `${s.size}@${s.mtimeMs}`;
    };
    const stamp = `${await stampOf(this.path)}/${await stampOf(`${this.path}-wal`)}`;
    const names = (await this.listUserRelations()).filter((name) => name.startsWith(`${SCHEMA}.`));
    return new Map(names.map((name) => [name, stamp]));
  }

  async listUserRelations(): Promise<string[]> {
    if (this.#write?.dropped === true && this.#write.db === null) return [];
    const db = this.#write?.db ?? this.openDirect(false);
    if (db === null) return [];
    return userRelations(db).map((r) => `${SCHEMA}.${r.name}`);
  }

  /** Replacing what is there: the write file starts (again) empty, and the commit replaces the file. */
  async dropUserObjects(): Promise<void> {
    const w = this.#write;
    if (w === null)
      throw new LeakproofError('LP_INTERNAL', `dropUserObjects on ${this.#where} outside a write.`);
    if (w.db !== null) {
      w.db.close();
      w.db = null;
      await unlink(w.file).catch(() => {});
    }
    w.dropped = true;
  }

  async *#stream(sql: string, doing: string, signal?: AbortSignal): AsyncIterable<Buffer> {
    const db = await this.#required();
    try {
      yield* streamSelect(db, sql, signal);
    } catch (error) {
      if (signal?.aborted && error === signal.reason) throw error;
      throw redactSqliteError(error, `${doing} (${this.#where})`);
    }
  }

  readLinked(read: LinkedRead, what: string, signal?: AbortSignal): AsyncIterable<Buffer> {
    return this.#stream(linkedSelect(read), what, signal);
  }

  readRows(table: TableRef, columns: readonly string[], signal?: AbortSignal): AsyncIterable<Buffer> {
    return this.#stream(selectSql(table, columns), `Reading ${table.schema}.${table.name}`, signal);
  }

  countRows(table: TableRef): Promise<number> {
    return this.#run(`Counting ${table.schema}.${table.name}`, false, (db) =>
      Number((db.prepare(countSql(table)).get() as { n: number }).n),
    );
  }

  sampleRows(table: TableRef, columns: readonly string[], rows: number, chars: number) {
    if (columns.length === 0) return Promise.resolve([]);
    return this.#run(`Sampling ${table.schema}.${table.name}`, false, (db) => {
      const found = db.prepare(sampleSql(table, columns)).raw(true).all({ rows, chars }) as unknown[][];
      return found.map((r) => r.map((v) => (v === null || v === undefined ? null : String(v))));
    });
  }

  schemaDdl(schema: DatabaseSchema): SchemaDdl {
    return schemaDdl(schema, createTableText);
  }

  /** A savepoint of its own, so a view that cannot be made (a missing function) leaves the write as it was. */
  createView(sql: string): Promise<string | null> {
    return this.#run('Creating a view', false, (db) => {
      db.exec('SAVEPOINT leakproof_view');
      try {
        db.exec(sql);
        db.exec('RELEASE SAVEPOINT leakproof_view');
        return null;
      } catch (error) {
        db.exec('ROLLBACK TO SAVEPOINT leakproof_view');
        db.exec('RELEASE SAVEPOINT leakproof_view');
        return redactSqliteError(error, 'Creating the view').message;
      }
    });
  }

  async writeRows(
    table: TableModel,
    columns: readonly string[],
    chunks: AsyncIterable<Buffer>,
  ): Promise<void> {
    const db = await this.#required();
    try {
      await insertRows(db, table, columns, chunks);
    } catch (error) {
      throw redactSqliteError(error, `Writing ${table.schema}.${table.name} (${this.#where})`);
    }
  }

  async close(): Promise<void> {
    await this.#endWrite().catch(() => {});
    try {
      if (this.#direct?.inTransaction) this.#direct.exec('ROLLBACK');
      this.#direct?.close();
    } catch {}
    this.#direct = null;
  }
}

let empty: Database.Database | null = null;
/** An empty in-memory database, to introspect a target file that does not exist yet. */
function emptyDatabase(): Database.Database {
  empty ??= openReadWrite(':memory:', 'an empty database');
  return empty;
}
