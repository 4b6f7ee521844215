/**
 * The breach scan of files end to end: the demo's production database fingerprinted, an anonymized
 * copy of it made, three real applicants and one member of staff (whole rows of the source) planted
 * over rows of other keys among its fakes, and the copy then exported with the real tools — plain
 * dumps (COPY, INSERT), custom- and directory-format dumps, CSV, TSV, JSON and JSON lines exports,
 * a mysqldump — plain and gzipped. `scan --file` must count exactly the planted people, list exactly
 * their production (source) keys in the affected file, name the file in every finding, print no
 * personal value, read folders recursively, account for binaries, stop with LP_FILE_UNREADABLE
 * on what it cannot read, and find nobody in the copy's files from before the planting.
 * The copy lives on a server the installed pg_dump can dump (test/support/dump-server.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import mysql from 'mysql2';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunReport } from '../../src/report/run-report.js';
import { type AffectedRow, affectedRecords, csvFields, readAffected } from '../support/affected.js';
import { draftPolicy, leakproof, leakproofCopy, TEST_KEY, tempDir } from '../support/cli.js';
import { demoSource } from '../support/databases.js';
import { createDumpDatabase, dropDumpDatabases, dumpServerAvailable, tool } from '../support/dump-server.js';
import {
  createMysqlDatabase,
  dropMysqlDatabases,
  mysqlAvailable,
  mysqlExec,
  mysqlServerUrl,
} from '../support/mysql.js';
import { dropAll, sql } from '../support/postgres.js';

const mysqlReady = await mysqlAvailable();
const dumpReady = await dumpServerAvailable();

afterAll(async () => {
  await dropAll();
  await dropDumpDatabases();
  await dropMysqlDatabases();
});

const applicants = 120;

/** Source applicant → the copy's row that gets their real data (another key: the scan must say the source's). */
const plantedApplicants = [
  { from: 7, into: 100 },
  { from: 23, into: 101 },
  { from: 58, into: 102 },
] as const;
const plantedStaff = { from: 5, into: 9 } as const;

/** The applicant's columns that hold personal data: a whole real person, as a leaked row holds them. */
const applicantColumns = [
  'public_id',
  'bsn',
  'v_number',
  'first_name',
  'last_name',
  'date_of_birth',
  'email',
  'email_aliases',
  'phone',
  'alt_phone_numbers',
  'street',
  'house_number',
  'postcode',
  'city',
  'iban',
  'extra',
] as const;
const staffColumns = ['employee_number', 'first_name', 'last_name', 'email', 'phone_extension'] as const;

const applicantKeys = plantedApplicants.map((p) => `public.applicant:${p.from}`);
const staffKey = `public.staff:${plantedStaff.from}`;
const everyone = [...applicantKeys, staffKey].sort();

/** The planted people's values that must never appear in clear in any output, with a label to name them by. */
const realValues: { label: string; value: string }[] = [];

let fingerprints = '';
/** Files of the copy before the planting: nobody in them. */
const clean: Record<string, string> = {};
/** Files of the copy with the planted people. */
const leaked: Record<string, string> = {};
let dir = '';
/** The anonymized copy, with the planted people once beforeAll is done. */
let copy = '';

/** Copies `columns` of source row `from` over copy row `into`, as text (no client-side conversion). */
async function plantRow(
  source: string,
  copy: string,
  table: string,
  columns: readonly string[],
  from: number,
  into: number,
): Promise<Record<string, string | null>> {
  const [row] = await sql<Record<string, string | null>>(
    source,
    `SELECT ${columns.map((c) => `${c}::text AS ${c}`).join(', ')} FROM ${table} WHERE id = $1`,
    [from],
  );
  if (row === undefined) throw new Error(`${table} has no row ${from}`);
  const updated = await sql(
    copy,
    `UPDATE ${table} SET (${columns.join(', ')}) = (${columns.map((_, i) => `$${i + 1}`).join(', ')})
     WHERE id = $${columns.length + 1} RETURNING id`,
    [...columns.map((c) => row[c]), into],
  );
  if (updated.length !== 1) throw new Error(`${table} of the copy has no row ${into}`);
  return row;
}

