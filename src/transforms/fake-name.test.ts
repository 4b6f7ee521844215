import { allLocales } from '@faker-js/faker';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { toLatin } from './cyrillic-latin.js';
import { fakeFullName, fakeName } from './fake-name.js';
import { dutchCores, originOf } from './name-origins.js';
import { nameKey, outputLocales } from './names.js';
import { scrubText } from './scrub.js';
import { column, keyed, make, otherKeyed, varchar } from './test-support.js';
import type { RealValues, RowValues } from './transform.js';

type Kind = 'first' | 'last';

/** A locale's names of one kind (and gender) straight from faker, Cyrillic ones in Latin letters too. */
function fakerList(locale: string, kind: Kind, gender?: 'female' | 'male' | null): string[] {
  if (locale.endsWith('_latin') && (locale.startsWith('uk') || locale.startsWith('ru'))) {
    const language = locale.slice(0, 2) as 'uk' | 'ru';
    return fakerList(language, kind, gender).map((name) => toLatin(name, language));
  }
  const data = (allLocales as Record<string, { person?: Record<string, unknown> }>)[locale]?.person?.[
    kind === 'first' ? 'first_name' : 'last_name'
  ] as string[] | Record<string, string[]> | undefined;
  if (data === undefined) return [];
  if (Array.isArray(data)) return data;
  const gendered = gender ? (data[gender] ?? []) : [];
  return gendered.length >= 10 ? gendered : Object.values(data).flat();
}

const inList = (list: readonly string[], name: string) => list.some((n) => nameKey(n) === nameKey(name));

const row = (values: Record<string, string>): RowValues => ({
  source: (c) => values[c] ?? null,
  written: () => null,
});

describe('the fake fits the real name', () => {
  test.each([
    [
      'first',
      ['Mehmet', 'Fatma', 'Mustafa', 'Krzysztof', 'Katarzyna', 'Andrea', 'Jan', 'Sanne', 'Olena', 'Kees'],
    ],
    ['last', ['Yılmaz', 'YILMAZ', 'Kowalski', 'Nowak', 'Jansen', 'Bakker', 'Shevchenko', 'Kowalczyk']],
  ] as const)('%s names: from the list of the real one, of its gender', (kind, names) => {
    for (const name of names) {
      const origin = originOf(kind, name)!;
      const fake = fakeName(keyed, kind, name, null);
      expect(inList(fakerList(origin.locale, kind, origin.gender), fake), `${name} → ${fake}`).toBe(true);
      expect(nameKey(fake)).not.toBe(nameKey(name));
    }
  });

  test('every name a Turkish or Polish list knows gets a fake of that origin and gender', () => {
    for (const locale of ['tr', 'pl']) {
      for (const gender of ['female', 'male'] as const) {
        for (const name of fakerList(locale, 'first', gender)
          .filter((n) => !/\s/.test(n))
          .slice(0, 150)) {
          const origin = originOf('first', name)!;
          if (origin.locale !== locale || origin.gender !== gender) continue; // also in a list that says more
          expect(inList(fakerList(locale, 'first', gender), fakeName(keyed, 'first', name, null)), name).toBe(
            true,
          );
        }
      }
    }
  });

  test('a name in Arabic or Cyrillic script gets one in the same script', () => {
    const arabic = fakerList('ar', 'first', 'female')[0]!;
    expect(fakeName(keyed, 'first', arabic, null)).toMatch(/^\p{Script=Arabic}+$/u);
    expect(fakeName(keyed, 'last', 'Шевченко', null)).toMatch(/^\p{Script=Cyrillic}+$/u);
    expect(fakeName(keyed, 'first', 'Тестовичка', null)).toMatch(/^\p{Script=Cyrillic}+$/u); // unknown
  });

  test('a name no list knows gets one from the default mix', () => {
    const mix = [...new Set(outputLocales)].flatMap((l) => fakerList(l, 'last'));
    for (const name of ['Testachternaam', 'Qwerty', 'Blaauwbroek'])
      expect(inList(mix, fakeName(keyed, 'last', name, null))).toBe(true);
  });
});

