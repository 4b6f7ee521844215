/**
 * Dutch mobiles are one-to-one: before, their 8 digits came from a digest, and a million distinct
 * mobiles shared thousands of fakes (6·10^7 numbers, birthday bound).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, test } from 'vitest';
import { fakePhone } from './phone.js';
import { column, keyed, make, otherKeyed, varchar } from './test-support.js';
import { everythingReal, RealSet, thrownBy } from './test-support-real.js';

/** `count` distinct Dutch mobiles as national digits ('612345678'), spread over all of them. */
function mobiles(count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => `6${'123458'[i % 6]}${String((((i - (i % 6)) / 6) * 7919) % 10_000_000).padStart(7, '0')}`,
  );
}

describe('phone: Dutch mobiles', () => {
  test('50,000 distinct mobiles get 50,000 distinct valid mobiles, none its own input', () => {
    const inputs = mobiles(50_000).map((national) => `0${national}`);
    const fakes = inputs.map((input) => fakePhone(keyed, input, null));
    expect(new Set(fakes).size).toBe(inputs.length);
    expect(fakes.filter((fake, i) => fake === inputs[i] || !/^06[1-58]\d{7}$/.test(fake))).toEqual([]);
    const sample = fakes.filter((_, i) => i % 500 === 0);
    expect(sample.every((fake) => parsePhoneNumberFromString(fake, 'NL')?.getType() === 'MOBILE')).toBe(true);
  });

  test('one number in every style gets the same digits, written in that style', () => {
    const fake = fakePhone(keyed, '0612345678', null).slice(1);
    expect(fakePhone(keyed, '06-12345678', null)).toBe(`06-${fake.slice(1)}`);
    expect(fakePhone(keyed, '+31 6 12345678', null)).toBe(`+31 6 ${fake.slice(1)}`);
    expect(fakePhone(keyed, '+31612345678', null)).toBe(`+31${fake}`);
    expect(fakePhone(keyed, '0031612345678', null)).toBe(`0031${fake}`);
    // Read by libphonenumber rather than the shortcut: still the same number.
    expect(fakePhone(keyed, '+31 (0)6 12345678', null)).toBe(`+31 6 ${fake.slice(1)}`);
  });

  test('depends on the key', () => {
    const inputs = mobiles(300).map((n) => `0${n}`);
    const differ = inputs.filter((i) => fakePhone(keyed, i, null) !== fakePhone(otherKeyed, i, null)).length;
    expect(differ).toBeGreaterThan(295);
  });

  test('never a real number: first fakes real, every input real, still one-to-one', () => {
    const inputs = mobiles(2000).map((n) => `06-${n.slice(1)}`);
    const firsts = inputs.map((i) => fakePhone(keyed, i, null));
    const real = new RealSet([...inputs, ...firsts.filter((_, i) => i % 2 === 0)]);
    const fake = make('phone', {}, column(), keyed, real);
    const fakes = inputs.map((i) => fake(i)!);
    expect(new Set(fakes).size).toBe(inputs.length);
    fakes.forEach((out, i) => {
      expect(real.isReal('phone', out)).toBe(false);
      expect(out).toMatch(/^06-[1-58]\d{7}$/);
      if (i % 2 === 0) expect(out).not.toBe(firsts[i]);
    });
  });

  test('fits the column: 10 characters hold every fake, one-to-one still', () => {
    const fake = make('phone', {}, varchar(10));
    const inputs = mobiles(5000).map((n) => `+31 ${n[0]} ${n.slice(1)}`);
    const fakes = new Set(inputs.map((i) => fake(i)!));
    expect([...fakes].every((f) => /^06\d{8}$/.test(f))).toBe(true);
    expect(fakes.size).toBe(inputs.length);
  });

  test('gives up cleanly, naming no value, when every number is real', () => {
    const error = thrownBy(() => fakePhone(keyed, '0612345678', null, everythingReal));
    expect(error.code).toBe('LP_TRANSFORM');
    expect(error.message).not.toContain('12345678');
  });
});
