/**
 * Leaks of the kinds real data holds, planted one at a time into a database that copies clean with
 * `init`'s draft (the `registry` fixture): each goes into a column the policy keeps, so it surely
 * survives into the target, and `copy` must refuse (exit 4) naming that column. A control run with
 * every planting column kept but nothing planted shows those columns are clean on their own, so a
 * case passes only because the check saw the planted value. Values are the source's own (a real
 * applicant's phone, surname, name); nothing is printed but tables, columns, kinds and counts.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { pdf } from '../fixtures/oracle/fixture-files.js';
import { createFixture } from '../fixtures/oracle/index.js';
import { fold } from '../oracle/fold.js';
import { listedNames } from '../oracle/name-lists.js';
import { leakproof, leakproofCopy, tempDir } from '../support/cli.js';
import { createDatabase, dropAll, sql } from '../support/postgres.js';

afterAll(dropAll);

interface ReportFindings {
  readonly byColumn?: Readonly<Record<string, number>>;
  readonly byKind?: Readonly<Record<string, number>>;
  readonly listed?: readonly { table: string; column: string; kind: string }[];
}

interface Run {
  readonly code: number;
  readonly stderr: string;
  readonly findings: ReportFindings;
}

interface Applicant {
  readonly id: number;
  readonly first_name: string;
  readonly last_name: string;
  readonly phone: string | null;
}

let dir = '';
let draft: { tables: Record<string, { columns: Record<string, unknown> } | 'skip'> };
/** Columns the control run (everything below kept, nothing planted) named. */
let controlNamed = new Set<string>();
let controlCode = -1;
let clean: Run = { code: -1, stderr: '', findings: {} };
let people: {
  invalidPhone: Applicant;
  compactPhone: Applicant;
  rare: Applicant;
  rareAccented: Applicant;
  listedPair: Applicant;
};

/** The columns the cases plant into, `[table key in the policy, column]`. */
const plantColumns = [
  ['public.case_note', 'body'],
  ['public.attachment', 'file_name'],
  ['public.attachment', 'content'],
  ['public.attachment', 'meta'],
  ['public.attachment', 'labels'],
  ['public.attachment', 'portal_url'],
  ['public.attachment', 'payload'],
] as const;

async function policyKeeping(keep: readonly (readonly [string, string])[]): Promise<string> {
  const policy = structuredClone(draft);
  for (const [table, column] of keep) {
    const entry = policy.tables[table];
    if (!entry || entry === 'skip') throw new Error(`the draft has no columns for ${table}`);
    entry.columns[column] = 'keep';
  }
  const file = join(dir, `policy-${keep.map(([t, c]) => `${t}.${c}`).join('-') || 'draft'}.yaml`);
  await writeFile(file, stringify(policy));
  return file;
}

async function copy(source: string, policy: string): Promise<Run> {
  const target = await createDatabase();
  const report = join(await tempDir(), 'report.json');
  const run = await leakproofCopy({ source, target, policy, report });
  const json = JSON.parse(await readFile(report, 'utf8')) as { verification?: { findings?: ReportFindings } };
  return { code: run.code, stderr: run.stderr, findings: json.verification?.findings ?? {} };
}

function named(findings: ReportFindings): Set<string> {
  const out = new Set(Object.keys(findings.byColumn ?? {}));
  for (const f of findings.listed ?? []) for (const c of f.column.split('+')) out.add(`${f.table}.${c}`);
  return out;
}

const folded = (s: string) => fold(s);
const isRare = (word: string) => !listedNames().has(folded(word));

