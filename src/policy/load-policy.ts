/**
 * Reads a policy file: YAML → shape check → frozen `Policy`. Every error names the file, the path
 * inside it and the line, so a person can go straight to it.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { type Document, isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { LeakproofError } from '../errors.js';
import { policyFileSchema } from './policy-file.js';
import { type ColumnDecision, type Policy, qualifyTableKey, type TablePolicy } from './policy-model.js';

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

function pathText(path: readonly PathSegment[]): string {
  return path.length === 0 ? '(top level)' : path.join('.');
}

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
  const parsed = policyFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    throw new LeakproofError(
      'LP_POLICY_INVALID',
      `Policy file ${file} does not have the expected shape.`,
      parsed.error.issues.map((issue) => {
        const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
        const line = lineOf(doc, counter, path);
        // zod's messages are about shapes, never the file's values, so they can be shown as they are.
        return `${pathText(path)}${line === null ? '' : ` (line ${line})`}: ${issue.message}`;
      }),
    );
  }

  const tables = new Map<string, TablePolicy>();
  for (const [key, entry] of Object.entries(parsed.data.tables)) {
    const qualified = qualifyTableKey(key);
    const where = { path: `tables.${key}`, line: lineOf(doc, counter, ['tables', key]) };
    if (tables.has(qualified)) {
      throw new LeakproofError('LP_POLICY_INVALID', `Policy file ${file} names table ${qualified} twice.`, [
        `${where.path} (line ${where.line})`,
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
      const { transform, category, ...options } =
        typeof decision === 'string' ? { transform: decision, category: undefined } : decision;
      columns.set(
        column,
        Object.freeze({
          transform,
          options: Object.freeze(options),
          ...(category === undefined ? {} : { category }),
          where: columnWhere,
        }),
      );
    }
    tables.set(qualified, Object.freeze({ kind: 'copy', subject: entry.subject ?? false, columns, where }));
  }
  return Object.freeze({
    version: 1,
    tables,
    file,
    sha256: createHash('sha256').update(text).digest('hex'),
  });
}
