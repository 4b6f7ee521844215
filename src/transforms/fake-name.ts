/**
 * Fake first, last and full names that are no real person's name: the firstName, lastName and
 * fullName transforms, and the names `scrub` and `json` put into text, all come from here, so a
 * name gets the same fake wherever it appears.
 *
 * A fake drawn from the name lists may well be a real name in the source (a Dutch database holds
 * most Dutch names), and is then drawn again. When the column is so short, or the real names so
 * many, that the lists keep giving real ones, keyed pronounceable names ('Kavolu') take over:
 * names outside every list, checked against the real ones too.
 */
import { attemptInput, everyDrawReal, maxAttempts } from './draw-again.js';
import type { Keyed } from './keyed.js';
import { type NameKind, nameDictionary, pickName } from './names.js';
import { charLength, fitLength, matchCase } from './text.js';
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

function isInput(candidate: string, value: string): boolean {
  return candidate.toLowerCase() === value.trim().toLowerCase();
}

/**
 * A fake first or last name for `value`, cased like it, at most `maxLength` characters, never
 * `value` itself nor (in any word) a real name. Example: `fakeName(keyed, 'first', 'Jan', 20)`.
 */
export function fakeName(
  keyed: Keyed,
  kind: NameKind,
  value: string,
  maxLength: number | null,
  real: RealValues = noRealValues,
): string {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const digest = keyed.digestLatin1(domains[kind], attemptInput(value, attempt));
    const name =
      attempt < listAttempts
        ? (pickName(kind, digest, 0, maxLength, value) ?? defaults[kind])
        : syllableName(digest, 0, maxLength);
    if (name === null) continue;
    const out = fitLength(matchCase(value, name), maxLength);
    // The first draw is kept as it always was; later ones may be a cut default or a syllable name.
    if (attempt > 0 && isInput(out, value)) continue;
    if (!real.isReal('name', out)) return out;
  }
  throw everyDrawReal(domains[kind]);
}

/**
 * A fake 'First Last' for `value`, cased like it, at most `maxLength` characters, with no word a
 * real name. Example: `fakeFullName(keyed, 'Jan de Vries', null)`.
 */
export function fakeFullName(
  keyed: Keyed,
  value: string,
  maxLength: number | null,
  real: RealValues = noRealValues,
): string {
  // Leave room for a space and a last name of at least two letters.
  const firstMax = maxLength === null ? null : maxLength - 3;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const digest = keyed.digestLatin1('fullName', attemptInput(value, attempt));
    const fromLists = attempt < listAttempts;
    const first = fromLists
      ? (pickName('first', digest, 0, firstMax) ?? 'Sam')
      : syllableName(digest, 0, firstMax);
    if (first === null) continue;
    const rest = maxLength === null ? null : maxLength - charLength(first) - 1;
    const last = fromLists ? (pickName('last', digest, 12, rest) ?? 'Bos') : syllableName(digest, 12, rest);
    if (last === null) continue;
    const out = fitLength(matchCase(value, `${first} ${last}`), maxLength);
    if (!real.isReal('name', out)) return out;
  }
  throw everyDrawReal('fullName');
}
