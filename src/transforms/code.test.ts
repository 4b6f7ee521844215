import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fakeCode } from './code.js';
import { column, keyed, make, otherKeyed, varchar } from './test-support.js';
import { everythingReal, RealSet, thrownBy } from './test-support-real.js';

const shapeOf = (s: string) => s.replace(/[A-Z]/g, 'A').replace(/[a-z]/g, 'a').replace(/\d/g, '9');
const code = fc.stringMatching(/^[A-Za-z0-9]{1,4}[-/ .]?[A-Za-z0-9]{1,8}$/);

describe('code', () => {
  test('keeps the shape: kind and case per position, other characters as they were', () => {
    fc.assert(
      fc.property(fc.oneof(code, fc.string()), (input) => {
        const fake = fakeCode(keyed, input);
        expect(shapeOf(fake)).toBe(shapeOf(input));
        expect(fakeCode(keyed, input)).toBe(fake);
        if (/[A-Za-z0-9]/.test(input)) expect(fake).not.toBe(input);
        else expect(fake).toBe(input);
      }),
      { numRuns: 2000 },
    );
    expect(fakeCode(keyed, 'dossier é-77/b')).toMatch(/^[a-z]{7} é-\d\d\/[a-z]$/);
  });

  test('depends on the key', () => {
    const inputs = Array.from({ length: 500 }, (_, i) => `AB-${1000 + i}`);
    const differ = inputs.filter((i) => fakeCode(keyed, i) !== fakeCode(otherKeyed, i)).length;
    expect(differ).toBeGreaterThan(490);
  });

  test('one-to-one: every 4-digit code, and 100,000 codes of one shape, get distinct fakes', () => {
    const all = Array.from({ length: 10_000 }, (_, i) => String(i).padStart(4, '0'));
    expect(new Set(all.map((c) => fakeCode(keyed, c))).size).toBe(all.length);
    const many = Array.from({ length: 100_000 }, (_, i) => `ZK-${String(i * 37).padStart(7, '0')}`);
    expect(new Set(many.map((c) => fakeCode(keyed, c))).size).toBe(many.length);
  });

  test('long codes (beyond 2^52 values) are one-to-one too', () => {
    const inputs = Array.from({ length: 300 }, (_, i) => `DOSSIER-${String(i).padStart(12, '0')}-NL`);
    const fakes = inputs.map((c) => fakeCode(keyed, c));
    expect(new Set(fakes).size).toBe(inputs.length);
    expect(fakes.every((f) => /^[A-Z]{7}-\d{12}-[A-Z]{2}$/.test(f))).toBe(true);
  });

  test('one code in three spellings gets one fake in those spellings', () => {
    const fake = fakeCode(keyed, 'AB-1234');
    expect(fakeCode(keyed, 'AB 1234')).toBe(fake.replace('-', ' '));
    expect(fakeCode(keyed, 'ab-1234')).toBe(fake.toLowerCase());
  });

  test('never a real code: first fakes real, every input real, still one-to-one', () => {
    const inputs = Array.from({ length: 3000 }, (_, i) => `AB-${String(i * 3).padStart(4, '0')}`);
    const firsts = inputs.map((c) => fakeCode(keyed, c));
    const real = new RealSet(inputs);
    firsts.forEach((f, i) => {
      if (i % 2 === 0) real.add(f);
    });
    const fakes = inputs.map((c) => fakeCode(keyed, c, real));
    expect(new Set(fakes).size).toBe(inputs.length);
    fakes.forEach((fake, i) => {
      expect(real.isReal('code', fake)).toBe(false);
      expect(shapeOf(fake)).toBe('AA-9999');
      if (i % 2 === 0) expect(fake).not.toBe(firsts[i]);
    });
    // Through the registry, with real values: the same.
    expect(make('code', {}, column(), keyed, real)(inputs[0]!)).toBe(fakes[0]);
  });

  test('with no real value near, asks once per value and keeps the plain fake', () => {
    const real = new RealSet(['XX-0000']);
    const inputs = Array.from({ length: 200 }, (_, i) => `CD-${1000 + i}`);
    const fakes = inputs.map((c) => fakeCode(keyed, c, real));
    expect(real.calls).toBe(inputs.length);
    expect(fakes).toEqual(inputs.map((c) => fakeCode(keyed, c)));
  });

  test('keeps the length, so it fits wherever the input did', () => {
    const fake = make('code', {}, varchar(7));
    expect(fake('AB-1234')).toHaveLength(7);
  });

  test('gives up cleanly, naming no value, when every code is real', () => {
    const error = thrownBy(() => fakeCode(keyed, 'QQ-9876', everythingReal));
    expect(error.code).toBe('LP_TRANSFORM');
    expect(error.message).not.toContain('9876');
  });
});
