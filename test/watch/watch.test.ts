/**
 * The watchdog end to end: three test environments (a clean PostgreSQL copy, a SQLite database
 * someone filled with real people, a folder of exports), one report each and a summary; exit 4
 * naming the one that leaks; `--since` leaves unread what did not change after a clean scan, and
 * reads a table again as soon as it changes.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { WatchSummary } from '../../src/cli/commands/watch.js';
import { leakproof, leakproofCopy, tempDir } from '../support/cli.js';
import { emptyDatabase, runSql } from '../support/databases.js';
import { cleanPolicy, leakSource, plantedIn } from '../support/leaks.js';
import { dropAll } from '../support/postgres.js';

afterAll(dropAll);

let dir: string;
let fingerprints: string;
let acceptance: string;
let staging: string;
let exports: string;

beforeAll(async () => {
  dir = await tempDir('leakproof-watch-');
  const source = await leakSource('postgres');
  fingerprints = join(dir, 'source.fingerprints');
  const made = await leakproof([
    'fingerprint',
    '--source',
    source,
    '--policy',
    cleanPolicy,
    '--out',
    fingerprints,
  ]);
  expect(made.code, made.stderr).toBe(0);
  acceptance = await emptyDatabase('postgres');
  const copied = await leakproofCopy({ source, target: acceptance, policy: cleanPolicy });
  expect(copied.code, copied.stderr).toBe(0);
  staging = await emptyDatabase('sqlite');
  await runSql(
    staging,
    `CREATE TABLE customer (id integer PRIMARY KEY, name text, mail text);
     INSERT INTO customer VALUES (1, 'Fatima Yilmaz', 'fatima.yilmaz@mailbox.test'), (2, 'Piet Puk', 'piet@example.test');`,
  );
  exports = join(dir, 'exports');
  await mkdir(exports);
  await writeFile(join(exports, 'readme.txt'), 'Nothing personal here: weekly counts only.\n');
});

async function watchFile(environments: readonly object[]): Promise<string> {
  const file = join(await tempDir(), 'watch.yaml');
  await writeFile(file, JSON.stringify({ environments })); // JSON is YAML too
  return file;
}

async function watch(config: string, out: string, extra: readonly string[] = []) {
  const run = await leakproof([
    'watch',
    '--fingerprints',
    fingerprints,
    '--config',
    config,
    '--out',
    out,
    ...extra,
  ]);
  const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')) as WatchSummary;
  return { ...run, summary };
}

test('a watch over three environments, one leaking, exits 4 and names it; one report each', async () => {
  const config = await watchFile([
    { name: 'acceptance', target: acceptance },
    { name: 'staging', target: staging },
    { name: 'exports', files: [exports] },
  ]);
  const out = join(dir, 'reports');
  const run = await watch(config, out);
  expect(run.code, run.stderr).toBe(4);
  expect(run.stderr).toContain('Personal data of the source found in: staging.');
  expect(run.summary.environments.map((e) => [e.name, e.outcome, e.people])).toEqual([
    ['acceptance', 'clean', 0],
    ['staging', 'personal data', 1],
    ['exports', 'clean', 0],
  ]);
  for (const name of ['acceptance', 'staging', 'exports']) {
    const report = JSON.parse(await readFile(join(out, `${name}.json`), 'utf8'));
    expect(report.command).toBe('scan');
    await expect(readFile(join(out, `${name}.html`), 'utf8')).resolves.toContain('<html');
  }
  expect(plantedIn(run.stdout + run.stderr + JSON.stringify(run.summary))).toEqual([]);
});

test('--since leaves unchanged tables unread after a clean scan, and reads a changed one again', async () => {
  const config = await watchFile([
    { name: 'acceptance', target: acceptance },
    { name: 'exports', files: [exports] },
  ]);
  const out = join(dir, 'since');
  const first = await watch(config, out, ['--since']);
  expect(first.code, first.stderr).toBe(0);
  expect(first.summary.environments.every((e) => e.unchanged === 0)).toBe(true);

  const second = await watch(config, out, ['--since']);
  expect(second.code, second.stderr).toBe(0);
  const [db, files] = second.summary.environments;
  expect(db!.unchanged).toBeGreaterThanOrEqual(5); // every table of the copy
  expect(files!.unchanged).toBe(1); // the folder as a whole
  expect(second.stderr).toContain('unchanged since the last clean scan, not read');

  // Someone puts a real person into the acceptance copy: that table has changed, so it is read.
  await runSql(acceptance, `INSERT INTO archive.contact VALUES (9001, 1, 'fatima.yilmaz@mailbox.test');`);
  await new Promise((resolve) => setTimeout(resolve, 1500)); // PostgreSQL flushes its statistics within a second
  const third = await watch(config, out, ['--since']);
  expect(third.code, third.stderr).toBe(4);
  expect(third.summary.environments[0]).toMatchObject({
    name: 'acceptance',
    outcome: 'personal data',
    people: 1,
  });
  expect(third.summary.environments[0]!.unchanged).toBe(db!.unchanged - 1);

  // After a scan that found someone, nothing is skipped until a clean scan.
  const fourth = await watch(config, out, ['--since']);
  expect(fourth.code).toBe(4);
  expect(fourth.summary.environments[0]!.unchanged).toBe(0);
  // The copy clean again for the tests after this one.
  await runSql(acceptance, 'DELETE FROM archive.contact WHERE id = 9001;');
});

test('a watch file that lists no environments, or an unreachable one, is a clear error', async () => {
  const empty = await watchFile([]);
  const bad = await leakproof([
    'watch',
    '--fingerprints',
    fingerprints,
    '--config',
    empty,
    '--out',
    join(dir, 'x'),
  ]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('is not a list of environments');
  const config = await watchFile([
    { name: 'gone', target: 'postgres://postgres@127.0.0.1:5432/leakproof_no_such_db' },
    { name: 'acceptance', target: acceptance },
  ]);
  const run = await watch(config, join(dir, 'unreachable'));
  expect(run.code).toBe(2);
  expect(run.summary.environments.map((e) => e.outcome)).toEqual(['not scanned', 'clean']);
  expect(run.stderr).toContain('Not every environment could be scanned: gone.');
});
