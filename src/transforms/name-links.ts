/**
 * The `nationality` and `gender` links of firstName, lastName and fullName: a column of the same
 * row that says where a person is from or their gender, read as a hint for the fake name. Common
 * ways of writing them are understood (English and Dutch country and nationality names, ISO 3166
 * codes, M/F/V, man/vrouw, ISO 5218's 1/2); anything else leaves the choice to the name itself.
 *
 * A link trades consistency for fit: a name's fake then depends on its row, so the same name in a
 * column without the link (or in free text) may get another fake. Link every column that holds the
 * name, or none.
 */
import { z } from 'zod';
import type { Gender } from './name-origins.js';
import type { RowValues } from './transform.js';

/** What a link says about the fake: locales in order of preference, and a gender. */
export interface NameHint {
  /** The first whose names are in the real name's script is used ('uk' for Cyrillic, else 'uk_latin'). */
  readonly locales?: readonly string[];
  readonly gender?: Gender;
}

/** Faker locales per country, and the ways a country or its nationality is written. */
const countries: readonly (readonly [locales: string, names: string])[] = [
  ['nl', 'nl|nld|netherlands|the netherlands|nederland|holland|dutch|nederlandse|nederlands'],
  ['nl_BE fr_BE', 'be|bel|belgium|belgie|belgian|belgisch|belgische'],
  ['de', 'de|deu|germany|duitsland|german|duits|duitse'],
  ['fr', 'fr|fra|france|frankrijk|french|frans|franse'],
  [
    'en',
    'gb|gbr|uk|united kingdom|verenigd koninkrijk|british|brits|britse|us|usa|united states|verenigde staten|american|amerikaans|amerikaanse',
  ],
  ['es', 'es|esp|spain|spanje|spanish|spaans|spaanse'],
  ['it', 'it|ita|italy|italie|italian|italiaans|italiaanse'],
  ['pt_PT', 'pt|prt|portugal|portuguese|portugees|portugese'],
  ['pt_BR', 'br|bra|brazil|brazilie|brazilian|braziliaans|braziliaanse'],
  ['tr', 'tr|tur|turkey|turkiye|turkije|turkish|turks|turkse'],
  ['pl', 'pl|pol|poland|polen|polish|pools|poolse'],
  ['ro', 'ro|rou|romania|roemenie|romanian|roemeens|roemeense'],
  ['uk uk_latin', 'ua|ukr|ukraine|oekraine|ukrainian|oekraiens|oekraiense'],
  ['ru ru_latin', 'ru|rus|russia|russian federation|rusland|russian|russisch|russische'],
  // Belarusian names are mostly written as in Russian; faker has no Belarusian list.
  ['ru ru_latin', 'by|blr|belarus|wit-rusland|belarusian|wit-russisch|wit-russische'],
  // Faker has Arabic names in Arabic script only. For values in Latin letters the nearest list is
  // Kurmanji Kurdish (Latin script): names of Syria's and Iraq's Kurds, common across the region.
  ['ar ku_kmr_latin', 'sy|syr|syria|syrie|syrian|syrisch|syrische|syrian arab republic'],
  ['ar ku_kmr_latin', 'iq|irq|iraq|irak|iraqi|iraaks|iraakse'],
  // Moroccan names in Latin letters are French transcriptions of Arabic names ('Mohamed', 'Aïcha'):
  // nearest is faker's Senegalese list, French transcriptions of largely the same names.
  ['ar fr_SN', 'ma|mar|morocco|marokko|moroccan|marokkaans|marokkaanse'],
  // No Tigrinya or Amharic in faker: Arabic (Eritrea's other working language) for Arabic script,
  // and for Latin letters the nearest faker has, its Nigerian list (African names in Latin letters).
  ['ar en_NG', 'er|eri|eritrea|eritrean|eritrees|eritrese'],
  ['ar en_NG', 'et|eth|ethiopia|ethiopie|ethiopian|ethiopisch|ethiopische'],
  // Persian (Farsi, and Dari in Afghanistan) only in Arabic script.
  ['fa', 'ir|irn|iran|iranian|iraans|iraanse|perzisch'],
  ['fa', 'af|afg|afghanistan|afghan|afghaans|afghaanse'],
  ['id_ID', 'id|idn|indonesia|indonesie|indonesian|indonesisch|indonesische'],
  ['nl', 'sr|sur|suriname|surinamese|surinaams|surinaamse'],
  ['zh_CN', 'cn|chn|china|chinese|chinees|chinese'],
  ['en_IN', 'in|ind|india|indian|indiaas|indiase'],
  ['en_NG', 'ng|nga|nigeria|nigerian|nigeriaans|nigeriaanse'],
];

/** Lower case, accents and a leading 'the' dropped, one space: 'Oekraïne' → 'oekraine'. */
function fold(value: string): string {
  return value.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

const byName = new Map<string, readonly string[]>(
  countries.flatMap(([locales, names]) =>
    names.split('|').map((name) => [name, locales.split(' ')] as const),
  ),
);

/** The locales for a nationality or country as written; undefined when it is not known. */
export function nationalityLocales(value: string | null): readonly string[] | undefined {
  return value === null ? undefined : byName.get(fold(value));
}

const genders = new Map<string, Gender>([
  ...'m male man mannelijk jongen boy dhr mr heer 1'.split(' ').map((v) => [v, 'male'] as const),
  ...'f v w female woman vrouw vrouwelijk meisje girl mevr mrs ms 2'
    .split(' ')
    .map((v) => [v, 'female'] as const),
]);

/** Female or male for common ways of writing it (ISO 5218: 1 male, 2 female); else undefined. */
export function genderValue(value: string | null): Gender | undefined {
  return value === null ? undefined : genders.get(fold(value).replace(/\.$/, ''));
}

export const linkOptions = {
  nationality: z
    .string()
    .min(1)
    .optional()
    .describe("the row's nationality or country column: the fake is a name from there"),
  gender: z
    .string()
    .min(1)
    .optional()
    .describe("the row's gender column: the fake first name is of that gender"),
};

export interface NameLinks {
  readonly nationality?: string | undefined;
  readonly gender?: string | undefined;
}

export function linkedColumnsOf(links: NameLinks): string[] {
  return [links.nationality, links.gender].filter((c): c is string => c !== undefined);
}

/** The hint a row gives through the links; undefined without links, a row, or a known value. */
export function hintOf(links: NameLinks, row: RowValues | undefined): NameHint | undefined {
  if (row === undefined) return undefined;
  const locales =
    links.nationality === undefined ? undefined : nationalityLocales(row.source(links.nationality));
  const gender = links.gender === undefined ? undefined : genderValue(row.source(links.gender));
  if (locales === undefined && gender === undefined) return undefined;
  return { ...(locales === undefined ? {} : { locales }), ...(gender === undefined ? {} : { gender }) };
}
