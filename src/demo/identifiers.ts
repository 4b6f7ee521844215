/**
 * Synthetic Dutch identifiers that pass the same checks real ones do (11-proef, mod 97, numbering
 * plan), so the anonymizer and its detectors meet realistic values. BSNs come from the 999… range,
 * which the national registry keeps for tests, so no demo BSN can be a real person's.
 */
import type { DemoRandom } from './demo-random.js';
import type { City } from './reference-data.js';
import { banks } from './reference-data.js';

/** The 9th digit that makes `first8` pass the 11-proef, or null when none does (check value 10). */
export function bsnCheckDigit(first8: string): number | null {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * (first8.charCodeAt(i) - 48);
  const check = sum % 11;
  return check === 10 ? null : check;
}

/** Prefix of every demo BSN; 100,000 eight-digit stems, about 91,000 of which have a check digit. */
export const demoBsnPrefix = '999';
/** Largest number of distinct BSNs the generator will draw from that range without slowing down. */
export const maxDemoBsns = 50_000;

export function makeBsn(random: DemoRandom): string {
  for (;;) {
    const stem = demoBsnPrefix + random.digits(5);
    const check = bsnCheckDigit(stem);
    if (check !== null) return stem + String(check);
  }
}

/** ISO 7064 mod 97-10 remainder of a string of digits and capital letters (letters count 10..35). */
function mod97(value: string): number {
  let remainder = 0;
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    const digits = code >= 65 ? String(code - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return remainder;
}

/** A Dutch IBAN for a bank code and 10-digit account number, with correct check digits. */
export function dutchIban(bankCode: string, account: string): string {
  const check = 98 - mod97(`${bankCode}${account}NL00`);
  return `NL${String(check).padStart(2, '0')}${bankCode}${account}`;
}

export function makeIban(random: DemoRandom): string {
  const bank = random.weighted(banks, (b) => b.weight).code;
  return dutchIban(bank, random.digits(10));
}

/** `NL91 ABNA 0417 1643 00`: how an IBAN is printed in letters and e-mails. */
export function printIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}

/** A Dutch mobile number as 9 national significant digits: `6`, then 1-5 or 8, then 7 digits. */
export function makeMobile(random: DemoRandom): string {
  return `6${random.pick(['1', '2', '3', '4', '5', '8'])}${random.digits(7)}`;
}

/** The ways people and systems write the same Dutch mobile number. */
export const mobileFormats = [
  '06-12345678',
  '06 12345678',
  '0612345678',
  '+31 6 12345678',
  '+31612345678',
] as const;
export type MobileFormat = (typeof mobileFormats)[number];

export function formatMobile(national: string, format: MobileFormat): string {
  const rest = national.slice(1);
  switch (format) {
    case '06-12345678':
      return `06-${rest}`;
    case '06 12345678':
      return `06 ${rest}`;
    case '0612345678':
      return `06${rest}`;
    case '+31 6 12345678':
      return `+31 6 ${rest}`;
    case '+31612345678':
      return `+316${rest}`;
  }
}

/** A landline in the city's area code, e.g. `020-5551234` or `+31 20 555 1234`. */
export function makeLandline(random: DemoRandom, city: City): string {
  const area = city.areaCode.slice(1);
  const subscriber = String(random.int(2, 9)) + random.digits(8 - area.length);
  if (random.chance(0.5)) return `${city.areaCode}-${subscriber}`;
  return `+31 ${area} ${subscriber.slice(0, 3)} ${subscriber.slice(3)}`;
}

/** A postcode inside the city's real range; letter pairs SA, SD and SS are never issued. */
export function makePostcode(random: DemoRandom, city: City): string {
  const digits = random.int(city.postcodeFrom, city.postcodeTo);
  let letters: string;
  do {
    letters = String.fromCharCode(65 + random.int(0, 25), 65 + random.int(0, 25));
  } while (letters === 'SA' || letters === 'SD' || letters === 'SS');
  // Production data is rarely consistent: most postcodes have the space, some do not.
  return random.chance(0.85) ? `${digits} ${letters}` : `${digits}${letters}`;
}

/** A house number as the registry writes it: `12`, `12A`, `12-2`, `12 bis`. */
export function makeHouseNumber(random: DemoRandom): string {
  const number = String(random.int(1, random.chance(0.8) ? 80 : 400));
  const roll = random.next();
  if (roll < 0.8) return number;
  if (roll < 0.9) return number + random.pick(['A', 'B', 'C', 'D']);
  if (roll < 0.98) return `${number}-${random.int(1, 4)}`;
  return `${number} bis`;
}
