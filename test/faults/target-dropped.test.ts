/**
 * The target's connection dropped in the middle of a table: an administrator (or a failover, or an
 * idle-connection reaper) ends the target's backend with pg_terminate_backend while the copy streams
 * rows into it. Twice: while public.client (people) loads, and while public.attachment loads, a
 * table far larger than the socket buffers, so that the source is certainly still sending it. Each
 * time the run must stop, exit non-zero, leave the target empty and the source as it was, print no
 * row value, and a following run must succeed; and it must say what happened: an error that names
 * the target, with an LP_ code, and a report of the failure.
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
  lastStatement,
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
const faults = new Map<string, { result: RunResult; target: string }>();

beforeAll(async () => {
  source = await faultSource({ clients: CLIENTS, attachments: ATTACHMENTS });
  checksum = await sourceChecksum(source.url);
});

afterAll(async () => {
  await endWatcher();
  await dropAll();
});

interface Moment {
  readonly table: string;
  /** True once the target loads `table` at the moment wanted; false if the run ended first. */
  readonly at: (run: CopyRun, db: { source: string; target: string }) => Promise<boolean>;
}

const loading = (table: string) => `COPY "public"."${table}" %FROM STDIN`;

const moments: Moment[] = [
  {
    table: 'public.client',
    at: (run, db) => copying(run, db.target, loading('client'), CLIENTS / 4),
  },
  {
    // Its rows reach the target in a few large chunks (they are tiny once redacted), so the moment
    // is told by the source: a quarter of the table sent while the target's COPY is under way.
    table: 'public.attachment',
    at: (run, db) =>
      whileRunning(
        run,
        async () =>
          (await lastStatement(db.target, loading('attachment'))) !== undefined &&
          ((await runningCopy(db.source, 'COPY (SELECT % FROM "public"."attachment") TO STDOUT'))?.rows ??
            0) >=
            ATTACHMENTS / 4,
      ),
  },
];

test.each(moments)(
  'the target backend terminated while $table loads: non-zero exit, nothing released, next run succeeds',
  {
    timeout: 120_000,
  },
  async ({ table, at }) => {
    const target = await createDatabase('lp_fault_dst');
    const db = { source: databaseName(source.url), target: databaseName(target) };
    const pattern = loading(table.split('.')[1]!);
    const run = await startCopy(source, target, { label: `target dropped during ${table}` });
    expect(await at(run, db), `the run ended first: ${run.stderr()}`).toBe(true);
    const pid = await lastStatement(db.target, pattern);
    expect(await terminate(pid!)).toBe(true);

    const result = await finishes(run, 60_000);
    faults.set(table, { result, target });
    expect(result.signal).toBeNull();
    expect(result.code).not.toBe(0);
    expect(await backendsGone([db.source, db.target])).toEqual([]);
    expect(await userRelations(target)).toEqual([]);
    expect(await sourceChecksum(source.url)).toBe(checksum);
    expect(await expectNextRunSucceeds(source, target)).toEqual([]);
  },
);

// A half-read source COPY once left the source ROLLBACK waiting forever (exit 13, no report).
test('…while public.attachment loads, it says so: an LP_ code, exit code 1 or 2, a failed report', () => {
  const fault = faults.get('public.attachment');
  expect(fault, 'the fault run above did not happen').toBeDefined();
  expect(failedClearly(fault!.result)).toEqual([]);
  const { message } = errorLines(fault!.result.stderr);
  expect(message.replace(/postgres:\/\/\S+/g, 'URL')).toMatch(/terminat|connection|closed/i);
});

// Which database failed, by its role and its name.
test('…naming the target: the word and its database', () => {
  expect(faults.size).toBe(moments.length);
  for (const { result, target } of faults.values()) {
    const { message } = errorLines(result.stderr);
    expect(message).toMatch(/target/i);
    expect(mentionsDatabase(message, target)).toBe(true);
  }
});

test('no output of any run (stdout, stderr, report) holds a personal value of the source', async () => {
  expect(outputs.length).toBeGreaterThan(2);
  expect(personalValuesIn(outputs, await personalValues(source))).toEqual([]);
});
