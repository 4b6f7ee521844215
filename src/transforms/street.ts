/**
 * `street`: a keyed Dutch street name. When the input ends in a house number ('Kerkstraat 12a'), the
 * fake gets one too, from the `houseNumber` mapping, so addresses split over columns stay consistent.
 */
import { z } from 'zod';
import { indexFrom, type Keyed } from '../core/keyed.js';
import { needText } from './column-rules.js';
import { attemptInput, everyDrawReal, maxAttempts } from './draw-again.js';
import { fakeHouseNumber } from './house-number.js';
import { dutchStreets, streetStems, streetSuffixes } from './places.js';
import { charLength, fitLength } from './text.js';
import type { RealValues, TransformDefinition } from './transform.js';

const withNumber = /^(.*\D)\s+(\d+(?:[\s-]*(?:[A-Za-z]|\d+))?)$/;

/** The fake for one street (with house number if the input has one), at most `maxLength` characters. */
export function fakeStreet(keyed: Keyed, value: string, maxLength: number | null, attempt = 0): string {
  const input = value.trim();
  const split = withNumber.exec(input);
  const street = split?.[1] ?? input;
  const number = split === null ? '' : ` ${fakeHouseNumber(keyed, split[2]!, null)}`;
  const room = maxLength === null ? null : maxLength - charLength(number);
  const count = dutchStreets.upTo(room);
  if (count === 0) return fitLength(`Dijk${number}`, maxLength);
  const index = indexFrom(keyed.digestLatin1('street', attemptInput(street.toLowerCase(), attempt)), count);
  // The real street is no fake: take its neighbour in the list instead.
  const same = dutchStreets.items[index]!.toLowerCase() === street.toLowerCase();
  return dutchStreets.items[same && count > 1 ? (index + 1) % count : index]! + number;
}

/**
 * A street of two stems ('Molenbeukenlaan'): far more of them than of listed streets, for when the
 * source holds so many of the listed ones (each for few people) that drawing from the list keeps
 * landing on a real person's street.
 */
function composedStreet(keyed: Keyed, value: string, attempt: number, maxLength: number | null): string {
  const input = attemptInput(value.trim(), attempt);
  const first = streetStems[indexFrom(keyed.digestLatin1('street stem', input), streetStems.length)]!;
  const second = streetStems[indexFrom(keyed.digestLatin1('street stem 2', input), streetStems.length)]!;
  const suffix =
    streetSuffixes[indexFrom(keyed.digestLatin1('street suffix', input), streetSuffixes.length)]!;
  const split = withNumber.exec(value.trim());
  const number = split === null ? '' : ` ${fakeHouseNumber(keyed, split[2]!, null)}`;
  return fitLength(`${first}${second.toLowerCase().replace(/\s+/g, '')}${suffix}${number}`, maxLength);
}

/** Draws that pick from the list before the composed streets take over. */
const LISTED_DRAWS = 16;

/** `fakeStreet`, drawn again until the fake is no real value of the source (`RealValues.realSpans`). */
export function fakeStreetAvoiding(
  keyed: Keyed,
  value: string,
  maxLength: number | null,
  real: RealValues | undefined,
): string {
  const spans = real?.realSpans?.bind(real);
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const fake =
      attempt < LISTED_DRAWS
        ? fakeStreet(keyed, value, maxLength, attempt)
        : composedStreet(keyed, value, attempt, maxLength);
    if (spans === undefined || spans(fake).length === 0) return fake;
  }
  throw everyDrawReal('street');
}

const options = z.strictObject({});

export const streetTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'street',
  summary: 'Replace with a Dutch street name (and a fake house number if the value ends in one).',
  options,
  cannotProduce: (column) => needText(column, 6, 'a street name'),
  create: ({ column, keyed, real }) => {
    const max = column.maxLength;
    return (value) => fakeStreetAvoiding(keyed, value, max, real);
  },
};
