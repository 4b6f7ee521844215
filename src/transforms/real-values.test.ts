/**
 * Generators never produce a real value: a fake that is marked real is drawn again, the new draw is
 * still valid, fits its column and is deterministic, and without real values nothing changes.
 */
import { describe, expect, test } from 'vitest';
import { isNameParticle } from '../check/fingerprints/fingerprint-row.js';
import {
  findIdentifiers,
  isDutchPostcode,
  isEmail,
  isPhoneNumber,
  isValidBsn,
  isValidIban,
} from '../core/detectors.js';
import { LeakproofError } from '../errors.js';
import type { ColumnModel } from '../schema/model.js';
import { fakeBsnDigits } from './bsn.js';
import { fakeName } from './fake-name.js';
import { scrubJson } from './json.js';
import { nameDictionary } from './names.js';
import { fakePhone } from './phone.js';
import { scrubText } from './scrub.js';
import { bsnFromPrefix, column, dutchIban, keyed, make, manyBsns, varchar } from './test-support.js';
import type { RealValueKind, RealValues } from './transform.js';

/** The words of a name as the fingerprints take them: particles ('de', 'van') name nobody. */
const nameWords = (value: string) =>
  value
    .toLowerCase()
    .split(/[^\p{L}\p{M}]+/u)
    .filter((word) => word !== '' && !isNameParticle(word));

/** One spelling per value, roughly as the real answerer normalizes (phones as +31 digits). */
function normal(kind: RealValueKind, value: string): string {
  if (kind === 'email') return value.trim().toLowerCase();
  if (kind === 'phone') return value.replace(/\D/g, '').replace(/^00/, '').replace(/^0/, '31');
  if (kind === 'bsn') return value.replace(/\D/g, '').padStart(9, '0'); // an integer column drops zeros
  return value.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
}

/** A set of real values that counts how often it is asked. */
class RealSet implements RealValues {
  readonly #values = new Set<string>();
  readonly #names = new Set<string>();
  calls = 0;

  constructor(entries: Iterable<readonly [RealValueKind, string]> = []) {
    for (const [kind, value] of entries) this.add(kind, value);
  }

  add(kind: RealValueKind, value: string): this {
    if (kind === 'name') for (const word of nameWords(value)) this.#names.add(word);
    else this.#values.add(`${kind}:${normal(kind, value)}`);
    return this;
  }

