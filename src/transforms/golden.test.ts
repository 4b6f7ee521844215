/**
 * Golden outputs under the fixed test key. A change here is a change for users: the same input no
 * longer gives the same fake as in their earlier copies. Update on purpose only, and say so in the
 * changelog.
 */
import { expect, test } from 'vitest';
import type { ColumnModel } from '../schema/model.js';
import { bsnFromPrefix, column, dutchIban, make, varchar } from './test-support.js';

const date = column({ category: 'date', type: 'date' });
const timestamptz = column({ category: 'timestamp', type: 'timestamp with time zone' });
const integer = column({ category: 'integer', type: 'integer' });
const jsonb = column({ category: 'json', type: 'jsonb' });
const bigint = column({ category: 'integer', type: 'bigint' });
const numeric = column({ category: 'numeric', type: 'numeric(7,2)', numericPrecision: 7, numericScale: 2 });
const uuid = column({ category: 'uuid', type: 'uuid' });
const inet = column({ category: 'network', type: 'inet' });
const cidr = column({ category: 'network', type: 'cidr' });

const cases: [name: string, input: string, options?: unknown, col?: ColumnModel][] = [
  ['keep', 'ongewijzigd'],
  ['null', 'weg'],
  ['redact', 'geheim'],
  ['hash', 'klant-0001'],
  ['hash', 'klant-0001', { alphabet: 'alphanumeric', length: 24 }],
  ['hash', '4242', {}, integer],
  ['firstName', 'Testvoornaam'],
  ['lastName', 'Testachternaam'],
  ['fullName', 'Testvoornaam Testachternaam'],
  ['fullName', 'Testvoornaam Testachternaam', {}, varchar(12)],
  ['firstName', 'Fatma'],
  ['lastName', 'van der Berg'],
  ['fullName', 'YILMAZ, Fatma'],
  ['fullName', 'J. van der Berg', { nationality: 'land' }],
  ['email', 'test.persoon@example.com'],
  ['email', 'test.persoon@example.com', { domain: 'test.invalid' }],
  ['phone', '06-11112222'],
  ['phone', '+31 6 11112222'],
  ['phone', '010 111 2222'],
  ['bsn', bsnFromPrefix(11_112_222)!],
  ['bsn', bsnFromPrefix(11_112_222)!, {}, integer],
  ['iban', dutchIban('TEST', 1_111_222_233)],
  ['iban', dutchIban('TEST', 1_111_222_233).replace(/(.{4})(?=.)/g, '$1 ')],
  ['postcode', '9999 ZZ'],
  ['street', 'Teststraat 7b'],
  ['houseNumber', '7b'],
  ['code', 'AB-1234/x'],
  ['code', '12-345678'],
  ['code', 'AB-1234-XY'],
  ['idDocument', 'XR1234567'],
  ['idDocument', 'ab12cd345'],
  ['vNumber', '1234567890'],
  ['vNumber', '12 3456 7890'],
  ['vNumber', '123456789', {}, bigint],
  ['uuid', '123e4567-e89b-12d3-a456-426614174000', {}, uuid],
  ['ipAddress', '192.168.1.20'],
  ['ipAddress', '8.8.8.8', {}, inet],
  ['ipAddress', '10.1.0.0/16', {}, cidr],
  ['ipAddress', '2001:db8::1', {}, inet],
  ['ipAddress', 'fe80::1'],
  ['number', '42', {}, integer],
  ['number', '1234.50', {}, numeric],
  ['number', '3000', { noise: 0.05, min: 2500, max: 3100 }, integer],
  ['city', 'Testdorp'],
  ['dateShift', '2000-01-01', {}, date],
  ['dateShift', '2000-01-01 12:34:56+01', { maxDays: 30 }, timestamptz],
  ['dateShift', '2000-12-30', { keepYear: true }, date],
  ['dateShift', '2021-05-17 10:23:45+02', { generalize: 'month' }, timestamptz],
  ['dateShift', '1987-03-14', { generalize: 'year' }, date],
  ['scrub', `Testnotitie: Johannes belde vanaf 06-11112222 over BSN ${bsnFromPrefix(11_112_222)}.`],
  ['scrub', 'Testnotitie: Johannes Visser belde, het is ook per post verstuurd.'],
  [
    'json',
    '{"voornaam":"Testvoornaam","email":"test.persoon@example.com","opmerking":"Johannes"}',
    {},
    jsonb,
  ],
  ['scrub', '\\x4a6f68616e6e65732062656c6465', {}, column({ category: 'bytea', type: 'bytea' })],
  [
    'json',
    '{"contacts":[{"tel":"06-11112222","label":"thuis"}],"opmerking":"Johannes"}',
    { paths: { 'contacts[].tel': 'phone', 'contacts[].label': 'keep' }, otherStrings: 'null' },
    jsonb,
  ],
];

