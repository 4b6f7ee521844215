/**
 * Every word of faker's person-name lists of every locale, folded: the lists under `person` whose
 * key holds `name` (`first_name`, `last_name`, `middle_name`, and any `male_…`/`female_…` variant a
 * locale has). The locale data is read defensively: a list is an array of strings, an object of
 * lists by sex or gender (`generic`, `female`, `male`), or entries with weights (`{ value, weight }`);
 * every string in it is collected. Patterns (`{{person.last_name}}`) are not names and are skipped.
 * Multi-word entries (`van der Berg`) give each of their words.
 */
import { allLocales } from '@faker-js/faker';
import { fold } from './fold.js';

const nameListKey = /name/;

function collectStrings(value: unknown, into: string[]): void {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, into);
  else if (value !== null && typeof value === 'object')
    for (const v of Object.values(value as Record<string, unknown>)) collectStrings(v, into);
}

let listed: ReadonlySet<string> | undefined;

export function listedNames(): ReadonlySet<string> {
  if (listed) return listed;
  const words = new Set<string>();
  for (const locale of Object.values(allLocales) as unknown[]) {
    const person = (locale as { person?: unknown }).person;
    if (person === null || typeof person !== 'object') continue;
    for (const [key, list] of Object.entries(person as Record<string, unknown>)) {
      if (!nameListKey.test(key)) continue;
      const strings: string[] = [];
      collectStrings(list, strings);
      for (const s of strings) {
        if (s.includes('{{')) continue;
        for (const word of fold(s).split(' ')) if (word.length > 0) words.add(word);
      }
    }
  }
  listed = words;
  return words;
}
