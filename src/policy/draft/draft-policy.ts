/**
 * `leakproof init`: a decision for every column of every table, foreign keys kept consistent with
 * what they reference, and the draft written as a commented policy file.
 */

import { findIdentifiers } from '../../core/detectors.js';
import { type ColumnModel, type DatabaseSchema, qualifiedName, type TableModel } from '../../schema/model.js';
import { subjectLinks } from '../../schema/subject-links.js';
import { classifyColumn, type Decision, fits } from './classify.js';
import { keep } from './decision.js';
import { identifyingDecision, type Measurement, type PeopleTables } from './singling-out.js';

export interface DraftColumn {
  readonly name: string;
  readonly decision: Decision;
}

export interface DraftTable {
  readonly schema: string;
  readonly name: string;
  /** Rows are people: the table has a BSN, a first and a last name, or a date of birth. */
  readonly subject: boolean;
  /** Why `subject` is true, for the YAML comment; empty otherwise. */
  readonly subjectReason: string;
  readonly columns: readonly DraftColumn[];
}

export interface DraftPolicy {
  readonly tables: readonly DraftTable[];
  /** The subject tables and those that lead to one by foreign keys. */
  readonly people: PeopleTables;
}

type ColumnKey = string;
const keyOf = (schema: string, table: string, column: string): ColumnKey =>
  JSON.stringify([schema, table, column]);
const label = (schema: string, table: string, column: string) => `${schema}.${table}.${column}`;

/** Transforms for people's names, which only columns about people should get. */
const personNameTransforms: ReadonlySet<string> = new Set(['fullName', 'firstName', 'lastName']);

/**
 * Free text or JSON drafted `scrub` or `json` only because nothing told what it is. In a table no
 * table of people links to (segments, settings, templates), its values are configuration, and
 * scrubbing them turns a copy's kept columns that repeat them into findings. Kept, the leak check
 * still reads it for people's data.
 */
const unsureText = (d: Decision) =>
  (d.transform === 'scrub' && d.reason.startsWith('unsure')) ||
  (d.transform === 'json' && d.reason.startsWith('JSON document'));
const holdsIdentifier = (sample: string) => findIdentifiers(sample).length > 0;
const UNLINKED_TEXT =
  'text in a table no table of people links to, no identifiers in the sample; the leak check still reads it';

/**
 * Classifies every column from its name, type and sample, e.g.
 * `draftPolicy(schema, (t, c) => sampleValues.get(`${t.name}.${c.name}`) ?? [])`. `measured` gives
 * what the singling-out meter found for kept columns of tables about people (see
 * `columnsToMeasure`); an identifying one gets a transform instead of `keep`.
 */
export function draftPolicy(
  schema: DatabaseSchema,
  samples: (table: TableModel, column: ColumnModel) => readonly string[],
  measured?: (table: TableModel, column: ColumnModel) => Measurement | undefined,
): DraftPolicy {
  const decisions = new Map<ColumnKey, Decision>();
  const columns = new Map<ColumnKey, { column: ColumnModel; label: string }>();
  for (const table of schema.tables) {
    for (const column of table.columns) {
      const key = keyOf(table.schema, table.name, column.name);
      decisions.set(key, classifyColumn(table, column, samples(table, column)));
      columns.set(key, { column, label: label(table.schema, table.name, column.name) });
    }
  }
  // Subjects are judged before foreign keys copy a BSN transform into tables that only point at people.
  const subjects = new Map(schema.tables.map((t) => [t, subjectOf(t, decisions)]));
  demoteRowsAboutSubjects(schema, subjects);
  const people = peopleTables(schema, subjects);
  for (const table of schema.tables) {
    const peopleLinked = people.aboutPeople.has(qualifiedName(table));
    for (const column of table.columns) {
      const key = keyOf(table.schema, table.name, column.name);
      // Judged again now that it is known whether people are near: names elsewhere are often things'.
      if (personNameTransforms.has(decisions.get(key)!.transform))
        decisions.set(key, classifyColumn(table, column, samples(table, column), { peopleLinked }));
      if (!peopleLinked && unsureText(decisions.get(key)!) && !samples(table, column).some(holdsIdentifier))
        decisions.set(key, keep(UNLINKED_TEXT));
      const measurement =
        peopleLinked && decisions.get(key)!.transform === 'keep' ? measured?.(table, column) : undefined;
      if (measurement?.identifying) decisions.set(key, identifyingDecision(table, column.name, measurement));
    }
  }
  for (const table of schema.tables) linkWithinRows(table, decisions);
  alignForeignKeys(schema, decisions, columns);
  return {
    people,
    tables: schema.tables.map((table) => ({
      schema: table.schema,
      name: table.name,
      subject: subjects.get(table) !== '',
      subjectReason: subjects.get(table) ?? '',
      columns: table.columns.map((column) => ({
        name: column.name,
        decision: decisions.get(keyOf(table.schema, table.name, column.name))!,
      })),
    })),
  };
}

