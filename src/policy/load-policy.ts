/**
 * Reads a policy file: YAML → shape check → frozen `Policy`. Every error names the file, the path
 * inside it and the line, so a person can go straight to it.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { type Document, isAlias, isMap, isScalar, LineCounter, type Node, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { LeakproofError } from '../errors.js';
import { columnDecisionSchema, policyFileSchema, tableEntrySchema } from './policy-file.js';
import {
  type ColumnDecision,
  describePosition,
  type Policy,
  qualifyTableKey,
  type TablePolicy,
} from './policy-model.js';

type PathSegment = string | number;

/** The line of the deepest part of `path` that exists: a map entry's key line, where its value may start lower. */
function lineOf(doc: Document, counter: LineCounter, path: readonly PathSegment[]): number | null {
  for (let depth = path.length; depth > 0; depth--) {
    const parent = depth === 1 ? doc.contents : doc.getIn(path.slice(0, depth - 1), true);
    if (!isMap(parent)) continue;
    const pair = parent.items.find(
      (item) => isScalar(item.key) && String(item.key.value) === String(path[depth - 1]),
    );
    const range = isScalar(pair?.key) ? pair.key.range : undefined;
    if (range) return counter.linePos(range[0]).line;
  }
  return null;
}

/** The comment at the end of a value's line (`name: keep  # why`), trimmed; undefined when none. */
function commentOf(doc: Document, path: readonly PathSegment[]): string | undefined {
  const node = doc.getIn(path, true) as { comment?: string | null } | undefined;
  const text = node?.comment?.trim();
  return text ? text : undefined;
}

function pathText(path: readonly PathSegment[]): string {
  return path.length === 0 ? '(top level)' : path.join('.');
}

/** Deeper than any policy needs (tables.t.columns.c.paths.p.option is 7), shallow enough for any stack. */
const MAX_DEPTH = 32;

/**
 * What `toJS` would choke on or silently change, found in one pass before it runs, with the line:
 * nesting deeper than MAX_DEPTH (toJS and zod recurse), an alias whose anchor is missing, and keys
 * that are lists or maps (JavaScript objects only have text keys; yaml would stringify them and
 * print a process warning quoting the file). One pass: `Alias.resolve` searches the whole document
 * each time, which made a file of many aliases take seconds.
 */
function nodeProblems(doc: Document, counter: LineCounter): string[] {
  const problems: string[] = [];
  const anchors = new Map<string, Node>();
  const at = (node: unknown) => {
    const range = (node as { range?: readonly number[] | null } | null)?.range;
    return range ? `line ${counter.linePos(range[0]!).line}: ` : '';
  };
  visit(doc, {
    Node(_, node, path) {
      // Each level of a map is a map and a pair on the path; of a list, only the list.
      if (path.length > 2 * MAX_DEPTH + 1) {
        problems.push(`${at(node)}nested deeper than ${MAX_DEPTH} levels`);
        return visit.BREAK;
      }
      if (isAlias(node)) {
        if (!anchors.has(node.source))
          problems.push(`${at(node)}alias *${node.source} has no anchor &${node.source} before it`);
      } else if (node.anchor) anchors.set(node.anchor, node);
      return undefined;
    },
    Pair(_, pair) {
      const key = isAlias(pair.key) ? anchors.get(pair.key.source) : pair.key;
      // A tagged scalar can be an object too (`!!binary` gives bytes).
      if (
        key !== null &&
        key !== undefined &&
        (!isScalar(key) || (key.value !== null && typeof key.value === 'object'))
      )
        problems.push(`${at(pair.key)}a key must be a name, not a list, a map or binary data`);
    },
  });
  return problems;
}

/**
 * What zod and the checks after it cannot take, in the data `toJS` made: an alias that contains
 * itself (a circular object), nesting deeper than MAX_DEPTH, and `__proto__` keys (zod's records
 * drop them silently, so a decision written in the file would be ignored). Iterative, so that no
 * input can overflow the stack here.
 */
