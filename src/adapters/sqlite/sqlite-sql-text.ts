/**
 * What the catalog pragmas do not say, read from the CREATE TABLE / CREATE VIEW text SQLite keeps in
 * `sqlite_schema`: CHECK constraints (with their names), the expressions of generated columns,
 * which column is AUTOINCREMENT, and a view's SELECT. A small tokenizer (strings, quoted names,
 * comments, parentheses) is enough: only top-level structure is read, never an expression's meaning.
 */

interface Token {
  readonly kind: 'word' | 'name' | 'string' | 'open' | 'close' | 'comma' | 'other';
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  const closing: Record<string, string> = { '"': '"', '`': '`', '[': ']', "'": "'" };
  while (at < sql.length) {
    const c = sql[at]!;
    if (/\s/.test(c)) {
      at++;
    } else if (c === '-' && sql[at + 1] === '-') {
      const nl = sql.indexOf('\n', at);
      at = nl === -1 ? sql.length : nl + 1;
    } else if (c === '/' && sql[at + 1] === '*') {
      const endAt = sql.indexOf('*/', at + 2);
      at = endAt === -1 ? sql.length : endAt + 2;
    } else if (c in closing) {
      const close = closing[c]!;
      let i = at + 1;
      for (;;) {
        const j = sql.indexOf(close, i);
        if (j === -1) {
          i = sql.length;
          break;
        }
        // A doubled quote is the quote itself (not for [names]).
        if (close !== ']' && sql[j + 1] === close) {
          i = j + 2;
          continue;
        }
        i = j + 1;
        break;
      }
      tokens.push({ kind: c === "'" ? 'string' : 'name', text: sql.slice(at, i), start: at, end: i });
      at = i;
    } else if (/[A-Za-z_0-9$\u0080-\uffff]/.test(c)) {
      let i = at + 1;
      while (i < sql.length && /[A-Za-z_0-9$\u0080-\uffff]/.test(sql[i]!)) i++;
      tokens.push({ kind: 'word', text: sql.slice(at, i), start: at, end: i });
      at = i;
    } else {
      const kind = c === '(' ? 'open' : c === ')' ? 'close' : c === ',' ? 'comma' : 'other';
      tokens.push({ kind, text: c, start: at, end: at + 1 });
      at++;
    }
  }
  return tokens;
}

/** A name as SQLite reads it: quotes removed, doubled quotes made single. */
export function unquoteName(text: string): string {
  const first = text[0];
  if (first === '[') return text.slice(1, -1);
  if (first === '"' || first === '`' || first === "'")
    return text.slice(1, -1).replaceAll(`${first}${first}`, first);
  return text;
}

const isWord = (t: Token | undefined, word: string) => t?.kind === 'word' && t.text.toUpperCase() === word;

/** The index of the `)` that closes the `(` at `open`. */
function closeOf(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i]!.kind === 'open') depth++;
    else if (tokens[i]!.kind === 'close' && --depth === 0) return i;
  }
  return tokens.length - 1;
}

export interface CreateTableParts {
  readonly checks: readonly { readonly name: string | null; readonly expression: string }[];
  /** Generated column name → its expression. */
  readonly generated: ReadonlyMap<string, string>;
  readonly autoincrementColumn: string | null;
  readonly withoutRowid: boolean;
  readonly strict: boolean;
}

const tableConstraintWords = new Set(['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN']);

export function parseCreateTable(sql: string): CreateTableParts {
  const tokens = tokenize(sql);
  const open = tokens.findIndex((t) => t.kind === 'open');
  const checks: { name: string | null; expression: string }[] = [];
  const generated = new Map<string, string>();
  let autoincrementColumn: string | null = null;
  if (open === -1) return { checks, generated, autoincrementColumn, withoutRowid: false, strict: false };
  const close = closeOf(tokens, open);
  // Top-level items of the body: column definitions and table constraints.
  const items: Token[][] = [];
  let item: Token[] = [];
  let depth = 0;
  for (let i = open + 1; i < close; i++) {
    const t = tokens[i]!;
    if (t.kind === 'open') depth++;
    if (t.kind === 'close') depth--;
    if (t.kind === 'comma' && depth === 0) {
      items.push(item);
      item = [];
    } else item.push(t);
  }
  items.push(item);
  for (const parts of items) {
    const first = parts[0];
    if (first === undefined) continue;
    const column =
      tableConstraintWords.has(first.text.toUpperCase()) && first.kind === 'word'
        ? null
        : unquoteName(first.text);
    for (let i = 0; i < parts.length; i++) {
      const t = parts[i]!;
      const next = parts[i + 1];
      if (isWord(t, 'CHECK') && next?.kind === 'open') {
        const end = closeOf(parts, i + 1);
        const name = i >= 2 && isWord(parts[i - 2], 'CONSTRAINT') ? unquoteName(parts[i - 1]!.text) : null;
        checks.push({ name, expression: sql.slice(next.end, parts[end]!.start).trim() });
        i = end;
      } else if (column !== null && isWord(t, 'AS') && next?.kind === 'open') {
        const end = closeOf(parts, i + 1);
        generated.set(column, sql.slice(next.end, parts[end]!.start).trim());
        i = end;
      } else if (column !== null && isWord(t, 'AUTOINCREMENT')) {
        autoincrementColumn = column;
      }
    }
  }
  const options = tokens.slice(close + 1).map((t) => t.text.toUpperCase());
  return {
    checks,
    generated,
    autoincrementColumn,
    withoutRowid: options.includes('ROWID') && options.includes('WITHOUT'),
    strict: options.includes('STRICT'),
  };
}

/** The SELECT of a `CREATE VIEW … AS SELECT …` text: everything after the first top-level AS. */
export function viewSelect(sql: string): string {
  const tokens = tokenize(sql);
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === 'open') depth++;
    else if (t.kind === 'close') depth--;
    else if (depth === 0 && isWord(t, 'AS')) return sql.slice(t.end).trim();
  }
  return sql;
}
