/**
 * `vNumber`: a fake V-nummer (vreemdelingennummer), the 10-digit number the immigration service
 * gives a foreign national. There is no public check digit, so any 10 digits will do: the digits
 * go through a keyed permutation of 0…9,999,999,999 and the bracket-matching walk that steps over
 * real numbers (one-to-one.ts), so a unique column stays unique, no fake is a real V-number and
 * none is its own input. Separators stay where they were (`1234 567 890`, `12.34.56.78.90`). In a
 * bigint column a number that lost leading zeros is read as 10 digits and written as a number.
 * Anything else (more or fewer digits, letters) is treated as `code` treats it.
 */
import { z } from 'zod';
import type { Keyed } from '../core/keyed.js';
import { fakeCode } from './code.js';
import { integerMax, needCategory } from './column-rules.js';
import { oneToOneFake } from './one-to-one.js';
import { isTaken, noRealValues, type RealValues, type TransformDefinition } from './transform.js';

const alphabets: readonly string[] = Array.from({ length: 10 }, () => '0123456789');
const separated = /^[\d\s./-]*$/;
const fromNumber = /^\s*(\d{1,10})\s*$/;

/** The digits of `fake` put where `value` had its digits, separators kept. */
function placed(value: string, fake: string): string {
  if (value.length === fake.length) return fake; // no separators
  let i = 0;
  return value.replace(/\d/g, () => fake[i++]!);
}

/**
 * The fake V-number for `value` (text as written, or from an integer column when `asNumber`);
 * never one of `real`, never `value` itself, one-to-one over 10-digit values.
 */
export function fakeVNumber(
  keyed: Keyed,
  value: string,
  asNumber = false,
  real: RealValues = noRealValues,
): string {
  const number = asNumber ? fromNumber.exec(value) : null;
  if (number !== null) {
    const digits = number[1]!.padStart(10, '0');
    const write = (fake: string) => String(Number(fake));
    const stop = (fake: string) => (isTaken(real, 'code', write(fake)) ? 'real' : 'free');
    return write(oneToOneFake(keyed, 'vNumber', alphabets, digits, stop, 'vNumber'));
  }
  const digits = value.replace(/\D/g, '');
  if (asNumber || digits.length !== 10 || !separated.test(value)) return fakeCode(keyed, value, real);
  const stop = (fake: string) => (isTaken(real, 'code', placed(value, fake)) ? 'real' : 'free');
  return placed(value, oneToOneFake(keyed, 'vNumber', alphabets, digits, stop, 'vNumber'));
}

const options = z.strictObject({});

export const vNumberTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'vNumber',
  summary: 'Replace a V-nummer (10 digits) with a fake one, separators kept; one-to-one, never a real one.',
  options,
  cannotProduce: (column) => {
    const wrongType = needCategory(column, 'text', 'integer');
    if (wrongType !== null) return wrongType;
    if (column.category === 'integer' && integerMax(column) < 9_999_999_999)
      return `a V-number needs a bigint column, not ${column.type}`;
    return null;
  },
  create: ({ column, keyed, real }) => {
    const asNumber = column.category === 'integer';
    return (value) => fakeVNumber(keyed, value, asNumber, real);
  },
};
