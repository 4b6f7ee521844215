/**
 * `street`: a keyed Dutch street name. When the input ends in a house number ('Kerkstraat 12a'), the
 * fake gets one too, from the `houseNumber` mapping, so addresses split over columns stay consistent.
 */
import { z } from 'zod';
import { indexFrom, type Keyed } from '../core/keyed.js';
import { needText } from './column-rules.js';
import { fakeHouseNumber } from './house-number.js';
import { dutchStreets } from './places.js';
import { charLength, fitLength } from './text.js';
import type { TransformDefinition } from './transform.js';

const withNumber = /^(.*\D)\s+(\d+(?:[\s-]*(?:[A-Za-z]|\d+))?)$/;

/** The fake for one street (with house number if the input has one), at most `maxLength` characters. */
export function fakeStreet(keyed: Keyed, value: string, maxLength: number | null): string {
  const input = value.trim();
  const split = withNumber.exec(input);
  const street = split?.[1] ?? input;
  const number = split === null ? '' : ` ${fakeHouseNumber(keyed, split[2]!, null)}`;
  const room = maxLength === null ? null : maxLength - charLength(number);
  const count = dutchStreets.upTo(room);
  if (count === 0) return fitLength(`Dijk${number}`, maxLength);
  const index = indexFrom(keyed.digestLatin1('street', street.toLowerCase()), count);
  // The real street is no fake: take its neighbour in the list instead.
  const same = dutchStreets.items[index]!.toLowerCase() === street.toLowerCase();
  return dutchStreets.items[same && count > 1 ? (index + 1) % count : index]! + number;
}

const options = z.strictObject({});

export const streetTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'street',
  summary: 'Replace with a Dutch street name (and a fake house number if the value ends in one).',
  options,
  cannotProduce: (column) => needText(column, 6, 'a street name'),
  create: ({ column, keyed }) => {
    const max = column.maxLength;
    return (value) => fakeStreet(keyed, value, max);
  },
};
