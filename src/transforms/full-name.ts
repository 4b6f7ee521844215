/** `fullName`: a keyed fake 'First Last' from a mix of locales, within the column's length. */
import { z } from 'zod';
import { needText } from './column-rules.js';
import { pickName } from './names.js';
import { charLength, fitLength, matchCase } from './text.js';
import type { TransformDefinition } from './transform.js';

const options = z.strictObject({});

export const fullNameTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'fullName',
  summary: "Replace with a fake full name, 'First Last' (same input, same name).",
  options,
  cannotProduce: (column) => needText(column, 5, 'a full name'),
  create: ({ column, keyed }) => {
    const max = column.maxLength;
    return (value) => {
      const digest = keyed.digestLatin1('fullName', value);
      // Leave room for a space and a last name of at least two letters.
      const first = pickName('first', digest, 0, max === null ? null : max - 3) ?? 'Sam';
      const rest = max === null ? null : max - charLength(first) - 1;
      const last = pickName('last', digest, 12, rest) ?? 'Bos';
      return fitLength(matchCase(value, `${first} ${last}`), max);
    };
  },
};
