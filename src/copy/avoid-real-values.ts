/**
 * No fake may be a value of the source that few people hold: the leak check would find it (a fake
 * city that is the one town where two real people live, a fake street that is a real person's).
 * Generators that pick from lists by the value's keyed hash draw again from another input, as
 * `draw-again.ts` describes; the identifier generators (BSN, phone, IBAN…) `street` and `city` already
 * ask for themselves, and format-keeping ones (`code`) cannot take another input without changing shape.
 */
import { attemptInput, drawUnreported } from '../transforms/draw-again.js';
import type { RealValues, ValueTransform } from '../transforms/transform.js';

const redrawable: ReadonlySet<string> = new Set([
  'city',
  'street',
  'firstName',
  'lastName',
  'fullName',
  'email',
]);

/** Draws after which a fake is made without the row's other fakes (links). */
const WITHOUT_ROW_AFTER = 4;

export function avoidingRealValues(
  transform: string,
  fn: ValueTransform,
  real: RealValues | undefined,
): ValueTransform {
  const spans = real?.realSpans?.bind(real);
  if (spans === undefined || !redrawable.has(transform)) return fn;
  // An e-mail address made of the row's fake names is real whenever those names are together
  // some real person's: after a few draws, one is made without the row's other fakes.
  return (value, row) =>
    drawUnreported(transform, spans, (attempt) =>
      fn(attemptInput(value, attempt), attempt < WITHOUT_ROW_AFTER ? row : undefined),
    );
}
