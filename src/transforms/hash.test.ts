import { describe, expect, test } from 'vitest';
import { column, make, varchar } from './test-support.js';

describe('hash', () => {
  test('hex by default, 16 characters or the column limit', () => {
    expect(make('hash')('x')).toMatch(/^[0-9a-f]{16}$/);
    expect(make('hash', {}, varchar(10))('x')).toMatch(/^[0-9a-f]{10}$/);
    expect(make('hash', { length: 100 })('x')).toMatch(/^[0-9a-f]{100}$/);
    expect(make('hash', { length: 100 })('x')!.slice(0, 16)).toBe(make('hash')('x'));
  });

  test('alphanumeric uses letters and digits', () => {
    const out = make('hash', { alphabet: 'alphanumeric', length: 200 })('x')!;
    expect(out).toMatch(/^[0-9A-Za-z]{200}$/);
    expect(new Set(out).size).toBeGreaterThan(50);
  });

  test('integer columns get a positive number in the type range', () => {
    const small = make('hash', {}, column({ category: 'integer', type: 'smallint' }));
    const big = make('hash', {}, column({ category: 'integer', type: 'bigint' }));
    for (let i = 0; i < 500; i++) {
      const n = Number(small(String(i)));
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(32_767);
      expect(Number(big(String(i)))).toBeLessThan(2 ** 48);
    }
  });

  test('refuses unique columns where collisions would be likely', () => {
    expect(() => make('hash', {}, varchar(8, { unique: true }))).toThrow(/at least 12 hex/);
    expect(() => make('hash', { alphabet: 'alphanumeric' }, varchar(9, { unique: true }))).not.toThrow();
    expect(() => make('hash', {}, column({ category: 'integer', type: 'integer', unique: true }))).toThrow(
      /bigint/,
    );
    expect(() =>
      make('hash', {}, column({ category: 'integer', type: 'bigint', unique: true })),
    ).not.toThrow();
  });

  test('is one-to-one in practice on 100,000 inputs at the default length', () => {
    const hash = make('hash');
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(hash(String(i))!);
    expect(seen.size).toBe(100_000);
  });
});
