import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isEmail, isPhoneNumber, isValidBsn, isValidIban } from '../core/detectors.js';
import { LeakproofError } from '../errors.js';
import { scrubJson } from './json.js';
import { bindTransform } from './registry.js';
import { scrubText } from './scrub.js';
import { bsnFromPrefix, column, dutchIban, keyed, make } from './test-support.js';
import { RealText } from './test-support-real.js';

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
    notes: 'Johannes Visser belt morgen terug op 06-12345678.',
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

  test('short closed-set values are no names; what the check would find is replaced as in scrub', () => {
    // 'post', 'per', 'will' and 'art' are names in some locale and of some person here, never together.
    const real = new RealText()
      .person('Karel', 'Post')
      .person('Per', 'Olsen')
      .person('Will', 'Smit')
      .person('Piet', 'Zwartkruis')
      .value('06-01234567');
    const doc = {
      contact: { preferred_channel: 'post', preferred_language: 'nl', status: 'open' },
      tags: ['art', 'Post', 'will'],
      note: 'Het is ook per post verstuurd; will send documents.',
      file: 'paspoort_zwartkruis_43.pdf',
      remark: 'Teruggebeld naar 06-01234567.',
    };
    const out = JSON.parse(scrubJson(keyed, JSON.stringify(doc), real));
    expect({ ...out, file: undefined, remark: undefined }).toEqual({
      ...doc,
      file: undefined,
      remark: undefined,
    });
    expect(out.file).toMatch(/^paspoort_\p{Ll}+_43\.pdf$/u);
    expect(out.file).not.toContain('zwartkruis');
    expect(out.remark).toMatch(/^Teruggebeld naar 0\d-\d{8}\.$/);
    expect(real.realSpans(JSON.stringify(out))).toEqual([]);
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

describe('json: per-path rules', () => {
  const jsonb = column({ category: 'json', type: 'jsonb' });
  const doc = {
    naam: 'Fatima Yilmaz',
    extra: {
      contact: { email: 'f.yilmaz@example.com', note: 'Johannes' },
      werk: { email: 'fy@werk.example' },
    },
    contacts: [
      { phone: '06-12345678', label: 'thuis' },
      { phone: 612345679, label: 'werk' },
    ],
    ids: ['a1', 'b2'],
    meta: { versie: 'v2', status: 'open' },
    active: true,
    count: 3,
  };
  const run = (options: unknown) => JSON.parse(make('json', options, jsonb)(JSON.stringify(doc))!);

  test('dotted paths, * for any key and [] for array elements name the transform of a leaf', () => {
    const out = run({
      paths: {
        naam: 'fullName',
        'extra.*.email': { transform: 'email', domain: 'test.invalid' },
        'contacts[].phone': 'phone',
        'ids[]': 'hash',
        meta: 'keep',
      },
    });
    expect(out.naam).toBe(make('fullName')('Fatima Yilmaz'));
    expect(out.extra.contact.email).toMatch(/@test\.invalid$/);
    expect(out.extra.werk.email).toMatch(/@test\.invalid$/);
    expect(out.contacts[0].phone).toBe(make('phone')('06-12345678'));
    expect(isPhoneNumber(out.contacts[0].phone)).toBe(true);
    // A number stays a number when its fake is one.
    expect(typeof out.contacts[1].phone).toBe('number');
    expect(out.contacts[1].phone).not.toBe(612345679);
    expect(out.ids).toEqual(['a1', 'b2'].map((id) => make('hash')(id)));
    expect(out.meta).toEqual(doc.meta); // a rule on an object holds for the leaves below it
    // Strings no rule names are treated as before.
    expect(out.extra.contact.note).toBe(scrubText(keyed, 'Johannes'));
    expect(out.contacts[0].label).toBe('thuis');
    expect(out.active).toBe(true);
    expect(out.count).toBe(3);
  });

  test('the deepest rule wins, then the one without *', () => {
    const out = run({ paths: { extra: 'redact', 'extra.*.email': 'keep', 'extra.contact.email': 'null' } });
    expect(out.extra.contact.email).toBeNull();
    expect(out.extra.werk.email).toBe('fy@werk.example');
    expect(out.extra.contact.note).toBe('[redacted]');
  });

  test("otherStrings: 'null' fails closed: every string no rule names becomes null", () => {
    const out = run({ paths: { 'contacts[].label': 'keep' }, otherStrings: 'null' });
    expect(out.naam).toBeNull();
    expect(out.extra.contact).toEqual({ email: null, note: null });
    expect(out.contacts.map((c: { label: string }) => c.label)).toEqual(['thuis', 'werk']);
    expect(out.contacts[0].phone).toBeNull();
    expect(out.ids).toEqual([null, null]);
    expect(out.active).toBe(true);
    expect(out.count).toBe(3);
    // Keys stay keys: 'naam' and 'meta' are the document's structure.
    expect(Object.keys(out)).toEqual(Object.keys(doc));
  });

  test('bad paths, unknown transforms, bad options and transforms that cannot write text are option errors', () => {
    const bound = bindTransform('json', {
      paths: {
        'a..b': 'keep',
        x: 'bsnn',
        y: { transform: 'dateShift', maxDays: 'veel' },
        z: 'json',
        'ok[].name': { transform: 'firstName' },
      },
    });
    expect(bound?.ok).toBe(false);
    if (bound?.ok !== false) return;
    const issues = bound.error.issues.map((issue) => [issue.path.join('.'), issue.message]);
    expect(issues).toEqual([
      ['paths.a..b', expect.stringMatching(/^'a\.\.b' is not a path: use keys joined by dots/)],
      ['paths.x', "unknown transform 'bsnn'; did you mean 'bsn'?"],
      ['paths.y.maxDays', expect.stringMatching(/^dateShift: /)],
      ['paths.z', 'json cannot fill a JSON string: a json column is needed, not text'],
    ]);
    expect(bindTransform('json', { otherStrings: 'drop' })?.ok).toBe(false);
    expect(bindTransform('json', { paths: { '[].email': 'email', '*': 'scrub', 'a[][]': 'keep' } })?.ok).toBe(
      true,
    );
  });

  test("linked columns of the rules' transforms are the json column's", () => {
    const bound = bindTransform('json', {
      paths: {
        naam: { transform: 'fullName', nationality: 'land' },
        'p[].voornaam': { transform: 'firstName', gender: 'geslacht' },
      },
    });
    if (bound?.ok !== true) throw new Error('cannot bind');
    expect(bound.bound.linkedColumns).toEqual(['land', 'geslacht']);
    const fake = bound.bound.create({ table: 'public.t', column: jsonb, keyed });
    const row = { source: (c: string) => ({ land: 'Polen', geslacht: 'V' })[c] ?? null, written: () => null };
    const out = JSON.parse(fake('{"naam":"Jan Jansen","p":[{"voornaam":"Jan"}]}', row)!);
    expect(out.naam).toBe(make('fullName', { nationality: 'land' })('Jan Jansen', row));
    expect(out.p[0].voornaam).toBe(make('firstName', { gender: 'geslacht' })('Jan', row));
  });

  test('a "__proto__" key stays a key of the output (it once set the prototype and vanished)', () => {
    const out = scrubJson(keyed, '{"__proto__": {"email": "j.visser@example.com"}, "x": 1}');
    expect(out).toMatch(/^\{"__proto__":\{"email":"[^"]+"\},"x":1\}$/);
    expect(out).not.toContain('j.visser@example.com');
  });

  test('JSON nested deeper than the walk can follow is a clear LP_TRANSFORM error, not a RangeError', () => {
    const deep = `${'['.repeat(100_000)}"Johannes"${']'.repeat(100_000)}`;
    expect(() => scrubJson(keyed, deep)).toThrow(
      new LeakproofError('LP_TRANSFORM', 'json: a value is nested too deeply to rewrite'),
    );
  });
});
