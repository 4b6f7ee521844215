/**
 * `code`: a keyed pseudonym with the input's shape: every digit becomes a digit, every capital a
 * capital, every small letter a small letter, and everything else (dashes, spaces, dots) stays, so
 * `AB-1234` becomes e.g. `XQ-8821` and a CHECK on the format still holds. For document numbers,
 * file numbers, employee numbers and the like.
 */
import { z } from 'zod';
import { needText } from './column-rules.js';
import type { TransformDefinition } from './transform.js';

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
    ({ keyed }) =>
    (value) => {
      let out = '';
      let digest = keyed.digestLatin1('code', value);
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
          digest = keyed.digestLatin1(`code#${++block}`, value);
          used = 0;
        }
        out += alphabet[digest.charCodeAt(used++) % alphabet.length];
      }
      return out;
    },
};
