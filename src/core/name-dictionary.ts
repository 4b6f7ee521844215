/**
 * The known first and last names, as the leak check asks about them ("is this word in any name
 * list?"), without loading faker. `names.ts` builds the dictionary from faker's locale lists and
 * provides it here when it loads; the leak check's worker thread is handed the finished map instead,
 * which spares it faker's locale sources (about 70 MB of heap) and their start-up time.
 */
import { LeakproofError } from '../errors.js';

export type NameKind = 'first' | 'last';

/** A word as the scrubber sees one: letters and marks, with inner apostrophes (O'Brien). */
export const wordPattern = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu;

let dictionary: ReadonlyMap<string, NameKind> | null = null;

export function provideNameDictionary(names: ReadonlyMap<string, NameKind>): void {
  dictionary = names;
}

/** Every known first or last name, lower-cased; a word that is both counts as a first name. */
export function knownNames(): ReadonlyMap<string, NameKind> {
  if (dictionary === null)
    throw new LeakproofError(
      'LP_INTERNAL',
      'The name lists are not loaded (import transforms/names.js first).',
    );
  return dictionary;
}
