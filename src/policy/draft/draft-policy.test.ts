import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ColumnModel, TableModel } from '../../schema/model.js';
import { fits } from './classify.js';
import { type DraftPolicy, draftPolicy } from './draft-policy.js';
import { renderPolicyYaml } from './render-yaml.js';
import { col, database, table } from './test-support-schema.js';
import * as v from './test-support-values.js';

const rng = v.random(2026);
const n = 60;
const applicantBsns = v.many(n, () => v.bsn(rng));

const schema = database([
  table(
    'public.applicant',
    [
      col('id', 'integer', { identity: 'always' }),
      col('bsn', 'character varying(9)', { nullable: false, unique: true }),
      col('first_name', 'text'),
      col('tussenvoegsel', 'text'),
      col('last_name', 'text'),
      col('birth_date', 'date'),
      col('email', 'text', { unique: true }),
      col('telefoon', 'character varying(20)'),
      col('iban', 'text'),
      col('street', 'text'),
      col('house_number', 'integer'),
      col('postcode', 'text'),
      col('city', 'text'),
      col('nationality', 'character(2)'),
      col('extra_contacts', 'text[]'),
      col('aliases', 'text[]'),
      col('motivation', 'text'),
      col('photo', 'bytea'),
      col('cv', 'bytea'),
      col('last_login_ip', 'inet'),
      col('search_name', 'text', { generatedExpr: "lower(first_name || ' ' || last_name)" }),
      col('created_at', 'timestamp with time zone'),
    ],
    { primaryKey: ['id'] },
  ),
  table('public.country', [col('code', 'character(2)'), col('name', 'text')], { primaryKey: ['code'] }),
  table(
    'public.institution',
    [
      col('id', 'integer'),
      col('name', 'text'),
      col('city', 'text'),
      col('email', 'text'),
      col('country_code', 'character(2)'),
    ],
    {
      primaryKey: ['id'],
      foreignKeys: [{ columns: ['country_code'], references: 'public.country', referencedColumns: ['code'] }],
    },
  ),
  table(
    'public.diploma',
    [
      col('id', 'integer'),
      col('applicant_id', 'integer', { nullable: false }),
      // Empty in the sample and named for nothing: only its foreign key says it holds a BSN.
      col('holder_ref', 'character varying(9)'),
      col('institution_id', 'integer'),
      col('title', 'text'),
      col('issued_on', 'date'),
    ],
    {
      primaryKey: ['id'],
      foreignKeys: [
        { columns: ['applicant_id'], references: 'public.applicant', referencedColumns: ['id'] },
        { columns: ['holder_ref'], references: 'public.applicant', referencedColumns: ['bsn'] },
        { columns: ['institution_id'], references: 'public.institution', referencedColumns: ['id'] },
      ],
    },
  ),
  table('public.reviewer', [col('id', 'integer'), col('name', 'text')], { primaryKey: ['id'] }),
  table(
    'audit.audit_log',
    [
      col('id', 'bigint', { identity: 'by default' }),
      col('actor', 'text'),
      col('action', 'text'),
      col('row_data', 'jsonb'),
      col('details', 'text'),
      col('client_ip', 'inet', { nullable: false }),
      col('happened_at', 'timestamp without time zone'),
    ],
    { primaryKey: ['id'] },
  ),
]);

