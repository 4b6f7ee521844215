/**
 * Reads and edits column decisions in a policy's YAML text without disturbing the rest of it. The
 * `yaml` Document tells where each decision's value starts and ends; an edit splices only that
 * span (or inserts one line), so every other byte, every comment and the order stay as they were.
 * Re-printing the Document instead would lose the aligned comments `init` writes on every line.
 * Pure: text in, text out. Whether the result is a valid policy is the loader's call, not ours.
 */
import { isMap, isScalar, type Pair, parseDocument, type YAMLMap } from 'yaml';
import { LeakproofError } from '../errors.js';
import { decisionYaml, flowPairs, scalar } from '../policy/draft/render-yaml.js';
import { qualifyTableKey } from '../policy/policy-model.js';

/** A decision as the file spells it: the transform and every other key of its map, in file order. */
export interface WrittenDecision {
  readonly transform: string;
  /** `maxDays: 180, category: dateOfBirth` (the inside of the flow map, without `transform`); '' for none. */
  readonly options: string;
  /** The comment at the end of the decision's line (`init` writes its reason there), or null. */
  readonly comment: string | null;
}

export interface WrittenTable {
  /** The table's key as written (`applicant` or `public.applicant`). */
  readonly key: string;
  readonly skip: boolean;
  readonly comment: string | null;
  readonly columns: ReadonlyMap<string, WrittenDecision>;
}

/** One decision to write: `table` is `schema.table`, as the schema names it. */
export interface DecisionChange {
  readonly table: string;
  readonly column: string;
  readonly transform: string;
  /** The options as the page's field holds them: `maxDays: 90` or `{ maxDays: 90 }`; '' for none. */
  readonly options: string;
  /** A new comment for the line; absent or unchanged keeps the line's comment. */
  readonly comment?: string;
}

/** Where `init` starts its comments; an edited line keeps its comment column when the value fits. */
const commentColumn = 48;

const parse = (text: string) => {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0)
    throw new LeakproofError('LP_POLICY_SYNTAX', 'The policy file is not valid YAML.', [
      doc.errors[0]!.message.split('\n')[0] ?? '',
    ]);
  return doc;
};

/** The decisions of a policy text by `schema.table` and column, for showing them as written. */
export function readDecisions(text: string): ReadonlyMap<string, WrittenTable> {
  const tables = new Map<string, WrittenTable>();
  const doc = parse(text);
  const map = doc.get('tables', true);
  if (!isMap(map)) return tables;
  for (const pair of map.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const columns = new Map<string, WrittenDecision>();
    const entry = pair.value;
    const columnMap = isMap(entry) ? entry.get('columns', true) : undefined;
    if (isMap(columnMap))
      for (const c of columnMap.items) {
        if (!isScalar(c.key)) continue;
        const decision = writtenDecision(text, c);
        if (decision !== null) columns.set(String(c.key.value), decision);
      }
    const skip = isScalar(entry) && entry.value === 'skip';
    tables.set(qualifyTableKey(key), { key, skip, comment: skip ? lineComment(text, entry) : null, columns });
  }
  return tables;
}

function writtenDecision(text: string, pair: Pair): WrittenDecision | null {
  const node = pair.value;
  const comment = lineComment(text, node);
  if (isScalar(node)) return { transform: String(node.value), options: '', comment };
  if (!isMap(node)) return null;
  const entries = Object.entries(node.toJSON() as Record<string, unknown>);
  const transform = entries.find(([k]) => k === 'transform')?.[1];
  return {
    transform: typeof transform === 'string' ? transform : '',
    options: flowPairs(entries.filter(([k]) => k !== 'transform')),
    comment,
  };
}

/** The `# …` after a value on its own line: text, not the Document's comment fields, which move with blank lines. */
function lineComment(text: string, node: unknown): string | null {
  const range = rangeOf(node);
  // A block map's value starts on a later line: a comment of the key's line is not read here.
  if (range === null || !(isScalar(node) || (isMap(node) && node.flow === true))) return null;
  const rest = text.slice(range[1], lineEnd(text, range[1]));
  const match = /^[ \t]*#(.*)$/.exec(rest);
  return match ? match[1]!.trim() : null;
}

const rangeOf = (node: unknown): readonly [number, number, number] | null =>
  (node as { range?: [number, number, number] | null } | null)?.range ?? null;

const lineEnd = (text: string, from: number) => {
  const at = text.indexOf('\n', from);
  return at === -1 ? text.length : at;
};

const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;

/**
 * The options field as a map. It is read as the inside of a YAML flow map, so it is spelled as
 * in the file (`maxDays: 90, category: dateOfBirth`); braces around it are allowed. The map is
 * written back through `decisionYaml`, never pasted, so the field cannot add lines to the file.
 */
export function parseOptions(field: string): Record<string, unknown> {
  const trimmed = field.trim();
  if (trimmed === '') return {};
  const inner = trimmed.startsWith('{') && trimmed.endsWith('}') ? trimmed.slice(1, -1) : trimmed;
  const doc = parseDocument(`{${inner}}`, { uniqueKeys: true });
  const invalid = () =>
    new LeakproofError('LP_POLICY_SYNTAX', 'The options are not a YAML map.', [
      `options: write them as in the file, e.g. maxDays: 90${doc.errors.length > 0 ? ` (${doc.errors[0]!.message.split('\n')[0]})` : ''}`,
    ]);
  // A key that is a list or a map would be stringified by toJS, with a process warning quoting it.
  if (doc.errors.length > 0 || !isMap(doc.contents) || !doc.contents.items.every((p) => isScalar(p.key)))
    throw invalid();
  const options = doc.toJS() as unknown;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw invalid();
  if (Object.hasOwn(options, 'transform'))
    throw new LeakproofError('LP_POLICY_SYNTAX', 'The options name a transform.', [
      'options: choose the transform in the list, not in the options',
    ]);
  return options as Record<string, unknown>;
}

