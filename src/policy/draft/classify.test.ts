import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ColumnModel, TableModel } from '../../schema/model.js';
import { classifyColumn } from './classify.js';
import { parseArrayLiteral } from './evidence.js';
import { kindFromName, normalizeName, tableContext } from './names.js';
import { col, table } from './test-support-schema.js';
import * as v from './test-support-values.js';

const rng = v.random(7);
/** Classifies `column` as the only column of a table named `tableName` (plus an id). */
function classify(
  tableName: string,
  column: ColumnModel,
  sample: readonly string[],
  others: ColumnModel[] = [],
) {
  const t: TableModel = table(`public.${tableName}`, [col('id', 'integer'), ...others, column], {
    primaryKey: ['id'],
  });
  return classifyColumn(t, t.columns.find((c) => c.name === column.name)!, sample);
}

describe('names', () => {
  it('normalises case, separators and accents', () => {
    expect(normalizeName('FirstName')).toBe('first_name');
    expect(normalizeName('E-Mail Adres')).toBe('e_mail_adres');
    expect(normalizeName('IPAddress')).toBe('ip_address');
    expect(normalizeName('Geboortedätum')).toBe('geboortedatum');
  });

  it.each([
    ['voornaam', 'firstName'],
    ['given_name', 'firstName'],
    ['Achternaam', 'lastName'],
    ['family_name', 'lastName'],
    ['tussenvoegsel', 'nameParticle'],
    ['full_name', 'fullName'],
    ['naam', 'ambiguousName'],
    ['emailadres', 'email'],
    ['work_email', 'email'],
    ['email_verified', null],
    ['telefoonnummer', 'phone'],
    ['mobile', 'phone'],
    ['phone_type', 'category'],
    ['burgerservicenummer', 'bsn'],
    ['national_id', 'bsn'],
    ['rekeningnummer', 'iban'],
    ['postal_code', 'postcode'],
    ['straatnaam', 'street'],
    ['email_address', 'email'],
    ['ip_address', 'ip'],
    ['huisnummer', 'houseNumber'],
    ['huisnummer_toevoeging', 'houseNumberAddition'],
    ['woonplaats', 'city'],
    ['geboorteplaats', 'birthPlace'],
    ['geboortedatum', 'birthDate'],
    ['dob', 'birthDate'],
    ['passport_number', 'document'],
    ['album_title', 'thingName'],
    ['CompanyName', 'thingName'],
    ['title', 'thingName'],
    ['bedrijfsnaam', 'thingName'],
    ['product_description', 'freeText'],
    ['street_name', 'street'],
    ['city_name', 'city'],
    ['contact_name', 'fullName'],
    ['student_id', null],
    ['opmerkingen', 'freeText'],
    ['status_reason', 'freeText'],
    ['created_at', null],
    ['nationality', 'category'],
  ])('%s → %s', (name, kind) => {
    expect(kindFromName(name)).toBe(kind);
  });

  it('reads a table as people, things or unknown from its head noun and columns', () => {
    expect(tableContext('applicant', ['id'])).toBe('people');
    expect(tableContext('country', ['code', 'name'])).toBe('things');
    expect(tableContext('customer_type', ['id', 'name'])).toBe('things');
    expect(tableContext('panel', ['id', 'name'])).toBe('unknown');
    expect(tableContext('reviewer', ['id', 'name'])).toBe('people');
    expect(tableContext('tracks', ['id', 'name'])).toBe('things');
    expect(tableContext('institution', ['voornaam', 'achternaam'])).toBe('people');
  });
});

describe('parseArrayLiteral', () => {
  it('reads quoted, unquoted, NULL and nested elements', () => {
    expect(parseArrayLiteral('{a,"b c",NULL,"say \\"hi\\"","back\\\\slash"}')).toEqual([
      'a',
      'b c',
      'say "hi"',
      'back\\slash',
    ]);
    expect(parseArrayLiteral('[0:1]={{1,2},{3,NULL}}')).toEqual(['1', '2', '3']);
    expect(parseArrayLiteral('{}')).toEqual([]);
  });
});

