/**
 * PostgreSQL COPY text format, the one row format inside Leakproof: rows end with `\n`, fields are
 * separated by tabs, NULL is `\N`, and backslash, newline, carriage return and tab inside a value are
 * escaped. A raw newline byte therefore always ends a row and a raw tab always ends a field.
 */

export const NULL_FIELD = '\\N';

const unescapeMap: Record<string, string> = {
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/** Decodes one field; `null` for `\N`. Octal and hex escapes (only seen on input) are decoded too. */
export function decodeField(field: string): string | null {
  if (field === NULL_FIELD) return null;
  if (!field.includes('\\')) return field;
  return field.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_, esc: string) => {
    if (esc[0] === 'x' && esc.length > 1) return String.fromCharCode(Number.parseInt(esc.slice(1), 16));
    if (/^[0-7]/.test(esc)) return String.fromCharCode(Number.parseInt(esc, 8));
    return unescapeMap[esc] ?? esc;
  });
}

const needsEscape = /[\\\n\r\t\b\f\v]/;
const escapeChars = /[\\\n\r\t\b\f\v]/g;
const escapeMap: Record<string, string> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
  '\v': '\\v',
};

/** Encodes one value as a COPY text field. */
export function encodeField(value: string | null): string {
  if (value === null) return NULL_FIELD;
  return needsEscape.test(value) ? value.replace(escapeChars, (c) => escapeMap[c]!) : value;
}

/** One row from a list of values (not including the newline). */
export function encodeRow(values: readonly (string | null)[]): string {
  return values.map(encodeField).join('\t');
}

const NEWLINE = 0x0a;

/** The rows in a chunk of whole lines: its newline bytes, counted without decoding it. */
export function countLines(chunk: Uint8Array): number {
  let n = 0;
  for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) n++;
  return n;
}

/**
 * Re-chunks a byte stream so that every chunk ends on a row boundary. Driver chunks (~64 kB) cut rows
 * anywhere; the remainder is carried into the next chunk. Splitting on the newline byte before any
 * UTF-8 decoding means a multi-byte character is never cut.
 */
export async function* wholeLines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  let carry: Buffer | null = null;
  for await (const raw of chunks) {
    const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    const last = chunk.lastIndexOf(NEWLINE);
    if (last === -1) {
      carry = carry ? Buffer.concat([carry, chunk]) : chunk;
      continue;
    }
    const head = chunk.subarray(0, last + 1);
    yield carry ? Buffer.concat([carry, head]) : head;
    carry = last + 1 < chunk.length ? chunk.subarray(last + 1) : null;
  }
  if (carry && carry.length > 0) {
    throw new Error('COPY data ended in the middle of a row');
  }
}

/** The rows of a stream of whole-line chunks, each decoded into its values (null for NULL). */
export async function* decodeRows(chunks: AsyncIterable<Buffer>): AsyncGenerator<(string | null)[]> {
  for await (const chunk of chunks) {
    const lines = chunk.toString('utf8').split('\n');
    lines.pop(); // a chunk ends with a newline
    for (const line of lines) yield line.split('\t').map(decodeField);
  }
}
