/**
 * `leakproof init`'s judgement of one column: a transform proposal and a short reason, from the
 * column's name, its type and a sample of its values. When unsure about text that might be personal
 * it proposes anonymizing. Reasons quote counts and names, never a sampled value.
 */
import type { ColumnModel, TableModel } from '../../schema/model.js';
import { bytea, coordinates, network, numbers, other } from './classify-other.js';
import { text } from './classify-text.js';
import { type Decision, type Facts, fitted, isPrimaryKey, keep, use } from './decision.js';
import { parseArrayLiteral } from './evidence.js';
import { kindFromName, tableContext } from './names.js';

export { type Decision, fits } from './decision.js';

/**
 * Proposes a transform for one column, e.g.
 * `classifyColumn(applicant, bsnColumn, ['111222333', …])` → `{ transform: 'bsn', reason: 'name says BSN; …' }`.
 * `known.peopleLinked` says whether the table is about people, once the draft knows (names elsewhere
 * are mostly things' names).
 */
export function classifyColumn(
  table: TableModel,
  column: ColumnModel,
  sample: readonly string[],
  known: { readonly peopleLinked?: boolean } = {},
): Decision {
  if (column.generatedExpr !== null) return keep('generated: recomputed in the target from other columns');
  const facts: Facts = {
    ...known,
    table,
    column,
    kind: kindFromName(column.name),
    context: tableContext(
      table.name,
      table.columns.map((c) => c.name),
    ),
    // Transforms apply per element of an array, so the evidence is judged per element too.
    values: column.isArray ? sample.flatMap(parseArrayLiteral) : sample,
  };
  return fitted(column, byCategory(facts));
}

function byCategory(f: Facts): Decision {
  const { column, kind } = f;
  switch (column.category) {
    case 'text':
      return text(f);
    case 'integer':
    case 'numeric':
      return numbers(f);
    case 'date':
    case 'timestamp':
      return kind === 'birthDate'
        ? use('dateShift', 'date of birth', { maxDays: 180 })
        : keep('a date or time, not a date of birth');
    case 'json':
      return use(
        'json',
        'JSON document: personal-looking keys get their transform, other strings are scrubbed',
      );
    case 'bytea':
      return bytea(f);
    case 'network':
      return network(f);
    case 'float':
      return kind === 'coordinates' ? coordinates(f) : keep('a measurement, not identifying alone');
    case 'boolean':
      return keep('a yes/no flag');
    case 'uuid':
      return keep(
        isPrimaryKey(f) ? 'primary key (uuid), not personal' : 'a random identifier (uuid), not personal',
      );
    case 'enum':
      return keep(`enum of ${column.enumLabels.length} labels: a category`);
    case 'time':
    case 'interval':
      return keep('a time of day or duration, not identifying alone');
    case 'other':
      return other(f);
  }
}