function remember(label: string, value: string | null | undefined): void {
  if (value !== null && value !== undefined && value.length >= 6) realValues.push({ label, value });
}

async function gzipped(file: string): Promise<string> {
  await writeFile(`${file}.gz`, gzipSync(await readFile(file)));
  return `${file}.gz`;
}

/** The copy's files as a leaked folder would hold them: prefix `clean-` or none. */
async function exportCopy(copy: string, into: Record<string, string>, prefix: string): Promise<void> {
  const at = (name: string) => join(dir, `${prefix}${name}`);
  into.plain = at('copy.sql');
  await tool('pg_dump', ['--format=plain', '--file', into.plain, copy]);
  into.inserts = at('copy-inserts.sql');
  await tool('pg_dump', ['--format=plain', '--inserts', '--file', into.inserts, copy]);
  into.custom = at('copy.dump');
  await tool('pg_dump', ['--format=custom', '--file', into.custom, copy]);
  into.directory = at('copy.dir');
  await tool('pg_dump', ['--format=directory', '--file', into.directory, copy]);
  into.csv = at('applicant.csv');
  await writeFile(
    into.csv,
    await tool('psql', [
      '-X',
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-d',
      copy,
      '-c',
      'COPY (SELECT * FROM public.applicant ORDER BY id) TO STDOUT WITH (FORMAT csv, HEADER)',
    ]),
  );
  into.jsonl = at('applicant.jsonl');
  await writeFile(
    into.jsonl,
    await tool('psql', [
      '-X',
      '-q',
      '-A',
      '-t',
      '-v',
      'ON_ERROR_STOP=1',
      '-d',
      copy,
      '-c',
      'SELECT row_to_json(t) FROM (SELECT * FROM public.applicant ORDER BY id) t',
    ]),
  );
  for (const kind of ['plain', 'inserts', 'custom', 'csv', 'jsonl'])
    into[`${kind}.gz`] = await gzipped(into[kind]!);
}

