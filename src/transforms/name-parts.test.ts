import { describe, expect, test } from 'vitest';
import {
  type NamePart,
  parseFullName,
  parseGivenNames,
  parseSurname,
  type RoleSource,
} from './name-parts.js';

/** Roles as the lists give them, the source knowing none: García and López surnames, Maria a first name. */
const listRoles: Record<string, 'first' | 'last'> = { garcía: 'last', lópez: 'last', maria: 'first' };
const lists: RoleSource = { role: (word) => listRoles[word.toLowerCase()] ?? null, sourceRole: () => null };
const source = (roles: Record<string, 'first' | 'last'>): RoleSource => ({
  role: (word) => roles[word.toLowerCase()] ?? null,
  sourceRole: (word) => roles[word.toLowerCase()] ?? null,
});

/** 'Jan=first van=particle Berg=last(van der)'. */
const show = (parts: readonly NamePart[]) =>
  parts
    .map((p) => `${p.text}=${p.role}${p.particles.length > 0 ? `(${p.particles.join(' ')})` : ''}`)
    .join(' ');

describe('parseFullName', () => {
  test.each([
    ['Fatima Yilmaz', 'Fatima=first Yilmaz=last'],
    ['FATIMA YILMAZ', 'FATIMA=first YILMAZ=last'],
    ['YILMAZ, Fatima', 'YILMAZ=last Fatima=first'],
    ['Yilmaz, Fatima M.', 'Yilmaz=last Fatima=first M=initial'],
    ['F. Yilmaz', 'F=initial Yilmaz=last'],
    ['J.P. Balkenende', 'J=initial P=initial Balkenende=last'],
    ['Jan van der Berg', 'Jan=first van=particle der=particle Berg=last(van der)'],
    ['Jan Van der Berg', 'Jan=first Van=particle der=particle Berg=last(Van der)'],
    ['Van der Berg', 'Van=particle der=particle Berg=last(Van der)'],
    ['de Vries', 'de=particle Vries=last(de)'],
    ["Anna van 't Hek", 'Anna=first van=particle t=particle Hek=last(van t)'],
    ['Berg, Jan van der', 'Berg=last(van der) Jan=first van=particle der=particle'],
    ['Vries, J. de', 'Vries=last(de) J=initial de=particle'],
    ['Jan-Willem de Vries', 'Jan=first Willem=first de=particle Vries=last(de)'],
    ['Anna Smit-Jansen', 'Anna=first Smit=last Jansen=last'],
    ['Jansen J.', 'Jansen=last J=initial'],
    ['Al Pacino', 'Al=first Pacino=last'],
    ['Mohammed El Amrani', 'Mohammed=first El=particle Amrani=last(El)'],
  ])('%s', (value, expected) => {
    expect(show(parseFullName(value, source({})))).toBe(expected);
  });

  test('words known only as last names before the last one belong to the surname', () => {
    expect(show(parseFullName('Maria García López', lists))).toBe('Maria=first García=last López=last');
  });

  test('two words the source knows as last then first name are read in that order', () => {
    const roles = source({ yilmaz: 'last', fatima: 'first' });
    expect(show(parseFullName('Yilmaz Fatima', roles))).toBe('Yilmaz=last Fatima=first');
    expect(show(parseFullName('Fatima Yilmaz', roles))).toBe('Fatima=first Yilmaz=last');
  });

  test('one word: a first name unless known as a last name; particles alone stay particles', () => {
    expect(show(parseFullName('Fatima', source({})))).toBe('Fatima=first');
    expect(show(parseFullName('Yilmaz', source({ yilmaz: 'last' })))).toBe('Yilmaz=last');
    expect(show(parseFullName('van der', source({})))).toBe('van=particle der=particle');
    expect(parseFullName('', source({}))).toEqual([]);
  });
});

describe('surnames and given names', () => {
  test.each([
    ['Jansen', 'Jansen=last'],
    ['van der Berg', 'van=particle der=particle Berg=last(van der)'],
    ["van 't Hek", 'van=particle t=particle Hek=last(van t)'],
    ['Smit-de Vries', 'Smit=last de=particle Vries=last(de)'],
    ['van der', 'van=particle der=particle'],
    ['García y López', 'García=last y=particle López=last(y)'],
  ])('lastName %s', (value, expected) => {
    expect(show(parseSurname(value))).toBe(expected);
  });

  test('first names: every word a given name, single letters initials', () => {
    expect(show(parseGivenNames('Anne-Marie'))).toBe('Anne=first Marie=first');
    expect(show(parseGivenNames('J.P.'))).toBe('J=initial P=initial');
    expect(show(parseGivenNames('Van'))).toBe('Van=first');
  });
});
