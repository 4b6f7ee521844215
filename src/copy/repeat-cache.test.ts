import { describe, expect, test } from 'vitest';
import { cachingRepeats } from './repeat-cache.js';

/** A transform that counts its calls, so the test sees which values the cache answered. */
function counted() {
  const calls = { n: 0 };
  const transform = (value: string) => {
    calls.n++;
    return value === 'gone' ? null : `fake of ${value}`;
  };
  return { calls, transform };
}

describe('cachingRepeats', () => {
  test('answers repeated values from the cache with the same fake, nulls included', () => {
    const { calls, transform } = counted();
    const cached = cachingRepeats(transform);
    const values = ['jan', 'piet', 'jan', 'gone', 'jan', 'gone', 'piet'];
    expect(values.map((v) => cached(v))).toEqual(values.map((v) => transform(v)));
    calls.n = 0;
    for (const v of values) cached(v);
    expect(calls.n).toBe(0);
  });

  test('steps aside for columns of distinct values, and stays correct', () => {
    const { calls, transform } = counted();
    const cached = cachingRepeats(transform);
    for (let i = 0; i < 20_000; i++) expect(cached(`person ${i}`)).toBe(`fake of person ${i}`);
    calls.n = 0;
    // Once the trial has shown almost no repeats, nothing is cached any more.
    cached('person 19999');
    expect(calls.n).toBe(1);
  });

  test('does not hold free text', () => {
    const { calls, transform } = counted();
    const cached = cachingRepeats(transform);
    const note = 'x'.repeat(500);
    cached(note);
    cached(note);
    expect(calls.n).toBe(2);
  });
});
