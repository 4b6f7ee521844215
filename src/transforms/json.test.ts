import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LeakproofError } from '../errors.js';
import { isEmail, isPhoneNumber, isValidBsn, isValidIban } from '../verify/detectors.js';
import { scrubJson } from './json.js';
import { scrubText } from './scrub.js';
import { bsnFromPrefix, column, dutchIban, keyed, make } from './test-support.js';

const bsn = bsnFromPrefix(12_345_678)!;
const iban = dutchIban('ABNA', 1_234_567);

describe('json', () => {
  const input = {
    voornaam: 'Johannes',
    last_name: 'Visser',
    email: 'j.visser@example.com',
    bsn: Number(bsn),
    burgerservicenummer: bsn,
    telefoon: '06-12345678',
    phones: ['+31 6 87654321', '0201234567'],
    iban,
    birth_date: '1990-04-01',
    geboorteplaats: 'Zwolle',
    adres: { straat: 'Kerkstraat 12', postcode: '1234 AB', woonplaats: 'Utrecht', huisnummer: '12a' },
    notes: 'Johannes belt morgen terug op 06-12345678.',
    filename: 'scan.pdf',
    status: 'open',
    count: 3,
    active: true,
    missing: null,
    empty_email: '',
  };
  const output = JSON.parse(scrubJson(keyed, JSON.stringify(input)));

  test('personal keys get the matching fake', () => {
    expect(output.voornaam).not.toBe(input.voornaam);
    expect(output.last_name).not.toBe(input.last_name);
    expect(isEmail(output.email)).toBe(true);
    expect(output.email).toMatch(/@example\.(com|net|org)$/);
    expect(typeof output.bsn).toBe('number');
    expect(isValidBsn(String(output.bsn).padStart(9, '0'))).toBe(true);
    expect(output.bsn).not.toBe(input.bsn);
    expect(String(output.bsn).padStart(9, '0')).toBe(output.burgerservicenummer);
    expect(isPhoneNumber(output.telefoon)).toBe(true);
    expect(output.phones).toHaveLength(2);
    for (const phone of output.phones) expect(isPhoneNumber(phone)).toBe(true);
    expect(isValidIban(output.iban)).toBe(true);
    expect(output.iban).not.toBe(iban);
    expect(output.birth_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(output.birth_date).not.toBe(input.birth_date);
    expect(output.adres.postcode).toMatch(/^[1-9]\d{3} [A-Z]{2}$/);
    expect(output.adres.straat).toMatch(/^\D+ \d+$/);
    expect(output.adres.huisnummer).toMatch(/^\d+[a-h]$/);
    for (const key of ['voornaam', 'last_name', 'telefoon', 'geboorteplaats'] as const)
      expect(output[key]).not.toBe(input[key]);
  });

  test('other strings are scrubbed; numbers, booleans, null and empty strings stay', () => {
    expect(output.notes).toBe(scrubText(keyed, input.notes));
    expect(output.notes).not.toContain('Johannes');
    expect(output.filename).toBe('scan.pdf');
    expect(output.status).toBe('open');
    expect(output.count).toBe(3);
    expect(output.active).toBe(true);
    expect(output.missing).toBeNull();
    expect(output.empty_email).toBe('');
  });

  test('a date key holding free text is scrubbed instead of failing', () => {
    const out = JSON.parse(scrubJson(keyed, '{"geboortedatum": "onbekend, vraag Johannes"}'));
    expect(out.geboortedatum).toBe(scrubText(keyed, 'onbekend, vraag Johannes'));
  });

  test('keys that are identifiers are replaced too', () => {
    const out = JSON.parse(scrubJson(keyed, '{"j.visser@example.com": true}'));
    expect(Object.keys(out)[0]).not.toBe('j.visser@example.com');
    expect(isEmail(Object.keys(out)[0]!)).toBe(true);
  });

  test('any JSON stays valid JSON of the same shape', () => {
    const shape = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(shape)
        : v !== null && typeof v === 'object'
          ? Object.values(v).map(shape)
          : typeof v;
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        const out = JSON.parse(scrubJson(keyed, text));
        expect(shape(out)).toEqual(shape(JSON.parse(text)));
      }),
      { numRuns: 300 },
    );
  });

  test('invalid JSON throws without echoing the value', () => {
    const secret = '{"bsn": 1234567';
    expect(() => scrubJson(keyed, secret)).toThrow(LeakproofError);
    expect(() => scrubJson(keyed, secret)).toThrow(/^json: a value is not valid JSON\.$/);
  });

  test('only for json columns, not arrays of them; works on the whole value', () => {
    expect(() => make('json', {}, column())).toThrow(/json column is needed/);
    expect(() => make('json', {}, column({ category: 'json', type: 'jsonb[]', isArray: true }))).toThrow(
      /arrays/,
    );
    expect(make('json', {}, column({ category: 'json', type: 'jsonb' }))('[1, "x"]')).toBe('[1,"x"]');
  });
});
