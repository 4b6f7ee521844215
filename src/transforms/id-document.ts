/**
 * `idDocument`: a fake Dutch passport or identity-card number: 9 characters, 2 letters, 6 letters
 * or digits, 1 digit, with no letter O (never used) and no 0 (not used since December 2019). Each
 * position keeps its kind and case (`NXK1R2J84` → e.g. `BWT7P5M23`), so format CHECKs still hold.
 *
 * One-to-one: the 9 characters, read as one number (26 per letter, 10 per digit), go through a
 * keyed permutation of all numbers of that shape and the bracket-matching walk (one-to-one.ts),
 * which steps past every stop with an O or a 0 (cycle-walking: a permutation of the numbers without
 * them) and opens a bracket at every real number, so no fake is real or its own input. Numbers
 * issued before 2019 may hold a 0; when they are real (in a copy every input is) they open a
 * bracket like any real stop and stay one-to-one with the rest; without real values they start
 * from their own place on the cycle and can share a fake with a number that has no 0, rarely.
 * Anything not of this shape is treated as `code` treats it.
 */
import { z } from 'zod';
import type { Keyed } from '../core/keyed.js';
import { fakeCode } from './code.js';
import { needText } from './column-rules.js';
import { oneToOneFake, type Stop } from './one-to-one.js';
import { isTaken, noRealValues, type RealValues, type TransformDefinition } from './transform.js';

const shape = /^[A-Za-z]{2}[A-Za-z0-9]{6}[0-9]$/;
const digits = '0123456789';
const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const lower = 'abcdefghijklmnopqrstuvwxyz';
/** Never in a number issued today. */
const unused = /[Oo0]/;

function alphabetOf(ch: string): string {
  if (ch >= '0' && ch <= '9') return digits;
  return ch >= 'a' ? lower : upper;
}

/** The fake for one document number; never one of `real`, never `value` itself. */
export function fakeIdDocument(keyed: Keyed, value: string, real: RealValues = noRealValues): string {
  if (!shape.test(value)) return fakeCode(keyed, value, real);
  const alphabets = [...value].map(alphabetOf);
  const stop = (candidate: string): Stop => {
    const isReal = isTaken(real, 'code', candidate);
    if (unused.test(candidate)) return isReal ? 'real' : 'skip';
    return isReal ? 'real' : 'free';
  };
  return oneToOneFake(keyed, 'idDocument', alphabets, value, stop, 'idDocument');
}

const options = z.strictObject({});

export const idDocumentTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'idDocument',
  summary:
    'Replace a Dutch passport/ID-card number with a fake of the same shape (no O, no 0); one-to-one, never a real one.',
  options,
  cannotProduce: (column) => needText(column),
  create:
    ({ keyed, real }) =>
    (value) =>
      fakeIdDocument(keyed, value, real),
};
