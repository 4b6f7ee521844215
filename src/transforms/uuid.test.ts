import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { column, keyed, make, otherKeyed, varchar } from './test-support.js';
import { everythingReal, RealSet, thrownBy } from './test-support-real.js';
import { fakeUuid } from './uuid.js';

const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const uuidColumn = column({ category: 'uuid', type: 'uuid' });

describe('uuid', () => {
  test('a canonical version 4 UUID, deterministic, never the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uuid(), fc.string()), (input) => {
        const fake = fakeUuid(keyed, input);
        expect(fake).toMatch(v4);
        expect(fake).not.toBe(input.toLowerCase());
        expect(fakeUuid(keyed, input)).toBe(fake);
      }),
      { numRuns: 2000 },
    );
  });

  test('one UUID in any spelling gets one fake', () => {
    const fake = fakeUuid(keyed, '123e4567-e89b-12d3-a456-426614174000');
    expect(fakeUuid(keyed, '{123E4567-E89B-12D3-A456-426614174000}')).toBe(fake);
    expect(fakeUuid(keyed, '123e4567e89b12d3a456426614174000')).toBe(fake);
  });

  test('depends on the key', () => {
    const inputs = fc.sample(fc.uuid(), 200);
    expect(inputs.every((i) => fakeUuid(keyed, i) !== fakeUuid(otherKeyed, i))).toBe(true);
  });

  test('never a real value: a first fake that is real is drawn again', () => {
    const inputs = fc.sample(fc.uuid(), 200);
    const firsts = inputs.map((i) => fakeUuid(keyed, i));
    const real = new RealSet([...inputs, ...firsts]);
    const fake = make('uuid', {}, uuidColumn, keyed, real);
    inputs.forEach((input, i) => {
      const out = fake(input)!;
      expect(out).toMatch(v4);
      expect(out).not.toBe(firsts[i]);
      expect(real.isReal('code', out)).toBe(false);
      expect(fake(input)).toBe(out);
    });
  });

  test('fills uuid and text columns of 36 characters or more', () => {
    expect(make('uuid', {}, varchar(36))('x')).toHaveLength(36);
    expect(() => make('uuid', {}, varchar(35))).toThrow(/36/);
    expect(() => make('uuid', {}, column({ category: 'integer', type: 'integer' }))).toThrow(/not integer/);
  });

  test('gives up cleanly, naming no value, when every draw is real', () => {
    const input = '123e4567-e89b-12d3-a456-426614174000';
    const error = thrownBy(() => fakeUuid(keyed, input, everythingReal));
    expect(error.code).toBe('LP_TRANSFORM');
    expect(error.message).not.toContain('123e4567');
  });
});
