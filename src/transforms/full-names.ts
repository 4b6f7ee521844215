/**
 * Full names in running text, found without the source: two or more capitalized words, each a
 * known first or last name (in one of faker's locales or among the source's names), joined by
 * spaces, hyphens, initials or particles, with a given name among them ('Jan van der Berg', 'Will
 * Smith'), an initial before a name ('J. Jansen'), or 'LAST, First' ('YILMAZ, Fatima'). A lone word
 * that some locale lists as a name ('per', 'post', 'Art', 'Dallas') is no full name: ordinary
 * vocabulary is full of them.
 */
import { BoundedMemo } from '../core/bounded-memo.js';
import { nameRoles } from './fake-name.js';
import { isParticle, type RoleSource } from './name-parts.js';
import { type NameKind, wordPattern } from './names.js';
import type { RealValues } from './transform.js';

/** A word starting with a capital, or in a script without case (Arabic, Persian…). */
export function looksLikeName(word: string): boolean {
  const code = word.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90; // most words: no string made
  const first = String.fromCodePoint(word.codePointAt(0)!);
  return first !== first.toLowerCase() || first === first.toUpperCase();
}

/** A range of a text (UTF-16 offsets). */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

type WordKind = 'name' | 'particle' | 'initial';

/** A word that may be part of a full name; other words are not collected. */
interface TextWord {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly kind: WordKind;
  /** For a name word: its role as the source or the lists know it, null when unknown. */
  readonly role: NameKind | null;
}

