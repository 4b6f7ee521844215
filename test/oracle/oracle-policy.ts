/**
 * The one thing the oracle needs from a policy file: is this column kept? Read with the `yaml`
 * package, not the project's loader. A table key without a schema means `public.`; a decision is a
 * transform name or `{ transform: name, … }`; a `skip` table keeps nothing (its rows are not
 * copied, but what they hold is still the source's data). A table or column the policy does not
 * mention counts as not kept, the stricter reading.
 */
import { parse } from 'yaml';

export interface KeptColumns {
  isKept(schema: string, table: string, column: string): boolean;
}

function splitTableKey(key: string): { schema: string; table: string } {
  const dot = key.indexOf('.');
  return dot < 0
    ? { schema: 'public', table: key }
    : { schema: key.slice(0, dot), table: key.slice(dot + 1) };
}

function transformOf(decision: unknown): string | undefined {
  if (typeof decision === 'string') return decision;
  if (decision !== null && typeof decision === 'object') {
    const transform = (decision as { transform?: unknown }).transform;
    if (typeof transform === 'string') return transform;
  }
  return undefined;
}

export function keptColumns(policyYaml: string): KeptColumns {
  const file = parse(policyYaml) as { tables?: Record<string, unknown> } | null;
  const kept = new Set<string>();
  for (const [key, entry] of Object.entries(file?.tables ?? {})) {
    if (entry === 'skip' || entry === null || typeof entry !== 'object') continue;
    const { schema, table } = splitTableKey(key);
    const columns = (entry as { columns?: Record<string, unknown> }).columns ?? {};
    for (const [column, decision] of Object.entries(columns))
      if (transformOf(decision) === 'keep') kept.add(JSON.stringify([schema, table, column]));
  }
  return { isKept: (schema, table, column) => kept.has(JSON.stringify([schema, table, column])) };
}
