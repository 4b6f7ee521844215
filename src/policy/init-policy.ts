/**
 * `init`: drafts a complete policy for a source database from its schema and a small sample of
 * each column's values. The sample is read, judged and dropped; it never reaches the output.
 */
import type { DatabaseAdapter } from '../adapters/adapter.js';
import { qualifiedName } from '../schema/model.js';
import { quoteIdent, quoteTable } from '../schema/sql-identifiers.js';
import { draftPolicy } from './draft/draft-policy.js';
import { renderPolicyYaml } from './draft/render-yaml.js';

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
      const select = table.columns.map(
        (c, i) => `left(${quoteIdent(c.name)}::text, ${SAMPLE_CHARS}) AS c${i}`,
      );
      const rows = await source.query<Record<string, string | null>>(
        `SELECT ${select.join(', ')} FROM ${quoteTable(table)} LIMIT ${SAMPLE_ROWS}`,
      );
      const byColumn = new Map<string, string[]>();
      table.columns.forEach((c, i) => {
        byColumn.set(
          c.name,
          rows.map((r) => r[`c${i}`]).filter((v): v is string => v !== null && v !== undefined),
        );
      });
      samples.set(qualifiedName(table), byColumn);
    }
    const draft = draftPolicy(
      schema,
      (table, column) => samples.get(qualifiedName(table))?.get(column.name) ?? [],
    );
    return renderPolicyYaml(draft, {
      source: source.displayName,
      generatedAt: now.toISOString().slice(0, 10),
    });
  } finally {
    await source.rollback().catch(() => {});
  }
}
