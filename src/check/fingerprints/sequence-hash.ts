/**
 * Quick, unkeyed hashes of token sequences for the presence filter: a value of the source is
 * fingerprinted as its token sequence, and a target text is searched for it at every token
 * position. A rolling (polynomial) hash over per-token hashes gives the hash of any run of tokens
 * in a few operations, so looking for sequences of any length costs no string building until the
 * filter says "maybe" (then the keyed digest of the joined tokens decides).
 */
import { quickHash } from './presence-filter.js';

const TOKEN_SEED = 0x9e3779b9;
const BASE = 0x01000193;
/** Salts that keep a sequence, the start of a longer sequence and other texts apart in one filter. */
export const SEQUENCE_SALT = 0x5eb1e5c3;
export const START_SALT = 0x51a27e11;

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

let powers = new Uint32Array([1]);
function power(k: number): number {
  if (k >= powers.length) {
    const more = new Uint32Array(Math.max(k + 1, powers.length * 2));
    more.set(powers);
    for (let i = powers.length; i < more.length; i++) more[i] = Math.imul(more[i - 1]!, BASE);
    powers = more;
  }
  return powers[k]!;
}

/** Prefix hashes of a token list: `hashOfRun(prefix, i, j)` is the hash of tokens i … j-1. */
export function prefixHashes(keys: readonly string[] | ((i: number) => string), length: number): Uint32Array {
  const at = typeof keys === 'function' ? keys : (i: number) => keys[i]!;
  const prefix = new Uint32Array(length + 1);
  for (let i = 0; i < length; i++)
    prefix[i + 1] = (Math.imul(prefix[i]!, BASE) + quickHash(TOKEN_SEED, at(i))) >>> 0;
  return prefix;
}

/** The quick hash of tokens `from … to-1`, in the space `salt` names. */
export function hashOfRun(prefix: Uint32Array, from: number, to: number, salt: number): number {
  const raw = (prefix[to]! - Math.imul(prefix[from]!, power(to - from))) >>> 0;
  return mix(raw ^ salt);
}
