/**
 * Names are people's names only where people are: titles, products and the names in tables no
 * table of people links to are not drafted as people's names, and where the draft cannot tell it
 * says "unsure" and why.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ColumnModel, TableModel } from '../../schema/model.js';
import { localeNames } from '../../transforms/names.js';
import { type DraftPolicy, draftPolicy } from './draft-policy.js';
import { renderPolicyYaml } from './render-yaml.js';
import { col, database, table } from './test-support-schema.js';
import * as v from './test-support-values.js';

const rng = v.random(11);
const n = 40;
const pick = <T>(items: readonly T[]) => items[Math.floor(rng() * items.length)]!;

/** Invented titles, shaped like names (capitalised words) but made of no one's names. */
const titleWords = ['Midnight', 'Harbour', 'Lantern', 'Compass', 'Thunder', 'Orchard', 'Velvet', 'Glacier'];
const title = () => `${pick(titleWords)} ${pick(titleWords)}`;
/** People's names from the name lists (faker's English lists). */
const knownFirst = localeNames('en', 'first');
const knownLast = localeNames('en', 'last');
const personName = () => `${pick(knownFirst)} ${pick(knownLast)}`;

const fk = (columns: string, references: string, referencedColumns = 'id') => ({
  columns: [columns],
  references,
  referencedColumns: [referencedColumns],
});

const schema = database([
  table(
    'public.customer',
    [
      col('id', 'integer'),
      col('first_name', 'text'),
      col('last_name', 'text'),
      col('email', 'text'),
      col('company', 'text'),
      col('company_name', 'text'),
    ],
    { primaryKey: ['id'] },
  ),
  table('public.invoice', [col('id', 'integer'), col('customer_id', 'integer'), col('name', 'text')], {
    primaryKey: ['id'],
    foreignKeys: [fk('customer_id', 'public.customer')],
  }),
  table('public.artist', [col('id', 'integer'), col('name', 'text')], { primaryKey: ['id'] }),
  table('public.album', [col('id', 'integer'), col('title', 'text'), col('artist_id', 'integer')], {
    primaryKey: ['id'],
    foreignKeys: [fk('artist_id', 'public.artist')],
  }),
  table(
    'public.tune',
    [
      col('id', 'integer'),
      col('name', 'text'),
      col('album_id', 'integer'),
      col('milliseconds', 'integer'),
      col('unit_price', 'numeric(10,2)'),
    ],
    { primaryKey: ['id'], foreignKeys: [fk('album_id', 'public.album')] },
  ),
  table(
    'public.invoice_line',
    [col('id', 'integer'), col('invoice_id', 'integer'), col('tune_id', 'integer')],
    {
      primaryKey: ['id'],
      foreignKeys: [fk('invoice_id', 'public.invoice'), fk('tune_id', 'public.tune')],
    },
  ),
  table('public.songs', [col('id', 'integer'), col('name', 'text')], { primaryKey: ['id'] }),
  table('public.entry', [col('id', 'integer'), col('name', 'text')], { primaryKey: ['id'] }),
  table('public.jury', [col('id', 'integer'), col('naam', 'text')], { primaryKey: ['id'] }),
  table('public.newsletter', [col('id', 'integer'), col('contact_name', 'text'), col('signed_up', 'date')], {
    primaryKey: ['id'],
  }),
  table('public.customer_archive', [col('id', 'integer'), col('full_name', 'text'), col('email', 'text')], {
    primaryKey: ['id'],
  }),
  table('public.supplier', [col('id', 'integer'), col('company_name', 'text'), col('product_name', 'text')], {
    primaryKey: ['id'],
  }),
]);

const generators: Record<string, (i: number) => string> = {
  'customer.first_name': () => pick(v.firstNames),
  'customer.last_name': () => pick(v.lastNames),
  'customer.email': (i) => v.email(rng, i),
  // A company named after its contact person reads like a name too.
  'customer.company': () => `${pick(v.lastNames)} ${pick(['Holding', 'Group', 'Partners'])}`,
  'customer.company_name': () => `${pick(v.lastNames)} en Zonen`,
  'invoice.name': () => personName(),
  'artist.name': () => title(),
  'album.title': () => title(),
  'tune.name': () => title(),
  'songs.name': () => title(),
  'entry.name': () => title(),
  'jury.naam': () => personName(),
  'newsletter.contact_name': () => personName(),
  'customer_archive.full_name': () => personName(),
  'customer_archive.email': (i) => v.email(rng, i),
  'supplier.company_name': () => `${pick(titleWords)} Trading`,
  'supplier.product_name': () => title(),
};
const samples = new Map<string, readonly string[]>();
function sampleOf(t: TableModel, c: ColumnModel): readonly string[] {
  const key = `${t.name}.${c.name}`;
  if (!samples.has(key)) samples.set(key, generators[key] === undefined ? [] : v.many(n, generators[key]!));
  return samples.get(key)!;
}

