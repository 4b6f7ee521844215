/**
 * Holds a policy against the source's schema. Fail closed: every table and column of the source
 * needs a decision (missing ones → exit 3, all named at once); every decision must name something
 * that exists, a known transform, valid options and a transform that can fill the column (→ exit 2,
 * with the YAML path and line). Nothing is written before this passes.
 */
import { isDeepStrictEqual } from 'node:util';
import { LeakproofError } from '../errors.js';
import type { ColumnModel, DatabaseSchema, TableModel } from '../schema/model.js';
import { qualifiedName } from '../schema/model.js';
import { type BoundTransform, getTransform, suggestTransformName } from '../transforms/registry.js';
import { type ColumnDecision, describePosition, type Policy, reasonOf } from './policy-model.js';

export interface CheckedColumn {
  readonly column: ColumnModel;
  readonly decision: ColumnDecision;
  /** The transform with its options checked (defaults filled in). */
  readonly transform: BoundTransform;
}

/** What a report says of one column's decision: its transform, options and why. */
export interface DecisionFacts {
  readonly column: string;
  readonly transform: string;
  readonly options: Readonly<Record<string, unknown>>;
  /** Why: the policy's `reason`, or the comment on the decision's line. */
  readonly reason?: string;
}

export function decisionFacts(checked: CheckedColumn): DecisionFacts {
  const reason = reasonOf(checked.decision);
  return {
    column: checked.column.name,
    transform: checked.decision.transform,
    options: checked.decision.options,
    ...(reason === undefined ? {} : { reason }),
  };
}

export type CheckedTable =
  | { readonly kind: 'skip'; readonly table: TableModel }
  | {
      readonly kind: 'copy';
      readonly table: TableModel;
      readonly subject: boolean;
      readonly columns: readonly CheckedColumn[];
    };

export interface CheckedPolicy {
  readonly policy: Policy;
  readonly tables: readonly CheckedTable[];
}

export interface CoverageResult {
  /** `schema.table.column` for every source column without a decision. */
  readonly uncovered: readonly string[];
  /** Problems with the policy itself, each naming its YAML path and line. */
  readonly problems: readonly string[];
  readonly checked: CheckedPolicy;
}

export function checkCoverage(policy: Policy, schema: DatabaseSchema): CoverageResult {
  const uncovered: string[] = [];
  const problems: string[] = [];
  const tables: CheckedTable[] = [];
  const known = new Set(schema.tables.map(qualifiedName));
  problems.push(...ambiguousNames(policy, schema));

  for (const [key, entry] of policy.tables) {
    if (!known.has(key)) problems.push(`${describePosition(entry.where)}: the source has no table ${key}`);
  }

  for (const table of schema.tables) {
    const key = qualifiedName(table);
    const entry = policy.tables.get(key);
    if (entry === undefined) {
      for (const c of table.columns) uncovered.push(`${key}.${c.name}`);
      continue;
    }
    if (entry.kind === 'skip') {
      tables.push({ kind: 'skip', table });
      continue;
    }
    const names = new Set(table.columns.map((c) => c.name));
    for (const [column, decision] of entry.columns) {
      if (!names.has(column))
        problems.push(`${describePosition(decision.where)}: ${key} has no column ${column}`);
    }
    const columns: CheckedColumn[] = [];
    for (const column of table.columns) {
      const decision = entry.columns.get(column.name);
      if (decision === undefined) {
        uncovered.push(`${key}.${column.name}`);
        continue;
      }
      const checked = checkDecision(column, decision, problems);
      if (checked) columns.push(checked);
    }
    problems.push(...checkLinks(key, table, columns));
    tables.push({ kind: 'copy', table, subject: entry.subject, columns });
  }

  const checked = { policy, tables };
  if (problems.length === 0) problems.push(...checkForeignKeys(checked));
  return { uncovered, problems, checked };
}

/**
 * A policy names a table `schema.table`, so schema "a.b" with table "c" and schema "a" with table
 * "b.c" are both `a.b.c`: one entry would decide for both, and the copy and the leak check (which
 * key tables by that name too) would mix them up. Refused before anything is written.
 */
function ambiguousNames(policy: Policy, schema: DatabaseSchema): string[] {
  const byName = new Map<string, TableModel[]>();
  for (const table of schema.tables) {
    const key = qualifiedName(table);
    byName.set(key, [...(byName.get(key) ?? []), table]);
  }
  return [...byName]
    .filter(([, tables]) => tables.length > 1)
    .map(([key, tables]) => {
      const where = policy.tables.get(key)?.where;
      const which = tables.map(
        (t) => `table ${JSON.stringify(t.name)} in schema ${JSON.stringify(t.schema)}`,
      );
      return (
        `${where ? describePosition(where) : `tables.${key}`}: ${key} names ${which.join(' and ')}; ` +
        'a policy cannot tell them apart, rename one of them'
      );
    });
}

