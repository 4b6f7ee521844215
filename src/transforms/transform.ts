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
import type { Keyed } from '../core/keyed.js';
import type { ColumnModel } from '../schema/model.js';

/**
 * Other columns of the same row, for a transform the policy links to them (an e-mail address built
 * from the row's fake name, a city that fits the row's fake postcode, an event shifted but never
 * before the row's fake date of birth). The engine computes linked columns first.
 */
export interface RowValues {
  /** The column's value in the source row (null for NULL). */
  source(column: string): string | null;
  /** What is written to the target for that column: its fake, or the value itself when kept. */
  written(column: string): string | null;
}

/** `row` is given to transforms that declare `linkedColumns`; others never look at it. */
export type ValueTransform = (value: string, row?: RowValues) => string | null;

/**
 * What a generator must never produce: the source's real personal values (built by
 * `check/fingerprints`). A fake that happens to be some real person's phone number or name is a
 * leak too, so generators ask and draw again. `name` is asked per fake name (any of its words may
 * be a real first or last name); the rest per whole value, in any spelling (normalization is the
 * answerer's job).
 */
export type RealValueKind = 'bsn' | 'iban' | 'email' | 'phone' | 'postcode' | 'code' | 'name';
export interface RealValues {
  isReal(kind: RealValueKind, value: string): boolean;
  /**
   * Whether a word is a first or last name of someone in the source (from the name columns), so
   * free text maps it the way its column did; null when it is neither or nothing is known.
   */
  nameRole?(word: string): 'first' | 'last' | null;
  /**
   * The pieces of a text that the leak check would report as the source's data, in text order,
   * not overlapping: the scrubber replaces exactly these (and what its detectors find), so that
   * what it leaves is what the check passes. Absent: nothing is known (tests, `init`).
   */
  realSpans?(text: string): readonly RealSpan[];
  /**
   * Positions of the values of one row (as written to the target) holding a word that, with
   * another value of the row, is one real person's: first and last name, a name beside that
   * person's date of birth. Each fake may be clean alone and the pair real by chance; the copy
   * draws such a row's fakes again. Absent: nothing is known.
   */
  pairedIn?(values: readonly (string | null)[]): ReadonlySet<number>;
}

/**
 * A piece of a text that is some real person's data, as the leak check matches it. Offsets are
 * UTF-16 indexes into the text that was given.
 */
export interface RealSpan {
  readonly start: number;
  readonly end: number;
  /**
   * `digits`: a digit run of the source (a phone number no validator accepts, a diploma number);
   * `value`: a whole value few people in the source hold (a rare surname, a street, a code);
   * `name`: one word of a first + last name pair of one real person found in this text.
   */
  readonly kind: 'digits' | 'value' | 'name';
  /** Where the value came from a name column, which part of a name it is; else null. */
  readonly role: 'first' | 'last' | null;
}

/** No real values known: every generator keeps its first draw (used by tests and `init`). */
export const noRealValues: RealValues = { isReal: () => false, nameRole: () => null };

/**
 * Whether a fake is taken: a real value of its kind, or holding anything the leak check would
 * report (another person's digit run inside a fake reference, a real postcode formed by chance in
 * a fake hex digest). Generators walk on or draw again until a fake is not taken; only asking for
 * their own kind left such chance collisions for the check to refuse.
 */
export function isTaken(real: RealValues, kind: RealValueKind, fake: string): boolean {
  return real.isReal(kind, fake) || (real.realSpans !== undefined && real.realSpans(fake).length > 0);
}

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
  /**
   * Same-row columns the transform reads through `RowValues`, as its options name them
   * (`{ transform: email, first: voornaam, last: achternaam }` → ['voornaam', 'achternaam']).
   */
  readonly linkedColumns?: (options: O) => readonly string[];
  readonly create: (setup: TransformSetup<O>) => ValueTransform;
}

/** A transform with its options checked and fixed. */
export interface BoundTransform {
  readonly name: string;
  readonly wholeValue: boolean;
  /** The options after defaults were filled in, e.g. for a report. */
  readonly options: unknown;
  /** Why the transform cannot fill this column, or null. */
  cannotProduce(column: ColumnModel): string | null;
  /** Same-row columns it reads (see `TransformDefinition.linkedColumns`). */
  readonly linkedColumns: readonly string[];
  create(setup: Omit<TransformSetup<unknown>, 'options'>): ValueTransform;
}

export type BindResult =
  | { readonly ok: true; readonly bound: BoundTransform }
  | { readonly ok: false; readonly error: z.ZodError };
