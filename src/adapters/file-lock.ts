/**
 * A lock file beside a database (`<path>.leakproof-lock`, never inside it, where the engine's own
 * files are) holding the process id, for engines whose database is a file or a directory and so
 * has no lock of its own that Leakproof can use:
 *
 * - PGlite (`shared` within a process): PostgreSQL refuses a data directory another postmaster
 *   holds; PGlite on the Node file system takes no such lock, so two processes that open one
 *   directory both succeed, both write, and leave it unreadable (`Aborted()` on the next open).
 *   Each run takes the lock before it opens the directory. Within one process the lock is counted:
 *   a source and a target that are one directory must both open, so the copy can refuse them as
 *   the same database.
 * - SQLite (`exclusive`): a copy writes a new file and renames it over the target; two copies onto
 *   one target would race, so the second one stops, in this process as in another.
 *
 * A file left by a process that no longer runs (killed with -9) is taken over.
 */
import { readFileSync, unlinkSync } from 'node:fs';
import { open, readFile, unlink } from 'node:fs/promises';
import type { LeakproofError } from '../errors.js';

const held = new Map<string, number>();

export const lockFileOf = (path: string) => `${path}.leakproof-lock`;

export interface FileLockOptions {
  /** `shared`: every holder in this process counts; `exclusive`: a second holder is refused too. */
  readonly withinProcess: 'shared' | 'exclusive';
  /** The error for a lock another holder has: its process id (maybe this one) and the lock file. */
  readonly busy: (pid: number, lockFile: string) => LeakproofError;
  /** The error when another process took the lock between two attempts. */
  readonly raced: () => LeakproofError;
}

/** True when a process with that id runs (as any user). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function createLockFile(file: string): Promise<boolean> {
  try {
    const handle = await open(file, 'wx', 0o600);
    try {
      await handle.writeFile(`${process.pid}\n`);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Takes `path` (a real path) for this process; throws `options.busy()` when another holder has it. */
export async function lockPath(path: string, options: FileLockOptions): Promise<void> {
  const count = held.get(path) ?? 0;
  const file = lockFileOf(path);
  if (count > 0) {
    if (options.withinProcess === 'exclusive') throw options.busy(process.pid, file);
    held.set(path, count + 1);
    return;
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await createLockFile(file)) {
      held.set(path, 1);
      return;
    }
    const pid = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(pid) && pid !== process.pid && isRunning(pid)) throw options.busy(pid, file);
    // Left behind by a process that is gone: take it over (once; if another process is quicker, it wins).
    await unlink(file).catch(() => {});
  }
  throw options.raced();
}

/** Gives `path` back; the last holder in this process removes the file. */
export async function unlockPath(path: string): Promise<void> {
  const count = held.get(path) ?? 0;
  if (count > 1) {
    held.set(path, count - 1);
    return;
  }
  if (count === 1) {
    held.delete(path);
    await unlink(lockFileOf(path)).catch(() => {});
  }
}

// A process that ends without closing (an uncaught error, process.exit) leaves no lock behind.
process.once('exit', () => {
  for (const path of held.keys()) {
    const file = lockFileOf(path);
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
    } catch {}
  }
});
