/**
 * Turns a checked policy into what the copy loop runs: per table, the columns to read and write
 * (generated columns are left to the target, which recomputes them) and, per column, the keyed
 * function that rewrites its values, or null for a value copied as it is.
 */

import { mapArray } from '../adapters/pg-array.js';
import type { CheckedPolicy } from '../policy/check-policy.js';
import type { TableModel } from '../schema/model.js';
import type { Keyed } from '../transforms/keyed.js';
import type { RealValues, ValueTransform } from '../transforms/transform.js';

export interface TablePlan {
  readonly table: TableModel;
  readonly skip: boolean;
  readonly subject: boolean;
  /** Columns read from the source and written to the target, in this order. */
  readonly columns: readonly string[];
  /** One entry per column: null copies the value unchanged. */
  readonly transforms: readonly (ValueTransform | null)[];
  /** Per column (all columns, generated ones too): transform name and options, for the report. */
  readonly decisions: readonly {
    column: string;
    transform: string;
    options: Readonly<Record<string, unknown>>;
  }[];
}

/** `real`: the source's real values, which no generator may produce (see verify/fingerprint-index). */
export function planCopy(checked: CheckedPolicy, keyed: Keyed, real?: RealValues): TablePlan[] {
  return checked.tables.map((entry) => {
    if (entry.kind === 'skip') {
      return { table: entry.table, skip: true, subject: false, columns: [], transforms: [], decisions: [] };
    }
    const copied = entry.columns.filter((c) => c.column.generatedExpr === null);
    return {
      table: entry.table,
      skip: false,
      subject: entry.subject,
      columns: copied.map((c) => c.column.name),
      transforms: copied.map(({ column, transform }) => {
        if (transform.name === 'keep') return null;
        const table = `${entry.table.schema}.${entry.table.name}`;
        const fn = transform.create({ table, column, keyed, ...(real === undefined ? {} : { real }) });
        if (!column.isArray || transform.wholeValue) return fn;
        return (value: string) => mapArray(value, fn);
      }),
      decisions: entry.columns.map((c) => ({
        column: c.column.name,
        transform: c.decision.transform,
        options: c.decision.options,
      })),
    };
  });
}
