/**
 * Turns a checked policy into what the copy loop runs: per table, the columns to read and write
 * (generated columns are left to the target, which recomputes them) and, per column, the keyed
 * function that rewrites its values, or null for a value copied as it is.
 */

import { mapArray } from '../adapters/pg-array.js';
import { checkedText } from '../check/matching/value-texts.js';
import type { Keyed } from '../core/keyed.js';
import {
  type CheckedColumn,
  type CheckedPolicy,
  type DecisionFacts,
  decisionFacts,
} from '../policy/check-policy.js';
import type { TableModel } from '../schema/model.js';
import type { RealValues, RowValues, ValueTransform } from '../transforms/transform.js';
import { avoidingRealValues } from './avoid-real-values.js';
import { cachingRepeats } from './repeat-cache.js';
import type { RowRedraw } from './transform-rows.js';

export interface TablePlan {
  readonly table: TableModel;
  readonly skip: boolean;
  readonly subject: boolean;
  /** Columns read from the source and written to the target, in this order. */
  readonly columns: readonly string[];
  /** One entry per column: null copies the value unchanged. */
  readonly transforms: readonly (ValueTransform | null)[];
  /**
   * Positions (in `columns`) of the transformed columns in the order they must be computed: a column
   * whose transform reads others of its row (`linkedColumns`) comes after them. Empty when no
   * transform of the table is linked; then the order does not matter.
   */
  readonly linkedOrder: readonly number[];
  /**
   * Set when the row's fakes can be real together though each is clean alone (a fake name beside a
   * shifted date of birth that are one real person's): which values to draw again, and the
   * transforms of each later draw. Null when the source's values are not known or nothing is made.
   */
  readonly redraw: RowRedraw | null;
  /** Per column (all columns, generated ones too): transform name, options and why, for the report. */
  readonly decisions: readonly DecisionFacts[];
}

/** `real`: the source's real values, which no generator may produce (see check/fingerprints/fingerprint-index). */
export function planCopy(checked: CheckedPolicy, keyed: Keyed, real?: RealValues): TablePlan[] {
  return checked.tables.map((entry) => {
    if (entry.kind === 'skip') {
      return {
        table: entry.table,
        skip: true,
        subject: false,
        columns: [],
        transforms: [],
        linkedOrder: [],
        redraw: null,
        decisions: [],
      };
    }
    const copied = entry.columns.filter((c) => c.column.generatedExpr === null);
    const names = copied.map((c) => c.column.name);
    const table = `${entry.table.schema}.${entry.table.name}`;
    const transforms = transformsOf(copied, table, keyed, real);
    return {
      table: entry.table,
      skip: false,
      subject: entry.subject,
      columns: copied.map((c) => c.column.name),
      transforms,
      linkedOrder: computeOrder(copied, names),
      redraw: rowRedraw(copied, table, keyed, real, transforms),
      decisions: entry.columns.map(decisionFacts),
    };
  });
}

/** The keyed function per copied column (null: kept), made under `keyed`. */
function transformsOf(
  copied: readonly CheckedColumn[],
  table: string,
  keyed: Keyed,
  real: RealValues | undefined,
): (ValueTransform | null)[] {
  return copied.map(({ column, transform }) => {
    if (transform.name === 'keep') return null;
    const created = avoidingRealValues(
      transform.name,
      transform.create({ table, column, keyed, ...(real === undefined ? {} : { real }) }),
      real,
    );
    // A transform that reads no other column is a function of the value alone: repeats are cached.
    const fn = transform.linkedColumns.length === 0 ? cachingRepeats(created) : created;
    if (!column.isArray || transform.wholeValue) return fn;
    return (value: string, row?: RowValues) => mapArray(value, (element) => fn(element, row));
  });
}

/**
 * Later draws of a table's fakes: draw n is the same transforms under the key's variant n, made
 * when first needed (a few rows in a large table need one, most tables none).
 */
function rowRedraw(
  copied: readonly CheckedColumn[],
  table: string,
  keyed: Keyed,
  real: RealValues | undefined,
  first: readonly (ValueTransform | null)[],
): RowRedraw | null {
  const pairedIn = real?.pairedIn?.bind(real);
  if (pairedIn === undefined || copied.length < 2 || first.every((t) => t === null)) return null;
  // The row as the check reads it: the text inside a bytea or JSON, decoded percent and base64
  // texts. A pair the check would find in a kept file's bytes beside a fake name must be seen here.
  const shapes = copied.map(({ column }) => ({ category: column.category, isArray: column.isArray }));
  const taken = (values: readonly (string | null)[]) =>
    pairedIn(values.map((v, i) => (v === null ? null : checkedText(v, shapes[i]!))));
  const draws = new Map<number, readonly (ValueTransform | null)[]>();
  return {
    taken,
    transformsOf: (attempt) => {
      let made = draws.get(attempt);
      if (made === undefined) {
        made = transformsOf(copied, table, keyed.variant(`row draw ${attempt}`), real);
        draws.set(attempt, made);
      }
      return made;
    },
  };
}

/**
 * Transformed columns, each after the columns its transform links to (the policy check has ruled
 * out circles); empty when nothing is linked.
 */
function computeOrder(copied: readonly CheckedColumn[], names: readonly string[]): number[] {
  if (copied.every((c) => c.transform.linkedColumns.length === 0)) return [];
  const order: number[] = [];
  const placed = new Set<number>();
  const place = (i: number) => {
    if (placed.has(i)) return;
    placed.add(i);
    for (const linked of copied[i]!.transform.linkedColumns) {
      const at = names.indexOf(linked);
      if (at !== -1) place(at);
    }
    if (copied[i]!.transform.name !== 'keep') order.push(i);
  };
  for (let i = 0; i < copied.length; i++) place(i);
  return order;
}
