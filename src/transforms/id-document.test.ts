import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fakeCode } from './code.js';
import { fakeIdDocument } from './id-document.js';
import { column, keyed, make, otherKeyed, varchar } from './test-support.js';
import { everythingReal, RealSet, thrownBy } from './test-support-real.js';

const letter = fc.constantFrom(...'ABCDEFGHIJKLMNPQRSTUVWXYZ'); // no O
const digit = fc.constantFrom(...'123456789'); // no 0
/** Numbers as issued since 2019: 2 letters, 6 letters or digits, 1 digit; no O, no 0. */
const current = fc
  .tuple(
    fc.array(letter, { minLength: 2, maxLength: 2 }),
    fc.array(fc.oneof(letter, digit), { minLength: 6, maxLength: 6 }),
    digit,
  )
  .map(([head, middle, last]) => [...head, ...middle, last].join(''));
/** Older numbers may hold a 0. */
const older = fc.stringMatching(/^[A-NP-Z]{2}[A-NP-Z0-9]{6}[0-9]$/);
const kinds = (s: string) => s.replace(/[A-Z]/g, 'A').replace(/[a-z]/g, 'a').replace(/\d/g, '9');

describe('idDocument', () => {
  test('keeps kind and case per position, never writes O or 0, never returns the input', () => {
    fc.assert(
      fc.property(fc.oneof(current, older), fc.boolean(), (number, lower) => {
        const input = lower ? number.toLowerCase() : number;
        const fake = fakeIdDocument(keyed, input);
        expect(kinds(fake)).toBe(kinds(input));
        expect(fake).not.toMatch(/[Oo0]/);
        expect(fake).not.toBe(input);
        expect(fakeIdDocument(keyed, input)).toBe(fake);
      }),
      { numRuns: 3000 },
    );
  });

  test('depends on the key', () => {
    const inputs = fc.sample(current, 300);
    const differ = inputs.filter((i) => fakeIdDocument(keyed, i) !== fakeIdDocument(otherKeyed, i)).length;
    expect(differ).toBeGreaterThan(295);
  });

  test('one-to-one over 100,000 current numbers', () => {
    const inputs = Array.from({ length: 100_000 }, (_, i) => {
      let n = i * 7;
      let rest = '';
      for (let p = 0; p < 7; p++) {
        rest = String(1 + (n % 9)) + rest;
        n = Math.floor(n / 9);
      }
      return `NX${rest}`;
    });
    const fakes = new Set(inputs.map((i) => fakeIdDocument(keyed, i)));
    expect(fakes.size).toBe(inputs.length);
  });

  test('never a real number: first fakes real, every input real (0s included), still one-to-one', () => {
    const inputs = [...new Set([...fc.sample(current, 1500), ...fc.sample(older, 1500)])];
    const firsts = inputs.map((i) => fakeIdDocument(keyed, i));
    const real = new RealSet([...inputs, ...firsts]);
    const fakes = inputs.map((i) => fakeIdDocument(keyed, i, real));
    expect(new Set(fakes).size).toBe(inputs.length);
    fakes.forEach((fake, i) => {
      expect(real.isReal('code', fake)).toBe(false);
      expect(fake).not.toBe(firsts[i]);
      expect(fake).not.toMatch(/[Oo0]/);
    });
    expect(make('idDocument', {}, column(), keyed, real)(inputs[0]!)).toBe(fakes[0]);
  });

  test('anything else is treated as code treats it', () => {
    for (const input of ['AB-1234', 'NXK1R2J8', 'NXK1R2J84X', '1XK1R2J84', 'NXK1R2J8A'])
      expect(fakeIdDocument(keyed, input)).toBe(fakeCode(keyed, input));
  });

  test('keeps the length, so it fits a varchar(9)', () => {
    expect(make('idDocument', {}, varchar(9))('NXK1R2J84')).toHaveLength(9);
  });

  test('gives up cleanly, naming no value, when every number is real', () => {
    const error = thrownBy(() => fakeIdDocument(keyed, 'NXK1R2J84', everythingReal));
    expect(error.code).toBe('LP_TRANSFORM');
    expect(error.message).not.toContain('NXK1R2J84');
  });
});
