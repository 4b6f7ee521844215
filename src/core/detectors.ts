/**
 * Checksum- and format-validated detectors for identifiers, shared by the free-text scrubber, the
 * `init` classifier and (later) the leak check. Pure functions over strings.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type IdentifierKind = 'bsn' | 'iban' | 'email' | 'phone' | 'postcode';

export interface IdentifierMatch {
  readonly kind: IdentifierKind;
  /** Offsets into the searched text (UTF-16 code units), end exclusive. */
  readonly start: number;
  readonly end: number;
}

/** 11-proef on exactly 9 digits (pad 8-digit values first); all zeros is not a BSN. */
export function isValidBsn(value: string): boolean {
  if (!/^\d{9}$/.test(value) || value === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * (value.charCodeAt(i) - 48);
  sum -= value.charCodeAt(8) - 48;
  return sum % 11 === 0;
}

/** A BSN as people write it: 9 digits, or 8 with a lost leading zero, or `1234.56.782`. */
export function normalizeBsn(value: string): string | null {
  const digits = value.trim().replace(/[.\s-]/g, '');
  if (!/^\d{8,9}$/.test(digits)) return null;
  return digits.padStart(9, '0');
}

/** ISO 7064 mod 97-10 over an IBAN with spaces removed. */
export function isValidIban(value: string): boolean {
  const iban = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const digits = code >= 65 ? String(code - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

const emailPattern = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
export function isEmail(value: string): boolean {
  return emailPattern.test(value.trim());
}

/** Dutch postcode: 4 digits not starting with 0, 2 capitals, never SA/SD/SS. */
export function isDutchPostcode(value: string): boolean {
  const m = /^([1-9]\d{3}) ?([A-Z]{2})$/.exec(value.trim().toUpperCase());
  return m !== null && !['SA', 'SD', 'SS'].includes(m[2]!);
}

/** A phone number valid by libphonenumber's metadata; numbers without `+` are read as Dutch. */
export function isPhoneNumber(value: string): boolean {
  const trimmed = value.trim();
  if (!/^[+(]?\d[\d\s().-]{6,}$/.test(trimmed)) return false;
  return parsePhoneNumberFromString(trimmed, 'NL')?.isValid() ?? false;
}

const emailInText = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const ibanInText = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/gi;
const bsnInText = /\b\d{4}\.\d{2}\.\d{3}\b|\b\d{9}\b/g;
const postcodeInText = /\b[1-9]\d{3} ?[A-Z]{2}\b/g;
/**
 * Phone number candidates: 7 to 15 digits with the separators people write (`06-12345678`,
 * `+31 (0)20 123 4567`, `0031 6 …`), not glued to letters or digits (a hex code `AV-0FCA8061234…`
 * holds digit runs, not phone numbers). Each is then checked against
 * libphonenumber's metadata; its own text scan tries many patterns per position and costs several
 * times more.
 */
const phoneInText = /(?<![\p{L}\p{N}+])(?:\+|00)?\(?\d(?:[\s./-]{0,2}\(?\d\)?){6,14}(?![\p{L}\p{N}])/gu;
/** Cheap tests that let most texts skip a pattern altogether. */
const hasDigitRun = /\d{4}/;

/** Every identifier found in free text, without overlaps, in text order. */
export function findIdentifiers(text: string): IdentifierMatch[] {
  const found: IdentifierMatch[] = [];
  const add = (kind: IdentifierKind, start: number, end: number) => {
    if (!found.some((f) => start < f.end && end > f.start)) found.push({ kind, start, end });
  };
  if (text.includes('@')) {
    for (const m of text.matchAll(emailInText)) add('email', m.index, m.index + m[0].length);
  }
  // Every other kind has a run of at least 4 digits (IBAN account, BSN, phone, postcode).
  if (!hasDigitRun.test(text) && !/\d[\s.-]\d/.test(text)) return found;
  for (const m of text.matchAll(ibanInText)) {
    if (isValidIban(m[0])) add('iban', m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(bsnInText)) {
    const bsn = normalizeBsn(m[0]);
    if (bsn !== null && isValidBsn(bsn)) add('bsn', m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(phoneInText)) {
    const candidate = m[0].replace(/[\s./-]+$/, '');
    if (parsePhoneNumberFromString(candidate, 'NL')?.isValid())
      add('phone', m.index, m.index + candidate.length);
  }
  for (const m of text.matchAll(postcodeInText)) {
    if (isDutchPostcode(m[0])) add('postcode', m.index, m.index + m[0].length);
  }
  return found.sort((a, b) => a.start - b.start);
}
