/** `postcode`: a keyed fake Dutch postcode ('1234 AB'), never with the unused letters SA, SD or SS. */
import { z } from 'zod';
import { needText } from './column-rules.js';
import { indexFrom, type Keyed } from './keyed.js';
import type { TransformDefinition } from './transform.js';

const letterPairs: string[] = [];
for (let a = 65; a <= 90; a++) {
  for (let b = 65; b <= 90; b++) {
    const pair = String.fromCharCode(a, b);
    if (pair !== 'SA' && pair !== 'SD' && pair !== 'SS') letterPairs.push(pair);
  }
}

/** The fake for one postcode; written with a space when the input has one. */
export function fakePostcode(keyed: Keyed, value: string, allowSpace = true): string {
  const digest = keyed.digestLatin1('postcode', value.replace(/\s+/g, '').toUpperCase());
  const digits = 1000 + indexFrom(digest, 9000, 0);
  const letters = letterPairs[indexFrom(digest, letterPairs.length, 6)]!;
  return allowSpace && /\s/.test(value.trim()) ? `${digits} ${letters}` : `${digits}${letters}`;
}

const options = z.strictObject({});

export const postcodeTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'postcode',
  summary: 'Replace with a fake Dutch postcode, with or without the space like the input.',
  options,
  cannotProduce: (column) => needText(column, 6, 'a Dutch postcode'),
  create: ({ column, keyed }) => {
    const allowSpace = column.maxLength === null || column.maxLength >= 7;
    return (value) => fakePostcode(keyed, value, allowSpace);
  },
};
