/**
 * Fakes of the same shape for pieces of text that are some real person's data but of no kind a
 * generator knows: a phone number no validator accepts, an account number, a diploma number, a code
 * inside a file name. `scrub` puts them where the leak check found the source's values, so the text
 * reads the same and the value is gone.
 */
import type { Keyed } from '../core/keyed.js';
import { attemptInput } from './draw-again.js';

/** At least `count` keyed bytes (latin1 chars) for `input`: one digest, more for long pieces. */
function keyedBytes(keyed: Keyed, domain: string, input: string, count: number): string {
  let bytes = keyed.digestLatin1(domain, input);
  // NUL is in no PostgreSQL text, so a block number cannot make another input's key.
  for (let block = 1; bytes.length < count; block++)
    bytes += keyed.digestLatin1(domain, `${input}\u0000block ${block}`);
  return bytes;
}

const isDigit = (code: number) => code >= 48 && code <= 57;

/**
 * A digit run with every digit replaced and every separator kept in its place ('06-0123 4567' →
 * '06-8841 2093'): the same count of digits, a leading '+' or '0' as it was (a lone '0' excepted),
 * never a leading 0 where there was none. Keyed by the run's last 9 digits, as the leak check knows a run, so the
 * same number grouped differently or with a country code gets the same last 9 fake digits.
 * `attempt` > 0 draws again (`draw-again.ts`). Example: `sameShapeDigits(keyed, '06-01234567', 0)`.
 */
export function sameShapeDigits(keyed: Keyed, run: string, attempt: number): string {
  let digits = '';
  for (let i = 0; i < run.length; i++) if (isDigit(run.charCodeAt(i))) digits += run[i];
  const n = digits.length;
  if (n === 0) return run;
  for (let draw = attempt; ; draw++) {
    const bytes = keyedBytes(keyed, 'scrubDigits', attemptInput(digits.slice(-9), draw), n);
    let out = '';
    let index = 0;
    for (let i = 0; i < run.length; i++) {
      if (!isDigit(run.charCodeAt(i))) {
        out += run[i];
        continue;
      }
      // Byte k from the end, so the last 9 fake digits do not depend on what comes before them.
      const byte = bytes.charCodeAt(n - 1 - index);
      // A lone '0' cannot keep its leading 0 and change, so it becomes another digit.
      if (index === 0) out += digits[0] === '0' && n > 1 ? '0' : String(1 + (byte % 9));
      else out += String(byte % 10);
      index++;
    }
    if (out !== run) return out;
  }
}

const lower = 'abcdefghijklmnopqrstuvwxyz';
const upper = lower.toUpperCase();

/**
 * Every letter replaced by a keyed letter of the same case, every digit by a keyed digit, the rest
 * kept: 'DIP-2024-00123' → 'KXQ-7391-58204'. Keyed by the piece in lower case, so 'dip-2024-00123'
 * gets the same letters in lower case. Letters of any script become ASCII letters.
 */
export function sameShapeCharacters(keyed: Keyed, piece: string, attempt: number): string {
  const bytes = keyedBytes(keyed, 'scrubValue', attemptInput(piece.toLowerCase(), attempt), piece.length);
  let out = '';
  let index = 0;
  for (const char of piece) {
    const byte = bytes.charCodeAt(index++);
    const code = char.charCodeAt(0);
    if (isDigit(code) || (code > 127 && /\p{N}/u.test(char))) out += String(byte % 10);
    else if ((code >= 65 && code <= 90) || (code > 127 && /\p{Lu}/u.test(char))) out += upper[byte % 26];
    else if ((code >= 97 && code <= 122) || (code > 127 && /\p{L}/u.test(char))) out += lower[byte % 26];
    else out += char;
  }
  return out;
}
