/**
 * The only form in which a found value is ever shown: enough to recognize it for someone who holds
 * the source (first and last characters), not enough to learn it. `123456782` → `1••••••82`.
 */

import { tokensOf } from './tokens.js';

const dot = '•';

export function maskValue(value: string): string {
  const chars = [...value.trim()];
  const n = chars.length;
  if (n <= 3) return dot.repeat(Math.max(n, 1));
  if (n <= 7) return `${chars[0]}${dot.repeat(n - 2)}${chars[n - 1]}`;
  // Long values (a whole note) are not spelled out dot by dot: their length says enough.
  const middle = n <= 24 ? dot.repeat(n - 3) : `${dot.repeat(3)}(${n} chars)${dot.repeat(3)}`;
  return `${chars[0]}${middle}${chars.slice(-2).join('')}`;
}

/**
 * A fake with every token it shares with the value it was made from masked: what a transform
 * kept of the source (the words `scrub` left in a note, a JSON key) is source text, and is shown
 * only as `maskValue` shows it; what the transform wrote is shown as it is.
 */
export function maskKeptTokens(fake: string, source: string): string {
  const kept = new Set(tokensOf(source).map((t) => t.key));
  if (kept.size === 0) return fake;
  let out = '';
  let at = 0;
  for (const token of tokensOf(fake)) {
    if (!kept.has(token.key)) continue;
    out += fake.slice(at, token.start) + maskValue(fake.slice(token.start, token.end));
    at = token.end;
  }
  return out + fake.slice(at);
}