function checkDecision(
  column: ColumnModel,
  decision: ColumnDecision,
  problems: string[],
): CheckedColumn | null {
  const at = describePosition(decision.where);
  const transform = getTransform(decision.transform);
  if (transform === undefined) {
    const suggestion = suggestTransformName(decision.transform);
    problems.push(
      `${at}: unknown transform '${decision.transform}'${suggestion ? `; did you mean '${suggestion}'?` : ''}`,
    );
    return null;
  }
  let bound: ReturnType<typeof transform.bind>;
  try {
    bound = transform.bind(decision.options);
  } catch (error) {
    // zod can throw on odd option values instead of reporting them (see load-policy.ts throwingPath).
    const reason = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
    problems.push(`${at}: ${decision.transform} options cannot be checked (${reason})`);
    return null;
  }
  if (!bound.ok) {
    for (const issue of bound.error.issues) {
      const option = issue.path.length > 0 ? ` option ${issue.path.join('.')}` : '';
      problems.push(`${at}: ${decision.transform}${option}: ${issue.message}`);
    }
    return null;
  }
  if (column.generatedExpr !== null && decision.transform !== 'keep') {
    problems.push(
      `${at}: ${column.name} is a generated column, recomputed by the target; its decision must be keep`,
    );
    return null;
  }
  const reason = bound.bound.cannotProduce(column);
  if (reason !== null) {
    problems.push(`${at}: ${decision.transform} cannot fill ${column.name} (${column.type}): ${reason}`);
    return null;
  }
  return { column, decision, transform: bound.bound };
}

/**
 * Options that link a column to others of its row (`email: { first: voornaam }`) must name columns
 * the row has and the copy reads (not generated ones), and must not go round in a circle, since a
 * linked column's fake is made first.
 */
function checkLinks(table: string, model: TableModel, columns: readonly CheckedColumn[]): string[] {
  const problems: string[] = [];
  const readable = new Set(model.columns.filter((c) => c.generatedExpr === null).map((c) => c.name));
  const links = new Map<string, readonly string[]>();
  for (const { column, decision, transform } of columns) {
    const at = describePosition(decision.where);
    for (const linked of transform.linkedColumns) {
      if (!readable.has(linked))
        problems.push(
          `${at}: ${decision.transform} links to ${linked}, which ${table} has not as a copied column`,
        );
      else if (linked === column.name)
        problems.push(`${at}: ${decision.transform} links ${column.name} to itself`);
    }
    if (transform.linkedColumns.length > 0) links.set(column.name, transform.linkedColumns);
  }
  if (problems.length > 0) return problems;
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]): string | null => {
    if (state.get(name) === 'done') return null;
    if (state.get(name) === 'visiting') return [...path, name].join(' → ');
    state.set(name, 'visiting');
    for (const next of links.get(name) ?? []) {
      const cycle = visit(next, [...path, name]);
      if (cycle !== null) return cycle;
    }
    state.set(name, 'done');
    return null;
  };
  for (const name of links.keys()) {
    const cycle = visit(name, []);
    if (cycle !== null) {
      problems.push(
        `tables.${table}: columns link to each other in a circle (${cycle}); one of them must not link`,
      );
      break;
    }
  }
  return problems;
}

/**
 * A foreign key keeps working only if both ends are transformed the same way (same transform and
 * options give the same output for the same input) and the referenced table has rows.
 */
function checkForeignKeys(checked: CheckedPolicy): string[] {
  const problems: string[] = [];
  const byName = new Map(checked.tables.map((t) => [qualifiedName(t.table), t] as const));
  for (const entry of checked.tables) {
    if (entry.kind !== 'copy') continue;
    for (const fk of entry.table.foreignKeys) {
      const referenced = byName.get(`${fk.referencedSchema}.${fk.referencedTable}`);
      const from = qualifiedName(entry.table);
      const to = `${fk.referencedSchema}.${fk.referencedTable}`;
      if (referenced?.kind === 'skip') {
        problems.push(
          `${describePosition(checked.policy.tables.get(from)!.where)}: ` +
            `${from} references ${to} (${fk.name}), which is skipped; skip ${from} too or copy ${to}`,
        );
        continue;
      }
      if (referenced?.kind !== 'copy') continue;
      fk.columns.forEach((name, i) => {
        const mine = entry.columns.find((c) => c.column.name === name);
        const theirs = referenced.columns.find((c) => c.column.name === fk.referencedColumns[i]);
        if (!mine || !theirs) return;
        const same =
          mine.transform.name === theirs.transform.name &&
          isDeepStrictEqual(mine.transform.options, theirs.transform.options);
        if (!same) {
          problems.push(
            `${describePosition(mine.decision.where)}: ${from}.${name} references ${to}.${theirs.column.name} (${fk.name}) ` +
              `and must be transformed the same way (${describeDecision(theirs)}), not ${describeDecision(mine)}`,
          );
        }
      });
    }
  }
  return problems;
}

function describeDecision(c: CheckedColumn): string {
  const options = Object.keys(c.decision.options).length > 0 ? ` ${JSON.stringify(c.decision.options)}` : '';
  return `${c.decision.transform}${options}`;
}

/** Throws the error a run stops with when the policy does not fit the schema; returns the checked policy otherwise. */
export function requireCoverage(policy: Policy, schema: DatabaseSchema): CheckedPolicy {
  const { uncovered, problems, checked } = checkCoverage(policy, schema);
  if (uncovered.length > 0) {
    throw new LeakproofError(
      'LP_POLICY_UNCOVERED',
      `The policy ${policy.file} has no decision for ${uncovered.length} source column(s). ` +
        'Add a decision for each (keep, a transform, or skip the table).',
      [...uncovered.map((c) => `no decision: ${c}`), ...problems],
    );
  }
  if (problems.length > 0) {
    throw new LeakproofError(
      'LP_POLICY_INVALID',
      `The policy ${policy.file} does not fit the source.`,
      problems,
    );
  }
  return checked;
}
