/**
 * Test support for the transform and detector tests (not used by the product): column models built
 * by hand, fixed keys, and generators of identifiers that are valid by construction, so no test
 * needs real people's data.
 */

import { Keyed } from '../core/keyed.js';
import { type ColumnModel, textColumn } from '../schema/model.js';
import { ibanCheckDigits } from './iban.js';
import { getTransform } from './registry.js';
import type { RealValues, ValueTransform } from './transform.js';

/** A column with sensible defaults: `column({ category: 'integer', type: 'bigint' })`. */
export function column(overrides: Partial<ColumnModel> = {}): ColumnModel {
  return textColumn(overrides);
}

/** `varchar(n)`. */
export function varchar(maxLength: number, overrides: Partial<ColumnModel> = {}): ColumnModel {
  return column({ type: `character varying(${maxLength})`, maxLength, ...overrides });
}

/** The fixed key golden outputs are pinned with; changing it changes every golden value. */
export const testKey = 'leakproof-test-key-not-secret';
export const keyed = new Keyed(testKey);
export const otherKeyed = new Keyed('another-test-key');

/** A ready value transform, failing the test when options or column do not fit. */
export function make(
  name: string,
  options: unknown = {},
  col: ColumnModel = column(),
  key: Keyed = keyed,
  real?: RealValues,
): ValueTransform {
  const bound = getTransform(name)?.bind(options);
  if (bound === undefined || !bound.ok) throw new Error(`cannot bind ${name}`);
  const reason = bound.bound.cannotProduce(col);
  if (reason !== null) throw new Error(`${name}: ${reason}`);
  return bound.bound.create({ table: 'public.test', column: col, keyed: key, real });
}

/** The BSN with this 8-digit prefix, or null when no check digit makes it pass the 11-proef. */
export function bsnFromPrefix(prefix: number): string | null {
  const digits = String(prefix).padStart(8, '0');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(digits[i]);
  const check = sum % 11;
  return check > 9 || prefix === 0 ? null : digits + String(check);
}

/** `count` distinct valid BSNs, spread over the whole range. */
export function manyBsns(count: number): string[] {
  const out: string[] = [];
  // 4999 is prime to 10^8, so the multiples walk the whole prefix space without repeating.
  for (let i = 1; out.length < count; i++) {
    const bsn = bsnFromPrefix((i * 4999) % 100_000_000);
    if (bsn !== null) out.push(bsn);
  }
  return out;
}

/** A Dutch IBAN with valid check digits: `dutchIban('ABNA', 417164300)`. */
export function dutchIban(bank: string, account: number): string {
  const bban = bank + String(account).padStart(10, '0');
  return `NL${ibanCheckDigits('NL', bban)}${bban}`;
}