beforeAll(async () => {
  dir = await tempDir();
  const source = await createFixture('registry');
  const policy = join(dir, 'draft.yaml');
  const init = await leakproof(['init', '--source', source, '--out', policy]);
  expect(init.code, init.stderr).toBe(0);
  draft = parse(await readFile(policy, 'utf8'));

  const all = await sql<Applicant & Record<string, unknown>>(
    source,
    'SELECT id, first_name, last_name, phone FROM applicant ORDER BY id',
  );
  const surnameCount = new Map<string, number>();
  for (const a of all)
    surnameCount.set(folded(a.last_name), (surnameCount.get(folded(a.last_name)) ?? 0) + 1);
  const rareOnes = all.filter(
    (a) =>
      /^\p{L}{6,}$/u.test(a.last_name) && isRare(a.last_name) && surnameCount.get(folded(a.last_name)) === 1,
  );
  const pick = (what: string, found: Applicant | undefined): Applicant => {
    if (!found) throw new Error(`the registry fixture has no applicant for: ${what}`);
    return found;
  };
  people = {
    invalidPhone: pick(
      'a 06-0 phone',
      all.find((a) => /^06-0\d{7}$/.test(a.phone ?? '')),
    ),
    compactPhone: pick(
      'a compact invalid phone',
      all.find((a) => /^060\d{7}$/.test(a.phone ?? '')),
    ),
    rare: pick('a rare unique surname', rareOnes[0]),
    rareAccented: pick(
      'a rare surname with an accent',
      rareOnes.find((a) => /[^\p{ASCII}]/u.test(a.last_name)),
    ),
    listedPair: pick(
      'a first and last name both in faker lists',
      all.find((a) => !isRare(a.first_name) && !isRare(a.last_name) && /^\p{L}+$/u.test(a.last_name)),
    ),
  };

  clean = await copy(source, policy);

  const control = await copy(await createFixture('registry'), await policyKeeping(plantColumns));
  controlCode = control.code;
  controlNamed = named(control.findings);
}, 120_000);

test("init's unedited draft copies the registry clean", () => {
  expect(clean.code, clean.stderr).toBe(0);
});

test('control: every planting column kept, nothing planted, copies clean', () => {
  expect(controlCode, `the control named: ${[...controlNamed].join(', ')}`).toBe(0);
});

interface PlantedCase {
  readonly name: string;
  /** The column the leak goes into (kept by the policy so it survives). */
  readonly column: readonly [string, string];
  /** Changes rows of a fresh copy of the registry; resolves to the rows it changed. */
  readonly plant: (source: string) => Promise<readonly unknown[]>;
  readonly kind?: string;
}

const fullName = (a: Applicant) => `${a.first_name} ${a.last_name}`;
const firstNoteOf = (id: number) => `(SELECT min(id) FROM case_note WHERE applicant_id = ${id})`;

