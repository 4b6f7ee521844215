/**
 * `lastName`: a keyed fake last name from the list the real one is in, within the column's length;
 * tussenvoegsels stay ('van der Berg' → 'van der Meulen'). Linked to the row's nationality or
 * gender column, the fake follows those instead.
 */
import { z } from 'zod';
import { needText } from './column-rules.js';
import { fakeName, rememberFakes } from './fake-name.js';
import { hintOf, linkedColumnsOf, linkOptions } from './name-links.js';
import type { TransformDefinition } from './transform.js';

const options = z.strictObject(linkOptions);

export const lastNameTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'lastName',
  summary: 'Replace with a fake last name of the same origin, particles kept (same input, same name).',
  options,
  cannotProduce: (column) => needText(column, 2, 'a last name'),
  linkedColumns: linkedColumnsOf,
  create: ({ options, column, keyed, real }) => {
    const max = column.maxLength;
    const fake = rememberFakes((value, hint) => fakeName(keyed, 'last', value, max, real, hint));
    return (value, row) => fake(value, hintOf(options, row));
  },
};
