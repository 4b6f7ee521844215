/**
 * Which of faker's lists a real name is in, so its fake comes from the same list: a Turkish name
 * gets a Turkish fake, a Polish surname a Polish one, a woman's first name a woman's name, a name
 * in Arabic script a name in Arabic script. The choice depends on the name only (never on the key,
 * table or column), so a name gets its fake from the same list wherever it appears.
 *
 * Many names are in several lists, and the big ones (Dutch, German, English, Belgian French) hold
 * names from everywhere. The list chosen is the most telling one that has the name:
 *  1. a list nearly all of whose names are in no other language's list (Turkish, Persian, Arabic,
 *     Greek…), clearly more so than the Dutch list: a name there says where it is from;
 *  2. else a Dutch list (the product serves Dutch databases);
 *  3. else the list with the largest share of names of its own.
 * Faker has Arabic names in Arabic script only, so 'Fatima' or 'Mohammed' in Latin letters, which
 * faker's Dutch list holds, get a fake from the Dutch list (a `nationality` link does better).
 * Ukrainian and Russian names are known in Latin letters too (`cyrillic-latin.ts`). Names no list
 * knows get a fake from a mix of locales of their script (`outputLocales` for Latin).
 */
import { allLocales } from '@faker-js/faker';
import { BoundedMemo } from '../core/bounded-memo.js';
import { indexFrom } from '../core/keyed.js';
import { type CyrillicLanguage, toLatin } from './cyrillic-latin.js';
import { isParticle } from './name-parts.js';
import { type NameKind, nameKey, outputLocales, wordPattern } from './names.js';
import { LengthIndexedList } from './text.js';

export type Gender = 'female' | 'male';
type Listed = Gender | 'generic';
const listedAs: readonly Listed[] = ['generic', 'female', 'male'];
type Lists = Readonly<Record<Listed, readonly string[]>>;

/** Not nationalities: mock Swedish, Esperanto, Australian slang. */
const skipped = new Set(['base', 'en_BORK', 'eo', 'en_AU_ocker']);
/** Faker's Cyrillic lists again, in Latin letters, under these names. */
const latinOf: Readonly<Record<string, CyrillicLanguage>> = { uk_latin: 'uk', ru_latin: 'ru' };
/**
 * Rule 1 above: a list says where a name is from when this share of its names is its own, and
 * (against a Dutch list that has the name too) at least `tellingMargin` more than the Dutch one's.
 * First-name lists of Dutch, German or English hold names from everywhere (a third or less their
 * own), surname lists rarely do (nearly all their own, the Dutch one too): 'Mehmet' is Turkish,
 * 'Jansen' Dutch rather than German.
 */
const telling = 0.9;
const tellingMargin = 0.2;
/** A gender's list shorter than this is too small to draw from: the locale's whole list is used. */
const minimumGendered = 10;

type NameData = readonly string[] | Readonly<Record<string, readonly string[] | undefined>> | undefined;

function clean(name: string): string {
  return name
    .normalize('NFC')
    .replace(/[\u200c\u200d]/g, '')
    .trim();
}

function fakerLists(locale: string, kind: NameKind): Lists {
  const language = latinOf[locale];
  if (language !== undefined) {
    const lists = fakerLists(language, kind);
    const latin = (names: readonly string[]) => names.map((name) => toLatin(name, language));
    return { generic: latin(lists.generic), female: latin(lists.female), male: latin(lists.male) };
  }
  const person = (allLocales as Record<string, { person?: Record<string, NameData> }>)[locale]?.person;
  const data = person?.[kind === 'first' ? 'first_name' : 'last_name'];
  const of = (listed: Listed): string[] => {
    if (data === undefined) return [];
    // Faker keeps names as one list or as `{ generic, female, male }` lists, depending on the locale.
    const names = isList(data) ? (listed === 'generic' ? data : []) : (data[listed] ?? []);
    return names.map(clean).filter((name) => name.length > 0);
  };
  return { generic: of('generic'), female: of('female'), male: of('male') };
}

