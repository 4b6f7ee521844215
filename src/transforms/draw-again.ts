/**
 * Drawing again when a fake turns out to be a real value (`RealValues`). Attempt 0 is the plain
 * draw every generator made before real values were known, so copies made without them, and the
 * golden outputs, keep their fakes; attempt n hashes the input with a suffix no PostgreSQL text can
 * hold (NUL), so it never coincides with another input's first draw.
 */
import { LeakproofError } from '../errors.js';

/**
 * Draws per value before giving up. A real-value set covers a small share of any generator's range
 * (a few million phone numbers of 60 million mobiles), so 64 real draws in a row mean the set is
 * wrong for the column, not bad luck.
 */
export const maxAttempts = 64;

/** The hash input for attempt `attempt` of `value`: `value` itself for the first. */
export function attemptInput(value: string, attempt: number): string {
  return attempt === 0 ? value : `${value}\u0000attempt ${attempt}`;
}

/** The error when every draw was real; names the transform only, never a value. */
export function everyDrawReal(transform: string): LeakproofError {
  return new LeakproofError(
    'LP_TRANSFORM',
    `${transform}: every fake drawn for a value was a real value; the set of real values is too dense for this column.`,
  );
}

/**
 * The first of `draw(0)`, `draw(1)`, … that the leak check would not report (`realSpans` finds
 * nothing in it; null counts as clean), or `everyDrawReal(transform)` after `maxAttempts`.
 */
export function drawUnreported<Fake extends string | null>(
  transform: string,
  realSpans: (text: string) => readonly unknown[],
  draw: (attempt: number) => Fake,
): Fake {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const fake = draw(attempt);
    if (fake === null || realSpans(fake).length === 0) return fake;
  }
  throw everyDrawReal(transform);
}
