/**
 * How the policy wrote each column of a copy: the leak check trusts identifiers in columns a
 * transform wrote to be its fakes, does not read words of generated fakes (a fake city, an IBAN's
 * bank code) as people's names, and knows which kept columns a person stated identify no one.
 */
import type { CheckedPolicy } from '../../policy/check-policy.js';
import { qualifiedName, type TableRef } from '../../schema/model.js';
import { matchTable } from './table-match.js';

export interface ColumnWriting {
  /** The transform's name, or null for a column copied as it is. */
  readonly transform: string | null;
  /** Kept with `identifying: false` and a reason. */
  readonly acknowledged: boolean;
}

/**
 * `(table, column) → how it was written`; a column the policy does not know is kept. A target's
 * table is found among the policy's as `matchTable` finds it (a MySQL or SQLite target names them
 * in its own namespace).
 */
export type WrittenBy = (table: TableRef, column: string) => ColumnWriting;

const KEPT: ColumnWriting = { transform: null, acknowledged: false };

export function writtenBy(checked: CheckedPolicy): WrittenBy {
  const columns = new Map<string, ColumnWriting>();
  for (const entry of checked.tables) {
    if (entry.kind === 'skip') continue;
    for (const { column, decision } of entry.columns) {
      const kept = decision.transform === 'keep';
      const acknowledged = kept && decision.identifying === false;
      if (!kept || acknowledged)
        columns.set(`${qualifiedName(entry.table)}\0${column.name}`, {
          transform: kept ? null : decision.transform,
          acknowledged,
        });
    }
  }
  const tables = new Set(checked.tables.map((t) => qualifiedName(t.table)));
  const resolve = (table: TableRef): string => matchTable(tables, table) ?? qualifiedName(table);
  return (table, column) => columns.get(`${resolve(table)}\0${column}`) ?? KEPT;
}
