/**
 * How long a copy may live: `12h`, `30d`, `2w`. One zod schema, used by the policy file's
 * `expires:` and by `copy --expires`, so both accept and refuse the same texts.
 */
import { z } from 'zod';

const UNIT_MS = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;
const DURATION = /^([1-9][0-9]{0,5})([hdw])$/;

/** `30d` → 2 592 000 000 ms; refuses `thirty days`, `0d`, `1.5d`. */
export const durationSchema = z
  .string({ error: 'a duration is text: a whole number and a unit, like 12h, 30d or 2w' })
  .regex(DURATION, 'a duration is a whole number and a unit h (hours), d (days) or w (weeks): 12h, 30d, 2w')
  .transform((text) => {
    const [, amount, unit] = DURATION.exec(text) as RegExpExecArray;
    return { text, ms: Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS] };
  });

export type Duration = z.output<typeof durationSchema>;

/** The pattern, for the policy's JSON Schema. */
export const durationPattern = DURATION.source;
