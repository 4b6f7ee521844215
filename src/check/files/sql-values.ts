/**
 * The rows of an `INSERT … VALUES (…), (…);` statement as a dump writes it (pg_dump `--inserts`,
 * mysqldump's extended inserts), read incrementally: a statement may span many lines (a string
 * with newlines, one row per line) or be one line of megabytes. Only literals are decoded; an
 * expression (a function call, `ROW(…)`) is passed on as written, so its text is still scanned.
 */

export type SqlDialect = 'postgres' | 'mysql';

/** A value of a tuple: a decoded string, the text of anything else, or null for NULL. */
export type SqlValue = string | null;

const mysqlEscapes: Record<string, string> = {
  '0': '\0',
  b: '\b',
  n: '\n',
  r: '\r',
  t: '\t',
  Z: '\x1a',
  '%': '\\%',
  _: '\\_',
};
const postgresEscapes: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** What a field's text before its string says about the string: `E'…'` escapes, `X'…'` is hex. */
function stringPrefix(before: string, dialect: SqlDialect): 'plain' | 'escaped' | 'hex' | null {
  const p = before.trim();
  if (p === '' || p === 'N' || p === 'n' || /^_\w+$/.test(p))
    return dialect === 'mysql' ? 'escaped' : 'plain';
  if (p === 'E' || p === 'e') return 'escaped';
  if (p === 'X' || p === 'x') return 'hex';
  return null;
}

export class SqlValuesReader {
  readonly #dialect: SqlDialect;
  readonly #onTuple: (values: SqlValue[]) => void;
  /** 0: between tuples; 1: in a tuple; more: inside parentheses or brackets within a value. */
  #depth = 0;
  #values: SqlValue[] = [];
  /** The field as written (outside strings and with them), for values that are not one literal. */
  #raw = '';
  /** The field's one string literal, decoded; null when it has none (or more than a literal). */
  #literal: string | null = null;
  #literalKind: 'plain' | 'escaped' | 'hex' = 'plain';
  #afterLiteral = '';
  /** Inside a string: how it escapes; the string so far. */
  #string: 'plain' | 'escaped' | null = null;
  #stringText = '';
  #stringIsLiteral = false;
  /** A quote closed the string, unless the next character is a quote too (`''`). */
  #quotePending = false;
  #escapePending = false;
  #ended = false;

  constructor(dialect: SqlDialect, onTuple: (values: SqlValue[]) => void) {
    this.#dialect = dialect;
    this.#onTuple = onTuple;
  }

  /** Whether the statement's closing `;` has been read. */
  get ended(): boolean {
    return this.#ended;
  }

  /** Reads more of the statement (a line with its newline); returns `ended`. */
  feed(text: string): boolean {
    let i = 0;
    while (i < text.length && !this.#ended) {
      if (this.#string !== null) {
        i = this.#readString(text, i);
        continue;
      }
      const c = text[i]!;
      i++;
      if (this.#depth === 0) {
        if (c === '(') this.#startTuple();
        else if (c === ';') this.#ended = true;
        else if (c === "'") this.#startString(text, i - 1, false);
        continue;
      }
      if (c === "'") {
        this.#startString(text, i - 1, true);
        continue;
      }
      if (this.#depth === 1 && c === ',') {
        this.#endField();
        continue;
      }
      if (this.#depth === 1 && c === ')') {
        this.#endField();
        this.#depth = 0;
        const values = this.#values;
        this.#values = [];
        this.#onTuple(values);
        continue;
      }
      if (c === '(' || c === '[') this.#depth++;
      else if ((c === ')' || c === ']') && this.#depth > 1) this.#depth--;
      this.#append(c);
    }
    return this.#ended;
  }

  #startTuple(): void {
    this.#depth = 1;
    this.#values = [];
    this.#resetField();
  }

  #resetField(): void {
    this.#raw = '';
    this.#literal = null;
    this.#afterLiteral = '';
  }

  #append(c: string): void {
    this.#raw += c;
    if (this.#literal !== null) this.#afterLiteral += c;
  }

  #startString(text: string, at: number, inTuple: boolean): void {
    const kind =
      inTuple && this.#depth === 1 && this.#literal === null ? stringPrefix(this.#raw, this.#dialect) : null;
    this.#stringIsLiteral = kind !== null;
    if (kind !== null) this.#literalKind = kind;
    const escapes =
      kind === 'escaped' || (kind === null && this.#dialect === 'mysql') || this.#rawEndsWithE();
    this.#string = escapes ? 'escaped' : 'plain';
    this.#stringText = '';
    if (inTuple) this.#raw += text[at];
  }

  #rawEndsWithE(): boolean {
    const last = this.#raw[this.#raw.length - 1];
    return this.#dialect === 'postgres' && (last === 'E' || last === 'e');
  }

  /** Reads string characters from `i`; returns where reading stopped. */
  #readString(text: string, i: number): number {
    const inTuple = this.#depth > 0;
    while (i < text.length) {
      const c = text[i]!;
      if (this.#quotePending) {
        this.#quotePending = false;
        if (c === "'") {
          this.#stringText += "'";
          if (inTuple) this.#raw += "''";
          i++;
          continue;
        }
        this.#endString();
        return i;
      }
      if (this.#escapePending) {
        this.#escapePending = false;
        const table = this.#dialect === 'mysql' ? mysqlEscapes : postgresEscapes;
        this.#stringText += table[c] ?? c;
        if (inTuple) this.#raw += `\\${c}`;
        i++;
        continue;
      }
      if (c === "'") this.#quotePending = true;
      else if (c === '\\' && this.#string === 'escaped') this.#escapePending = true;
      else {
        // Runs of ordinary characters at once: most of a dump is inside strings.
        let end = i + 1;
        while (end < text.length) {
          const d = text.charCodeAt(end);
          if (d === 0x27 || d === 0x5c) break;
          end++;
        }
        const run = text.slice(i, end);
        this.#stringText += run;
        if (inTuple) this.#raw += run;
        i = end;
        continue;
      }
      i++;
    }
    return i;
  }

  #endString(): void {
    const inTuple = this.#depth > 0;
    this.#string = null;
    if (inTuple) this.#raw += "'";
    if (this.#stringIsLiteral) {
      this.#literal = this.#stringText;
      this.#afterLiteral = '';
    } else if (inTuple && this.#depth === 1) this.#literal = null;
    this.#stringText = '';
  }

  #endField(): void {
    const after = this.#afterLiteral.trim();
    let value: SqlValue;
    // A literal with a cast (`'{…}'::jsonb`) or a collation is its literal; anything more is an expression.
    if (this.#literal !== null && (after === '' || after.startsWith('::') || /^COLLATE\b/i.test(after)))
      value = this.#literalKind === 'hex' ? `\\x${this.#literal}` : this.#literal;
    else {
      const raw = this.#raw.trim();
      if (/^null$/i.test(raw)) value = null;
      else if (/^0x[0-9a-f]*$/i.test(raw)) value = `\\x${raw.slice(2)}`;
      else value = raw;
    }
    this.#values.push(value);
    this.#resetField();
  }
}
