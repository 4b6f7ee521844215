/**
 * Values at the edges of what PostgreSQL stores: megabytes in one field, bytea that is not UTF-8,
 * text full of tabs, newlines, backslashes, COPY's own markers (`\N`, `\.`) and control characters,
 * NaN and ±Infinity in float and numeric, 'infinity' and the first and last dates and timestamps
 * PostgreSQL has, empty, nested, NULL-holding and quoted arrays, JSON nested thousands deep, and
 * empty strings next to NULL. Kept columns must arrive byte for byte; transformed ones must get a
 * valid fake or stop the copy with a LeakproofError that names table and column, never a value;
 * and the leak check must run over all of it and pass.
 *
 * Kept and transformed columns hold different values of the same kind: a transformed column's
 * values are the source's personal data, so the same value in a kept column of any table is a leak
 * by definition (the check fingerprints the tables a run skips too).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import type { RunReport } from '../../src/report/run-report.js';
import { leakproof, tempDir } from '../support/cli.js';
import { emptyDatabase, runSql, withDatabase } from '../support/databases.js';
import { dropAll, sql } from '../support/postgres.js';

afterAll(dropAll);

const MB = 1024 * 1024;
/** Text with COPY's field and row separators, its escapes and its markers inside. */
const copyHostile = (tag: string) => [
  '',
  `tab\there ${tag}\nnew line\r\nCRLF back\\slash \\N and \\. inside`,
  tag === 'k' ? '\\.' : '\\.\n',
  tag === 'k' ? '\\N' : '\\N ',
  `${Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join('')}\x7f ${tag}`,
  `é ß Ж 😀 e\u0301 \u2028 \u2029 \ufeff ${tag}`,
  `  spaced ${tag}  `,
  `${'\\'.repeat(300)}${tag}`,
  null,
];

/** Nested arrays `depth` deep with an object at the bottom. */
const deepJson = (depth: number, leaf: string) =>
  `${'['.repeat(depth)}{"note": "${leaf}"}${']'.repeat(depth)}`;
const deepObject = (depth: number, leaf: string) => `${'{"a": '.repeat(depth)}"${leaf}"${'}'.repeat(depth)}`;

/** One table per kind of value: `k…` columns are kept, `t…` columns transformed. */
interface Kind {
  readonly table: string;
  readonly ddl: string;
  /** Rows as parameters for `INSERT INTO table VALUES ($1, $2, …)`. */
  readonly rows: readonly (readonly (string | null)[])[];
  readonly decisions: Record<string, unknown>;
}