function structureProblem(data: unknown): { path: PathSegment[]; reason: string } | null {
  const onPath = new Set<object>();
  const stack: ({ value: unknown; path: PathSegment[] } | { leave: object })[] = [{ value: data, path: [] }];
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    if ('leave' in frame) {
      onPath.delete(frame.leave);
      continue;
    }
    const { value, path } = frame;
    if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) continue;
    if (onPath.has(value)) return { path, reason: 'an alias refers to a node that contains it' };
    if (path.length >= MAX_DEPTH) return { path, reason: `nested deeper than ${MAX_DEPTH} levels` };
    onPath.add(value);
    stack.push({ leave: value });
    for (const [key, child] of Object.entries(value)) {
      if (key === '__proto__') return { path: [...path, key], reason: '__proto__ cannot be used as a name' };
      stack.push({ value: child, path: [...path, Array.isArray(value) ? Number(key) : key] });
    }
  }
  return null;
}

/**
 * zod reports a union that failed as the union's one message, at the union's path, even when the
 * value clearly meant one branch (a table map with a bad `subject:`). Where exactly one branch got
 * past the value's type, its own issues are more useful: they keep their deeper path. Issues of that
 * branch about the value as a whole still read best as the union's message.
 */
function flattenIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PathSegment[] = []) {
  const out: { path: PathSegment[]; message: string }[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.filter((p): p is PathSegment => typeof p !== 'symbol')];
    if (issue.code === 'invalid_union') {
      const typed = issue.errors.filter(
        (branch) =>
          !branch.every(
            (i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value'),
          ),
      );
      if (typed.length === 1) {
        const branch = typed[0]!;
        if (branch.some((i) => i.path.length === 0)) out.push({ path, message: issue.message });
        out.push(
          ...flattenIssues(
            branch.filter((i) => i.path.length > 0),
            path,
          ),
        );
        continue;
      }
    }
    out.push({ path, message: issue.message });
  }
  return out;
}

/**
 * zod itself can throw instead of reporting: a length check runs on any value with a `length`, and
 * `{ length: { toString: {} } }` cannot be compared with a number (TypeError). The deepest table or
 * column entry that makes it throw, to name in the error.
 */
function throwingPath(data: unknown): PathSegment[] {
  const throws = (check: () => unknown) => {
    try {
      check();
      return false;
    } catch {
      return true;
    }
  };
  const tables = (data as { tables?: unknown } | null)?.tables;
  if (tables === null || typeof tables !== 'object') return [];
  for (const [table, entry] of Object.entries(tables)) {
    if (!throws(() => tableEntrySchema.safeParse(entry))) continue;
    const columns = (entry as { columns?: unknown } | null)?.columns;
    if (columns !== null && typeof columns === 'object')
      for (const [column, decision] of Object.entries(columns))
        if (throws(() => columnDecisionSchema.safeParse(decision)))
          return ['tables', table, 'columns', column];
    return ['tables', table];
  }
  return [];
}

function describeThrown(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
}

/** zod's message for a missing key is "expected record, received undefined"; say it is missing. */
const missingKey: z.core.$ZodErrorMap = (issue) => {
  if (issue.input !== undefined) return undefined;
  if (issue.code === 'invalid_type') return `missing (expected ${issue.expected})`;
  if (issue.code === 'invalid_value') return `missing (expected ${issue.values.map(String).join(' or ')})`;
  return undefined;
};

export async function loadPolicyFile(file: string): Promise<Policy> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new LeakproofError(
      'LP_POLICY_FILE',
      code === 'ENOENT'
        ? `Policy file ${file} does not exist.`
        : `Policy file ${file} cannot be read (${code}).`,
    );
  }
  return parsePolicy(text, file);
}

