/**
 * One process per PGlite directory. PostgreSQL refuses a data directory another postmaster holds
 * (postmaster.pid); PGlite on the Node file system takes no such lock, so two processes that open
 * one directory both succeed, both write, and leave it unreadable (`Aborted()` on the next open).
 * Two Leakproof runs on one PGlite source or target would do exactly that, so each takes this
 * lock before it opens the directory: a file beside it (`<dir>.leakproof-lock`, never inside, where
 * PGlite's own files are) holding the process id. A file left by a process that no longer runs
 * (killed with -9) is taken over. Within one process the lock is counted, not exclusive: a source
 * and a target that are one directory must both open, so the copy can refuse them as the same
 * database.
 */
import { readFileSync, unlinkSync } from 'node:fs';
import { open, readFile, unlink } from 'node:fs/promises';
import { LeakproofError } from '../../errors.js';

const held = new Map<string, number>();

const lockFileOf = (directory: string) => `${directory}.leakproof-lock`;

function isRunning(pid: number): boolean {
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

/** Takes the directory (real path) for this process; throws LP_CONNECTION when another process has it. */
export async function lockPgliteDirectory(directory: string): Promise<void> {
  const count = held.get(directory) ?? 0;
  if (count > 0) {
    held.set(directory, count + 1);
    return;
  }
  const file = lockFileOf(directory);
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await createLockFile(file)) {
      held.set(directory, 1);
      return;
    }
    const pid = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(pid) && pid !== process.pid && isRunning(pid)) {
      throw new LeakproofError(
        'LP_CONNECTION',
        `The PGlite database in ${directory} is open in another process (${pid}); PGlite allows one ` +
          `process per directory. Run again when that one has finished (its lock is ${file}).`,
      );
    }
    // Left behind by a process that is gone: take it over (once; if another process is quicker, it wins).
    await unlink(file).catch(() => {});
  }
  throw new LeakproofError(
    'LP_CONNECTION',
    `The PGlite database in ${directory} was just opened by another process; run again when it has finished.`,
  );
}

/** Gives the directory back; the last holder in this process removes the file. */
export async function unlockPgliteDirectory(directory: string): Promise<void> {
  const count = held.get(directory) ?? 0;
  if (count > 1) {
    held.set(directory, count - 1);
    return;
  }
  if (count === 1) {
    held.delete(directory);
    await unlink(lockFileOf(directory)).catch(() => {});
  }
}

// A process that ends without closing (an uncaught error, process.exit) leaves no lock behind.
process.once('exit', () => {
  for (const directory of held.keys()) {
    const file = lockFileOf(directory);
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
    } catch {}
  }
});
