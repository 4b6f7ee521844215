/**
 * `firstName`: a keyed fake first name from the list the real one is in (same origin and gender),
 * word by word ('Anne-Marie'), within the column's length. Linked to the row's nationality or
 * gender column, the fake follows those instead.
 */
import { z } from 'zod';
import { needText } from './column-rules.js';
import { fakeName, rememberFakes } from './fake-name.js';
import { hintOf, linkedColumnsOf, linkOptions } from './name-links.js';
import type { TransformDefinition } from './transform.js';

const options = z.strictObject(linkOptions);

export const firstNameTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'firstName',
  summary: 'Replace with a fake first name of the same origin and gender (same input, same name).',
  options,
  cannotProduce: (column) => needText(column, 2, 'a first name'),
  linkedColumns: linkedColumnsOf,
  create: ({ options, column, keyed, real }) => {
    const max = column.maxLength;
    const fake = rememberFakes((value, hint) => fakeName(keyed, 'first', value, max, real, hint));
    return (value, row) => fake(value, hintOf(options, row));
  },
};