describe('one fake per name, wherever it is', () => {
  const first = make('firstName');
  const last = make('lastName');
  const full = make('fullName');
  const fatima = first('Fatima')!;
  const yilmaz = last('Yilmaz')!;

  test('case and Turkish spelling do not matter', () => {
    expect(first('FATIMA')).toBe(fatima.toUpperCase());
    expect(first('fatima')).toBe(fatima.toLowerCase());
    expect(last('YILMAZ')).toBe(yilmaz.toUpperCase());
    expect(last('Yılmaz')).toBe(yilmaz);
  });

  test('fullName in every format gives each word its firstName or lastName fake', () => {
    expect(full('YILMAZ, Fatima')).toBe(`${yilmaz.toUpperCase()}, ${fatima}`);
    expect(full('Fatima Yilmaz')).toBe(`${fatima} ${yilmaz}`);
    expect(full('FATIMA YILMAZ')).toBe(`${fatima} ${yilmaz}`.toUpperCase());
    expect(full('Yilmaz, Fatima Ayşe')).toBe(`${yilmaz}, ${fatima} ${first('Ayşe')}`);
    expect(full('Fatima van der Berg')).toBe(`${fatima} ${last('van der Berg')}`);
    expect(full('Berg, Fatima van der')).toBe(
      `${last('van der Berg')!.replace(/^van der /, '')}, ${fatima} van der`,
    );
  });

  test('initials become the initial of a keyed first name, in their case and format', () => {
    const out = full('Yilmaz, Fatima M.')!;
    expect(out).toMatch(new RegExp(`^${yilmaz}, ${fatima} \\p{Lu}\\.$`, 'u'));
    expect(full('F. Yilmaz')).toMatch(new RegExp(`^\\p{Lu}\\. ${yilmaz}$`, 'u'));
    expect(full('J.P. Balkenende')).toMatch(/^\p{Lu}\.\p{Lu}\. \p{Lu}\p{Ll}+$/u);
    expect(full('F. Yilmaz')).toBe(full('F. Yilmaz'));
  });

  test('free text: a name alone stays (the check reports no lone listed name), a full name each its own', () => {
    const real: RealValues = {
      isReal: () => false,
      nameRole: (word) => ({ yilmaz: 'last', jordan: 'last', fatima: 'first' })[nameKey(word)] as never,
    };
    // A single name many people have says nothing alone; a pair with the same person's other name would.
    expect(scrubText(keyed, 'Gesprek met Yilmaz.', 'any', real)).toBe('Gesprek met Yilmaz.');
    expect(scrubText(keyed, 'Jordan belde.', 'any', real)).toBe('Jordan belde.');
    expect(scrubText(keyed, 'Diploma van YILMAZ, Fatima ontvangen.', 'any', real)).toBe(
      `Diploma van ${full('YILMAZ, Fatima')} ontvangen.`,
    );
    expect(scrubText(keyed, 'Groeten, Fatima Yilmaz', 'any', real)).toBe(`Groeten, ${fatima} ${yilmaz}`);
    expect(scrubText(keyed, 'Bel Jan van der Berg of J. Jansen.')).toBe(
      `Bel ${full('Jan van der Berg')} of ${full('J. Jansen')}.`,
    );
  });

  test('a column long enough for the plain fake gets the same fake as one without a limit', () => {
    for (const name of ['Fatima', 'Johannes', 'Mehmet', 'Katarzyna'])
      expect(make('firstName', {}, varchar(40))(name)).toBe(first(name));
    expect(make('fullName', {}, varchar(60))('YILMAZ, Fatima')).toBe(full('YILMAZ, Fatima'));
  });

  test('another key, other fakes', () => {
    expect(make('firstName', {}, column(), otherKeyed)('Fatima')).not.toBe(fatima);
  });
});

