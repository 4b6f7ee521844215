/**
 * One seeded source of randomness for the whole demo. Every faker instance (one per name locale)
 * shares a single Mersenne Twister, seeded once, so the whole build is one deterministic sequence of
 * draws: the same seed gives byte-identical data. Nothing here reads the clock or Math.random.
 */
import {
  ar,
  base,
  en,
  en_GH,
  en_IN,
  en_NG,
  es,
  Faker,
  fa,
  generateMersenne53Randomizer,
  type LocaleDefinition,
  nl,
  pl,
  pt_BR,
  type Randomizer,
  ro,
  ru,
  tr,
  uk,
  zh_CN,
} from '@faker-js/faker';
import type { NameLocale } from './reference-data.js';

/** The moment the "production" snapshot is taken; every generated time lies before it. */
export const snapshotDate = new Date('2025-07-01T06:00:00Z');

const localeDefinitions: Readonly<Record<NameLocale, LocaleDefinition>> = {
  nl,
  ar,
  en,
  tr,
  pl,
  uk,
  fa,
  pt_BR,
  en_IN,
  zh_CN,
  en_NG,
  ro,
  ru,
  en_GH,
  es,
};

const dayMs = 86_400_000;

export class DemoRandom {
  /** The Dutch faker, for everything not tied to an applicant's origin. */
  readonly faker: Faker;
  private readonly randomizer: Randomizer;
  private readonly fakers = new Map<NameLocale, Faker>();

  constructor(seed: number) {
    this.randomizer = generateMersenne53Randomizer();
    this.randomizer.seed(seed);
    for (const [name, definition] of Object.entries(localeDefinitions) as [NameLocale, LocaleDefinition][]) {
      const faker = new Faker({ locale: [definition, en, base], randomizer: this.randomizer });
      // Faker's date helpers default to "now"; pin them so no draw depends on the clock.
      faker.setDefaultRefDate(snapshotDate);
      this.fakers.set(name, faker);
    }
    this.faker = this.locale('nl');
  }

  locale(name: NameLocale): Faker {
    const faker = this.fakers.get(name);
    if (faker === undefined) throw new Error(`demo: no faker for locale ${name}`);
    return faker;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.randomizer.next();
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('demo: pick from an empty list');
    return item;
  }

  /** Draws one item with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weightOf: (item: T) => number): T {
    let total = 0;
    for (const item of items) total += weightOf(item);
    let point = this.next() * total;
    for (const item of items) {
      point -= weightOf(item);
      if (point < 0) return item;
    }
    return this.pick(items);
  }

  /** `count` distinct items in random order (count is clamped to the list length). */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const result: T[] = [];
    while (result.length < count && pool.length > 0) {
      result.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0] as T);
    }
    return result;
  }

  /** A string of `length` decimal digits, leading zeros allowed. */
  digits(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += String(Math.floor(this.next() * 10));
    return out;
  }

  /** A moment in [from, to), to the millisecond. */
  between(from: Date, to: Date): Date {
    return new Date(from.getTime() + Math.floor(this.next() * (to.getTime() - from.getTime())));
  }

  /**
   * A moment `minDays`..`maxDays` after `from`, never after the snapshot. When the window lies past
   * the snapshot, any moment between `from` and the snapshot: events do not pile up on one instant.
   */
  after(from: Date, minDays: number, maxDays: number): Date {
    const start = from.getTime() + minDays * dayMs;
    const end = Math.min(from.getTime() + maxDays * dayMs, snapshotDate.getTime());
    if (start < end) return new Date(start + Math.floor(this.next() * (end - start)));
    const floor = Math.min(from.getTime(), snapshotDate.getTime());
    return new Date(floor + Math.floor(this.next() * (snapshotDate.getTime() - floor)));
  }

  /** Like `after`, but moved into Dutch office hours on a weekday: staff do not work at 3 a.m. */
  officeTimeAfter(from: Date, minDays: number, maxDays: number): Date {
    const moment = this.after(from, minDays, maxDays);
    const weekday = moment.getUTCDay();
    const shift = weekday === 6 ? 2 : weekday === 0 ? 1 : 0; // Saturday/Sunday on to Monday
    const day = new Date(moment.getTime() + shift * dayMs);
    day.setUTCHours(this.int(7, 15), this.int(0, 59), this.int(0, 59), this.int(0, 999));
    // Keep the order of events: never before `from`, never after the snapshot.
    if (day > from && day < snapshotDate) return day;
    return this.after(from, 0, 0);
  }
}

/** `YYYY-MM-DD` of a moment in UTC, the text form of a `date` column. */
export function isoDate(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}
