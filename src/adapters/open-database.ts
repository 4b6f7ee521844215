/**
 * Turns a database URL into an adapter: `postgres://…` / `postgresql://…` through `pg`,
 * `pglite:<directory>` for the embedded engine (the directory is created if missing), `mysql://…`
 * (or `mariadb://…`, the same) through `mysql2`, `sqlite:<file>` (relative, or
 * `sqlite:///absolute/file.db`) for a SQLite file through `better-sqlite3`.
 */
import { LeakproofError } from '../errors.js';
import type { DatabaseAdapter } from './adapter.js';
import { describeUrl, reconnectUrl, urlUser } from './describe-url.js';
import { openMysql } from './mysql/mysql-adapter.js';
import { openPglite } from './pglite/pglite-adapter.js';
import { openPostgres } from './postgres/postgres-adapter.js';
import { openSqlite } from './sqlite/sqlite-adapter.js';

export async function openDatabase(url: string, role: 'source' | 'target'): Promise<DatabaseAdapter> {
  if (url.startsWith('pglite:')) {
    const directory = url.slice('pglite:'.length).replace(/^\/\/(?=\/)/, '');
    if (directory === '') {
      throw new LeakproofError(
        'LP_BAD_URL',
        `The ${role} URL 'pglite:' names no directory; write pglite:./path/to/dir.`,
      );
    }
    return openPglite(directory, role);
  }
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file === '') {
      throw new LeakproofError(
        'LP_BAD_URL',
        `The ${role} URL 'sqlite:' names no file; write sqlite:path/to/file.db or sqlite:///absolute/file.db.`,
      );
    }
    return openSqlite(file, role);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new LeakproofError(
      'LP_BAD_URL',
      `The ${role} URL is not a URL Leakproof understands; use postgres://user@host:port/database, mysql://user@host:port/database, pglite:<directory> or sqlite:<file>.`,
    );
  }
  const mysql = parsed.protocol === 'mysql:' || parsed.protocol === 'mariadb:';
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:' && !mysql) {
    throw new LeakproofError(
      'LP_BAD_URL',
      `The ${role} URL scheme '${parsed.protocol}' is not supported; use postgres://…, mysql://…, pglite:<directory> or sqlite:<file>.`,
    );
  }
  if (parsed.pathname.length <= 1) {
    throw new LeakproofError('LP_BAD_URL', `The ${role} URL ${describeUrl(url)} names no database.`);
  }
  if (mysql) return openMysql(parsed, role);
  return openPostgres(parsed, role);
}

export { describeUrl, reconnectUrl, urlUser };