describe('tussenvoegsels', () => {
  const last = make('lastName');

  test.each([
    ['van der Berg', /^van der (\S+)$/],
    ['Van der Berg', /^Van der (\S+)$/],
    ['de Vries', /^de (\S+)$/],
    ["van 't Hek", /^van 't (\S+)$/],
    ['VAN DAM', /^VAN (\S+)$/],
    ['Smit-de Vries', /^\S+-de (\S+)$/],
  ])('%s keeps its particles, with a Dutch surname after them', (input, shape) => {
    const out = last(input)!;
    const core = shape.exec(out)?.[1];
    expect(core, out).toBeDefined();
    expect(dutchCores([]).items.map(nameKey)).toContain(nameKey(core!));
    expect(nameKey(core!)).not.toBe(nameKey(input.split(/[\s-]/).at(-1)!));
  });

  test('particles alone stay; a lone de before a name of another language is no Dutch particle', () => {
    expect(last('van der')).toBe('van der');
    const souza = last('de Souza')!;
    expect(souza).toMatch(/^de \S+$/);
    expect(inList(fakerList('pt_BR', 'last'), souza.slice(3))).toBe(true);
  });
});

describe('links override the name', () => {
  const linked = (transform: string, links: Record<string, string>) => make(transform, links);

  test('nationality and gender choose the list; unknown values and no row change nothing', () => {
    const first = linked('firstName', { nationality: 'land', gender: 'geslacht' });
    const plain = make('firstName');
    const turkish = first('Jan', row({ land: 'Turkije', geslacht: 'V' }))!;
    expect(inList(fakerList('tr', 'first', 'female'), turkish)).toBe(true);
    expect(
      inList(fakerList('nl', 'first', 'female'), first('Jan', row({ land: 'NL', geslacht: 'vrouw' }))!),
    ).toBe(true);
    expect(first('Jan', row({ land: 'Atlantis', geslacht: 'X' }))).toBe(plain('Jan'));
    expect(first('Jan')).toBe(plain('Jan'));
  });

  test("a link's locale in another script is passed over for one in the value's", () => {
    const last = linked('lastName', { nationality: 'land' });
    expect(inList(fakerList('uk_latin', 'last'), last('Jansen', row({ land: 'Oekraïne' }))!)).toBe(true);
    expect(last('Шевченко', row({ land: 'UA' }))).toMatch(/^\p{Script=Cyrillic}+$/u);
    // Persian names are in Arabic script only: Latin letters fall back to the name's own list.
    expect(last('Jansen', row({ land: 'Iran' }))).toBe(make('lastName')('Jansen'));
  });

  test('fullName: the links hold for every word; the options declare the linked columns', () => {
    const full = linked('fullName', { nationality: 'land', gender: 'geslacht' });
    const out = full('YILMAZ, Fatima', row({ land: 'Polen', geslacht: 'F' }))!;
    const [surname, given] = out.split(', ');
    expect(inList(fakerList('pl', 'last'), surname!)).toBe(true);
    expect(inList(fakerList('pl', 'first', 'female'), given!)).toBe(true);
  });
});

describe('shapes and lengths', () => {
  const given = fc.constantFrom('Fatima', 'Jan', 'Anne-Marie', 'Mehmet', 'J.', 'Katarzyna');
  const surname = fc.constantFrom('Yilmaz', 'van der Berg', 'de Vries', 'Kowalski', 'Smit-Jansen', 'Jansen');
  const format = fc.constantFrom(
    (g: string, s: string) => `${g} ${s}`,
    (g: string, s: string) => `${s.toUpperCase()}, ${g}`,
    (g: string, s: string) => `${s}, ${g} M.`,
    (g: string, s: string) => `${g[0]}. ${s}`,
    (g: string, s: string) => `${g} ${s}`.toUpperCase(),
  );

  test('any format at any length: within the column, no real name word left', () => {
    fc.assert(
      fc.property(given, surname, format, fc.integer({ min: 5, max: 40 }), (g, s, f, max) => {
        const input = f(g, s);
        const out = make('fullName', {}, varchar(max))(input)!;
        expect([...out].length).toBeLessThanOrEqual(max);
        expect(out.trim().length).toBeGreaterThan(0);
        const names = new Set(
          [...input.matchAll(/\p{L}{2,}/gu)]
            .map((m) => nameKey(m[0]))
            .filter((w) => !['van', 'der', 'de'].includes(w)),
        );
        for (const word of out.matchAll(/\p{L}{2,}/gu))
          expect(names.has(nameKey(word[0])), `${input} → ${out}`).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  test('fakeName and fakeFullName keep case patterns of each word', () => {
    expect(fakeFullName(keyed, 'YILMAZ, Fatima', null)).toMatch(/^\p{Lu}+, \p{Lu}\p{Ll}+$/u);
    expect(fakeName(keyed, 'first', 'anne-marie', null)).toMatch(/^\p{Ll}+-\p{Ll}+$/u);
    expect(fakeName(keyed, 'last', 'Van der Berg', 12)).toMatch(/^Van der \p{Lu}\p{Ll}{1,3}$/u);
  });
});
