/**
 * The policy file's shape, as zod checks it. Transform names and options are checked later against
 * the transform registry and the database, where a better message can be given.
 */
import { z } from 'zod';
import { dataCategories } from '../core/data-categories.js';

export const columnDecisionSchema = z.union(
  [
    z.string().min(1),
    z.looseObject({ transform: z.string().min(1), category: z.enum(dataCategories).optional() }),
  ],
  { error: 'a column decision is a transform name (keep, bsn, …) or { transform: name, …options }' },
);

export const tableEntrySchema = z.union(
  [
    z.literal('skip'),
    z.strictObject({
      subject: z.boolean().optional(),
      columns: z.record(z.string(), columnDecisionSchema),
    }),
  ],
  { error: 'a table entry is `skip` or a map with `columns:` (and optionally `subject: true`)' },
);

export const policyFileSchema = z.strictObject({
  version: z.literal(1),
  tables: z.record(z.string(), tableEntrySchema),
});

export type PolicyFile = z.infer<typeof policyFileSchema>;