test('golden outputs under the test key', () => {
  const outputs: Record<string, string | null> = {};
  for (const [name, input, options, col] of cases) {
    outputs[`${name} ${JSON.stringify(options ?? {})} ${(col ?? column()).type}: ${input}`] = make(
      name,
      options ?? {},
      col ?? column(),
    )(input);
  }
  expect(outputs).toMatchInlineSnapshot(`
    {
      "bsn {} integer: 111122223": "430910642",
      "bsn {} text: 111122223": "430910642",
      "city {} text: Testdorp": "Wassenaar",
      "code {} text: 12-345678": "22-276283",
      "code {} text: AB-1234-XY": "GS-2021-AX",
      "code {} text: AB-1234/x": "YQ-6843/q",
      "dateShift {"generalize":"month"} timestamp with time zone: 2021-05-17 10:23:45+02": "2021-05-01 00:00:00+02",
      "dateShift {"generalize":"year"} date: 1987-03-14": "1987-01-01",
      "dateShift {"keepYear":true} date: 2000-12-30": "2000-02-28",
      "dateShift {"maxDays":30} timestamp with time zone: 2000-01-01 12:34:56+01": "1999-12-27 12:34:56+01",
      "dateShift {} date: 2000-01-01": "1999-06-15",
      "email {"domain":"test.invalid"} text: test.persoon@example.com": "malik.albuquerque.9612421@test.invalid",
      "email {} text: test.persoon@example.com": "malik.albuquerque.9612421@example.org",
      "firstName {} text: Fatma": "Işıl",
      "firstName {} text: Testvoornaam": "Nora",
      "fullName {"nationality":"land"} text: J. van der Berg": "A. van der Linden",
      "fullName {} character varying(12): Testvoornaam Testachternaam": "Nora Willems",
      "fullName {} text: Testvoornaam Testachternaam": "Nora Willems",
      "fullName {} text: YILMAZ, Fatma": "AKYEL, Işıl",
      "hash {"alphabet":"alphanumeric","length":24} text: klant-0001": "VFRGpdgDVnxdUj6oT5tEcV8P",
      "hash {} integer: 4242": "860404113",
      "hash {} text: klant-0001": "1f0f9710af27e4c7",
      "houseNumber {} text: 7b": "28b",
      "iban {} text: NL62 TEST 1111 2222 33": "NL10 NNBA 1093 1891 50",
      "iban {} text: NL62TEST1111222233": "NL10NNBA1093189150",
      "idDocument {} text: XR1234567": "UI9944789",
      "idDocument {} text: ab12cd345": "fu47di636",
      "ipAddress {} cidr: 10.1.0.0/16": "10.139.0.0/16",
      "ipAddress {} inet: 2001:db8::1": "2001:db8:9079:33ea:891c:cee7:975f:2dac",
      "ipAddress {} inet: 8.8.8.8": "75.206.241.12",
      "ipAddress {} text: 192.168.1.20": "192.168.125.202",
      "ipAddress {} text: fe80::1": "fe80::6cd5:b9d9:ab40:4443",
      "json {"paths":{"contacts[].tel":"phone","contacts[].label":"keep"},"otherStrings":"null"} jsonb: {"contacts":[{"tel":"06-11112222","label":"thuis"}],"opmerking":"Johannes"}": "{"contacts":[{"tel":"06-54129029","label":"thuis"}],"opmerking":null}",
      "json {} jsonb: {"voornaam":"Testvoornaam","email":"test.persoon@example.com","opmerking":"Johannes"}": "{"voornaam":"Nora","email":"malik.albuquerque.9612421@example.org","opmerking":"Johannes"}",
      "keep {} text: ongewijzigd": "ongewijzigd",
      "lastName {} text: Testachternaam": "Willems",
      "lastName {} text: van der Berg": "van der Linden",
      "null {} text: weg": null,
      "number {"noise":0.05,"min":2500,"max":3100} integer: 3000": "3025",
      "number {} integer: 42": "43",
      "number {} numeric(7,2): 1234.50": "1235.97",
      "phone {} text: +31 6 11112222": "+31 6 54129029",
      "phone {} text: 010 111 2222": "0115 660 147",
      "phone {} text: 06-11112222": "06-54129029",
      "postcode {} text: 9999 ZZ": "1818 XZ",
      "redact {} text: geheim": "[redacted]",
      "scrub {} bytea: \\x4a6f68616e6e65732062656c6465": "\\x4a6f68616e6e65732062656c6465",
      "scrub {} text: Testnotitie: Johannes Visser belde, het is ook per post verstuurd.": "Testnotitie: Sverre Veenstra belde, het is ook per post verstuurd.",
      "scrub {} text: Testnotitie: Johannes belde vanaf 06-11112222 over BSN 111122223.": "Testnotitie: Johannes belde vanaf 06-54129029 over BSN 430910642.",
      "street {} text: Teststraat 7b": "Regenboogdreef 28b",
      "uuid {} uuid: 123e4567-e89b-12d3-a456-426614174000": "83cbb102-753b-46c4-87c5-dd43437343c2",
      "vNumber {} bigint: 123456789": "9714946030",
      "vNumber {} text: 12 3456 7890": "26 3250 7747",
      "vNumber {} text: 1234567890": "2632507747",
    }
  `);
});
