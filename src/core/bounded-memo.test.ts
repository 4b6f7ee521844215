import { expect, test } from 'vitest';
import { BoundedMemo } from './bounded-memo.js';

test('remembers computed values, null and false included, and starts over when full', () => {
  const memo = new BoundedMemo<string, string | null | false>(3);
  let calls = 0;
  const compute = (value: string | null | false) => () => {
    calls++;
    return value;
  };
  expect(memo.get('a', compute('A'))).toBe('A');
  expect(memo.get('b', compute(null))).toBe(null);
  expect(memo.get('c', compute(false))).toBe(false);
  expect([memo.get('a', compute('x')), memo.get('b', compute('x')), memo.get('c', compute('x'))]).toEqual([
    'A',
    null,
    false,
  ]);
  expect(calls).toBe(3);
  // A fourth key finds the memo full: it starts over, so 'a' is computed again.
  expect(memo.get('d', compute('D'))).toBe('D');
  expect(memo.get('a', compute('A2'))).toBe('A2');
  expect(calls).toBe(5);
});
