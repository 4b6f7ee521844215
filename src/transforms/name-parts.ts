/**
 * Names taken apart into given names, initials, surname words and particles, so each word gets the
 * fake its own column gives it and the whole is put back in the same format and case: 'First Last',
 * 'First van der Last', 'LAST, First', 'Last, First M.', 'F. Last', 'Berg, Jan van der'.
 */
import { type NameKind, wordPattern } from '../core/name-dictionary.js';

/** Dutch tussenvoegsels ('t and 's count only after an apostrophe: "van 't Hek"). */
const dutchParticles = new Set(
  'van de der den het ten ter te op in aan bij onder over uit uijt voor t s'.split(' '),
);
/** Particles of other languages: like tussenvoegsels, they identify no one alone. */
const otherParticles = new Set(
  'von zu la le du da di dos das do del della degli dei y el al bin ibn abu'.split(' '),
);

const particles = new Set([...dutchParticles, ...otherParticles]);

/** A word that can be a name particle, in any case ('van', 'De', 'AL'). */
export function isParticle(word: string): boolean {
  return word.length <= 5 && particles.has(word.toLowerCase());
}

export function isDutchParticle(word: string): boolean {
  return dutchParticles.has(word.toLowerCase());
}

export type PartRole = 'first' | 'last' | 'particle' | 'initial';

export interface NamePart {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly role: PartRole;
  /** For a surname word: the particles that go with it ('van', 'der' for 'Berg' in 'van der Berg'). */
  readonly particles: readonly string[];
}

/** What is known about a word's role: from the source's names (`sourceRole`) or also the lists. */
export interface RoleSource {
  role(word: string): NameKind | null;
  sourceRole(word: string): NameKind | null;
}

interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Joined to the previous word by a hyphen alone ('Jan-Willem', 'Smit-Jansen'). */
  readonly hyphenated: boolean;
  /** Written right after an apostrophe ("'t"). */
  readonly afterApostrophe: boolean;
}

