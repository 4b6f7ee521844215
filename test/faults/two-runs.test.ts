/**
 * Two copies onto one target at once must never interleave. The first to open its target
 * transaction takes Leakproof's advisory lock on that database; the second fails at once with
 * LP_TARGET_BUSY, having written nothing (it does not wait: see lockForCopy in
 * src/adapters/postgres/postgres-target.ts for why). Afterwards the target is one complete copy
 * that the leak check passes, equal to a copy made alone.
 */
import { spawn } from 'node:child_process';
import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeUrl } from '../../src/adapters/describe-url.js';
import { COPY_LOCK_KEY } from '../../src/adapters/postgres/postgres-target.js';
import { TEST_KEY, tempDir } from '../support/cli.js';
import { dump, emptyDatabase, kitchenSinkSource, runSql, withDatabase } from '../support/databases.js';
import { dropAll } from '../support/postgres.js';
import { type ProcessResult, runCli, startCli } from './spawn-cli.js';

afterAll(dropAll);

const env = { LEAKPROOF_KEY: TEST_KEY };
const person = { schema: 'public', name: 'person' };
const ROWS = 30_000;

let source: string;
let policy: string;
/** What the target must hold afterwards: the copy made alone, row by row. */
let expected: string[];

beforeAll(async () => {
  source = await emptyDatabase('postgres');
  // Enough rows that a copy is still loading or checking when the other run reaches its target.
  await runSql(
    source,
    `CREATE TABLE public.person (id int PRIMARY KEY, email text, note text);
     INSERT INTO public.person
       SELECT i, 'person' || i || '@mailbox.test', 'a note with nothing personal in it, number ' || i
       FROM generate_series(1, ${ROWS}) AS i;`,
  );
  policy = join(await tempDir(), 'policy.yaml');
  await writeFile(
    policy,
    'version: 1\ntables:\n  person:\n    subject: true\n    columns:\n      id: keep\n      email: email\n      note: scrub\n',
  );
  const alone = await emptyDatabase('postgres');
  const run = await runCli(['copy', '--quiet', '--source', source, '--target', alone, '--policy', policy], {
    env,
  });
  expect(run).toMatchObject({ code: 0, stderr: '' });
  expected = await dump(alone, person);
  expect(expected).toHaveLength(ROWS);
}, 180_000);

const copyArgs = (target: string, ...more: string[]) => [
  'copy',
  '--source',
  source,
  '--target',
  target,
  '--policy',
  policy,
  ...more,
];

/** One run succeeded and the other was turned away as busy, naming the target; returns them. */
function oneWonOneBusy(results: readonly ProcessResult[], target: string) {
  const won = results.filter((r) => r.code === 0);
  const lost = results.filter((r) => r.code !== 0);
  expect(won, results.map((r) => r.stderr).join('\n---\n')).toHaveLength(1);
  expect(lost).toHaveLength(1);
  const [loser] = lost as [ProcessResult];
  expect(loser.code).toBe(2);
  expect(loser.stderr).toContain(
    `Another Leakproof copy is writing to the target ${describeUrl(target)} right now`,
  );
  expect(loser.stderr).toContain('(LP_TARGET_BUSY, exit code 2');
  // It stopped at the lock: it never got as far as creating a table.
  expect(loser.stderr).not.toContain('Creating tables');
  expect(won[0]?.stderr).toContain('Committing the target');
  return { loser };
}

/** The target holds exactly the copy made alone, and `verify` finds nothing in it. */
async function oneCompleteVerifiedCopy(target: string): Promise<void> {
  expect(await withDatabase(target, (db) => db.listUserRelations())).toEqual(['public.person']);
  expect(await dump(target, person)).toEqual(expected);
  const verify = await runCli(['verify', '--source', source, '--target', target, '--policy', policy], {
    env,
  });
  expect(verify.stderr).not.toContain('error');
  expect(verify.code).toBe(0);
}

test('two copies started together onto one target: one copies, the other fails at once with LP_TARGET_BUSY', {
  timeout: 180_000,
}, async () => {
  const target = await emptyDatabase('postgres');
  const ended: string[] = [];
  const runs = [1, 2].map(() => {
    const run = startCli(copyArgs(target), { env });
    return run.done.then((result) => {
      ended.push(result.code === 0 ? 'winner' : 'loser');
      return result;
    });
  });
  const results = await Promise.all(runs);
  oneWonOneBusy(results, target);
  // The loser did not wait for the winner: it was turned away while the winner still worked.
  expect(ended).toEqual(['loser', 'winner']);
  await oneCompleteVerifiedCopy(target);
});

