import fc from 'fast-check';
import { expect, test } from 'vitest';
import { formatArray, mapArray, parseArray } from '../adapters/pg-array.js';

test('parses quoted, NULL, empty and nested elements as PostgreSQL prints them', () => {
  expect(parseArray('{a,"b c",NULL,"","NULL"}').items).toEqual(['a', 'b c', null, '', 'NULL']);
  expect(parseArray('{{1,2},{3,NULL}}').items).toEqual([
    ['1', '2'],
    ['3', null],
  ]);
  expect(parseArray('{}').items).toEqual([]);
  expect(parseArray('[0:1]={x,y}')).toEqual({ dims: '[0:1]=', items: ['x', 'y'] });
  expect(parseArray('{"with \\"quotes\\", commas","back\\\\slash"}').items).toEqual([
    'with "quotes", commas',
    'back\\slash',
  ]);
});

test('format then parse gives the elements back', () => {
  fc.assert(
    fc.property(fc.array(fc.option(fc.string(), { nil: null })), (items) => {
      expect(parseArray(formatArray('', items)).items).toEqual(items);
    }),
    { numRuns: 1000 },
  );
});

test('mapArray applies a function to each non-null element and keeps the shape', () => {
  expect(mapArray('{{a,NULL},{b,c}}', (e) => e.toUpperCase())).toBe('{{A,NULL},{B,C}}');
  expect(mapArray('{x}', () => null)).toBe('{NULL}');
});
