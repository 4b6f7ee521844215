import { allLocales } from '@faker-js/faker';
import { describe, expect, test } from 'vitest';
import { toLatin } from './cyrillic-latin.js';
import { dutchCores, mixFor, originOf, scriptOf } from './name-origins.js';
import { nameKey, outputLocales } from './names.js';

/** A locale's names of one kind (and gender), straight from faker. */
function fakerList(locale: string, kind: 'first' | 'last', gender?: 'female' | 'male'): string[] {
  const data = (allLocales as Record<string, { person?: Record<string, unknown> }>)[locale]?.person?.[
    kind === 'first' ? 'first_name' : 'last_name'
  ] as string[] | Record<string, string[]> | undefined;
  if (data === undefined) return [];
  if (Array.isArray(data)) return data;
  return gender === undefined ? Object.values(data).flat() : (data[gender] ?? []);
}

describe('originOf', () => {
  test.each([
    ['first', 'Mehmet', 'tr', 'male'],
    ['first', 'Fatma', 'tr', 'female'],
    ['first', 'Krzysztof', 'pl', 'male'],
    ['first', 'Katarzyna', 'pl', 'female'],
    ['first', 'Andrea', 'it', 'male'],
    ['first', 'Jan', 'nl', 'male'],
    ['first', 'Sanne', 'nl', 'female'],
    ['first', 'Olena', 'uk_latin', 'female'],
    ['first', 'Олена', 'uk', 'female'],
    ['last', 'Yılmaz', 'tr', null],
    ['last', 'Kowalski', 'pl', null],
    ['last', 'Nowak', 'pl', null],
    ['last', 'Jansen', 'nl', null],
    ['last', 'Shevchenko', 'uk_latin', null],
  ] as const)('%s name %s: %s, %s', (kind, name, locale, gender) => {
    expect(originOf(kind, name)).toEqual({ locale, gender });
  });

  test('case, Turkish dotless i and missing accents do not matter', () => {
    const yilmaz = originOf('last', 'Yılmaz');
    expect(originOf('last', 'YILMAZ')).toEqual(yilmaz);
    expect(originOf('last', 'yilmaz')).toEqual(yilmaz);
    expect(originOf('first', 'Ayşe')).toEqual(originOf('first', 'Ayse'));
  });

  test('names in Arabic script are from the Arabic list; unknown names from nowhere', () => {
    const [female] = fakerList('ar', 'first', 'female');
    expect(originOf('first', female!)).toEqual({ locale: 'ar', gender: 'female' });
    expect(originOf('first', 'Testvoornaam')).toBeNull();
    expect(originOf('last', 'Qwxyzzy')).toBeNull();
  });

  // (Names compared as nameKey does: 'Anıl' is 'Anil', as 'YILMAZ' is 'Yılmaz'.)
  test('a name only a Turkish, Polish or Dutch list has is from that list', () => {
    for (const [locale, kind] of [
      ['tr', 'last'],
      ['tr', 'first'],
      ['pl', 'last'],
      ['pl', 'first'],
      ['nl', 'first'],
    ] as const) {
      const others = Object.keys(allLocales).filter((other) => other.split('_')[0] !== locale);
      const elsewhere = new Set([
        ...others.flatMap((other) => fakerList(other, kind).map(nameKey)),
        // Ukrainian and Russian names in Latin letters count too ('Дзюба' is 'Dziuba').
        ...(['uk', 'ru'] as const).flatMap((l) =>
          fakerList(l, kind).map((name) => nameKey(toLatin(name, l))),
        ),
      ]);
      const own = fakerList(locale, kind).filter((name) => !/\s/.test(name) && !elsewhere.has(nameKey(name)));
      expect(own.length).toBeGreaterThan(100);
      for (const name of own) expect(originOf(kind, name)?.locale, name).toBe(locale);
    }
  });

  test('a name in many lists is Dutch when a Dutch list has it, unless a list that says more has it', () => {
    expect(originOf('first', 'Anna')?.locale).toBe('nl');
    expect(originOf('first', 'Mohammed')?.locale).toBe('nl'); // faker has Arabic only in Arabic script
    expect(originOf('first', 'Mustafa')?.locale).toBe('tr');
  });
});

describe('mixes and cores', () => {
  test('an unknown name is drawn from its own script', () => {
    expect(mixFor('first', 'Testvoornaam')).toBe(outputLocales);
    expect(mixFor('first', 'Тестович')).toContain('ru');
    expect(mixFor('first', 'Тестович')).not.toContain('nl');
    expect(mixFor('last', 'اختبار')).toContain('ar');
    expect(scriptOf('Ελένη')).toBe('Greek');
    expect(scriptOf('123')).toBeNull();
  });

  test("Dutch surname cores follow their particles when faker has enough of them ('de' → Vries, Jong…)", () => {
    const de = dutchCores(['de']).items;
    expect(de).toContain('Vries');
    expect(de).not.toContain('Meulen'); // only after 'van der'
    expect(dutchCores(['van', 'der']).items).toContain('Meulen');
    expect(dutchCores(['van', 't']).items.length).toBeGreaterThan(de.length); // none with 't: all cores
    for (const core of dutchCores([]).items) expect(core).toMatch(/^\p{Lu}\p{Ll}+$/u);
  });
});
