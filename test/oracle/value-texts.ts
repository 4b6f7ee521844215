/**
 * The texts one stored value stands for: a scalar is itself; an array is each element (nested
 * arrays flattened); JSON is every string and number leaf and every object key; bytea is its bytes
 * decoded as UTF-8 (invalid bytes become U+FFFD) and, separately, as Latin-1.
 *
 * JSON is walked by a small reader of its own rather than `JSON.parse`, so a number leaf is its
 * text as stored: `JSON.parse` would round a 16-digit number and change the digits rule b reads.
 */
import type { OracleColumn } from './oracle-database.js';

/** Every string (keys included, unescaped) and every number (as written) of a JSON text. */
export function jsonLeaves(json: string): string[] {
  const out: string[] = [];
  let i = 0;
  const space = () => {
    while (i < json.length && ' \t\n\r'.includes(json[i] as string)) i++;
  };
  const string = (): string => {
    const start = i;
    i++; // the opening quote
    while (json[i] !== '"') i += json[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(json.slice(start, i)) as string;
  };
  const value = (): void => {
    space();
    const c = json[i];
    if (c === '"') out.push(string());
    else if (c === '{' || c === '[') {
      i++;
      space();
      const close = c === '{' ? '}' : ']';
      while (json[i] !== close) {
        if (c === '{') {
          space();
          out.push(string());
          space();
          i++; // the colon
        }
        value();
        space();
        if (json[i] === ',') i++;
        space();
      }
      i++;
    } else {
      const start = i;
      while (i < json.length && !',]} \t\n\r'.includes(json[i] as string)) i++;
      const word = json.slice(start, i);
      if (word !== 'true' && word !== 'false' && word !== 'null') out.push(word);
    }
  };
  value();
  return out;
}

function bytesTexts(bytes: Buffer, into: string[]): void {
  into.push(bytes.toString('utf8'), bytes.toString('latin1'));
}

function hexBytes(text: string): Buffer {
  return Buffer.from(text.startsWith('\\x') ? text.slice(2) : text, 'hex');
}

/**
 * Each element of an array read as `to_json(column)`: its JSON leaves are the elements (nested
 * arrays flattened, nulls left out), or for an array of JSON the elements' own leaves and keys; an
 * array of bytea holds `\\x…` hex strings, decoded.
 */
function elementTexts(arrayJson: string, column: OracleColumn, into: string[]): void {
  for (const leaf of jsonLeaves(arrayJson))
    if (column.kind === 'bytea') bytesTexts(hexBytes(leaf), into);
    else into.push(leaf);
}

/** The source side's texts of one value of a text-like column (not folded). */
export function valueTexts(raw: string | Buffer | null, column: OracleColumn): string[] {
  if (raw === null) return [];
  const out: string[] = [];
  if (Buffer.isBuffer(raw)) bytesTexts(raw, out);
  else if (column.isArray) elementTexts(raw, column, out);
  else if (column.kind === 'json') out.push(...jsonLeaves(raw));
  else out.push(raw);
  return out;
}

/**
 * The target side's texts of one value of any column: the value cast to text (bytea decoded
 * instead, its hex text means nothing; an array as its elements), and for JSON also its leaves and
 * keys.
 */
export function targetTexts(raw: string | Buffer | null, column: OracleColumn): string[] {
  if (raw === null) return [];
  if (Buffer.isBuffer(raw) || column.isArray) return valueTexts(raw, column);
  if (column.kind === 'json') return [raw, ...jsonLeaves(raw)];
  return [raw];
}