describe.skipIf(!dumpReady)('scan --file of dumps and exports', () => {
  beforeAll(async () => {
    dir = await tempDir('leakproof-scan-files-');
    const source = await demoSource('postgres', applicants);
    const policy = await draftPolicy(source, 'leakproof-scan-files-policy-');
    fingerprints = join(dir, 'source.fingerprints');
    const taken = await leakproof([
      'fingerprint',
      '--source',
      source,
      '--policy',
      policy,
      '--out',
      fingerprints,
    ]);
    expect(taken.code, taken.stderr).toBe(0);
    // The copy lives where pg_dump can dump it (see dump-server.ts).
    copy = await createDumpDatabase();
    const made = await leakproofCopy({ source, target: copy, policy });
    expect(made.code, made.stderr).toBe(0);
    await exportCopy(copy, clean, 'clean-');

    // Three applicants and one member of staff, whole rows of the source, over rows of the copy.
    for (const { from, into } of plantedApplicants) {
      const row = await plantRow(source, copy, 'public.applicant', applicantColumns, from, into);
      for (const column of ['bsn', 'email', 'phone', 'iban', 'public_id'])
        remember(`applicant ${from} ${column}`, row[column]);
      remember(`applicant ${from} name`, `${row.first_name} ${row.last_name}`);
    }
    const staff = await plantRow(
      source,
      copy,
      'public.staff',
      staffColumns,
      plantedStaff.from,
      plantedStaff.into,
    );
    remember(`staff ${plantedStaff.from} email`, staff.email);
    remember(`staff ${plantedStaff.from} name`, `${staff.first_name} ${staff.last_name}`);
    // And a linked row: an e-mail sent to the first planted applicant's real address (still one person).
    await sql(
      copy,
      `UPDATE public.outgoing_email SET to_address = (SELECT email FROM public.applicant WHERE id = $1)
     WHERE id = (SELECT id FROM public.outgoing_email ORDER BY id LIMIT 1)`,
      [plantedApplicants[0].into],
    );
    expect(realValues.length).toBeGreaterThanOrEqual(12);

    // The fixture itself: scanned as a database, the planted copy holds exactly the planted people.
    const direct = await scanned(['--target', copy]);
    expect(direct.code, direct.stderr).toBe(4);
    expect(direct.report?.breach?.people).toBe(4);
    expect(keysOf(direct.affected)).toEqual(everyone);

    await exportCopy(copy, leaked, '');
    // The files are what their tools write (tested as booleans: a failure must not print the files).
    const text = (kind: string) => readFile(leaked[kind]!, 'utf8');
    expect(/^COPY public\.applicant \(id, public_id,/m.test(await text('plain'))).toBe(true);
    expect(/^INSERT INTO public\.applicant VALUES \(/m.test(await text('inserts'))).toBe(true);
    expect((await readFile(leaked.custom!)).subarray(0, 5).toString()).toBe('PGDMP');
    expect((await text('csv')).startsWith('id,public_id,bsn,')).toBe(true);
    expect((await text('jsonl')).trim().split('\n').length).toBe(applicants);
  }, 600_000);

  interface Scanned {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
    readonly report: RunReport | undefined;
    /** The JSON and the HTML report, as written. */
    readonly reportText: string;
    readonly affected: AffectedRow[] | undefined;
  }

  /** `leakproof scan --fingerprints … <what> --report … --affected-out …`. */
  async function scanned(
    what: readonly string[],
    env?: Record<string, string | undefined>,
  ): Promise<Scanned> {
    const out = await tempDir();
    const report = join(out, 'breach.json');
    const affected = join(out, 'affected.csv');
    const run = await leakproof(
      [
        'scan',
        '--quiet',
        '--fingerprints',
        fingerprints,
        ...what,
        '--report',
        report,
        '--affected-out',
        affected,
      ],
      ...(env ? [env] : []),
    );
    const json = await readFile(report, 'utf8').catch(() => '');
    const html = await readFile(join(out, 'breach.html'), 'utf8').catch(() => '');
    return {
      ...run,
      report: json ? (JSON.parse(json) as RunReport) : undefined,
      reportText: json + html,
      affected: await readAffected(affected).catch(() => undefined),
    };
  }

  const scanFiles = (...paths: string[]) => scanned(['--file', ...paths]);

  /** The affected file's records as sorted `table:key`. */
  function keysOf(rows: readonly AffectedRow[] | undefined): string[] {
    return affectedRecords(rows ?? [])
      .map((r) => `${r.table}:${r.key}`)
      .sort();
  }

  /** Labels (never values) of the planted values `text` holds in clear. */
  function inClear(text: string): string[] {
    return realValues.filter((v) => text.includes(v.value)).map((v) => v.label);
  }

  /** What a scan of a file must report. */
  interface People {
    readonly people: number;
    /** The affected file's records, sorted `table:key`. */
    readonly keys: readonly string[];
    readonly subjectRecordsByTable: Readonly<Record<string, number>>;
  }

  interface Expected extends People {
    readonly file: string;
    readonly format: string;
  }

  const dumpExpected: People = {
    people: 4,
    keys: everyone,
    subjectRecordsByTable: { 'public.applicant': 3, 'public.staff': 1 },
  };
  const applicantExpected: People = {
    people: 3,
    keys: [...applicantKeys].sort(),
    subjectRecordsByTable: { 'public.applicant': 3 },
  };
  const cases: Expected[] = [
    { file: 'plain', format: 'pg-plain', ...dumpExpected },
    { file: 'inserts', format: 'pg-plain', ...dumpExpected },
    { file: 'custom', format: 'pg-custom', ...dumpExpected },
    { file: 'csv', format: 'csv', ...applicantExpected },
    { file: 'jsonl', format: 'jsonl', ...applicantExpected },
  ].flatMap((c) => [c, { ...c, file: `${c.file}.gz` }]);
  // A directory-format dump is a folder (its tables' data gzipped inside by pg_dump).
  cases.splice(6, 0, { file: 'directory', format: 'pg-custom', ...dumpExpected });

  describe.each(cases)('the $file export of the planted copy', (c) => {
    test(`reports exactly ${c.people} people and lists exactly their production keys`, async () => {
      const path = leaked[c.file]!;
      const run = await scanFiles(path);
      expect(run.code, run.stderr).toBe(4);
      expect(run.stderr).toContain('LP_LEAK_FOUND');
      const breach = run.report?.breach;
      expect(breach?.people).toBe(c.people);
      expect(breach?.subjectRecords).toBe(c.keys.length);
      expect(breach?.subjectRecordsByTable).toEqual(c.subjectRecordsByTable);
      expect(keysOf(run.affected)).toEqual(c.keys);
      expect(new Set(affectedRecords(run.affected ?? []).map((r) => r.person)).size).toBe(c.people);
      // The file is listed as read, in the format it is, gzipped or not; nothing left unread.
      expect(breach?.files?.skipped).toEqual([]);
      expect(breach?.files?.scanned).toHaveLength(1);
      expect(breach?.files?.scanned[0]).toMatchObject({
        path,
        format: c.format,
        gzip: c.file.endsWith('.gz'),
      });
      expect(breach?.files?.scanned[0]?.rows).toBeGreaterThanOrEqual(applicants);
      expect(run.report?.verification?.scanned.rows).toBeGreaterThanOrEqual(applicants);
      expect(inClear(run.stdout + run.stderr + run.reportText)).toEqual([]);
    });
  });

  describe.each(['plain', 'inserts', 'custom', 'directory', 'csv', 'jsonl', 'plain.gz', 'custom.gz'])(
    'the %s export of the clean copy',
    (file) => {
      test('holds nobody: exit 0, zero people, the file read', async () => {
        const run = await scanFiles(clean[file]!);
        expect(run.code, run.stderr).toBe(0);
        expect(run.report?.breach?.people).toBe(0);
        expect(run.report?.verification?.findings.total).toBe(0);
        expect(run.affected).toEqual([]);
        expect(run.report?.breach?.files?.scanned.map((f) => f.path)).toEqual([clean[file]]);
        expect(run.report?.verification?.scanned.rows).toBeGreaterThanOrEqual(applicants);
      });
    },
  );

  test('findings name the file (and the table of a dump), and no planted value is printed or reported in clear', async () => {
    const dump = await scanFiles(leaked.plain!);
    expect(dump.code, dump.stderr).toBe(4);
    const listed = dump.report?.verification?.findings.listed ?? [];
    expect(listed.length).toBeGreaterThan(0);
    for (const f of listed) expect(f.table.startsWith(`${leaked.plain}#`), f.table).toBe(true);
    const tables = Object.keys(dump.report?.breach?.recordsByTable ?? {});
    for (const t of tables) expect(t.startsWith(leaked.plain!), t).toBe(true);
    // The applicants, the member of staff and the linked e-mail, each under its own table of the dump.
    for (const name of ['applicant', 'staff', 'outgoing_email'])
      expect(
        tables.some((t) => t.endsWith(`.${name}`)),
        name,
      ).toBe(true);
    for (const p of dump.affected ?? [])
      for (const place of p.places) expect(place.startsWith(leaked.plain!), place).toBe(true);
    expect(dump.stderr).toContain(leaked.plain);
    expect(inClear(dump.stdout + dump.stderr + dump.reportText)).toEqual([]);
    for (const f of listed) expect(inClear(f.sample)).toEqual([]);

    const csv = await scanFiles(leaked.csv!);
    expect(csv.code, csv.stderr).toBe(4);
    const csvListed = csv.report?.verification?.findings.listed ?? [];
    expect(csvListed.length).toBeGreaterThan(0);
    for (const f of csvListed) expect(f.table).toBe(leaked.csv);
    expect(inClear(csv.stdout + csv.stderr + csv.reportText)).toEqual([]);
  });

  test('a folder is read recursively: its exports add up to the planted people, binaries left unread with a reason', async () => {
    const folder = join(await tempDir('leakproof-scan-folder-'), 'leak');
    await mkdir(join(folder, 'exports', 'old', 'deeper'), { recursive: true });
    const csv = join(folder, 'exports', 'applicant.csv');
    await writeFile(csv, await readFile(leaked.csv!));
    // The member of staff only, as JSON lines, gzipped, two folders down.
    const staff = await sql<{ line: string }>(
      copy,
      'SELECT row_to_json(t)::text AS line FROM public.staff t WHERE id = $1',
      [plantedStaff.into],
    );
    expect(staff.length).toBe(1);
    const jsonl = join(folder, 'exports', 'old', 'deeper', 'staff.jsonl.gz');
    await writeFile(jsonl, gzipSync(`${staff[0]!.line}\n`));
    // Binaries: a damaged PNG (its chunks random), random bytes (which may hold personal data in a
    // form no check sees) and control bytes (nothing to read). Their texts may be searched, as a
    // bytea's are, but none stops the scan, none is left out silently, and what was not (wholly)
    // read is listed as skipped, with why.
    const png = join(folder, 'logo.png');
    await writeFile(
      png,
      Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
        randomBytes(500),
      ]),
    );
    const noise = join(folder, 'exports', 'old', 'noise.bin');
    await writeFile(noise, Buffer.concat([Buffer.from([0, 1, 2, 3, 0, 0xff]), randomBytes(4096)]));
    const controls = join(folder, 'exports', 'controls.bin');
    await writeFile(
      controls,
      Buffer.from(Array.from({ length: 2048 }, (_, i) => [0, 1, 2, 3, 4, 5, 6][i % 7]!)),
    );
    const everyFile = [csv, jsonl, png, noise, controls].sort();

    const run = await scanFiles(folder);
    expect(run.code, run.stderr).toBe(4);
    expect(run.report?.breach?.people).toBe(4);
    expect(keysOf(run.affected)).toEqual(everyone);
    const files = run.report?.breach?.files;
    const scannedPaths = files?.scanned.map((f) => f.path) ?? [];
    const skippedPaths = files?.skipped.map((f) => f.path) ?? [];
    // Every file of the folder, however deep, is accounted for; nothing else is.
    expect([...new Set([...scannedPaths, ...skippedPaths])].sort()).toEqual(everyFile);
    expect(files?.scanned.find((f) => f.path === csv)).toMatchObject({ format: 'csv', gzip: false });
    expect(files?.scanned.find((f) => f.path === jsonl)).toMatchObject({ format: 'jsonl', gzip: true });
    for (const f of files?.scanned ?? [])
      if (f.path !== csv && f.path !== jsonl) expect(f.format, f.path).toBe('binary');
    // Nothing to read: skipped, not scanned. Random bytes: not (wholly) read, so skipped with why.
    expect(scannedPaths).not.toContain(controls);
    expect(skippedPaths).toContain(controls);
    expect(skippedPaths).toContain(noise);
    expect(skippedPaths).not.toContain(csv);
    expect(skippedPaths).not.toContain(jsonl);
    for (const skipped of files?.skipped ?? [])
      expect(skipped.reason, skipped.path).toMatch(/binary|no text|not a dump/);
    expect(inClear(run.stdout + run.stderr + run.reportText)).toEqual([]);
  });

  test('several files at once: one person found in several files is one person', async () => {
    const run = await scanFiles(leaked.csv!, leaked['jsonl.gz']!, leaked.custom!);
    expect(run.code, run.stderr).toBe(4);
    expect(run.report?.breach?.people).toBe(4);
    expect(keysOf(run.affected)).toEqual(everyone);
    expect(run.report?.breach?.files?.scanned).toHaveLength(3);
  });

  /** Other shapes the same data leaves in: each built from the planted copy by `make(path)`. */
  const shapes: {
    name: string;
    file: string;
    format: string;
    expected: People;
    make: (path: string) => Promise<void>;
  }[] = [
    {
      name: 'a dump of multi-row INSERTs with column names',
      file: 'copy-columns.sql',
      format: 'pg-plain',
      expected: dumpExpected,
      make: async (path) => {
        await tool('pg_dump', ['--column-inserts', '--rows-per-insert=50', '--file', path, copy]);
      },
    },
    {
      name: "a plain dump gzipped by pg_dump's own --compress",
      file: 'copy-compressed.sql.gz',
      format: 'pg-plain',
      expected: dumpExpected,
      make: async (path) => {
        await tool('pg_dump', ['--format=plain', '--compress=6', '--file', path, copy]);
      },
    },
    {
      name: 'a JSON array export',
      file: 'applicant.json',
      format: 'json',
      expected: applicantExpected,
      make: async (path) => {
        const query = 'SELECT json_agg(t) FROM (SELECT * FROM public.applicant ORDER BY id) t';
        await writeFile(path, await tool('psql', ['-X', '-q', '-A', '-t', '-d', copy, '-c', query]));
      },
    },
    {
      name: 'a TSV export with a header',
      file: 'applicant.tsv',
      format: 'tsv',
      expected: applicantExpected,
      make: async (path) => {
        const query =
          "COPY (SELECT * FROM public.applicant ORDER BY id) TO STDOUT WITH (FORMAT csv, HEADER, DELIMITER E'\\t')";
        await writeFile(path, await tool('psql', ['-X', '-q', '-d', copy, '-c', query]));
      },
    },
    {
      name: 'a CSV export with CRLF line ends and no header',
      file: 'applicant-windows.csv',
      format: 'csv',
      expected: applicantExpected,
      make: async (path) => {
        const lines = (await readFile(leaked.csv!, 'utf8')).split('\n').slice(1);
        await writeFile(path, lines.join('\r\n'));
      },
    },
  ];

  describe.each(shapes)('$name of the planted copy', (shape) => {
    test('reports exactly the planted people and their production keys', async () => {
      const path = join(await tempDir('leakproof-scan-shape-'), shape.file);
      await shape.make(path);
      const run = await scanFiles(path);
      expect(run.code, run.stderr).toBe(4);
      expect(run.report?.breach?.people).toBe(shape.expected.people);
      expect(run.report?.breach?.subjectRecordsByTable).toEqual(shape.expected.subjectRecordsByTable);
      expect(keysOf(run.affected)).toEqual(shape.expected.keys);
      expect(run.report?.breach?.files?.scanned).toHaveLength(1);
      expect(run.report?.breach?.files?.scanned[0]).toMatchObject({ path, format: shape.format });
      expect(inClear(run.stdout + run.stderr + run.reportText)).toEqual([]);
    });
  });

  describe.skipIf(!mysqlReady)('a mysqldump', () => {
    test('of a table of the copy with the planted applicants reports exactly them', async () => {
      const target = await createMysqlDatabase();
      const columns = [
        'id',
        'first_name',
        'last_name',
        'email',
        'phone',
        'bsn',
        'iban',
        'street',
        'house_number',
        'postcode',
        'city',
        'date_of_birth',
      ];
      const rows = (await readFile(leaked.csv!, 'utf8'))
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => csvFields(l));
      const [header, ...data] = rows;
      const at = columns.map((c) => header!.indexOf(c));
      expect(at.every((i) => i >= 0)).toBe(true);
      await mysqlExec(
        target,
        `CREATE TABLE applicant (id bigint PRIMARY KEY, first_name varchar(60), last_name varchar(80),
         email varchar(254), phone varchar(20), bsn varchar(9), iban varchar(34), street varchar(100),
         house_number varchar(10), postcode varchar(7), city varchar(60), date_of_birth date)
         CHARACTER SET utf8mb4;
       INSERT INTO applicant VALUES ${data
         .map((r) =>
           mysql.format(
             `(${at.map(() => '?').join(', ')})`,
             at.map((i) => r[i] || null),
           ),
         )
         .join(', ')};`,
      );
      const u = new URL(mysqlServerUrl());
      const file = join(dir, 'mysql.sql');
      await writeFile(
        file,
        await tool('mysqldump', [
          '--host',
          u.hostname,
          '--port',
          u.port || '3306',
          '--user',
          decodeURIComponent(u.username),
          ...(u.password ? [`--password=${decodeURIComponent(u.password)}`] : []),
          new URL(target).pathname.slice(1),
        ]),
      );
      expect(/^INSERT INTO `applicant` VALUES/m.test(await readFile(file, 'utf8'))).toBe(true);
      const gz = await gzipped(file);
      for (const path of [file, gz]) {
        const run = await scanFiles(path);
        expect(run.code, run.stderr).toBe(4);
        expect(run.report?.breach?.people).toBe(3);
        expect(keysOf(run.affected)).toEqual([...applicantKeys].sort());
        expect(run.report?.breach?.files?.scanned[0]).toMatchObject({
          path,
          format: 'mysqldump',
          gzip: path === gz,
        });
        expect(inClear(run.stdout + run.stderr + run.reportText)).toEqual([]);
      }
    });
  });

  test('a path that does not exist is LP_FILE_UNREADABLE naming it, alone or beside a readable file', async () => {
    const missing = join(dir, 'no-such-dump.sql');
    for (const paths of [[missing], [leaked.csv!, missing]]) {
      const run = await scanFiles(...paths);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain('LP_FILE_UNREADABLE');
      expect(run.stderr).toContain(missing);
      expect(run.report?.outcome).toBe('failed');
      expect(run.report?.error?.code).toBe('LP_FILE_UNREADABLE');
      expect(inClear(run.stdout + run.stderr + run.reportText)).toEqual([]);
    }
  });

  test('a gzipped dump cut short is LP_FILE_UNREADABLE, not the people of its first half', async () => {
    const whole = await readFile(leaked['plain.gz']!);
    const cut = join(dir, 'cut-short.sql.gz');
    await writeFile(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const run = await scanFiles(cut);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('LP_FILE_UNREADABLE');
    expect(run.stderr).toContain(cut);
    expect(run.report?.error?.code).toBe('LP_FILE_UNREADABLE');
    expect(inClear(run.stdout + run.stderr + run.reportText)).toEqual([]);
  });

  test('a custom-format dump without pg_restore on PATH fails with LP_FILE_UNREADABLE naming pg_restore', async () => {
    // pg_restore is looked up on the command's own PATH (the CLI's environment, as a shell gives it):
    // a folder without it. The process's PATH is left alone.
    const env = { LEAKPROOF_KEY: TEST_KEY, PATH: await tempDir('leakproof-no-tools-') };
    for (const file of [leaked.custom!, leaked['custom.gz']!, leaked.directory!]) {
      const run = await scanned(['--file', file], env);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain('LP_FILE_UNREADABLE');
      expect(run.report?.error?.code).toBe('LP_FILE_UNREADABLE');
      expect(run.stderr).toContain('pg_restore');
      expect(run.stderr).toContain(file);
      expect(inClear(run.stdout + run.stderr + run.reportText)).toEqual([]);
    }
    // A plain dump, gzipped or not, needs no tool.
    for (const file of [leaked.plain!, leaked['plain.gz']!]) {
      const run = await scanned(['--file', file], env);
      expect(run.code, run.stderr).toBe(4);
      expect(run.report?.breach?.people).toBe(4);
    }
  });
});