const generators: Record<string, (i: number) => string> = {
  'applicant.id': (i) => String(i + 1),
  'applicant.bsn': (i) => applicantBsns[i]!,
  'applicant.first_name': () => v.firstNames[Math.floor(rng() * v.firstNames.length)]!,
  'applicant.tussenvoegsel': () => 'van der',
  'applicant.last_name': () => v.lastNames[Math.floor(rng() * v.lastNames.length)]!,
  'applicant.birth_date': () => v.birthDate(rng),
  'applicant.email': (i) => v.email(rng, i),
  'applicant.telefoon': () => v.phone(rng),
  'applicant.iban': () => v.iban(rng),
  'applicant.street': () => v.street(rng),
  'applicant.house_number': (i) => String(i + 3),
  'applicant.postcode': () => v.postcode(rng),
  'applicant.city': () => v.city(rng),
  'applicant.nationality': (i) => ['NL', 'BE', 'SY'][i % 3]!,
  'applicant.extra_contacts': (i) => v.arrayLiteral([v.email(rng, i), v.email(rng, i + 100)]),
  'applicant.aliases': () => v.arrayLiteral([v.fullName(rng)]),
  'applicant.motivation': (i) => v.note(rng, i),
  'applicant.photo': () => v.byteaBinary(rng),
  'applicant.cv': (i) => v.byteaText(`Curriculum vitae of ${v.fullName(rng)}, number ${i}`),
  'applicant.last_login_ip': (i) => `10.20.${i}.7`,
  'applicant.search_name': () => `${v.fullName(rng).toLowerCase()}`,
  'applicant.created_at': (i) => `2025-01-${String((i % 28) + 1).padStart(2, '0')} 10:00:00+00`,
  'country.code': (i) => ['NL', 'BE', 'DE', 'FR'][i % 4]!,
  'country.name': (i) => ['Netherlands', 'Belgium', 'Germany', 'France'][i % 4]!,
  'institution.id': (i) => String(i + 1),
  'institution.name': (i) => `Hogeschool ${v.city(rng)} ${i}`,
  'institution.city': () => v.city(rng),
  'institution.email': (i) => `office${i}@example.org`,
  'institution.country_code': () => 'NL',
  'diploma.id': (i) => String(i + 1),
  'diploma.applicant_id': (i) => String(i + 1),
  'diploma.institution_id': (i) => String((i % 5) + 1),
  'diploma.title': (i) => ['Bachelor Chemistry', 'Master Law', 'Doctorate Physics'][i % 3]!,
  'diploma.issued_on': () => v.birthDate(rng),
  'reviewer.id': (i) => String(i + 1),
  'reviewer.name': () => v.fullName(rng),
  'audit_log.id': (i) => String(i + 1),
  'audit_log.actor': (i) => v.email(rng, i),
  'audit_log.action': (i) => ['INSERT', 'UPDATE', 'DELETE'][i % 3]!,
  'audit_log.row_data': (i) => JSON.stringify({ email: v.email(rng, i), naam: v.fullName(rng) }),
  'audit_log.details': (i) => v.note(rng, i),
  'audit_log.client_ip': (i) => `172.16.${i}.9`,
  'audit_log.happened_at': () => '2025-03-04 05:06:07',
};

/** Samples generated once, so the leak check sees exactly what the classifier saw. */
const samples = new Map<string, readonly string[]>();
function sampleOf(t: TableModel, c: ColumnModel): readonly string[] {
  const key = `${t.name}.${c.name}`;
  if (!samples.has(key)) {
    const make = generators[key];
    samples.set(key, make === undefined ? [] : v.many(n, make));
  }
  return samples.get(key)!;
}

const draft = draftPolicy(schema, sampleOf);
const yaml = renderPolicyYaml(draft, {
  source: 'postgres://app:s3cret-pw@db.internal:5432/prod',
  generatedAt: '2026-11-27',
});

function transforms(d: DraftPolicy): Record<string, string> {
  return Object.fromEntries(
    d.tables.flatMap((t) => t.columns.map((c) => [`${t.name}.${c.name}`, c.decision.transform] as const)),
  );
}

