/**
 * One-to-one fakes over a mixed-radix space (per position an alphabet: 10 digits, 26 letters, the
 * six valid second digits of a Dutch mobile…) that are never a real value: the bracket-matching
 * walk of bsn.ts, along one keyed cycle through the whole space.
 *
 * The cycle is n ↦ P⁻¹(P(n) + 1 mod N) for a keyed permutation P of [0, N) (feistel.ts). It passes
 * every value once, so a walk meets its own input again only after all N values, and without real
 * values the fake is the next stop: never the input. (P's own cycles can have length one, a value
 * mapped to itself, which for 10^10 V-numbers happens to about one value per key.)
 *
 * Every stop is `skip` (no possible fake, e.g. an ID-card number with a 0: cycle-walking past it),
 * `real` (a real value: opens a bracket) or `free` (closes one). The input opens the first bracket
 * and the fake is the stop that closes it. Distinct inputs get distinct fakes when every input is
 * real or no real value lies on the walk: the fingerprints hold every value of the source, so in a
 * copy every input is real (bsn.ts explains why skipping real values naively would not do).
 */

import type { Keyed } from '../core/keyed.js';
import { LeakproofError } from '../errors.js';
import { type BigRangePermutation, RangePermutation, sharedRangePermutation } from './feistel.js';

export type Stop = 'skip' | 'real' | 'free';

/**
 * Stops before giving up. A walk ends within a few stops unless real values are dense around the
 * input: at a density p below one half it takes about 1 / (1 - 2p) stops. Near one half and above,
 * walks grow without bound, and the set of real values is wrong for the column rather than unlucky.
 */
const maxSteps = 100_000;

function tooDense(transform: string): LeakproofError {
  return new LeakproofError(
    'LP_TRANSFORM',
    `${transform}: no fake that is not real was found near a value; the set of real values is too dense.`,
  );
}

/** The number of values of the space: a number while exact, else a bigint. */
function sizeOf(alphabets: readonly string[]): number | bigint {
  let size = 1;
  for (const alphabet of alphabets) size *= alphabet.length;
  if (size <= 2 ** 52) return size;
  let big = 1n;
  for (const alphabet of alphabets) big *= BigInt(alphabet.length);
  return big;
}

function rankNumber(alphabets: readonly string[], symbols: string): number {
  let n = 0;
  for (let i = 0; i < alphabets.length; i++)
    n = n * alphabets[i]!.length + alphabets[i]!.indexOf(symbols[i]!);
  return n;
}

function unrankNumber(alphabets: readonly string[], n: number): string {
  let out = '';
  for (let i = alphabets.length - 1; i >= 0; i--) {
    const alphabet = alphabets[i]!;
    out = alphabet[n % alphabet.length]! + out;
    n = Math.floor(n / alphabet.length);
  }
  return out;
}

function rankBig(alphabets: readonly string[], symbols: string): bigint {
  let n = 0n;
  for (let i = 0; i < alphabets.length; i++)
    n = n * BigInt(alphabets[i]!.length) + BigInt(alphabets[i]!.indexOf(symbols[i]!));
  return n;
}

function unrankBig(alphabets: readonly string[], n: bigint): string {
  const out = new Array<string>(alphabets.length);
  for (let i = alphabets.length - 1; i >= 0; i--) {
    const alphabet = alphabets[i]!;
    const radix = BigInt(alphabet.length);
    out[i] = alphabet[Number(n % radix)]!;
    n /= radix;
  }
  return out.join('');
}

/** The walk over numbers (spaces up to 2^52). */
function walkNumber(
  permutation: RangePermutation,
  alphabets: readonly string[],
  symbols: string,
  stop: (symbols: string) => Stop,
  transform: string,
): string {
  const size = permutation.size;
  const input = rankNumber(alphabets, symbols);
  const start = permutation.forward(input);
  let open = 1; // the input's own bracket
  for (let step = 1; step <= maxSteps; step++) {
    const index = permutation.inverse((start + step) % size);
    const candidate = unrankNumber(alphabets, index);
    // Around the whole cycle and back: the input counts as real, it is never its own fake.
    const kind = index === input ? 'real' : stop(candidate);
    if (kind === 'skip') continue;
    open += kind === 'real' ? 1 : -1;
    if (open === 0) return candidate;
  }
  throw tooDense(transform);
}

/** The same walk over bigints, for long codes. */
function walkBig(
  permutation: BigRangePermutation,
  alphabets: readonly string[],
  symbols: string,
  stop: (symbols: string) => Stop,
  transform: string,
): string {
  const size = permutation.size;
  const input = rankBig(alphabets, symbols);
  const start = permutation.forward(input);
  let open = 1;
  for (let step = 1n; step <= BigInt(maxSteps); step++) {
    const index = permutation.inverse((start + step) % size);
    const candidate = unrankBig(alphabets, index);
    const kind = index === input ? 'real' : stop(candidate);
    if (kind === 'skip') continue;
    open += kind === 'real' ? 1 : -1;
    if (open === 0) return candidate;
  }
  throw tooDense(transform);
}

/**
 * The fake of `symbols` (one character per position, each from that position's alphabet), as
 * symbols of the same alphabets. `domain` keys the permutation (one per transform); `stop` says
 * what a candidate is, usually by asking `RealValues` about it as it would be written.
 * Example: `oneToOneFake(keyed, 'vNumber', Array(10).fill('0123456789'), '1234567890', stop, 'vNumber')`.
 */
export function oneToOneFake(
  keyed: Keyed,
  domain: string,
  alphabets: readonly string[],
  symbols: string,
  stop: (symbols: string) => Stop,
  transform: string,
): string {
  const permutation = sharedRangePermutation(keyed, domain, sizeOf(alphabets));
  return permutation instanceof RangePermutation
    ? walkNumber(permutation, alphabets, symbols, stop, transform)
    : walkBig(permutation, alphabets, symbols, stop, transform);
}
