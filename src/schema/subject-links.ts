/**
 * How a row of any table leads to the person it is about: the policy marks the tables whose rows
 * are people (`subject: true`), and foreign keys lead there (`document → application → applicant`).
 * For each table, the shortest such path gives the SQL that reads the subject's key next to the
 * row's values, so a value found anywhere is traced to one person and counted once.
 */
import { type DatabaseSchema, qualifiedName, type TableModel } from './model.js';
import { quoteIdent, quoteTable } from './sql-identifiers.js';

export interface SubjectLink {
  /** `schema.table` of the subject table the path ends at. */
  readonly subjectTable: string;
  /** `LEFT JOIN …` clauses after `FROM <table> t0`. */
  readonly joins: readonly string[];
  /** Expressions giving the subject's primary key columns, in key order. */
  readonly keyColumns: readonly string[];
}

const MAX_HOPS = 4;

/** The subject link of every table that has one; the first found of the shortest paths wins. */
export function subjectLinks(
  schema: DatabaseSchema,
  subjectTables: ReadonlySet<string>,
): Map<string, SubjectLink> {
  const byName = new Map(schema.tables.map((t) => [qualifiedName(t), t] as const));
  const links = new Map<string, SubjectLink>();
  for (const table of schema.tables) {
    const link = linkOf(table, byName, subjectTables);
    if (link !== null) links.set(qualifiedName(table), link);
  }
  return links;
}

function linkOf(
  table: TableModel,
  byName: ReadonlyMap<string, TableModel>,
  subjectTables: ReadonlySet<string>,
): SubjectLink | null {
  const name = qualifiedName(table);
  if (subjectTables.has(name)) {
    if (table.primaryKey === null) return null;
    return {
      subjectTable: name,
      joins: [],
      keyColumns: table.primaryKey.columns.map((c) => `t0.${quoteIdent(c)}`),
    };
  }
  // Breadth-first over foreign keys; each queue entry is a path of joins ending at `at`.
  let frontier: { at: TableModel; joins: string[]; seen: Set<string> }[] = [
    { at: table, joins: [], seen: new Set([name]) },
  ];
  for (let hop = 0; hop < MAX_HOPS && frontier.length > 0; hop++) {
    const next: typeof frontier = [];
    for (const path of frontier) {
      const alias = `t${path.joins.length}`;
      for (const fk of path.at.foreignKeys) {
        const referenced = `${fk.referencedSchema}.${fk.referencedTable}`;
        const target = byName.get(referenced);
        if (target === undefined || path.seen.has(referenced)) continue;
        const pk = target.primaryKey?.columns;
        if (subjectTables.has(referenced) && pk !== undefined && sameSet(pk, fk.referencedColumns)) {
          const keyColumns = pk.map(
            (c) => `${alias}.${quoteIdent(fk.columns[fk.referencedColumns.indexOf(c)]!)}`,
          );
          return { subjectTable: referenced, joins: path.joins, keyColumns };
        }
        const nextAlias = `t${path.joins.length + 1}`;
        const on = fk.columns
          .map((c, i) => `${alias}.${quoteIdent(c)} = ${nextAlias}.${quoteIdent(fk.referencedColumns[i]!)}`)
          .join(' AND ');
        next.push({
          at: target,
          joins: [...path.joins, `LEFT JOIN ${quoteTable(target)} ${nextAlias} ON ${on}`],
          seen: new Set([...path.seen, referenced]),
        });
      }
    }
    frontier = next;
  }
  return null;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
