/**
 * Which transform wrote each column of a copy, by the policy: the leak check trusts identifiers in
 * columns a transform wrote to be its fakes, and does not read words of generated fakes (a fake
 * city, an IBAN's bank code) as people's names.
 */
import type { CheckedPolicy } from '../../policy/check-policy.js';
import { qualifiedName } from '../../schema/model.js';

/** `(schema.table, column) → transform name`, or null for columns copied as they are. */
export type WrittenBy = (table: string, column: string) => string | null;

export function writtenBy(checked: CheckedPolicy): WrittenBy {
  const transforms = new Map<string, string>();
  for (const entry of checked.tables) {
    if (entry.kind === 'skip') continue;
    for (const { column, decision } of entry.columns)
      if (decision.transform !== 'keep')
        transforms.set(`${qualifiedName(entry.table)}\0${column.name}`, decision.transform);
  }
  return (table, column) => transforms.get(`${table}\0${column}`) ?? null;
}
