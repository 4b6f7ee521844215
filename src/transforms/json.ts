/**
 * `json`: walks a json/jsonb value. String leaves under keys that name personal data ('email',
 * 'telefoon', 'voornaam', 'birth_date'…) get the matching transform; every other string goes through
 * `scrub`; numbers, booleans and null stay unless the key says BSN or phone. Object keys are scrubbed
 * too, since people sometimes key maps by e-mail address.
 */
import { z } from 'zod';
import { LeakproofError } from '../errors.js';
import { fakeBsn } from './bsn.js';
import { fakeCity } from './city.js';
import { needCategory } from './column-rules.js';
import { shiftDate } from './date-shift.js';
import { fakeEmail } from './email.js';
import { fakeFullName, fakeName } from './fake-name.js';
import { fakeHouseNumber } from './house-number.js';
import { fakeIban } from './iban.js';
import type { Keyed } from './keyed.js';
import type { NameKind } from './names.js';
import { fakePhone } from './phone.js';
import { fakePostcode } from './postcode.js';
import { scrubText } from './scrub.js';
import { fakeStreet } from './street.js';
import { noRealValues, type RealValues, type TransformDefinition } from './transform.js';

/** A generator's fake; `real` is passed to those that must stay clear of real values. */
type Fake = (keyed: Keyed, value: string, real: RealValues) => string;

/** The firstName/lastName/fullName fakes, so a name in JSON gets the fake its column got. */
const name =
  (kind: NameKind): Fake =>
  (keyed, value, real) =>
    fakeName(keyed, kind, value, null, real);
const fullName: Fake = (keyed, value, real) => fakeFullName(keyed, value, null, real);

/**
 * Key patterns, tried in order on the key lower-cased with '_', '-', '.' and spaces removed; the
 * more specific come first ('firstname' before 'name', 'birthplace' before 'birth').
 */
const personalKeys: readonly [RegExp, Fake][] = [
  [/e?mail/, (keyed, value, real) => fakeEmail(keyed, value, undefined, null, real)],
  [
    /phone|telefoon|^tel(nr|nummer)?$|mobiel|mobile|gsm|^fax/,
    (keyed, value, real) => fakePhone(keyed, value, null, real),
  ],
  [/bsn|burgerservice|sofinummer|socialsecurity/, (keyed, value, real) => fakeBsn(keyed, value, false, real)],
  [/iban|rekeningnummer|bankaccount|accountnumber/, fakeIban],
  [/firstname|voornaam|givenname|roepnaam/, name('first')],
  [/lastname|achternaam|surname|familyname|familienaam|geslachtsnaam/, name('last')],
  [/postcode|postalcode|zip/, (keyed, value, real) => fakePostcode(keyed, value, true, real)],
  [/birthplace|geboorteplaats|city|woonplaats|^plaats|town/, (keyed, value) => fakeCity(keyed, value, null)],
  [/birth|geboorte|^dob$/, (keyed, value) => shiftDate(keyed, value, 365)],
  [/housenumber|huisnummer/, (keyed, value) => fakeHouseNumber(keyed, value, null)],
  [/address|adres|street|straat/, (keyed, value) => fakeStreet(keyed, value, null)],
  // Only keys that hold a person's name; 'filename' or 'schoolname' go through scrub like any text.
  [/^(full|display|contact|person|student|applicant|candidate)?name$|^(volledige|contact)?naam$/, fullName],
];

/** Keys whose numbers are personal too: BSNs and phone numbers stored as JSON numbers. */
const numberKeys: readonly [RegExp, Fake][] = [
  [/bsn|burgerservice|sofinummer/, (keyed, value, real) => fakeBsn(keyed, value, true, real)],
  [
    /phone|telefoon|^tel(nr|nummer)?$|mobiel|mobile|gsm/,
    (keyed, value, real) => fakePhone(keyed, value, null, real).replace(/\D/g, ''),
  ],
];

function fakeFor(patterns: readonly [RegExp, Fake][], key: string | null): Fake | undefined {
  if (key === null) return undefined;
  const normalized = key.toLowerCase().replace(/[\s_.-]/g, '');
  return patterns.find(([pattern]) => pattern.test(normalized))?.[1];
}

function walk(keyed: Keyed, real: RealValues, node: unknown, key: string | null): unknown {
  if (typeof node === 'string') {
    const fake = fakeFor(personalKeys, key);
    if (fake === undefined) return scrubText(keyed, node, 'any', real);
    if (node.trim() === '') return node; // nothing personal in an empty field
    try {
      return fake(keyed, node, real);
    } catch {
      return scrubText(keyed, node, 'any', real); // e.g. 'birth' holding free text instead of a date
    }
  }
  if (typeof node === 'number') {
    const fake = fakeFor(numberKeys, key);
    return fake === undefined ? node : Number(fake(keyed, String(node), real));
  }
  // Elements of an array belong to the array's key: "phones": ["…", "…"].
  if (Array.isArray(node)) return node.map((item) => walk(keyed, real, item, key));
  if (node !== null && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [childKey, child] of Object.entries(node))
      out[scrubText(keyed, childKey, 'any', real)] = walk(keyed, real, child, childKey);
    return out;
  }
  return node; // booleans and null
}

/**
 * The JSON text with personal values replaced, no fake one of `real`. Throws (naming no value) on
 * invalid JSON.
 */
export function scrubJson(keyed: Keyed, text: string, real: RealValues = noRealValues): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new LeakproofError('LP_TRANSFORM', 'json: a value is not valid JSON.');
  }
  return JSON.stringify(walk(keyed, real, parsed, null));
}

const options = z.strictObject({});

export const jsonTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'json',
  summary: 'JSON: fake values under personal keys (email, telefoon, bsn…), scrub every other string.',
  options,
  cannotProduce: (column) =>
    needCategory(column, 'json') ?? (column.isArray ? 'arrays of json are not supported' : null),
  wholeValue: true,
  create:
    ({ keyed, real }) =>
    (value) =>
      scrubJson(keyed, value, real),
};
