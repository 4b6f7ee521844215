/**
 * `number`: keyed noise for amounts, counts and measurements, so sums and distributions stay
 * roughly right while no value is the real one. A value moves by a keyed nonzero number of units
 * of its last decimal place, at most `noise` × its size (default 10%) and at least one unit, so
 * small counts move too (3 → 2 or 4). It keeps the input's kind and layout: integers stay integers,
 * '12.50' keeps two decimals, '1.5e-07' its exponent; and it stays inside the column (smallint,
 * integer and bigint ranges, numeric(p, s), float ranges, varchar(n)) and inside [min, max] when
 * given. It never returns the input unless no other value fits; an input outside [min, max] goes
 * to the nearest bound. 'NaN' and infinities stay.
 *
 * Arithmetic is on exact decimals (bigints scaled by a power of ten): a double would turn 0.1 + 0.2
 * into 0.30000000000000004 and cannot hold every bigint. No `RealValues`: an amount equal to some
 * real amount is no leak (many people earn 3,000.00), and drawing again would skew distributions.
 */
import { z } from 'zod';
import type { Keyed } from '../core/keyed.js';
import { LeakproofError } from '../errors.js';
import type { ColumnModel } from '../schema/model.js';
import { needCategory } from './column-rules.js';
import type { TransformDefinition } from './transform.js';

