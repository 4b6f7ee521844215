/**
 * The files a scan of paths reads: files as given, folders walked recursively in name order, a
 * directory-format dump (a folder with `toc.dat`) as one file. What is neither is listed as skipped
 * with why; a path that does not exist stops the scan.
 */
import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { LeakproofError } from '../../errors.js';

/** A file to read, in plain data (it is handed to the scan's worker thread). */
export interface FileToScan {
  readonly path: string;
  readonly size: number;
  /** ISO time of its last change. */
  readonly modifiedAt: string;
  /** A directory-format dump: read through pg_restore as one. */
  readonly dumpDirectory: boolean;
}

export interface SkippedFile {
  readonly path: string;
  readonly reason: string;
}

export function unreadable(path: string, why: string): LeakproofError {
  return new LeakproofError('LP_FILE_UNREADABLE', `Cannot read ${path}: ${why}.`);
}

async function statOf(path: string): Promise<Stats> {
  try {
    return await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw unreadable(path, code === 'ENOENT' ? 'no such file or folder' : `${code ?? 'error'}`);
  }
}

const toScan = (path: string, stats: Stats, dumpDirectory: boolean): FileToScan => ({
  path,
  size: stats.size,
  modifiedAt: stats.mtime.toISOString(),
  dumpDirectory,
});

/** The files under `paths`; what is not read goes to `skipped`. */
export async function filesUnder(paths: readonly string[], skipped: SkippedFile[]): Promise<FileToScan[]> {
  const found: FileToScan[] = [];
  const seen = new Set<string>();
  const visit = async (path: string, stats: Stats): Promise<void> => {
    if (seen.has(`${stats.dev}:${stats.ino}`)) {
      skipped.push({ path, reason: 'read already (a link to a file or folder scanned under another name)' });
      return;
    }
    seen.add(`${stats.dev}:${stats.ino}`);
    // The table of contents of a directory-format dump, given alone: the dump is its folder.
    if (stats.isFile() && basename(path) === 'toc.dat') {
      const folder = dirname(path);
      found.push(toScan(folder, await statOf(folder), true));
      return;
    }
    if (stats.isFile()) {
      found.push(toScan(path, stats, false));
      return;
    }
    if (!stats.isDirectory()) {
      skipped.push({ path, reason: 'not a regular file (a device, a socket or a pipe)' });
      return;
    }
    let names: string[];
    try {
      names = (await readdir(path)).sort();
    } catch (error) {
      throw unreadable(path, (error as NodeJS.ErrnoException).code ?? 'error');
    }
    if (names.includes('toc.dat')) {
      found.push(toScan(path, stats, true));
      return;
    }
    for (const name of names) {
      const child = join(path, name);
      await visit(child, await statOf(child));
    }
  };
  for (const path of paths) await visit(path, await statOf(path));
  return found;
}