/**
 * The policy text with one column's decision replaced (or added, with its table if need be).
 * Only that line changes; its comment stays, at its column when the new value fits before it.
 */
export function applyDecision(text: string, change: DecisionChange): string {
  const value = decisionYaml(change.transform, parseOptions(change.options));
  const doc = parse(text);
  const tables = doc.get('tables', true);
  if (!isMap(tables) || tables.flow)
    throw new LeakproofError('LP_USAGE', 'The policy has no `tables:` block to add a decision to.');
  const tablePair = tables.items.find(
    (p) => isScalar(p.key) && qualifyTableKey(String(p.key.value)) === change.table,
  );
  if (tablePair === undefined) return addTable(text, tables, change, value);
  const entry = tablePair.value;
  const columns = isMap(entry) ? entry.get('columns', true) : undefined;
  if (!isMap(columns) || columns.flow)
    throw new LeakproofError(
      'LP_USAGE',
      `The policy ${isScalar(entry) && entry.value === 'skip' ? 'skips' : 'has no columns block for'} ${change.table}; change the table in the file itself.`,
    );
  const pair = columns.items.find((p) => isScalar(p.key) && String(p.key.value) === change.column);
  if (pair === undefined) return addColumn(text, columns, change, value);
  return replaceValue(text, pair, value, change.comment);
}

function replaceValue(text: string, pair: Pair, value: string, comment: string | undefined): string {
  const node = pair.value;
  const range = rangeOf(node);
  const keyRange = rangeOf(pair.key);
  if (range === null || keyRange === null) throw new Error('a decision without a position in the text');
  const old = lineComment(text, node);
  const kept = comment === undefined || comment.trim() === (old ?? '') ? old : comment.trim();
  // A value on the key's line (scalar, flow map) is spliced in place; a block map below the key
  // (hand-written) becomes the one-line form, from the key's colon to the block's end.
  const inLine = isScalar(node) || (isMap(node) && node.flow === true);
  const start = inLine ? range[0] : text.indexOf(':', keyRange[1]) + 1;
  const end = inLine ? lineEnd(text, range[1]) : range[1];
  const prefix = text.slice(lineStart(text, start), start);
  const spaced = inLine ? value : ` ${value}`;
  // The comment stays in its column; one that only sat further right because its line was long
  // (two spaces after the value, as `init` writes it) goes back as far as the new line allows.
  const valueEnd = range[1] - lineStart(text, range[1]);
  const oldColumn = old === null ? commentColumn : text.indexOf('#', range[1]) - lineStart(text, range[1]);
  const column = oldColumn > commentColumn && oldColumn - valueEnd === 2 ? commentColumn : oldColumn;
  const line = withComment(prefix, spaced, kept, column).slice(prefix.length);
  return `${text.slice(0, start)}${line}${inLine ? '' : '\n'}${text.slice(end)}`;
}

function withComment(prefix: string, value: string, comment: string | null, column: number): string {
  const line = `${prefix}${value}`;
  if (comment === null || comment === '') return line;
  return `${line.padEnd(Math.max(column, line.length + 2))}# ${oneLine(comment)}`;
}

/** A comment ends at the line break: anything that would start a new line becomes a space. */
const oneLine = (s: string) => s.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ').trim();

/** A new `column: value` line after the table's last column, indented like the others. */
function addColumn(text: string, columns: YAMLMap, change: DecisionChange, value: string): string {
  const last = columns.items.at(-1);
  const keyRange = rangeOf(last?.key);
  const valueRange = rangeOf(last?.value);
  if (keyRange === null || valueRange === null)
    throw new LeakproofError('LP_USAGE', `The policy has no columns to add ${change.column} beside.`);
  const indent = ' '.repeat(keyRange[0] - lineStart(text, keyRange[0]));
  const line = withComment(
    `${indent}${scalar(change.column)}: `,
    value,
    change.comment ?? null,
    commentColumn,
  );
  return insertLineAfter(text, Math.max(valueRange[1] - 1, keyRange[1]), line);
}

/** A new table block at the end of `tables:`, holding the one column decided. */
function addTable(text: string, tables: YAMLMap, change: DecisionChange, value: string): string {
  const firstKey = rangeOf(tables.items[0]?.key);
  const lastValue = rangeOf(tables.items.at(-1)?.value);
  if (firstKey === null || lastValue === null)
    throw new LeakproofError('LP_USAGE', `The policy has no tables to add ${change.table} beside.`);
  const indent = firstKey[0] - lineStart(text, firstKey[0]);
  const pad = (n: number) => ' '.repeat(indent * n);
  const lines = [
    `${pad(1)}${scalar(change.table)}:`,
    `${pad(2)}columns:`,
    withComment(`${pad(3)}${scalar(change.column)}: `, value, change.comment ?? null, commentColumn),
  ];
  return insertLineAfter(text, Math.max(lastValue[1] - 1, firstKey[1]), lines.join('\n'));
}

/** `line` on a line of its own after the line holding `at`. */
function insertLineAfter(text: string, at: number, line: string): string {
  const end = lineEnd(text, at);
  if (end === text.length) return `${text}${text.endsWith('\n') || text === '' ? '' : '\n'}${line}\n`;
  return `${text.slice(0, end + 1)}${line}\n${text.slice(end + 1)}`;
}
