/** `lastName`: a keyed fake last name from a mix of locales, within the column's length. */
import { z } from 'zod';
import { needText } from './column-rules.js';
import { fakeName } from './fake-name.js';
import type { TransformDefinition } from './transform.js';

const options = z.strictObject({});

export const lastNameTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'lastName',
  summary: 'Replace with a fake last name (same input, same name).',
  options,
  cannotProduce: (column) => needText(column, 2, 'a last name'),
  create: ({ column, keyed, real }) => {
    const max = column.maxLength;
    return (value) => fakeName(keyed, 'last', value, max, real);
  },
};
