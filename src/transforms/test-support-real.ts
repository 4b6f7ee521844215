/**
 * Test support (not used by the product): `RealValues` over values a test names. `RealSet` looks
 * whole values up in every spelling the fingerprints know (`valueForms`: case, separators, E.164);
 * `RealText` also reports the spans of a text the leak check would find (`realSpans`).
 */

import { valueForms } from '../core/normalize.js';
import { LeakproofError } from '../errors.js';
import { nameDictionary } from './names.js';
import type { RealSpan, RealValueKind, RealValues } from './transform.js';

export class RealSet implements RealValues {
  readonly #forms = new Set<string>();
  /** Questions asked, to pin how often a transform asks. */
  calls = 0;

  constructor(values: Iterable<string> = []) {
    for (const value of values) this.add(value);
  }

  add(value: string): this {
    for (const form of valueForms(value)) this.#forms.add(form);
    return this;
  }

  isReal(_kind: RealValueKind, value: string): boolean {
    this.calls++;
    return valueForms(value).some((form) => this.#forms.has(form));
  }
}

/** Every value is real: a transform that asks must give up. */
export const everythingReal: RealValues = { isReal: () => true };

/** The error `run` throws; fails the test when it throws none or not a LeakproofError. */
export function thrownBy(run: () => unknown): LeakproofError {
  try {
    run();
  } catch (error) {
    if (error instanceof LeakproofError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

type NameRole = 'first' | 'last';

/** Folded as the check folds: accents removed, lower case. */
const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

interface Token {
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

/** Runs of letters and digits: `_`, `.`, `-`, `@` and spaces are boundaries. */
function tokensOf(text: string): Token[] {
  return [...text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)].map((m) => ({
    key: fold(m[0]),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** The same tokens split further at letter–digit and lower→upper steps (`paspoortJansen43`). */
function finerTokensOf(text: string): Token[] {
  return tokensOf(text).flatMap((token) => {
    const pieces: Token[] = [];
    const raw = text.slice(token.start, token.end);
    let at = token.start;
    for (const piece of raw.split(/(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})|(?<=\p{Ll})(?=\p{Lu})/u)) {
      pieces.push({ key: fold(piece), start: at, end: at + piece.length });
      at += piece.length;
    }
    return pieces;
  });
}

/** Digit groups joined by one to three separators, with an optional leading `+`. */
const digitRun = /\+?\d+(?:[ \t./()-]{1,3}\d+)*/g;
/** Runs of more than 9 digits are known by their last 9, so `+31 6…` meets `06…`. */
const digitKey = (digits: string) => (digits.length > 9 ? digits.slice(-9) : digits);
const particles = new Set(
  'van de der den het ten ter te von zu la le du da di dos das del al bin ibn'.split(' '),
);

interface Sequence {
  readonly keys: readonly string[];
  readonly role: NameRole | null;
}

/**
 * Test support: a `RealValues` that reports spans as the leak check matches them, over values and
 * people a test names. Digit runs of at least 7 digits, keyed by their last 9; values of at least
 * 5 characters as token sequences (case and accents folded, at any character that is not a letter
 * or digit, and again at letter–digit and camelCase steps); a single word the name lists know
 * only as part of a person's first + last pair found in the same text.
 * Example: `new RealText().person('Jan', 'Kavolu').value('06-01234567')`.
 */
export class RealText implements RealValues {
  readonly #forms = new Set<string>();
  readonly #digits = new Set<string>();
  readonly #sequences = new Map<string, Sequence[]>();
  readonly #roles = new Map<string, NameRole>();
  readonly #people: { readonly first: readonly string[]; readonly last: readonly string[] }[] = [];
  /** `realSpans` calls, to pin how often the scrubber asks. */
  spanCalls = 0;

  /** A value few people hold; `role` when it came from a name column. */
  value(value: string, role: NameRole | null = null): this {
    for (const form of valueForms(value)) this.#forms.add(form);
    for (const run of value.matchAll(digitRun)) {
      const digits = run[0].replace(/\D/g, '');
      if (digits.length >= 7) this.#digits.add(digitKey(digits));
    }
    const keys = tokensOf(value).map((t) => t.key);
    const digitsOnly = /^[\d\s.\-()/+]*$/.test(value);
    // A single listed name identifies nobody alone: it counts only in a person's pair.
    const listed = keys.length === 1 && nameDictionary.has(keys[0]!);
    if (value.length >= 5 && !digitsOnly && keys.length > 0 && !listed) {
      const list = this.#sequences.get(keys[0]!) ?? [];
      list.push({ keys, role });
      this.#sequences.set(keys[0]!, list);
    }
    return this;
  }

  /** A person of the source: the words of each name part, their pair, each part as a value. */
  person(first: string, last: string): this {
    const words = (name: string) =>
      tokensOf(name)
        .map((t) => t.key)
        .filter((k) => !particles.has(k));
    const person = { first: words(first), last: words(last) };
    for (const word of person.last) this.#roles.set(word, 'last');
    // A word that is both counts as a first name, as in the name lists.
    for (const word of person.first) this.#roles.set(word, 'first');
    this.#people.push(person);
    return this.value(first, 'first').value(last, 'last');
  }

  isReal(kind: RealValueKind, value: string): boolean {
    if (kind === 'name') return tokensOf(value).some((t) => this.#roles.has(t.key));
    if (valueForms(value).some((form) => this.#forms.has(form))) return true;
    return [...value.matchAll(digitRun)].some((run) => {
      const digits = run[0].replace(/\D/g, '');
      return digits.length >= 7 && this.#digits.has(digitKey(digits));
    });
  }

  nameRole(word: string): NameRole | null {
    return this.#roles.get(fold(word)) ?? null;
  }

  realSpans(text: string): RealSpan[] {
    this.spanCalls++;
    const found: RealSpan[] = [];
    for (const run of text.matchAll(digitRun)) {
      const digits = run[0].replace(/\D/g, '');
      if (digits.length >= 7 && this.#digits.has(digitKey(digits)))
        found.push({ start: run.index, end: run.index + run[0].length, kind: 'digits', role: null });
    }
    for (const tokens of [tokensOf(text), finerTokensOf(text)]) {
      tokens.forEach((token, i) => {
        for (const sequence of this.#sequences.get(token.key) ?? []) {
          const last = tokens[i + sequence.keys.length - 1];
          if (last === undefined || !sequence.keys.every((key, j) => tokens[i + j]!.key === key)) continue;
          found.push({ start: token.start, end: last.end, kind: 'value', role: sequence.role });
        }
      });
      for (const person of this.#people) {
        const has = (words: readonly string[]) => tokens.some((t) => words.includes(t.key));
        if (!has(person.first) || !has(person.last)) continue;
        for (const token of tokens) {
          const role = person.first.includes(token.key)
            ? 'first'
            : person.last.includes(token.key)
              ? 'last'
              : null;
          if (role !== null) found.push({ start: token.start, end: token.end, kind: 'name', role });
        }
      }
    }
    // In text order, the longer first where two start together; no overlaps.
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    const spans: RealSpan[] = [];
    for (const span of found) if (span.start >= (spans.at(-1)?.end ?? 0)) spans.push(span);
    return spans;
  }
}
