/**
 * Two fingerprint indexes of one source, taken at different times, as one (`fingerprint --update`):
 * people who joined since are added, and people who left stay covered, since a copy leaked before
 * they left still holds them. Pure: typed arrays in, typed arrays out, no I/O.
 *
 * The rules, per array of `FingerprintArrays`:
 * - subjects: the older index's people keep their numbers; the newer's new people follow. A
 *   subject is (table, primary key): the same key in both is the same person.
 * - digests (hi/lo): the union, still strictly ascending.
 * - holders: the union of both sides' holders (the newer's renumbered), ascending, no repeats.
 * - roles: what a text is (first, last, postcode, combination, strong, context) is the union of
 *   both; `value` on a digest both hold is the newer's. `value` on a whole value that only few
 *   people share (`rareValue` at build time) depends on how many hold it, and the newer index
 *   counted the people the source holds now; a digest only one side has keeps that side's roles.
 * - categories: the union. sources: the newer's column where it knows one, else the older's.
 * - unlinked (rows that lead to no subject, counted, not named): the larger of the two counts —
 *   those rows cannot be told apart, and most of the older ones are still in the newer.
 * - sourceColumns: the older's, then the newer's new ones; valueLengths: the union (unknown when
 *   either side's is unknown); longestSequence: the larger. The merged index has no presence
 *   filter (an index read from a file has none either): lookups pay the digest.
 */
import { LeakproofError } from '../../errors.js';
import {
  type FingerprintArrays,
  type FingerprintIndex,
  NO_COLUMN,
  Role,
  type SubjectRef,
} from './fingerprint-index.js';
import { sharedArray } from './shared-arrays.js';

/** One person's name in both indexes: table and key, unambiguous whatever characters they hold. */
const subjectKey = (s: SubjectRef) => `${s.table.length}:${s.table}${s.key}`;

/** The newer index's subject numbers in the merged list, and that list. */
function mergeSubjects(
  older: FingerprintIndex,
  newer: FingerprintIndex,
): { subjects: SubjectRef[]; newerToMerged: Uint32Array } {
  const subjects: SubjectRef[] = [...older.subjects];
  const numberOf = new Map<string, number>();
  for (const [i, s] of subjects.entries()) numberOf.set(subjectKey(s), i);
  const newerToMerged = new Uint32Array(newer.subjectCount);
  newer.subjects.forEach((s, i) => {
    const key = subjectKey(s);
    let n = numberOf.get(key);
    if (n === undefined) {
      n = subjects.push(s) - 1;
      numberOf.set(key, n);
    }
    newerToMerged[i] = n;
  });
  return { subjects, newerToMerged };
}

/** The merged column list, and for each side its column ids in it (`NO_COLUMN` stays unknown). */
function mergeColumns(older: FingerprintIndex, newer: FingerprintIndex) {
  const columns: string[] = [];
  const idOf = new Map<string, number>();
  const map = (names: readonly string[]) =>
    names.map((name) => {
      let id = idOf.get(name);
      if (id === undefined) {
        // Column ids are 16 bits; past the last one a fingerprint's column is not known.
        if (columns.length >= NO_COLUMN) return NO_COLUMN;
        id = columns.push(name) - 1;
        idOf.set(name, id);
      }
      return id;
    });
  const olderIds = map(older.sourceColumns);
  const newerIds = map(newer.sourceColumns);
  return {
    columns,
    older: (c: number) => olderIds[c] ?? NO_COLUMN,
    newer: (c: number) => newerIds[c] ?? NO_COLUMN,
  };
}

/**
 * The fingerprints of `older` and `newer` (one source, the same key) as one index; see the rules
 * above. Example: `mergeFingerprints(loadedFromFile.index, fingerprintedNow.index)`.
 */
