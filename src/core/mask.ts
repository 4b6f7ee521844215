/**
 * The only form in which a found value is ever shown: enough to recognize it for someone who holds
 * the source (first and last characters), not enough to learn it. `123456782` → `1••••••82`.
 */

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
