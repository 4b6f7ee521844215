/**
 * Findings about what the policy itself releases, before any row is read: a kept column that
 * singles people out (most of its values belong to one person each) identifies them in the copy as
 * surely as a BSN would, whatever its format.
 */
import type { KeptIdentifier } from '../fingerprints/fingerprint-source.js';
import { fixFor } from './finding-fix.js';
import type { TracedFinding } from './row-scanner.js';

export function keptIdentifierFinding(kept: KeptIdentifier): TracedFinding {
  const finding = {
    table: kept.table,
    column: kept.column,
    row: '(whole column)',
    check: 'policy' as const,
    kind: 'kept identifier',
    categories: ['identifier' as const],
    sample: '(a column, not a value)',
    source: `kept column: ${kept.reason}`,
    holders: [],
  };
  return { ...finding, fix: fixFor(kept.table, finding, { transform: null }) };
}
