/**
 * Unique columns stay unique at a million rows: for every transform meant for identifiers, a
 * million distinct valid inputs give a million distinct outputs, none equal to its input. Inputs
 * are generated on the fly (sequential numbers spread by a step prime to the range), outputs kept
 * in one Set per transform; validity is checked on every 1000th, where the check is slow.
 */
import { describe, expect, test } from 'vitest';
import { isEmail, isPhoneNumber, isValidBsn, isValidIban } from '../core/detectors.js';
import { bsnFromPrefix, dutchIban, make } from './test-support.js';

const million = 1_000_000;
/** Per transform: each takes 3–10 s alone, several times that when every core is busy. */
const timeout = 120_000;

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const noO = 'ABCDEFGHIJKLMNPQRSTUVWXYZ';

/** `i` as `width` symbols of `alphabet`, most significant first. */
function symbols(i: number, alphabet: string, width: number): string {
  let out = '';
  for (let p = 0; p < width; p++) {
    out = alphabet[i % alphabet.length] + out;
    i = Math.floor(i / alphabet.length);
  }
  return out;
}

/** BSNs: 8-digit prefixes stepped by a prime, those without a check digit skipped. */
function bsnInputs(): (i: number) => string {
  let prefix = 0;
  return () => {
    for (;;) {
      prefix = (prefix + 4999) % 100_000_000;
      const bsn = bsnFromPrefix(prefix);
      if (bsn !== null) return bsn;
    }
  };
}

interface Case {
  readonly transform: string;
  readonly input: (i: number) => string;
  readonly valid: (output: string) => boolean;
}

const cases: readonly (readonly [string, Case])[] = [
  ['bsn', { transform: 'bsn', input: bsnInputs(), valid: isValidBsn }],
  ['email', { transform: 'email', input: (i) => `persoon.${i}@voorbeeld.nl`, valid: isEmail }],
  ['iban (NL)', { transform: 'iban', input: (i) => dutchIban('INGB', i * 7919), valid: isValidIban }],
  [
    'code, digits (12-345678)',
    {
      transform: 'code',
      input: (i) => {
        const n = (i * 7919) % 100_000_000;
        return `${pad(Math.floor(n / 1_000_000), 2)}-${pad(n % 1_000_000, 6)}`;
      },
      valid: (o) => /^\d{2}-\d{6}$/.test(o),
    },
  ],
  [
    'code, mixed (AB-1234-XY)',
    {
      transform: 'code',
      input: (i) => {
        const letters = symbols(Math.floor(i / 10_000) * 4567, upper, 4);
        return `${letters.slice(0, 2)}-${pad(i % 10_000, 4)}-${letters.slice(2)}`;
      },
      valid: (o) => /^[A-Z]{2}-\d{4}-[A-Z]{2}$/.test(o),
    },
  ],
  [
    'vNumber',
    {
      transform: 'vNumber',
      input: (i) => String(1_000_000_000 + i * 7919),
      valid: (o) => /^\d{10}$/.test(o),
    },
  ],
  [
    'idDocument',
    {
      transform: 'idDocument',
      // Two letters, then letters and digits in a few patterns; no O, no 0.
      input: (i) => {
        const rest = symbols(i, '123456789', 7);
        const head = symbols(i % 625, noO, 2);
        return i % 2 === 0
          ? `${head}${rest}`
          : `${head}${noO[i % 25]}${rest.slice(1, 3)}${noO[(i >> 3) % 25]}${rest.slice(4)}`;
      },
      valid: (o) => /^[A-NP-Z]{2}[A-NP-Z1-9]{6}[1-9]$/.test(o),
    },
  ],
  [
    'uuid',
    {
      transform: 'uuid',
      input: (i) => `${((i * 2654435761) >>> 0).toString(16).padStart(8, '0')}-0000-4000-8000-${pad(i, 12)}`,
      valid: (o) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(o),
    },
  ],
  [
    'phone (Dutch mobiles)',
    {
      transform: 'phone',
      input: (i) => `06-${'123458'[i % 6]}${pad(Math.floor(i / 6) * 37, 7)}`,
      valid: isPhoneNumber,
    },
  ],
];

describe('a million distinct inputs, a million distinct outputs, none its own input', () => {
  test.each(cases)(
    '%s',
    (_, { transform, input, valid }) => {
      const fake = make(transform);
      const outputs = new Set<string>();
      const inputs = new Set<string>();
      let same = 0;
      let invalid = 0;
      for (let i = 0; i < million; i++) {
        const value = input(i);
        const output = fake(value)!;
        if (output === value) same++;
        if (i % 1000 === 0) {
          if (!valid(output)) invalid++;
          inputs.add(value);
        }
        outputs.add(output);
      }
      expect(inputs.size).toBe(million / 1000); // the generator repeats nothing (sampled)
      expect(same).toBe(0);
      expect(invalid).toBe(0);
      expect(outputs.size).toBe(million);
    },
    timeout,
  );
});
