/**
 * The registry, for transforms that use other transforms (`json`'s per-path rules). The registry
 * imports every transform, so a transform importing the registry would be an import cycle; the
 * registry hands itself over here once it is loaded instead.
 */
import { LeakproofError } from '../errors.js';
import type { BindResult } from './transform.js';

export interface TransformLookup {
  /** `bindTransform`: options checked, or undefined for an unknown name. */
  bind(name: string, rawOptions: unknown): BindResult | undefined;
  /** `suggestTransformName`: the closest name for a "did you mean", or null. */
  suggest(unknown: string): string | null;
}

let provided: TransformLookup | undefined;

/** Called once by `registry.ts` when its table of transforms is complete. */
export function provideTransformLookup(lookup: TransformLookup): void {
  provided = lookup;
}

/** The registry; throws LP_INTERNAL when `registry.ts` was never imported (a bug). */
export function transformLookup(): TransformLookup {
  if (provided === undefined)
    throw new LeakproofError(
      'LP_INTERNAL',
      'The transform registry is not loaded (import transforms/registry.js).',
    );
  return provided;
}
