/**
 * The key: where it may come from (LEAKPROOF_KEY, a key file only its owner can read, standard
 * input), that it never shows (stdout, stderr, the report, error messages, also when a run fails),
 * that the report names it by an id that gives nothing away, and that it is what makes the fakes:
 * another key, other fakes in every keyed column; the same key, the same copy.
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dutchIban, manyBsns } from '../../src/transforms/test-support.js';
import { tempDir } from '../support/cli.js';
import { emptyDatabase, runSql, withDatabase } from '../support/databases.js';
import { dropAll, sql } from '../support/postgres.js';
import { type ProcessResult, runCli } from './spawn-cli.js';

afterAll(dropAll);

const keyA = `key-A-${randomBytes(16).toString('hex')}`;
const keyB = `key-B-${randomBytes(16).toString('hex')}`;

/** Column → its decision in the policy; `keyed: false` for decisions that ignore the key. */
const decisions: Record<string, { decision: string; keyed: boolean }> = {
  id: { decision: 'keep', keyed: false },
  // One label per person: kept, with the person's decision that it identifies no one outside.
  nickname: {
    decision: "{ transform: keep, identifying: false, reason: 'a test label, known only here' }",
    keyed: false,
  },
  bsn: { decision: 'bsn', keyed: true },
  first_name: { decision: 'firstName', keyed: true },
  last_name: { decision: 'lastName', keyed: true },
  full_name: { decision: 'fullName', keyed: true },
  email: { decision: 'email', keyed: true },
  phone: { decision: 'phone', keyed: true },
  iban: { decision: 'iban', keyed: true },
  postcode: { decision: 'postcode', keyed: true },
  street: { decision: 'street', keyed: true },
  house_number: { decision: 'houseNumber', keyed: true },
  city: { decision: 'city', keyed: true },
  birth_date: { decision: 'dateShift', keyed: true },
  salary: { decision: 'number', keyed: true },
  last_ip: { decision: 'ipAddress', keyed: true },
  external_id: { decision: 'uuid', keyed: true },
  ticket: { decision: 'code', keyed: true },
  passport: { decision: 'idDocument', keyed: true },
  v_number: { decision: 'vNumber', keyed: true },
  token: { decision: 'hash', keyed: true },
  remark: { decision: 'scrub', keyed: true },
  profile: { decision: 'json', keyed: true },
  secret: { decision: "'null'", keyed: false },
  photo: { decision: "{ transform: redact, value: '\\x' }", keyed: false },
};

const firstNames = ['Fatima', 'Jan', 'Olena', 'Ahmad', 'Marta', 'Sanne', 'Pieter', 'Ayşe', 'Tesfay', 'Lotte'];
const lastNames = ['Yilmaz', 'de Vries', 'Kovalenko', 'Al-Hassan', 'Wiśniewska', 'Jansen', 'Bakker'];
const cities = ['Utrecht', 'Groningen', 'Amsterdam', 'Rotterdam', 'Zwolle', 'Maastricht', 'Leiden'];
const ROWS = 20;

/** A small source with one column per keyed transform, and one per transform that ignores the key. */
async function keyedSource(): Promise<string> {
  const url = await emptyDatabase('postgres');
  await runSql(
    url,
    `CREATE TABLE public.person (
       id int PRIMARY KEY, nickname text, bsn text, first_name text, last_name text, full_name text,
       email text, phone text, iban text, postcode text, street text, house_number text, city text,
       birth_date date, salary numeric(10,2), last_ip inet, external_id uuid, ticket text,
       passport text, v_number text, token text, remark text, profile jsonb, secret text, photo bytea)`,
  );
  const bsns = manyBsns(ROWS);
  for (let i = 0; i < ROWS; i++) {
    const first = firstNames[i % firstNames.length] ?? '';
    const last = lastNames[i % lastNames.length] ?? '';
    const phone = `06-${String(12_345_678 + i * 7919)}`;
    const letters = `${String.fromCharCode(65 + (i % 20))}${String.fromCharCode(66 + ((i * 7) % 20))}`;
    await sql(
      url,
      `INSERT INTO public.person VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
                                        $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)`,
      [
        i + 1,
        `nick ${i + 1}`,
        bsns[i],
        first,
        last,
        `${first} ${last}`,
        // One NULL in a keyed column: NULL stays NULL under every key.
        i === ROWS - 1 ? null : `person.${i + 1}@mailbox.test`,
        phone,
        dutchIban('ABNA', 417_164_300 + i * 1013),
        `${1011 + i * 397} ${letters}`,
        `Kerkstraat ${i + 1}`,
        `${i + 3}${i % 3 === 0 ? 'a' : ''}`,
        cities[i % cities.length],
        `${1960 + i}-0${1 + (i % 9)}-1${i % 10}`,
        2000 + i * 137.25,
        `83.162.${i}.77`,
        `6f1b2c3d-4e5f-4a6b-8c7d-${String(i).padStart(12, '0')}`,
        `AB-${1000 + i * 37}`,
        `BN${1_234_560 + i * 11}`,
        String(1_234_567_890 + i * 101),
        `token-${i}`,
        `Called ${first} ${last} on ${phone} about BSN ${bsns[i]}.`,
        JSON.stringify({ email: `p${i}@mailbox.test`, telefoon: phone, note: `about ${last}` }),
        `secret ${i}`,
        Buffer.from(`photo ${i}`),
      ],
    );
  }
  return url;
}

