/** `firstName`: a keyed fake first name from a mix of locales, within the column's length. */
import { z } from 'zod';
import { needText } from './column-rules.js';
import { fakeName } from './fake-name.js';
import type { TransformDefinition } from './transform.js';

const options = z.strictObject({});

export const firstNameTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'firstName',
  summary: 'Replace with a fake first name (same input, same name).',
  options,
  cannotProduce: (column) => needText(column, 2, 'a first name'),
  create: ({ column, keyed, real }) => {
    const max = column.maxLength;
    return (value) => fakeName(keyed, 'first', value, max, real);
  },
};
