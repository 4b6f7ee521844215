/** `city`: a keyed Dutch city or town name, within the column's length. */
import { z } from 'zod';
import { needText } from './column-rules.js';
import { indexFrom, type Keyed } from './keyed.js';
import { dutchCities } from './places.js';
import { fitLength, matchCase } from './text.js';
import type { TransformDefinition } from './transform.js';

/** The fake for one place name, at most `maxLength` characters (null: no limit). */
export function fakeCity(keyed: Keyed, value: string, maxLength: number | null): string {
  const count = dutchCities.upTo(maxLength);
  if (count === 0) return fitLength('Ede', maxLength);
  return matchCase(value, dutchCities.items[indexFrom(keyed.digestLatin1('city', value.trim()), count)]!);
}

const options = z.strictObject({});

export const cityTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'city',
  summary: 'Replace with a Dutch city or town name.',
  options,
  cannotProduce: (column) => needText(column, 3, 'a city name'),
  create: ({ column, keyed }) => {
    const max = column.maxLength;
    return (value) => fakeCity(keyed, value, max);
  },
};
