/**
 * Fake first, last and full names that are no real person's name: the firstName, lastName and
 * fullName transforms, and the names `scrub` and `json` put into text, all come from here.
 *
 * A name is faked word by word, each word from the list its real word is in (`name-origins.ts`:
 * a Turkish name gets a Turkish fake, a woman's name a woman's), keyed by the word alone in any
 * case. So 'Fatima' gets one fake as a first name, inside 'YILMAZ, Fatima' and in a note, and a
 * whole name keeps its shape: particles ('van der'), initials, commas, hyphens and case stay.
 *
 * A fake drawn from the name lists may well be a real name in the source (a Dutch database holds
 * most Dutch names), and is then drawn again. When the column is so short, or the real names so
 * many, that the lists keep giving real ones, keyed pronounceable names ('Kavolu') take over:
 * names outside every list, checked against the real ones too.
 */

import { BoundedMemo } from '../core/bounded-memo.js';
import type { Keyed } from '../core/keyed.js';
import { PairCache } from '../core/pair-cache.js';
import { attemptInput, everyDrawReal, maxAttempts } from './draw-again.js';
import type { NameHint } from './name-links.js';
import {
  drawName,
  dutchCores,
  fitsScript,
  mixFor,
  type NameGroup,
  originOf,
  pickFrom,
} from './name-origins.js';
import {
  isDutchParticle,
  type NamePart,
  parseFullName,
  parseGivenNames,
  parseSurname,
  type RoleSource,
} from './name-parts.js';
import { type NameKind, nameDictionary, nameKey } from './names.js';
import { charLength, fitLength, LengthIndexedList, matchCase } from './text.js';
import { noRealValues, type RealValues } from './transform.js';

/** Draws from the name lists before syllable names take over (the rest of `maxAttempts`). */
export const listAttempts = 16;

const domains: Record<NameKind, string> = { first: 'firstName', last: 'lastName' };
const defaults: Record<NameKind, string> = { first: 'Sam', last: 'Bos' };

const consonants = 'bdfghjklmnprstvz';
const vowels = 'aeiou';

/**
 * A keyed pronounceable name of 4 to 7 letters (fewer when `maxLength` says so) from 9 bytes of
 * `digest` at `offset`, capitalized; null when it happens to be a name in faker's lists.
 */
export function syllableName(digest: string, offset: number, maxLength: number | null): string | null {
  const wanted = 4 + (digest.charCodeAt(offset) % 4);
  const length = Math.max(1, maxLength === null ? wanted : Math.min(wanted, maxLength));
  let vowel = digest.charCodeAt(offset + 1) % 3 === 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    const byte = digest.charCodeAt(offset + 2 + i);
    out += vowel ? vowels[byte % vowels.length] : consonants[byte % consonants.length];
    vowel = !vowel;
  }
  if (nameDictionary.has(out)) return null;
  return out.slice(0, 1).toUpperCase() + out.slice(1);
}

/**
 * Whether the word after `particles` is a Dutch surname's ('de Vries', "van 't Hek"): all particles
 * Dutch, and for a lone 'de' the word not known from another language's list ('de Souza').
 */
function dutchSurname(word: string, particles: readonly string[]): boolean {
  if (particles.length === 0 || !particles.every(isDutchParticle)) return false;
  if (particles.length > 1 || particles[0]!.toLowerCase() !== 'de') return true;
  const origin = originOf('last', word);
  return origin === null || origin.locale === 'nl' || origin.locale === 'nl_BE';
}

/**
 * Where one word's fake comes from: Dutch surname cores after Dutch particles, else a link's locale
 * in the word's script, else the word's own list.
 */
function groupFor(
  kind: NameKind,
  word: string,
  hint: NameHint | undefined,
  particles: readonly string[],
): NameGroup | LengthIndexedList {
  if (kind === 'last' && dutchSurname(word, particles)) return dutchCores(particles);
  const origin = originOf(kind, word);
  const gender = hint?.gender ?? origin?.gender ?? null;
  const linked = hint?.locales?.find((locale) => fitsScript(kind, locale, word));
  if (linked !== undefined) return { locales: [linked], gender };
  return { locales: origin === null ? mixFor(kind, word) : [origin.locale], gender };
}

