/** `fullName`: a keyed fake 'First Last' from a mix of locales, within the column's length. */
import { z } from 'zod';
import { needText } from './column-rules.js';
import { fakeFullName } from './fake-name.js';
import type { TransformDefinition } from './transform.js';

const options = z.strictObject({});

export const fullNameTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'fullName',
  summary: "Replace with a fake full name, 'First Last' (same input, same name).",
  options,
  cannotProduce: (column) => needText(column, 5, 'a full name'),
  create: ({ column, keyed, real }) => {
    const max = column.maxLength;
    return (value) => fakeFullName(keyed, value, max, real);
  },
};