const draft = draftPolicy(schema, sampleOf);
function decisionOf(d: DraftPolicy, name: string) {
  const [tableName, column] = name.split('.');
  return d.tables.find((t) => t.name === tableName)!.columns.find((c) => c.name === column)!.decision;
}
const personNames = ['fullName', 'firstName', 'lastName'];

describe('names of things', () => {
  it('are not drafted as people’s names: titles, tunes, albums, artists, songs', () => {
    for (const name of ['tune.name', 'album.title', 'artist.name', 'songs.name', 'entry.name']) {
      expect(personNames, name).not.toContain(decisionOf(draft, name).transform);
      expect(decisionOf(draft, name).transform, name).toBe('keep');
    }
  });

  it('say why: the neighbouring column, the table, the title', () => {
    expect(decisionOf(draft, 'tune.name').reason).toBe(
      'a name next to album_id, which things have: the name of a thing',
    );
    expect(decisionOf(draft, 'songs.name').reason).toBe(
      'a name in a table of things (lookup or organisation)',
    );
    expect(decisionOf(draft, 'album.title').reason).toBe(
      "name says the name or title of a thing, not a person's name",
    );
  });

  it('a company name is not a person’s name, even in a table of people', () => {
    for (const name of [
      'customer.company',
      'customer.company_name',
      'supplier.company_name',
      'supplier.product_name',
    ])
      expect(personNames, name).not.toContain(decisionOf(draft, name).transform);
  });

  it('unsure cases carry their reason', () => {
    expect(decisionOf(draft, 'entry.name').reason).toMatch(
      /^unsure: \d+\/40 sampled values are shaped like names, but only \d+ read as a first and a last name, and no table of people links here: taken for names of things$/,
    );
    expect(decisionOf(draft, 'artist.name').reason).toMatch(/^unsure: /);
    const jury = decisionOf(draft, 'jury.naam');
    expect(jury).toMatchObject({ transform: 'fullName', category: 'name' });
    expect(jury.reason).toMatch(
      /^unsure: \d+\/40 sampled values read as a first and a last name; no table of people links here, so marked as names of people$/,
    );
  });
});

describe("people's names", () => {
  it('stay names in tables of people and in tables that lead to them', () => {
    expect(decisionOf(draft, 'customer.first_name').transform).toBe('firstName');
    expect(decisionOf(draft, 'customer.last_name').transform).toBe('lastName');
    expect(decisionOf(draft, 'customer.first_name').category).toBeUndefined();
    expect(decisionOf(draft, 'invoice.name')).toMatchObject({ transform: 'fullName' });
    expect(decisionOf(draft, 'invoice.name').category).toBeUndefined();
  });

  it('are marked category: name where no table of people links to their table', () => {
    expect(decisionOf(draft, 'newsletter.contact_name')).toMatchObject({
      transform: 'fullName',
      category: 'name',
      reason: "name says a person's name; no table of people links here, so marked as names of people",
    });
    const yaml = renderPolicyYaml(draft, { source: 'x', generatedAt: 'today' });
    expect(yaml).toContain('      contact_name: { transform: fullName, category: name }');
    expect(parse(yaml).tables['public.newsletter'].columns.contact_name).toEqual({
      transform: 'fullName',
      category: 'name',
    });
  });

  it('an archive of people (a name and an e-mail address per row) is a subject table itself', () => {
    expect(draft.tables.find((t) => t.name === 'customer_archive')?.subject).toBe(true);
    expect(decisionOf(draft, 'customer_archive.full_name').transform).toBe('fullName');
  });

  it('knows which tables are about people', () => {
    expect([...draft.people.subjects].sort()).toEqual(['public.customer', 'public.customer_archive']);
    expect([...draft.people.aboutPeople].sort()).toEqual([
      'public.customer',
      'public.customer_archive',
      'public.invoice',
      'public.invoice_line',
    ]);
  });
});
