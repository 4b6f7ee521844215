/**
 * `copy` across every pair of engines, with the draft `init` writes: the demo's production
 * database on PostgreSQL, PGlite, MySQL/MariaDB and SQLite (the same rows on each, moved there by
 * `demoSource`), copied onto each engine; the check must pass, `verify` must agree, and a policy
 * that keeps one personal column must be refused on every target, leaving nothing there. From
 * PostgreSQL to MySQL or SQLite the source is the demo in portable types: the demo itself has
 * arrays and a generated column those engines cannot hold, and that copy must stop naming them.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { draftPolicy, leakproof, leakproofCopy, tempDir } from '../support/cli.js';
import { allEngines, demoSource, type Engine, emptyDatabase, withDatabase } from '../support/databases.js';
import { dropMysqlDatabases, mysqlAvailable } from '../support/mysql.js';
import { dropAll } from '../support/postgres.js';

const mysqlReady = await mysqlAvailable();
const engines = allEngines.filter((e) => e !== 'mysql' || mysqlReady);
const applicants = 150;

interface Source {
  readonly url: string;
  readonly policy: string;
  /** The same draft with applicant.email kept: a leak the check must catch. */
  readonly leakyPolicy: string;
}
/** `postgres`, `pglite`…, and `postgres-portable`, `pglite-portable` (see the file's comment). */
const sources = new Map<string, Source>();
const postgresFamily = (e: Engine) => e === 'postgres' || e === 'pglite';
const variants = engines.flatMap<readonly [Engine, boolean]>((e) =>
  postgresFamily(e) ? [[e, false] as const, [e, true] as const] : [[e, false] as const],
);

beforeAll(async () => {
  for (const [engine, portable] of variants) {
    const url = await demoSource(engine, applicants, { portable });
    const name = portable ? `${engine}-portable` : engine;
    const policy = await draftPolicy(url, `leakproof-pairs-${name}-`);
    const dir = dirname(policy);
    const text = await readFile(policy, 'utf8');
    const applicant = text.indexOf('.applicant:');
    const email = text.indexOf('      email:', applicant);
    expect(applicant).toBeGreaterThan(0);
    expect(email).toBeGreaterThan(applicant);
    const leakyPolicy = join(dir, 'leaky.yaml');
    const lineEnd = text.indexOf('\n', email);
    await writeFile(leakyPolicy, `${text.slice(0, email)}      email: keep${text.slice(lineEnd)}`);
    sources.set(name, { url, policy, leakyPolicy });
  }
}, 600_000);

afterAll(async () => {
  await dropAll();
  await dropMysqlDatabases();
});

const source = (from: Engine, to: Engine): Source => {
  const name = postgresFamily(from) && !postgresFamily(to) ? `${from}-portable` : from;
  const found = sources.get(name);
  if (found === undefined) throw new Error(`no ${name} source`);
  return found;
};

const pairs = engines.flatMap((from) => engines.map((to) => [from, to] as const));

describe.each(pairs)('from %s to %s', (from, to) => {
  test('the draft policy copies the demo, the check passes, and verify agrees', async () => {
    const { url, policy } = source(from, to);
    const target = await emptyDatabase(to);
    const report = join(await tempDir(), 'report.json');
    const copy = await leakproofCopy({ source: url, target, policy, report });
    expect(copy.code, copy.stderr).toBe(0);
    const outcome = JSON.parse(await readFile(report, 'utf8')) as {
      outcome: string;
      tables: { name: string; rows: { source: number; written: number } }[];
    };
    expect(outcome.outcome).toBe('success');
    const applicantRows = outcome.tables.find((t) => t.name.endsWith('.applicant'))?.rows;
    expect(applicantRows).toEqual({ source: applicants, written: applicants });
    const verify = await leakproof([
      'verify',
      '--quiet',
      '--source',
      url,
      '--target',
      target,
      '--policy',
      policy,
    ]);
    expect(verify.code, verify.stderr).toBe(0);
  });
});

describe.each(engines)('onto %s', (to) => {
  test('a policy that keeps applicant.email is refused, and the target holds nothing', async () => {
    const from: Engine = mysqlReady ? 'mysql' : 'pglite';
    const { url, leakyPolicy } = source(from, to);
    const target = await emptyDatabase(to);
    const copy = await leakproofCopy({ source: url, target, policy: leakyPolicy });
    expect(copy.code, copy.stderr).toBe(4);
    expect(copy.stderr).toContain('email');
    await withDatabase(target, async (db) => expect(await db.listUserRelations()).toEqual([]), 'target');
  });
});

describe.each(engines.filter((e) => !postgresFamily(e)))('the demo itself onto %s', (to) => {
  test('stops before writing, naming the generated column it cannot recompute', async () => {
    const { url, policy } = source('postgres', 'postgres');
    const target = await emptyDatabase(to);
    const copy = await leakproofCopy({ source: url, target, policy });
    expect(copy.code).toBe(2);
    expect(copy.stderr).toContain('public.applicant.display_name');
    await withDatabase(target, async (db) => expect(await db.listUserRelations()).toEqual([]), 'target');
  });
});

describe.each(engines)('fingerprints taken on %s', (from) => {
  test('check passes on its own draft, and scan finds the same people in the demo on every engine', async () => {
    const { url, policy } = source(from, from);
    expect((await leakproof(['check', '--source', url, '--policy', policy])).code).toBe(0);
    const dir = await tempDir();
    const fingerprints = join(dir, 'people.lpf');
    const taken = await leakproof([
      'fingerprint',
      '--quiet',
      '--source',
      url,
      '--policy',
      policy,
      '--out',
      fingerprints,
    ]);
    expect(taken.code, taken.stderr).toBe(0);
    for (const to of engines) {
      // The demo on every engine holds the same people: a leaked copy of this source, as far as a
      // scan can tell.
      const report = join(dir, `breach-${to}.json`);
      const scan = await leakproof([
        'scan',
        '--quiet',
        '--fingerprints',
        fingerprints,
        '--target',
        source(to, to).url,
        '--report',
        report,
      ]);
      expect(scan.code, `${to}: ${scan.stderr}`).toBe(4);
      const breach = (JSON.parse(await readFile(report, 'utf8')) as { breach: { people: number } }).breach;
      expect(breach.people, to).toBeGreaterThanOrEqual(applicants);
    }
  });
});