test('with --replace, a second copy arriving mid-copy does not clear what the first is writing', {
  timeout: 180_000,
}, async () => {
  const target = await emptyDatabase('postgres');
  await runSql(target, 'CREATE TABLE public.old_copy (id int); CREATE TABLE public.person (id int)');
  const first = startCli(copyArgs(target, '--replace'), { env });
  // The first run holds the lock from its first statement on the target; creating tables comes
  // after clearing the old ones. Stopped there, it is a copy that takes as long as it takes.
  expect(await first.printed('Creating tables')).toBe(true);
  first.child.kill('SIGSTOP');
  let second: ProcessResult;
  try {
    const running = startCli(copyArgs(target, '--replace'), { env });
    // Without the lock it would wait on the first run's table locks for as long as that is stopped.
    const waited = setTimeout(() => running.child.kill('SIGKILL'), 60_000);
    second = await running.done;
    clearTimeout(waited);
  } finally {
    first.child.kill('SIGCONT');
  }
  oneWonOneBusy([await first.done, second], target);
  await oneCompleteVerifiedCopy(target);
});

test("the lock is Leakproof's, on one database: held elsewhere it blocks that target only, names its holder, and ends with its transaction", {
  timeout: 180_000,
}, async () => {
  const small = await kitchenSinkSource('postgres');
  const smallPolicy = fileURLToPath(new URL('../fixtures/kitchen-sink.policy.yaml', import.meta.url));
  const [held, free] = [await emptyDatabase('postgres'), await emptyDatabase('postgres')];
  const args = (target: string) => [
    'copy',
    '--quiet',
    '--source',
    small,
    '--target',
    target,
    '--policy',
    smallPolicy,
  ];

  // A session on `held` that holds the lock, as a running copy's target transaction does.
  const holder = new pg.Client({ connectionString: held });
  await holder.connect();
  try {
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock($1::bigint)', [COPY_LOCK_KEY]);
    const [{ pid }] = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows as [
      { pid: number },
    ];

    const busy = await runCli(args(held), { env });
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain('LP_TARGET_BUSY');
    expect(busy.stderr).toContain(`held by server process ${pid}`);
    expect(await withDatabase(held, (db) => db.listUserRelations())).toEqual([]);

    // The same lock key on another database of the server is another lock.
    expect(await runCli(args(free), { env })).toMatchObject({ code: 0, stderr: '' });
    await holder.query('ROLLBACK');
  } finally {
    await holder.end();
  }

  // Released with the transaction: the copy goes through, and after its commit the next run finds
  // the target occupied (not busy: the lock ended with the first run's transaction).
  expect(await runCli(args(held), { env })).toMatchObject({ code: 0, stderr: '' });
  const again = await runCli(args(held), { env });
  expect(again.code).toBe(2);
  expect(again.stderr).toContain('LP_TARGET_OCCUPIED');
  expect(await runCli([...args(held), '--replace'], { env })).toMatchObject({ code: 0, stderr: '' });
});

test('PGlite: one process per directory; a second run onto it fails cleanly, the directory stays whole, a dead holder does not block', {
  timeout: 180_000,
}, async () => {
  const small = await kitchenSinkSource('postgres');
  const smallPolicy = fileURLToPath(new URL('../fixtures/kitchen-sink.policy.yaml', import.meta.url));
  const args = (target: string) => ['copy', '--source', small, '--target', target, '--policy', smallPolicy];
  const directory = join(await tempDir(), 'target');
  const target = `pglite:${directory}`;

  const results = await Promise.all([runCli(args(target), { env }), runCli(args(target), { env })]);
  const won = results.filter((r) => r.code === 0);
  const lost = results.filter((r) => r.code !== 0);
  expect(won, results.map((r) => r.stderr).join('\n---\n')).toHaveLength(1);
  expect(lost[0]?.code).toBe(2);
  expect(lost[0]?.stderr).toMatch(/The PGlite database in \S+target is open in another process \(\d+\)/);
  expect(lost[0]?.stderr).not.toContain('Aborted');

  const tables = await withDatabase(target, (db) => db.listUserRelations());
  expect(tables).toContain('public.person');
  const verify = await runCli(['verify', '--source', small, '--target', target, '--policy', smallPolicy], {
    env,
  });
  expect(verify.code).toBe(0);

  // A lock file left by a process killed with -9 names a process that is gone: taken over.
  const gone = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => gone.on('exit', resolve));
  await writeFile(`${directory}.leakproof-lock`, `${gone.pid}\n`);
  const replaced = await runCli([...args(target), '--replace', '--quiet'], { env });
  expect(replaced).toMatchObject({ code: 0, stderr: '' });
  await expect(access(`${directory}.leakproof-lock`)).rejects.toThrow();
});