/** The subject tables, and every table whose rows lead to one by foreign keys (as the leak check follows them). */
function peopleTables(schema: DatabaseSchema, subjects: ReadonlyMap<TableModel, string>): PeopleTables {
  const names = new Set([...subjects].filter(([, reason]) => reason !== '').map(([t]) => qualifiedName(t)));
  return { subjects: names, aboutPeople: new Set([...names, ...subjectLinks(schema, names).keys()]) };
}

/** Why the table's rows are people, or '' — from its own columns, not those pointing elsewhere. */
function subjectOf(table: TableModel, decisions: ReadonlyMap<ColumnKey, Decision>): string {
  const referencing = new Set(table.foreignKeys.flatMap((fk) => fk.columns));
  const own = table.columns
    .filter((c) => !referencing.has(c.name))
    .map((c) => decisions.get(keyOf(table.schema, table.name, c.name))!.transform);
  if (own.includes('bsn')) return 'has a BSN';
  if (own.includes('firstName') && own.includes('lastName')) return 'has a first and a last name';
  // An archive or export of people (a name with an e-mail address or phone number per row) holds
  // the same people as the live table: its records are linked to them by those identifiers.
  if (own.includes('fullName') && (own.includes('email') || own.includes('phone')))
    return "has a person's name with an e-mail address or phone number";
  if (own.includes('dateShift')) return weakReason; // only dates of birth are shifted
  return '';
}

/**
 * Columns of one row that describe one person are linked, so the fakes fit together: the city is
 * the one the fake postcode lies in. Links are only proposed where they keep every fake the same
 * in every table: an e-mail address already gets the fakes of the names it is made of without a
 * link, and a name linked to a nationality column would get another fake than the same name in a
 * note, so neither is proposed.
 */
function linkWithinRows(table: TableModel, decisions: Map<ColumnKey, Decision>): void {
  const keyOfColumn = (name: string) => keyOf(table.schema, table.name, name);
  const withTransform = (transform: string) =>
    table.columns.find(
      (c) => c.generatedExpr === null && decisions.get(keyOfColumn(c.name))?.transform === transform,
    )?.name;
  const postcode = withTransform('postcode');
  for (const column of table.columns) {
    const key = keyOfColumn(column.name);
    const decision = decisions.get(key)!;
    if (decision.transform === 'city' && postcode !== undefined) {
      decisions.set(key, {
        ...decision,
        options: { ...decision.options, postcode },
        reason: `${decision.reason}; the city of the row's fake postcode`,
      });
    }
  }
}

const weakReason = 'has a date of birth';

/**
 * A table whose only sign of people is a date of birth, and that leads to a subject table by
 * foreign keys (a diploma → its application → the applicant), holds data about that subject, not
 * other people: marking it too would count one person twice in a breach report.
 */
