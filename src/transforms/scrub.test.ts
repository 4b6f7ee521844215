import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  findIdentifiers,
  isDutchPostcode,
  isEmail,
  isPhoneNumber,
  isValidBsn,
  isValidIban,
} from '../core/detectors.js';
import { localeNames, nameDictionary } from './names.js';
import { bindTransform } from './registry.js';
import { scrubBytea, scrubText } from './scrub.js';
import { bsnFromPrefix, column, dutchIban, keyed, make, otherKeyed, varchar } from './test-support.js';

const filler = [
  'De kandidaat heeft het diploma ingediend.',
  'Beoordeling volgt binnen vier weken.',
  'Het dossier is compleet en doorgestuurd naar de afdeling.',
  'The applicant sent a transcript from the university.',
  'Graag contact opnemen over de aanvraag.',
];
const text = fc.constantFrom(...filler);
/** Names the dictionary holds (a few, like Turkish 'Can', are left out as common words). */
const known = (names: string[]) =>
  names.filter((n) => /^\p{L}+$/u.test(n) && nameDictionary.has(n.toLowerCase()));
const dutchName = fc.constantFrom(...known(localeNames('nl', 'first')));
const turkishName = fc.constantFrom(...known(localeNames('tr', 'last')));
const bsn = fc
  .integer({ min: 1, max: 99_999_999 })
  .map(bsnFromPrefix)
  .filter((b): b is string => b !== null);
const iban = fc.integer({ min: 0, max: 9_999_999_999 }).map((n) => dutchIban('INGB', n));
const mobile = fc.stringMatching(/^06[1-58]\d{7}$/).map((m) => `${m.slice(0, 2)}-${m.slice(2)}`);
const email = fc
  .tuple(fc.stringMatching(/^[a-z]{3,8}$/), fc.constantFrom('example.com', 'mail.test'))
  .map(([l, d]) => `${l}@${d}`);
const postcode = fc
  .tuple(fc.integer({ min: 1000, max: 9999 }), fc.constantFrom('AB', 'XY', 'KL'))
  .map(([n, l]) => `${n} ${l}`);

const validators = {
  bsn: isValidBsn,
  iban: isValidIban,
  email: isEmail,
  phone: isPhoneNumber,
  postcode: isDutchPostcode,
};

