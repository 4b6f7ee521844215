/**
 * `bsn`: a fake burgerservicenummer that passes the 11-proef, one-to-one for valid inputs so a unique
 * column stays unique. The first 8 digits go through a keyed permutation of 0…99,999,999 and are
 * walked on until they admit a check digit (10 of 11 prefixes do); cycle-walking a permutation
 * inside a subset is a permutation of that subset, so distinct valid BSNs never share a fake.
 * Invalid inputs get a keyed start instead, and may then share a fake with some valid input.
 *
 * A fake must also never be a real person's BSN (`RealValues`), yet skipping real ones naively
 * breaks the one-to-one property: an input whose next stop is a real BSN, and that real BSN as an
 * input itself, would both land on the stop after it. So the walk matches brackets along the cycle
 * instead: the input opens one, every real BSN passed opens another, every other BSN closes one,
 * and the fake is the stop that closes the input's own bracket. Each opening bracket has its own
 * closing one, so inputs that are themselves real (every input is, when the set is built from the
 * data being copied) never share a fake, and a closing stop is never real. Without real values
 * the first stop closes it: the fake is the one the plain walk gives.
 */
import { z } from 'zod';
import { isValidBsn, normalizeBsn } from '../core/detectors.js';
import type { Keyed } from '../core/keyed.js';
import { LeakproofError } from '../errors.js';
import { integerMax, needCategory, needLength, numericIntegerDigits } from './column-rules.js';
import { sharedPermutation } from './feistel.js';
import { isTaken, noRealValues, type RealValues, type TransformDefinition } from './transform.js';

const prefixSpace = 100_000_000;
/**
 * Permutation steps before giving up. The walk ends within a few stops unless real BSNs are dense
 * around the input; a cycle made only of real BSNs (possible on a tiny cycle) would never end.
 */
const maxSteps = 1_000_000;

/** The check digit an 8-digit prefix needs, or 10 when no digit works (then it is no BSN prefix). */
function checkDigit(prefix: number): number {
  let sum = 0;
  let rest = prefix;
  for (let weight = 2; weight <= 9; weight++) {
    sum += weight * (rest % 10);
    rest = Math.floor(rest / 10);
  }
  return sum % 11;
}

function isBsnPrefix(prefix: number): boolean {
  return prefix !== 0 && checkDigit(prefix) < 10;
}

function bsnOf(prefix: number): string {
  return String(prefix).padStart(8, '0') + String(checkDigit(prefix));
}

/**
 * The fake BSN's 9 digits for any input; one-to-one over valid BSNs, never one of `real`. Text
 * loses at most one leading zero (8 digits are padded); a number from an integer or numeric column
 * may have lost two.
 */
export function fakeBsnDigits(
  keyed: Keyed,
  value: string,
  fromNumber = false,
  real: RealValues = noRealValues,
): string {
  const permutation = sharedPermutation(keyed, 'bsn', 10_000);
  const number = fromNumber ? /^\s*(\d{1,9})(?:\.0*)?\s*$/.exec(value) : null;
  const normalized = number === null ? normalizeBsn(value) : number[1]!.padStart(9, '0');
  let prefix =
    normalized !== null && isValidBsn(normalized)
      ? Number(normalized.slice(0, 8))
      : keyed.int('bsn.invalid', value.trim(), prefixSpace);
  let open = 1; // the input's own bracket
  for (let steps = 0; steps < maxSteps; ) {
    do {
      prefix = permutation.forward(prefix);
      steps++;
    } while (!isBsnPrefix(prefix));
    const bsn = bsnOf(prefix);
    open += isTaken(real, 'bsn', bsn) ? 1 : -1;
    if (open === 0) return bsn;
  }
  throw new LeakproofError(
    'LP_TRANSFORM',
    'bsn: no BSN that is not real was found near a value; the set of real values is too dense.',
  );
}

/** The fake written like the input: `1234.56.782` stays dotted; as a number, without leading zeros. */
export function fakeBsn(
  keyed: Keyed,
  value: string,
  asNumber = false,
  real: RealValues = noRealValues,
): string {
  const digits = fakeBsnDigits(keyed, value, asNumber, real);
  if (asNumber) return String(Number(digits));
  if (/^\s*\d{4}\.\d{2}\.\d{3}\s*$/.test(value))
    return `${digits.slice(0, 4)}.${digits.slice(4, 6)}.${digits.slice(6)}`;
  return digits;
}

const options = z.strictObject({});

export const bsnTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'bsn',
  summary: 'Replace with a fake BSN that passes the 11-proef; one-to-one, so unique columns stay unique.',
  options,
  cannotProduce: (column) => {
    const wrongType = needCategory(column, 'text', 'integer', 'numeric');
    if (wrongType !== null) return wrongType;
    if (column.category === 'integer' && integerMax(column) < 999_999_999)
      return 'a BSN needs an integer or bigint column';
    const digits = numericIntegerDigits(column);
    if (digits !== null && digits < 9) return `a BSN needs 9 digits, the column holds ${digits}`;
    return needLength(column, 9, 'a BSN');
  },
  create: ({ column, keyed, real }) => {
    const asNumber = column.category !== 'text';
    return (value) => fakeBsn(keyed, value, asNumber, real);
  },
};
