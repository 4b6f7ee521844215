/**
 * `init`: drafts a complete policy for a source database from its schema and a small sample of
 * each column's values, and measures the columns it would keep in tables about people on the whole
 * source (streamed) for values that single people out. What is read is judged and dropped; no value
 * reaches the output.
 */
import type { DatabaseAdapter } from '../adapters/adapter.js';
import { type ColumnModel, qualifiedName, type TableModel } from '../schema/model.js';
import { draftPolicy } from './draft/draft-policy.js';
import { renderPolicyYaml } from './draft/render-yaml.js';
import { measureKeptColumns, measurementKey } from './measure-columns.js';

const SAMPLE_ROWS = 200;
/** Long values (documents, JSON) are judged by their start; enough to see what they hold. */
const SAMPLE_CHARS = 4000;

export async function draftPolicyFor(source: DatabaseAdapter, now = new Date()): Promise<string> {
  await source.begin('snapshot');
  try {
    const schema = await source.introspect();
    const samples = new Map<string, Map<string, string[]>>();
    for (const table of schema.tables) {
      if (table.columns.length === 0) continue;
      const names = table.columns.map((c) => c.name);
      const rows = await source.sampleRows(table, names, SAMPLE_ROWS, SAMPLE_CHARS);
      const byColumn = new Map<string, string[]>();
      names.forEach((name, i) => {
        byColumn.set(
          name,
          rows.map((r) => r[i]).filter((v): v is string => v !== null && v !== undefined),
        );
      });
      samples.set(qualifiedName(table), byColumn);
    }
    const sampleOf = (table: TableModel, column: ColumnModel) =>
      samples.get(qualifiedName(table))?.get(column.name) ?? [];
    // Which tables are about people and which columns it keeps there come from a first draft;
    // those columns are then measured on the whole source, and the draft is made again with that.
    const first = draftPolicy(schema, sampleOf);
    const measured = await measureKeptColumns(source, schema, first);
    const draft =
      measured.size === 0
        ? first
        : draftPolicy(schema, sampleOf, (table, column) =>
            measured.get(measurementKey(qualifiedName(table), column.name)),
          );
    return renderPolicyYaml(draft, {
      source: source.displayName,
      generatedAt: now.toISOString().slice(0, 10),
    });
  } finally {
    await source.rollback().catch(() => {});
  }
}
