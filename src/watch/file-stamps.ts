/**
 * The files of a watched folder as the watchdog compares them between runs: every file under the
 * paths, with its size and modification time. A file whose stamp is the same was not rewritten.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** `path → size@mtime` of every file under `paths` (folders read recursively; symlinks not followed). */
export async function fileStamps(paths: readonly string[]): Promise<Map<string, string>> {
  const stamps = new Map<string, string>();
  const visit = async (path: string): Promise<void> => {
    const s = await stat(path).catch(() => null);
    if (s === null) return; // the scan itself reports a path that is not there
    if (s.isDirectory()) {
      for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) =>
        a.name < b.name ? -1 : 1,
      ))
        if (!entry.isSymbolicLink()) await visit(join(path, entry.name));
    } else if (s.isFile()) stamps.set(path, `${s.size}@${s.mtimeMs}`);
  };
  for (const path of paths) await visit(path);
  return stamps;
}
