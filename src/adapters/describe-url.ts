import { resolve } from 'node:path';

/** A database URL safe to print: no password, no query string (it may hold one too). */
export function describeUrl(url: string): string {
  if (url.startsWith('pglite:')) return url;
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    return `${parsed.protocol}//${user}${parsed.host}${parsed.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}

/** Query parameters that may hold a secret: never stored. */
const SECRET_PARAMETER = /pass|pwd|secret|token|key|auth/i;

/**
 * The URL to connect to this database again later, with the password and any secret-looking query
 * parameter removed (auth then comes from the environment, .pgpass or trust); file and directory
 * URLs made absolute, so they work from any working directory.
 * @example reconnectUrl('postgres://app:secret@db/test?sslmode=require') // 'postgres://app@db/test?sslmode=require'
 */
export function reconnectUrl(url: string, cwd: string = process.cwd()): string {
  for (const scheme of ['pglite:', 'sqlite:']) {
    if (!url.startsWith(scheme)) continue;
    const path = url.slice(scheme.length).replace(/^\/\/(?=\/)/, '');
    return `${scheme}${resolve(cwd, path)}`;
  }
  try {
    const parsed = new URL(url);
    parsed.password = '';
    for (const name of [...parsed.searchParams.keys()])
      if (SECRET_PARAMETER.test(name)) parsed.searchParams.delete(name);
    parsed.hash = '';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * The database user a URL connects as: its user name, else the driver's default (PostgreSQL:
 * $PGUSER, else the OS user; MySQL: the OS user); null for engines without users (PGlite, SQLite).
 */
export function urlUser(
  url: string,
  env: Readonly<Record<string, string | undefined>>,
  osUser: string,
): string | null {
  if (url.startsWith('pglite:') || url.startsWith('sqlite:')) return null;
  try {
    const parsed = new URL(url);
    if (parsed.username !== '') return decodeURIComponent(parsed.username);
    const postgres = parsed.protocol === 'postgres:' || parsed.protocol === 'postgresql:';
    return (postgres ? env.PGUSER : undefined) || osUser;
  } catch {
    return null;
  }
}
