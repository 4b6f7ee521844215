/**
 * Name lists read once from faker's locale definitions. Faker itself is never called per value
 * (reseeding costs ~20 µs); transforms pick from these lists with an index from the keyed hash.
 *
 * Here: every locale's lists as faker keeps them, the locales names nobody knows are drawn from
 * (Dutch weighted up, since the product serves Dutch databases), ASCII names for e-mail addresses,
 * and a dictionary of known names in every locale faker has, for finding names in free text.
 * Which list a known name's fake comes from is `name-origins.ts`.
 */
import { allLocales } from '@faker-js/faker';
import { indexFrom } from '../core/keyed.js';
import { type NameKind, provideNameDictionary, wordPattern } from '../core/name-dictionary.js';
import { asciiSlug, LengthIndexedList } from './text.js';

export { type NameKind, wordPattern };

type NameData = string[] | Readonly<Record<string, readonly string[] | undefined>> | undefined;

/** Faker keeps names as a list or as `{ generic, female, male }` lists, depending on the locale. */
function namesOf(data: NameData): string[] {
  if (data === undefined) return [];
  if (Array.isArray(data)) return data;
  return Object.values(data).flatMap((list) => list ?? []);
}

/** A locale's first or last names as faker lists them, cleaned; empty for locales without them. */
export function localeNames(locale: string, kind: NameKind): string[] {
  const person = (allLocales as Record<string, { person?: Record<string, NameData> }>)[locale]?.person;
  return namesOf(person?.[kind === 'first' ? 'first_name' : 'last_name'])
    .map((name) =>
      name
        .normalize('NFC')
        .replace(/[\u200c\u200d]/g, '')
        .trim(),
    )
    .filter((name) => name.length > 0);
}

/**
 * Locales of fakes for names no list knows (repeats weight the draw, about a third Dutch); the
 * fake for a known name comes from a list that has it (`name-origins.ts`).
 */
export const outputLocales = [
  'nl',
  'nl',
  'nl',
  'nl',
  'nl_BE',
  'en',
  'de',
  'fr',
  'tr',
  'pl',
  'es',
  'it',
  'pt_BR',
  'ro',
  'id_ID',
] as const;

interface Pool {
  readonly byLocale: readonly LengthIndexedList[];
  /** Every output name, for when a column is too short for the drawn locale's names. */
  readonly all: LengthIndexedList;
}

function buildPool(kind: NameKind): Pool {
  const lists = new Map<string, LengthIndexedList>();
  for (const locale of new Set(outputLocales))
    lists.set(locale, new LengthIndexedList(localeNames(locale, kind).map(asciiSlug)));
  return {
    byLocale: outputLocales.map((locale) => lists.get(locale)!),
    all: new LengthIndexedList([...lists.values()].flatMap((list) => list.items)),
  };
}

/** ASCII-only names for e-mail local parts ('Şükrü' → 'sukru'). */
const slugPools: Record<NameKind, Pool> = { first: buildPool('first'), last: buildPool('last') };

/**
 * A lower-case ASCII name chosen by 12 bytes of `digest` from `offset` (0 and 12 give independent
 * picks), at most `maxLength` characters; null when no name is that short.
 */
export function pickSlug(
  kind: NameKind,
  digest: string,
  offset: number,
  maxLength: number | null,
): string | null {
  const pool = slugPools[kind];
  let list = pool.byLocale[indexFrom(digest, pool.byLocale.length, offset)]!;
  let count = list.upTo(maxLength);
  if (count === 0) {
    list = pool.all;
    count = list.upTo(maxLength);
    if (count === 0) return null;
  }
  return list.items[indexFrom(digest, count, offset + 6)]!;
}

/**
 * The form a name is hashed and looked up by, so 'YILMAZ', 'Yilmaz' and 'Yılmaz' are one name:
 * lower case via upper case (Turkish ı → I → i, ß → SS → ss), İ's dot dropped, spaces collapsed.
 */
export function nameKey(name: string): string {
  if (/^[A-Za-z]+$/.test(name)) return name.toLowerCase(); // most names, at a tenth of the cost
  let key = name.normalize('NFC').trim();
  if (/\s\s|[^\S ]/u.test(key)) key = key.replace(/\s+/gu, ' ');
  key = key.toUpperCase().toLowerCase();
  return key.includes('\u0307') ? key.replace(/i\u0307/g, 'i') : key;
}

/**
 * Common words that are also somebody's name in some locale ('De', 'Van', 'Will', 'May'…); at the
 * start of a sentence they are capitalized, and replacing them would garble text without
 * protecting anyone. Tussenvoegsels are here too: alone they identify no one.
 */
const notNames = new Set(
  (
    'de het een en van vd der den ter ten te in op is dat die er ze zij hij wij we ik je jij u met voor aan ' +
    'bij om uit naar ook als maar nog dan wel niet geen of al na tot door over kan meer man mag zal ' +
    'the an and or to on at for by with from as it he she my so has have will can may just not no but if ' +
    'all are was be his her our we us me do la le les du des et el los las un una uno da di dos do del ' +
    'della von und das dem ein eine im au aux ne pour par sur se sa son ce il al bin ibn abu ' +
    'iban bsn tel fax mail email nr'
  ).split(' '),
);

/**
 * The lower-case forms a name is looked up by: as is, via upper case (Turkish 'Abacı' written
 * 'ABACI' lower-cases to 'abaci'), and without accents ('Şükrü' typed as 'Sukru').
 */
function spellings(name: string): Set<string> {
  const lower = name.toLowerCase();
  return new Set([lower, name.toUpperCase().toLowerCase(), lower.normalize('NFKD').replace(/\p{M}/gu, '')]);
}

function buildDictionary(): Map<string, NameKind> {
  const dictionary = new Map<string, NameKind>();
  for (const kind of ['last', 'first'] as const) {
    for (const locale of Object.keys(allLocales)) {
      if (locale === 'en_BORK') continue; // mock-Swedish English, not names
      for (const name of localeNames(locale, kind)) {
        for (const match of name.matchAll(wordPattern)) {
          for (const word of spellings(match[0])) {
            if (word.length >= 2 && !notNames.has(word)) dictionary.set(word, kind);
          }
        }
      }
    }
  }
  return dictionary;
}

/** Every known first or last name, lower-cased; a word that is both counts as a first name. */
export const nameDictionary: ReadonlyMap<string, NameKind> = buildDictionary();
provideNameDictionary(nameDictionary);
