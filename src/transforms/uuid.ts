/**
 * `uuid`: a keyed UUID in canonical form (lower case, 8-4-4-4-12) with the version 4 and RFC 4122
 * variant bits set, so it looks like any random UUID. Equal inputs get equal fakes, so UUID keys
 * and the foreign keys pointing at them still join; spelling does not matter (upper case, braces,
 * no dashes). 122 keyed bits make two inputs sharing a fake as unlikely as two random UUIDs
 * colliding, so no permutation is needed. A fake that is a real value (a UUID of the source), or
 * that is its own input, is drawn again (draw-again.ts). For `uuid` columns and text.
 */
import { z } from 'zod';
import type { Keyed } from '../core/keyed.js';
import { needCategory, needLength } from './column-rules.js';
import { attemptInput, everyDrawReal, maxAttempts } from './draw-again.js';
import { isTaken, noRealValues, type RealValues, type TransformDefinition } from './transform.js';

const uuidText = /^\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\}?$/;

const hex2 = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function drawUuid(keyed: Keyed, key: string): string {
  const digest = keyed.digestLatin1('uuid', key);
  let hex = '';
  for (let i = 0; i < 16; i++) {
    let byte = digest.charCodeAt(i);
    if (i === 6) byte = (byte & 0x0f) | 0x40; // version 4
    if (i === 8) byte = (byte & 0x3f) | 0x80; // variant 10xx
    hex += hex2[byte];
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The fake UUID for `value` (a UUID in any spelling, or any text); never one of `real`. */
export function fakeUuid(keyed: Keyed, value: string, real: RealValues = noRealValues): string {
  const trimmed = value.trim();
  const m = uuidText.exec(trimmed.toLowerCase());
  const canonical = m === null ? null : m.slice(1, 6).join('-');
  const key = canonical ?? trimmed;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const fake = drawUuid(keyed, attemptInput(key, attempt));
    if (fake !== canonical && !isTaken(real, 'code', fake)) return fake;
  }
  throw everyDrawReal('uuid');
}

const options = z.strictObject({});

export const uuidTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'uuid',
  summary: 'Replace with a keyed version 4 UUID in canonical form; equal inputs, equal fakes.',
  options,
  cannotProduce: (column) => needCategory(column, 'uuid', 'text') ?? needLength(column, 36, 'a UUID'),
  create:
    ({ keyed, real }) =>
    (value) =>
      fakeUuid(keyed, value, real),
};
