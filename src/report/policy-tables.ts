/**
 * Every table and column with its decision and reason, as the report lists them: from a copy's
 * plan, or (for `verify`, which makes no plan) from the checked policy itself.
 */
import { type CheckedPolicy, type DecisionFacts, decisionFacts } from '../policy/check-policy.js';
import { qualifiedName, type TableModel } from '../schema/model.js';
import type { ColumnReport, TableReport } from './run-report.js';

export function columnReports(table: TableModel, decisions: readonly DecisionFacts[]): ColumnReport[] {
  const typeOf = new Map(table.columns.map((c) => [c.name, c.type] as const));
  return decisions.map((d) => ({
    name: d.column,
    type: typeOf.get(d.column) ?? '',
    decision: d.transform,
    ...(Object.keys(d.options).length > 0 ? { options: d.options } : {}),
    ...(d.reason === undefined ? {} : { reason: d.reason }),
  }));
}

/** Per `schema.table`: rows fingerprinted in the source, rows read in the target, seconds spent. */
export interface TableCounts {
  readonly sourceRows: ReadonlyMap<string, number>;
  readonly targetRows: ReadonlyMap<string, number>;
  readonly seconds: ReadonlyMap<string, number>;
}

export function policyTableReports(checked: CheckedPolicy, counts: TableCounts): TableReport[] {
  return checked.tables.map((entry) => {
    const name = qualifiedName(entry.table);
    const decisions: readonly DecisionFacts[] = entry.kind === 'skip' ? [] : entry.columns.map(decisionFacts);
    return {
      name,
      action: entry.kind === 'skip' ? 'skipped' : 'copied',
      subject: entry.kind === 'copy' && entry.subject,
      rows: { source: counts.sourceRows.get(name) ?? 0, written: counts.targetRows.get(name) ?? 0 },
      columnsTransformed: decisions.filter((d) => d.transform !== 'keep').length,
      columns: columnReports(entry.table, decisions),
      seconds: counts.seconds.get(name) ?? 0,
    };
  });
}
