/**
 * The examples docs/transforms.md shows for every transform: inputs (synthetic, no real person's
 * data), options and, for linked transforms, the other values of the row. The outputs are not
 * written here: the docs run the transforms on them, so the examples cannot drift from the code.
 */
import type { TypeCategory } from '../schema/model.js';

export interface DocExample {
  readonly input: string;
  readonly options?: Readonly<Record<string, unknown>>;
  /** The column's type, when not `text`. */
  readonly type?: { readonly sql: string; readonly category: TypeCategory; readonly isArray?: boolean };
  readonly maxLength?: number;
  /** Written values of linked columns of the same row (for `first:`, `postcode:`, …). */
  readonly row?: Readonly<Record<string, string>>;
  /** Source values of linked columns (for links that read the source, like `nationality:`). */
  readonly sourceRow?: Readonly<Record<string, string>>;
}

const date = { sql: 'date', category: 'date' } as const;
const bytea = { sql: 'bytea', category: 'bytea' } as const;
const jsonb = { sql: 'jsonb', category: 'json' } as const;
const bigint = { sql: 'bigint', category: 'integer' } as const;
const textArray = { sql: 'text[]', category: 'text', isArray: true } as const;

export const docExamples: Readonly<Record<string, readonly DocExample[]>> = {
  keep: [{ input: 'Utrecht' }, { input: '2024-05-01', type: date }],
  null: [{ input: '192.168.1.20' }, { input: 'Geen bijzonderheden' }],
  redact: [{ input: 'mijn wachtwoord' }, { input: 'geheim', options: { value: '***' } }],
  hash: [{ input: 'klant-00042' }, { input: 'klant-00042', options: { length: 8 } }],
  code: [{ input: 'AB-1234' }, { input: 'V-2019-000347' }, { input: 'dossier 77/b' }],
  firstName: [
    { input: 'Fatima' },
    { input: 'Jan' },
    { input: 'Olena' },
    { input: 'Anna-Maria', maxLength: 8 },
  ],
  lastName: [{ input: 'Yilmaz' }, { input: 'de Vries' }, { input: 'van der Berg' }, { input: 'Kowalczyk' }],
  fullName: [
    { input: 'Fatima Yilmaz' },
    { input: 'YILMAZ, Fatima' },
    { input: 'Jan van der Berg' },
    {
      input: 'Olena Kovalenko',
      options: { nationality: 'nationality' },
      sourceRow: { nationality: 'Oekraïne' },
    },
  ],
  email: [
    { input: 'fatima.yilmaz@mailbox.test' },
    { input: 'info@school.test', options: { domain: 'test.internal' } },
    {
      input: 'fatima.yilmaz@mailbox.test',
      options: { first: 'first_name', last: 'last_name' },
      row: { first_name: 'Ayşe', last_name: 'Demir' },
    },
  ],
  phone: [
    { input: '06-12345678' },
    { input: '+31 6 12345678' },
    { input: '030 123 4567' },
    { input: '+32 470 12 34 56' },
  ],
  bsn: [{ input: '111222333' }, { input: '1112.22.333' }, { input: '111222333', type: bigint }],
  iban: [
    { input: 'NL91ABNA0417164300' },
    { input: 'NL91 ABNA 0417 1643 00' },
    { input: 'DE89370400440532013000' },
  ],
  postcode: [{ input: '3511 AB' }, { input: '9712CP' }],
  street: [{ input: 'Kerkstraat 12' }, { input: 'Oudegracht 231-bis' }],
  houseNumber: [{ input: '12' }, { input: '7a' }, { input: '231-3' }],
  city: [
    { input: 'Utrecht' },
    { input: 'Groningen', options: { postcode: 'postcode' }, row: { postcode: '3512 KX' } },
  ],
  dateShift: [
    { input: '1987-04-12', type: date },
    { input: '1987-04-12', type: date, options: { maxDays: 30 } },
    { input: '1987-12-28', type: date, options: { keepYear: true } },
    { input: '1987-04-12', type: date, options: { generalize: 'month' } },
    {
      input: '1987-05-02',
      type: date,
      options: { notBefore: 'date_of_birth' },
      row: { date_of_birth: '1987-09-30' },
    },
    { input: '2024-05-01 10:30:00+02', type: { sql: 'timestamp with time zone', category: 'timestamp' } },
  ],
  scrub: [
    { input: 'Fatima Yilmaz belde vanaf 06-12345678 over BSN 111222333.' },
    { input: 'Graag terugbellen: fatima.yilmaz@mailbox.test, IBAN NL91 ABNA 0417 1643 00' },
    { input: '\\x4265737465204a616e204a616e73656e2c', type: bytea },
  ],
  idDocument: [{ input: 'NXR12E4K7' }, { input: 'BN1234567' }],
  vNumber: [{ input: '1234567890' }, { input: '12.34.56.789-0' }],
  uuid: [
    { input: '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', type: { sql: 'uuid', category: 'uuid' } },
    { input: '6F1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D' },
  ],
  ipAddress: [
    { input: '83.162.14.77', type: { sql: 'inet', category: 'network' } },
    { input: '192.168.1.20' },
    { input: '2a02:a440:1:2::15', type: { sql: 'inet', category: 'network' } },
  ],
  number: [
    { input: '2350', type: { sql: 'integer', category: 'integer' } },
    { input: '1234.56', options: { noise: 0.05 }, type: { sql: 'numeric(10,2)', category: 'numeric' } },
    { input: '87', options: { noise: 0.2, min: 0, max: 100 }, type: { sql: 'integer', category: 'integer' } },
  ],
  json: [
    {
      input: '{"email": "fatima.yilmaz@mailbox.test", "note": "Bel Jan de Vries op 06-12345678", "count": 3}',
      type: jsonb,
    },
    { input: '{"tags": ["vip"], "contact": {"telefoon": "06-12345678"}}', type: jsonb },
    {
      input: '{"contact": {"mail": "f.y@mailbox.test", "remark": "belt vaak"}, "level": "B1"}',
      type: jsonb,
      options: { paths: { 'contact.mail': 'email' }, otherStrings: 'null' },
    },
  ],
  // Arrays are transformed element by element (shown once, for e-mail).
  ...{},
};

export const arrayExample: { readonly transform: string; readonly example: DocExample } = {
  transform: 'email',
  example: { input: '{fatima@mailbox.test,"jan@mailbox.test"}', type: textArray },
};
