import { describe, expect, test } from 'vitest';
import { Keyed } from '../core/keyed.js';
import { LeakproofError } from '../errors.js';
import { oneToOneFake, type Stop } from './one-to-one.js';

const keyed = new Keyed('k');
const digits = '0123456789';
const free = (): Stop => 'free';

/** Every value of a small space: 3 digits and a letter from 'abc'. */
const alphabets = [digits, digits, digits, 'abc'];
const space = Array.from(
  { length: 3000 },
  (_, i) => `${String(Math.floor(i / 3)).padStart(3, '0')}${'abc'[i % 3]}`,
);

describe('oneToOneFake', () => {
  test('without real values: a permutation of the space with no fixed point', () => {
    const fakes = space.map((s) => oneToOneFake(keyed, 'test', alphabets, s, free, 'test'));
    expect(new Set(fakes).size).toBe(space.length);
    expect(fakes.every((f, i) => f !== space[i] && /^\d{3}[abc]$/.test(f))).toBe(true);
  });

  test('every input real and a third of the space besides: still one-to-one, no fake real', () => {
    const real = new Set(space.filter((_, i) => i % 3 === 0));
    const inputs = [...real];
    const stop = (s: string): Stop => (real.has(s) ? 'real' : 'free');
    const fakes = inputs.map((s) => oneToOneFake(keyed, 'test', alphabets, s, stop, 'test'));
    expect(new Set(fakes).size).toBe(inputs.length);
    expect(fakes.some((f) => real.has(f))).toBe(false);
  });

  test('skipped stops are never fakes, and the fakes of the rest are one-to-one', () => {
    const skip = (s: string) => s.includes('0');
    const stop = (s: string): Stop => (skip(s) ? 'skip' : 'free');
    const inputs = space.filter((s) => !skip(s));
    const fakes = inputs.map((s) => oneToOneFake(keyed, 'test', alphabets, s, stop, 'test'));
    expect(new Set(fakes).size).toBe(inputs.length);
    expect(fakes.some(skip)).toBe(false);
  });

  test('big spaces walk over bigints the same way', () => {
    const long = Array.from({ length: 20 }, () => digits);
    const inputs = Array.from({ length: 200 }, (_, i) => String(10n ** 19n + BigInt(i) * 7919n));
    const fakes = inputs.map((s) => oneToOneFake(keyed, 'test', long, s, free, 'test'));
    expect(new Set(fakes).size).toBe(inputs.length);
    expect(fakes.every((f, i) => /^\d{20}$/.test(f) && f !== inputs[i])).toBe(true);
    expect(oneToOneFake(keyed, 'test', long, inputs[0]!, free, 'test')).toBe(fakes[0]);
  });

  test('gives up with LP_TRANSFORM, naming no value, when everything is real', () => {
    let error: unknown;
    try {
      oneToOneFake(keyed, 'test', [digits, digits], '42', () => 'real', 'someTransform');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LeakproofError);
    expect((error as LeakproofError).code).toBe('LP_TRANSFORM');
    expect((error as LeakproofError).message).toMatch(/^someTransform: /);
    expect((error as LeakproofError).message).not.toContain('42');
  });
});