export function mergeFingerprints(older: FingerprintIndex, newer: FingerprintIndex): FingerprintIndex {
  if (older.keyId !== newer.keyId)
    throw new LeakproofError(
      'LP_KEY_MISMATCH',
      `Fingerprints made with key ${older.keyId} cannot be merged with those of key ${newer.keyId}.`,
    );
  const { subjects, newerToMerged } = mergeSubjects(older, newer);
  const column = mergeColumns(older, newer);
  const a = older.arrays;
  const b = newer.arrays;
  const na = a.hi.length;
  const nb = b.hi.length;
  const hi = new Uint32Array(na + nb);
  const lo = new Uint32Array(na + nb);
  const roles = new Uint8Array(na + nb);
  const categories = new Uint16Array(na + nb);
  const sources = new Uint16Array(na + nb);
  const unlinked = new Uint32Array(na + nb);
  const holderStart = new Uint32Array(na + nb + 1);
  const holders = new Uint32Array(a.holders.length + b.holders.length);
  let e = 0;
  let h = 0;
  const olderHolders = (i: number) => {
    for (let k = a.holderStart[i]!; k < a.holderStart[i + 1]!; k++) holders[h++] = a.holders[k]!;
  };
  const newerHolders = (j: number) => {
    for (let k = b.holderStart[j]!; k < b.holderStart[j + 1]!; k++)
      holders[h++] = newerToMerged[b.holders[k]!]!;
  };
  let i = 0;
  let j = 0;
  while (i < na || j < nb) {
    const order = i === na ? 1 : j === nb ? -1 : a.hi[i]! - b.hi[j]! || a.lo[i]! - b.lo[j]!;
    const start = h;
    holderStart[e] = start;
    if (order < 0) {
      hi[e] = a.hi[i]!;
      lo[e] = a.lo[i]!;
      roles[e] = a.roles[i]!;
      categories[e] = a.categories[i]!;
      sources[e] = column.older(a.sources[i]!);
      unlinked[e] = a.unlinked[i]!;
      olderHolders(i++);
    } else if (order > 0) {
      hi[e] = b.hi[j]!;
      lo[e] = b.lo[j]!;
      roles[e] = b.roles[j]!;
      categories[e] = b.categories[j]!;
      sources[e] = column.newer(b.sources[j]!);
      unlinked[e] = b.unlinked[j]!;
      newerHolders(j++);
    } else {
      hi[e] = a.hi[i]!;
      lo[e] = a.lo[i]!;
      roles[e] = b.roles[j]! | (a.roles[i]! & ~Role.value);
      categories[e] = a.categories[i]! | b.categories[j]!;
      const source = column.newer(b.sources[j]!);
      sources[e] = source === NO_COLUMN ? column.older(a.sources[i]!) : source;
      unlinked[e] = Math.max(a.unlinked[i]!, b.unlinked[j]!);
      olderHolders(i++);
      newerHolders(j++);
    }
    // Renumbered holders may be out of order, and a person of both sides is there twice.
    if (h - start > 1) {
      holders.subarray(start, h).sort();
      let w = start + 1;
      for (let k = start + 1; k < h; k++) if (holders[k] !== holders[w - 1]) holders[w++] = holders[k]!;
      h = w;
    }
    e++;
  }
  holderStart[e] = h;
  const shared = <T extends Uint8Array | Uint16Array | Uint32Array>(
    kind: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
    from: T,
    length: number,
  ): T => {
    const out = sharedArray(kind, length);
    out.set(from.subarray(0, length));
    return out;
  };
  const arrays: FingerprintArrays = {
    hi: shared(Uint32Array, hi, e),
    lo: shared(Uint32Array, lo, e),
    roles: shared(Uint8Array, roles, e),
    categories: shared(Uint16Array, categories, e),
    sources: shared(Uint16Array, sources, e),
    unlinked: shared(Uint32Array, unlinked, e),
    holderStart: shared(Uint32Array, holderStart, e + 1),
    holders: shared(Uint32Array, holders, h),
  };
  const lengths = [older, newer].map((x) => x.handOver().valueLengths);
  const valueLengths = lengths.every((l) => l !== undefined)
    ? [...new Set(lengths.flatMap((l) => l ?? []))].sort((x, y) => x - y)
    : undefined;
  return older.derive(arrays, subjects, {
    sourceColumns: column.columns,
    longestSequence: Math.max(older.longestSequence, newer.longestSequence),
    ...(valueLengths === undefined ? {} : { valueLengths }),
  });
}

/** How a merge changed the people covered. Example: `mergeCounts(older, merged)` → `{ added: 2, … }`. */
export function mergeCounts(
  older: FingerprintIndex,
  newer: FingerprintIndex,
  merged: FingerprintIndex,
): { readonly added: number; readonly keptFromBefore: number; readonly people: number } {
  return {
    /** People the newer state holds that the older did not: they joined since. */
    added: merged.subjectCount - older.subjectCount,
    /** People only the older state held: no longer in the source, still looked for. */
    keptFromBefore: merged.subjectCount - newer.subjectCount,
    people: merged.subjectCount,
  };
}
