/**
 * What `review` reads from the source, once, in one read-only snapshot: the schema and the first
 * few rows of each table (whole rows, so a transform linked to other columns of its row — a city
 * that fits the fake postcode — gets them). The values stay in the server's memory to make fakes
 * from; the page only ever receives them masked (see review-model.ts).
 */
import type { DatabaseAdapter } from '../adapters/adapter.js';
import { type DatabaseSchema, qualifiedName } from '../schema/model.js';

/** Enough rows to see what a decision does, few enough that the page stays short. */
export const SAMPLE_ROWS = 3;
/** Longer values (documents, files) are not previewed: a fake of a cut-off value would mislead. */
export const SAMPLE_CHARS = 20_000;

export interface SampleRows {
  /** Every column of the table, in the schema's order. */
  readonly columns: readonly string[];
  /** Values in PostgreSQL's text form, null for NULL; a value of SAMPLE_CHARS + 1 characters was cut. */
  readonly rows: readonly (readonly (string | null)[])[];
}

export interface ReviewSource {
  readonly displayName: string;
  readonly schema: DatabaseSchema;
  /** By `schema.table`. */
  readonly samples: ReadonlyMap<string, SampleRows>;
}

export async function readReviewSource(source: DatabaseAdapter): Promise<ReviewSource> {
  await source.begin('snapshot');
  try {
    const schema = await source.introspect();
    const samples = new Map<string, SampleRows>();
    for (const table of schema.tables) {
      const columns = table.columns.map((c) => c.name);
      if (columns.length === 0) {
        samples.set(qualifiedName(table), { columns, rows: [] });
        continue;
      }
      const rows = await source.sampleRows(table, columns, SAMPLE_ROWS, SAMPLE_CHARS + 1);
      samples.set(qualifiedName(table), { columns, rows });
    }
    return { displayName: source.displayName, schema, samples };
  } finally {
    await source.rollback().catch(() => {});
  }
}

/** Whether a sampled value was cut at SAMPLE_CHARS (PostgreSQL counts characters, not UTF-16 units). */
export const isCut = (value: string) => value.length > SAMPLE_CHARS && [...value].length > SAMPLE_CHARS;
