/**
 * The pieces of text a stored value holds, as the leak check reads them: every element of an
 * array, every string (and number) anywhere inside JSON, the text of a bytea that holds text. A
 * leak hides wherever a value can; a check that only reads top-level strings misses it.
 */
import { type ArrayNode, parseArray } from '../../adapters/pg-array.js';
import type { TypeCategory } from '../../schema/model.js';

export interface ValueShape {
  readonly category: TypeCategory;
  readonly isArray: boolean;
}

/** Types whose values are free text worth searching inside (not only as a whole). */
export function holdsFreeText(category: TypeCategory): boolean {
  return category === 'text' || category === 'json' || category === 'bytea' || category === 'other';
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The text of a bytea (`\x…` hex form) when it is valid UTF-8 with few control characters; else null. */
export function byteaText(hex: string): string | null {
  if (!hex.startsWith('\\x')) return null;
  const bytes = Buffer.from(hex.slice(2), 'hex');
  if (bytes.length === 0) return null;
  let text: string;
  try {
    text = fatalUtf8.decode(bytes);
  } catch {
    return null;
  }
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) control++;
  }
  return control * 20 > text.length ? null : text;
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
    } else if (typeof node === 'number') {
      if (!keys) texts.push(String(node));
    } else if (Array.isArray(node)) for (const item of node) stack.push(item);
    else if (node !== null && typeof node === 'object') {
      for (const [key, item] of Object.entries(node)) {
        if (keys) texts.push(key);
        stack.push(item);
      }
    }
  }
  return texts;
}

function scalarTexts(value: string, category: TypeCategory): string[] {
  if (category === 'json') return jsonTexts(value) ?? [value];
  if (category === 'bytea') {
    const text = byteaText(value);
    return text === null ? [] : [text];
  }
  return [value];
}

/** The texts held by one value of a column of this shape. Example: `textsIn('{a,b}', textArray)` → `['a','b']`. */
export function textsIn(value: string, shape: ValueShape): string[] {
  if (!shape.isArray) return scalarTexts(value, shape.category);
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
    else for (const text of scalarTexts(node, shape.category)) texts.push(text);
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
