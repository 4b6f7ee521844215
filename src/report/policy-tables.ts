/**
 * Every table and column with its decision and reason, as the report lists them: from a copy's
 * plan, or (for `verify`, which makes no plan) from the checked policy itself.
 */
import type { CheckedPolicy } from '../policy/check-policy.js';
import { reasonOf } from '../policy/policy-model.js';
import { qualifiedName, type TableModel } from '../schema/model.js';
import type { ColumnReport, TableReport } from './run-report.js';

export interface DecisionFacts {
  readonly column: string;
  readonly transform: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly reason?: string;
}

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
    const decisions: DecisionFacts[] =
      entry.kind === 'skip'
        ? []
        : entry.columns.map((c) => {
            const reason = reasonOf(c.decision);
            return {
              column: c.column.name,
              transform: c.decision.transform,
              options: c.decision.options,
              ...(reason === undefined ? {} : { reason }),
            };
          });
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
