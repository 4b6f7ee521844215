/** `firstName`: a keyed fake first name from a mix of locales, within the column's length. */
import { z } from 'zod';
import { needText } from './column-rules.js';
import { pickName } from './names.js';
import { fitLength, matchCase } from './text.js';
import type { TransformDefinition } from './transform.js';

const options = z.strictObject({});

export const firstNameTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'firstName',
  summary: 'Replace with a fake first name (same input, same name).',
  options,
  cannotProduce: (column) => needText(column, 2, 'a first name'),
  create: ({ column, keyed }) => {
    const max = column.maxLength;
    return (value) => {
      const name = pickName('first', keyed.digestLatin1('firstName', value), 0, max, value) ?? 'Sam';
      return fitLength(matchCase(value, name), max);
    };
  },
};