const options = z
  .strictObject({
    /** Largest move relative to the value: 0.1 is ±10%. */
    noise: z.number().positive().max(1).default(0.1),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .refine((o) => o.min === undefined || o.max === undefined || o.min <= o.max, {
    message: 'min must not be above max',
    path: ['min'],
  });
type NumberOptions = z.infer<typeof options>;

/** A decimal as written: digits × 10^exponent, and how the input showed it. */
interface Decimal {
  readonly units: bigint;
  /** The power of ten one unit stands for: -2 for '12.50'. */
  readonly exponent: number;
}

interface Written extends Decimal {
  readonly sign: '' | '+' | '-';
  /** Digits after the point. */
  readonly decimals: number;
  /** Width of the integer part when written with leading zeros ('007'), else 0. */
  readonly padded: number;
  /** No digit before the point ('.5'). */
  readonly bare: boolean;
  /** The exponent as written ('e+20'), or ''. */
  readonly exponentText: string;
}

const numberText = /^([+-]?)(\d*)(?:\.(\d*))?(?:([eE])([+-]?\d+))?$/;

function parseWritten(text: string): Written | null {
  const m = numberText.exec(text);
  if (m === null) return null;
  const whole = m[2]!;
  const fraction = m[3] ?? '';
  if (whole === '' && fraction === '') return null;
  const magnitude = BigInt(whole + fraction);
  const sign = m[1] as '' | '+' | '-';
  return {
    units: sign === '-' ? -magnitude : magnitude,
    exponent: Number(m[5] ?? 0) - fraction.length,
    sign,
    decimals: fraction.length,
    padded: whole.length > 1 && whole.startsWith('0') ? whole.length : 0,
    bare: whole === '',
    exponentText: m[4] === undefined ? '' : `${m[4]}${m[5]}`,
  };
}

/** A JS number as an exact decimal: `toString` may write an exponent ('1e+21', '5e-7'). */
function decimalOf(value: number): Decimal {
  return parseWritten(String(value))!;
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** `bound` in units of 10^exponent, rounded inwards (`up` for a lower bound). */
function inUnits(bound: Decimal, exponent: number, up: boolean): bigint {
  const shift = bound.exponent - exponent;
  if (shift >= 0) return bound.units * pow10(shift);
  const divisor = pow10(-shift);
  const quotient = bound.units / divisor; // truncates towards zero
  const exact = quotient * divisor === bound.units;
  if (exact) return quotient;
  return up ? (bound.units > 0n ? quotient + 1n : quotient) : bound.units < 0n ? quotient - 1n : quotient;
}

function integerRange(column: ColumnModel): [bigint, bigint] {
  const type = column.type.toLowerCase();
  if (/^(smallint|int2|smallserial)\b/.test(type)) return [-32_768n, 32_767n];
  if (/^(bigint|int8|bigserial)\b/.test(type)) return [-(2n ** 63n), 2n ** 63n - 1n];
  return [-(2n ** 31n), 2n ** 31n - 1n];
}

/** The largest magnitude a float column holds, by type. */
function floatMax(column: ColumnModel): number {
  return /^(real|float4)\b/.test(column.type.toLowerCase()) ? 3.4028234e38 : Number.MAX_VALUE;
}

/** Units of one written number that fit `length` characters, by sign: [lowest, highest]. */
function lengthRange(input: Written, length: number): [bigint, bigint] {
  const rest = (input.decimals > 0 ? 1 + input.decimals : 0) + input.exponentText.length;
  const scale = input.decimals;
  const positive = length - rest - (input.sign === '+' ? 1 : 0);
  const negative = length - rest - 1;
  // At least one digit before the point, unless the input had none.
  const least = input.bare ? 0 : 1;
  const high = positive >= least ? pow10(positive + scale) - 1n : -1n;
  const low = negative >= least ? -(pow10(negative + scale) - 1n) : 0n;
  return [low, high];
}

/** The allowed units for `input` in `column` under `opts`: [lowest, highest], null when unbounded. */
function rangeFor(input: Written, column: ColumnModel, opts: NumberOptions): [bigint | null, bigint | null] {
  let low: bigint | null = null;
  let high: bigint | null = null;
  const narrow = (lo: bigint | null, hi: bigint | null) => {
    if (lo !== null && (low === null || lo > low)) low = lo;
    if (hi !== null && (high === null || hi < high)) high = hi;
  };
  const e = input.exponent;
  if (opts.min !== undefined) narrow(inUnits(decimalOf(opts.min), e, true), null);
  if (opts.max !== undefined) narrow(null, inUnits(decimalOf(opts.max), e, false));
  if (column.category === 'integer') {
    const [lo, hi] = integerRange(column);
    narrow(inUnits({ units: lo, exponent: 0 }, e, true), inUnits({ units: hi, exponent: 0 }, e, false));
  } else if (column.category === 'numeric' && column.numericPrecision !== null) {
    // numeric(p, s) holds magnitudes below 10^(p - s).
    const digits = column.numericPrecision - (column.numericScale ?? 0);
    const limit = inUnits({ units: 1n, exponent: digits }, e, false) - 1n;
    narrow(-limit, limit);
  } else if (column.category === 'float') {
    const limit = decimalOf(floatMax(column));
    narrow(-inUnits(limit, e, false), inUnits(limit, e, false));
  } else if (column.category === 'text' && column.maxLength !== null) {
    narrow(...lengthRange(input, column.maxLength));
  }
  return [low, high];
}

function format(input: Written, units: bigint): string {
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString();
  let out: string;
  if (input.decimals === 0) {
    out = digits.padStart(input.padded, '0');
  } else {
    digits = digits.padStart(input.decimals + (input.bare ? 0 : 1), '0');
    const whole = digits.slice(0, digits.length - input.decimals);
    out = `${whole.padStart(input.padded, '0')}.${digits.slice(-input.decimals)}`;
  }
  const sign = negative ? '-' : input.sign === '+' ? '+' : '';
  return `${sign}${out}${input.exponentText}`;
}

/** An integer in [0, count) from a digest: 16 bytes, so the modulo bias is below count / 2^128. */
function pickBelow(digest: string, count: bigint): bigint {
  let n = 0n;
  for (let i = 0; i < 16; i++) n = (n << 8n) | BigInt(digest.charCodeAt(i));
  return n % count;
}

/** The noisy value for one number written as PostgreSQL prints it (or as text holds it). */
export function noisyNumber(keyed: Keyed, value: string, column: ColumnModel, opts: NumberOptions): string {
  const text = value.trim();
  if (/^[+-]?(?:NaN|Infinity)$/i.test(text)) return value;
  const input = parseWritten(text);
  if (input === null) throw new LeakproofError('LP_TRANSFORM', 'number: a value is not a number.');
  const x = input.units;
  const [low, high] = rangeFor(input, column, opts);
  if (low !== null && high !== null && low > high) return value; // nothing fits (not reached: PostgreSQL took the input)
  if (low !== null && x < low) return format(input, low);
  if (high !== null && x > high) return format(input, high);
  // The largest move in units: noise × |x|, at least one unit.
  const noise = decimalOf(opts.noise);
  const magnitude = x < 0n ? -x : x;
  const scaled = inUnits({ units: magnitude * noise.units, exponent: noise.exponent }, 0, false);
  const reach = scaled > 1n ? scaled : 1n;
  const from = low !== null && low - x > -reach ? low - x : -reach;
  const to = high !== null && high - x < reach ? high - x : reach;
  // Moves in [from, to] without 0 (from ≤ 0 ≤ to, as low ≤ x ≤ high).
  const count = to - from;
  if (count <= 0n) return value; // the only value that fits is the input
  const pick = from + pickBelow(keyed.digestLatin1('number', text), count);
  return format(input, x + (pick >= 0n ? pick + 1n : pick));
}

export const numberTransform: TransformDefinition<NumberOptions> = {
  name: 'number',
  summary:
    'Add keyed noise to a number (at most noise × its size, default 10%, within min/max), keeping its type and decimals.',
  options,
  cannotProduce: (column) => needCategory(column, 'integer', 'numeric', 'float', 'text'),
  create:
    ({ options: opts, column, keyed }) =>
    (value) =>
      noisyNumber(keyed, value, column, opts),
};
