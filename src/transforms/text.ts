/**
 * Small string helpers shared by the transforms. PostgreSQL counts `varchar(n)` in characters (code
 * points), not UTF-16 units, so lengths here are counted the same way.
 */

/** Length in code points, as `varchar(n)` counts. */
export function charLength(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++; // a high surrogate's pair is counted at its low half
  }
  return n;
}

/** Cuts to at most `maxLength` code points (never splitting a pair); null means no limit. */
export function fitLength(value: string, maxLength: number | null): string {
  if (maxLength === null || value.length <= maxLength) return value;
  if (charLength(value) <= maxLength) return value;
  let out = '';
  let n = 0;
  for (const ch of value) {
    if (n++ === maxLength) break;
    out += ch;
  }
  return out;
}

/** ASCII letters only, accents folded ('Müller' → 'muller'), for e-mail local parts. */
export function asciiSlug(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** Gives `replacement` the case pattern of `original`: ALL CAPS and all lower case carry over. */
export function matchCase(original: string, replacement: string): string {
  const upper = original.toUpperCase();
  const lower = original.toLowerCase();
  if (upper === lower) return replacement; // no cased letters (digits, Arabic script…)
  if (original === upper && charLength(original) > 1) return replacement.toUpperCase();
  if (original === lower) return replacement.toLowerCase();
  return replacement;
}

/**
 * A list sorted by length, so a pick can be limited to entries that fit a column without filtering
 * per value: entries of at most n characters are exactly the first `upTo(n)` ones.
 */
export class LengthIndexedList {
  readonly items: readonly string[];
  readonly #countUpTo: number[];

  constructor(items: Iterable<string>) {
    const unique = [...new Set(items)].filter((s) => s.length > 0);
    // Stable sort on a pre-sorted list keeps the order independent of the input's order.
    unique.sort((a, b) => charLength(a) - charLength(b) || (a < b ? -1 : a > b ? 1 : 0));
    this.items = unique;
    const longest = unique.length === 0 ? 0 : charLength(unique[unique.length - 1]!);
    this.#countUpTo = new Array<number>(longest + 1).fill(0);
    for (const item of unique) this.#countUpTo[charLength(item)]!++;
    for (let n = 1; n <= longest; n++) this.#countUpTo[n]! += this.#countUpTo[n - 1]!;
  }

  /** How many entries have at most `maxLength` characters (all when null). */
  upTo(maxLength: number | null): number {
    if (maxLength === null || maxLength >= this.#countUpTo.length) return this.items.length;
    return maxLength < 0 ? 0 : this.#countUpTo[maxLength]!;
  }
}