function wordsOf(value: string): Word[] {
  const words: Word[] = [];
  let previousEnd = -1;
  for (const match of value.matchAll(wordPattern)) {
    const start = match.index;
    const gap = previousEnd < 0 ? value.slice(0, start) : value.slice(previousEnd, start);
    words.push({
      text: match[0],
      start,
      end: start + match[0].length,
      hyphenated: previousEnd >= 0 && /^[-‐]$/.test(gap),
      afterApostrophe: /['’‘]$/.test(gap),
    });
    previousEnd = start + match[0].length;
  }
  return words;
}

/** 't and 's only as "'t", "'s"; a single 'y' only lower case (García y López). */
function particleWord(word: Word): boolean {
  const lower = word.text.toLowerCase();
  if (lower === 't' || lower === 's') return word.afterApostrophe;
  if (lower === 'y') return word.text === 'y';
  return isParticle(word.text);
}

const isInitial = (word: Word) => [...word.text].length === 1 && !particleWord(word);

function part(word: Word, role: PartRole, particles: readonly string[] = []): NamePart {
  return { text: word.text, start: word.start, end: word.end, role, particles };
}

/**
 * Surname words: particles followed by a name keep their place, each other word is a last name
 * that knows the particles before it (`extra` ones too, for the first: "Berg, Jan van der").
 */
function surname(words: readonly Word[], extra: readonly string[] = []): NamePart[] {
  // Particles alone ('van der') are no name: nothing to replace.
  if (words.every(particleWord)) return words.map((w) => part(w, 'particle'));
  const out: NamePart[] = [];
  let pending: string[] = [];
  let first = true;
  words.forEach((word, i) => {
    if (particleWord(word) && words.slice(i + 1).some((w) => !particleWord(w))) {
      out.push(part(word, 'particle'));
      pending.push(word.text);
      return;
    }
    out.push(part(word, 'last', first ? [...pending, ...extra] : pending));
    pending = [];
    first = false;
  });
  return out;
}

function given(words: readonly Word[]): NamePart[] {
  return words.map((w) => part(w, isInitial(w) ? 'initial' : 'first'));
}

/** A last-name value: 'Jansen', 'van der Berg', "van 't Hek", 'Smit-de Vries'. */
export function parseSurname(value: string): NamePart[] {
  return surname(wordsOf(value));
}

/** A first-name value: 'Anne Marie', 'Jan-Willem', 'J.P.'. */
export function parseGivenNames(value: string): NamePart[] {
  return given(wordsOf(value));
}

/** Groups of words joined by hyphens, as [first, end) index pairs. */
function unitsOf(words: readonly Word[]): [number, number][] {
  const units: [number, number][] = [];
  words.forEach((word, i) => {
    if (word.hyphenated && units.length > 0) units.at(-1)![1] = i + 1;
    else units.push([i, i + 1]);
  });
  return units;
}

/**
 * A full name taken apart. With a comma the surname comes first ('LAST, First', 'Last, First M.',
 * 'Berg, Jan van der'); without one, given names and initials come first, and the surname starts
 * at the first particle after them ('Jan van der Berg'), or is the last word together with the
 * words before it that are known only as last names ('Maria García López'). Two words the source
 * knows as last name then first name ('Yilmaz Fatima') are read in that order.
 */
export function parseFullName(value: string, roles: RoleSource): NamePart[] {
  const words = wordsOf(value);
  const comma = value.indexOf(',');
  const before = words.filter((w) => w.end <= comma);
  if (comma >= 0 && before.length > 0 && before.length < words.length) {
    const after = words.slice(before.length);
    let end = after.length;
    while (end > 1 && particleWord(after[end - 1]!)) end--;
    const trailing = after.slice(end);
    return [
      ...surname(
        before,
        trailing.map((w) => w.text),
      ),
      ...given(after.slice(0, end)),
      ...trailing.map((w) => part(w, 'particle')),
    ];
  }
  if (words.length === 0) return [];
  // 'de Vries', 'Van der Berg', 'van Dam': a Dutch surname alone; 'Al Pacino' is a first name.
  const lead = words[0]!;
  if (
    particleWord(lead) &&
    (lead.text === lead.text.toLowerCase() ||
      isDutchParticle(lead.text) ||
      (words[1] !== undefined && particleWord(words[1])))
  )
    return surname(words);
  const inner = words.findIndex(
    (w, i) => i > 0 && particleWord(w) && words.slice(i + 1).some((x) => !particleWord(x)),
  );
  if (inner > 0) return [...given(words.slice(0, inner)), ...surname(words.slice(inner))];
  if (words.every(isInitial)) return given(words);
  const units = unitsOf(words);
  const unitRole = (unit: [number, number], of: (w: string) => NameKind | null) => {
    const found = words.slice(...unit).map((w) => of(w.text));
    return found.includes('last') ? 'last' : found.includes('first') ? 'first' : null;
  };
  if (units.length === 1) {
    const role = unitRole(units[0]!, roles.role) === 'last' ? 'last' : 'first';
    return role === 'last' ? surname(words) : given(words);
  }
  if (
    units.length === 2 &&
    unitRole(units[0]!, roles.sourceRole) === 'last' &&
    unitRole(units[1]!, roles.sourceRole) === 'first'
  ) {
    const split = units[1]![0];
    return [...surname(words.slice(0, split)), ...given(words.slice(split))];
  }
  // The surname is the last unit that is no initial ('Jansen J.' is 'LAST F.').
  let last = units.length - 1;
  while (last > 0 && words.slice(...units[last]!).every(isInitial)) last--;
  let start = last;
  while (start > 1 && unitRole(units[start - 1]!, roles.role) === 'last') start--;
  const [from, to] = [units[start]![0], units[last]![1]];
  return [...given(words.slice(0, from)), ...surname(words.slice(from, to)), ...given(words.slice(to))];
}
