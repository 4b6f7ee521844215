/** `keep`: the value as it is, for columns that hold nothing personal. */
import { z } from 'zod';
import type { TransformDefinition } from './transform.js';

const options = z.strictObject({});

export const keepTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'keep',
  summary: 'Copy the value unchanged (only for columns that hold nothing personal).',
  options,
  cannotProduce: () => null,
  wholeValue: true, // an array or JSON value is kept as a whole, no need to split it
  create: () => (value) => value,
};
