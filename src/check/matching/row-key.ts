/**
 * How a finding names its row: the primary key (`id=17`, `a=1, b=x`), with any key column that is
 * itself part of the finding masked, or the row's position (`#17`) when the table has no key.
 */
import { maskValue } from '../../core/mask.js';

/**
 * `keyAt`: positions of the key's columns in `fields`; `hit`: positions that hold a finding;
 * `numberedAs`: how a row without a key is named (a file's rows: `line 17`, `row 17`).
 */
export function rowKeyOf(
  columnNames: readonly string[],
  keyAt: readonly number[],
  fields: readonly (string | null)[],
  hit: ReadonlySet<number>,
  rowNumber: number,
  numberedAs?: 'line' | 'row',
): string {
  if (keyAt.length === 0) return numberedAs === undefined ? `#${rowNumber}` : `${numberedAs} ${rowNumber}`;
  return keyAt
    .map((i) => {
      const v = fields[i] ?? null;
      const shown = v === null ? 'NULL' : hit.has(i) ? maskValue(v) : v;
      return `${columnNames[i]}=${shown}`;
    })
    .join(', ');
}
