/**
 * The policy's JSON Schema, for editors (completion and checking as you type). Built from the same
 * zod schemas the loader and the transforms use, so it cannot drift from what Leakproof accepts;
 * `npm run schema` writes it to schema/leakproof-policy.schema.json and a test keeps that file current.
 */
import { z } from 'zod';
import { dataCategories } from '../core/data-categories.js';
import { durationPattern } from '../core/duration.js';
import { transforms } from '../transforms/registry.js';

type JsonSchema = Record<string, unknown>;

function transformWithOptions(name: string, options: z.ZodType, summary: string): JsonSchema {
  const optionSchema = z.toJSONSchema(options, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const properties = (optionSchema.properties as Record<string, JsonSchema> | undefined) ?? {};
  return {
    type: 'object',
    description: summary,
    properties: {
      transform: { const: name },
      category: {
        enum: [...dataCategories],
        description:
          'category of personal data, for breach reports (special: GDPR art. 9; name: names of people, in any table)',
      },
      ...properties,
      ...(name === 'keep' ? statementProperties : {}),
    },
    required: ['transform', ...((optionSchema.required as string[] | undefined) ?? [])],
    ...(name === 'keep' ? { dependentRequired: { identifying: ['reason'], reason: ['identifying'] } } : {}),
    additionalProperties: false,
  };
}

/** `keep` only: the author's statement that a column that looks identifying is not (policy-file.ts). */
const statementProperties: Record<string, JsonSchema> = {
  identifying: {
    const: false,
    description:
      'most values belong to one person each, yet the column identifies no one (say why in reason)',
  },
  reason: {
    type: 'string',
    pattern: '\\S',
    description: 'why the kept column does not identify a person',
  },
};

export function policyJsonSchema(): JsonSchema {
  const entries = [...transforms.values()];
  const columnDecision = {
    oneOf: [
      {
        type: 'string',
        enum: entries.map((t) => t.name),
        description: 'a transform, with its default options',
      },
      ...entries.map((t) => transformWithOptions(t.name, t.options, t.summary)),
    ],
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Leakproof policy',
    description: 'A decision for every column of every table of the source database.',
    type: 'object',
    required: ['version', 'tables'],
    additionalProperties: false,
    properties: {
      version: { const: 1 },
      expires: {
        type: 'string',
        pattern: durationPattern,
        description:
          'how long a copy may live: 12h, 30d, 2w (copy --expires wins); `leakproof copies expire` drops it after',
      },
      tables: {
        type: 'object',
        description: 'Keyed by schema.table ("public." may be left out).',
        additionalProperties: {
          oneOf: [
            { const: 'skip', description: 'structure copied, no rows' },
            {
              type: 'object',
              required: ['columns'],
              additionalProperties: false,
              properties: {
                subject: { type: 'boolean', description: 'rows of this table are people' },
                columns: { type: 'object', additionalProperties: columnDecision },
              },
            },
          ],
        },
      },
    },
  };
}

export function renderPolicyJsonSchema(): string {
  return `${JSON.stringify(policyJsonSchema(), null, 2)}\n`;
}
