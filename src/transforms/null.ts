/** `null`: drop the value; only possible where the column allows NULL. */
import { z } from 'zod';
import type { TransformDefinition } from './transform.js';

const options = z.strictObject({});

export const nullTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'null',
  summary: 'Write NULL instead of the value.',
  options,
  cannotProduce: (column) => (column.nullable ? null : 'the column is NOT NULL'),
  wholeValue: true, // an array becomes NULL as a whole, not an array of NULLs
  create: () => () => null,
};
