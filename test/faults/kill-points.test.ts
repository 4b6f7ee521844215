/**
 * `kill -9` of a copy at twelve points of its run, from its first connection to the leak check.
 * Each point is an observable state (a backend, a progress line, a COPY that has processed a third
 * of its rows, a statement issued), not a guessed delay, so a slow machine moves the kill with the
 * run. After every kill: the server ends the dead client's backends (no locks left), the target
 * holds nothing (the one transaction was never committed), the source is byte for byte unchanged,
 * and a following copy into the same target succeeds and passes its check.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createDatabase, dropAll } from '../support/postgres.js';
import {
  backendsGone,
  type CopyRun,
  copying,
  databaseName,
  endWatcher,
  expectNextRunSucceeds,
  type FaultSource,
  faultSource,
  issued,
  lastStatement,
  leakproofBackends,
  locksIn,
  outputs,
  personalValues,
  personalValuesIn,
  phases,
  sourceChecksum,
  startCopy,
  tableDone,
  userRelations,
  whileRunning,
} from './support/faults.js';

// ~14,000 rows (clients, their 1–2 accounts, a note each): a run takes a few seconds.
const CLIENTS = 4_000;
const ACCOUNTS = 6_000;

let source: FaultSource;
let checksum: string;
const killedTargets: string[] = [];

beforeAll(async () => {
  source = await faultSource({ clients: CLIENTS });
  checksum = await sourceChecksum(source.url);
});

afterAll(async () => {
  await endWatcher();
  await dropAll();
});

interface Databases {
  readonly source: string;
  readonly target: string;
}

interface KillPoint {
  readonly name: string;
  /** Resolves true once the run is at this point, false if it ended before. */
  readonly reached: (run: CopyRun, db: Databases) => Promise<boolean>;
}

const third = (n: number) => Math.floor(n / 3);

const points: KillPoint[] = [
  {
    name: 'connected to the source, before its snapshot',
    reached: (run, db) => whileRunning(run, async () => (await leakproofBackends([db.source])).length > 0),
  },
  { name: 'reading the source schema', reached: (run) => run.printed(phases.schema) },
  {
    // The source sends a table's rows faster than they are fingerprinted, so the server's COPY may be
    // over already; the client is busy with them until it asks for the next table. With worker
    // threads the main thread may be past that table before a poll sees its statement: its line
    // ("public.client  4,000 rows fingerprinted") before the tables are created is the same phase.
    name: 'fingerprinting public.client',
    reached: (run, db) =>
      whileRunning(
        run,
        async () =>
          (await lastStatement(db.source, '%FROM "public"."client" t0%')) !== undefined ||
          (/^ {2}public\.client {2}[\d,]+ rows fingerprinted/m.test(run.stderr()) &&
            !run.stderr().includes(phases.create)),
      ),
  },
  { name: 'creating the tables in the target', reached: (run) => run.printed(phases.create) },
  {
    name: 'loading public.account',
    reached: (run, db) => copying(run, db.target, 'COPY "public"."account" %FROM STDIN', third(ACCOUNTS)),
  },
  {
    name: 'between tables (public.account loaded)',
    reached: (run) => run.printed(tableDone('public.account')),
  },
  {
    name: 'loading public.client',
    reached: (run, db) => copying(run, db.target, 'COPY "public"."client" %FROM STDIN', third(CLIENTS)),
  },
  {
    name: 'loading public.client_note',
    reached: (run, db) => copying(run, db.target, 'COPY "public"."client_note" %FROM STDIN', third(CLIENTS)),
  },
  {
    name: 'after the last large table (public.client_note loaded)',
    reached: (run) => run.printed(tableDone('public.client_note')),
  },
  { name: 'adding keys, indexes and foreign keys', reached: (run) => run.printed(phases.constraints) },
  { name: 'starting the leak check', reached: (run) => run.printed(phases.check) },
  {
    // Rows the target computed itself (a generated column) were not on the stream: the check reads
    // the table back inside the target's transaction. The server sends it whole at once; the
    // client is busy with its rows until its next statement.
    name: 'the leak check reading public.client_note back',
    reached: async (run, db) =>
      (await run.printed(phases.check)) &&
      issued(run, db.target, 'COPY (SELECT % FROM "public"."client\\_note") TO STDOUT'),
  },
];

test.each(points)(
  'kill -9 $name: nothing released, nothing left, source unchanged',
  {
    timeout: 120_000,
  },
  async (point) => {
    const target = await createDatabase('lp_fault_dst');
    const db = { source: databaseName(source.url), target: databaseName(target) };
    const run = await startCopy(source, target, { label: `killed ${point.name}` });
    const reached = await point.reached(run, db);
    run.kill();
    const result = await run.done;
    expect(reached, `the run ended before "${point.name}": ${result.stderr}`).toBe(true);
    expect(result.signal).toBe('SIGKILL');

    // The server notices the dead client (its socket is closed) and ends its backends, rolling the
    // target's transaction back; nothing is terminated by hand.
    expect(await backendsGone([db.source, db.target])).toEqual([]);
    expect(await locksIn([db.source, db.target])).toBe(0);
    expect(await userRelations(target)).toEqual([]);
    expect(await sourceChecksum(source.url)).toBe(checksum);
    killedTargets.push(target);
  },
);

test('a following copy into every killed target succeeds and passes its check', {
  timeout: 300_000,
}, async () => {
  expect(killedTargets).toHaveLength(points.length);
  // Two at a time: the kills above ran alone (so their backends were theirs); these only need to succeed.
  const problems: string[] = [];
  const queue = [...killedTargets];
  await Promise.all(
    [0, 1].map(async () => {
      for (let target = queue.shift(); target !== undefined; target = queue.shift())
        problems.push(
          ...(await expectNextRunSucceeds(source, target)).map((p) => `${databaseName(target)}: ${p}`),
        );
    }),
  );
  expect(problems).toEqual([]);
  expect(await sourceChecksum(source.url)).toBe(checksum);
});

test('no output of any run (stdout, stderr, report) holds a personal value of the source', async () => {
  expect(outputs.length).toBeGreaterThan(0);
  expect(personalValuesIn(outputs, await personalValues(source))).toEqual([]);
});
