/**
 * better-sqlite3 underneath the SQLite adapter: opening files, the write file that replaces a
 * target, streaming rows out as COPY text and in through prepared multi-row INSERTs, and errors
 * without values.
 *
 * better-sqlite3 is synchronous: a read yields to the event loop between chunks, so a long table
 * never blocks the process (the leak check's worker, progress, an abort) for more than one chunk.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { open, readdir, realpath, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { LeakproofError } from '../../errors.js';
import type { ColumnModel, TableModel } from '../../schema/model.js';
import { decodeRows, encodeField } from '../copy-text.js';
import { isRunning } from '../file-lock.js';
import { redactDatabaseError } from '../redact.js';
import { insertSql } from './sqlite-dialect.js';

const CHUNK_CHARS = 64 * 1024;

/** SQLite's messages name tables, columns and constraints ("UNIQUE constraint failed: t.email"), not values; quoted parts are dropped anyway. */
export function redactSqliteError(error: unknown, doing: string): LeakproofError {
  if (error instanceof LeakproofError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    message?: unknown;
    code?: unknown;
  };
  const redacted = redactDatabaseError({ message: e.message }, doing);
  const code = typeof e.code === 'string' && /^SQLITE_[A-Z_]+$/.test(e.code) ? ` (${e.code})` : '';
  return new LeakproofError(redacted.code, `${redacted.message}${code}`, redacted.details);
}

/** The real path of a database file, or of its directory + its name when it does not exist yet. */
export async function realPathOf(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch {
    try {
      return join(await realpath(dirname(absolute)), basename(absolute));
    } catch {
      return absolute;
    }
  }
}

/** A source: read-only, and a missing file is an error, never a new empty database. */
export function openReadOnly(path: string, where: string): Database.Database {
  if (!existsSync(path))
    throw new LeakproofError('LP_CONNECTION', `The SQLite database file ${path} (${where}) does not exist.`);
  try {
    return new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    const reason = redactSqliteError(error, `Opening ${where}`);
    throw new LeakproofError('LP_CONNECTION', reason.message);
  }
}

export function openReadWrite(path: string, where: string): Database.Database {
  try {
    return new Database(path);
  } catch (error) {
    const reason = redactSqliteError(error, `Opening ${where}`);
    throw new LeakproofError('LP_CONNECTION', reason.message);
  }
}

const TEMP = /^(.*)\.leakproof-(\d+)-[0-9a-f]+\.tmp$/;

