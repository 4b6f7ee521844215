/**
 * Reads, for `init`, the kept columns of tables about people together with the person each row
 * leads to, and measures whether they single people out. One pass over each such table, streamed:
 * the meters hold a bounded sample, never the table.
 */
import type { DatabaseAdapter } from '../adapters/adapter.js';
import { decodeRows } from '../adapters/copy-text.js';
import { SinglingOutMeter } from '../core/singling-out.js';
import { type DatabaseSchema, qualifiedName } from '../schema/model.js';
import { subjectLinks } from '../schema/subject-links.js';
import type { DraftPolicy } from './draft/draft-policy.js';
import { columnsToMeasure, type Measurement } from './draft/singling-out.js';

/** `schema.table` and column, as one map key. */
export const measurementKey = (table: string, column: string) => JSON.stringify([table, column]);

/** What the meter says of every kept column the draft would keep in a table about people. */
export async function measureKeptColumns(
  source: DatabaseAdapter,
  schema: DatabaseSchema,
  draft: DraftPolicy,
): Promise<Map<string, Measurement>> {
  const transforms = new Map(
    draft.tables.flatMap((t) =>
      t.columns.map((c) => [measurementKey(`${t.schema}.${t.name}`, c.name), c.decision.transform] as const),
    ),
  );
  const links = subjectLinks(schema, draft.people.subjects);
  const out = new Map<string, Measurement>();
  const wanted = columnsToMeasure(
    schema,
    draft.people,
    (table, column) => transforms.get(measurementKey(qualifiedName(table), column)) ?? '',
  );
  for (const { table, columns } of wanted) {
    const name = qualifiedName(table);
    // A subject table without a primary key names no person to count.
    const link = links.get(name);
    if (link === undefined) continue;
    const meters = columns.map(() => new SinglingOutMeter());
    for await (const fields of decodeRows(source.readLinked({ table, columns, link }, `Measuring ${name}`))) {
      const key = fields.slice(columns.length);
      if (key.some((k) => k === null)) continue; // a row that leads to nobody
      const person = key.join('\t');
      for (let i = 0; i < columns.length; i++) {
        const value = fields[i];
        if (value !== null && value !== undefined) meters[i]!.add(value, person);
      }
    }
    columns.forEach((column, i) => {
      const meter = meters[i]!;
      out.set(measurementKey(name, column), {
        identifying: meter.verdict().identifying,
        reason: meter.reason(),
      });
    });
  }
  return out;
}