describe('classifyColumn', () => {
  it('keeps `name` on a lookup table and replaces it on a table about people', () => {
    const names = v.many(40, () => v.fullName(rng));
    expect(classify('country', col('name', 'text'), ['Netherlands', 'Belgium', 'Germany']).transform).toBe(
      'keep',
    );
    expect(classify('institution', col('name', 'text'), names).transform).toBe('keep');
    expect(classify('applicant', col('name', 'text'), names).transform).toBe('fullName');
    const unknown = classify('panel', col('name', 'text'), names);
    expect(unknown.transform).toBe('fullName');
    expect(unknown.reason).toMatch(/^unsure: \d+\/40 sampled values are shaped like people's names$/);
    expect(
      classify(
        'widget',
        col('name', 'text'),
        v.many(40, (i) => `w-${i}`),
      ).transform,
    ).toBe('keep');
  });

  it('believes the name and says how far the sample agrees', () => {
    const d = classify(
      'applicant',
      col('email', 'text'),
      v.many(40, (i) => v.email(rng, i)),
    );
    expect(d).toEqual({
      transform: 'email',
      reason: 'name says e-mail; 40/40 sampled values are e-mail addresses',
      personal: true,
    });
    expect(
      classify(
        'applicant',
        col('bsn', 'character varying(9)'),
        v.many(30, () => v.bsn(rng)),
      ).reason,
    ).toBe('name says BSN; 30/30 sampled values are BSNs passing the 11-proef');
  });

  it.each([
    ['emails', 'info', () => v.email(rng, 1), 'email'],
    ['IBANs', 'ref', () => v.iban(rng), 'iban'],
    ['postcodes', 'pc', () => v.postcode(rng), 'postcode'],
    ['phone numbers', 'contact', () => v.phone(rng), 'phone'],
    ['BSNs', 'kenmerk', () => v.bsn(rng), 'bsn'],
  ])('finds %s by their values alone', (_, name, make, transform) => {
    const d = classify('widget', col(name, 'text'), v.many(50, make));
    expect(d.transform).toBe(transform);
    expect(d.reason).toMatch(/^\d+\/50 sampled values are /);
  });

  it('finds BSNs held as integers, 8-digit ones included, but not random numbers', () => {
    // As integers, BSNs starting with 0 print with 8 digits.
    const valid = v.many(50, (i) => String(Number(v.bsn(rng, i % 5 === 0))));
    expect(valid.filter((s) => s.length === 8)).toHaveLength(10);
    expect(classify('widget', col('nummer', 'bigint'), valid)).toMatchObject({
      transform: 'bsn',
      reason: '50/50 sampled values are BSNs passing the 11-proef',
    });
    const random = v.many(50, () => String(100_000_000 + Math.floor(rng() * 899_999_999)));
    expect(classify('widget', col('nummer', 'bigint'), random).transform).toBe('keep');
  });

  it('lets strong evidence overrule the name', () => {
    const d = classify(
      'applicant',
      col('phone', 'text'),
      v.many(20, (i) => v.email(rng, i)),
    );
    expect(d.transform).toBe('email');
    expect(d.reason).toBe('name says phone, but 20/20 sampled values are e-mail addresses');
  });

  it('scrubs free text with identifiers in it, even where the name says nothing', () => {
    const notes = v.many(60, (i) => v.note(rng, i));
    expect(classify('case_file', col('motivation', 'text'), notes).transform).toBe('scrub');
    const d = classify('widget', col('x', 'text'), [
      ...v.many(59, (i) => `plain-${i}`),
      'mail a.b@example.org',
    ]);
    expect(d.transform).toBe('scrub');
    expect(d.reason).toMatch(/^free text; 1\/60 sampled values contain identifiers \(email\)$/);
  });

  it('keeps numbers, flags, uuids, enums, timestamps and categories', () => {
    expect(classify('applicant', col('score', 'integer'), ['1', '2']).transform).toBe('keep');
    expect(classify('applicant', col('active', 'boolean'), ['t']).transform).toBe('keep');
    expect(classify('applicant', col('uid', 'uuid'), []).transform).toBe('keep');
    expect(classify('applicant', col('level', 'enum:a,b'), ['a']).transform).toBe('keep');
    expect(classify('applicant', col('created_at', 'timestamp with time zone'), []).transform).toBe('keep');
    const statuses = v.many(60, (i) => ['submitted', 'approved', 'rejected'][i % 3]!);
    expect(classify('applicant', col('stage', 'text'), statuses)).toMatchObject({
      transform: 'keep',
      reason: '3 distinct values in 60 sampled: a category',
    });
    expect(classify('applicant', col('nationality', 'character(2)'), ['NL']).transform).toBe('keep');
    const fewNames = v.many(60, (i) => v.firstNames[i % 4]!);
    expect(classify('applicant', col('x', 'text'), fewNames).transform).toBe('scrub');
    expect(classify('widget', col('x', 'text'), fewNames).transform).toBe('keep');
  });

  it('shifts dates of birth and empties ones stored as text', () => {
    expect(classify('applicant', col('geboortedatum', 'date'), [])).toMatchObject({
      transform: 'dateShift',
      options: { maxDays: 180 },
    });
    expect(classify('applicant', col('dob', 'text', { nullable: false }), ['1980-01-01'])).toMatchObject({
      transform: 'redact',
      options: { value: '' },
    });
    expect(classify('applicant', col('dob', 'text'), []).transform).toBe('null');
  });

  it('keeps generated columns whatever they look like', () => {
    const d = classify('applicant', col('email', 'text', { generatedExpr: "lower(x || '@x')" }), [
      'a@example.org',
    ]);
    expect(d).toEqual({
      transform: 'keep',
      reason: 'generated: recomputed in the target from other columns',
      personal: false,
    });
  });

  it('empties bytea and says whether it held text', () => {
    const texts = classify(
      'applicant',
      col('cv', 'bytea'),
      v.many(10, (i) => v.byteaText(`Curriculum ${i}`)),
    );
    expect(texts).toMatchObject({ transform: 'redact', options: { value: '\\x' } });
    expect(texts.reason).toMatch(/^holds text \(10\/10/);
    const binary = classify(
      'applicant',
      col('scan', 'bytea'),
      v.many(10, () => v.byteaBinary(rng)),
    );
    expect(binary.reason).toMatch(/scanned document or photo/);
  });

  it('judges array columns by their elements', () => {
    const lists = v.many(20, (i) => v.arrayLiteral([v.email(rng, i), v.email(rng, i + 1)]));
    expect(classify('widget', col('cc', 'text[]'), lists).transform).toBe('email');
    expect(
      classify(
        'applicant',
        col('aliases', 'text[]'),
        v.many(20, () => v.arrayLiteral([v.fullName(rng)])),
      ).reason,
    ).toBe('unsure; free text in a table about people');
  });

  it('never proposes a constant for a unique column, nor NULL for a NOT NULL one', () => {
    expect(classify('users', col('password_hash', 'text', { unique: true }), []).transform).toBe('hash');
    expect(classify('users', col('password_hash', 'text'), []).transform).toBe('redact');
    expect(classify('applicant', col('tussenvoegsel', 'text', { nullable: false }), [])).toMatchObject({
      transform: 'redact',
      options: { value: '' },
    });
    expect(classify('applicant', col('tussenvoegsel', 'text'), []).transform).toBe('null');
  });

  it('replaces document numbers by keyed codes of the same format', () => {
    expect(classify('applicant', col('passport_number', 'text'), ['NXK1R2J84']).transform).toBe('code');
  });

  it('drops or replaces IP addresses with a documentation address', () => {
    expect(classify('audit_log', col('client_ip', 'inet'), ['10.1.2.3']).transform).toBe('null');
    expect(classify('audit_log', col('client_ip', 'inet', { nullable: false }), ['10.1.2.3'])).toMatchObject({
      transform: 'redact',
      options: { value: '192.0.2.1' },
    });
    expect(classify('server', col('ip', 'text'), ['10.1.2.3']).transform).toBe('hash');
  });

  it("keeps an institution's city and replaces a person's", () => {
    const cities = v.many(30, () => v.city(rng));
    expect(classify('institution', col('city', 'text'), cities).transform).toBe('keep');
    expect(classify('applicant', col('woonplaats', 'text'), cities).transform).toBe('city');
  });

  it('scrubs human-looking text in a table about people when unsure, replaces codes there by same-format codes', () => {
    const free = v.many(30, (i) => `${v.fullName(rng)} visited ${v.city(rng)} in week ${i}`);
    expect(classify('applicant', col('x', 'text'), free).reason).toBe(
      'unsure; free text in a table about people',
    );
    expect(
      classify(
        'applicant',
        col('ref', 'text'),
        v.many(30, (i) => `REF-${i}`),
      ).transform,
    ).toBe('code');
    expect(
      classify(
        'widget',
        col('ref', 'text'),
        v.many(30, (i) => `REF-${i}`),
      ).transform,
    ).toBe('keep');
  });

  it('puts no sampled value into a reason', () => {
    // Letters that no reason's fixed wording strings together, so any hit is a leak.
    const letters = fc.string({ unit: fc.constantFrom(...'qxzj .@'), minLength: 4 });
    fc.assert(
      fc.property(
        fc.array(letters, { maxLength: 30 }),
        fc.constantFrom('text', 'text[]', 'bytea', 'jsonb'),
        (sample, type) => {
          const values = type === 'text[]' ? sample.map((s) => v.arrayLiteral([s])) : sample;
          for (const tableName of ['applicant', 'widget', 'country']) {
            const { reason } = classify(tableName, col('x', type), values);
            for (const s of sample)
              if (/[qxzj]/.test(s) && s.trim().length >= 4) expect(reason).not.toContain(s.trim());
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
