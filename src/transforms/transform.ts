/**
 * The contract every transform keeps. A transform is a pure, keyed function from one value in
 * PostgreSQL's text form (what `COPY … TO` prints, already unescaped) to another, or to NULL.
 * NULL inputs never reach a transform: NULL stays NULL. For array columns the copy engine applies
 * the transform to each element unless the transform says it works on the whole value.
 *
 * Same key + same input + same transform name and options → same output, in every table and every
 * run: that is what keeps foreign keys and joins working.
 */
import type { z } from 'zod';
import type { ColumnModel } from '../schema/model.js';
import type { Keyed } from './keyed.js';

export type ValueTransform = (value: string) => string | null;

/**
 * What a generator must never produce: the source's real personal values (built by
 * `verify/fingerprints`). A fake that happens to be some real person's phone number or name is a
 * leak too, so generators ask and draw again. `name` is asked per fake name (any of its words may
 * be a real first or last name); the rest per whole value, in any spelling (normalization is the
 * answerer's job).
 */
export type RealValueKind = 'bsn' | 'iban' | 'email' | 'phone' | 'postcode' | 'code' | 'name';
export interface RealValues {
  isReal(kind: RealValueKind, value: string): boolean;
}

/** No real values known: every generator keeps its first draw (used by tests and `init`). */
export const noRealValues: RealValues = { isReal: () => false };

export interface TransformSetup<O> {
  readonly options: O;
  /** `schema.table`, for messages only: outputs must not depend on it. */
  readonly table: string;
  readonly column: ColumnModel;
  readonly keyed: Keyed;
  /** Real values to stay away from; absent means none known. */
  readonly real?: RealValues;
}

export interface TransformDefinition<O = Record<string, unknown>> {
  readonly name: string;
  /** One line for docs, `init` comments and `--help`. */
  readonly summary: string;
  /** Options as written in the policy next to `transform:`; strict, so typos are reported. */
  readonly options: z.ZodType<O>;
  /** Why this transform cannot fill this column (type, length, NOT NULL…), or null when it can. */
  readonly cannotProduce: (column: ColumnModel, options: O) => string | null;
  /** True when the transform replaces a whole array/JSON value instead of each element. */
  readonly wholeValue?: boolean;
  readonly create: (setup: TransformSetup<O>) => ValueTransform;
}