  isReal(kind: RealValueKind, value: string): boolean {
    this.calls++;
    if (kind === 'name') return nameWords(value).some((word) => this.#names.has(word));
    return this.#values.has(`${kind}:${normal(kind, value)}`);
  }
}

interface Case {
  readonly transform: string;
  readonly kind: RealValueKind;
  readonly col: ColumnModel;
  readonly inputs: readonly string[];
  readonly valid: (fake: string) => boolean;
}

const bsns = manyBsns(40);
const cases: readonly Case[] = [
  { transform: 'bsn', kind: 'bsn', col: column(), inputs: bsns, valid: isValidBsn },
  {
    transform: 'bsn',
    kind: 'bsn',
    col: column({ category: 'integer', type: 'bigint' }),
    inputs: bsns,
    valid: (fake) => isValidBsn(fake.padStart(9, '0')),
  },
  {
    transform: 'iban',
    kind: 'iban',
    col: varchar(18),
    inputs: Array.from({ length: 40 }, (_, i) => dutchIban('INGB', 1_000_003 * i)),
    valid: isValidIban,
  },
  {
    transform: 'iban',
    kind: 'iban',
    col: column(),
    inputs: Array.from({ length: 40 }, (_, i) => `DE89 3704 0044 0532 0130 ${String(i).padStart(2, '0')}`),
    valid: isValidIban,
  },
  {
    transform: 'phone',
    kind: 'phone',
    col: varchar(20),
    inputs: Array.from({ length: 40 }, (_, i) =>
      i % 2 === 0 ? `06-${String(11_110_000 + i)}` : `010 111 ${String(2200 + i)}`,
    ),
    valid: isPhoneNumber,
  },
  {
    transform: 'phone',
    kind: 'phone',
    col: column(),
    inputs: ['+32 470 12 34 56', '+49 30 12345678', '+44 20 7946 0958', '+1 202 555 0143'],
    valid: isPhoneNumber,
  },
  {
    transform: 'email',
    kind: 'email',
    col: varchar(30),
    inputs: Array.from({ length: 40 }, (_, i) => `persoon${i}@example.com`),
    valid: isEmail,
  },
  {
    transform: 'postcode',
    kind: 'postcode',
    col: varchar(6),
    inputs: Array.from({ length: 40 }, (_, i) => `${1000 + 97 * i}AB`),
    valid: isDutchPostcode,
  },
  {
    transform: 'postcode',
    kind: 'postcode',
    col: column(),
    inputs: Array.from({ length: 40 }, (_, i) => `${1000 + 97 * i} XY`),
    valid: isDutchPostcode,
  },
  ...(['firstName', 'lastName', 'fullName'] as const).map(
    (transform): Case => ({
      transform,
      kind: 'name',
      col: varchar(transform === 'fullName' ? 14 : 8),
      inputs: ['Johannes', 'Fatima', 'Jansen', 'Yılmaz', 'de Vries', 'Anna Bakker', 'PIET', 'kees'],
      valid: (fake) => /^[\p{L}\p{M}' -]+$/u.test(fake),
    }),
  ),
];

const label = (c: Case) => `${c.transform} (${c.col.type})`;

describe('a real first draw is drawn again', () => {
  test.each(cases.map((c) => [label(c), c] as const))('%s', (_, c) => {
    const plain = make(c.transform, {}, c.col);
    const firsts = c.inputs.map((input) => plain(input)!);
    const real = new RealSet(firsts.map((fake) => [c.kind, fake] as const));
    const avoiding = make(c.transform, {}, c.col, keyed, real);
    const again = make(c.transform, {}, c.col, keyed, real);
    c.inputs.forEach((input, i) => {
      const fake = avoiding(input)!;
      expect(normal(c.kind, fake)).not.toBe(normal(c.kind, firsts[i]!));
      expect(real.isReal(c.kind, fake)).toBe(false);
      expect(c.valid(fake)).toBe(true);
      if (c.col.maxLength !== null) expect([...fake].length).toBeLessThanOrEqual(c.col.maxLength);
      expect(again(input)).toBe(fake);
    });
  });
});

describe('without a real draw nothing changes, at one question per value (per name word)', () => {
  test.each(cases.map((c) => [label(c), c] as const))('%s', (_, c) => {
    const plain = make(c.transform, {}, c.col);
    // Real values elsewhere in the range: every first draw stays.
    const real = new RealSet([[c.kind, c.inputs[0]!]]);
    const avoiding = make(c.transform, {}, c.col, keyed, real);
    const expected = c.inputs.map((input) => plain(input));
    real.calls = 0;
    const fakes = c.inputs.map((input) => avoiding(input));
    expect(fakes).toEqual(expected);
    if (c.kind === 'name') {
      // One question per name word; twice when the plain fakes of a name of several words are too
      // long for the column and shorter ones are drawn.
      // (A first name keeps no particles: 'de' in a first-name column is a name word.)
      const count = (words: (input: string) => number) => c.inputs.map(words).reduce((a, b) => a + b, 0);
      const all = (input: string) => input.split(/[^\p{L}\p{M}]+/u).filter(Boolean).length;
      expect(real.calls).toBeGreaterThanOrEqual(count((input) => nameWords(input).length));
      expect(real.calls).toBeLessThanOrEqual(count((input) => (all(input) === 1 ? 1 : 2 * all(input))));
    } else {
      // Names and address each are asked once for an e-mail address.
      expect(real.calls).toBe(c.inputs.length * (c.transform === 'email' ? 2 : 1));
    }
  });
});

describe('bsn under pressure', () => {
  test('20,000 real inputs, half of their first fakes real too: one-to-one, none real, all valid', () => {
    const inputs = manyBsns(20_000);
    const real = new RealSet(inputs.map((bsn) => ['bsn', bsn] as const));
    const firsts = inputs.map((bsn) => fakeBsnDigits(keyed, bsn));
    firsts.forEach((fake, i) => {
      if (i % 2 === 0) real.add('bsn', fake);
    });
    const outputs = new Set<string>();
    let moved = 0;
    inputs.forEach((bsn, i) => {
      const fake = fakeBsnDigits(keyed, bsn, false, real);
      expect(isValidBsn(fake)).toBe(true);
      expect(real.isReal('bsn', fake)).toBe(false);
      if (fake !== firsts[i]) moved++;
      outputs.add(fake);
    });
    expect(outputs.size).toBe(inputs.length);
    expect(moved).toBeGreaterThanOrEqual(inputs.length / 2);
  });

  test('gives up with LP_TRANSFORM, naming no value, when every BSN is real', () => {
    const bsn = bsnFromPrefix(11_112_222)!;
    const everything: RealValues = { isReal: () => true };
    let error: unknown;
    try {
      fakeBsnDigits(keyed, bsn, false, everything);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LeakproofError);
    expect((error as LeakproofError).code).toBe('LP_TRANSFORM');
    expect((error as LeakproofError).message).not.toMatch(/\d{4}/);
  });
});

describe('a fake holding anything the check would report is taken, not only a real value of its kind', () => {
  /** Reports any text holding `77` or `ab`: as if someone's digit run, a rare word. */
  const reported: RealValues = {
    isReal: () => false,
    realSpans: (text) =>
      /77|ab/i.test(text) ? [{ start: 0, end: text.length, kind: 'value', role: null }] : [],
  };
  const clean = (fake: string) => reported.realSpans!(fake).length === 0;
  const codes = Array.from({ length: 300 }, (_, i) => `XY-${String(i * 7).padStart(4, '0')}`);
  const hexes = Array.from({ length: 100 }, (_, i) => keyed.digest('test hex', String(i)).toString('hex'));

  test.each([
    ['code', column(), codes, (fake: string) => /^[A-Z]{2}-\d{4}$/.test(fake)],
    ['code', column(), hexes, (fake: string) => /^[0-9a-f]{64}$/.test(fake)],
    ['bsn', column(), manyBsns(300), isValidBsn],
    [
      'phone',
      varchar(20),
      Array.from({ length: 200 }, (_, i) => `06-${String(20_000_000 + 13 * i)}`),
      isPhoneNumber,
    ],
  ] as const)('%s: none reported, all valid, one-to-one (%#)', (transform, col, inputs, valid) => {
    const fake = make(transform, {}, col, keyed, reported);
    const plain = make(transform, {}, col, keyed);
    const outputs = new Set<string>();
    let moved = 0;
    for (const input of inputs) {
      const out = fake(input)!;
      expect(clean(out)).toBe(true);
      expect(valid(out)).toBe(true);
      if (out !== plain(input)) moved++;
      outputs.add(out);
    }
    expect(outputs.size).toBe(inputs.length);
    // The predicate takes a good share of first draws: the walk did move them.
    expect(moved).toBeGreaterThan(0);
  });

  test('a hex digest keeps to hex digits and its case; other codes keep their letters', () => {
    const code = make('code', {}, column(), keyed);
    const digest = hexes[0]!;
    expect(code(digest)).toMatch(/^[0-9a-f]{64}$/);
    expect(code(digest.toUpperCase())).toBe(code(digest)!.toUpperCase());
    expect(code('deadbeefcafe')).toMatch(/^[a-z]{4}[a-z]{4}[a-z]{4}$/);
  });
});

describe('draw-again generators give up cleanly', () => {
  test.each(['phone', 'iban', 'email', 'postcode', 'firstName', 'fullName'])('%s', (transform) => {
    const input = { phone: '0612345678', iban: dutchIban('INGB', 417164300), email: 'a@b.nl' }[transform];
    const fake = make(transform, {}, column(), keyed, { isReal: () => true });
    expect(() => fake(input ?? 'Johannes')).toThrow(LeakproofError);
    try {
      fake(input ?? 'Johannes');
    } catch (error) {
      expect((error as LeakproofError).code).toBe('LP_TRANSFORM');
      expect((error as LeakproofError).message).not.toContain(input ?? 'Johannes');
    }
  });
});

describe('names', () => {
  /** Every name faker knows counts as real: the lists are no use, syllable names take over. */
  const allListed: RealValues = {
    isReal: (kind, value) => kind === 'name' && nameWords(value).some((word) => nameDictionary.has(word)),
  };
  /** Half of all known names are real, by a fixed rule. */
  const half = new RealSet([...nameDictionary.keys()].filter((_, i) => i % 2 === 0).map((n) => ['name', n]));
  const inputs = ['Johannes', 'Fatima', 'Jansen', 'Yılmaz', 'Mohammed', 'Anna', 'VAN DAM', 'kees'];

  test.each([
    ['firstName', null],
    ['lastName', null],
    ['fullName', null],
    ['firstName', 2],
    ['lastName', 3],
    ['fullName', 5],
  ] as const)('%s within %s characters is never a real name', (transform, max) => {
    const col = max === null ? column() : varchar(max);
    for (const real of [allListed, half]) {
      const fake = make(transform, {}, col, keyed, real);
      for (const input of inputs) {
        const out = fake(input)!;
        expect(real.isReal('name', out)).toBe(false);
        expect(out.toLowerCase()).not.toBe(input.toLowerCase());
        if (max !== null) expect([...out].length).toBeLessThanOrEqual(max);
        expect(out.length).toBeGreaterThan(0);
        expect(fake(input)).toBe(out);
      }
    }
  });

  test('e-mail local parts hold no real name', () => {
    const fake = make('email', {}, varchar(40), keyed, allListed);
    for (let i = 0; i < 50; i++) {
      const out = fake(`persoon${i}@example.com`)!;
      expect(isEmail(out)).toBe(true);
      const local = out.slice(0, out.indexOf('@'));
      expect(allListed.isReal('name', local.replace(/\d+$/, '').replace(/\./g, ' '))).toBe(false);
    }
  });
});

describe('scrub and json', () => {
  const bsn = bsnFromPrefix(11_112_222)!;
  const phone = '06-11112222';
  const name = 'Johannes';
  const firstFakes = [
    ['bsn', fakeBsnDigits(keyed, bsn)],
    ['phone', fakePhone(keyed, phone, null)],
    ['name', fakeName(keyed, 'first', name, null)],
  ] as const;
  const real = new RealSet([['bsn', bsn], ['phone', phone], ['name', name], ...firstFakes]);

  test('identifiers and names in text get fakes that are not real', () => {
    // A full name: a lone common first name would stay, as the check reports none.
    const text = `Notitie: ${name} Jansen belde vanaf ${phone} over BSN ${bsn}.`;
    const out = scrubText(keyed, text, 'any', real);
    for (const [, value] of [...firstFakes, ['', bsn], ['', phone], ['', name]])
      expect(out).not.toContain(value);
    const found = findIdentifiers(out);
    expect(found.map((m) => m.kind).sort()).toEqual(['bsn', 'phone']);
    for (const m of found) expect(real.isReal(m.kind, out.slice(m.start, m.end))).toBe(false);
    expect(out.startsWith('Notitie: ')).toBe(true);
    expect(real.isReal('name', out.split(' ')[1]!)).toBe(false);
    expect(make('scrub', {}, column(), keyed, real)(text)).toBe(out);
  });

  test('json values under personal keys and in free text avoid real values too', () => {
    const json = JSON.stringify({
      bsn,
      telefoon: phone,
      voornaam: name,
      opmerking: `${name} Jansen belde`,
    });
    const out = scrubJson(keyed, json, real);
    for (const [, value] of firstFakes) expect(out).not.toContain(value);
    const parsed = JSON.parse(out) as Record<string, string>;
    expect(isValidBsn(parsed.bsn!)).toBe(true);
    expect(isPhoneNumber(parsed.telefoon!)).toBe(true);
    expect(real.isReal('name', parsed.voornaam!)).toBe(false);
    expect(real.isReal('name', parsed.opmerking!.split(' ')[0]!)).toBe(false);
  });
});
