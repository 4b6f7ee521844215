/**
 * `scrub`: free text with the personal parts replaced and the rest left as written. Every identifier
 * the detectors find (BSN, IBAN, e-mail, phone, postcode) becomes a valid keyed fake of its kind, the
 * same fake the column transforms give; every word that is a known first or last name in any of
 * faker's locales, or a first or last name of someone in the source (when the copy passes the
 * source's fingerprints as `real`), becomes a keyed fake name; no fake is a real value or a real
 * name. Dates and street names are not found: scrub lowers the risk of free text, the leak check
 * after the copy is what proves it.
 */
import { z } from 'zod';
import { findIdentifiers, type IdentifierKind } from '../verify/detectors.js';
import { fakeBsn } from './bsn.js';
import { needText } from './column-rules.js';
import { fakeEmail } from './email.js';
import { fakeName } from './fake-name.js';
import { fakeIban } from './iban.js';
import type { Keyed } from './keyed.js';
import { nameDictionary, wordPattern } from './names.js';
import { fakePhone } from './phone.js';
import { fakePostcode } from './postcode.js';
import { fitLength } from './text.js';
import { noRealValues, type RealValues, type TransformDefinition } from './transform.js';

const options = z.strictObject({
  /**
   * 'any' (default) replaces names however they are written; 'capitalized' only 'Jansen' and
   * 'JANSEN', leaving words like 'green' or 'bos' alone: more readable, but misses 'jan'.
   */
  names: z.enum(['any', 'capitalized']).default('any'),
});
export type ScrubOptions = z.infer<typeof options>;

function fakeIdentifier(keyed: Keyed, kind: IdentifierKind, found: string, real: RealValues): string {
  switch (kind) {
    case 'bsn':
      return fakeBsn(keyed, found, false, real);
    case 'iban':
      return fakeIban(keyed, found, real);
    case 'email':
      return fakeEmail(keyed, found, undefined, null, real);
    case 'phone':
      return fakePhone(keyed, found, null, real);
    case 'postcode':
      return fakePostcode(keyed, found, true, real);
  }
}

/** A word starting with a capital, or in a script without case (Arabic, Persian…). */
function looksLikeName(word: string): boolean {
  const first = String.fromCodePoint(word.codePointAt(0)!);
  return first !== first.toLowerCase() || first === first.toUpperCase();
}

function scrubNames(keyed: Keyed, text: string, names: ScrubOptions['names'], real: RealValues): string {
  return text.replace(wordPattern, (word) => {
    // A name of the source is replaced even when no name list knows it (a name in Arabic script,
    // a rare surname): the leak check would find it otherwise.
    const kind = nameDictionary.get(word.toLowerCase()) ?? (real.isReal('name', word) ? 'last' : undefined);
    if (kind === undefined || (names === 'capitalized' && !looksLikeName(word))) return word;
    // The firstName/lastName fake, so a name in a note gets the fake its column got.
    return fakeName(keyed, kind, word, null, real);
  });
}

/**
 * The scrubbed text, without a length limit; no fake in it is one of `real`.
 * Example: `scrubText(keyed, 'Bel Jan: 0612345678')`.
 */
export function scrubText(
  keyed: Keyed,
  text: string,
  names: ScrubOptions['names'] = 'any',
  real: RealValues = noRealValues,
): string {
  let out = '';
  let position = 0;
  for (const match of findIdentifiers(text)) {
    out += scrubNames(keyed, text.slice(position, match.start), names, real);
    out += fakeIdentifier(keyed, match.kind, text.slice(match.start, match.end), real);
    position = match.end;
  }
  return out + scrubNames(keyed, text.slice(position), names, real);
}

export const scrubTransform: TransformDefinition<ScrubOptions> = {
  name: 'scrub',
  summary: 'Free text: replace identifiers and known names with keyed fakes, keep the rest.',
  options,
  cannotProduce: (column) => needText(column),
  create: ({ options: { names }, column, keyed, real }) => {
    const max = column.maxLength;
    return (value) => fitLength(scrubText(keyed, value, names, real), max);
  },
};
