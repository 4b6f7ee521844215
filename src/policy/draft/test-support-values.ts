/**
 * Synthetic sample values for the classifier's tests, from a seeded generator so failures repeat.
 * All of it invented: e-mail at example.org, BSNs made with the 11-proef, IBANs with mod 97.
 */

/** mulberry32: small, seeded, good enough to spread test values. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = () => number;
const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)]!;
const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => int(rng, 10)).join('');

/** A 9-digit number passing the 11-proef; first digit non-zero unless `leadingZero`. */
export function bsn(rng: Rng, leadingZero = false): string {
  for (;;) {
    const first8 = (leadingZero ? '0' : '') + String(1 + int(rng, 9)) + digits(rng, leadingZero ? 6 : 7);
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += (9 - i) * Number(first8[i]);
    const check = sum % 11;
    if (check < 10) return first8 + check;
  }
}

/** A Dutch IBAN with valid mod-97 check digits. */
export function iban(rng: Rng): string {
  const bban = pick(rng, ['ABNA', 'RABO', 'INGB', 'TRIO']) + digits(rng, 10);
  const numeric = [...`${bban}NL00`]
    .map((ch) => (/[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch))
    .join('');
  let remainder = 0;
  for (const d of numeric) remainder = (remainder * 10 + Number(d)) % 97;
  return `NL${String(98 - remainder).padStart(2, '0')}${bban}`;
}

export const email = (rng: Rng, i: number) =>
  `${pick(rng, firstNames).toLowerCase()}.${i}${digits(rng, 3)}@example.org`;
/** A Dutch mobile number, in one of the ways people write them. */
export const phone = (rng: Rng) => {
  const n = `6${1 + int(rng, 5)}${digits(rng, 7)}`;
  return pick(rng, [`0${n}`, `+31 ${n}`, `0${n.slice(0, 1)}-${n.slice(1)}`]);
};
export const postcode = (rng: Rng) =>
  `${1000 + int(rng, 9000)} ${pick(rng, ['AB', 'CK', 'GH', 'LP', 'TX', 'ZW'])}`;

export const firstNames = [
  'Annelies',
  'Bartholomeus',
  'Cornelia',
  'Dirkjan',
  'Evelien',
  'Frederik',
  'Geertruida',
  'Hendrikus',
  'Ingeborg',
  'Jozefien',
  'Koenraad',
  'Lieselotte',
];
export const lastNames = [
  'Vermeulen',
  'Bakkerszoon',
  'Dijkstra',
  'Hoogendoorn',
  'Kuipersma',
  'Meijerink',
  'Schoonhoven',
  'Verhoeven',
  'Wijnbergen',
  'Zwartkruis',
];
const particles = ['', '', 'van ', 'de ', 'van der '];
export const fullName = (rng: Rng) =>
  `${pick(rng, firstNames)} ${pick(rng, particles)}${pick(rng, lastNames)}`;
export const street = (rng: Rng) =>
  `${pick(rng, ['Lindeboom', 'Kastanje', 'Molenwiek', 'Zonnebloem'])}${pick(rng, ['straat', 'laan', 'weg'])}`;
export const city = (rng: Rng) =>
  pick(rng, ['Amersfoort', 'Leeuwarden', 'Zoetermeer', 'Apeldoorn', 'Hilversum']);
export const birthDate = (rng: Rng) =>
  `${1950 + int(rng, 55)}-${String(1 + int(rng, 12)).padStart(2, '0')}-${String(1 + int(rng, 28)).padStart(2, '0')}`;

/** Case notes, some with an identifier in them. */
export function note(rng: Rng, i: number): string {
  return pick(rng, [
    `Called the applicant about the evaluation; reachable on ${phone(rng)}.`,
    `Documents were sent to ${email(rng, i)} after the interview.`,
    `Applicant stated BSN ${bsn(rng)} on the intake form.`,
    `Discussed progress with the evaluator, no further action needed (${i}).`,
  ]);
}

/** A bytea value in PostgreSQL's hex text form. */
export const byteaText = (s: string) => `\\x${Buffer.from(s, 'utf8').toString('hex')}`;
export const byteaBinary = (rng: Rng) =>
  `\\x255044462d312e340a${Array.from({ length: 64 }, () => (128 + int(rng, 128)).toString(16)).join('')}`;

/** `n` values from a generator. */
export const many = <T>(n: number, make: (i: number) => T): T[] =>
  Array.from({ length: n }, (_, i) => make(i));
/** A PostgreSQL array literal of text elements, quoting each. */
export const arrayLiteral = (items: readonly string[]) =>
  `{${items.map((s) => `"${s.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
