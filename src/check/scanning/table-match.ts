/**
 * Which of the names a copy knows (`schema.table`, as the source and the policy name tables) a
 * target's table is. By its whole name; else by its name alone, when exactly one known name has it:
 * a MySQL or SQLite target holds every table in its one namespace (its database's name, `main`),
 * whatever schema the source named it by. Undefined when neither finds one.
 */
import { qualifiedName, type TableRef } from '../../schema/model.js';

export function matchTable(known: ReadonlySet<string>, table: TableRef): string | undefined {
  const whole = qualifiedName(table);
  if (known.has(whole)) return whole;
  const suffix = `.${table.name}`;
  const named = [...known].filter((n) => n.endsWith(suffix) && !n.slice(0, -suffix.length).includes('.'));
  return named.length === 1 ? named[0] : undefined;
}
