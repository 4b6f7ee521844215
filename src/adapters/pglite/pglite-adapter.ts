/**
 * PGlite: PostgreSQL compiled to WebAssembly, in-process, stored in a directory. The catalog is
 * PostgreSQL's, so introspection is shared with the `postgres` adapter; only the driver differs.
 *
 * PGlite has no COPY streams: rows are read through a cursor in batches and written with
 * `COPY … FROM '/dev/blob'` one batch at a time, so memory stays bounded by the batch size.
 */
import { mkdir, realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { LeakproofError } from '../../errors.js';
import type { TableRef } from '../../schema/model.js';
import type { DatabaseAdapter } from '../adapter.js';
import { encodeRow } from '../copy-text.js';
import { lockPath, unlockPath } from '../file-lock.js';
import { quoteIdent, quoteTable } from '../postgres/postgres-identifiers.js';
import { PostgresSqlAdapter } from '../postgres/postgres-sql-adapter.js';
import { redactDatabaseError } from '../redact.js';
import { sessionSettingsSql } from '../session.js';

const FETCH_ROWS = 2000;
/** Bytes of COPY text gathered before one `COPY FROM '/dev/blob'`. */
const WRITE_BATCH_BYTES = 4 * 1024 * 1024;

/** `role` only words errors: a read or write that fails says which side it was on. */
export async function openPglite(directory: string, role?: 'source' | 'target'): Promise<DatabaseAdapter> {
  const path = resolve(directory);
  let db: PGlite;
  let real: string;
  try {
    await mkdir(path, { recursive: true });
    // PGlite's file system cannot follow a symbolic link (it fails with ErrnoError 44), so it opens
    // the directory a link points to; that real path is also what makes two URLs one database.
    real = await realpath(path);
  } catch (error) {
    throw new LeakproofError(
      'LP_CONNECTION',
      `Opening the PGlite database in ${path} failed: ${describeOpenError(error)}`,
    );
  }
  try {
    await lockPath(real, {
      withinProcess: 'shared',
      busy: (pid, file) =>
        new LeakproofError(
          'LP_CONNECTION',
          `The PGlite database in ${real} is open in another process (${pid}); PGlite allows one ` +
            `process per directory. Run again when that one has finished (its lock is ${file}).`,
        ),
      raced: () =>
        new LeakproofError(
          'LP_CONNECTION',
          `The PGlite database in ${real} was just opened by another process; run again when it has finished.`,
        ),
    });
  } catch (error) {
    if (error instanceof LeakproofError) throw error;
    throw new LeakproofError(
      'LP_CONNECTION',
      `Locking the PGlite database in ${path} for this process failed: ${describeOpenError(error)}`,
    );
  }
  try {
    db = await PGlite.create(real);
    await db.exec(sessionSettingsSql);
  } catch (error) {
    await unlockPath(real);
    throw new LeakproofError(
      'LP_CONNECTION',
      `Opening the PGlite database in ${path} failed: ${describeOpenError(error)}`,
    );
  }
  return new PgliteAdapter(db, path, real, role);
}

/** Emscripten's file system throws ErrnoError objects that are not Errors: name and number, then. */
function describeOpenError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'errno' in error) {
    const { name, errno } = error as { name?: unknown; errno?: unknown };
    return `${typeof name === 'string' ? name : 'file system error'} ${String(errno)}`;
  }
  return String(error);
}

const identity = (value: string) => value;

class PgliteAdapter extends PostgresSqlAdapter implements DatabaseAdapter {
  readonly engine = 'pglite' as const;
  readonly displayName: string;

  constructor(
    private readonly db: PGlite,
    path: string,
    /** The directory with symbolic links resolved. */
    private readonly realPath: string,
    role?: 'source' | 'target',
  ) {
    super();
    this.displayName = `pglite:${path}`;
    this.#where = role === undefined ? this.displayName : `the ${role} ${this.displayName}`;
  }

  /** The database as errors name it: `the target pglite:/tmp/copy`. */
  readonly #where: string;

  async query<T extends object>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    try {
      return (await this.db.query<T>(sql, params as unknown[])).rows;
    } catch (error) {
      throw redactDatabaseError(error, `A query on ${this.#where}`);
    }
  }

  async exec(sql: string): Promise<void> {
    try {
      await this.db.exec(sql);
    } catch (error) {
      throw redactDatabaseError(error, `A statement on ${this.#where}`);
    }
  }

  async begin(mode: 'snapshot' | 'write'): Promise<void> {
    await this.exec(mode === 'snapshot' ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
  }

  async commit(): Promise<void> {
    await this.exec('COMMIT');
  }

  async rollback(): Promise<void> {
    await this.exec('ROLLBACK');
  }

  /**
   * Nothing more to lock: the directory has been this process's since it was opened (see
   * file-lock.ts; a second process is unsafe from the moment it opens the directory, so a lock
   * taken only now would come too late), and PGlite has one session.
   */
  async lockForCopy(): Promise<void> {}

  /** The directory with symbolic links resolved: `./db`, `/abs/db/` and a link to it are one database. */
  async identity(): Promise<string> {
    return `pglite/${this.realPath}`;
  }

  async *readQuery(select: string, doing: string, signal?: AbortSignal): AsyncIterable<Buffer> {
    try {
      // Ask for every result type's raw text form, exactly what COPY TO would print.
      const described = await this.db.describeQuery(select);
      const parsers = Object.fromEntries(described.resultFields.map((f) => [f.dataTypeID, identity]));
      await this.db.exec(`DECLARE leakproof_read NO SCROLL CURSOR FOR ${select}`);
      try {
        for (;;) {
          signal?.throwIfAborted();
          const batch = await this.db.query<(string | null)[]>(
            `FETCH ${FETCH_ROWS} FROM leakproof_read`,
            [],
            {
              rowMode: 'array',
              parsers,
            },
          );
          if (batch.rows.length === 0) break;
          yield Buffer.from(`${batch.rows.map(encodeRow).join('\n')}\n`, 'utf8');
        }
      } finally {
        await this.db.exec('CLOSE leakproof_read').catch(() => {});
      }
    } catch (error) {
      throw redactDatabaseError(error, `${doing} (${this.#where})`);
    }
  }

  async writeRows(table: TableRef, columns: readonly string[], chunks: AsyncIterable<Buffer>): Promise<void> {
    const sql = `COPY ${quoteTable(table)} (${columns.map(quoteIdent).join(', ')}) FROM '/dev/blob'`;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      const blob = new Blob(pending);
      pending = [];
      pendingBytes = 0;
      await this.db.query(sql, [], { blob });
    };
    try {
      for await (const chunk of chunks) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= WRITE_BATCH_BYTES) await flush();
      }
      await flush();
    } catch (error) {
      throw redactDatabaseError(error, `Writing ${table.schema}.${table.name} (${this.#where})`);
    }
  }

  async close(): Promise<void> {
    await this.db.close().catch(() => {});
    await unlockPath(this.realPath);
  }
}