const cases: PlantedCase[] = [
  {
    name: "a real applicant's phone that no numbering plan accepts (06-0…), inside a free-text note",
    column: ['public.case_note', 'body'],
    plant: (s) =>
      sql(
        s,
        `UPDATE case_note SET body = $1 WHERE id = ${firstNoteOf(people.invalidPhone.id)} RETURNING id`,
        [`Belde terug op ${people.invalidPhone.phone}, graag na 16:00 bellen.`],
      ),
  },
  {
    name: 'a rare real surname inside a file name joined by underscores (paspoort_<surname>_43.pdf)',
    column: ['public.attachment', 'file_name'],
    plant: (s) =>
      sql(s, 'UPDATE attachment SET file_name = $1 WHERE applicant_id = $2 RETURNING id', [
        `paspoort_${people.rare.last_name.toLowerCase()}_43.pdf`,
        people.rare.id,
      ]),
  },
  {
    name: 'a kept column that identifies a person on its own (one diploma number per applicant, FK-linked)',
    column: ['public.diploma', 'diploma_number'],
    plant: async () => [{}],
    kind: 'kept identifier',
  },
  {
    name: 'plain text inside a bytea that starts like a PDF (%PDF-1.4 Naam: <first> <last>)',
    column: ['public.attachment', 'content'],
    plant: (s) =>
      sql(s, 'UPDATE attachment SET content = $1 WHERE applicant_id = $2 RETURNING id', [
        Buffer.from(`%PDF-1.4\nNaam: ${fullName(people.listedPair)}\nDossier compleet.\n%%EOF\n`, 'utf8'),
        people.listedPair.id,
      ]),
  },
  {
    name: 'a name inside a Flate-compressed PDF content stream',
    column: ['public.attachment', 'content'],
    plant: (s) =>
      sql(s, 'UPDATE attachment SET content = $1 WHERE applicant_id = $2 RETURNING id', [
        pdf(['Ontvangstbevestiging', `Naam: ${fullName(people.rare)}`], true),
        people.rare.id,
      ]),
  },
  {
    name: 'a full name as a JSON object key',
    column: ['public.attachment', 'meta'],
    plant: (s) =>
      sql(
        s,
        'UPDATE attachment SET meta = meta || jsonb_build_object($1::text, $2::text) WHERE applicant_id = $3 RETURNING id',
        [fullName(people.rare), 'approved', people.rare.id],
      ),
  },
  {
    name: 'a rare surname as a text[] array element',
    column: ['public.attachment', 'labels'],
    plant: (s) =>
      sql(
        s,
        'UPDATE attachment SET labels = labels || ARRAY[$1::text] WHERE applicant_id = $2 RETURNING id',
        [people.rare.last_name, people.rare.id],
      ),
  },
  {
    name: 'a name inside a URL query string, percent-encoded',
    column: ['public.attachment', 'portal_url'],
    plant: (s) =>
      sql(s, 'UPDATE attachment SET portal_url = $1 WHERE applicant_id = $2 RETURNING id', [
        `https://portal.example.org/lookup?name=${encodeURIComponent(fullName(people.rareAccented))}&lang=nl`,
        people.rareAccented.id,
      ]),
  },
  {
    name: 'base64 of a text holding a real name and phone number',
    column: ['public.attachment', 'payload'],
    plant: (s) =>
      sql(s, 'UPDATE attachment SET payload = $1 WHERE applicant_id = $2 RETURNING id', [
        Buffer.from(
          `Contact: ${fullName(people.invalidPhone)}, tel ${people.invalidPhone.phone}`,
          'utf8',
        ).toString('base64'),
        people.invalidPhone.id,
      ]),
  },
  {
    name: 'a real full name in UPPER CASE',
    column: ['public.case_note', 'body'],
    plant: (s) =>
      sql(s, `UPDATE case_note SET body = $1 WHERE id = ${firstNoteOf(people.rare.id)} RETURNING id`, [
        `BRIEF VERSTUURD AAN ${fullName(people.rare).toUpperCase()}`,
      ]),
  },
  {
    name: 'a phone number with its digits grouped differently (+31 6 01 23 45 67 for 0601234567)',
    column: ['public.case_note', 'body'],
    plant: (s) => {
      const digits = (people.compactPhone.phone ?? '').slice(1);
      const regrouped = `+31 ${digits.slice(0, 1)} ${digits.slice(1).replace(/(\d\d)(?=\d)/g, '$1 ')}`;
      return sql(
        s,
        `UPDATE case_note SET body = $1 WHERE id = ${firstNoteOf(people.compactPhone.id)} RETURNING id`,
        [`Nieuw nummer: ${regrouped}`],
      );
    },
  },
];

describe('a planted leak makes copy refuse, naming its column', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const column = `${c.column[0]}.${c.column[1]}`;
    expect(
      controlNamed.has(column),
      `${column} is named without a plant, so this case would prove nothing; see the control test`,
    ).toBe(false);
    const source = await createFixture('registry');
    expect((await c.plant(source)).length, 'the plant changed no row').toBeGreaterThan(0);
    const run = await copy(source, await policyKeeping([c.column]));
    expect(run.code, `copy did not refuse:\n${run.stderr}`).toBe(4);
    expect([...named(run.findings)], run.stderr).toContain(column);
    if (c.kind) {
      const [table, col] = [c.column[0], c.column[1]];
      const kinds = (run.findings.listed ?? [])
        .filter((f) => f.table === table && f.column === col)
        .map((f) => f.kind);
      expect(kinds, run.stderr).toContain(c.kind);
    }
  });
});
