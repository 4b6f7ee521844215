import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { policyJsonSchema, renderPolicyJsonSchema } from '../../src/policy/json-schema.js';
import { parsePolicy } from '../../src/policy/load-policy.js';
import { transformNames } from '../../src/transforms/registry.js';

test('the published JSON Schema is the one the code generates (run `npm run schema` after a change)', async () => {
  const published = await readFile(
    new URL('../../schema/leakproof-policy.schema.json', import.meta.url),
    'utf8',
  );
  expect(published).toBe(renderPolicyJsonSchema());
});

test('the JSON Schema offers every transform by name and with its options', () => {
  const text = JSON.stringify(policyJsonSchema());
  for (const name of transformNames()) expect(text).toContain(`"const":"${name}"`);
  expect(text).toContain('"maxDays"');
});

test('keep, and only keep, offers identifying: false with a reason', () => {
  const decisions = (
    policyJsonSchema() as {
      properties: { tables: { additionalProperties: { oneOf: { properties?: { columns?: unknown } }[] } } };
    }
  ).properties.tables.additionalProperties.oneOf[1]!.properties!.columns as {
    additionalProperties: { oneOf: { properties?: Record<string, unknown>; dependentRequired?: unknown }[] };
  };
  const withStatement = decisions.additionalProperties.oneOf.filter(
    (d) => d.properties?.identifying !== undefined,
  );
  expect(withStatement.map((d) => d.properties?.transform)).toEqual([{ const: 'keep' }]);
  expect(withStatement[0]!.properties!.identifying).toMatchObject({ const: false });
  expect(withStatement[0]!.dependentRequired).toEqual({ identifying: ['reason'], reason: ['identifying'] });
});

test('the example policy in the README loads', async () => {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const example = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const policy = parsePolicy(example, 'README.md');
  expect([...policy.tables.keys()]).toEqual(['public.applicant', 'public.audit_log']);
  const applicant = policy.tables.get('public.applicant');
  expect(applicant?.kind === 'copy' && applicant.columns.get('birth_date')?.options).toEqual({
    maxDays: 180,
  });
});
