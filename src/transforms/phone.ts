/**
 * `phone`: a keyed fake phone number, valid per libphonenumber's metadata, in the input's country
 * (Dutch when it cannot tell) and of the same kind (mobile or fixed line), written in the input's
 * style: '+31 6 12345678', '+31612345678', '0031…', '06-12345678', '06 12345678', '0612345678'.
 *
 * Dutch mobiles (06 and 8 digits, the second 1–5 or 8) are one-to-one, so a unique column stays
 * unique: the 8 digits after the 6, read as one number (6 valid second digits × 10^7), go through a
 * keyed permutation and the bracket-matching walk that steps over real numbers (one-to-one.ts).
 * Drawing them from a digest, as before, gave a million distinct mobiles ~8,000 shared fakes (6·10^7
 * numbers, birthday bound). Other numbers (fixed lines, foreign, unreadable) are still drawn from a
 * digest and drawn again when real (draw-again.ts): they can share a fake, rarely for fixed lines.
 */
import { getCountryCallingCode, type PhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import mobileExamples from 'libphonenumber-js/mobile/examples';
import { z } from 'zod';
import { indexFrom, type Keyed } from '../core/keyed.js';
import { needText } from './column-rules.js';
import { attemptInput, everyDrawReal, maxAttempts } from './draw-again.js';
import { oneToOneFake } from './one-to-one.js';
import { fitLength } from './text.js';
import { isTaken, noRealValues, type RealValues, type TransformDefinition } from './transform.js';

const nlMobileSecondDigits = '123458'; // 06-1… to 06-5… and 06-8…; 066 is a pager, 067 VoIP
/** Tries for a valid foreign number of the right kind, per draw. */
const attempts = 16;

/** Three-digit Dutch fixed-line prefixes (area code plus first digit), from the metadata itself. */
let nlFixedPrefixes: string[] | undefined;
function dutchFixedPrefixes(): string[] {
  nlFixedPrefixes ??= Array.from({ length: 900 }, (_, i) => String(100 + i)).filter(
    (prefix) => parsePhoneNumberFromString(`+31${prefix}234567`)?.getType() === 'FIXED_LINE',
  );
  return nlFixedPrefixes;
}

function digitsFrom(digest: string, count: number, from = 0): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(digest.charCodeAt(from + i) % 10);
  return out;
}

function isMobile(number: PhoneNumber): boolean {
  const type = number.getType();
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
}

function isFixed(number: PhoneNumber): boolean {
  const type = number.getType();
  return type !== 'MOBILE' && type !== undefined;
}

/** A Dutch number of the kind wanted; valid by construction (tests check it against the metadata). */
function dutchNumber(digest: string, mobile: boolean): string {
  if (mobile) return `6${nlMobileSecondDigits[digest.charCodeAt(0) % 6]}${digitsFrom(digest, 7, 1)}`;
  const prefixes = dutchFixedPrefixes();
  return `${prefixes[indexFrom(digest, prefixes.length)]}${digitsFrom(digest, 6, 2)}`;
}

/**
 * A foreign number: keep the leading digits of a national number of the right kind (the input's for
 * fixed lines, so the area code stays; libphonenumber's example for mobiles), draw the last 7, and
 * retry until valid, keeping one digit more every few tries for strict plans (Brazil's 9 after the
 * area code).
 */
function foreignNumber(
  keyed: Keyed,
  key: string,
  input: PhoneNumber,
  mobile: boolean,
): PhoneNumber | undefined {
  const country = input.country!;
  const template = mobile ? (mobileExamples[country] ?? input.nationalNumber) : input.nationalNumber;
  const callingCode = getCountryCallingCode(country);
  for (let attempt = 0; attempt < attempts; attempt++) {
    const kept = Math.min(template.length - 3, Math.max(2, template.length - 7) + Math.floor(attempt / 4));
    const digest = keyed.digestLatin1(`phone#${attempt}`, key);
    const national = template.slice(0, kept) + digitsFrom(digest, template.length - kept);
    const candidate = parsePhoneNumberFromString(`+${callingCode}${national}`);
    if (
      candidate?.isValid() &&
      candidate.country === country &&
      (mobile ? isMobile(candidate) : isFixed(candidate))
    ) {
      return candidate;
    }
  }
  return undefined;
}

/** One number in the three ways people write it. */
interface Written {
  readonly e164: string; // '+31612345678'
  readonly international: string; // '+31 6 12345678'
  readonly national: string; // '06 12345678'
}

function fromLibrary(number: PhoneNumber): Written {
  return {
    e164: number.number,
    international: number.formatInternational(),
    national: number.formatNational(),
  };
}

/**
 * A Dutch national number written as libphonenumber would (tests compare the two), without its
 * ~10 µs parse: mobiles '6 12345678'; fixed lines 3-3-3 after the short area codes, else 2-3-4.
 */
