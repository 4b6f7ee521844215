/**
 * Registry-wide properties, over random inputs (fast-check, fixed seed): every transform is
 * deterministic, writes values valid for its kind, never returns its input (given the input as a
 * real value, as in a copy, where every input is one), and stays within the column's length.
 * A transform without an entry here fails the first test: new transforms must be covered.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isDutchPostcode, isEmail, isPhoneNumber, isValidBsn, isValidIban } from '../core/detectors.js';
import { foldText, wordsOf } from '../core/normalize.js';
import type { ColumnModel } from '../schema/model.js';
import { transforms } from './registry.js';
import { bsnFromPrefix, column, dutchIban, make, varchar } from './test-support.js';
import { charLength } from './text.js';
import type { RealValues } from './transform.js';

interface Property {
  readonly input: fc.Arbitrary<string>;
  readonly column?: ColumnModel;
  readonly valid?: (output: string, input: string) => boolean;
  /** Shortest varchar(n) it can fill, for the length property; null: no length property. */
  readonly shortest: number | null;
  /** Copies or may copy its input by design (keep), so "never the input" does not apply. */
  readonly mayKeep?: boolean;
  readonly options?: Record<string, unknown>;
}

const letters = (min: number, max: number) =>
  fc.stringMatching(new RegExp(`^[A-Z][a-z]{${min - 1},${max - 1}}$`));
const bsn = fc
  .integer({ min: 1, max: 99_999_999 })
  .map(bsnFromPrefix)
  .filter((b): b is string => b !== null);
const mobile = fc
  .tuple(
    fc.constantFrom(...'123458'),
    fc.integer({ min: 0, max: 9_999_999 }),
    fc.constantFrom('', '-', ' ', '+31 '),
  )
  .map(([second, rest, style]) => {
    const digits = `6${second}${String(rest).padStart(7, '0')}`;
    return style === '+31 '
      ? `+31 ${digits[0]} ${digits.slice(1)}`
      : `0${digits.slice(0, 1)}${style}${digits.slice(1)}`;
  });
const postcode = fc
  .tuple(fc.integer({ min: 1000, max: 9999 }), fc.stringMatching(/^[A-Z]{2}$/), fc.boolean())
  .filter(([, l]) => !['SA', 'SD', 'SS'].includes(l))
  .map(([n, l, space]) => `${n}${space ? ' ' : ''}${l}`);
