/**
 * `houseNumber`: a keyed house number 1–300, with a letter or number addition when the input has
 * one ('12a' → '87c', '12-2' → '87-1', '12 B' → '87 D'); integer columns get the number only.
 */
import { z } from 'zod';
import { indexFrom, type Keyed } from '../core/keyed.js';
import { needCategory } from './column-rules.js';
import { attemptInput, maxAttempts } from './draw-again.js';
import type { TransformDefinition } from './transform.js';

const highest = 300;
const letters = 'abcdefgh';

/** The fake for one house number, at most `maxLength` characters (null: no limit). */
export function fakeHouseNumber(
  keyed: Keyed,
  value: string,
  maxLength: number | null,
  digitsOnly = false,
): string {
  const input = value.trim().toLowerCase();
  // A fake equal to the input is no fake: draw again (one in 300 first draws would be).
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const fake = drawHouseNumber(keyed, value, attemptInput(input, attempt), maxLength, digitsOnly);
    if (fake.toLowerCase() !== input) return fake;
  }
  return drawHouseNumber(keyed, value, input, maxLength, digitsOnly);
}

function drawHouseNumber(
  keyed: Keyed,
  value: string,
  hashed: string,
  maxLength: number | null,
  digitsOnly: boolean,
): string {
  const digest = keyed.digestLatin1('houseNumber', hashed);
  const limit = maxLength === null ? highest : Math.min(highest, 10 ** maxLength - 1);
  const number = String(1 + indexFrom(digest, limit, 0));
  if (digitsOnly) return number;
  // The greedy \d+ leaves a tail that starts with a non-digit: '12a' → 'a', '12-2' → '-2'.
  const tail = /^\d+(.*)$/.exec(value.trim())?.[1] ?? '';
  const addition = /^([\s-]*)([A-Za-z]|\d+)/.exec(tail);
  if (addition === null) return number;
  const [, separator = '', kind = ''] = addition;
  const fake = /\d/.test(kind)
    ? String(1 + (digest.charCodeAt(6) % 9))
    : kind === kind.toUpperCase()
      ? letters[digest.charCodeAt(6) % letters.length]!.toUpperCase()
      : letters[digest.charCodeAt(6) % letters.length]!;
  const withAddition = number + separator + fake;
  return maxLength === null || withAddition.length <= maxLength ? withAddition : number;
}

const options = z.strictObject({});

export const houseNumberTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'houseNumber',
  summary: 'Replace with a fake house number 1–300, keeping a letter or number addition if there is one.',
  options,
  cannotProduce: (column) => needCategory(column, 'text', 'integer'),
  create: ({ column, keyed }) => {
    const digitsOnly = column.category === 'integer';
    const max = column.maxLength;
    return (value) => fakeHouseNumber(keyed, value, max, digitsOnly);
  },
};
