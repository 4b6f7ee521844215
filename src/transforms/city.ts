/**
 * `city`: a keyed Dutch city or town name, within the column's length. Linked to the row's postcode
 * column (`{ transform: city, postcode: postcode }`), it names the city of the row's fake postcode
 * instead, so street, number, postcode and city form one plausible address.
 */
import { z } from 'zod';
import { indexFrom, type Keyed } from '../core/keyed.js';
import { needText } from './column-rules.js';
import { attemptInput, everyDrawReal, maxAttempts } from './draw-again.js';
import { dutchCities } from './places.js';
import { cityOfPostcode } from './postcode-areas.js';
import { fitLength, matchCase } from './text.js';
import type { RealValues, TransformDefinition } from './transform.js';

/** The fake for one place name, at most `maxLength` characters (null: no limit). */
export function fakeCity(keyed: Keyed, value: string, maxLength: number | null): string {
  const count = dutchCities.upTo(maxLength);
  if (count === 0) return fitLength('Ede', maxLength);
  const index = indexFrom(keyed.digestLatin1('city', value.trim()), count);
  // The real place is no fake: take its neighbour in the list instead.
  const same = dutchCities.items[index]!.toLowerCase() === value.trim().toLowerCase();
  return matchCase(value, dutchCities.items[same && count > 1 ? (index + 1) % count : index]!);
}

/** `fakeCity`, drawn again until the fake is no value few real people hold (`RealValues.realSpans`). */
export function fakeCityAvoiding(
  keyed: Keyed,
  value: string,
  real: RealValues,
  maxLength: number | null = null,
): string {
  const spans = real.realSpans?.bind(real);
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const fake = fakeCity(keyed, attemptInput(value, attempt), maxLength);
    if (spans === undefined || spans(fake).length === 0) return matchCase(value, fake);
  }
  throw everyDrawReal('city');
}

const options = z.strictObject({
  postcode: z
    .string()
    .min(1)
    .optional()
    .describe("the row's postcode column: the city its fake postcode lies in"),
});

export const cityTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'city',
  summary: "Replace with a Dutch city or town name (option 'postcode': the city of the row's fake postcode).",
  options,
  cannotProduce: (column) => needText(column, 3, 'a city name'),
  linkedColumns: ({ postcode }) => (postcode === undefined ? [] : [postcode]),
  create: ({ options: { postcode }, column, keyed, real }) => {
    const max = column.maxLength;
    return (value, row) => {
      const fakePostcode = postcode === undefined ? null : (row?.written(postcode) ?? null);
      const city = fakePostcode === null ? null : cityOfPostcode(fakePostcode);
      // Consistency wins over change here: the fake postcode may lie in the real city (about one
      // in sixteen), and a city alone identifies no one; but a town where only a few real people
      // live is theirs, and another fake city is drawn.
      if (
        city !== null &&
        (max === null || [...city].length <= max) &&
        (real?.realSpans?.(city).length ?? 0) === 0
      )
        return matchCase(value, city);
      return real === undefined ? fakeCity(keyed, value, max) : fakeCityAvoiding(keyed, value, real, max);
    };
  },
};