/** Fakes remembered per key and set of real values; cleared when full, so memory stays bounded. */
const maxRemembered = 20_000;
/** The fakes of words seen before under this key and these real values: names repeat. */
const remembered = new PairCache<Keyed, RealValues, BoundedMemo<string, string>>(
  () => new BoundedMemo(maxRemembered),
);

// NUL is in no PostgreSQL text, so it cannot join two values into one key.
const hintKey = (hint: NameHint | undefined) =>
  hint === undefined ? '' : `${hint.locales?.join(' ') ?? ''}\0${hint.gender ?? ''}`;

/**
 * The fake for one name word, cased like it, at most `maxLength` characters, never the word
 * itself nor a real name. `particles` are the ones written before a surname word.
 */
function fakeWord(
  keyed: Keyed,
  kind: NameKind,
  word: string,
  maxLength: number | null,
  real: RealValues,
  hint: NameHint | undefined,
  particles: readonly string[] = [],
): string {
  const seen = `${kind}\0${word}\0${maxLength}\0${particles.join(' ').toLowerCase()}\0${hintKey(hint)}`;
  return remembered
    .get(keyed, real)
    .get(seen, () => drawWord(keyed, kind, word, maxLength, real, hint, particles));
}

function drawWord(
  keyed: Keyed,
  kind: NameKind,
  word: string,
  maxLength: number | null,
  real: RealValues,
  hint: NameHint | undefined,
  particles: readonly string[],
): string {
  const key = nameKey(word);
  const group = groupFor(kind, word, hint, particles);
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const digest = keyed.digestLatin1(domains[kind], attemptInput(key, attempt));
    const name =
      attempt < listAttempts
        ? ((group instanceof LengthIndexedList
            ? pickFrom(group, digest, 0, maxLength, key)
            : drawName(kind, group, digest, maxLength, key)) ?? defaults[kind])
        : syllableName(digest, 0, maxLength);
    if (name === null) continue;
    const out = fitLength(matchCase(word, name), maxLength);
    if (nameKey(out) === key) continue; // a cut default may be the input
    if (!real.isReal('name', out)) return out;
  }
  throw everyDrawReal(domains[kind]);
}

/** An initial ('F.') becomes the initial of a keyed first name in the same script. */
function fakeInitial(keyed: Keyed, letter: string, hint: NameHint | undefined): string {
  const digest = keyed.digestLatin1('initial', nameKey(letter));
  const name = drawName(
    'first',
    { locales: mixFor('first', letter), gender: hint?.gender ?? null },
    digest,
    null,
  );
  return matchCase(letter, [...(name ?? defaults.first)][0]!);
}

function fakePart(
  keyed: Keyed,
  part: NamePart,
  maxLength: number | null,
  real: RealValues,
  hint: NameHint | undefined,
): string {
  switch (part.role) {
    case 'first':
      return fakeWord(keyed, 'first', part.text, maxLength, real, hint);
    case 'last':
      return fakeWord(keyed, 'last', part.text, maxLength, real, hint, part.particles);
    case 'initial':
      return fakeInitial(keyed, part.text, hint);
    case 'particle':
      return part.text;
  }
}

const isNamed = (part: NamePart) => part.role === 'first' || part.role === 'last';

/**
 * `value` with each part replaced by its fake and everything between kept; within `maxLength`
 * by giving the name words shorter fakes in proportion to their real length when the plain fakes
 * are too long; null when even that does not fit.
 */
function fakeParts(
  keyed: Keyed,
  value: string,
  parts: readonly NamePart[],
  maxLength: number | null,
  real: RealValues = noRealValues,
  hint?: NameHint,
): string | null {
  const build = (budgets: readonly (number | null)[]) => {
    let out = '';
    let position = 0;
    parts.forEach((part, i) => {
      out += value.slice(position, part.start) + fakePart(keyed, part, budgets[i] ?? null, real, hint);
      position = part.end;
    });
    return out + value.slice(position);
  };
  const plain = build(parts.map(() => null));
  if (maxLength === null || charLength(plain) <= maxLength) return plain;
  const named = parts.filter(isNamed);
  const lengths = named.map((part) => charLength(part.text));
  const total = lengths.reduce((a, b) => a + b, 0);
  const room = maxLength - (charLength(value) - total);
  if (named.length === 0 || room < 2 * named.length) return null;
  const budgets = lengths.map((length) => Math.max(2, Math.floor((room * length) / total)));
  for (let excess = budgets.reduce((a, b) => a + b, 0) - room; excess > 0; excess--) {
    const largest = budgets.indexOf(Math.max(...budgets));
    budgets[largest]!--;
  }
  let next = 0;
  const fitted = build(parts.map((part) => (isNamed(part) ? budgets[next++]! : null)));
  return charLength(fitted) <= maxLength ? fitted : null;
}

