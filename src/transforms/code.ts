/**
 * `code`: a keyed pseudonym with the input's shape: every digit becomes a digit, every capital a
 * capital, every small letter a small letter, and everything else (dashes, spaces, dots) stays, so
 * `AB-1234` becomes e.g. `XQ-8821` and a CHECK on the format still holds. For document numbers,
 * file numbers, employee numbers and the like.
 */
import { z } from 'zod';
import { needText } from './column-rules.js';
import { attemptInput, everyDrawReal, maxAttempts } from './draw-again.js';
import type { Keyed } from './keyed.js';
import { noRealValues, type RealValues, type TransformDefinition } from './transform.js';

const options = z.strictObject({});
const digits = '0123456789';
const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const lower = 'abcdefghijklmnopqrstuvwxyz';

function classOf(ch: string): string | null {
  if (ch >= '0' && ch <= '9') return digits;
  if (ch >= 'A' && ch <= 'Z') return upper;
  if (ch >= 'a' && ch <= 'z') return lower;
  return null;
}

export const codeTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'code',
  summary:
    'Replace each digit and letter with a keyed one of the same kind, keeping punctuation: AB-1234 → XQ-8821.',
  options,
  cannotProduce: (column) => needText(column),
  create:
    ({ keyed, real }) =>
    (value) =>
      fakeCode(keyed, value, real),
};

function drawCode(keyed: Keyed, value: string, input: string): string {
  let out = '';
  let digest = keyed.digestLatin1('code', input);
  let used = 0;
  let block = 0;
  for (const ch of value) {
    const alphabet = classOf(ch);
    if (alphabet === null) {
      out += ch;
      continue;
    }
    // One digest byte per replaced character; long codes take further blocks, each its own domain.
    if (used === digest.length) {
      digest = keyed.digestLatin1(`code#${++block}`, input);
      used = 0;
    }
    out += alphabet[digest.charCodeAt(used++) % alphabet.length];
  }
  return out;
}

/**
 * The fake code for `value`, never one of `real`'s codes: a same-shaped code can be another
 * person's real document number (10 digits among 30,000 real ones collide about once in ten runs).
 */
export function fakeCode(keyed: Keyed, value: string, real: RealValues = noRealValues): string {
  // A code without letters or digits has one form only: nothing to draw.
  if (!/[0-9A-Za-z]/.test(value)) return value;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const fake = drawCode(keyed, value, attemptInput(value, attempt));
    if (!real.isReal('code', fake)) return fake;
  }
  throw everyDrawReal('code');
}
