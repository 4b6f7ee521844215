/**
 * Opens the register of copies from its URL: `pglite:<dir>` (the default), `postgres://…` or
 * `sqlite:<file>`, made where missing. Every failure is LP_REGISTER naming the register (never its
 * password), so a copy that cannot be registered stops before it copies anything.
 */
import { LeakproofError } from '../../errors.js';
import type { CopyRegister } from '../../register/copy-record.js';
import type { DatabaseAdapter } from '../adapter.js';
import { describeUrl } from '../describe-url.js';
import { openPglite } from '../pglite/pglite-adapter.js';
import { openPostgres } from '../postgres/postgres-adapter.js';
import { postgresRegister } from './postgres-register.js';
import { sqliteRegister } from './sqlite-register.js';

const SUPPORTED = 'use pglite:<directory>, postgres://user@host/database or sqlite:<file>';

/** `await openRegister('sqlite:/var/lib/leakproof/register.db')`. */
export async function openRegister(url: string): Promise<CopyRegister> {
  const location = describeUrl(url);
  const fail = (why: string, details: readonly string[] = []) =>
    new LeakproofError('LP_REGISTER', `The register of copies ${location} cannot be opened: ${why}`, details);
  const path = (scheme: string) => url.slice(scheme.length).replace(/^\/\/(?=\/)/, '');
  try {
    if (url.startsWith('sqlite:')) {
      if (path('sqlite:') === '') throw fail(`it names no file; ${SUPPORTED}.`);
      return await sqliteRegister(path('sqlite:'), location);
    }
    let db: DatabaseAdapter;
    if (url.startsWith('pglite:')) {
      if (path('pglite:') === '') throw fail(`it names no directory; ${SUPPORTED}.`);
      db = await openPglite(path('pglite:'));
    } else {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw fail(`it is not a URL Leakproof understands; ${SUPPORTED}.`);
      }
      if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
        throw fail(`the scheme ${parsed.protocol} is not supported for the register; ${SUPPORTED}.`);
      if (parsed.pathname.length <= 1) throw fail('it names no database.');
      db = await openPostgres(parsed);
    }
    try {
      return await postgresRegister(db, location);
    } catch (error) {
      await db.close();
      throw error;
    }
  } catch (error) {
    if (error instanceof LeakproofError && error.code === 'LP_REGISTER') throw error;
    const e = error instanceof LeakproofError ? error : null;
    throw fail(e?.message ?? 'unknown error', e?.details ?? []);
  }
}
