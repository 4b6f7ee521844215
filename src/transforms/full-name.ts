/**
 * `fullName`: a fake full name in the real one's format ('First Last', 'LAST, First', 'F. Last',
 * 'First van der Last'), each given name the firstName fake and each surname word the lastName
 * fake of its real word, so it agrees with the row's name columns; within the column's length.
 */
import { z } from 'zod';
import { needText } from './column-rules.js';
import { fakeFullName, rememberFakes } from './fake-name.js';
import { hintOf, linkedColumnsOf, linkOptions } from './name-links.js';
import type { TransformDefinition } from './transform.js';

const options = z.strictObject(linkOptions);

export const fullNameTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'fullName',
  summary:
    "Replace with a fake full name in the same format, 'First Last' or 'LAST, First' (same input, same name).",
  options,
  cannotProduce: (column) => needText(column, 5, 'a full name'),
  linkedColumns: linkedColumnsOf,
  create: ({ options, column, keyed, real }) => {
    const max = column.maxLength;
    const fake = rememberFakes((value, hint) => fakeFullName(keyed, value, max, real, hint));
    return (value, row) => fake(value, hintOf(options, row));
  },
};