function isList(data: NonNullable<NameData>): data is readonly string[] {
  return Array.isArray(data);
}

const scriptNames = [
  'Latin',
  'Cyrillic',
  'Arabic',
  'Greek',
  'Hebrew',
  'Armenian',
  'Georgian',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Thai',
  'Devanagari',
  'Thaana',
  'Bengali',
  'Tamil',
  'Ethiopic',
] as const;
const scriptPatterns = scriptNames.map((name) => [name, new RegExp(`\\p{Script=${name}}`, 'u')] as const);

/** The script of the first letter ('Latin', 'Arabic'…), 'other', or null without letters. */
export function scriptOf(text: string): string | null {
  const letter = /\p{L}/u.exec(text)?.[0];
  if (letter === undefined) return null;
  return scriptPatterns.find(([, pattern]) => pattern.test(letter))?.[0] ?? 'other';
}

interface Entry {
  readonly locale: string;
  readonly listed: Listed;
}

interface KindIndex {
  /** Every name and each word of a multi-word name (by `nameKey`) → where it is listed. */
  readonly entries: ReadonlyMap<string, readonly Entry[]>;
  /** The same without accents, for names written without theirs ('Sukru'). */
  readonly unaccented: ReadonlyMap<string, readonly Entry[]>;
  readonly lists: ReadonlyMap<string, Lists>;
  /** Per locale: the share of its names in no other language's list. */
  readonly ownShare: ReadonlyMap<string, number>;
  readonly script: ReadonlyMap<string, string | null>;
}

const family = (locale: string) => locale.split('_')[0]!;

function addEntry(entries: Map<string, Entry[]>, key: string, entry: Entry): void {
  const list = entries.get(key);
  if (list === undefined) entries.set(key, [entry]);
  else if (!list.some((e) => e.locale === entry.locale && e.listed === entry.listed)) list.push(entry);
}

