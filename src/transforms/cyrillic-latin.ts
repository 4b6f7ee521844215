/**
 * Ukrainian and Russian names in Latin letters, as passports print them: faker lists them in
 * Cyrillic only, while databases outside those countries hold 'Olena Shevchenko', not
 * 'Олена Шевченко'. Ukrainian follows the national system of 2010 (KMU resolution 55), Russian
 * the ICAO Doc 9303 table Russian passports use since 2013.
 */

/** Letters that have another form at the start of a word (Ukrainian є ї й ю я). */
type Table = Readonly<Record<string, string | readonly [initial: string, inner: string]>>;

const ukrainian: Table = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'h',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: ['ye', 'ie'],
  ж: 'zh',
  з: 'z',
  и: 'y',
  і: 'i',
  ї: ['yi', 'i'],
  й: ['y', 'i'],
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ь: '',
  ю: ['yu', 'iu'],
  я: ['ya', 'ia'],
  "'": '',
  '’': '',
};

const russian: Table = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: 'ie',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
};

const tables = { uk: ukrainian, ru: russian } as const;
export type CyrillicLanguage = keyof typeof tables;

function wordToLatin(word: string, table: Table, language: CyrillicLanguage): string {
  let out = '';
  let previous = '';
  [...word].forEach((ch, i) => {
    const lower = ch.toLowerCase();
    const entry = table[lower];
    if (entry === undefined) out += ch;
    else {
      // 'зг' is written 'zgh', so it is not read as 'ж' (zh).
      let latin = typeof entry === 'string' ? entry : entry[i === 0 ? 0 : 1];
      if (language === 'uk' && lower === 'г' && previous === 'з') latin = 'gh';
      out += ch !== lower && latin.length > 0 ? latin[0]!.toUpperCase() + latin.slice(1) : latin;
    }
    previous = lower;
  });
  return out;
}

/**
 * A Cyrillic name in Latin letters, in its case ('ШЕВЧЕНКО' → 'SHEVCHENKO').
 * Example: `toLatin('Олена Шевченко', 'uk')` → 'Olena Shevchenko'.
 */
export function toLatin(name: string, language: CyrillicLanguage): string {
  const table = tables[language];
  return name.replace(/[\p{L}\p{M}'’]+/gu, (word) =>
    word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase()
      ? wordToLatin(word.toLowerCase(), table, language).toUpperCase()
      : wordToLatin(word, table, language),
  );
}
