/**
 * Kept columns that single out people. A column the draft would keep in a table of people (or one
 * that leads to people by foreign keys) is measured on the source (`core/singling-out.ts`); when most
 * of its distinct values belong to one person each it is an identifier whatever its format, and the
 * draft proposes a transform for it instead of `keep`.
 */
import { measuresSinglingOut } from '../../core/singling-out.js';
import { type DatabaseSchema, qualifiedName, type TableModel } from '../../schema/model.js';
import { type Decision, fitted, use } from './decision.js';
import { normalizeName } from './names.js';

/** What the meter said about one column. */
export interface Measurement {
  readonly identifying: boolean;
  /** The meter's counts in words, e.g. "87% of its 1,204 distinct values belong to one person each (1,310 people)". */
  readonly reason: string;
}

/** Amounts, counts and measurements: an identifying one gets keyed noise, not a pseudonym. */
const measureWords =
  /(?:^|_)(?:amount|amt|price|total|sum|cost|costs|fee|fees|salary|income|wage|balance|budget|revenue|cents|quantity|qty|count|cnt|size|bytes|length|width|height|depth|weight|duration|seconds|secs|minutes|mins|hours|days|ms|milliseconds|score|points|rating|percentage|percent|pct|bedrag|prijs|aantal|totaal|gewicht|lengte|duur|punten|salaris|inkomen)(?:_|$)/;

/**
 * The decision for a kept column the meter found identifying: a keyed code of the same format for
 * text, a keyed UUID for UUIDs, a keyed number (or noise, for amounts) for integers.
 */
export function identifyingDecision(table: TableModel, name: string, measured: Measurement): Decision {
  const column = table.columns.find((c) => c.name === name)!;
  const why = `kept, it would single out people: ${measured.reason}`;
  if (column.category === 'uuid') return fitted(column, use('uuid', `${why}; replaced by a keyed UUID`));
  if (column.category === 'integer') {
    // Noise can make two values equal, so a unique column gets a keyed number instead.
    if (measureWords.test(normalizeName(column.name)) && !column.unique)
      return fitted(column, use('number', `${why}; an amount or measure, so moved by keyed noise`));
    return fitted(column, use('hash', `${why}; replaced by a keyed number`));
  }
  return fitted(column, use('code', `${why}; replaced by a keyed code of the same format`));
}

/** Tables of people and the tables that lead to one by foreign keys, by `schema.table`. */
export interface PeopleTables {
  readonly subjects: ReadonlySet<string>;
  /** Subject tables and the tables that lead to one. */
  readonly aboutPeople: ReadonlySet<string>;
}

/**
 * The columns to measure: kept, of a type the meter reads, in tables about people, e.g.
 * `columnsToMeasure(schema, people, (t, c) => decision.transform)`.
 */
export function columnsToMeasure(
  schema: DatabaseSchema,
  people: PeopleTables,
  transformOf: (table: TableModel, column: string) => string,
): { readonly table: TableModel; readonly columns: readonly string[] }[] {
  return schema.tables.flatMap((table) => {
    if (!people.aboutPeople.has(qualifiedName(table))) return [];
    const columns = table.columns
      .filter((c) => transformOf(table, c.name) === 'keep' && measuresSinglingOut(table, c))
      .map((c) => c.name);
    return columns.length === 0 ? [] : [{ table, columns }];
  });
}
