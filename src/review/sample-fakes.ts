/**
 * The fakes a table's decisions make of its sampled rows, made the way the copy makes them: the
 * plan's keyed transforms (`planCopy`), linked columns after the columns they read, each row's
 * values given to transforms that read their row. Without the source's fingerprints (`real` is
 * not known here), so a fake may now and then be one the copy would draw again.
 */

import { planCopy } from '../copy/plan.js';
import type { Keyed } from '../core/keyed.js';
import { LeakproofError } from '../errors.js';
import type { CheckedPolicy } from '../policy/check-policy.js';
import type { RowValues } from '../transforms/transform.js';
import { isCut, type ReviewSource } from './review-samples.js';

export type SampleOutcome =
  | { readonly kind: 'fake'; readonly value: string | null }
  | { readonly kind: 'kept' }
  | { readonly kind: 'generated' }
  | { readonly kind: 'cut' }
  /** `code` is a LeakproofError's code; a transform's own message may quote the value, so it is dropped. */
  | { readonly kind: 'failed'; readonly code: string | null };

/**
 * Per column with a valid decision, one outcome per sampled row. `checked` holds the one table
 * (`name`); columns missing from the result have no valid decision.
 */
export function sampleOutcomes(
  checked: CheckedPolicy,
  context: { readonly source: ReviewSource; readonly keyed: Keyed },
  name: string,
): Map<string, SampleOutcome[]> {
  const outcomes = new Map<string, SampleOutcome[]>();
  const plan = planCopy(checked, context.keyed)[0];
  const entry = checked.tables[0];
  const sample = context.source.samples.get(name);
  if (plan === undefined || entry?.kind !== 'copy' || sample === undefined) return outcomes;
  const rows = sample.rows;
  for (const c of entry.columns)
    if (c.column.generatedExpr !== null)
      outcomes.set(
        c.column.name,
        rows.map(() => ({ kind: 'generated' })),
      );

  const position = new Map(plan.columns.map((c, i) => [c, i] as const));
  const inSample = new Map(sample.columns.map((c, i) => [c, i] as const));
  const order =
    plan.linkedOrder.length > 0
      ? plan.linkedOrder
      : plan.transforms.flatMap((t, i) => (t === null ? [] : [i]));
  const made: SampleOutcome[][] = plan.columns.map(() => []);
  for (const row of rows) {
    const source = plan.columns.map((c) => row[inSample.get(c) ?? -1] ?? null);
    const written: (string | null)[] = source.slice();
    const results: SampleOutcome[] = plan.transforms.map((t) =>
      t === null ? { kind: 'kept' } : { kind: 'cut' },
    );
    const values: RowValues = {
      source: (column) => source[position.get(column) ?? -1] ?? null,
      written: (column) => written[position.get(column) ?? -1] ?? null,
    };
    for (const i of order) {
      const value = source[i]!;
      if (value === null) {
        results[i] = { kind: 'fake', value: null };
        continue;
      }
      if (isCut(value)) continue;
      try {
        written[i] = plan.transforms[i]!(value, values);
        results[i] = { kind: 'fake', value: written[i]! };
      } catch (error) {
        written[i] = null;
        results[i] = { kind: 'failed', code: error instanceof LeakproofError ? error.code : null };
      }
    }
    for (const [i, r] of results.entries()) made[i]!.push(r);
  }
  for (const [i, c] of plan.columns.entries()) outcomes.set(c, made[i]!);
  return outcomes;
}
