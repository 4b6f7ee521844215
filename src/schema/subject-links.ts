/**
 * How a row of any table leads to the person it is about: the policy marks the tables whose rows
 * are people (`subject: true`), and foreign keys lead there (`document → application → applicant`).
 * For each table, the shortest such path says how to read the subject's key next to the row's
 * values, so a value found anywhere is traced to one person and counted once. The path is data;
 * each engine's adapter turns it into its own joins.
 */
import { type DatabaseSchema, qualifiedName, type TableModel, type TableRef } from './model.js';

/** One step along a foreign key: from columns of the table reached so far to the referenced table. */
export interface ForeignKeyHop {
  readonly table: TableRef;
  readonly fromColumns: readonly string[];
  readonly toColumns: readonly string[];
}

export interface SubjectLink {
  /** `schema.table` of the subject table the path ends at. */
  readonly subjectTable: string;
  /** The joins from the table to the last table before the subject (none for a subject table). */
  readonly hops: readonly ForeignKeyHop[];
  /**
   * Columns of the last table reached (the table itself when there are no hops) that hold the
   * subject's primary key, in key order: the foreign key's own columns, so the subject table itself
   * is never joined.
   */
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
    return { subjectTable: name, hops: [], keyColumns: table.primaryKey.columns };
  }
  // Breadth-first over foreign keys; each queue entry is a path of hops ending at `at`.
  let frontier: { at: TableModel; hops: ForeignKeyHop[]; seen: Set<string> }[] = [
    { at: table, hops: [], seen: new Set([name]) },
  ];
  for (let hop = 0; hop < MAX_HOPS && frontier.length > 0; hop++) {
    const next: typeof frontier = [];
    for (const path of frontier) {
      for (const fk of path.at.foreignKeys) {
        const referenced = `${fk.referencedSchema}.${fk.referencedTable}`;
        const target = byName.get(referenced);
        if (target === undefined || path.seen.has(referenced)) continue;
        const pk = target.primaryKey?.columns;
        if (subjectTables.has(referenced) && pk !== undefined && sameSet(pk, fk.referencedColumns)) {
          const keyColumns = pk.map((c) => fk.columns[fk.referencedColumns.indexOf(c)]!);
          return { subjectTable: referenced, hops: path.hops, keyColumns };
        }
        const hop = { table: target, fromColumns: fk.columns, toColumns: fk.referencedColumns };
        next.push({ at: target, hops: [...path.hops, hop], seen: new Set([...path.seen, referenced]) });
      }
    }
    frontier = next;
  }
  return null;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