const kinds: Kind[] = [
  {
    table: 'texts',
    ddl: 'id int PRIMARY KEY, k text, k8 varchar(8), t_scrub text, t_hash text, t_code text, t_redact text',
    rows: copyHostile('k').map((k, i) => {
      const t = copyHostile('t')[i]!;
      return [String(i), k, k === null ? null : [...k].slice(0, 8).join(''), t, t, t, t];
    }),
    decisions: {
      id: 'keep',
      k: 'keep',
      k8: 'keep',
      t_scrub: 'scrub',
      t_hash: 'hash',
      t_code: 'code',
      t_redact: 'redact',
    },
  },
  {
    table: 'floats',
    ddl: 'id int PRIMARY KEY, k float8, k4 float4, kn numeric, t float8, t4 float4, tn numeric, tn2 numeric(12,2)',
    rows: [
      ['1', 'NaN', 'NaN', 'NaN', 'NaN', 'NaN', 'NaN', 'NaN'],
      ['2', 'Infinity', 'Infinity', 'Infinity', 'Infinity', 'Infinity', 'Infinity', '12.50'],
      ['3', '-Infinity', '-Infinity', '-Infinity', '-Infinity', '-Infinity', '-Infinity', '-0.01'],
      ['4', '-0', '-0', '-0.000', '-0', '-0', '-0.00000', '0.00'],
      [
        '5',
        '4.9e-324',
        '1.4e-45',
        `0.${'0'.repeat(999)}1`,
        '5e-324',
        '1.401298e-45',
        `0.${'0'.repeat(500)}7`,
        '9999999999.99',
      ],
      [
        '6',
        '1.7976931348623157e308',
        '3.4028235e38',
        `1${'0'.repeat(1000)}`,
        '1.7976931348623155e308',
        '3.4028233e38',
        `9${'0'.repeat(900)}.5`,
        '-9999999999.99',
      ],
      ['7', null, null, null, null, null, null, null],
    ],
    decisions: {
      id: 'keep',
      k: 'keep',
      k4: 'keep',
      kn: 'keep',
      t: 'number',
      t4: 'number',
      tn: 'number',
      tn2: 'number',
    },
  },
  {
    table: 'dates',
    ddl: 'id int PRIMARY KEY, k date, kt timestamp, ktz timestamptz, t date, tt timestamp, ttz timestamptz, tg date',
    rows: [
      ['1', 'infinity', 'infinity', 'infinity', 'infinity', 'infinity', 'infinity', 'infinity'],
      ['2', '-infinity', '-infinity', '-infinity', '-infinity', '-infinity', '-infinity', '-infinity'],
      [
        '3',
        '4713-01-01 BC',
        '4713-01-01 00:00:00 BC',
        '4713-01-01 00:00:00+00 BC',
        '4713-01-02 BC',
        '4713-01-01 00:00:01 BC',
        '4713-01-01 12:00:00+00 BC',
        '4713-01-03 BC',
      ],
      [
        '4',
        '5874897-12-31',
        '294276-12-31 23:59:59.999999',
        '294276-12-31 23:59:59.999999+00',
        '5874897-12-30',
        '294276-12-31 23:59:59.999998',
        '294276-12-31 23:59:59.999998+00',
        '5874897-12-29',
      ],
      [
        '5',
        '0001-01-01 BC',
        '1999-12-31 23:59:60',
        '2000-02-29 12:00:00+14',
        '0001-01-01',
        '2000-02-29 00:00:00',
        '1970-01-01 00:00:00+00',
        '2024-02-29',
      ],
      ['6', null, null, null, null, null, null, null],
    ],
    decisions: {
      id: 'keep',
      k: 'keep',
      kt: 'keep',
      ktz: 'keep',
      t: 'dateShift',
      tt: 'dateShift',
      ttz: 'dateShift',
      tg: { transform: 'dateShift', generalize: 'year' },
    },
  },
  {
    table: 'arrays',
    ddl: 'id int PRIMARY KEY, k text[], ki int[], t_name text[], t_hash text[], t_scrub text[], ti int[]',
    rows: [
      ['1', '{}', '{}', '{}', '{}', '{}', '{}'],
      [
        '2',
        '{{a,b},{c,d}}',
        '{{1,2},{3,4}}',
        '{{Anna,Bram},{Celina,Dirk}}',
        '{{e,f},{g,h}}',
        '{{i,j},{k,l}}',
        '{{5,6},{7,8}}',
      ],
      [
        '3',
        '{NULL,"a b","","q\\"uote","c,d","\\\\",NULL,"NIL"}',
        '{NULL,1,NULL}',
        '{NULL,"Eva Maria","",NULL,"NULL"}',
        '{NULL,"x y","","q\\"z","e,f","\\\\\\\\","NULL"}',
        '{"tab\tthere","old\nrow","{braces}"}',
        '{NULL,2,NULL}',
      ],
      ['4', '[0:1]={a,b}', '[-2:-1]={1,2}', '[0:1]={Fenna,Gijs}', '[5:5]={z}', '[0:0]={y}', '[0:1]={3,4}'],
      ['5', '{{{deep}}}', '{{{1}}}', '{{{Hanna}}}', '{{{w}}}', '{{{v}}}', '{{{9}}}'],
      ['6', null, null, null, null, null, null],
    ],
    decisions: {
      id: 'keep',
      k: 'keep',
      ki: 'keep',
      t_name: 'firstName',
      t_hash: 'hash',
      t_scrub: 'scrub',
      ti: 'number',
    },
  },
  {
    table: 'jsons',
    ddl: 'id int PRIMARY KEY, k jsonb, kj json, t jsonb, tj json',
    rows: [
      [
        '1',
        deepJson(5000, 'kept'),
        deepJson(5000, 'kept json'),
        deepJson(1200, 'Anna Jansen'),
        deepJson(1000, 'Bram'),
      ],
      [
        '2',
        deepObject(5000, 'kept'),
        deepObject(5000, 'kept'),
        deepObject(1200, 'Celina'),
        deepObject(1000, 'Dirk'),
      ],
      ['3', '{}', '[]', '[]', '{}'],
      ['4', 'null', '"null"', 'null', '""'],
      [
        '5',
        '{"big": 1e400, "s": "\\ud83d\\ude00 \\t \\n \\\\", "constructor": {"x": 1}}',
        '{"dup": 1, "dup": 2, "constructor": []}',
        '{"big": 2e400, "__proto__": {"email": "eva@example.org"}}',
        '{"dup": 3, "dup": 4, "__proto__": "Fenna"}',
      ],
      ['6', null, null, null, null],
    ],
    decisions: { id: 'keep', k: 'keep', kj: 'keep', t: 'json', tj: 'json' },
  },
  {
    table: 'bytes',
    ddl: 'id int PRIMARY KEY, k bytea, t_scrub bytea, t_redact bytea',
    rows: [
      ['1', '\\xfffe0080c0', '\\xfffe0081c1', '\\xfffe0082c2'],
      ['2', '\\x', '\\x', '\\x'],
      ['3', '\\x00', '\\x0000', '\\x000000'],
      ['4', '\\xc328eda080f0288cbc', '\\xc328eda081f0288cbd', '\\xc328'],
      // Text in bytea with a name in it, and the same with an invalid byte in the middle.
      [
        '5',
        Buffer.from('plain text, nothing personal').toString('hex').replace(/^/, '\\x'),
        `\\x${Buffer.from('Brief aan Anna Jansen').toString('hex')}`,
        `\\x${Buffer.from('Anna').toString('hex')}ff`,
      ],
      ['6', null, null, null],
    ],
    decisions: {
      id: 'keep',
      // Bytes the check cannot read are a finding in a kept column unless a person has decided.
      k: { transform: 'keep', identifying: false, reason: 'test bytes, checked by hand' },
      t_scrub: 'scrub',
      t_redact: { transform: 'redact', value: '\\x' },
    },
  },
  {
    table: 'huge',
    ddl: 'id int PRIMARY KEY, k text, kb bytea, t_scrub text, t_hash text',
    rows: [
      [
        '1',
        'lorem ipsum dolor sit amet '.repeat(Math.ceil((5 * MB) / 27)),
        `\\x${'ff00'.repeat(2 * MB)}`,
        `${'Geen bijzonderheden. '.repeat(Math.ceil((3 * MB) / 21))}Brief aan Anna Jansen.`,
        'x'.repeat(5 * MB),
      ],
    ],
    decisions: { id: 'keep', k: 'keep', kb: 'keep', t_scrub: 'scrub', t_hash: 'hash' },
  },
];

