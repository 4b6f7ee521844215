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
  ['city', 'Testdorp'],
  ['dateShift', '2000-01-01', {}, date],
  ['dateShift', '2000-01-01 12:34:56+01', { maxDays: 30 }, timestamptz],
  ['scrub', `Testnotitie: Johannes belde vanaf 06-11112222 over BSN ${bsnFromPrefix(11_112_222)}.`],
  [
    'json',
    '{"voornaam":"Testvoornaam","email":"test.persoon@example.com","opmerking":"Johannes"}',
    {},
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
      "code {} text: AB-1234/x": "KK-0729/p",
      "dateShift {"maxDays":30} timestamp with time zone: 2000-01-01 12:34:56+01": "1999-12-27 12:34:56+01",
      "dateShift {} date: 2000-01-01": "1999-06-15",
      "email {"domain":"test.invalid"} text: test.persoon@example.com": "malik.albuquerque.9612421@test.invalid",
      "email {} text: test.persoon@example.com": "malik.albuquerque.9612421@example.org",
      "firstName {} text: Testvoornaam": "Elina",
      "fullName {} character varying(12): Testvoornaam Testachternaam": "Constance Re",
      "fullName {} text: Testvoornaam Testachternaam": "Leufroy Devos",
      "hash {"alphabet":"alphanumeric","length":24} text: klant-0001": "VFRGpdgDVnxdUj6oT5tEcV8P",
      "hash {} integer: 4242": "860404113",
      "hash {} text: klant-0001": "1f0f9710af27e4c7",
      "houseNumber {} text: 7b": "28b",
      "iban {} text: NL62 TEST 1111 2222 33": "NL10 NNBA 1093 1891 50",
      "iban {} text: NL62TEST1111222233": "NL10NNBA1093189150",
      "json {} jsonb: {"voornaam":"Testvoornaam","email":"test.persoon@example.com","opmerking":"Johannes"}": "{"voornaam":"Elina","email":"malik.albuquerque.9612421@example.org","opmerking":"Adéodat"}",
      "keep {} text: ongewijzigd": "ongewijzigd",
      "lastName {} text: Testachternaam": "Graham",
      "null {} text: weg": null,
      "phone {} text: +31 6 11112222": "+31 6 82777046",
      "phone {} text: 010 111 2222": "0115 660 147",
      "phone {} text: 06-11112222": "06-82777046",
      "postcode {} text: 9999 ZZ": "1818 XZ",
      "redact {} text: geheim": "[redacted]",
      "scrub {} text: Testnotitie: Johannes belde vanaf 06-11112222 over BSN 111122223.": "Testnotitie: Adéodat belde vanaf 06-82777046 over BSN 430910642.",
      "street {} text: Teststraat 7b": "Regenboogdreef 28b",
    }
  `);
});