function demoteRowsAboutSubjects(schema: DatabaseSchema, subjects: Map<TableModel, string>): void {
  const byName = new Map(schema.tables.map((t) => [`${t.schema}.${t.name}`, t] as const));
  const leadsToSubject = (start: TableModel): boolean => {
    const seen = new Set<TableModel>([start]);
    let frontier = [start];
    while (frontier.length > 0) {
      const next: TableModel[] = [];
      for (const table of frontier) {
        for (const fk of table.foreignKeys) {
          const target = byName.get(`${fk.referencedSchema}.${fk.referencedTable}`);
          if (target === undefined || seen.has(target)) continue;
          const reason = subjects.get(target) ?? '';
          if (reason !== '' && reason !== weakReason) return true;
          seen.add(target);
          next.push(target);
        }
      }
      frontier = next;
    }
    return false;
  };
  for (const [table, reason] of subjects)
    if (reason === weakReason && leadsToSubject(table)) subjects.set(table, '');
}

/**
 * Columns linked by foreign keys must get the same transform, or the links break. Linked columns
 * form groups; a group takes the decision of its referenced column when that one is personal, else
 * of any personal member — so a personal-looking child also anonymizes what it points at.
 */
function alignForeignKeys(
  schema: DatabaseSchema,
  decisions: Map<ColumnKey, Decision>,
  columns: ReadonlyMap<ColumnKey, { column: ColumnModel; label: string }>,
): void {
  const parent = new Map<ColumnKey, ColumnKey>();
  const find = (k: ColumnKey): ColumnKey => {
    const p = parent.get(k);
    if (p === undefined || p === k) return k;
    const root = find(p);
    parent.set(k, root);
    return root;
  };
  const references = new Map<ColumnKey, ColumnKey>();
  const referenced = new Set<ColumnKey>();
  for (const table of schema.tables) {
    for (const fk of table.foreignKeys) {
      fk.columns.forEach((name, i) => {
        const from = keyOf(table.schema, table.name, name);
        const targetName = fk.referencedColumns[i];
        if (targetName === undefined) return;
        const to = keyOf(fk.referencedSchema, fk.referencedTable, targetName);
        // Generated columns are recomputed, and tables outside the schema are not copied.
        if (!columns.has(from) || !columns.has(to) || generated(columns, from) || generated(columns, to))
          return;
        references.set(from, to);
        referenced.add(to);
        parent.set(find(from), find(to));
      });
    }
  }
  const groups = new Map<ColumnKey, ColumnKey[]>();
  for (const key of new Set([...references.keys(), ...referenced])) {
    const root = find(key);
    groups.set(root, [...(groups.get(root) ?? []), key]);
  }
  for (const members of groups.values()) {
    // Referenced columns first: the column that holds the value decides for those that point at it.
    const ordered = [
      ...members.filter((k) => !references.has(k)),
      ...members.filter((k) => references.has(k)),
    ];
    const source = ordered.find((k) => decisions.get(k)!.transform !== 'keep');
    if (source === undefined) continue;
    let chosen = decisions.get(source)!;
    const all = members.map((k) => columns.get(k)!.column);
    if (!all.every((c) => fits(c, chosen))) {
      // e.g. `null` on a NOT NULL child: hashing keeps links and uniqueness for text and integers.
      if (!all.every((c) => fits(c, { transform: 'hash' }))) continue;
      chosen = {
        transform: 'hash',
        reason: `${chosen.reason}; hashed to fit all linked columns`,
        personal: true,
      };
      decisions.set(source, chosen);
    }
    for (const key of members) {
      if (key === source) continue;
      const to = references.get(key);
      const reason =
        to !== undefined
          ? `foreign key to ${columns.get(to)!.label}: same transform keeps the link`
          : `referenced by ${linkedFrom(key, references, columns)}, which looks personal: same transform keeps the link`;
      const { reason: _, ...rest } = chosen;
      decisions.set(key, { ...rest, reason, personal: true });
    }
  }
}

function generated(columns: ReadonlyMap<ColumnKey, { column: ColumnModel }>, key: ColumnKey): boolean {
  return columns.get(key)!.column.generatedExpr !== null;
}

function linkedFrom(
  key: ColumnKey,
  references: ReadonlyMap<ColumnKey, ColumnKey>,
  columns: ReadonlyMap<ColumnKey, { label: string }>,
): string {
  const from = [...references].filter(([, to]) => to === key).map(([f]) => columns.get(f)!.label);
  return from.length > 0 ? from.join(', ') : 'a linked column';
}