let source: string;

beforeAll(async () => {
  source = await emptyDatabase('postgres');
  for (const kind of kinds) {
    await runSql(source, `CREATE TABLE public.${kind.table} (${kind.ddl})`);
    for (const row of kind.rows)
      await sql(
        source,
        `INSERT INTO public.${kind.table} VALUES (${row.map((_, i) => `$${i + 1}`).join(', ')})`,
        [...row],
      );
  }
}, 120_000);

async function policyFor(copied: readonly Kind[]): Promise<string> {
  const tables = Object.fromEntries(
    kinds.map((kind) => [kind.table, copied.includes(kind) ? { columns: kind.decisions } : 'skip']),
  );
  const file = join(await tempDir(), 'policy.yaml');
  await writeFile(file, stringify({ version: 1, tables }));
  return file;
}

/** Every column of a table in text form (what COPY carries), by id. */
async function textRows(url: string, kind: Kind): Promise<Record<string, string | null>[]> {
  const columns = Object.keys(kind.decisions);
  return sql<Record<string, string | null>>(
    url,
    `SELECT ${columns.map((c) => `${c}::text AS ${c}`).join(', ')} FROM public.${kind.table} ORDER BY id`,
  );
}

/** Transforms whose output never equals their input (for a value that is not NULL). */
const alwaysReplaced = new Set(['hash', 'redact']);

