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
import { maskValue } from '../core/mask.js';
import { localeNames, nameDictionary } from './names.js';
import { bindTransform } from './registry.js';
import { sameShapeDigits } from './same-shape.js';
import { scrubBytea, scrubText } from './scrub.js';
import { bsnFromPrefix, column, dutchIban, keyed, make, otherKeyed, varchar } from './test-support.js';
import { RealText } from './test-support-real.js';
import { noRealValues } from './transform.js';

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

  test('replaces full names in capitals or capitalized; in lower case only when the source has them', () => {
    fc.assert(
      fc.property(dutchName, turkishName, text, (first, last, sentence) => {
        const real = new RealText().person(first, last);
        for (const [a, b, replacedWithoutSource] of [
          [first, last, true],
          [first.toUpperCase(), last.toUpperCase(), true],
          [first.toLowerCase(), last.toLowerCase(), false],
        ] as const) {
          const input = `${sentence} Groeten, ${a} ${b}`;
          for (const source of [noRealValues, real]) {
            const output = scrubText(keyed, input, 'any', source);
            expect(output.startsWith(`${sentence} Groeten, `)).toBe(true);
            const words = output.slice(sentence.length + 10).split(' ');
            expect(words.length).toBeGreaterThanOrEqual(2);
            if (source === noRealValues && !replacedWithoutSource) {
              expect(output).toBe(input);
              continue;
            }
            expect(words).not.toContain(a);
            expect(words).not.toContain(b);
          }
          expect(real.realSpans(scrubText(keyed, input, 'any', real))).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });

  test("'capitalized' leaves real names in lower case alone; 'any' replaces them too", () => {
    const real = new RealText().person('Piet', 'Groen');
    const input = 'de lucht is groen, Groen belde, piet ook';
    const capitalized = make('scrub', { names: 'capitalized' }, column(), keyed, real)(input)!;
    expect(capitalized.startsWith('de lucht is groen, ')).toBe(true);
    expect(capitalized.endsWith(', piet ook')).toBe(true);
    expect(capitalized).not.toContain('Groen');
    const any = make('scrub', {}, column(), keyed, real)(input)!;
    expect(any.startsWith('de lucht is ')).toBe(true);
    expect(any).not.toMatch(/groen|piet/i);
    expect(real.realSpans(any)).toEqual([]);
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
    const lastName = make('lastName');
    expect(scrubText(keyed, 'Johannes Visser')).toBe(`${firstName('Johannes')} ${lastName('Visser')}`);
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
  const first = make('firstName');
  const last = make('lastName');

  test('full names are replaced without the source: given name and surname, initials, LAST, First', () => {
    expect(scrubText(keyed, 'Gesprek met Jan van der Berg.')).toBe(
      `Gesprek met ${first('Jan')} ${last('van der Berg')}.`,
    );
    expect(scrubText(keyed, 'Een brief van Jan Jansen.')).toBe(
      `Een brief van ${first('Jan')} ${last('Jansen')}.`,
    );
    expect(scrubText(keyed, 'Diploma: YILMAZ, Fatima')).toBe(
      `Diploma: ${last('YILMAZ')}, ${first('Fatima')}`,
    );
    expect(scrubText(keyed, 'JANSEN, Piet')).toBe(`${last('JANSEN')}, ${first('Piet')}`);
    expect(scrubText(keyed, 't.n.v. J. Jansen')).toMatch(/^t\.n\.v\. [A-Z]\. (?!Jansen)\p{Lu}\p{Ll}+$/u);
    expect(scrubText(keyed, 'Gesprek met Piet de Vries.')).toBe(
      `Gesprek met ${make('fullName')('Piet de Vries')}.`,
    );
  });

  test('a lone word that some locale lists as a name is ordinary vocabulary', () => {
    // Each of these is a first or last name in some locale and of some person in this source, but
    // no person's first and last name stand together: the check would report none of them.
    const real = new RealText()
      .person('Per', 'Olsen')
      .person('Karel', 'Post')
      .person('Will', 'Smit')
      .person('Art', 'Jansen')
      .person('Dallas', 'Brown')
      .person('Ba', 'Nguyen');
    for (const word of ['per', 'post', 'art', 'dallas', 'ba'])
      expect(nameDictionary.has(word), word).toBe(true);
    for (const sentence of [
      'Het is ook per post verstuurd naar het adres in het dossier.',
      'Per post verstuurd.',
      'Called the applicant on the old number, will send documents.',
      'She holds a BA in Art from Dallas, and an MA in Art History.',
      'Will call back; Post sorted; Art and Design.',
      'Gesprek met de Vries. Brief van Jansen, Bakker en Visser.',
    ]) {
      expect(scrubText(keyed, sentence)).toBe(sentence);
      expect(scrubText(keyed, sentence, 'any', real)).toBe(sentence);
    }
  });

  test("a Dutch preposition before a reported surname is kept ('brief van Zwartkruis'); 'de Vries' is the name", () => {
    const real = new RealText()
      .value('Zwartkruis', 'last')
      .value('de Vries', 'last')
      .value('van Dam', 'last');
    expect(nameDictionary.has('zwartkruis')).toBe(false);
    expect(scrubText(keyed, 'Een brief van Zwartkruis.', 'any', real)).toBe(
      `Een brief van ${make('lastName', {}, column(), keyed, real)('Zwartkruis')}.`,
    );
    const lastName = make('lastName', {}, column(), keyed, real);
    expect(scrubText(keyed, 'Gesprek met de Vries.', 'any', real)).toBe(
      `Gesprek met ${lastName('de Vries')}.`,
    );
    expect(scrubText(keyed, 'Gesprek met van Dam.', 'any', real)).toBe(`Gesprek met ${lastName('van Dam')}.`);
  });

  test('lists of reported surnames stay lists', () => {
    const real = new RealText().value('Zwartkruis', 'last').value('Oudejans', 'last');
    const lastName = make('lastName', {}, column(), keyed, real);
    expect(scrubText(keyed, 'Zwartkruis, Bakker en Oudejans', 'any', real)).toBe(
      `${lastName('Zwartkruis')}, Bakker en ${lastName('Oudejans')}`,
    );
  });
});

describe('scrub: what the leak check would find', () => {
  const reported = (real: RealText, text: string) =>
    real.realSpans(text).map((s) => text.slice(s.start, s.end));

  test('a number no validator accepts is replaced when the source holds it, in any grouping', () => {
    const real = new RealText().value('06-01234567');
    expect(isPhoneNumber('06-01234567')).toBe(false);
    const note = (n: string) => `Teruggebeld naar ${n}, geen gehoor.`;
    expect(scrubText(keyed, note('06-01234567'))).toBe(note('06-01234567'));
    const outputs = ['06-01234567', '06 01 23 45 67', '+31 6 0123 4567', '0601234567'].map((number) => {
      const out = scrubText(keyed, note(number), 'any', real);
      expect(reported(real, out)).toEqual([]);
      const fake = out.slice('Teruggebeld naar '.length, out.indexOf(', geen'));
      // Same shape: digits where digits were, each separator in its place, a leading + or 0 kept.
      expect(fake.replace(/\d/g, '9')).toBe(number.replace(/\d/g, '9'));
      expect(fake[0]).toBe(number[0]);
      return fake.replace(/\D/g, '').slice(-9);
    });
    // Keyed by the last 9 digits, as the check knows a number: the same fake digits every time.
    expect(new Set(outputs).size).toBe(1);
    expect(scrubText(otherKeyed, note('06-01234567'), 'any', real)).not.toBe(
      scrubText(keyed, note('06-01234567'), 'any', real),
    );
  });

  test('a fake that is itself real is drawn again', () => {
    const text = 'Nummer 06-01234567 gecontroleerd.';
    const first = scrubText(keyed, text, 'any', new RealText().value('06-01234567'));
    const firstFake = /\d\d-\d{8}/.exec(first)![0];
    const real = new RealText().value('06-01234567').value(firstFake);
    const out = scrubText(keyed, text, 'any', real);
    expect(out).not.toContain(firstFake);
    expect(out).toMatch(/^Nummer 0\d-\d{8} gecontroleerd\.$/);
    expect(reported(real, out)).toEqual([]);
  });

  test('a rare surname inside a file name: the surname is replaced, the rest kept, in its case', () => {
    const real = new RealText().person('Piet', 'Zwartkruis');
    expect(nameDictionary.has('zwartkruis')).toBe(false);
    const lower = scrubText(keyed, 'paspoort_zwartkruis_43.pdf', 'any', real);
    expect(lower).toMatch(/^paspoort_\p{Ll}+_43\.pdf$/u);
    const capital = scrubText(keyed, 'paspoort_Zwartkruis_43.pdf', 'any', real);
    expect(capital).toMatch(/^paspoort_\p{Lu}\p{Ll}+_43\.pdf$/u);
    const upper = scrubText(keyed, 'PASPOORT_ZWARTKRUIS_43.PDF', 'any', real);
    expect(upper).toMatch(/^PASPOORT_\p{Lu}+_43\.PDF$/u);
    expect(lower.toLowerCase()).toBe(capital.toLowerCase());
    const camel = scrubText(keyed, 'paspoortZwartkruis43.pdf', 'any', real);
    expect(camel).toMatch(/^paspoort\p{Lu}\p{Ll}+43\.pdf$/u);
    for (const out of [lower, capital, upper, camel]) {
      expect(out.toLowerCase()).not.toContain('zwartkruis');
      expect(reported(real, out)).toEqual([]);
    }
    // 'capitalized' keeps a real name in lower case.
    expect(scrubText(keyed, 'paspoort_zwartkruis_43.pdf', 'capitalized', real)).toBe(
      'paspoort_zwartkruis_43.pdf',
    );
  });

  test('a value with digits and letters gets letters and digits in the same places', () => {
    const real = new RealText().value('DIPL-24-A317');
    expect(findIdentifiers('DIPL-24-A317')).toEqual([]); // no detector's: only the source knows it
    const out = scrubText(keyed, 'Diplomanummer DIPL-24-A317 ontvangen.', 'any', real);
    expect(out).toMatch(/^Diplomanummer [A-Z]{4}-\d{2}-[A-Z]\d{3} ontvangen\.$/);
    expect(out).not.toContain('DIPL-24-A317');
    const lower = scrubText(keyed, 'Diplomanummer dipl-24-a317 ontvangen.', 'any', real);
    expect(lower).toBe(out.toLowerCase().replace('diplomanummer', 'Diplomanummer'));
    expect(reported(real, out)).toEqual([]);
  });

  test('a first and last name of one person, however written, and the same person named apart', () => {
    const real = new RealText().person('Fatima', 'Zwartkruis');
    const first = make('firstName', {}, column(), keyed, real);
    const lastName = make('lastName', {}, column(), keyed, real);
    expect(scrubText(keyed, 'fatima belde; zwartkruis komt morgen', 'any', real)).toBe(
      `${first('fatima')} belde; ${lastName('zwartkruis')} komt morgen`,
    );
    expect(scrubText(keyed, 'FATIMA ZWARTKRUIS', 'any', real)).toBe(
      `${first('FATIMA')} ${lastName('ZWARTKRUIS')}`,
    );
    // 'Fatima' alone is a name many people have: no pair, so the check reports nothing and it stays.
    expect(scrubText(keyed, 'Fatima belde.', 'any', real)).toBe('Fatima belde.');
  });

  // Regression: a click-to-call URL carried the name and number percent-encoded; the check reads
  // it decoded, scrub did not, and the copy was refused.
  test('percent-encoded pieces of a URL are scrubbed as the text they encode', () => {
    const real = new RealText().person('Wytje', 'Zwartkruis').value('06 607 282 01');
    const url = `https://app.example/dial?name=${encodeURIComponent('Wytje Zwartkruis')}&tel=${encodeURIComponent('06 607 282 01')}&src=card`;
    const out = scrubText(keyed, url, 'any', real);
    const decoded = decodeURIComponent(out);
    expect(decoded).toMatch(/^https:\/\/app\.example\/dial\?name=\S+ \S+&tel=0[\d ]+&src=card$/);
    expect(decoded).not.toContain('Zwartkruis');
    expect(decoded).not.toContain('607 282');
    expect(reported(real, decoded)).toEqual([]);
  });

  // Regression: a lone '0' kept its leading 0, so every draw was '0' again and the loop never ended.
  test('a lone 0 gets another digit', () => {
    for (const attempt of [0, 1, 2]) expect(sameShapeDigits(keyed, '0', attempt)).toMatch(/^[1-9]$/);
    expect(sameShapeDigits(keyed, '+0', 0)).toMatch(/^\+[1-9]$/);
  });

  // Regression: 20,000 notes 'a note about nothing personal, number N' hold every 4-digit number,
  // so every redraw of the number was another row's note, and scrub gave up (LP_TRANSFORM).
  test('numbered notes that hold every number of a length get a longer number', () => {
    const real = new RealText();
    for (let n = 1; n <= 20_000; n++) real.value(`a note about nothing personal, number ${n}`);
    const note = 'a note about nothing personal, number 1506';
    const out = scrubText(keyed, note, 'any', real);
    expect(out).toMatch(/^a note about nothing personal, number \d{5,}$/);
    expect(reported(real, out)).toEqual([]);
  });

  test('a whole note the source holds is broken by what it holds, its words kept', () => {
    const note = 'Teruggebeld naar 06-01234567, geen gehoor. Morgen opnieuw proberen (Zwartkruis).';
    const lone = 'Piet belde over de status van de aanvraag.';
    const real = new RealText().person('Piet', 'Zwartkruis').value('06-01234567').value(note).value(lone);
    // The check reports the whole note (one person's row holds it); inside it a number and a surname.
    expect(real.realSpans(note)).toEqual([{ start: 0, end: note.length - 2, kind: 'value', role: null }]);
    const out = scrubText(keyed, note, 'any', real);
    expect(out).toMatch(
      /^Teruggebeld naar 0\d-\d{8}, geen gehoor\. Morgen opnieuw proberen \(\p{Lu}\p{Ll}+\)\.$/u,
    );
    expect(out).not.toContain('Zwartkruis');
    expect(reported(real, out)).toEqual([]);
    // Nothing inside is a value of its own: the capitalized name of the source is what breaks it.
    const broken = scrubText(keyed, lone, 'any', real);
    expect(broken).toMatch(/^\p{Lu}\p{Ll}+ belde over de status van de aanvraag\.$/u);
    expect(broken).not.toContain('Piet');
    expect(reported(real, broken)).toEqual([]);
    // With nothing at all to break it by, the value itself is replaced.
    const plain = 'Klant ontevreden over de doorlooptijd.';
    real.value(plain);
    const replaced = scrubText(keyed, plain, 'any', real);
    expect(replaced).not.toBe(plain);
    expect(reported(real, replaced)).toEqual([]);
  });

  test('nothing the check would report is left, whatever the text', () => {
    const real = new RealText()
      .person('Fatima', 'Zwartkruis')
      .person('Jan', 'de Vries')
      .value('06-01234567')
      .value('DIP-2024-00123')
      .value('Oudejans', 'last');
    const piece = fc.constantFrom(
      'Fatima',
      'ZWARTKRUIS',
      'zwartkruis_',
      'Jan',
      'de Vries',
      '06 01 23 45 67',
      '+31601234567',
      'DIP-2024-00123',
      'dip2024',
      'oudejans',
      'Oudejans.pdf',
      'per post',
      'will',
      ', ',
      ' ',
      '_',
      'belde',
      '06-12345678',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join(' ');
        for (const names of ['any', 'capitalized'] as const) {
          const out = scrubText(keyed, text, names, real);
          const left = real
            .realSpans(out)
            .filter((s) => names === 'any' || s.kind === 'digits' || s.role === null);
          expect(left.map((s) => maskValue(out.slice(s.start, s.end)))).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('asks the check once for a text it leaves as it is, twice for one it changed', () => {
    const real = new RealText().value('06-01234567');
    scrubText(keyed, 'Niets bijzonders.', 'any', real);
    expect(real.spanCalls).toBe(1);
    scrubText(keyed, 'Bel 06-01234567.', 'any', real);
    expect(real.spanCalls).toBe(3);
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