/** A new write file beside the target (same directory: the rename that releases it is atomic). */
export function writeFileName(target: string): string {
  return `${target}.leakproof-${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
}

/**
 * Opens a write file for one transaction: no journal on disk and no syncs, since the file is only
 * renamed into place after its commit and an fsync; foreign keys off, so tables load in any order.
 */
export function openWriteFile(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.exec('BEGIN');
  return db;
}

async function fsyncPath(path: string, flags: string): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Commits and closes a write file, then renames it over the target: fsync file, rename, fsync directory. */
export async function releaseWriteFile(db: Database.Database, file: string, target: string): Promise<void> {
  db.exec('COMMIT');
  db.close();
  await fsyncPath(file, 'r+');
  if (existsSync(target)) {
    // Opening and closing the old file lets SQLite roll back a hot journal or checkpoint a WAL it
    // left, so no leftover journal of the old database is ever applied to the new one.
    try {
      new Database(target, { fileMustExist: true }).close();
    } catch {}
  }
  await rename(file, target);
  await fsyncPath(dirname(target), 'r');
}

/** Write files of `target` left by processes that no longer run (a killed copy); call with the lock held. */
export async function removeStaleWriteFiles(target: string): Promise<void> {
  const dir = dirname(target);
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const m = TEMP.exec(name);
    if (m === null || m[1] !== basename(target) || isRunning(Number(m[2]))) continue;
    await unlink(join(dir, name)).catch(() => {});
  }
}

/** A float as PostgreSQL prints it with extra_float_digits 3: shortest round trip, exponent of two digits. */
export function floatText(value: number): string {
  if (Object.is(value, -0)) return '-0';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return String(value).replace(/e([+-])(\d)$/, 'e$10$2');
}

function fieldOf(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return encodeField(value);
  if (typeof value === 'number') return floatText(value);
  if (Buffer.isBuffer(value)) return `\\\\x${value.toString('hex')}`;
  return encodeField(String(value));
}

/**
 * Streams a SELECT as COPY text chunks of whole rows (~64 kB): integers as digits (safeIntegers:
 * no precision lost past 2^53), reals as round-trip text, blobs as `\x` hex.
 */
export async function* streamSelect(
  db: Database.Database,
  sql: string,
  signal: AbortSignal | undefined,
): AsyncGenerator<Buffer> {
  signal?.throwIfAborted();
  const rows = db.prepare(sql).raw(true).safeIntegers(true).iterate() as IterableIterator<unknown[]>;
  try {
    let text = '';
    for (const row of rows) {
      let line = '';
      for (let i = 0; i < row.length; i++) line += i === 0 ? fieldOf(row[i]) : `\t${fieldOf(row[i])}`;
      text += `${line}\n`;
      if (text.length >= CHUNK_CHARS) {
        const chunk = Buffer.from(text, 'utf8');
        text = '';
        yield chunk;
        // Let the event loop run (timers, an abort, the check's worker messages) between chunks.
        await new Promise<void>((done) => setImmediate(done));
        signal?.throwIfAborted();
      }
    }
    if (text.length > 0) yield Buffer.from(text, 'utf8');
  } finally {
    // Resets the statement, so the connection is free again even after a half-read stream.
    rows.return?.();
  }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const FLOAT = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$|^-?Infinity$/i;

/** How a column's COPY text value is bound: by the type the target table was made with. */
export function binderOf(column: ColumnModel | undefined): (text: string) => unknown {
  switch (column?.category) {
    case 'bytea':
      return (v) => (/^\\x([0-9a-fA-F]{2})*$/.test(v) ? Buffer.from(v.slice(2), 'hex') : v);
    case 'boolean':
      return (v) => {
        const b = v.toLowerCase();
        if (b === 't' || b === 'true' || b === '1') return 1;
        if (b === 'f' || b === 'false' || b === '0') return 0;
        return v;
      };
    case 'integer':
      return (v) => {
        if (!/^-?\d+$/.test(v)) return v;
        const n = BigInt(v);
        return n >= INT64_MIN && n <= INT64_MAX ? n : v;
      };
    case 'float':
      return (v) => (FLOAT.test(v) ? Number(v) : v);
    case 'timestamp':
      // SQLite has no zone; a column without one takes the UTC text without its +00.
      return column?.portable === 'timestamptz' ? (v) => v : (v) => v.replace(/\+00(:00)?$/, '');
    default:
      return (v) => v;
  }
}

/** Loads COPY text rows into `columns` of `table` with a prepared multi-row INSERT, in the open transaction. */
export async function insertRows(
  db: Database.Database,
  table: TableModel,
  columns: readonly string[],
  chunks: AsyncIterable<Buffer>,
): Promise<void> {
  if (columns.length === 0) {
    for await (const _ of chunks);
    return;
  }
  const binders = columns.map((name) => binderOf(table.columns.find((c) => c.name === name)));
  const perStatement = Math.max(1, Math.min(500, Math.floor(30000 / columns.length)));
  const full = db.prepare(insertSql(table, columns, perStatement));
  let values: unknown[] = [];
  let rows = 0;
  for await (const row of decodeRows(chunks)) {
    for (let i = 0; i < binders.length; i++) {
      const v = row[i];
      values.push(v === null || v === undefined ? null : binders[i]!(v));
    }
    if (++rows === perStatement) {
      full.run(values);
      values = [];
      rows = 0;
    }
  }
  if (rows > 0) db.prepare(insertSql(table, columns, rows)).run(values);
}
