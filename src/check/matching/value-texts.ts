/**
 * The pieces of text a stored value holds, as the leak check reads them: every element of an
 * array, every string (and number) anywhere inside JSON, the text inside a bytea. A
 * leak hides wherever a value can; a check that only reads top-level strings misses it.
 */
import { type ArrayNode, parseArray } from '../../adapters/pg-array.js';
import type { TypeCategory } from '../../schema/model.js';
import { type BinaryTexts, binaryTexts, utf8Text } from './binary-texts.js';
import { encodedTexts } from './encoded-texts.js';

export interface ValueShape {
  readonly category: TypeCategory;
  readonly isArray: boolean;
}

/** Types whose values are free text worth searching inside (not only as a whole). */
export function holdsFreeText(category: TypeCategory): boolean {
  return category === 'text' || category === 'json' || category === 'bytea' || category === 'other';
}

/** The bytes of a bytea in PostgreSQL's hex form (`\x…`); null for anything else. */
function byteaBytes(hex: string): Buffer | null {
  return hex.startsWith('\\x') ? Buffer.from(hex.slice(2), 'hex') : null;
}

/** The text of a bytea (`\x…` hex form) when it is valid UTF-8 with few control characters; else null. */
export function byteaText(hex: string): string | null {
  const bytes = byteaBytes(hex);
  return bytes === null ? null : utf8Text(bytes);
}

// The check asks `byteaReadable` and then `textsIn` of the same value: read it once.
let lastBytea: { hex: string; read: BinaryTexts } | undefined;

/**
 * What the check reads in one bytea (`\x…`): its texts (the whole text when it is text; else
 * printable runs, PDF text, what compressed containers hold) and whether that is all it holds.
 */
export function readBytea(hex: string): BinaryTexts {
  if (lastBytea?.hex === hex) return lastBytea.read;
  const bytes = byteaBytes(hex);
  const read = bytes === null ? { texts: [], readable: false } : binaryTexts(bytes);
  lastBytea = { hex, read };
  return read;
}

/**
 * Whether the check can read all a bytea value (or each element of a bytea array) holds; false
 * for compressed or encrypted data it cannot unpack and for opaque binary (see `binary-texts.ts`).
 * Example: `byteaReadable('\\x4a616e')` → true.
 */
export function byteaReadable(value: string): boolean {
  if (!value.startsWith('{') && !value.startsWith('[')) return readBytea(value).readable;
  let items: ArrayNode[];
  try {
    items = parseArray(value).items;
  } catch {
    return false;
  }
  const stack = [...items];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (Array.isArray(node)) for (const item of node) stack.push(item);
    else if (node !== null && !readBytea(node).readable) return false;
  }
  return true;
}

/**
 * Every string and number inside a JSON document (with `keys`: every object key instead), without
 * recursion (deep JSON must not overflow).
 */
export function jsonTexts(json: string, keys = false): string[] | null {
  let root: unknown;
  try {
    root = JSON.parse(json);
  } catch {
    return null;
  }
  const texts: string[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === 'string') {
      if (!keys) texts.push(node);
    } else if (Array.isArray(node)) for (const item of node) stack.push(item);
    else if (node !== null && typeof node === 'object') {
      for (const [key, item] of Object.entries(node)) {
        if (keys) texts.push(key);
        stack.push(item);
      }
    }
  }
  if (!keys) for (const number of jsonNumberLiterals(json)) texts.push(number);
  return texts;
}

/** Strings (skipped) or number literals of a JSON text. */
const jsonStringOrNumber = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/**
 * The numbers of a JSON document as written: parsed, `12345678901234567890` loses its last digits
 * (a digit run no longer meets the source's) and `1e400` becomes `Infinity` (a word).
 */
function jsonNumberLiterals(json: string): string[] {
  const numbers: string[] = [];
  for (const m of json.matchAll(jsonStringOrNumber)) if (m[0].charCodeAt(0) !== 0x22) numbers.push(m[0]);
  return numbers;
}

function scalarTexts(value: string, category: TypeCategory, source: boolean): string[] {
  if (category === 'json') return jsonTexts(value) ?? [value];
  if (category === 'bytea') {
    const read = readBytea(value);
    // What the source holds is fingerprinted: chance runs of random bytes are no one's data.
    if (source && read.random === true) return [];
    return [...read.texts]; // a copy: the read is shared
  }
  return [value];
}

/**
 * The texts held by one value of a column of this shape. `source`: read to be fingerprinted, where a
 * random-looking bytea holds none. Example: `textsIn('{a,b}', textArray)` → `['a','b']`.
 */
export function textsIn(value: string, shape: ValueShape, source = false): string[] {
  if (!shape.isArray) return scalarTexts(value, shape.category, source);
  let items: ArrayNode[];
  try {
    items = parseArray(value).items;
  } catch {
    return [value];
  }
  const texts: string[] = [];
  const stack: ArrayNode[] = [];
  for (const item of items) stack.push(item);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === null) continue;
    // Loops, not spreads: a spread of 500,000 elements overflows the call stack.
    if (Array.isArray(node)) for (const item of node) stack.push(item);
    else for (const text of scalarTexts(node, shape.category, source)) texts.push(text);
  }
  return texts;
}

/**
 * The object keys inside a JSON value (or an array of them): an address book keyed by e-mail
 * address is as personal as its values. Keys are read for identifiers, not for names: 'name' and
 * 'note' are keys, not people.
 */
export function jsonKeysIn(value: string, shape: ValueShape): string[] {
  if (shape.category !== 'json') return [];
  const documents = shape.isArray ? textsIn(value, { category: 'text', isArray: true }) : [value];
  return documents.flatMap((doc) => jsonTexts(doc, true) ?? []);
}

/**
 * Everything the check reads in one value: its texts and what their percent or base64 encoding
 * hides. Example: `checkedTexts('Jan%20Jansen', text)` → `['Jan%20Jansen', 'Jan Jansen']`.
 */
export function checkedTexts(value: string, shape: ValueShape): string[] {
  const texts = textsIn(value, shape);
  // One loop over a growing list, so no spread.
  for (let t = 0, n = texts.length; t < n; t++)
    for (const decoded of encodedTexts(texts[t]!)) texts.push(decoded);
  return texts;
}

/** `checkedTexts` as one text, a line each: what a question about a whole row must see of a value. */
export function checkedText(value: string, shape: ValueShape): string {
  const texts = checkedTexts(value, shape);
  return texts.length === 1 ? texts[0]! : texts.join('\n');
}
