/** `redact`: one constant for every value, e.g. '[redacted]'. */
import { z } from 'zod';
import { fitLength } from './text.js';
import type { TransformDefinition } from './transform.js';

const options = z.strictObject({
  /** The constant, in PostgreSQL's text form; required for non-text columns ('0', '1970-01-01'…). */
  value: z
    .string()
    .optional()
    .describe("the constant, in PostgreSQL's text form; needed for non-text columns ('0', '1970-01-01')"),
});

export const redactTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'redact',
  summary: "Replace every value with one constant (default '[redacted]' for text columns).",
  options,
  cannotProduce: (column, { value }) =>
    column.category === 'text' || value !== undefined
      ? null
      : `option 'value' is required for a ${column.category} column`,
  create: ({ options, column }) => {
    // Cut once: every value gets the same constant, and varchar(n) must hold it.
    const constant = fitLength(
      options.value ?? '[redacted]',
      column.category === 'text' ? column.maxLength : null,
    );
    return () => constant;
  },
};
