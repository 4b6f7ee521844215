import { expect, test } from 'vitest';
import { toLatin } from './cyrillic-latin.js';

test('Ukrainian names as Ukrainian passports write them (KMU 2010)', () => {
  expect(toLatin('Олена Шевченко', 'uk')).toBe('Olena Shevchenko');
  expect(toLatin('Юлія', 'uk')).toBe('Yuliia'); // ю at the start is yu, я inside ia
  expect(toLatin('Євгенія', 'uk')).toBe('Yevheniia');
  expect(toLatin('Згурський', 'uk')).toBe('Zghurskyi'); // зг is zgh, й at the end i
  expect(toLatin("Мар'яна", 'uk')).toBe('Mariana');
  expect(toLatin('Ігор Їжакевич', 'uk')).toBe('Ihor Yizhakevych');
});

test('Russian names as Russian passports write them (ICAO 9303)', () => {
  expect(toLatin('Фёдор Иванов', 'ru')).toBe('Fedor Ivanov');
  expect(toLatin('Юлия Щербакова', 'ru')).toBe('Iuliia Shcherbakova');
  expect(toLatin('ЭДУАРД', 'ru')).toBe('EDUARD');
});

test('capitals: a capital letter, or a word all in capitals', () => {
  expect(toLatin('ШЕВЧЕНКО Юрій', 'uk')).toBe('SHEVCHENKO Yurii');
  expect(toLatin('Щука', 'ru')).toBe('Shchuka');
});
