import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../src/adapters/open-database.js';
import { createDatabase, dropAll, sql } from '../support/postgres.js';

afterAll(dropAll);

describe('introspection', () => {
  test('reads every kind of column and constraint, and the DDL rebuilds an identical schema', async () => {
    const sourceUrl = await createDatabase();
    const fixture = await readFile(new URL('../fixtures/kitchen-sink.sql', import.meta.url), 'utf8');
    await sql(sourceUrl, fixture);
    const source = await openDatabase(sourceUrl, 'source');
    const schema = await source.introspect();
    await source.close();

    const person = schema.tables.find((t) => t.name === 'person')!;
    const col = (n: string) => person.columns.find((c) => c.name === n)!;
    expect(col('first_name')).toMatchObject({ category: 'text', maxLength: 40, nullable: false });
    expect(col('bsn')).toMatchObject({ category: 'text', maxLength: 9, unique: true });
    expect(col('phones')).toMatchObject({ category: 'text', isArray: true });
    expect(col('Full Name').generatedExpr).toContain('first_name');
    expect(col('mood')).toMatchObject({ category: 'enum', enumLabels: ['happy', 'sad', "it's complicated"] });
    expect(col('postcode')).toMatchObject({ category: 'text', maxLength: 7, type: 'public.postcode_nl' });
    expect(col('salary')).toMatchObject({ category: 'numeric', numericPrecision: 10, numericScale: 2 });
    expect(col('profile').category).toBe('json');
    expect(col('photo').category).toBe('bytea');
    expect(col('created_at').category).toBe('timestamp');
    expect(person.foreignKeys.map((f) => f.referencedTable)).toEqual(['person']);
    const odd = schema.tables.find((t) => t.name === 'Odd Table')!;
    expect(odd.columns.find((c) => c.name === 'id')?.identity).toBe('always');
    expect(odd.foreignKeys[0]?.columns).toEqual(['region', 'number']);
    expect(schema.views.map((v) => [v.name, v.materialized])).toEqual([
      ['active_people', false],
      ['accounts_per_region', true],
    ]);
    expect(schema.sequences.find((s) => s.name === 'ticket_seq')?.lastValue).toBe('1003');

    const targetUrl = await createDatabase();
    const target = await openDatabase(targetUrl, 'target');
    const ddl = target.schemaDdl(schema);
    for (const statement of [...ddl.beforeLoad, ...ddl.afterLoad, ...ddl.views.map((v) => v.sql)]) {
      await target.exec(statement);
    }
    const rebuilt = await target.introspect();
    await target.close();
    const comparable = (s: typeof schema) => ({
      ...s,
      tables: s.tables.map((t) => ({ ...t, rowEstimate: 0 })),
    });
    expect(comparable(rebuilt)).toEqual(comparable(schema));
  });
});
