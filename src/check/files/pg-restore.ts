/**
 * A custom-format or directory-format dump (`pg_dump -Fc`, `-Fd`) read through `pg_restore`, which
 * turns it into a plain dump on its standard output without touching any database. Its rows are
 * then read as a plain dump's are.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { LeakproofError } from '../../errors.js';

export interface RestoredDump {
  /** The plain dump's text. */
  readonly output: Readable;
  /** Resolves when pg_restore has finished well; rejects with LP_FILE_UNREADABLE when it did not. */
  readonly done: Promise<void>;
  readonly stop: () => void;
}

/**
 * Starts `pg_restore --file=- [path]`; `input`, when given, is the dump's bytes (a gunzipped file),
 * piped to its standard input. `searchPath`: the PATH that finds pg_restore.
 */
export function restoreToText(path: string, input: Readable | null, searchPath?: string): RestoredDump {
  let child: ChildProcess;
  const args = ['--file=-', ...(input === null ? [path] : [])];
  try {
    child = spawn('pg_restore', args, {
      stdio: [input === null ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...(searchPath === undefined ? {} : { PATH: searchPath }) },
    });
  } catch (error) {
    throw notReadable(path, (error as NodeJS.ErrnoException).code ?? 'error');
  }
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (t: string) => {
    if (stderr.length < 2000) stderr += t;
  });
  if (input !== null && child.stdin !== null) {
    input.on('error', () => child.kill());
    child.stdin.on('error', () => {}); // pg_restore stopped reading: its exit says why
    input.pipe(child.stdin);
  }
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? notReadable(path, 'pg_restore is not installed (not found on PATH)')
          : notReadable(path, `pg_restore could not start (${error.code ?? error.name})`),
      ),
    );
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else if (signal !== null) reject(notReadable(path, `pg_restore was stopped (${signal})`));
      else reject(notReadable(path, `pg_restore failed (exit code ${code}): ${firstLine(stderr)}`));
    });
  });
  return { output: child.stdout!, done, stop: () => child.kill() };
}

/** pg_restore's own message (`unsupported version (1.16) in file header`): about the file, never its rows. */
function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? 'no message';
  return line.replace(/^pg_restore:\s*(error:\s*)?/, '').slice(0, 200);
}

function notReadable(path: string, why: string): LeakproofError {
  return new LeakproofError(
    'LP_FILE_UNREADABLE',
    `${path} is a custom-format PostgreSQL dump, and ${why}. Install PostgreSQL's client tools of at least the dump's version, or scan a plain dump of it (pg_restore -f dump.sql ${path}).`,
  );
}
