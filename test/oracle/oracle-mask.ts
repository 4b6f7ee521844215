/**
 * A masked form of a value for test output: its first and last character with bullets between
 * (`g••••••••r`). Values of four characters or fewer are all bullets, since their two ends would be
 * half of them.
 */
export function maskSample(value: string): string {
  const chars = [...value];
  if (chars.length <= 4) return '•'.repeat(chars.length);
  return `${chars[0]}${'•'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