/** Letters a run of name words may be joined by: a space, a hyphen, an initial's dot. */
function joins(text: string, a: TextWord, b: TextWord): boolean {
  const gap = text.slice(a.end, b.start);
  if (gap === ' ' || gap === '-' || gap === '‐') return true;
  if (a.kind === 'initial') return gap === '.' || gap === '. ';
  return b.kind === 'particle' && /^ ?['’]$/.test(gap); // "van 't Hek"
}

/**
 * Particles that start a surname in running text ('de Vries', 'van der Berg', 'Van Dam', 'da
 * Silva'). Dutch prepositions that are particles too ('brief van Jansen', 'aan Jansen', 'bij
 * Jansen', 'te Velde') are read as prepositions unless a given name comes first ('Jan van Dam').
 */
const surnameStarts = new Set(
  'de den der ter ten t het von da di dos das del della le la du el bin ibn abu'.split(' '),
);

function startsSurname(run: readonly TextWord[]): boolean {
  const word = run[0]!.text;
  const lower = word.toLowerCase();
  if (surnameStarts.has(lower)) return true;
  return lower === 'van' && (word === 'Van' || run[1]?.kind === 'particle');
}

interface NameRun {
  readonly words: readonly TextWord[];
  /** 'LAST, First': two runs joined by a comma. */
  readonly lastFirst: boolean;
}

/**
 * Runs of consecutive name words, with the particles and initials between and before them ('Jan
 * van der Berg', 'J. Jansen'), and 'LAST, First' when the part before the comma is in capitals or
 * the source knows it as a last name and the part after as a first name. Each ends in a name word.
 */
function nameRuns(text: string, words: readonly TextWord[], roles: RoleSource): NameRun[] {
  const runs: TextWord[][] = [];
  let run: TextWord[] = [];
  const close = () => {
    while (run.length > 0 && run.at(-1)!.kind !== 'name') run.pop();
    while (run.length > 0 && run[0]!.kind === 'particle' && !startsSurname(run)) run.shift();
    if (run.length > 0) runs.push(run);
    run = [];
  };
  words.forEach((word, i) => {
    // Words between two collected ones (any other word) make the gap fail to join.
    if (run.length > 0 && !joins(text, words[i - 1]!, word)) close();
    run.push(word);
  });
  close();
  const out: NameRun[] = [];
  for (const next of runs) {
    const previous = out.at(-1);
    if (
      previous !== undefined &&
      !previous.lastFirst &&
      /^, ?$/.test(text.slice(previous.words.at(-1)!.end, next[0]!.start)) &&
      !previous.words.some((w) => w.kind === 'initial')
    ) {
      const names = previous.words.filter((w) => w.kind === 'name');
      const capitals = names.every(
        (w) => w.text === w.text.toUpperCase() && w.text !== w.text.toLowerCase() && w.text.length > 1,
      );
      if (
        capitals ||
        (roles.sourceRole(names.at(-1)!.text) === 'last' && roles.sourceRole(next[0]!.text) === 'first')
      ) {
        out[out.length - 1] = { words: [...previous.words, ...next], lastFirst: true };
        continue;
      }
    }
    out.push({ words: next, lastFirst: false });
  }
  return out;
}

/**
 * A full name, not a word that happens to be a name somewhere: 'LAST, First', or two or more name
 * words with a given name among them, or an initial before a name ('J. Jansen').
 */
function isFullName(run: NameRun): boolean {
  if (run.lastFirst) return true;
  let names = 0;
  let given = false;
  let initial = false;
  for (const word of run.words) {
    if (word.kind === 'name') {
      names++;
      given ||= word.role === 'first';
    } else if (word.kind === 'initial') initial = true;
  }
  return (names >= 2 && given) || (initial && names >= 1);
}

/** Per source: word → its name role code (0 no name, 1 first, 2 last, 3 a real name of no role). */
const nameWordCaches = new WeakMap<RealValues, { memo: BoundedMemo<string, number>; roles: RoleSource }>();
const NAME_WORD_CACHE = 20_000;
const roleOfCode: readonly (NameKind | null)[] = [null, 'first', 'last', null];

/**
 * Whether a word is a name and in which role, remembered: the words of notes repeat ('Gebeld',
 * 'met', the common names), and asking the lists and the fingerprints costs a few microseconds
 * each time. Words of 13 characters or more are not kept, since V8 holds those as slices that
 * would keep the whole note.
 */
export function nameWords(real: RealValues): { code: (word: string) => number; roles: RoleSource } {
  let cache = nameWordCaches.get(real);
  if (cache === undefined) {
    cache = { memo: new BoundedMemo(NAME_WORD_CACHE), roles: nameRoles(real) };
    nameWordCaches.set(real, cache);
  }
  const { memo, roles } = cache;
  const compute = (word: string) => {
    const role = roles.role(word);
    if (role !== null) return role === 'first' ? 1 : 2;
    return real.isReal('name', word) ? 3 : 0;
  };
  return { roles, code: (word) => (word.length < 13 ? memo.get(word, () => compute(word)) : compute(word)) };
}

/** Particles that are far more often prepositions: a name holds them only after another particle. */
const prepositions = new Set('in op aan bij onder over uit uijt voor'.split(' '));

/** Some capital letter, or a letter of a script without case: else no word can start a name. */
const mayHoldName = /[\p{Lu}\p{Lt}\p{Lo}]/u;

/**
 * The full names of `text`, as ranges. Words that touch a range of `blocked` (an identifier, a
 * number) are no name; `hint` gives the role of a word the leak check traced to a name column.
 */
export function fullNameRuns(
  text: string,
  blocked: readonly TextRange[],
  hint: (start: number, end: number) => NameKind | null | undefined,
  real: RealValues,
): TextRange[] {
  if (!mayHoldName.test(text)) return [];
  const { code, roles } = nameWords(real);
  const words: TextWord[] = [];
  let b = 0;
  for (const match of text.matchAll(wordPattern)) {
    const word = match[0];
    const start = match.index;
    const end = start + word.length;
    while (b < blocked.length && blocked[b]!.end <= start) b++;
    if (b < blocked.length && blocked[b]!.start < end) continue;
    // 't and 's are particles only as "'t", "'s".
    const before = text[start - 1];
    if (isParticle(word) && (!/^[ts]$/i.test(word) || before === "'" || before === '’')) {
      // 'in', 'op', 'aan'… join a name only after another particle ('van in 't Veld'): 'BA in Art'.
      const previous = words.at(-1);
      if (
        !prepositions.has(word.toLowerCase()) ||
        (previous?.kind === 'particle' && text.slice(previous.end, start) === ' ')
      )
        words.push({ text: word, start, end, kind: 'particle', role: null });
      continue;
    }
    if (word.length === 1) {
      if (word !== word.toLowerCase() && text[end] === '.')
        words.push({ text: word, start, end, kind: 'initial', role: null });
      continue;
    }
    if (!looksLikeName(word)) continue;
    const role = hint(start, end);
    if (role !== undefined) {
      words.push({ text: word, start, end, kind: 'name', role: role ?? roleOfCode[code(word)]! });
      continue;
    }
    const found = code(word);
    if (found !== 0) words.push({ text: word, start, end, kind: 'name', role: roleOfCode[found]! });
  }
  return nameRuns(text, words, roles)
    .filter(isFullName)
    .map((run) => ({ start: run.words[0]!.start, end: run.words.at(-1)!.end }));
}
