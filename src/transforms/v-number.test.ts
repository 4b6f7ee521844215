import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fakeCode } from './code.js';
import { column, keyed, make, otherKeyed, varchar } from './test-support.js';
import { everythingReal, RealSet, thrownBy } from './test-support-real.js';
import { fakeVNumber } from './v-number.js';

const tenDigits = fc.stringMatching(/^\d{10}$/);
const separated = fc
  .tuple(tenDigits, fc.constantFrom('', ' ', '.', '-'))
  .map(([d, sep]) => (sep === '' ? d : `${d.slice(0, 2)}${sep}${d.slice(2, 6)}${sep}${d.slice(6)}`));
const bigint = column({ category: 'integer', type: 'bigint' });

describe('vNumber', () => {
  test('10 digits, separators where they were, never the input, deterministic', () => {
    fc.assert(
      fc.property(separated, (input) => {
        const fake = fakeVNumber(keyed, input);
        expect(fake.replace(/\d/g, '9')).toBe(input.replace(/\d/g, '9'));
        expect(fake).not.toBe(input);
        expect(fakeVNumber(keyed, input)).toBe(fake);
      }),
      { numRuns: 2000 },
    );
  });

  test('one number, however separated, gets one fake', () => {
    const fake = fakeVNumber(keyed, '1234567890');
    expect(fakeVNumber(keyed, '12 3456 7890')).toBe(
      `${fake.slice(0, 2)} ${fake.slice(2, 6)} ${fake.slice(6)}`,
    );
  });

  test('depends on the key', () => {
    const inputs = fc.sample(tenDigits, 300);
    const differ = inputs.filter((i) => fakeVNumber(keyed, i) !== fakeVNumber(otherKeyed, i)).length;
    expect(differ).toBeGreaterThan(295);
  });

  test('one-to-one over 100,000 numbers', () => {
    const inputs = Array.from({ length: 100_000 }, (_, i) => String(1_000_000_000 + i * 89_989));
    expect(new Set(inputs.map((i) => fakeVNumber(keyed, i))).size).toBe(inputs.length);
  });

  test('in a bigint column: numbers that lost leading zeros are read as 10 digits, written as numbers', () => {
    const fake = make('vNumber', {}, bigint);
    const short = fake('123456789')!;
    expect(short).toMatch(/^[1-9]\d{0,9}$/);
    expect(short).toBe(String(Number(fakeVNumber(keyed, '0123456789'))));
    expect(() => make('vNumber', {}, column({ category: 'integer', type: 'integer' }))).toThrow(/bigint/);
  });

  test('never a real number: first fakes real, every input real, still one-to-one', () => {
    const inputs = [...new Set(fc.sample(separated, 3000))];
    const firsts = inputs.map((i) => fakeVNumber(keyed, i));
    const real = new RealSet([...inputs, ...firsts.filter((_, i) => i % 2 === 0)]);
    const fakes = inputs.map((i) => fakeVNumber(keyed, i, false, real));
    expect(new Set(fakes.map((f) => f.replace(/\D/g, ''))).size).toBe(
      new Set(inputs.map((i) => i.replace(/\D/g, ''))).size,
    );
    fakes.forEach((fake, i) => {
      expect(real.isReal('code', fake)).toBe(false);
      if (i % 2 === 0) expect(fake).not.toBe(firsts[i]);
    });
    expect(make('vNumber', {}, column(), keyed, real)(inputs[0]!)).toBe(fakes[0]);
  });

  test('anything else is treated as code treats it', () => {
    for (const input of ['123456789', '12345678901', 'V1234567890', '1234 567 890 x'])
      expect(fakeVNumber(keyed, input)).toBe(fakeCode(keyed, input));
  });

  test('keeps the length, so it fits a varchar(10)', () => {
    expect(make('vNumber', {}, varchar(10))('1234567890')).toHaveLength(10);
  });

  test('gives up cleanly, naming no value, when every number is real', () => {
    const error = thrownBy(() => fakeVNumber(keyed, '1234567890', false, everythingReal));
    expect(error.code).toBe('LP_TRANSFORM');
    expect(error.message).not.toContain('1234567890');
  });
});
