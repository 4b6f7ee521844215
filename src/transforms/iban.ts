/**
 * `iban`: a fake IBAN of the input's country. Dutch (and anything that is no valid IBAN): 'NL',
 * valid ISO 7064 mod 97-10 check digits, the code of a real Dutch bank and 10 digits. Foreign: the
 * same country and length, the first four characters of the BBAN kept (the bank, which identifies
 * no one), every other letter and digit replaced by a keyed one of its kind, check digits
 * recomputed, so it passes mod-97 where the input did. For Dutch inputs the 10 account digits go through a keyed permutation, so two
 * accounts only share a fake if they have the same digits at different banks and draw the same bank
 * (rare); other inputs get keyed digits. Grouping in fours is kept when the input had spaces. A fake
 * that is a real IBAN is drawn again (draw-again.ts).
 */
import { z } from 'zod';
import { isValidIban } from '../core/detectors.js';
import { indexFrom, type Keyed } from '../core/keyed.js';
import { needText } from './column-rules.js';
import { attemptInput, everyDrawReal, maxAttempts } from './draw-again.js';
import { sharedPermutation } from './feistel.js';
import { isTaken, noRealValues, type RealValues, type TransformDefinition } from './transform.js';

/** Bank codes (BIC prefixes) in use in the Netherlands. */
export const dutchBanks: readonly string[] = [
  'ABNA',
  'ASNB',
  'BUNQ',
  'FVLB',
  'HAND',
  'INGB',
  'KNAB',
  'NNBA',
  'RABO',
  'RBRB',
  'SNSB',
  'TRIO',
];

/** ISO 7064 mod 97-10 check digits for a country and BBAN. */
export function ibanCheckDigits(country: string, bban: string): string {
  let remainder = 0;
  for (const ch of `${bban}${country}00`) {
    const code = ch.charCodeAt(0);
    remainder = code >= 65 ? (remainder * 100 + code - 55) % 97 : (remainder * 10 + code - 48) % 97;
  }
  return String(98 - remainder).padStart(2, '0');
}

/**
 * One draw. The first permutes a Dutch account's digits; later draws (after a real IBAN) take keyed
 * digits instead, since a second permutation step would give another account's first-draw digits.
 */
function drawIban(keyed: Keyed, normalized: string, attempt: number): string {
  const digest = keyed.digestLatin1('iban', attemptInput(normalized, attempt));
  const foreign = /^([A-Z]{2})\d{2}([A-Z0-9]{11,30})$/.exec(normalized);
  if (foreign !== null && foreign[1] !== 'NL' && isValidIban(normalized)) {
    return foreignIban(keyed, foreign[1]!, foreign[2]!, attemptInput(normalized, attempt));
  }
  const bank = dutchBanks[indexFrom(digest, dutchBanks.length, 0)]!;
  const dutch = attempt === 0 ? /^NL\d{2}[A-Z]{4}(\d{10})$/.exec(normalized) : null;
  const accountNumber =
    dutch !== null
      ? sharedPermutation(keyed, 'iban.account', 100_000).forward(Number(dutch[1]))
      : indexFrom(digest, 10_000_000_000, 6);
  const bban = bank + String(accountNumber).padStart(10, '0');
  return `NL${ibanCheckDigits('NL', bban)}${bban}`;
}

const digits = '0123456789';
const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Same country, bank kept, the rest keyed per character class; check digits recomputed. */
function foreignIban(keyed: Keyed, country: string, bban: string, input: string): string {
  let out = bban.slice(0, 4);
  let digest = keyed.digestLatin1('iban.foreign', input);
  let used = 0;
  for (let i = 4; i < bban.length; i++) {
    if (used === digest.length) {
      digest = keyed.digestLatin1(`iban.foreign#${i}`, input);
      used = 0;
    }
    const alphabet = /\d/.test(bban[i]!) ? digits : letters;
    out += alphabet[digest.charCodeAt(used++) % alphabet.length];
  }
  return `${country}${ibanCheckDigits(country, out)}${out}`;
}

/** The fake for one IBAN, compact or grouped like the input; never one of `real`. */
export function fakeIban(keyed: Keyed, value: string, real: RealValues = noRealValues): string {
  const normalized = value.replace(/\s+/g, '').toUpperCase();
  const grouped = /\s/.test(value.trim());
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const iban = drawIban(keyed, normalized, attempt);
    if (!isTaken(real, 'iban', iban)) return grouped ? iban.replace(/(.{4})(?=.)/g, '$1 ') : iban;
  }
  throw everyDrawReal('iban');
}

const options = z.strictObject({});

export const ibanTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'iban',
  summary:
    'Replace with a fake IBAN of the same country (valid check digits, bank kept), grouped like the input.',
  options,
  cannotProduce: (column) => needText(column, 18, 'an IBAN'),
  create: ({ column, keyed, real }) => {
    const max = column.maxLength;
    return (value) => {
      const iban = fakeIban(keyed, value, real);
      return max !== null && iban.length > max ? iban.replace(/ /g, '') : iban;
    };
  },
};