export function parsePolicy(text: string, file: string): Policy {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new LeakproofError(
      'LP_POLICY_SYNTAX',
      `Policy file ${file} is not valid YAML.`,
      doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        // yaml's own message quotes the offending source line; keep only its first sentence.
        const reason = e.message.split('\n')[0] ?? e.message;
        return pos ? `line ${pos.line}, column ${pos.col}: ${reason}` : reason;
      }),
    );
  }
  const located = (path: readonly PathSegment[]) => {
    const line = lineOf(doc, counter, path);
    return `${pathText(path)}${line === null ? '' : ` (line ${line})`}`;
  };
  const nodes = nodeProblems(doc, counter);
  if (nodes.length > 0) {
    throw new LeakproofError('LP_POLICY_SYNTAX', `Policy file ${file} cannot be read as a policy.`, nodes);
  }
  let data: unknown;
  try {
    // Throws on alias bombs (yaml's maxAliasCount guard) and on a stack overflow in deep data.
    data = doc.toJS();
  } catch (error) {
    const reason =
      error instanceof RangeError
        ? 'nested too deeply'
        : ((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '');
    throw new LeakproofError('LP_POLICY_SYNTAX', `Policy file ${file} cannot be read as a policy.`, [reason]);
  }
  const problem = structureProblem(data);
  if (problem !== null) {
    throw new LeakproofError('LP_POLICY_INVALID', `Policy file ${file} does not have the expected shape.`, [
      `${located(problem.path)}: ${problem.reason}`,
    ]);
  }
  let parsed: ReturnType<typeof policyFileSchema.safeParse>;
  try {
    parsed = policyFileSchema.safeParse(data, { error: missingKey });
  } catch (error) {
    throw new LeakproofError('LP_POLICY_INVALID', `Policy file ${file} does not have the expected shape.`, [
      `${located(throwingPath(data))}: cannot be checked (${describeThrown(error)})`,
    ]);
  }
  if (!parsed.success) {
    throw new LeakproofError(
      'LP_POLICY_INVALID',
      `Policy file ${file} does not have the expected shape.`,
      // zod's messages are about shapes, never the file's values, so they can be shown as they are.
      flattenIssues(parsed.error.issues).map(({ path, message }) => `${located(path)}: ${message}`),
    );
  }

  const tables = new Map<string, TablePolicy>();
  for (const [key, entry] of Object.entries(parsed.data.tables)) {
    const qualified = qualifyTableKey(key);
    const where = { path: `tables.${key}`, line: lineOf(doc, counter, ['tables', key]) };
    if (tables.has(qualified)) {
      throw new LeakproofError('LP_POLICY_INVALID', `Policy file ${file} names table ${qualified} twice.`, [
        `${describePosition(where)}: the same table as ${tables.get(qualified)!.where.path}`,
      ]);
    }
    if (entry === 'skip') {
      tables.set(qualified, Object.freeze({ kind: 'skip', where }));
      continue;
    }
    const columns = new Map<string, ColumnDecision>();
    for (const [column, decision] of Object.entries(entry.columns)) {
      const path = ['tables', key, 'columns', column];
      const columnWhere = { path: path.join('.'), line: lineOf(doc, counter, path) };
      const { transform, category, identifying, reason, ...options } =
        typeof decision === 'string' ? { transform: decision } : decision;
      const comment = commentOf(doc, path);
      columns.set(
        column,
        Object.freeze({
          transform,
          options: Object.freeze(options),
          ...(category === undefined ? {} : { category }),
          // The shape check lets `identifying` through only as false and only with a reason.
          ...(identifying === false && reason !== undefined ? { identifying, reason: reason.trim() } : {}),
          ...(comment === undefined ? {} : { comment }),
          where: columnWhere,
        }),
      );
    }
    tables.set(qualified, Object.freeze({ kind: 'copy', subject: entry.subject ?? false, columns, where }));
  }
  return Object.freeze({
    version: 1,
    tables,
    ...(parsed.data.expires === undefined ? {} : { expires: Object.freeze(parsed.data.expires) }),
    file,
    sha256: createHash('sha256').update(text).digest('hex'),
  });
}
