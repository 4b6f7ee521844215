/**
 * Writes a draft as the policy file the loader reads: one line per column, `name: transform` or a
 * flow map with options, and the reason as an aligned comment. Built by hand for the layout; every
 * key and string goes through `scalar`, which quotes whatever YAML would read differently.
 */
import type { Decision } from './classify.js';
import type { DraftPolicy } from './draft-policy.js';

/** Where comments start, so a table's decisions read as a column. */
const commentColumn = 48;

/**
 * The policy as YAML text, e.g.
 * `renderPolicyYaml(draft, { source: 'postgres://db.internal/prod', generatedAt: '2026-11-27' })`.
 */
export function renderPolicyYaml(
  draft: Pick<DraftPolicy, 'tables'>,
  header: { source: string; generatedAt: string },
): string {
  const lines = [
    `# Leakproof policy drafted by \`leakproof init\` from ${oneLine(withoutPassword(header.source))} on ${oneLine(header.generatedAt)}.`,
    '# Every column of every table needs a decision; review the proposals before use.',
    'version: 1',
    draft.tables.length === 0 ? 'tables: {}' : 'tables:',
  ];
  for (const table of draft.tables) {
    lines.push(`  ${scalar(`${table.schema}.${table.name}`)}:`);
    if (table.subject) lines.push(commented('    subject: true', `rows are people (${table.subjectReason})`));
    if (table.columns.length === 0) {
      lines.push('    columns: {}');
      continue;
    }
    lines.push('    columns:');
    for (const { name, decision } of table.columns) {
      lines.push(commented(`      ${scalar(name)}: ${value(decision)}`, decision.reason));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `keep`, or `{ transform: dateShift, maxDays: 180 }` when there are options or a category. */
function value(decision: Decision): string {
  return decisionYaml(decision.transform, {
    ...decision.options,
    ...(decision.category === undefined ? {} : { category: decision.category }),
  });
}

/**
 * A column decision as `init` writes it: the transform name alone, or a flow map with the options
 * after `transform:`. `review` writes its edits with it, so an edited line reads like a drafted one.
 */
export function decisionYaml(transform: string, options: Readonly<Record<string, unknown>>): string {
  if (Object.keys(options).length === 0) return scalar(transform);
  return `{ ${flowPairs([['transform', transform], ...Object.entries(options)])} }`;
}

/** `maxDays: 180, postcode: postcode`: the inside of a flow map, every value spelled to parse back. */
export function flowPairs(entries: readonly (readonly [string, unknown])[]): string {
  return entries.map(([k, v]) => `${scalar(k)}: ${optionValue(v)}`).join(', ');
}

function optionValue(v: unknown): string {
  if (typeof v === 'string') return scalar(v);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean' || v === null) return String(v);
  // Arrays and objects as JSON, which is valid flow YAML; quoted strings inside stay exact.
  return JSON.stringify(v) ?? 'null';
}

/** Words YAML 1.1 or 1.2 would read as booleans, nulls or merge keys when left unquoted. */
const reserved = /^(?:true|false|yes|no|on|off|y|n|null|~)$/i;

/**
 * A key or string as YAML must spell it: plain when that reads back as the same string, single-
 * quoted when printable, else double-quoted with escapes (newlines, control characters).
 */
export function scalar(s: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_.$-]*$/.test(s) && !reserved.test(s)) return s;
  const chars = [...s];
  if (!chars.some(mustEscape)) return `'${s.replace(/'/g, "''")}'`;
  let out = '"';
  for (const ch of chars) {
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (mustEscape(ch)) out += `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function commented(line: string, comment: string): string {
  return `${line.padEnd(Math.max(commentColumn, line.length + 2))}# ${oneLine(comment)}`;
}

/** Comments end at the line break: anything that would start a new line becomes a space. */
function oneLine(s: string): string {
  return [...s]
    .map((ch) => (mustEscape(ch) ? ' ' : ch))
    .join('')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * Characters YAML does not allow unescaped (C0/C1 controls, BOM, non-characters, lone surrogates),
 * or that some readers take for line breaks (U+2028/2029); tab is allowed but kept out for clarity.
 */
function mustEscape(ch: string): boolean {
  const code = ch.codePointAt(0)!;
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0xfeff ||
    code === 0xfffe ||
    code === 0xffff ||
    (code >= 0xd800 && code <= 0xdfff)
  );
}

/** The header must never carry a password, even if the caller forgot to remove it. */
function withoutPassword(source: string): string {
  try {
    const url = new URL(source);
    if (url.password !== '') url.password = '';
    url.searchParams.delete('password');
    return url.toString();
  } catch {
    return source.replace(/(\/\/[^:/@\s]*):[^@\s]*@/, '$1@');
  }
}
