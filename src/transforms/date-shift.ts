/**
 * `dateShift`: moves a date or timestamp by a keyed, nonzero number of days in [-maxDays, maxDays].
 * The offset is keyed on the date alone, so a date and the timestamps on that day move together
 * (order within a day survives); the time of day and the zone are kept as written. Works on the
 * ISO text forms PostgreSQL prints ('1987-03-14', '2021-05-01 10:00:00+02', '0044-03-15 BC').
 *
 * `keepYear: true` shifts within the calendar year: a date whose shift would leave its year gets a
 * keyed nonzero offset from the part of [-maxDays, maxDays] that stays in it (every other date
 * moves exactly as without the option), so age in years and year-based statistics hold.
 *
 * `generalize: 'month' | 'year'` does not shift at all: it writes the real date's first day of the
 * month or January 1 (a birth date becomes '1987-03-01' or '1987-01-01'), which many people
 * share, instead of a fake day that reveals nothing but is still one per person. It is not keyed.
 * Timestamps keep their zone and layout but get midnight: a generalized date that kept its time of
 * day to the second would still single people out.
 */
import { z } from 'zod';
import { indexFrom, type Keyed } from '../core/keyed.js';
import { LeakproofError } from '../errors.js';
import { needCategory } from './column-rules.js';
import type { TransformDefinition } from './transform.js';

// Howard Hinnant's civil-calendar algorithms: exact for any year, negative ones included (which
// `Date` is not, it maps years 0–99 to 1900–1999).
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilFromDays(days: number): [year: number, month: number, day: number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** PostgreSQL's range for date and timestamp, as astronomical years (1 BC = year 0). */
const earliestYear = -4712;
const latestYear = 294_276;
const isoDate = /^(\d{4,})-(\d{2})-(\d{2})(.*?)( BC)?$/s;

function format(year: number, month: number, day: number, rest: string): string {
  const bc = year <= 0;
  const shown = String(bc ? 1 - year : year).padStart(4, '0');
  return `${shown}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}${rest}${bc ? ' BC' : ''}`;
}

export interface ShiftOptions {
  /** Stay within the date's calendar year. */
  readonly keepYear?: boolean | undefined;
  /** Write the first day of the real date's month or year instead of shifting. */
  readonly generalize?: 'month' | 'year' | undefined;
}

/**
 * The date or timestamp moved by its keyed offset (or generalized, see the top of this file);
 * 'infinity' and '-infinity' stay. Example: `shiftDate(keyed, '1987-03-14', 365, { keepYear: true })`.
 */
export function shiftDate(keyed: Keyed, value: string, maxDays: number, how: ShiftOptions = {}): string {
  if (value === 'infinity' || value === '-infinity') return value;
  const m = isoDate.exec(value);
  if (m === null)
    throw new LeakproofError('LP_TRANSFORM', 'dateShift: a value is not an ISO date or timestamp.');
  const bc = m[5] !== undefined;
  const year = bc ? 1 - Number(m[1]) : Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const days = daysFromCivil(year, month, day);
  const check = civilFromDays(days);
  if (month < 1 || month > 12 || check[1] !== month || check[2] !== day) {
    throw new LeakproofError('LP_TRANSFORM', 'dateShift: a value is not a valid calendar date.');
  }
  if (how.generalize !== undefined) {
    // The time of day as written with every digit 0: '10:23:45.5+02' → '00:00:00.0+02'.
    const rest = m[4]!.replace(
      /^(\s*T?)([\d:.]+)/,
      (_, lead: string, time: string) => lead + time.replace(/\d/g, '0'),
    );
    return format(year, how.generalize === 'year' ? 1 : month, 1, rest);
  }
  const digest = keyed.digestLatin1('dateShift', `${m[1]}-${m[2]}-${m[3]}${bc ? ' BC' : ''}`);
  const draw = indexFrom(digest, 2 * maxDays);
  let offset = draw < maxDays ? draw - maxDays : draw - maxDays + 1; // never 0
  let shifted = civilFromDays(days + offset);
  if (how.keepYear === true && shifted[0] !== year) {
    // Offsets that stay in the year, 0 left out: there is one at least, a year being 365 days.
    const low = Math.max(-maxDays, daysFromCivil(year, 1, 1) - days);
    const high = Math.min(maxDays, daysFromCivil(year, 12, 31) - days);
    const pick = low + indexFrom(digest, high - low, 6);
    offset = pick >= 0 ? pick + 1 : pick;
    shifted = civilFromDays(days + offset);
  } else if (shifted[0] < earliestYear || shifted[0] > latestYear) {
    offset = -offset; // at the edge of PostgreSQL's range, move the other way
    shifted = civilFromDays(days + offset);
  }
  return format(shifted[0], shifted[1], shifted[2], m[4]!);
}

const options = z
  .strictObject({
    /** Largest shift in days, either way. */
    maxDays: z.number().int().min(1).max(36_500).default(365),
    /** Shift within the date's calendar year. */
    keepYear: z.boolean().optional(),
    /** Instead of shifting, write the first day of the real date's month or year. */
    generalize: z.enum(['month', 'year']).optional(),
    notBefore: z
      .string()
      .min(1)
      .optional()
      .describe('a date column of the same row (a birth date): the result never lies before its fake'),
  })
  .refine((o) => !(o.keepYear === true && o.generalize !== undefined), {
    message: 'keepYear shifts dates and generalize does not: choose one',
    path: ['keepYear'],
  });

export const dateShiftTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'dateShift',
  summary:
    'Move a date or timestamp by a keyed nonzero number of days (at most maxDays, default 365; keepYear stays in the year), or generalize it to its month or year.',
  options,
  cannotProduce: (column) => needCategory(column, 'date', 'timestamp'),
  linkedColumns: ({ notBefore }) => (notBefore === undefined ? [] : [notBefore]),
  create:
    ({ options: { maxDays, keepYear, generalize, notBefore }, keyed }) =>
    (value, row) => {
      const shifted = shiftDate(keyed, value, maxDays, { keepYear, generalize });
      const bound = notBefore === undefined ? null : (row?.written(notBefore) ?? null);
      return bound === null ? shifted : notEarlierThan(shifted, bound);
    },
};

const isoDay = /^\d{4}-\d{2}-\d{2}/;

/**
 * `value` with its day moved up to `bound`'s day when it lies before it (an event before the
 * person was born), keeping its own time of day. Dates not written as `yyyy-mm-dd` are left alone.
 */
function notEarlierThan(value: string, bound: string): string {
  const day = isoDay.exec(value)?.[0];
  const boundDay = isoDay.exec(bound)?.[0];
  if (day === undefined || boundDay === undefined || day >= boundDay) return value;
  return boundDay + value.slice(day.length);
}
