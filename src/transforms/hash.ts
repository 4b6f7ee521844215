/**
 * `hash`: a keyed pseudonym: hex or letters-and-digits of a fixed length for text columns, a keyed
 * number for integer columns. Equal inputs give equal outputs, so it suits join keys; it is not a
 * permutation, so short outputs on unique columns would collide (refused below).
 */
import { z } from 'zod';
import { indexFrom } from '../core/keyed.js';
import type { ColumnModel } from '../schema/model.js';
import { integerMax, needCategory } from './column-rules.js';
import type { TransformDefinition } from './transform.js';

const options = z.strictObject({
  /** Characters of output for text columns (default 16, or the column's limit when shorter). */
  length: z
    .number()
    .int()
    .min(1)
    .max(256)
    .optional()
    .describe('characters of output (default 16, or the column limit)'),
  alphabet: z.enum(['hex', 'alphanumeric']).default('hex').describe('characters the output is made of'),
});
type HashOptions = z.infer<typeof options>;

const alphanumeric = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Shortest outputs that keep a million distinct inputs practically collision-free (~2^48). */
const minUniqueLength = { hex: 12, alphanumeric: 9 } as const;
/** Integer ranges below this collide too often for a unique column (birthday bound at 10^6 rows). */
const minUniqueIntegerRange = 2 ** 40;

function textLength(column: ColumnModel, length: number | undefined): number {
  const wanted = length ?? 16;
  return column.maxLength === null ? wanted : Math.min(wanted, column.maxLength);
}

export const hashTransform: TransformDefinition<HashOptions> = {
  name: 'hash',
  summary: 'Replace with a keyed pseudonym: hex or alphanumeric text, or a keyed integer.',
  options,
  cannotProduce: (column, { length, alphabet }) => {
    const wrongType = needCategory(column, 'text', 'integer');
    if (wrongType !== null) return wrongType;
    if (!column.unique) return null;
    if (column.category === 'integer') {
      return integerMax(column) < minUniqueIntegerRange
        ? 'a unique integer column needs bigint to avoid collisions'
        : null;
    }
    const chars = textLength(column, length);
    return chars < minUniqueLength[alphabet]
      ? `a unique column needs at least ${minUniqueLength[alphabet]} ${alphabet} characters to avoid collisions`
      : null;
  },
  create: ({ options: { length, alphabet }, column, keyed }) => {
    if (column.category === 'integer') {
      const max = integerMax(column);
      return (value) => String(1 + indexFrom(keyed.digestLatin1('hash', value), max));
    }
    const chars = textLength(column, length);
    return (value) => {
      let out = '';
      // More than one digest only for long outputs; each block has its own domain.
      for (let block = 0; out.length < chars; block++) {
        const digest = keyed.digestLatin1(block === 0 ? 'hash' : `hash#${block}`, value);
        if (alphabet === 'hex') out += Buffer.from(digest, 'latin1').toString('hex');
        else for (let i = 0; i < digest.length; i++) out += alphanumeric[digest.charCodeAt(i) % 62];
      }
      return out.slice(0, chars);
    };
  },
};
