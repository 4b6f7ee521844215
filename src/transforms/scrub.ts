/**
 * `scrub`: free text with the personal parts replaced and the rest left as written. Every identifier
 * the detectors find (BSN, IBAN, e-mail, phone, postcode) becomes a valid keyed fake of its kind, the
 * same fake the column transforms give; every word that is a known first or last name in any of
 * faker's locales becomes a keyed fake name. Dates, street names and unknown names are not found:
 * scrub lowers the risk of free text, it does not remove it.
 */
import { z } from 'zod';
import { findIdentifiers, type IdentifierKind } from '../verify/detectors.js';
import { fakeBsn } from './bsn.js';
import { needText } from './column-rules.js';
import { fakeEmail } from './email.js';
import { fakeIban } from './iban.js';
import type { Keyed } from './keyed.js';
import { nameDictionary, pickName, wordPattern } from './names.js';
import { fakePhone } from './phone.js';
import { fakePostcode } from './postcode.js';
import { fitLength, matchCase } from './text.js';
import type { TransformDefinition } from './transform.js';

const options = z.strictObject({
  /**
   * 'any' (default) replaces names however they are written; 'capitalized' only 'Jansen' and
   * 'JANSEN', leaving words like 'green' or 'bos' alone: more readable, but misses 'jan'.
   */
  names: z.enum(['any', 'capitalized']).default('any'),
});
export type ScrubOptions = z.infer<typeof options>;

function fakeIdentifier(keyed: Keyed, kind: IdentifierKind, found: string): string {
  switch (kind) {
    case 'bsn':
      return fakeBsn(keyed, found);
    case 'iban':
      return fakeIban(keyed, found);
    case 'email':
      return fakeEmail(keyed, found, undefined, null);
    case 'phone':
      return fakePhone(keyed, found, null);
    case 'postcode':
      return fakePostcode(keyed, found);
  }
}

/** A word starting with a capital, or in a script without case (Arabic, Persian…). */
function looksLikeName(word: string): boolean {
  const first = String.fromCodePoint(word.codePointAt(0)!);
  return first !== first.toLowerCase() || first === first.toUpperCase();
}

function scrubNames(keyed: Keyed, text: string, names: ScrubOptions['names']): string {
  return text.replace(wordPattern, (word) => {
    const kind = nameDictionary.get(word.toLowerCase());
    if (kind === undefined || (names === 'capitalized' && !looksLikeName(word))) return word;
    // Same domains as firstName/lastName, so a name in a note gets the fake its column got.
    const digest = keyed.digestLatin1(kind === 'first' ? 'firstName' : 'lastName', word);
    return matchCase(word, pickName(kind, digest, 0, null, word) ?? word.slice(0, 1));
  });
}

/** The scrubbed text, without a length limit. Example: `scrubText(keyed, 'Bel Jan: 0612345678')`. */
export function scrubText(keyed: Keyed, text: string, names: ScrubOptions['names'] = 'any'): string {
  let out = '';
  let position = 0;
  for (const match of findIdentifiers(text)) {
    out += scrubNames(keyed, text.slice(position, match.start), names);
    out += fakeIdentifier(keyed, match.kind, text.slice(match.start, match.end));
    position = match.end;
  }
  return out + scrubNames(keyed, text.slice(position), names);
}

export const scrubTransform: TransformDefinition<ScrubOptions> = {
  name: 'scrub',
  summary: 'Free text: replace identifiers and known names with keyed fakes, keep the rest.',
  options,
  cannotProduce: (column) => needText(column),
  create: ({ options: { names }, column, keyed }) => {
    const max = column.maxLength;
    return (value) => fitLength(scrubText(keyed, value, names), max);
  },
};