describe('scrub', () => {
  test('replaces every identifier with a valid fake of its kind and keeps the rest', () => {
    const identifier = fc.oneof(bsn, iban, mobile, email, postcode);
    fc.assert(
      fc.property(fc.array(fc.tuple(text, identifier), { minLength: 1, maxLength: 4 }), (parts) => {
        const input = parts.map(([sentence, id]) => `${sentence} ${id}.`).join(' ');
        const output = scrubText(keyed, input);
        for (const [sentence, id] of parts) {
          expect(output).toContain(sentence);
          expect(output).not.toContain(id);
        }
        const before = findIdentifiers(input);
        const after = findIdentifiers(output);
        expect(after.map((m) => m.kind)).toEqual(before.map((m) => m.kind));
        for (const m of after)
          expect(validators[m.kind](output.slice(m.start, m.end).replace(/\.$/, ''))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('replaces known names, however they are written, and keeps other words', () => {
    fc.assert(
      fc.property(dutchName, turkishName, text, (first, last, sentence) => {
        for (const [a, b] of [
          [first, last],
          [first.toUpperCase(), last.toUpperCase()],
          [first.toLowerCase(), last.toLowerCase()],
        ] as const) {
          const output = scrubText(keyed, `${sentence} Groeten, ${a} ${b}`);
          expect(output.startsWith(`${sentence} Groeten, `)).toBe(true);
          const words = output.slice(sentence.length + 10).split(' ');
          expect(words).not.toContain(a);
          expect(words).not.toContain(b);
          expect(words.length).toBeGreaterThanOrEqual(2);
        }
      }),
      { numRuns: 300 },
    );
  });

  test("'capitalized' leaves lower-case words alone", () => {
    const scrub = make('scrub', { names: 'capitalized' });
    const output = scrub('de lucht is groen, Groen belde')!;
    expect(output.startsWith('de lucht is groen, ')).toBe(true);
    expect(output).not.toContain('Groen');
  });

  test('common words that are also names somewhere stay', () => {
    for (const word of ['De', 'Van', 'Het', 'The', 'And', 'Will', 'May', 'IBAN'])
      expect(nameDictionary.has(word.toLowerCase())).toBe(false);
    const sentence = 'De aanvraag van het dossier is in behandeling en wordt door de afdeling beoordeeld.';
    expect(scrubText(keyed, sentence)).toBe(sentence);
  });

  test('same text, same output; other key, other output; names map like firstName does', () => {
    const input = 'Bel Johannes op 06-12345678 over BSN 1234.56.782.';
    expect(scrubText(keyed, input)).toBe(scrubText(keyed, input));
    expect(scrubText(otherKeyed, input)).not.toBe(scrubText(keyed, input));
    const firstName = make('firstName');
    expect(scrubText(keyed, 'Johannes')).toBe(firstName('Johannes'));
  });

  test('cuts to the column without splitting a character', () => {
    const scrub = make('scrub', {}, varchar(12));
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (input) => {
        expect([...scrub(input)!].length).toBeLessThanOrEqual(12);
      }),
    );
    expect(scrub('😀'.repeat(20))).toBe('😀'.repeat(12));
  });
});

describe('scrub: names in running text', () => {
  test("a Dutch preposition before a name is no particle ('brief van Jansen'); 'de Vries' and 'van der Berg' are", () => {
    const last = make('lastName');
    expect(scrubText(keyed, 'Een brief van Jansen.')).toBe(`Een brief van ${last('Jansen')}.`);
    expect(scrubText(keyed, 'Bel aan Jansen.')).toBe(`Bel aan ${last('Jansen')}.`);
    expect(scrubText(keyed, 'Gesprek met de Vries.')).toBe(`Gesprek met ${last('de Vries')}.`);
    expect(scrubText(keyed, 'Gesprek met van der Berg.')).toBe(`Gesprek met ${last('van der Berg')}.`);
    expect(scrubText(keyed, 'Gesprek met Van Dam.')).toBe(`Gesprek met ${last('Van Dam')}.`);
  });

  test('lists of names stay lists; a comma joins LAST, First only', () => {
    const first = make('firstName');
    const last = make('lastName');
    expect(scrubText(keyed, 'Jansen, Bakker en Visser')).toBe(
      `${last('Jansen')}, ${last('Bakker')} en ${last('Visser')}`,
    );
    expect(scrubText(keyed, 'JANSEN, Piet')).toBe(`${last('JANSEN')}, ${first('Piet')}`);
  });
});

describe('scrub: bytea', () => {
  const hex = (text: string) => `\\x${Buffer.from(text, 'utf8').toString('hex')}`;
  const text = (value: string) => Buffer.from(value.slice(2), 'hex').toString('utf8');

  test('UTF-8 text is scrubbed and written as hex again', () => {
    const note = 'Bel Johannes op 06-12345678, graag vóór vrijdag.';
    const out = scrubBytea(keyed, hex(note));
    expect(out).toMatch(/^\\x(?:[0-9a-f]{2})+$/);
    expect(text(out)).toBe(scrubText(keyed, note));
    expect(make('scrub', {}, column({ category: 'bytea', type: 'bytea' }))(hex(note))).toBe(out);
    expect(scrubBytea(keyed, hex('Plain text, no names.'))).toBe(hex('Plain text, no names.'));
  });

  test('binary data, invalid UTF-8 and what is not hex become empty', () => {
    for (const value of ['\\x89504e470d0a1a0a0000000d', '\\xc328', '\\x00', '\\x414', 'abc', '\\xzz'])
      expect(scrubBytea(keyed, value), value).toBe('\\x');
    expect(scrubBytea(keyed, '\\x')).toBe('\\x');
  });

  test('scrub fills text and bytea columns only', () => {
    const bound = bindTransform('scrub', {});
    if (bound?.ok !== true) throw new Error('cannot bind');
    expect(bound.bound.cannotProduce(column({ category: 'bytea', type: 'bytea' }))).toBeNull();
    expect(bound.bound.cannotProduce(column({ category: 'integer', type: 'integer' }))).toMatch(
      /text or bytea column is needed, not integer$/,
    );
  });
});