/** Letters, marks and the punctuation of names; anything else (digits, '@') is no name's shape. */
const nameShaped = (value: string) => /^[\p{L}\p{M}\s'’‘.,\-‐]*\p{L}[\p{L}\p{M}\s'’‘.,\-‐]*$/u.test(value);

/** Roles of words as the source's names (through `real.nameRole`) and else the name lists give them. */
export function nameRoles(real: RealValues): RoleSource {
  const sourceRole = (word: string) => real.nameRole?.(word) ?? null;
  return {
    sourceRole,
    role: (word) =>
      sourceRole(word) ?? nameDictionary.get(word.toLowerCase()) ?? nameDictionary.get(nameKey(word)) ?? null,
  };
}

/**
 * A fake first or last name for `value`, cased and shaped like it ('Anne-Marie', 'van der Berg'),
 * at most `maxLength` characters, never `value` itself nor (in any word) a real name. `hint` is
 * what the row's links say. Example: `fakeName(keyed, 'first', 'Jan', 20)`.
 */
export function fakeName(
  keyed: Keyed,
  kind: NameKind,
  value: string,
  maxLength: number | null,
  real: RealValues = noRealValues,
  hint?: NameHint,
): string {
  if (nameShaped(value)) {
    const parts = kind === 'first' ? parseGivenNames(value) : parseSurname(value);
    if (parts.every((part) => part.role === 'particle')) return fitLength(value, maxLength); // no name in it
    const out = fakeParts(keyed, value, parts, maxLength, real, hint);
    if (out !== null) return out;
  }
  return fakeWord(keyed, kind, value.trim() === '' ? value : value.trim(), maxLength, real, hint);
}

/**
 * A fake full name for `value` in its format ('First Last', 'LAST, First', 'F. Last', 'First van
 * der Last'), each given name the firstName fake and each surname word the lastName fake of its
 * real word; a keyed 'First Last' when the value has no name's shape or does not fit `maxLength`.
 * Example: `fakeFullName(keyed, 'YILMAZ, Fatima', null)`.
 */
export function fakeFullName(
  keyed: Keyed,
  value: string,
  maxLength: number | null,
  real: RealValues = noRealValues,
  hint?: NameHint,
): string {
  if (nameShaped(value)) {
    const parts = parseFullName(value, nameRoles(real));
    if (parts.every((part) => part.role === 'particle')) return fitLength(value, maxLength);
    const out = fakeParts(keyed, value, parts, maxLength, real, hint);
    if (out !== null) return out;
  }
  const whole = value.trim() === '' ? value : value.trim();
  if (maxLength !== null && maxLength < 5) return fakeWord(keyed, 'first', whole, maxLength, real, hint);
  // Leave room for a space and a last name of at least two letters.
  const first = fakeWord(keyed, 'first', whole, maxLength === null ? null : maxLength - 3, real, hint);
  const rest = maxLength === null ? null : maxLength - charLength(first) - 1;
  return `${first} ${fakeWord(keyed, 'last', whole, rest, real, hint)}`;
}

/**
 * `fake` with its outputs remembered: names repeat (a million first names are a few thousand
 * distinct ones), and a fake takes some microseconds to make. Only for one key and one `real`.
 */
export function rememberFakes(
  fake: (value: string, hint?: NameHint) => string,
): (value: string, hint?: NameHint) => string {
  const seen = new BoundedMemo<string, string>(maxRemembered);
  return (value, hint) => seen.get(`${value}\0${hintKey(hint)}`, () => fake(value, hint));
}
