import { isIP } from 'node:net';
import { describe, expect, test } from 'vitest';
import { isDutchPostcode, isEmail, isPhoneNumber, isValidBsn, isValidIban } from '../core/detectors.js';
import type { ColumnModel, TypeCategory } from '../schema/model.js';
import { bindTransform, getTransform, suggestTransformName, transformNames, transforms } from './registry.js';
import { column, keyed, make, manyBsns, otherKeyed, varchar } from './test-support.js';
import { charLength } from './text.js';

const names = [
  'keep',
  'null',
  'redact',
  'hash',
  'code',
  'idDocument',
  'vNumber',
  'uuid',
  'firstName',
  'lastName',
  'fullName',
  'email',
  'phone',
  'ipAddress',
  'bsn',
  'iban',
  'postcode',
  'street',
  'houseNumber',
  'city',
  'dateShift',
  'number',
  'scrub',
  'json',
];

interface Spec {
  readonly column: ColumnModel;
  readonly inputs: readonly string[];
  readonly valid?: (output: string) => boolean;
  /** Keyless transforms give the same output under every key. */
  readonly keyless?: boolean;
  /** Shortest varchar(n) the transform accepts, for the length tests; null for non-text columns. */
  readonly shortest: number | null;
}

const count = 200;
const seq = (f: (i: number) => string) => Array.from({ length: count }, (_, i) => f(i));
const dateColumn = column({ category: 'date', type: 'date' });
const specs: Record<string, Spec> = {
  // keep copies values that already fit the source column, so it has no length test.
  keep: { column: column(), inputs: seq((i) => `waarde ${i}`), keyless: true, shortest: null },
  null: { column: column(), inputs: seq((i) => `waarde ${i}`), keyless: true, shortest: 1 },
  redact: { column: column(), inputs: seq((i) => `waarde ${i}`), keyless: true, shortest: 1 },
  hash: {
    column: column(),
    inputs: seq((i) => `waarde ${i}`),
    valid: (o) => /^[0-9a-f]{16}$/.test(o),
    shortest: 1,
  },
  code: {
    column: column(),
    inputs: seq((i) => `AB-${1000 + i}/x`),
    valid: (o) => /^[A-Z]{2}-\d{4}\/[a-z]$/.test(o),
    // Keeps the input's length, so like keep its output fits wherever the input did.
    shortest: null,
  },
  idDocument: {
    column: column(),
    inputs: seq((i) => `NX${String(111_111 + i * 37).replace(/0/g, i % 2 === 0 ? '5' : 'K')}${1 + (i % 9)}`),
    valid: (o) => /^[A-NP-Z]{2}[A-NP-Z1-9]{6}[1-9]$/.test(o),
    // Keeps the input's length, like code.
    shortest: null,
  },
  vNumber: {
    column: column(),
    inputs: seq((i) => String(1_000_000_000 + i * 7919)),
    valid: (o) => /^\d{10}$/.test(o),
    shortest: null,
  },
  uuid: {
    column: column({ category: 'uuid', type: 'uuid' }),
    inputs: seq((i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`),
    valid: (o) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(o),
    shortest: 36,
  },
  firstName: { column: column(), inputs: seq((i) => `Voornaam${i}`), shortest: 2 },
  lastName: { column: column(), inputs: seq((i) => `Achternaam${i}`), shortest: 2 },
  fullName: {
    column: column(),
    inputs: seq((i) => `Voornaam${i} Achternaam`),
    valid: (o) => / /.test(o),
    shortest: 5,
  },
  email: { column: column(), inputs: seq((i) => `persoon${i}@example.com`), valid: isEmail, shortest: 19 },
  phone: {
    column: column(),
    inputs: seq((i) => `06-${String(20_000_000 + i * 7919)}`),
    valid: isPhoneNumber,
    shortest: 10,
  },
  ipAddress: {
    column: column({ category: 'network', type: 'inet' }),
    inputs: seq(
      (i) =>
        [
          `10.${i}.${(i * 7) % 256}.1`,
          `192.168.${i}.${(i * 7) % 256}`,
          `8.${i}.8.8`,
          `fe80::${((i * 7919) % 65_536).toString(16)}`,
        ][i % 4]!,
    ),
    valid: (o) => isIP(o) !== 0,
    shortest: 15,
  },
  bsn: { column: column(), inputs: manyBsns(count), valid: isValidBsn, shortest: 9 },
  iban: {
    column: column(),
    inputs: seq((i) => `NL00TEST${String(i).padStart(10, '0')}`),
    valid: isValidIban,
    shortest: 18,
  },
  postcode: { column: column(), inputs: seq((i) => `${1000 + i} AB`), valid: isDutchPostcode, shortest: 6 },
  street: {
    column: column(),
    inputs: seq((i) => `${['Kerk', 'Molen', 'School'][i % 3]}straat ${i + 1}`),
    valid: (o) => /^\D+ \d+$/.test(o),
    shortest: 6,
  },
  houseNumber: {
    column: column(),
    inputs: seq((i) => `${i + 1}`),
    valid: (o) => /^[1-9]\d{0,2}$/.test(o),
    shortest: 1,
  },
  city: { column: column(), inputs: seq((i) => `Plaats${i}`), shortest: 3 },
  dateShift: {
    column: dateColumn,
    inputs: seq((i) => `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`),
    shortest: null,
  },
  number: {
    column: column({ category: 'integer', type: 'integer' }),
    inputs: seq((i) => String(1000 + i * 37)),
    valid: (o) => /^\d+$/.test(o),
    shortest: 4,
  },
  scrub: {
    column: column(),
    inputs: seq((i) => `Notitie ${i}: bel Johannes op 06-${String(30_000_000 + i)}.`),
    shortest: 1,
  },
  json: {
    column: column({ category: 'json', type: 'jsonb' }),
    inputs: seq((i) => JSON.stringify({ email: `p${i}@example.com`, id: i })),
    valid: (o) => typeof JSON.parse(o) === 'object',
    shortest: null,
  },
};

describe('the registry', () => {
  test('holds exactly the documented transforms, each with a spec here', () => {
    expect(transformNames()).toEqual(names);
    expect(transforms.size).toBe(names.length);
    for (const entry of transforms.values()) expect(Object.isFrozen(entry)).toBe(true);
    expect(Object.keys(specs).sort()).toEqual([...names].sort());
    for (const name of names) expect(getTransform(name)?.name).toBe(name);
    expect(getTransform('nope')).toBeUndefined();
  });

  test('suggests the closest name for typos', () => {
    expect(suggestTransformName('bsnn')).toBe('bsn');
    expect(suggestTransformName('first_name')).toBe('firstName');
    expect(suggestTransformName('FIRSTNAME')).toBe('firstName');
    expect(suggestTransformName('datashift')).toBe('dateShift');
    expect(suggestTransformName('nul')).toBe('null');
    expect(suggestTransformName('zzzzzz')).toBeNull();
  });

  test('a name far longer than any transform gets no suggestion, and quickly', () => {
    // The edit distance is quadratic: a hostile policy with huge names must not stall the check.
    const started = performance.now();
    expect(suggestTransformName('b'.repeat(1_000_000))).toBeNull();
    expect(performance.now() - started).toBeLessThan(100);
  });

  test('options are strict: unknown keys and wrong types are rejected with a path', () => {
    for (const name of names) {
      const result = bindTransform(name, { colour: 'blue' });
      expect(result?.ok).toBe(false);
      if (result?.ok === false) expect(result.error.issues[0]?.code).toBe('unrecognized_keys');
    }
    const wrong = bindTransform('dateShift', { maxDays: 'veel' });
    expect(wrong?.ok === false && wrong.error.issues[0]?.path).toEqual(['maxDays']);
    const bound = bindTransform('dateShift', undefined);
    expect(bound?.ok && bound.bound.options).toEqual({ maxDays: 365 });
    expect(bindTransform('nope', {})).toBeUndefined();
  });

  describe.each(names)('%s', (name) => {
    const spec = specs[name]!;
    const transform = make(name, {}, spec.column);

    test('same key and input, same output; every output valid', () => {
      const again = make(name, {}, spec.column);
      for (const input of spec.inputs) {
        const output = transform(input);
        expect(again(input)).toBe(output);
        if (spec.valid !== undefined && output !== null) expect(spec.valid(output)).toBe(true);
      }
    });

    test('another key, another output', () => {
      const other = make(name, {}, spec.column, otherKeyed);
      const differs = spec.inputs.filter((input) => other(input) !== transform(input)).length;
      if (spec.keyless) expect(differs).toBe(0);
      else expect(differs).toBeGreaterThan(spec.inputs.length * 0.8);
    });

    test('output does not depend on the table', () => {
      const bound = bindTransform(name, {});
      if (bound?.ok !== true) throw new Error('cannot bind');
      const elsewhere = bound.bound.create({
        table: 'other.table',
        column: { ...spec.column, name: 'x' },
        keyed,
      });
      for (const input of spec.inputs.slice(0, 20)) expect(elsewhere(input)).toBe(transform(input));
    });

    test.runIf(spec.shortest !== null)('never longer than varchar(n)', () => {
      for (const n of [spec.shortest!, spec.shortest! + 1, 8, 12, 20, 40]) {
        if (n < spec.shortest!) continue;
        const cut = make(name, {}, varchar(n));
        for (const input of spec.inputs) {
          const output = cut(input);
          if (output !== null) expect(charLength(output)).toBeLessThanOrEqual(n);
        }
      }
    });
  });
});

describe('cannotProduce', () => {
  const categories: TypeCategory[] = [
    'text',
    'integer',
    'numeric',
    'date',
    'timestamp',
    'json',
    'uuid',
    'boolean',
  ];
  /** Which categories each transform accepts with default options. */
  const accepts: Record<string, TypeCategory[]> = {
    keep: categories,
    null: categories,
    redact: ['text'],
    hash: ['text', 'integer'],
    bsn: ['text', 'integer', 'numeric'],
    vNumber: ['text'], // and bigint, which the column here ('integer') is not
    uuid: ['text', 'uuid'],
    number: ['text', 'integer', 'numeric'],
    houseNumber: ['text', 'integer'],
    dateShift: ['date', 'timestamp'],
    json: ['json'],
  };

  test.each(names)('%s accepts the right column types, with a short reason otherwise', (name) => {
    const bound = bindTransform(name, {});
    if (bound?.ok !== true) throw new Error('cannot bind');
    for (const category of categories) {
      const reason = bound.bound.cannotProduce(column({ category, type: category }));
      const allowed = (accepts[name] ?? ['text']).includes(category);
      expect(reason === null).toBe(allowed);
      if (reason !== null)
        expect(reason).toMatch(new RegExp(name === 'redact' ? `${category} column$` : `not ${category}$`));
    }
  });

  test('null needs a nullable column; redact needs a value outside text', () => {
    expect(() => make('null', {}, column({ nullable: false }))).toThrow(/NOT NULL/);
    expect(() => make('redact', {}, column({ category: 'integer', type: 'integer' }))).toThrow(
      /'value' is required/,
    );
    expect(make('redact', { value: '0' }, column({ category: 'integer', type: 'integer' }))('42')).toBe('0');
    expect(make('redact', {}, varchar(5))('geheim')).toBe('[reda');
  });
});