const isoDate = fc
  .date({ min: new Date('1920-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const properties: Record<string, Property> = {
  keep: { input: fc.string(), shortest: null, mayKeep: true },
  null: { input: fc.string({ minLength: 1 }), shortest: 1 },
  redact: { input: fc.string({ minLength: 1 }).filter((s) => s !== '[redacted]'), shortest: 1 },
  hash: { input: fc.string({ minLength: 1 }), valid: (o) => /^[0-9a-f]+$/.test(o), shortest: 1 },
  code: {
    input: fc.stringMatching(/^[A-Z]{2}-\d{4}(-[a-z]{2})?$/),
    valid: (o, i) =>
      o.replace(/[A-Z]/g, 'A').replace(/\d/g, '9').replace(/[a-z]/g, 'a') ===
      i.replace(/[A-Z]/g, 'A').replace(/\d/g, '9').replace(/[a-z]/g, 'a'),
    shortest: null,
  },
  firstName: { input: letters(3, 10), valid: (o) => o.length > 0, shortest: 2 },
  lastName: { input: letters(3, 12), valid: (o) => o.length > 0, shortest: 2 },
  fullName: { input: fc.tuple(letters(3, 8), letters(3, 10)).map(([a, b]) => `${a} ${b}`), shortest: 5 },
  email: { input: fc.emailAddress(), valid: isEmail, shortest: 19 },
  phone: { input: mobile, valid: isPhoneNumber, shortest: 10 },
  bsn: { input: bsn, valid: isValidBsn, shortest: 9 },
  iban: {
    input: fc
      .tuple(fc.constantFrom('ABNA', 'RABO', 'INGB'), fc.integer({ min: 0, max: 9_999_999_999 }))
      .map(([b, n]) => dutchIban(b, n)),
    valid: isValidIban,
    shortest: 18,
  },
  postcode: { input: postcode, valid: isDutchPostcode, shortest: 6 },
  street: {
    input: fc.tuple(letters(3, 8), fc.integer({ min: 1, max: 400 })).map(([w, n]) => `${w}straat ${n}`),
    shortest: 6,
  },
  houseNumber: {
    input: fc
      .tuple(fc.integer({ min: 1, max: 999 }), fc.constantFrom('', 'a', 'B', '-2'))
      .map(([n, a]) => `${n}${a}`),
    valid: (o) => /^[1-9]\d*/.test(o),
    shortest: 1,
  },
  city: {
    input: fc.constantFrom('Utrecht', 'Amsterdam', 'Groningen', 'Zwolle', 'Ede', 'Plaats'),
    shortest: 3,
  },
  dateShift: {
    input: isoDate,
    column: column({ category: 'date', type: 'date' }),
    valid: (o) => /^\d{4}-\d{2}-\d{2}$/.test(o),
    shortest: null,
  },
  scrub: {
    input: fc
      .tuple(letters(3, 8), mobile, bsn)
      .map(([n, p, b]) => `Belde ${n} via ${p} (BSN ${b}) over het diploma.`),
    shortest: 1,
  },
  idDocument: {
    input: fc.stringMatching(/^[A-NP-Z]{2}[A-NP-Z1-9]{6}[1-9]$/),
    valid: (o) => /^[A-NP-Z]{2}[A-NP-Z1-9]{6}[1-9]$/.test(o),
    shortest: 9,
  },
  vNumber: {
    input: fc.integer({ min: 1_000_000_000, max: 9_999_999_999 }).map(String),
    valid: (o) => /^\d{10}$/.test(o),
    shortest: 10,
  },
  uuid: {
    input: fc.uuid(),
    valid: (o) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(o),
    shortest: 36,
  },
  ipAddress: { input: fc.ipV4(), valid: (o) => /^\d{1,3}(\.\d{1,3}){3}$/.test(o), shortest: 15 },
  number: {
    input: fc.integer({ min: 10, max: 1_000_000 }).map(String),
    column: column({ category: 'integer', type: 'integer' }),
    valid: (o) => /^-?\d+$/.test(o),
    shortest: null,
  },
  json: {
    input: fc
      .tuple(fc.emailAddress(), fc.string())
      .map(([e, s]) => JSON.stringify({ email: e, note: `${s} x` })),
    column: column({ category: 'json', type: 'jsonb' }),
    valid: (o) => typeof JSON.parse(o) === 'object',
    shortest: null,
  },
};

/** The input as the one real value of the source, spelled any way (as the fingerprints answer). */
function realInput(input: string): RealValues {
  const fold = (v: string) => foldText(v).replace(/[^\p{L}\p{N}]/gu, '');
  const words = new Set(wordsOf(input).map((w) => w.key));
  return {
    isReal: (kind, v) =>
      kind === 'name' ? wordsOf(v).some((w) => words.has(w.key)) : fold(v) === fold(input),
    nameRole: () => null,
  };
}

const runs = { numRuns: 60 };

test('every transform in the registry has properties here', () => {
  expect(Object.keys(properties).sort()).toEqual([...transforms.keys()].sort());
});

describe.each(Object.keys(properties))('%s', (name) => {
  const p = properties[name]!;
  const col = p.column ?? column();

  test('deterministic, and valid for its kind', () => {
    fc.assert(
      fc.property(p.input, (input) => {
        const a = make(name, p.options, col)(input);
        const b = make(name, p.options, col)(input);
        expect(a).toBe(b);
        if (a !== null && p.valid)
          expect(p.valid(a, input), `${name}(${JSON.stringify(input)}) = ${JSON.stringify(a)}`).toBe(true);
      }),
      runs,
    );
  });

  test.skipIf(p.mayKeep === true)('never returns its input', () => {
    fc.assert(
      fc.property(p.input, (input) => {
        const out = make(name, p.options, col, undefined, realInput(input))(input);
        expect(out, `${name} returned its input`).not.toBe(input);
      }),
      runs,
    );
  });

  test.skipIf(p.shortest === null)('stays within the column length', () => {
    fc.assert(
      fc.property(p.input, fc.integer({ min: p.shortest ?? 1, max: 40 }), (input, max) => {
        const out = make(name, p.options, varchar(max))(input);
        if (out !== null) expect(charLength(out), `${name} in varchar(${max})`).toBeLessThanOrEqual(max);
      }),
      runs,
    );
  });
});
