import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isEmail } from '../core/detectors.js';
import { fakeEmail } from './email.js';
import { keyed, make, varchar } from './test-support.js';
import { asciiSlug } from './text.js';

describe('email', () => {
  test('200,000 distinct addresses get 200,000 distinct fakes at reserved domains', () => {
    const fakes = new Set<string>();
    for (let i = 0; i < 200_000; i++) {
      const fake = fakeEmail(keyed, `gebruiker${i}@example.com`, undefined, null);
      fakes.add(fake);
    }
    expect(fakes.size).toBe(200_000);
    for (const fake of [...fakes].slice(0, 2000)) {
      expect(isEmail(fake)).toBe(true);
      expect(fake).toMatch(/^[a-z]+(\.[a-z]+)*\.\d{7}@example\.(com|net|org)$/);
    }
  });

  test('case and spaces around an address do not change its fake', () => {
    expect(fakeEmail(keyed, ' Iemand@Example.COM ', undefined, null)).toBe(
      fakeEmail(keyed, 'iemand@example.com', undefined, null),
    );
  });

  test('option domain replaces the reserved ones, and is checked', () => {
    expect(make('email', { domain: 'test.invalid' })('a@b.nl')).toMatch(/@test\.invalid$/);
    expect(() => make('email', { domain: 'not a domain' })).toThrow();
  });

  test('fits any column from 19 characters up, staying a valid address', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.integer({ min: 19, max: 60 }), (input, n) => {
        const fake = make('email', {}, varchar(n))(input)!;
        expect(fake.length).toBeLessThanOrEqual(n);
        expect(isEmail(fake)).toBe(true);
        expect(fake).not.toMatch(/\.\.|^\.|\.@/);
      }),
      { numRuns: 500 },
    );
    expect(() => make('email', {}, varchar(18))).toThrow(/at least 19/);
  });
});

test('an address made of names gets the fakes of those names, as their columns get them', () => {
  const first = make('firstName')('Fatima')!;
  const last = make('lastName')('Yilmaz')!;
  const slug = (name: string) =>
    name
      .split(/[\s-]+/)
      .map(asciiSlug)
      .join('.');
  expect(make('email')('fatima.yilmaz82@mailbox.test')).toMatch(
    new RegExp(`^${slug(first)}\\.${slug(last)}\\.\\d{7}@example\\.(com|net|org)$`),
  );
  // Not a name: the keyed names as before.
  expect(make('email')('info@school.test')).toMatch(/^[a-z]+\.[a-z]+\.\d{7}@example\.(com|net|org)$/);
});
