/**
 * The policy file's shape, as zod checks it. Transform names and options are checked later against
 * the transform registry and the database, where a better message can be given.
 */
import { z } from 'zod';
import { dataCategories } from '../core/data-categories.js';
import { durationSchema } from '../core/duration.js';

/**
 * `identifying: false` with a `reason`: the policy's author states that a kept column whose values
 * mostly belong to one person each does not identify anyone, and why. Only for `keep`; the other
 * options are the transform's, checked against it later.
 */
const decisionMap = z
  .looseObject({
    transform: z.string().min(1),
    category: z.enum(dataCategories).optional(),
    identifying: z
      .literal(false, {
        error: (issue) =>
          issue.input === true
            ? 'a column that identifies people must not be kept: use code or hash (or another transform) instead'
            : 'identifying is false (with a reason) or left out',
      })
      .optional(),
    reason: z
      .string({ error: 'a reason is text: why the kept column does not identify a person' })
      .refine((s) => s.trim().length > 0, 'a reason must not be empty')
      .optional(),
  })
  .superRefine((d, ctx) => {
    if (d.identifying !== undefined && d.transform !== 'keep')
      ctx.addIssue({
        code: 'custom',
        path: ['identifying'],
        message: `identifying only goes with keep; ${d.transform} does not copy the value as it is`,
      });
    else if (d.identifying !== undefined && d.reason === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'missing: identifying: false needs a reason (why the column does not single out a person)',
      });
    if (d.reason !== undefined && d.identifying === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'a reason goes with identifying: false (keep a column that looks identifying, and why)',
      });
  });

export const columnDecisionSchema = z.union([z.string().min(1), decisionMap], {
  error: 'a column decision is a transform name (keep, bsn, …) or { transform: name, …options }',
});

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
  /** How long a copy made under this policy may live (`30d`); `copy --expires` wins over it. */
  expires: durationSchema.optional(),
  tables: z.record(z.string(), tableEntrySchema),
});

export type PolicyFile = z.infer<typeof policyFileSchema>;