let source: string;
let policy: string;
let dir: string;

beforeAll(async () => {
  source = await keyedSource();
  dir = await tempDir();
  policy = join(dir, 'policy.yaml');
  const columns = Object.entries(decisions).map(([c, d]) => `      ${c}: ${d.decision}\n`);
  await writeFile(
    policy,
    `version: 1\ntables:\n  person:\n    subject: true\n    columns:\n${columns.join('')}`,
  );
});

/** Every spelling of a key that must never show: itself, any 12 characters of it, hex, base64. */
function tracesOf(key: string): string[] {
  const windows = Array.from({ length: key.length - 11 }, (_, i) => key.slice(i, i + 12));
  const bytes = Buffer.from(key, 'utf8');
  return [key, ...windows, bytes.toString('hex'), bytes.toString('base64'), bytes.toString('base64url')];
}

/** The traces of `keys` found in a run's streams and its report file (if written). */
async function keyTraces(run: ProcessResult, report: string | undefined, keys: readonly string[]) {
  const reportText = report === undefined ? '' : await readFile(report, 'utf8').catch(() => '');
  const texts = { stdout: run.stdout, stderr: run.stderr, report: reportText };
  const found: string[] = [];
  for (const [where, text] of Object.entries(texts))
    for (const key of keys) for (const t of tracesOf(key)) if (text.includes(t)) found.push(`${where}: ${t}`);
  return found;
}

async function keyFile(content: string, mode: number): Promise<string> {
  const file = join(dir, `key-${randomBytes(4).toString('hex')}`);
  await writeFile(file, content);
  await chmod(file, mode); // explicitly: writeFile's mode is filtered by the umask
  return file;
}

async function relationsIn(url: string): Promise<string[]> {
  return withDatabase(url, (db) => db.listUserRelations());
}

/** The copy's values, column by column, in id order. */
async function columnsOf(url: string): Promise<Map<string, (string | null)[]>> {
  const out = new Map<string, (string | null)[]>();
  for (const column of Object.keys(decisions)) {
    const rows = await sql<{ v: string | null }>(
      url,
      `SELECT "${column}"::text AS v FROM public.person ORDER BY id`,
    );
    out.set(
      column,
      rows.map((r) => r.v),
    );
  }
  return out;
}

function copyArgs(target: string, report: string): string[] {
  return ['copy', '--quiet', '--source', source, '--target', target, '--policy', policy, '--report', report];
}

interface Report {
  outcome: string;
  key?: { id: string };
  error?: { code: string };
}
const reportOf = async (file: string): Promise<Report> => JSON.parse(await readFile(file, 'utf8')) as Report;

