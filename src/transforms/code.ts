/**
 * `code`: a keyed pseudonym with the input's shape: every digit becomes a digit, every capital a
 * capital, every small letter a small letter, and everything else (dashes, spaces, dots) stays, so
 * `AB-1234` becomes e.g. `XQ-8821` and a CHECK on the format still holds. For document numbers,
 * file numbers, employee numbers and the like.
 *
 * One-to-one, so a unique column stays unique: the letters and digits, read as one number in the
 * mixed radix of the shape (10 per digit, 26 per letter), go through a keyed permutation of that
 * space and the bracket-matching walk that steps over real codes (one-to-one.ts). A digest byte per
 * character, as before, was not: a million 8-digit codes shared ~5,000 fakes. The permutation
 * depends on the number of digits and letters only, so one code written `AB-1234`, `ab 1234` or
 * `AB1234` gets one fake in those three spellings, as the fingerprints see one value in them.
 * A long hex digest keeps its alphabet instead: every position is one of 16 hex digits.
 */
import { z } from 'zod';
import type { Keyed } from '../core/keyed.js';
import { needText } from './column-rules.js';
import { oneToOneFake } from './one-to-one.js';
import { isTaken, noRealValues, type RealValues, type TransformDefinition } from './transform.js';

const options = z.strictObject({});
const digits = '0123456789';
const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const lower = 'abcdefghijklmnopqrstuvwxyz';

function alphabetOf(ch: string): string | null {
  if (ch >= '0' && ch <= '9') return digits;
  if (ch >= 'A' && ch <= 'Z') return upper;
  if (ch >= 'a' && ch <= 'z') return lower;
  return null;
}

/** A value's letters and digits (the symbols) and where they go back among the other characters. */
interface Shape {
  readonly chars: readonly string[];
  readonly at: readonly number[];
  readonly alphabets: readonly string[];
  readonly symbols: string;
}

/**
 * A run of hex digits this long is a digest or a hex id (a file's SHA-256, a token): its fake stays
 * hex, so it still reads as one, and its letters cannot spell a word or a postcode beyond a–f.
 */
const hexDigest = /^(?:[0-9a-f]{16,}|[0-9A-F]{16,})$/;

function shapeOf(value: string): Shape {
  const chars = [...value];
  if (hexDigest.test(value) && /\d/.test(value) && /[a-fA-F]/.test(value)) {
    const hex = /[a-f]/.test(value) ? '0123456789abcdef' : '0123456789ABCDEF';
    return { chars, at: chars.map((_, i) => i), alphabets: chars.map(() => hex), symbols: value };
  }
  const at: number[] = [];
  const alphabets: string[] = [];
  let symbols = '';
  for (let i = 0; i < chars.length; i++) {
    const alphabet = alphabetOf(chars[i]!);
    if (alphabet === null) continue;
    at.push(i);
    alphabets.push(alphabet);
    symbols += chars[i];
  }
  return { chars, at, alphabets, symbols };
}

function written(shape: Shape, symbols: string): string {
  const out = shape.chars.slice();
  for (let i = 0; i < shape.at.length; i++) out[shape.at[i]!] = symbols[i]!;
  return out.join('');
}

/**
 * The fake code for `value`, never one of `real`'s codes: a same-shaped code can be another
 * person's real document number (10 digits among 30,000 real ones collide about once in ten runs).
 * One-to-one over values of one shape; never the value itself, unless it has no letter or digit.
 */
export function fakeCode(keyed: Keyed, value: string, real: RealValues = noRealValues): string {
  const shape = shapeOf(value);
  // A code without letters or digits has one form only: nothing to draw.
  if (shape.symbols === '') return value;
  const fake = oneToOneFake(
    keyed,
    'code',
    shape.alphabets,
    shape.symbols,
    (symbols) => (isTaken(real, 'code', written(shape, symbols)) ? 'real' : 'free'),
    'code',
  );
  return written(shape, fake);
}

export const codeTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'code',
  summary:
    'Replace each digit and letter with a keyed one of the same kind, keeping punctuation: AB-1234 → XQ-8821 (a long hex digest stays hex); one-to-one.',
  options,
  cannotProduce: (column) => needText(column),
  create:
    ({ keyed, real }) =>
    (value) =>
      fakeCode(keyed, value, real),
};
