/**
 * What the policy's decision for a column says about the data in it, for fingerprinting: which
 * category of personal data it is (for a breach notification), whether a whole value identifies a
 * person, and which part of a person it is (a first name, a postcode…), for combinations.
 */

import type { DataCategory } from '../../core/data-categories.js';
import { dateKey, wordsOf } from '../../core/normalize.js';
import type { ColumnModel } from '../../schema/model.js';
import type { ValueShape } from '../matching/value-texts.js';
import { holdsFreeText } from '../matching/value-texts.js';

/**
 * `always`: a whole value identifies on its own (a BSN, an e-mail address); `rare`: only when few
 * people share it and it is shaped like an identifier (`identifierShaped`); `never`: a part,
 * identifying only in combination, or text that is mostly not personal.
 */
export type WholeValue = 'always' | 'rare' | 'never';
export type PersonPart = 'first' | 'last' | 'fullName' | 'postcode' | 'houseNumber' | 'birthDate';

export interface PersonalColumn {
  readonly name: string;
  readonly shape: ValueShape;
  readonly category: DataCategory;
  readonly whole: WholeValue;
  readonly part: PersonPart | null;
  /** Look inside the text for identifiers (BSN, IBAN, e-mail, phone, postcode). */
  readonly inside: boolean;
  /** A whole value names one person wherever it is (see `Role.strong`). */
  readonly strong: boolean;
  /**
   * Text-like: every value and digit run is also fingerprinted as the check searches any text for
   * it (`sequenceFingerprints`), whatever the transform, so matching never depends on a detector.
   */
  readonly sequences: boolean;
}

/** Transforms whose columns hold identifiers one person has: records sharing one are one person. */
const strongTransforms: ReadonlySet<string> = new Set([
  'bsn',
  'email',
  'phone',
  'iban',
  'idDocument',
  'vNumber',
]);

const birthName = /birth|geboort|\bdob\b|_dob|dob_|born/i;

interface Profile {
  readonly category: DataCategory;
  readonly whole: WholeValue;
  readonly part?: PersonPart;
}

const profiles: Readonly<Record<string, Profile>> = {
  bsn: { category: 'identifier', whole: 'always' },
  iban: { category: 'identifier', whole: 'always' },
  hash: { category: 'identifier', whole: 'rare' },
  code: { category: 'identifier', whole: 'rare' },
  idDocument: { category: 'identifier', whole: 'always' },
  vNumber: { category: 'identifier', whole: 'always' },
  uuid: { category: 'identifier', whole: 'rare' },
  // One address is often shared (a household, an office behind one router): identifying when rare.
  ipAddress: { category: 'identifier', whole: 'rare' },
  // Amounts and measures with noise: never identifying alone, and common values would cry wolf.
  number: { category: 'other', whole: 'never' },
  email: { category: 'contact', whole: 'always' },
  phone: { category: 'contact', whole: 'always' },
  firstName: { category: 'name', whole: 'never', part: 'first' },
  lastName: { category: 'name', whole: 'never', part: 'last' },
  fullName: { category: 'name', whole: 'rare', part: 'fullName' },
  // Fake streets come from the same lists as real ones, and 'Kerkstraat 12' is in many towns: a
  // street is an address only with its postcode, which the combinations cover.
  street: { category: 'address', whole: 'never' },
  houseNumber: { category: 'address', whole: 'never', part: 'houseNumber' },
  postcode: { category: 'address', whole: 'never', part: 'postcode' },
  city: { category: 'address', whole: 'never' },
  // Free text is mostly not personal, and scrub leaves that part as it was: a whole note is no
  // fingerprint, the identifiers found inside it are.
  scrub: { category: 'freeText', whole: 'never' },
  json: { category: 'freeText', whole: 'never' },
};

/**
 * The fingerprinting plan of one column, or null when the policy keeps it (kept columns are
 * declared not personal; the leak check still reads them). `declared` is the policy's `category`.
 */
export function personalColumn(
  transform: string,
  column: ColumnModel,
  declared?: DataCategory,
): PersonalColumn | null {
  if (transform === 'keep') return null;
  const isDate = column.category === 'date' || column.category === 'timestamp';
  const isBirth = isDate && birthName.test(column.name);
  const profile: Profile =
    profiles[transform] ??
    (isDate
      ? {
          category: isBirth ? 'birthDate' : 'other',
          whole: 'never',
          ...(isBirth ? { part: 'birthDate' } : {}),
        }
      : // redact, null and the like: what was there is unknown, so a verbatim copy of an
        // identifier-shaped value few people share counts, and identifiers inside text are looked for.
        { category: 'other', whole: 'rare' });
  return {
    name: column.name,
    shape: { category: column.category, isArray: column.isArray },
    category: declared ?? profile.category,
    whole: profile.whole,
    part: profile.part ?? null,
    inside: holdsFreeText(column.category) && profile.part === undefined,
    strong: strongTransforms.has(transform),
    // A bytea's printable runs are mostly noise (`t`, hex digits of a hash); its text as a whole
    // is what a copy could repeat.
    sequences: holdsFreeText(column.category) && column.category !== 'bytea',
  };
}

/**
 * Whether a value could identify someone by itself, if few people have it: a code with digits
 * (`V-1234567`, `NXR12345`) or a name of two words or more. Dates, amounts and single words
 * (a country, a status) are not, however rare in one database: that would cry wolf.
 */
const amountOrTime =
  /^(?:(?:EUR|USD|GBP|CHF|TRY|PLN|UAH)\b|[€$£¥])?\s*[-+]?[\d\s.,:']+\s*(?:%|EUR|USD|[€$£¥])?$/;

export function identifierShaped(text: string): boolean {
  const value = text.trim();
  if (value.length < 5 || dateKey(value) !== null) return false;
  if (/^\d{4}-\d{2}-\d{2}[ T]\d/.test(value)) return false;
  const digits = value.replace(/\D/g, '').length;
  // Amounts, percentages and times are numbers with decoration, not codes.
  if (amountOrTime.test(value)) return digits >= 8;
  if (digits > 0) return value.length >= 6;
  return wordsOf(value).length >= 2;
}