async function copy(kinds: readonly Kind[], extra: string[] = ['--quiet']) {
  const target = await emptyDatabase('postgres');
  const report = join(await tempDir(), 'report.json');
  const policy = await policyFor(kinds);
  const run = await leakproof([
    'copy',
    ...extra,
    '--source',
    source,
    '--target',
    target,
    '--policy',
    policy,
    '--report',
    report,
  ]);
  return { ...run, target, policy, report: JSON.parse(await readFile(report, 'utf8')) as RunReport };
}

/** Fails naming table, column and row, never printing the (possibly megabytes long) values. */
function compare(
  kind: Kind,
  before: Record<string, string | null>[],
  after: Record<string, string | null>[],
) {
  expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
  before.forEach((row, i) => {
    for (const [column, decision] of Object.entries(kind.decisions)) {
      const was = row[column] ?? null;
      const is = after[i]![column] ?? null;
      const where = `${kind.table}.${column} id ${row.id}`;
      const kept =
        decision === 'keep' ||
        (typeof decision === 'object' && (decision as { transform?: string }).transform === 'keep');
      if (kept) {
        if (is !== was)
          expect.fail(`${where}: the kept value changed (${was?.length} → ${is?.length} chars)`);
      } else if (was === null) {
        expect(is, where).toBeNull();
      } else {
        expect(is, `${where}: a value became NULL`).not.toBeNull();
        // An array without elements has nothing to replace.
        const elements = !/^(\[[^\]]*\]=)?[{}]*$/.test(was);
        if (typeof decision === 'string' && alwaysReplaced.has(decision) && elements && is === was)
          expect.fail(`${where}: ${decision} left the value as it was`);
      }
    }
  });
}

describe.each(kinds)('odd values in $table', (kind) => {
  test('kept columns arrive byte for byte; transformed ones get a fake the database accepts; NULL stays NULL', async () => {
    const run = await copy([kind]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.report.verification?.passed).toBe(true);
    const [before, after] = await Promise.all([textRows(source, kind), textRows(run.target, kind)]);
    compare(kind, before, after);
  });
});

