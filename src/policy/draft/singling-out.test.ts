import { describe, expect, it } from 'vitest';
import type { ColumnModel, TableModel } from '../../schema/model.js';
import { fits } from './classify.js';
import { type DraftPolicy, draftPolicy } from './draft-policy.js';
import { columnsToMeasure, type Measurement } from './singling-out.js';
import { col, database, table } from './test-support-schema.js';
import * as v from './test-support-values.js';

const rng = v.random(5);
const n = 40;

const schema = database([
  table(
    'public.applicant',
    [
      col('id', 'integer'),
      col('first_name', 'text'),
      col('last_name', 'text'),
      col('nationality', 'character(2)'),
    ],
    { primaryKey: ['id'] },
  ),
  table(
    'public.diploma',
    [
      col('id', 'integer'),
      col('applicant_id', 'integer'),
      col('diploma_number', 'character varying(12)'),
      col('external_ref', 'uuid'),
      col('fee_cents', 'integer'),
      col('register_no', 'integer', { unique: true }),
      col('grade', 'integer'),
      col('title', 'text'),
    ],
    {
      primaryKey: ['id'],
      foreignKeys: [{ columns: ['applicant_id'], references: 'public.applicant', referencedColumns: ['id'] }],
    },
  ),
  table('public.course', [col('id', 'integer'), col('code', 'text')], { primaryKey: ['id'] }),
]);

const generators: Record<string, (i: number) => string> = {
  'applicant.first_name': () => v.firstNames[Math.floor(rng() * v.firstNames.length)]!,
  'applicant.last_name': () => v.lastNames[Math.floor(rng() * v.lastNames.length)]!,
  'applicant.nationality': (i) => ['NL', 'BE', 'DE'][i % 3]!,
  'diploma.diploma_number': (i) => `DPL-${String(100_000 + i * 7919).slice(-6)}`,
  'diploma.external_ref': (i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  'diploma.fee_cents': (i) => String(10_000 + i * 37),
  'diploma.register_no': (i) => String(500 + i),
  'diploma.grade': (i) => String(6 + (i % 4)),
  'diploma.title': (i) => ['Bachelor Chemistry', 'Master Law'][i % 2]!,
  'course.code': (i) => `C${i}`,
};
const sampleOf = (t: TableModel, c: ColumnModel) =>
  v.many(n, generators[`${t.name}.${c.name}`] ?? (() => ''));

/** What a meter on the source would say: these columns single people out, the others do not. */
const identifying = new Set(['diploma_number', 'external_ref', 'fee_cents', 'register_no', 'code']);
const measured = (_: TableModel, c: ColumnModel): Measurement => ({
  identifying: identifying.has(c.name),
  reason: identifying.has(c.name)
    ? '100% of its 40 distinct values belong to one person each (40 people)'
    : '0% of its 4 distinct values belong to one person each (40 people)',
});

function decisionOf(d: DraftPolicy, name: string) {
  const [tableName, column] = name.split('.');
  return d.tables.find((t) => t.name === tableName)!.columns.find((c) => c.name === column)!.decision;
}

describe('kept columns that single out people', () => {
  const first = draftPolicy(schema, sampleOf);
  const second = draftPolicy(schema, sampleOf, measured);

  it('are the kept text and UUID non-key columns of tables about people (numbers are not: amounts look like codes)', () => {
    const wanted = columnsToMeasure(
      schema,
      first.people,
      (t, c) => decisionOf(first, `${t.name}.${c}`).transform,
    );
    expect(wanted.map((w) => [w.table.name, w.columns])).toEqual([
      ['applicant', ['nationality']],
      ['diploma', ['diploma_number', 'external_ref', 'title']],
    ]);
  });

  it('a kept diploma number unique per person gets a keyed code of its format, with the reason', () => {
    expect(decisionOf(first, 'diploma.diploma_number').transform).toBe('keep');
    expect(decisionOf(second, 'diploma.diploma_number')).toEqual({
      transform: 'code',
      reason:
        'kept, it would single out people: 100% of its 40 distinct values belong to one person each (40 people); ' +
        'replaced by a keyed code of the same format',
      personal: true,
    });
  });

  it('a UUID gets a keyed UUID, an amount keyed noise, a unique number a keyed number', () => {
    expect(decisionOf(second, 'diploma.external_ref').transform).toBe('uuid');
    expect(decisionOf(second, 'diploma.fee_cents').transform).toBe('number');
    // Noise could make two values of a unique column equal; int4 is too small for a unique keyed
    // hash, so a nullable column is dropped rather than kept.
    expect(decisionOf(second, 'diploma.register_no').transform).toBe('null');
    for (const t of second.tables) {
      const model = schema.tables.find((m) => m.name === t.name)!;
      for (const c of t.columns)
        expect(fits(model.columns.find((m) => m.name === c.name)!, c.decision)).toBe(true);
    }
  });

  it('columns that do not single anyone out stay kept, and tables no person is near are not measured', () => {
    expect(decisionOf(second, 'diploma.grade').transform).toBe('keep');
    expect(decisionOf(second, 'diploma.title').transform).toBe('keep');
    expect(decisionOf(second, 'applicant.nationality').transform).toBe('keep');
    expect(decisionOf(second, 'course.code').transform).toBe('keep');
  });
});
