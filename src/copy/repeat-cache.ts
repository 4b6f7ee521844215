/**
 * Remembers a column's fakes for values that come back (first names, cities, statuses): every
 * transform is a pure keyed function of its input, so a cached fake is the fake. Columns of mostly
 * distinct values (BSNs, e-mail addresses, notes) would only fill memory, so the cache watches its
 * hit rate and steps aside for the rest of the table when it stays low.
 */
import type { RowValues, ValueTransform } from '../transforms/transform.js';

/** Entries kept per column before it starts over: bounded memory, whatever the table's size. */
const MAX_ENTRIES = 10_000;
/** Lookups after which the hit rate decides whether caching pays. */
const TRIAL = 5_000;
/** Below this share of hits, a `Map` lookup and insert per value cost more than they save. */
const MIN_HIT_RATE = 0.3;
/** Values longer than this are free text: nearly never repeated, and costly to hold. */
const MAX_CACHED_LENGTH = 200;

/** Wraps a transform that reads no other column of its row. Example: `cachingRepeats(firstName)`. */
export function cachingRepeats(transform: ValueTransform): ValueTransform {
  let cache: Map<string, string | null> | null = new Map();
  let lookups = 0;
  let hits = 0;
  return (value: string, row?: RowValues) => {
    if (cache === null || value.length > MAX_CACHED_LENGTH) return transform(value, row);
    const cached = cache.get(value);
    lookups++;
    if (cached !== undefined) {
      hits++;
      return cached;
    }
    if (lookups === TRIAL && hits < TRIAL * MIN_HIT_RATE) {
      cache = null;
      return transform(value, row);
    }
    const fake = transform(value, row);
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(value, fake);
    return fake;
  };
}