function fromDutch(national: string): Written {
  const groups = national.startsWith('6')
    ? [national.slice(0, 1), national.slice(1)]
    : /^(?:1[16-8]|2[259]|3[124]|4[17-9]|5[124679])/.test(national)
      ? [national.slice(0, 3), national.slice(3, 6), national.slice(6)]
      : [national.slice(0, 2), national.slice(2, 5), national.slice(5)];
  const spaced = groups.join(' ');
  return { e164: `+31${national}`, international: `+31 ${spaced}`, national: `0${spaced}` };
}

/** Writes `number` the way `input` was written. */
function styled(input: string, number: Written): string {
  const hasSpace = /\s/.test(input);
  const hasDash = input.includes('-');
  if (input.startsWith('+') || input.startsWith('00')) {
    const plus = input.startsWith('+') ? '+' : '00';
    if (!hasSpace && !hasDash) return plus + number.e164.slice(1);
    const spaced = plus + number.international.slice(1);
    return hasSpace ? spaced : spaced.replace(/ /g, '-');
  }
  if (hasSpace) return number.national;
  if (hasDash) return number.national.replace(' ', '-').replace(/ /g, '');
  return number.national.replace(/\D/g, '');
}

/** Dutch mobiles, the commonest input, are recognized without libphonenumber's parse. */
const dutchMobile = /^(?:\+31|0031|0)(6[1-58]\d{7})$/;
const dutchMobileNational = /^6[1-58]\d{7}$/;
/** Per digit after the 6: its alphabet (the valid second digits, then any digit). */
const mobileAlphabets: readonly string[] = [
  nlMobileSecondDigits,
  ...Array.from({ length: 7 }, () => '0123456789'),
];

/** Writes a fake as `input` was written, cut to the column as drawPhone does. */
function fitted(input: string, written: Written, maxLength: number | null): string {
  const out = styled(input, written);
  if (maxLength === null || out.length <= maxLength) return out;
  // Too long for the column: drop the styling, then the country code, before cutting anything.
  const digitsOnly = written.national.replace(/\D/g, '');
  if (input.startsWith('+') && written.e164.length <= maxLength) return written.e164;
  return fitLength(digitsOnly, maxLength);
}

/** The one-to-one fake of a Dutch mobile, its national number `national` ('612345678'). */
function fakeDutchMobile(
  keyed: Keyed,
  input: string,
  national: string,
  maxLength: number | null,
  real: RealValues,
): string {
  const write = (digits: string) => fitted(input, fromDutch(`6${digits}`), maxLength);
  const stop = (digits: string) => (isTaken(real, 'phone', write(digits)) ? 'real' : 'free');
  return write(oneToOneFake(keyed, 'phone.mobile', mobileAlphabets, national.slice(1), stop, 'phone'));
}

/** One draw: the fake for the number keyed `key`, written like `input`, at most `maxLength` long. */
function drawPhone(
  keyed: Keyed,
  input: string,
  key: string,
  mobile: boolean,
  foreignInput: PhoneNumber | undefined,
  maxLength: number | null,
): string {
  const foreign = foreignInput === undefined ? undefined : foreignNumber(keyed, key, foreignInput, mobile);
  const written =
    foreign === undefined
      ? fromDutch(dutchNumber(keyed.digestLatin1('phone', key), mobile))
      : fromLibrary(foreign);
  return fitted(input, written, maxLength);
}

/**
 * The fake for one phone number, at most `maxLength` characters (null: no limit), never one of
 * `real` (drawn again, see draw-again.ts).
 */
export function fakePhone(
  keyed: Keyed,
  value: string,
  maxLength: number | null,
  real: RealValues = noRealValues,
): string {
  const input = value.trim();
  const quick = dutchMobile.exec(input.replace(/[\s().-]/g, ''));
  if (quick !== null) return fakeDutchMobile(keyed, input, quick[1]!, maxLength, real);
  let key = input;
  let mobile = true;
  let foreignInput: PhoneNumber | undefined;
  const parsed = parsePhoneNumberFromString(input, 'NL');
  if (parsed?.isValid() === true && parsed.country !== undefined) {
    // Written differently, one number is still one number: key on E.164.
    if (parsed.country === 'NL' && dutchMobileNational.test(parsed.nationalNumber))
      return fakeDutchMobile(keyed, input, parsed.nationalNumber, maxLength, real);
    key = parsed.number;
    mobile = isMobile(parsed);
    if (parsed.country !== 'NL') foreignInput = parsed;
  }
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const out = drawPhone(keyed, input, attemptInput(key, attempt), mobile, foreignInput, maxLength);
    if (!isTaken(real, 'phone', out)) return out;
  }
  throw everyDrawReal('phone');
}

const options = z.strictObject({});

export const phoneTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'phone',
  summary: "Replace with a fake, valid phone number of the input's country and kind, in its style.",
  options,
  cannotProduce: (column) => needText(column, 10, 'a phone number'),
  create: ({ column, keyed, real }) => {
    const max = column.maxLength;
    return (value) => fakePhone(keyed, value, max, real);
  },
};
