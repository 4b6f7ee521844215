/**
 * `postcode`: a keyed fake Dutch postcode ('3512 KX'), never with the unused letters SA, SD or SS,
 * inside the postcode area of a Dutch city (postcode-areas.ts), so that a `city` linked to it can
 * name that city and the fake address reads as one place. A fake that is a real postcode
 * (someone's address) is drawn again (draw-again.ts).
 */
import { z } from 'zod';
import { indexFrom, type Keyed } from '../core/keyed.js';
import { needText } from './column-rules.js';
import { attemptInput, everyDrawReal, maxAttempts } from './draw-again.js';
import { areaNumberAt, areaNumbers } from './postcode-areas.js';
import { isTaken, noRealValues, type RealValues, type TransformDefinition } from './transform.js';

const letterPairs: string[] = [];
for (let a = 65; a <= 90; a++) {
  for (let b = 65; b <= 90; b++) {
    const pair = String.fromCharCode(a, b);
    if (pair !== 'SA' && pair !== 'SD' && pair !== 'SS') letterPairs.push(pair);
  }
}

/** The fake for one postcode, never one of `real`; written with a space when the input has one. */
export function fakePostcode(
  keyed: Keyed,
  value: string,
  allowSpace = true,
  real: RealValues = noRealValues,
): string {
  const normalized = value.replace(/\s+/g, '').toUpperCase();
  const spaced = allowSpace && /\s/.test(value.trim());
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const digest = keyed.digestLatin1('postcode', attemptInput(normalized, attempt));
    const digits = areaNumberAt(indexFrom(digest, areaNumbers, 0));
    const letters = letterPairs[indexFrom(digest, letterPairs.length, 6)]!;
    const out = spaced ? `${digits} ${letters}` : `${digits}${letters}`;
    if (!isTaken(real, 'postcode', out)) return out;
  }
  throw everyDrawReal('postcode');
}

const options = z.strictObject({});

export const postcodeTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'postcode',
  summary: "Replace with a fake Dutch postcode in a city's area, with or without the space like the input.",
  options,
  cannotProduce: (column) => needText(column, 6, 'a Dutch postcode'),
  create: ({ column, keyed, real }) => {
    const allowSpace = column.maxLength === null || column.maxLength >= 7;
    return (value) => fakePostcode(keyed, value, allowSpace, real);
  },
};
