/**
 * The register of copies end to end: `copy` records what it released (or refused), `copies` lists
 * it, `copies expire` drops what is past its expiry and records that; a register that cannot be
 * opened stops a copy before it starts; no password reaches the register or what it prints.
 */
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { leakproof, leakproofCopy, tempDir } from '../support/cli.js';
import { emptyDatabase, runSql, withDatabase } from '../support/databases.js';
import { cleanPolicy, leakSource, policyKeeping } from '../support/leaks.js';
import { createDatabase, dropAll } from '../support/postgres.js';

afterAll(dropAll);

/** The URL with a password: the test server's own, or (trust auth ignores it) a made-up one. */
function withPassword(url: string): { url: string; password: string } {
  const parsed = new URL(url);
  if (parsed.password === '') parsed.password = 'register-test-pw-7Qx';
  return { url: parsed.toString(), password: decodeURIComponent(parsed.password) };
}

interface Listed {
  runId: string;
  verdict: string;
  errorCode: string | null;
  targetUrl: string;
  target: { identity: string; name: string; user: string | null };
  source: { user: string | null };
  policy: { sha256: string };
  rows: { total: number; perTable: Record<string, number> };
  expiresAt: string | null;
  droppedAt: string | null;
  releasedAt: string | null;
}

async function listed(register: string, all = false): Promise<Listed[]> {
  const run = await leakproof(['copies', '--json', '--register', register, ...(all ? ['--all'] : [])]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Listed[];
}

/** `pg` reads PGPASSWORD from the process's environment, not the CLI's `io.env`. */
async function withPgPassword<T>(password: string, work: () => Promise<T>): Promise<T> {
  const before = process.env.PGPASSWORD;
  process.env.PGPASSWORD = password;
  try {
    return await work();
  } finally {
    if (before === undefined) delete process.env.PGPASSWORD;
    else process.env.PGPASSWORD = before;
  }
}

const relations = (url: string) => withDatabase(url, (db) => db.listUserRelations(), 'target');

let source: string;
let password: string;

beforeAll(async () => {
  ({ url: source, password } = withPassword(await leakSource('postgres')));
});

describe('copy, copies and copies expire', () => {
  test('a scan of a registered copy says which copy it is, when it was made and with which policy', async () => {
    const dir = await tempDir('leakproof-copies-scan-');
    const register = `sqlite:${join(dir, 'register.sqlite')}`;
    const target = await emptyDatabase('postgres');
    const copied = await leakproofCopy({
      source,
      target,
      policy: cleanPolicy,
      extra: ['--register', register, '--expires', '30d'],
    });
    expect(copied.code, copied.stderr).toBe(0);
    const [made] = (await listed(register)) as [Listed];
    const fingerprints = join(dir, 'source.fingerprints');
    const printed = await leakproof([
      'fingerprint',
      '--source',
      source,
      '--policy',
      cleanPolicy,
      '--out',
      fingerprints,
    ]);
    expect(printed.code, printed.stderr).toBe(0);

    // Someone put a real person into the copy: the report must say which copy, to date the exposure.
    await runSql(target, `INSERT INTO archive.contact VALUES (9001, 1, 'fatima.yilmaz@mailbox.test');`);
    const report = join(dir, 'scan.json');
    const scan = await leakproof([
      'scan',
      '--fingerprints',
      fingerprints,
      '--target',
      target,
      '--register',
      register,
      '--report',
      report,
    ]);
    expect(scan.code, scan.stderr).toBe(4);
    const breach = JSON.parse(await readFile(report, 'utf8')).breach;
    expect(breach.registeredCopy).toMatchObject({
      runId: made.runId,
      policy: { sha256: made.policy.sha256 },
      expiresAt: made.expiresAt,
      droppedAt: null,
    });
    expect(scan.stdout + scan.stderr).toContain(`The database is the copy ${made.runId}`);
    const page = await readFile(report.replace(/\.json$/, '.html'), 'utf8');
    expect(page).toContain('Which copy');
    expect(page).toContain(made.runId);

    // A database the register does not know is said to be none of its copies.
    const unknown = await leakproof([
      'scan',
      '--fingerprints',
      fingerprints,
      '--target',
      await emptyDatabase('postgres'),
      '--register',
      register,
      '--report',
      report,
    ]);
    expect(unknown.code, unknown.stderr).toBe(0);
    expect(JSON.parse(await readFile(report, 'utf8')).breach.registeredCopy).toBeNull();
  });

  test('two copies are registered; the expired one is dropped and recorded, the other stays', async () => {
    const dir = await tempDir('leakproof-copies-');
    const register = `sqlite:${join(dir, 'register.sqlite')}`;
    const expiring = withPassword(await createDatabase()).url;
    const lasting = await emptyDatabase('pglite');
    const report = join(dir, 'expiring.json');

    const before = Date.now();
    const a = await leakproofCopy({
      source,
      target: expiring,
      policy: cleanPolicy,
      report,
      extra: ['--register', register, '--expires', '1d'],
    });
    expect(a.code, a.stderr).toBe(0);
    const b = await leakproofCopy({
      source,
      target: lasting,
      policy: cleanPolicy,
      extra: ['--register', register],
    });
    expect(b.code, b.stderr).toBe(0);

    const both = await listed(register);
    expect(both.map((r) => [r.target.name.startsWith('postgres://'), r.verdict])).toEqual([
      [true, 'released'],
      [false, 'released'],
    ]);
    const [first, second] = both as [Listed, Listed];
    const oneDay = new Date(first.expiresAt!).getTime() - before;
    expect(oneDay).toBeGreaterThanOrEqual(86_400_000);
    expect(oneDay).toBeLessThan(86_400_000 + 120_000);
    expect(second.expiresAt).toBeNull();
    expect(first.rows.total).toBeGreaterThan(0);
    expect(first.rows.perTable['public.applicant']).toBeGreaterThan(0);
    expect(first.source.user).toBe(new URL(source).username);
    expect(first.targetUrl).toBe(
      `${new URL(expiring).protocol}//${new URL(expiring).username}@${new URL(expiring).host}${new URL(expiring).pathname}`,
    );
    const written = JSON.parse(await readFile(report, 'utf8'));
    expect(written.register).toEqual({
      runId: first.runId,
      location: expect.stringContaining('register.sqlite'),
      expiresAt: first.expiresAt,
    });
    expect(first.target.identity).toBe(await withDatabase(expiring, (db) => db.identity(), 'target'));

    const table = await leakproof(['copies', '--register', register]);
    expect(table.stdout).toMatch(/^run\s+made\s+target\s+policy\s+verdict\s+rows\s+expires/);
    expect(table.stdout).toContain(first.runId.slice(0, 8));
    expect(table.stdout).toContain(first.policy.sha256.slice(0, 12));

    const later = new Date(before + 2 * 86_400_000).toISOString();
    // Without a terminal to ask, dropping needs --yes; nothing is dropped.
    const unasked = await leakproof(['copies', 'expire', '--register', register, '--now', later]);
    expect(unasked.code).toBe(2);
    expect(unasked.stderr).toContain('--yes');
    expect((await relations(expiring)).length).toBeGreaterThan(0);

    // The register holds no password: auth comes from the environment (here PGPASSWORD), .pgpass or trust.
    const expire = await withPgPassword(password, () =>
      leakproof(['copies', 'expire', '--register', register, '--yes', '--now', later]),
    );
    expect(expire.code, expire.stderr).toBe(0);
    expect(expire.stdout).toContain(`dropped ${first.target.name} (run ${first.runId.slice(0, 8)})`);
    expect(await relations(expiring)).toEqual([]);
    expect((await relations(lasting)).length).toBeGreaterThan(0);

    expect((await listed(register)).map((r) => r.runId)).toEqual([second.runId]);
    const all = await listed(register, true);
    expect(all.find((r) => r.runId === first.runId)?.droppedAt).toBe(later);
    const again = await leakproof(['copies', 'expire', '--register', register, '--yes', '--now', later]);
    expect(again.stdout).toContain('No expired copies');

    // No password anywhere: not in the register's rows, not in what the commands printed.
    const db = new Database(join(dir, 'register.sqlite'), { readonly: true });
    const rows = JSON.stringify(db.prepare('SELECT * FROM leakproof_copies').all());
    db.close();
    expect(rows).toContain(first.runId);
    for (const text of [rows, a.stderr, b.stderr, table.stdout, expire.stdout, JSON.stringify(all)])
      expect(text).not.toContain(password);
  });

  test('a target that cannot be reached is reported and stays marked; the exit code says so', async () => {
    const dir = await tempDir('leakproof-copies-gone-');
    const register = `sqlite:${join(dir, 'register.sqlite')}`;
    const target = await emptyDatabase('pglite');
    const run = await leakproofCopy({
      source,
      target,
      policy: cleanPolicy,
      extra: ['--register', register, '--expires', '1h'],
    });
    expect(run.code, run.stderr).toBe(0);
    // The PGlite directory is gone, and a file stands where it was.
    const path = target.slice('pglite:'.length);
    await rm(path, { recursive: true, force: true });
    await writeFile(path, 'not a database');
    const later = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const expire = await leakproof(['copies', 'expire', '--register', register, '--yes', '--now', later]);
    expect(expire.code).toBe(2);
    expect(expire.stdout).toContain('NOT dropped');
    expect(expire.stderr).toContain('could not be dropped');
    const [left] = await listed(register);
    expect(left).toMatchObject({ verdict: 'released', droppedAt: null });
  });

  test('a copy the leak check refuses is recorded as refused, and not listed as live', async () => {
    const dir = await tempDir('leakproof-copies-refused-');
    const register = `sqlite:${join(dir, 'register.sqlite')}`;
    const run = await leakproofCopy({
      source,
      target: await createDatabase(),
      policy: await policyKeeping({ 'public.applicant': ['email'] }),
      extra: ['--register', register],
    });
    expect(run.code).toBe(4);
    expect(await listed(register)).toEqual([]);
    const [refused, ...rest] = await listed(register, true);
    expect(rest).toEqual([]);
    expect(refused).toMatchObject({
      verdict: 'refused',
      errorCode: 'LP_LEAK_FOUND',
      releasedAt: null,
      expiresAt: null,
    });
  });

  test('a register that cannot be opened stops the copy before it starts', async () => {
    const dir = await tempDir('leakproof-copies-bad-');
    const target = join(dir, 'never.sqlite');
    for (const register of ['mysql://root@127.0.0.1:3306/register', `pglite:${join(dir, 'a-file')}`]) {
      if (register.startsWith('pglite:')) await writeFile(join(dir, 'a-file'), 'not a directory');
      const run = await leakproofCopy({
        source,
        target: `sqlite:${target}`,
        policy: cleanPolicy,
        extra: ['--register', register],
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('LP_REGISTER');
      expect(run.stderr).toContain('register of copies');
      expect(existsSync(target)).toBe(false);
    }
    // Through the environment too.
    const env = await leakproof(
      ['copy', '--quiet', '--source', source, '--target', `sqlite:${target}`, '--policy', cleanPolicy],
      { LEAKPROOF_KEY: 'test-key-not-secret-0123456789abcdef', LEAKPROOF_REGISTER: 'sqlite:' },
    );
    expect(env.code).toBe(2);
    expect(env.stderr).toContain('LP_REGISTER');
    expect(existsSync(target)).toBe(false);
  });

  test('the register cannot be the target (a --replace would drop it)', async () => {
    const target = await createDatabase();
    const run = await leakproofCopy({ source, target, policy: cleanPolicy, extra: ['--register', target] });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is the target database');
    expect(await relations(target)).toEqual(['leakproof.copies']);
  });

  test('--expires takes 12h, 30d, 2w, wins over the policy, and refuses words', async () => {
    const dir = await tempDir('leakproof-copies-expires-');
    const register = `sqlite:${join(dir, 'register.sqlite')}`;
    const words = await leakproofCopy({
      source,
      target: `sqlite:${join(dir, 'words.sqlite')}`,
      policy: cleanPolicy,
      extra: ['--register', register, '--expires', 'thirty days'],
    });
    expect(words.code).toBe(2);
    expect(words.stderr).toContain('--expires');
    expect(words.stderr).toContain('12h, 30d, 2w');
    expect(existsSync(join(dir, 'words.sqlite'))).toBe(false);

    const policy = join(dir, 'expiring.yaml');
    await writeFile(
      policy,
      (await readFile(cleanPolicy, 'utf8')).replace('version: 1\n', 'version: 1\nexpires: 12h\n'),
    );
    const fromPolicy = await leakproofCopy({
      source,
      target: await createDatabase(),
      policy,
      extra: ['--register', register],
    });
    expect(fromPolicy.code, fromPolicy.stderr).toBe(0);
    const fromOption = await leakproofCopy({
      source,
      target: await createDatabase(),
      policy,
      extra: ['--register', register, '--expires', '2w'],
    });
    expect(fromOption.code, fromOption.stderr).toBe(0);
    const [p, o] = (await listed(register)).map(
      (r) => new Date(r.expiresAt!).getTime() - new Date(r.releasedAt!).getTime(),
    );
    expect(p! / 3_600_000).toBeCloseTo(12, 1);
    expect(o! / 86_400_000).toBeCloseTo(14, 2);

    const badPolicy = join(dir, 'bad.yaml');
    await writeFile(
      badPolicy,
      (await readFile(cleanPolicy, 'utf8')).replace('version: 1\n', 'version: 1\nexpires: a month\n'),
    );
    const bad = await leakproof(['check', '--source', source, '--policy', badPolicy]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expires');
  });

  test('the test run registers into a temporary SQLite file, never the user data folder', async () => {
    const register = process.env.LEAKPROOF_REGISTER ?? '';
    expect(register.startsWith(`sqlite:${tmpdir()}`)).toBe(true);
    const target = await createDatabase();
    const run = await leakproofCopy({ source, target, policy: cleanPolicy });
    expect(run.code, run.stderr).toBe(0);
    const mine = (await listed(register)).filter((r) => r.target.name.endsWith(new URL(target).pathname));
    expect(mine).toHaveLength(1);
  });
});