describe('all kinds in one copy: the leak check, and what the transforms made of them', () => {
  let run: Awaited<ReturnType<typeof copy>>;
  let target: string;
  beforeAll(async () => {
    run = await copy(kinds, []);
    target = run.target;
  }, 120_000);

  test('the leak check runs over all of it and passes, in copy and in verify', async () => {
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Leak check passed: no personal data of the source found in [\d,]+ values/);
    const verification = run.report.verification!;
    expect(verification.passed).toBe(true);
    const values = kinds.reduce((n, k) => n + k.rows.length * Object.keys(k.decisions).length, 0);
    expect(verification.scanned.values).toBeGreaterThan(values / 2);
    const verify = await leakproof([
      'verify',
      '--source',
      source,
      '--target',
      target,
      '--policy',
      run.policy,
    ]);
    expect(verify.stderr).not.toMatch(/error/);
    expect(verify.code).toBe(0);
  });

  const one = async (table: string, column: string, id: number) => {
    const [row] = await sql<{ v: string | null }>(
      target,
      `SELECT ${column}::text AS v FROM public.${table} WHERE id = $1`,
      [id],
    );
    return row?.v ?? null;
  };

  test('names in scrubbed text and bytea are replaced, also after megabytes of text and next to bytes that are not UTF-8', async () => {
    const huge = await one('huge', 't_scrub', 1);
    expect(huge?.length).toBeGreaterThan(3 * MB);
    expect(huge).not.toMatch(/Anna|Jansen/);
    const letter = await one('bytes', 't_scrub', 5);
    expect(Buffer.from(letter!.slice(2), 'hex').toString('utf8')).not.toMatch(/Anna|Jansen/);
  });

  test('every element of a name array gets a fake; NULL elements stay NULL', async () => {
    const names = await one('arrays', 't_name', 3);
    const [before] = await sql<{ v: string[] }>(source, `SELECT t_name AS v FROM public.arrays WHERE id = 3`);
    const [after] = await sql<{ v: (string | null)[] }>(
      target,
      `SELECT t_name AS v FROM public.arrays WHERE id = 3`,
    );
    expect(names).not.toContain('Eva Maria');
    // (An empty string gets a fake name too, like any other value that is not NULL.)
    expect(after!.v.map((e) => e === null)).toEqual(before!.v.map((e) => e === null));
    before!.v.forEach((name, i) => {
      if (name) expect(after!.v[i]).not.toBe(name);
    });
    // Shapes survive: dimensions, lower bounds, nesting.
    expect(await one('arrays', 't_name', 2)).toMatch(/^\{\{[^{}]+,[^{}]+\},\{[^{}]+,[^{}]+\}\}$/);
    expect(await one('arrays', 't_name', 4)).toMatch(/^\[0:1\]=\{[^{}]+,[^{}]+\}$/);
    expect(await one('arrays', 't_hash', 4)).toMatch(/^\[5:5\]=\{[^{}]+\}$/);
    expect(await one('arrays', 't_name', 5)).toMatch(/^\{\{\{[^{}]+\}\}\}$/);
  });

  test('JSON 1,000+ levels deep keeps its depth, and a "__proto__" key survives the json transform', async () => {
    const [deep] = await sql<{ d: number }>(
      target,
      `SELECT length(t::text) - length(replace(t::text, '[', '')) AS d FROM public.jsons WHERE id = 1`,
    );
    expect(deep?.d).toBe(1200);
    // A full name is replaced; a lone common first name alone says nothing and may stay.
    expect(await one('jsons', 't', 1)).not.toContain('Jansen');
    // The key is a value of the source that one row holds, so it is replaced like one; what matters
    // is that it stays a plain key (no prototype touched, nothing dropped).
    const proto = await one('jsons', 't', 5);
    const keys = Object.keys(JSON.parse(proto ?? '{}'));
    expect(keys).toHaveLength(2);
    expect(keys[1]).toMatch(/^__\p{L}+__$/u);
    expect(proto).not.toContain('eva@example.org');
    expect(await one('jsons', 'tj', 5)).toMatch(/"__\p{L}+__"/u);
  });

  test('NaN, ±Infinity and infinite dates stay what they are; the rest moves within its type', async () => {
    for (const column of ['t', 't4', 'tn']) {
      expect(await one('floats', column, 1)).toBe('NaN');
      expect(await one('floats', column, 2)).toBe('Infinity');
      expect(await one('floats', column, 3)).toBe('-Infinity');
    }
    for (const column of ['t', 'tt', 'ttz', 'tg']) {
      expect(await one('dates', column, 1)).toBe('infinity');
      expect(await one('dates', column, 2)).toBe('-infinity');
    }
    expect(await one('dates', 't', 3)).toMatch(/ BC$/);
    expect(await one('dates', 't', 4)).not.toBe('5874897-12-30');
  });
});

test('JSON nested deeper than the json transform can follow stops the copy naming table and column, never the value', async () => {
  const from = await emptyDatabase('postgres');
  await runSql(from, 'CREATE TABLE public.deep (id int PRIMARY KEY, doc jsonb)');
  await sql(from, 'INSERT INTO public.deep VALUES (1, $1), (2, $2)', [
    '{"a": 1}',
    deepJson(5_000, 'Secret Personalvalue'),
  ]);
  const file = join(await tempDir(), 'policy.yaml');
  await writeFile(
    file,
    stringify({ version: 1, tables: { deep: { columns: { id: 'keep', doc: 'json' } } } }),
  );
  const to = await emptyDatabase('postgres');
  const run = await leakproof(['copy', '--quiet', '--source', from, '--target', to, '--policy', file]);
  expect(run.stderr).toContain(
    'public.deep.doc: the transform failed on row 2 of the table (json: a value is nested too deeply to rewrite)',
  );
  expect(run.stderr).toContain('LP_TRANSFORM');
  expect(run.stderr).not.toMatch(/Secret|Personalvalue/);
  expect(run.code).toBe(1);
  expect(await withDatabase(to, (db) => db.listUserRelations())).toEqual([]);
});
