/**
 * Turns a database URL into an adapter: `postgres://…` / `postgresql://…` through `pg`,
 * `pglite:<directory>` for the embedded engine (the directory is created if missing), `mysql://…`
 * (or `mariadb://…`, the same) through `mysql2`.
 */
import { LeakproofError } from '../errors.js';
import type { DatabaseAdapter } from './adapter.js';
import { describeUrl } from './describe-url.js';
import { openMysql } from './mysql/mysql-adapter.js';
import { openPglite } from './pglite/pglite-adapter.js';
import { openPostgres } from './postgres/postgres-adapter.js';

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
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new LeakproofError(
      'LP_BAD_URL',
      `The ${role} URL is not a URL Leakproof understands; use postgres://user@host:port/database, mysql://user@host:port/database or pglite:<directory>.`,
    );
  }
  const mysql = parsed.protocol === 'mysql:' || parsed.protocol === 'mariadb:';
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:' && !mysql) {
    throw new LeakproofError(
      'LP_BAD_URL',
      `The ${role} URL scheme '${parsed.protocol}' is not supported; use postgres://…, mysql://… or pglite:<directory>.`,
    );
  }
  if (parsed.pathname.length <= 1) {
    throw new LeakproofError('LP_BAD_URL', `The ${role} URL ${describeUrl(url)} names no database.`);
  }
  if (mysql) return openMysql(parsed, role);
  return openPostgres(parsed, role);
}

export { describeUrl };