function buildIndex(kind: NameKind): KindIndex {
  const entries = new Map<string, Entry[]>();
  const unaccented = new Map<string, Entry[]>();
  const lists = new Map<string, Lists>();
  const families = new Map<string, Set<string>>();
  const locales = [...Object.keys(allLocales).filter((l) => !skipped.has(l)), ...Object.keys(latinOf)];
  for (const locale of locales) {
    const own = fakerLists(locale, kind);
    if (listedAs.every((listed) => own[listed].length === 0)) continue;
    lists.set(locale, own);
    for (const listed of listedAs) {
      for (const name of own[listed]) {
        const key = nameKey(name);
        families.set(key, (families.get(key) ?? new Set()).add(family(locale)));
        const words = /^[\p{L}\p{M}]+$/u.test(name)
          ? []
          : [...name.matchAll(wordPattern)].map((m) => nameKey(m[0])).filter((w) => !isParticle(w));
        for (const part of words.length > 1 ? [key, ...words] : [key]) {
          addEntry(entries, part, { locale, listed });
          const folded = foldAccents(part);
          if (folded !== part) addEntry(unaccented, folded, { locale, listed });
        }
      }
    }
  }
  const ownShare = new Map<string, number>();
  const script = new Map<string, string | null>();
  for (const [locale, own] of lists) {
    const keys = new Set(listedAs.flatMap((listed) => own[listed].map(nameKey)));
    let alone = 0;
    const counts = new Map<string | null, number>();
    for (const key of keys) {
      if (families.get(key)!.size === 1) alone++;
      const s = scriptOf(key);
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    ownShare.set(locale, alone / keys.size);
    script.set(locale, [...counts].sort((a, b) => b[1] - a[1])[0]![0]);
  }
  return { entries, unaccented, lists, ownShare, script };
}

const indexes = new Map<NameKind, KindIndex>();
/** Built on first use: a few hundred milliseconds no command that writes no names should pay. */
function indexOf(kind: NameKind): KindIndex {
  let index = indexes.get(kind);
  if (index === undefined) {
    index = buildIndex(kind);
    indexes.set(kind, index);
  }
  return index;
}

/** Where a fake name is drawn from: one locale's list, or a mix; of one gender when known. */
export interface NameGroup {
  /** One locale for a name the lists know; the mix (repeats weight it) for others. */
  readonly locales: readonly string[];
  readonly gender: Gender | null;
}

function genderIn(entries: readonly Entry[], locale?: string): Gender | null {
  const listed = new Set(
    entries.filter((e) => locale === undefined || e.locale === locale).map((e) => e.listed),
  );
  if (listed.has('female') && !listed.has('male')) return 'female';
  if (listed.has('male') && !listed.has('female')) return 'male';
  return null;
}

/** 'şükrü' → 'sukru', for names typed without their accents. */
function foldAccents(key: string): string {
  return /^[\x20-\x7e]*$/.test(key) ? key : key.normalize('NFKD').replace(/\p{M}/gu, '');
}

function entriesOf(kind: NameKind, word: string): readonly Entry[] | undefined {
  const { entries, unaccented } = indexOf(kind);
  const key = nameKey(word);
  const folded = foldAccents(key);
  return entries.get(key) ?? unaccented.get(key) ?? entries.get(folded) ?? unaccented.get(folded);
}

function findOrigin(kind: NameKind, word: string): NameOrigin | null {
  const found = entriesOf(kind, word);
  if (found === undefined) return null;
  const { ownShare } = indexOf(kind);
  let best = '';
  let bestShare = -1;
  for (const { locale } of found) {
    const share = ownShare.get(locale)!;
    if (share > bestShare || (share === bestShare && locale < best)) {
      best = locale;
      bestShare = share;
    }
  }
  const dutch = ['nl', 'nl_BE'].find((l) => found.some((e) => e.locale === l));
  const locale =
    dutch !== undefined && !(bestShare >= telling && bestShare - ownShare.get(dutch)! >= tellingMargin)
      ? dutch
      : best;
  // A list that has the name only as unisex ('generic') says nothing: ask the others.
  const inLocale = found.filter((e) => e.locale === locale);
  const gender = inLocale.every((e) => e.listed === 'generic') ? genderIn(found) : genderIn(inLocale, locale);
  return { locale, gender };
}

export interface NameOrigin {
  readonly locale: string;
  readonly gender: Gender | null;
}

/** Origins asked for before; names repeat, and finding one takes a few microseconds. */
const maxRemembered = 20_000;
const origins: Record<NameKind, BoundedMemo<string, NameOrigin | null>> = {
  first: new BoundedMemo(maxRemembered),
  last: new BoundedMemo(maxRemembered),
};

/**
 * The locale and gender faker's lists give a name (one word, any case), or null when no list has
 * it. Example: `originOf('first', 'Ayşe')` → `{ locale: 'tr', gender: 'female' }`.
 */
export function originOf(kind: NameKind, word: string): NameOrigin | null {
  return origins[kind].get(word, () => findOrigin(kind, word));
}

const mixes = new Map<string, readonly string[]>();
/** The locales a name no list knows gets its fake from: those of its script, `outputLocales` for Latin. */
export function mixFor(kind: NameKind, word: string): readonly string[] {
  const script = scriptOf(word);
  if (script === null || script === 'Latin') return outputLocales;
  const key = `${kind} ${script}`;
  let mix = mixes.get(key);
  if (mix === undefined) {
    const own = [...indexOf(kind).script].filter(([, s]) => s === script).map(([locale]) => locale);
    mix = own.length > 0 ? own.sort() : outputLocales;
    mixes.set(key, mix);
  }
  return mix;
}

/** Whether `locale` has names of this kind written in the script of `word`. */
export function fitsScript(kind: NameKind, locale: string, word: string): boolean {
  const script = indexOf(kind).script.get(locale);
  return script !== undefined && script === (scriptOf(word) ?? 'Latin');
}

const drawLists = new Map<string, LengthIndexedList>();
/** Single-word names of a locale, of one gender when the locale lists enough of it. */
function drawList(kind: NameKind, locale: string, gender: Gender | null): LengthIndexedList {
  const key = `${kind} ${locale} ${gender}`;
  let list = drawLists.get(key);
  if (list === undefined) {
    const own = indexOf(kind).lists.get(locale);
    const single = (names: readonly string[] = []) => names.filter((name) => !/\s/.test(name));
    const gendered = gender === null ? [] : single(own?.[gender]);
    list = new LengthIndexedList(
      gendered.length >= minimumGendered ? gendered : listedAs.flatMap((listed) => single(own?.[listed])),
    );
    drawLists.set(key, list);
  }
  return list;
}

/** Every single-word name of the `outputLocales`, for columns too short for the drawn list. */
function anyList(kind: NameKind): LengthIndexedList {
  const key = `${kind} any`;
  let list = drawLists.get(key);
  if (list === undefined) {
    list = new LengthIndexedList([...new Set(outputLocales)].flatMap((l) => drawList(kind, l, null).items));
    drawLists.set(key, list);
  }
  return list;
}

/** Fewer surnames than this with a word's own particles: it gets a core of any of them. */
const minimumCores = 8;
let cores: ReadonlyMap<string, LengthIndexedList> | undefined;

/**
 * Surnames' last words after Dutch tussenvoegsels in faker's Dutch lists ('Vries' of 'de Vries',
 * 'Meulen' of 'van der Meulen'): what a fake for 'van der Berg' puts after 'van der'. Those that
 * follow the same particles when there are enough ('de' → Graaf, Jong, Wit…), so the fake reads as
 * a Dutch surname does, else all of them.
 */
export function dutchCores(particles: readonly string[]): LengthIndexedList {
  if (cores === undefined) {
    const { lists } = indexOf('last');
    const byParticles = new Map<string, string[]>();
    for (const locale of ['nl', 'nl_BE'])
      for (const listed of listedAs)
        for (const name of lists.get(locale)?.[listed] ?? []) {
          const words = name.split(/\s+/);
          if (words.length < 2 || !words.slice(0, -1).every(isParticle)) continue;
          for (const key of [words.slice(0, -1).join(' ').toLowerCase(), ''])
            byParticles.set(key, [...(byParticles.get(key) ?? []), words.at(-1)!]);
        }
    cores = new Map([...byParticles].map(([key, names]) => [key, new LengthIndexedList(names)]));
  }
  const own = cores.get(particles.join(' ').toLowerCase());
  return own !== undefined && own.items.length >= minimumCores ? own : cores.get('')!;
}

/**
 * A name from `list` chosen by `digest` at `offset` (and `offset + 6`), at most `maxLength`
 * characters, never the name whose `nameKey` is `avoid`; null when none is that short. The pick is
 * made from the whole list first, so a column's length changes a fake only when it must.
 */
export function pickFrom(
  list: LengthIndexedList,
  digest: string,
  offset: number,
  maxLength: number | null,
  avoid?: string,
): string | null {
  const count = list.upTo(maxLength);
  if (count === 0) return null;
  let index = indexFrom(digest, list.items.length, offset);
  if (index >= count) index = indexFrom(digest, count, offset + 6);
  const name = list.items[index]!;
  // A fake that happens to be the real name is no fake: take its neighbour in the list instead.
  if (avoid !== undefined && count > 1 && nameKey(name) === avoid) return list.items[(index + 1) % count]!;
  return name;
}

/**
 * A fake name of `kind` from `group` chosen by 18 bytes of `digest`, at most `maxLength`
 * characters, never the name keyed `avoid`; null when no name is that short.
 */
export function drawName(
  kind: NameKind,
  group: NameGroup,
  digest: string,
  maxLength: number | null,
  avoid?: string,
): string | null {
  const { locales, gender } = group;
  const mixed = locales.length > 1;
  const locale = mixed ? locales[indexFrom(digest, locales.length, 0)]! : locales[0]!;
  return (
    pickFrom(drawList(kind, locale, gender), digest, mixed ? 6 : 0, maxLength, avoid) ??
    pickFrom(anyList(kind), digest, 18, maxLength, avoid)
  );
}
