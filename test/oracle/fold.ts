/**
 * The oracle's own text folding and word boundaries (nothing shared with `src/`): NFKD, combining
 * marks removed, lower case, trimmed, white space collapsed; a word character is a Unicode letter
 * or digit, so everything else (`_`, `.`, `@`, `%`, `-`, emoji…) is a boundary.
 */

const marks = /\p{M}/gu;
const whiteSpace = /\s+/gu;
const wordCharacter = /^[\p{L}\p{N}]$/u;
const letter = /\p{L}/u;

export function fold(text: string): string {
  return text.normalize('NFKD').replace(marks, '').toLowerCase().trim().replace(whiteSpace, ' ');
}

export function hasLetter(text: string): boolean {
  return letter.test(text);
}

const wordCache = new Map<number, boolean>();

export function isWordCodePoint(cp: number): boolean {
  // ASCII first: most characters of every fixture are, and the regex is the slow path.
  if (cp < 128) return (cp >= 48 && cp <= 57) || (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90);
  let known = wordCache.get(cp);
  if (known === undefined) {
    known = wordCharacter.test(String.fromCodePoint(cp));
    wordCache.set(cp, known);
  }
  return known;
}

/** The code point that ends just before index `i` (UTF-16 index), or undefined at the start. */
export function codePointBefore(text: string, i: number): number | undefined {
  if (i <= 0) return undefined;
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(i - 2);
  }
  return low;
}

/** True when index `i` is a word boundary on its left: the text's start or a non-word character. */
export function boundaryBefore(text: string, i: number): boolean {
  const cp = codePointBefore(text, i);
  return cp === undefined || !isWordCodePoint(cp);
}

/** True when index `i` is a word boundary on its right: the text's end or a non-word character. */
export function boundaryAt(text: string, i: number): boolean {
  if (i >= text.length) return true;
  return !isWordCodePoint(text.codePointAt(i) as number);
}

/** The end (UTF-16 index) of the run of word characters that starts at `i`. */
export function wordRunEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length) {
    const cp = text.codePointAt(j) as number;
    if (!isWordCodePoint(cp)) break;
    j += cp > 0xffff ? 2 : 1;
  }
  return j;
}

/** Length in code points, as "characters" are counted by the rules. */
export function characterCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