describe('draftPolicy', () => {
  it('proposes a transform for every column of every table', () => {
    expect(transforms(draft)).toEqual({
      'applicant.id': 'keep',
      'applicant.bsn': 'bsn',
      'applicant.first_name': 'firstName',
      'applicant.tussenvoegsel': 'null',
      'applicant.last_name': 'lastName',
      'applicant.birth_date': 'dateShift',
      'applicant.email': 'email',
      'applicant.telefoon': 'phone',
      'applicant.iban': 'iban',
      'applicant.street': 'street',
      'applicant.house_number': 'houseNumber',
      'applicant.postcode': 'postcode',
      'applicant.city': 'city',
      'applicant.nationality': 'keep',
      'applicant.extra_contacts': 'email',
      'applicant.aliases': 'scrub',
      'applicant.motivation': 'scrub',
      'applicant.photo': 'redact',
      'applicant.cv': 'redact',
      'applicant.last_login_ip': 'null',
      'applicant.search_name': 'keep',
      'applicant.created_at': 'keep',
      'country.code': 'keep',
      'country.name': 'keep',
      'institution.id': 'keep',
      'institution.name': 'keep',
      'institution.city': 'keep',
      'institution.email': 'email',
      'institution.country_code': 'keep',
      'diploma.id': 'keep',
      'diploma.applicant_id': 'keep',
      'diploma.holder_ref': 'bsn',
      'diploma.institution_id': 'keep',
      'diploma.title': 'keep',
      'diploma.issued_on': 'keep',
      'reviewer.id': 'keep',
      'reviewer.name': 'fullName',
      'audit_log.id': 'keep',
      'audit_log.actor': 'email',
      'audit_log.action': 'keep',
      'audit_log.row_data': 'json',
      'audit_log.details': 'scrub',
      'audit_log.client_ip': 'redact',
      'audit_log.happened_at': 'keep',
    });
  });

  it('only proposes transforms the column can take', () => {
    for (const t of draft.tables) {
      const model = schema.tables.find((m) => m.name === t.name)!;
      for (const c of t.columns)
        expect(fits(model.columns.find((m) => m.name === c.name)!, c.decision)).toBe(true);
    }
  });

  it('marks tables whose rows are people, not the tables pointing at them', () => {
    expect(draft.tables.filter((t) => t.subject).map((t) => t.name)).toEqual(['applicant']);
  });

  it('gives a foreign key the transform of what it references', () => {
    const holder = draft.tables
      .find((t) => t.name === 'diploma')!
      .columns.find((c) => c.name === 'holder_ref')!;
    expect(holder.decision.reason).toBe('foreign key to public.applicant.bsn: same transform keeps the link');
  });

  it('anonymizes a kept column that a personal-looking column points at', () => {
    const s = database([
      table('public.inbox', [col('key', 'text')], { primaryKey: ['key'] }),
      table('public.message', [col('sender', 'text')], {
        foreignKeys: [{ columns: ['sender'], references: 'public.inbox', referencedColumns: ['key'] }],
      }),
    ]);
    const d = draftPolicy(s, (t) => (t.name === 'message' ? v.many(20, (i) => v.email(rng, i)) : []));
    expect(transforms(d)).toEqual({ 'inbox.key': 'email', 'message.sender': 'email' });
    expect(d.tables[0]!.columns[0]!.decision.reason).toMatch(/^referenced by public\.message\.sender/);
  });
});

describe('renderPolicyYaml', () => {
  it('writes the header without the password', () => {
    expect(yaml.split('\n').slice(0, 3)).toEqual([
      '# Leakproof policy drafted by `leakproof init` from postgres://app@db.internal:5432/prod on 2026-11-27.',
      '# Every column of every table needs a decision; review the proposals before use.',
      'version: 1',
    ]);
    expect(yaml).not.toContain('s3cret');
  });

  it('round-trips every decision through a YAML parser', () => {
    expect(parse(yaml)).toEqual(asPolicy(draft));
    expect(yaml).toContain('      birth_date: { transform: dateShift, maxDays: 180 }');
    expect(yaml).toContain("      photo: { transform: redact, value: '\\x' }");
    expect(yaml).toMatch(/\n {4}subject: true +# rows are people \(has a BSN\)\n/);
  });

  it('comments every column', () => {
    const columnLines = yaml.split('\n').filter((l) => l.startsWith('      '));
    expect(columnLines).toHaveLength(schema.tables.reduce((sum, t) => sum + t.columns.length, 0));
    for (const line of columnLines) expect(line).toMatch(/ # \S/);
  });

  it('never contains a sampled value', () => {
    expect(samples.size).toBeGreaterThan(30);
    for (const [column, values] of samples) {
      for (const value of values) {
        const parts = value.startsWith('{') ? [value, ...value.slice(1, -1).split(',')] : [value];
        // Short values (ids, 'NL') are not distinctive enough to search for.
        for (const part of parts)
          if (part.length >= 5) expect(yaml, `${column}: ${part}`).not.toContain(part);
      }
    }
  });
});

/** The plain object the policy file should parse to. */
function asPolicy(d: DraftPolicy): unknown {
  return {
    version: 1,
    tables: Object.fromEntries(
      d.tables.map((t) => [
        `${t.schema}.${t.name}`,
        {
          ...(t.subject ? { subject: true } : {}),
          columns: Object.fromEntries(
            t.columns.map((c) => [
              c.name,
              c.decision.options === undefined && c.decision.category === undefined
                ? c.decision.transform
                : {
                    transform: c.decision.transform,
                    ...c.decision.options,
                    ...(c.decision.category === undefined ? {} : { category: c.decision.category }),
                  },
            ]),
          ),
        },
      ]),
    ),
  };
}