describe('where the key comes from', () => {
  test('LEAKPROOF_KEY, --key-file FILE (mode 600) and --key-file - give one key: one key id, identical copies', async () => {
    const file = await keyFile(`${keyA}\n`, 0o600);
    const targets = await Promise.all([1, 2, 3].map(() => emptyDatabase('postgres')));
    const reports = [1, 2, 3].map((i) => join(dir, `three-ways-${i}.json`));
    const [t1, t2, t3] = targets as [string, string, string];
    const [r1, r2, r3] = reports as [string, string, string];
    // The file and stdin win over LEAKPROOF_KEY: there it holds the other key.
    const runs = [
      await runCli(copyArgs(t1, r1), { env: { LEAKPROOF_KEY: keyA } }),
      await runCli([...copyArgs(t2, r2), '--key-file', file], { env: { LEAKPROOF_KEY: keyB } }),
      await runCli([...copyArgs(t3, r3), '--key-file', '-'], {
        env: { LEAKPROOF_KEY: keyB },
        stdin: `${keyA}\n`,
      }),
    ];
    for (const run of runs) expect(run).toMatchObject({ code: 0, stderr: '', stdout: '' });
    for (const [i, run] of runs.entries()) expect(await keyTraces(run, reports[i], [keyA, keyB])).toEqual([]);

    const ids = await Promise.all(reports.map(async (r) => (await reportOf(r)).key?.id));
    expect(ids[0]).toMatch(/^[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(1);

    const copies = await Promise.all(targets.map(columnsOf));
    expect(copies[1]).toEqual(copies[0]);
    expect(copies[2]).toEqual(copies[0]);
  });

  test.each(['640', '644', '604', '660', '606'])(
    'a key file of mode %s is refused with exit 2, naming the file and chmod 600',
    async (octal) => {
      const mode = Number.parseInt(octal, 8);
      const file = await keyFile(`${keyA}\n`, mode);
      const target = await emptyDatabase('postgres');
      const report = join(dir, `mode-${mode.toString(8)}.json`);
      const run = await runCli([...copyArgs(target, report), '--key-file', file], {
        env: { LEAKPROOF_KEY: keyB },
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('LP_NO_KEY');
      expect(run.stderr).toContain(`Key file ${file} `);
      expect(run.stderr).toContain(`mode ${mode.toString(8)}`);
      expect(run.stderr).toContain(`chmod 600 ${file}`);
      expect(await keyTraces(run, report, [keyA, keyB])).toEqual([]);
      // Refused before anything was opened: the report knows no key, the target holds nothing.
      expect((await reportOf(report)).key).toBeUndefined();
      expect(await relationsIn(target)).toEqual([]);
    },
  );

  test('no key, an empty key, a key file that is missing or empty, empty stdin: LP_NO_KEY, exit 2, nothing written', async () => {
    const target = await emptyDatabase('postgres');
    const empty = await keyFile('\n', 0o600);
    const missing = join(dir, 'no-such-key');
    const cases: { args: string[]; env?: Record<string, string>; stdin?: string; says: string }[] = [
      { args: [], says: 'LEAKPROOF_KEY' },
      { args: [], env: { LEAKPROOF_KEY: '' }, says: 'LEAKPROOF_KEY' },
      { args: [], env: { LEAKPROOF_KEY: '  \t ' }, says: 'LEAKPROOF_KEY' },
      {
        args: ['--key-file', missing],
        env: { LEAKPROOF_KEY: keyB },
        says: `Key file ${missing} cannot be read`,
      },
      { args: ['--key-file', empty], env: { LEAKPROOF_KEY: keyB }, says: 'LEAKPROOF_KEY' },
      { args: ['--key-file', '-'], env: { LEAKPROOF_KEY: keyB }, stdin: '\n', says: 'LEAKPROOF_KEY' },
    ];
    for (const c of cases) {
      const run = await runCli([...copyArgs(target, join(dir, 'no-key.json')), ...c.args], {
        ...(c.env ? { env: c.env } : {}),
        ...(c.stdin !== undefined ? { stdin: c.stdin } : {}),
      });
      expect(run.code, JSON.stringify(c)).toBe(2);
      expect(run.stderr).toContain('(LP_NO_KEY, exit code 2');
      expect(run.stderr).toContain(c.says);
      expect(await keyTraces(run, undefined, [keyB])).toEqual([]);
    }
    expect(await relationsIn(target)).toEqual([]);
  });
});

describe('the key never shows', () => {
  test('not in stdout, stderr or the report of a run that fails: a leak found, a broken target, the same database, a bad policy', async () => {
    const file = await keyFile(keyA, 0o600);
    const leaky = join(dir, 'leaky.yaml');
    await writeFile(
      leaky,
      (await readFile(policy, 'utf8')).replace('      remark: scrub\n', '      remark: keep\n'),
    );
    const invalid = join(dir, 'invalid.yaml');
    await writeFile(
      invalid,
      (await readFile(policy, 'utf8')).replace('      bsn: bsn\n', '      bsn: bsnn\n'),
    );
    const readOnly = await emptyDatabase('postgres');
    await runSql(
      readOnly,
      `ALTER DATABASE "${new URL(readOnly).pathname.slice(1)}" SET default_transaction_read_only = on`,
    );
    const cases = [
      {
        why: 'leak found',
        target: await emptyDatabase('postgres'),
        policy: leaky,
        exit: 4,
        code: 'LP_LEAK_FOUND',
      },
      { why: 'read-only target', target: readOnly, policy, exit: 1, code: 'LP_DATABASE' },
      { why: 'same database', target: source, policy, exit: 2, code: 'LP_SAME_DATABASE' },
      {
        why: 'bad policy',
        target: await emptyDatabase('postgres'),
        policy: invalid,
        exit: 2,
        code: 'LP_POLICY_INVALID',
      },
    ];
    for (const c of cases) {
      const report = join(dir, `failed-${c.code}.json`);
      const args = [
        'copy',
        '--source',
        source,
        '--target',
        c.target,
        '--policy',
        c.policy,
        '--report',
        report,
      ];
      // Both ways of giving the key: the environment, and a file.
      for (const run of [
        await runCli(args, { env: { LEAKPROOF_KEY: keyA } }),
        await runCli([...args, '--key-file', file]),
      ]) {
        expect(run.code, c.why).toBe(c.exit);
        expect(run.stderr).toContain(`(${c.code}, exit code ${c.exit}`);
        expect(await keyTraces(run, report, [keyA])).toEqual([]);
        const written = await reportOf(report);
        expect(written.outcome).toBe('failed');
        expect(written.key?.id).toMatch(/^[0-9a-f]{12}$/);
      }
    }
  });

  test('nor when it is typed as an option that does not exist (--key=…): the error names the option only', async () => {
    const target = await emptyDatabase('postgres');
    for (const option of [`--key=${keyA}`, `-k=${keyA}`]) {
      const run = await runCli([...copyArgs(target, join(dir, 'typo.json')), option], {
        env: { LEAKPROOF_KEY: keyB },
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`unknown option '${option.split('=')[0]}=…'`);
      expect(await keyTraces(run, undefined, [keyA, keyB])).toEqual([]);
    }
    expect(await relationsIn(target)).toEqual([]);
  });

  test('the report names the key by a short id: another for another key, and no plain digest or encoding of it', async () => {
    const targets = [await emptyDatabase('postgres'), await emptyDatabase('postgres')];
    const ids: string[] = [];
    for (const [i, key] of [keyA, keyB].entries()) {
      const report = join(dir, `id-${i}.json`);
      const run = await runCli(copyArgs(targets[i] ?? '', report), { env: { LEAKPROOF_KEY: key } });
      expect(run.code).toBe(0);
      ids.push((await reportOf(report)).key?.id ?? '');
    }
    const [idA, idB] = ids as [string, string];
    expect(idA).toMatch(/^[0-9a-f]{12}$/);
    expect(idB).toMatch(/^[0-9a-f]{12}$/);
    expect(idA).not.toBe(idB);
    for (const [key, id] of [
      [keyA, idA],
      [keyB, idB],
    ] as const) {
      const bytes = Buffer.from(key, 'utf8');
      const trivial = [
        key,
        bytes.toString('hex'),
        bytes.toString('base64'),
        ...['md5', 'sha1', 'sha256', 'sha512'].flatMap((algorithm) => [
          createHash(algorithm).update(key).digest('hex'),
          createHash(algorithm).update(`${key}\n`).digest('hex'),
        ]),
      ];
      for (const text of trivial) expect(text.toLowerCase()).not.toContain(id);
    }
  });
});

describe('the key makes the fakes', () => {
  test('another key changes every value of every keyed column; null, redact and keep stay as they are', async () => {
    const [underA, underB] = [await emptyDatabase('postgres'), await emptyDatabase('postgres')];
    for (const [target, key] of [
      [underA, keyA],
      [underB, keyB],
    ] as const) {
      const run = await runCli(copyArgs(target, join(dir, 'fakes.json')), { env: { LEAKPROOF_KEY: key } });
      expect(run.code).toBe(0);
    }
    const [a, b] = [await columnsOf(underA), await columnsOf(underB)];
    const sourceValues = await columnsOf(source);
    // (column, source value) pairs whose fakes agree under both keys: a keyed pick from a finite
    // list agrees by chance now and then (firstName: about 1 in 200 per name), never more often.
    const same = new Set<string>();
    let pairs = 0;
    for (const [column, { keyed }] of Object.entries(decisions)) {
      const [va, vb, vs] = [a.get(column) ?? [], b.get(column) ?? [], sourceValues.get(column) ?? []];
      expect(va).toHaveLength(ROWS);
      if (!keyed) {
        expect(vb, column).toEqual(va);
        continue;
      }
      for (let row = 0; row < ROWS; row++) {
        if (vs[row] === null) {
          expect([va[row], vb[row]], `${column} row ${row + 1}`).toEqual([null, null]);
          continue;
        }
        expect(va[row], `${column} row ${row + 1} is transformed`).not.toBe(vs[row]);
        pairs++;
        if (va[row] === vb[row]) same.add(`${column}: ${vs[row]}`);
      }
    }
    expect(pairs).toBeGreaterThan(300);
    expect(same.size, [...same].map((s) => s.split(':')[0]).join(', ')).toBeLessThanOrEqual(pairs * 0.02);
  });
});
