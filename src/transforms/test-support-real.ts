/**
 * Test support (not used by the product): a `RealValues` over a set of values, looked up in every
 * spelling the fingerprints know (`valueForms`: case, separators, E.164), as the real index is.
 */

import { valueForms } from '../core/normalize.js';
import { LeakproofError } from '../errors.js';
import type { RealValueKind, RealValues } from './transform.js';

export class RealSet implements RealValues {
  readonly #forms = new Set<string>();
  /** Questions asked, to pin how often a transform asks. */
  calls = 0;

  constructor(values: Iterable<string> = []) {
    for (const value of values) this.add(value);
  }

  add(value: string): this {
    for (const form of valueForms(value)) this.#forms.add(form);
    return this;
  }

  isReal(_kind: RealValueKind, value: string): boolean {
    this.calls++;
    return valueForms(value).some((form) => this.#forms.has(form));
  }
}

/** Every value is real: a transform that asks must give up. */
export const everythingReal: RealValues = { isReal: () => true };

/** The error `run` throws; fails the test when it throws none or not a LeakproofError. */
export function thrownBy(run: () => unknown): LeakproofError {
  try {
    run();
  } catch (error) {
    if (error instanceof LeakproofError) return error;
    throw error;
  }
  throw new Error('expected an error');
}
