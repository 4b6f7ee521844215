/**
 * The keyed hash every transform derives its choices from: HMAC-SHA256 (RFC 2104) built from two
 * one-shot `crypto.hash()` calls, because the hot path runs once per value and `createHmac` costs
 * ~3× as much (FIELD-NOTES); the bytes are identical to `createHmac` under the same HMAC key.
 *
 * `crypto.hash` reads strings as UTF-8, so a padded key block with bytes ≥ 0x80 could not be passed
 * as a string. The HMAC key is therefore not the user's key itself but the 64 hex characters of a
 * labelled SHA-256 of it: exactly one block, all ASCII, so key ⊕ ipad is a string and the inner
 * hash needs no Buffer at all. Digests come back as latin1 strings (one char per byte): asking
 * `crypto.hash` for a Buffer costs about 1 µs more per call.
 */
import { hash } from 'node:crypto';
import { LeakproofError } from '../errors.js';

const blockSize = 64; // SHA-256 block size in bytes
/** Indices are read from 6 bytes: exact in a double, and 5 independent chunks per digest. */
const indexBytes = 6;
const indexRange = 2 ** 48;

/** The HMAC key Leakproof uses for a user's secret (exported for the test against createHmac). */
export function hmacKeyOf(secret: Buffer): string {
  return hash('sha256', Buffer.concat([Buffer.from('leakproof hmac key v1\0', 'utf8'), secret]), 'hex');
}

/** A key passed to a worker thread (see `Keyed.handOver`). */
export interface KeyedHandOver {
  readonly hmacKey: string;
  readonly keyId: string;
}

export class Keyed {
  /** Names the key in reports without revealing it: 12 hex chars of a labelled SHA-256. */
  readonly keyId: string;
  /** HMAC key ⊕ ipad, as a string (ASCII by construction). */
  readonly #innerPad: string;
  /** HMAC key ⊕ opad, followed by room for the inner digest. */
  readonly #outer: Buffer;

  /** `new Keyed(process.env.LEAKPROOF_KEY)`; throws on an empty key (there is no default key). */
  constructor(key: string | Buffer | KeyedHandOver) {
    let hmacKey: string;
    if (typeof key === 'object' && !Buffer.isBuffer(key)) {
      hmacKey = key.hmacKey;
      this.keyId = key.keyId;
    } else {
      const secret = typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key);
      if (secret.length === 0) throw new LeakproofError('LP_NO_KEY', 'The anonymization key is empty.');
      hmacKey = hmacKeyOf(secret);
      this.keyId = hash(
        'sha256',
        Buffer.concat([Buffer.from('leakproof key id v1\0', 'utf8'), secret]),
        'hex',
      ).slice(0, 12);
    }
    if (!/^[0-9a-f]{64}$/.test(hmacKey))
      throw new LeakproofError('LP_INTERNAL', 'A handed-over key is malformed.');
    const block = Buffer.from(hmacKey, 'latin1'); // 64 hex chars = one block
    const inner = Buffer.alloc(blockSize);
    this.#outer = Buffer.alloc(blockSize + 32);
    for (let i = 0; i < blockSize; i++) {
      inner[i] = block[i]! ^ 0x36;
      this.#outer[i] = block[i]! ^ 0x5c;
    }
    this.#innerPad = inner.toString('latin1');
  }

  /**
   * What a worker thread needs to make the same digests: the derived HMAC key, not the user's
   * secret. It holds the key's power all the same, so it goes only to threads of this process.
   */
  handOver(): KeyedHandOver {
    let hmacKey = '';
    for (let i = 0; i < blockSize; i++) hmacKey += String.fromCharCode(this.#outer[i]! ^ 0x5c);
    return { hmacKey, keyId: this.keyId };
  }

  /**
   * HMAC(domain ‖ 0x00 ‖ value) as 32 latin1 chars, one per byte: the fast path for transforms.
   * The domain keeps transforms apart: `firstName` and `lastName` of one input are unrelated.
   */
  digestLatin1(domain: string, value: string): string {
    // 'binary' is Node's name for latin1 in the types of `crypto.hash`.
    const inner = hash('sha256', `${this.#innerPad}${domain}\0${value}`, 'binary');
    this.#outer.write(inner, blockSize, 'latin1');
    return hash('sha256', this.#outer, 'binary');
  }

  /**
   * A key derived from this one for one purpose (`label`): its digests are unrelated to this key's,
   * and it names the same key in reports. The copy draws a row's fakes again under a variant when
   * they happen to form a real person's data together.
   */
  variant(label: string): Keyed {
    return new Keyed({ hmacKey: this.digest('variant', label).toString('hex'), keyId: this.keyId });
  }

  /** The same digest as a Buffer. Example: `keyed.digest('bsn', '123456782')`. */
  digest(domain: string, value: string): Buffer {
    return Buffer.from(this.digestLatin1(domain, value), 'latin1');
  }

  /** A keyed integer in [0, maxExclusive). Example: `keyed.int('houseNumber', '12a', 300)`. */
  int(domain: string, value: string, maxExclusive: number): number {
    return indexFrom(this.digestLatin1(domain, value), maxExclusive);
  }

  /** A keyed choice from a non-empty list. Example: `keyed.pick('city', 'Utrecht', cities)`. */
  pick<T>(domain: string, value: string, list: readonly T[]): T {
    if (list.length === 0) throw new LeakproofError('LP_INTERNAL', `Nothing to pick from for '${domain}'.`);
    return list[this.int(domain, value, list.length)]!;
  }
}

/**
 * An integer in [0, maxExclusive) from 6 bytes of a latin1 digest starting at `offset` (0, 6, 12,
 * 18 or 24 give independent values). The modulo bias is below maxExclusive / 2^48.
 */
export function indexFrom(digest: string, maxExclusive: number, offset = 0): number {
  if (!Number.isSafeInteger(maxExclusive) || maxExclusive < 1 || maxExclusive > indexRange) {
    throw new LeakproofError('LP_INTERNAL', `Index range ${maxExclusive} is not in 1..2^48.`);
  }
  let n = 0;
  for (let i = offset; i < offset + indexBytes; i++) n = n * 256 + digest.charCodeAt(i);
  return n % maxExclusive;
}
