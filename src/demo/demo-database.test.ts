/**
 * Builds small demo databases in in-memory PGlite and checks shape, validity and determinism.
 * Assertions compare counts, never row values, so a failure prints no generated personal data.
 */
import { PGlite } from '@electric-sql/pglite';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDutchPostcode, isEmail, isPhoneNumber, isValidBsn, isValidIban } from '../core/detectors.js';
import { LeakproofError } from '../errors.js';
import { buildDemoDatabase, type DemoSummary, demoSchemaSql, demoTables } from './demo-database.js';

const applicants = 300;
let db: PGlite;
let summary: DemoSummary;

async function column<T>(sql: string): Promise<T[]> {
  return (await db.query<{ v: T }>(sql)).rows.map((r) => r.v);
}

async function count(sql: string): Promise<number> {
  return (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) AS q`)).rows[0]?.n ?? -1;
}

beforeAll(async () => {
  db = new PGlite();
  const progress: number[] = [];
  summary = await buildDemoDatabase(db, { applicants, seed: 7, onProgress: (done) => progress.push(done) });
  expect(progress.at(-1)).toBe(Object.values(summary).reduce((a, b) => a + b, 0));
});
afterAll(async () => {
  await db.close();
});

describe('buildDemoDatabase', () => {
  it('loads every table, with the counts it reports and plausible proportions', async () => {
    expect(Object.keys(summary)).toEqual([...demoTables]);
    for (const table of demoTables) expect(await count(`SELECT 1 FROM ${table}`), table).toBe(summary[table]);
    const s = summary;
    expect(s['public.applicant']).toBe(applicants);
    expect(s['public.application'] / applicants).toBeGreaterThan(1.2);
    expect(s['public.application'] / applicants).toBeLessThan(1.8);
    expect(s['public.diploma']).toBeGreaterThan(s['public.application']);
    for (const table of demoTables) expect(s[table], table).toBeGreaterThan(0);
  });

  it('gives every applicant a unique BSN from the 999 test range that passes the 11-proef', async () => {
    const bsns = await column<string>('SELECT bsn AS v FROM public.applicant WHERE bsn IS NOT NULL');
    expect(bsns.length).toBeGreaterThan(applicants * 0.9);
    expect(bsns.filter((b) => !isValidBsn(b) || !b.startsWith('999')).length).toBe(0);
    expect(new Set(bsns).size).toBe(bsns.length);
  });

  it('writes IBANs, phone numbers, postcodes and e-mail addresses that pass the detectors', async () => {
    const ibans = await column<string>('SELECT iban AS v FROM public.applicant WHERE iban IS NOT NULL');
    expect(ibans.filter((i) => !isValidIban(i) || !i.startsWith('NL')).length).toBe(0);

    const phones = await column<string>(`
      SELECT phone AS v FROM public.applicant WHERE phone IS NOT NULL
      UNION ALL SELECT extra #>> '{contact,emergency_contact,phone}' FROM public.applicant
        WHERE extra #> '{contact,emergency_contact}' IS NOT NULL
      UNION ALL SELECT old_values ->> 'phone' FROM audit.audit_log WHERE old_values ? 'phone'`);
    expect(phones.length).toBeGreaterThan(applicants);
    // isPhoneNumber also accepts pagers (066); these must be mobiles.
    const mobile = (p: string) =>
      isPhoneNumber(p) && parsePhoneNumberFromString(p, 'NL')?.getType() === 'MOBILE';
    expect(phones.filter((p) => !mobile(p)).length).toBe(0);
    const others = await column<string>('SELECT unnest(alt_phone_numbers) AS v FROM public.applicant');
    expect(others.length).toBeGreaterThan(0);
    expect(others.filter((p) => !isPhoneNumber(p)).length).toBe(0);

    const postcodes = await column<string>(`
      SELECT postcode AS v FROM public.applicant
      UNION ALL SELECT old_values ->> 'postcode' FROM audit.audit_log WHERE old_values ? 'postcode'`);
    expect(postcodes.filter((p) => !isDutchPostcode(p)).length).toBe(0);

    const emails = await column<string>(`
      SELECT email AS v FROM public.applicant UNION ALL SELECT unnest(email_aliases) FROM public.applicant
      UNION ALL SELECT email FROM public.staff UNION ALL SELECT to_address FROM public.outgoing_email`);
    expect(emails.filter((e) => !isEmail(e)).length).toBe(0);
  });

  it('mentions the related person by their actual name in free text, file names and bytes', async () => {
    const a = 'JOIN public.applicant p ON p.id';
    // Every e-mail greets its recipient; diplomas print 'LAST, First'.
    expect(
      await count(`SELECT 1 FROM public.outgoing_email e ${a} = e.applicant_id
      WHERE strpos(e.body, p.first_name || ' ' || p.last_name) = 0`),
    ).toBe(0);
    expect(
      await count(`SELECT 1 FROM public.diploma d JOIN public.application x ON x.id = d.application_id
      ${a} = x.applicant_id WHERE d.name_on_diploma <> upper(p.last_name) || ', ' || p.first_name`),
    ).toBe(0);
    const notes = await count('SELECT 1 FROM public.note');
    const named = await count(`SELECT 1 FROM public.note n ${a} = n.applicant_id
      WHERE strpos(n.body, p.last_name) > 0 OR strpos(n.body, p.first_name) > 0 OR strpos(n.body, p.email) > 0`);
    expect(named / notes).toBeGreaterThan(0.5);
    // File names such as diploma_<Last>_<First>.pdf, and the name inside the uploaded bytes.
    const docs = `FROM public.document d JOIN public.application x ON x.id = d.application_id ${a} = x.applicant_id`;
    expect(
      await count(`SELECT 1 ${docs} WHERE d.filename LIKE 'diploma\\_%'
      AND strpos(d.filename, replace(p.last_name, ' ', '_') || '_' || replace(p.first_name, ' ', '_')) = 0`),
    ).toBe(0);
    expect(await count(`SELECT 1 ${docs} WHERE d.filename LIKE 'diploma\\_%'`)).toBeGreaterThan(0);
    expect(
      await count(`SELECT 1 ${docs}
      WHERE position(convert_to(p.first_name || ' ' || p.last_name, 'UTF8') IN d.content) > 0`),
    ).toBeGreaterThan(0);
    expect(
      await count(`SELECT 1 FROM public.evaluation e JOIN public.application x ON x.id = e.application_id
      ${a} = x.applicant_id WHERE strpos(e.remarks, p.last_name) > 0`),
    ).toBeGreaterThan(0);
  });

  it('stores documents whose size and SHA-256 match their bytes, with real file signatures', async () => {
    expect(
      await count(`SELECT 1 FROM public.document
      WHERE size_bytes <> length(content) OR sha256 <> encode(sha256(content), 'hex')`),
    ).toBe(0);
    const signatures =
      await column<string>(`SELECT DISTINCT mime_type || ' ' || encode(substring(content FROM 1 FOR 4), 'hex') AS v
      FROM public.document ORDER BY 1`);
    expect(signatures).toEqual(
      expect.arrayContaining(['application/pdf 25504446', 'image/jpeg ffd8ffe0', 'image/png 89504e47']),
    );
  });

  it('creates the schema features the copy engine must carry over', async () => {
    const fks = await column<number>(`SELECT array_length(conkey, 1) AS v FROM pg_constraint c
      JOIN pg_namespace n ON n.oid = c.connamespace WHERE contype = 'f' AND nspname IN ('public', 'audit')`);
    expect(fks.length).toBeGreaterThanOrEqual(17);
    expect(fks.filter((k) => k === 2).length).toBe(2);
    expect(await count(`SELECT 1 FROM pg_constraint WHERE contype = 'f' AND conrelid = confrelid`)).toBe(2);
    expect(
      await count(`SELECT 1 FROM pg_attribute WHERE attrelid = 'public.applicant'::regclass
      AND attname = 'display_name' AND attgenerated = 's'`),
    ).toBe(1);
    expect(
      await column<string>(`SELECT attidentity::text AS v FROM pg_attribute
      WHERE attidentity <> '' AND attrelid::regclass::text IN ('staff', 'applicant') ORDER BY 1`),
    ).toEqual(['a', 'd']);
    expect(
      await count(`SELECT 1 FROM pg_type WHERE typtype = 'e' AND typnamespace = 'public'::regnamespace`),
    ).toBe(3);
    expect(
      await count(`SELECT 1 FROM pg_type WHERE typtype = 'd' AND typnamespace = 'public'::regnamespace`),
    ).toBe(2);
    expect(await count(`SELECT 1 FROM pg_views WHERE viewname = 'open_application_overview'`)).toBe(1);
    const stats = await column<number>('SELECT sum(applications)::int AS v FROM public.application_stats');
    expect(stats[0]).toBe(summary['public.application']);
  });

  it('moves every sequence past the ids it loaded', async () => {
    for (const table of ['public.applicant', 'public.application', 'public.document', 'audit.audit_log']) {
      const [next] = await column<number>(
        `SELECT nextval(pg_get_serial_sequence('${table}', 'id'))::int AS v`,
      );
      const [max] = await column<number>(`SELECT max(id)::int AS v FROM ${table}`);
      expect(next, table).toBe((max ?? 0) + 1);
    }
    const [reference] = await column<string>(`SELECT nextval('public.application_reference_seq')::text AS v`);
    expect(Number(reference)).toBe(summary['public.application'] + 1);
  });

  it('enforces its foreign keys', async () => {
    await expect(
      db.query(
        `INSERT INTO public.note (applicant_id, author_id, body, created_at) VALUES (999999, 1, 'x', now())`,
      ),
    ).rejects.toMatchObject({ code: '23503' });
    await expect(
      db.query(`INSERT INTO public.document (application_id, diploma_seq, kind, filename, mime_type, size_bytes,
        sha256, content, uploaded_at) VALUES (1, 99, 'cv', 'x', 'x', 0, repeat('0', 64), '', now())`),
    ).rejects.toMatchObject({ code: '23503' });
  });

  it('refuses a database that already holds the demo, and bad options', async () => {
    await expect(buildDemoDatabase(db, { applicants: 5 })).rejects.toMatchObject({
      code: 'LP_TARGET_OCCUPIED',
    });
    await expect(buildDemoDatabase(db, { applicants: 0 })).rejects.toBeInstanceOf(LeakproofError);
    await expect(buildDemoDatabase(db, { applicants: 1.5 })).rejects.toMatchObject({ code: 'LP_USAGE' });
  });

  it('builds a one-applicant demo, where tables may stay empty', async () => {
    const tiny = new PGlite();
    try {
      const counts = await buildDemoDatabase(tiny, { applicants: 1, seed: 1 });
      expect(counts['public.applicant']).toBe(1);
      expect(counts['public.staff']).toBeGreaterThan(0);
    } finally {
      await tiny.close();
    }
  });

  it('exports DDL that creates the empty schema on its own', async () => {
    const empty = new PGlite();
    try {
      await empty.exec(demoSchemaSql);
      expect(
        (await empty.query<{ n: number }>('SELECT count(*)::int AS n FROM public.applicant')).rows[0]?.n,
      ).toBe(0);
    } finally {
      await empty.close();
    }
  });
});
