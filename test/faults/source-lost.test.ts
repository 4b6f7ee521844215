/**
 * The source's connection lost in the middle of a copy: its backend ended with pg_terminate_backend
 * (an administrator, a failover, a proxy timing out) while the copy reads from it. Twice: while the
 * source is still streaming a large table (the error arrives inside the COPY), and while the copy
 * works through rows the source had already sent (the error arrives with the next statement). Each
 * time the run must stop, exit non-zero, leave the target empty and the source as it was, print no
 * row value, and a following run must succeed; and it must say what happened: an error that names
 * the source, with an LP_ code, and a report of the failure.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createDatabase, dropAll } from '../support/postgres.js';
import {
  backendsGone,
  type CopyRun,
  copying,
  databaseName,
  endWatcher,
  errorLines,
  expectNextRunSucceeds,
  type FaultSource,
  failedClearly,
  faultSource,
  finishes,
  leakproofBackends,
  mentionsDatabase,
  outputs,
  personalValues,
  personalValuesIn,
  type RunResult,
  runningCopy,
  sourceChecksum,
  startCopy,
  terminate,
  userRelations,
  whileRunning,
} from './support/faults.js';

const CLIENTS = 4_000;
// 300 × 64 KiB (37 MiB as hex on the wire): far more than the socket buffers hold.
const ATTACHMENTS = 300;

let source: FaultSource;
let checksum: string;
const faults: RunResult[] = [];

beforeAll(async () => {
  source = await faultSource({ clients: CLIENTS, attachments: ATTACHMENTS });
  checksum = await sourceChecksum(source.url);
});

afterAll(async () => {
  await endWatcher();
  await dropAll();
});

interface Moment {
  readonly name: string;
  /** Waits for the moment and returns the source backend to end, or undefined if the run ended first. */
  readonly at: (run: CopyRun, db: { source: string; target: string }) => Promise<number | undefined>;
}

const moments: Moment[] = [
  {
    name: 'while the source streams public.attachment',
    at: async (run, db) => {
      const pattern = 'COPY (SELECT % FROM "public"."attachment") TO STDOUT';
      const streaming = await whileRunning(
        run,
        async () => ((await runningCopy(db.source, pattern))?.rows ?? 0) >= ATTACHMENTS / 4,
      );
      return streaming ? (await runningCopy(db.source, pattern))?.pid : undefined;
    },
  },
  {
    name: 'while the copy works through public.client rows the source already sent',
    at: async (run, db) => {
      const loading = await copying(run, db.target, 'COPY "public"."client" %FROM STDIN', CLIENTS / 3);
      return loading ? (await leakproofBackends([db.source]))[0]?.pid : undefined;
    },
  },
];

test.each(moments)(
  'the source backend terminated $name: non-zero exit, nothing released, next run succeeds',
  {
    timeout: 120_000,
  },
  async (moment) => {
    const target = await createDatabase('lp_fault_dst');
    const db = { source: databaseName(source.url), target: databaseName(target) };
    const run = await startCopy(source, target, { label: `source lost ${moment.name}` });
    const pid = await moment.at(run, db);
    expect(pid, `the run ended before the moment: ${run.stderr()}`).toBeDefined();
    expect(await terminate(pid!)).toBe(true);

    const result = await finishes(run, 60_000);
    faults.push(result);
    expect(result.signal).toBeNull();
    expect(result.code).not.toBe(0);
    expect(await backendsGone([db.source, db.target])).toEqual([]);
    expect(await userRelations(target)).toEqual([]);
    expect(await sourceChecksum(source.url)).toBe(checksum);
    expect(await expectNextRunSucceeds(source, target)).toEqual([]);
  },
);

test('…and each says so: an LP_ code, exit code 1 or 2, a failed report, a lost connection', () => {
  expect(faults).toHaveLength(moments.length);
  const problems = faults.flatMap((result, i) =>
    [
      ...failedClearly(result),
      ...(/terminat|connection|closed/i.test(errorLines(result.stderr).message)
        ? []
        : ['the error does not say the connection was lost']),
    ].map((p) => `${moments[i]?.name}: ${p}`),
  );
  expect(problems).toEqual([]);
});

// Which database failed, by its role and its name.
test('…naming the source: the word and its database', () => {
  expect(faults).toHaveLength(moments.length);
  for (const result of faults) {
    const { message } = errorLines(result.stderr);
    expect(message).toMatch(/source/i);
    expect(mentionsDatabase(message, source.url)).toBe(true);
  }
});

test('no output of any run (stdout, stderr, report) holds a personal value of the source', async () => {
  expect(outputs.length).toBeGreaterThan(2);
  expect(personalValuesIn(outputs, await personalValues(source))).toEqual([]);
});
