/**
 * Whether a kept column singles out people: fed the column's values with the person each row
 * leads to, it tells whether most distinct values belong to one person each (a diploma number, a
 * customer number), which makes the column an identifier even when no detector knows its format.
 *
 * Memory does not grow with the table. Values are sampled by a hash of the value (Gibbons'
 * distinct sampling): a value is followed when its hash lies below a threshold, and when more than
 * `maxEntries` values are followed the threshold halves and the values above it are dropped. A
 * followed value has been followed from its first row on, so who holds it is known exactly; the
 * counts are estimated from the sample (its size times the inverse of the threshold). The result
 * does not depend on the order of the rows, so the draft (`init`) and the leak check agree when they
 * read the same rows.
 */
import type { ColumnModel, TableModel } from '../schema/model.js';

export interface SinglingOutVerdict {
  /** Distinct people seen with a value (estimated above `maxEntries`). */
  readonly people: number;
  /** Distinct values (estimated above `maxEntries`). */
  readonly values: number;
  /** Share of the distinct values that exactly one person holds, 0–1. */
  readonly singlePersonShare: number;
  readonly identifying: boolean;
}

/** Fewer people than this cannot tell an identifier from chance. */
export const MIN_PEOPLE = 20;
/** More than this share of the distinct values held by one person each makes an identifier. */
export const SINGLE_PERSON_SHARE = 0.5;
/**
 * A near-constant column (one value for nearly everyone, a few rare ones) has a high share of
 * single-person values but singles out few people: the single-person values must number at least
 * this share of the people.
 */
export const MIN_SINGLED_OUT = 0.2;
/**
 * An identifier has about one value per person (a diploma number, a customer number, a few order
 * numbers each). A column with many values per person (the ids of the rows a staff member changed
 * in an audit log) tells which rows belong to someone, but no value stands for the person.
 */
export const MAX_VALUES_PER_PERSON = 3;
const DEFAULT_MAX_ENTRIES = 50_000;

/** Person hash of a value two people hold (person hashes are 31-bit, so never negative). */
const SHARED = -1;

/**
 * FNV-1a over the UTF-16 code units, then murmur3's finaliser: FNV alone mixes the high bits poorly
 * for short inputs, and the sample threshold looks at the high bits. Not cryptographic: nobody
 * chooses the values to defeat it, and a collision only merges two values in the estimate.
 */
function hash32(text: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const VALUE_SEED = 0x811c9dc5; // FNV's offset basis
const VALUE_KEY_SEED = 0x2f6b3a91;
const PERSON_SEED = 0x5bd1e995;

/** A distinct sample of 32-bit hashes: those below 2^(32 − level). */
class DistinctSample<V> {
  readonly entries = new Map<number, V>();
  level = 0;

  constructor(private readonly maxEntries: number) {}

  admits(h: number): boolean {
    return this.level === 0 || h < 2 ** (32 - this.level);
  }

  /** Halves the threshold until the sample fits; `hashOf` gives an entry's sampling hash. */
  shrink(hashOf: (key: number) => number): void {
    while (this.entries.size > this.maxEntries) {
      this.level++;
      const limit = 2 ** (32 - this.level);
      for (const key of this.entries.keys()) if (hashOf(key) >= limit) this.entries.delete(key);
    }
  }

  /** How many distinct items the sample stands for. */
  estimate(count: number): number {
    return Math.round(count * 2 ** this.level);
  }
}

/**
 * Counts, for one kept column, how many people hold each value, e.g.
 * `for (const row of rows) meter.add(row.diploma_number, row.applicant_id)`, then `meter.verdict()`.
 * Feed only rows that have a value and lead to a person.
 */
export class SinglingOutMeter {
  /** Sampled values: key from two hashes (53 bits), value the one holder's person hash or SHARED. */
  readonly #values: DistinctSample<number>;
  readonly #people: DistinctSample<true>;

  constructor(options: { readonly maxEntries?: number } = {}) {
    const max = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.#values = new DistinctSample(max);
    this.#people = new DistinctSample(max);
  }

  add(value: string, person: number | string): void {
    const who = typeof person === 'string' ? person : String(person);
    const p = hash32(who, PERSON_SEED);
    if (this.#people.admits(p) && !this.#people.entries.has(p)) {
      this.#people.entries.set(p, true);
      this.#people.shrink((key) => key);
    }
    const h = hash32(value, VALUE_SEED);
    if (!this.#values.admits(h)) return;
    // The sampling hash in the high part, so an entry's own key tells whether it stays.
    const key = h * 2 ** 21 + (hash32(value, VALUE_KEY_SEED) >>> 11);
    const holder = p >>> 1;
    const known = this.#values.entries.get(key);
    if (known === undefined) {
      this.#values.entries.set(key, holder);
      this.#values.shrink((k) => Math.floor(k / 2 ** 21));
    } else if (known !== holder && known !== SHARED) {
      this.#values.entries.set(key, SHARED);
    }
  }

  /** Values and people held in memory now; never more than `maxEntries` each. */
  get entries(): { readonly values: number; readonly people: number } {
    return { values: this.#values.entries.size, people: this.#people.entries.size };
  }

  /** Whether the counts are estimated from a sample rather than exact. */
  get estimated(): boolean {
    return this.#values.level > 0 || this.#people.level > 0;
  }

  verdict(): SinglingOutVerdict {
    const sampled = this.#values.entries.size;
    let single = 0;
    for (const holder of this.#values.entries.values()) if (holder !== SHARED) single++;
    const values = this.#values.estimate(sampled);
    const people = this.#people.estimate(this.#people.entries.size);
    const singlePersonShare = sampled === 0 ? 0 : single / sampled;
    const identifying =
      people >= MIN_PEOPLE &&
      singlePersonShare > SINGLE_PERSON_SHARE &&
      singlePersonShare * values >= MIN_SINGLED_OUT * people &&
      values <= MAX_VALUES_PER_PERSON * people;
    return { people, values, singlePersonShare, identifying };
  }

  /** The verdict in words, for reports and policy comments; counts only, never a value. */
  reason(): string {
    const { people, values, singlePersonShare } = this.verdict();
    const about = this.estimated ? 'about ' : '';
    const count = (n: number) => n.toLocaleString('en-US');
    if (values === 0) return 'no values that lead to a person';
    return (
      `${Math.round(singlePersonShare * 100)}% of its ${about}${count(values)} distinct values ` +
      `belong to one person each (${about}${count(people)} people)`
    );
  }
}

/**
 * Whether a column is measured at all: text and UUIDs that are not surrogate keys. Numbers are not:
 * from its values alone, a column of amounts, counts or balances (one value per person as often as
 * not) cannot be told from a column of numeric codes, and the check would refuse every table of
 * amounts. A numeric code that identifies people is the policy's to mark (`code`, `hash`).
 * Primary-key, foreign-key and identity columns identify rows, not people outside the database;
 * generated columns are recomputed from the other columns by the target.
 */
export function measuresSinglingOut(table: TableModel, column: ColumnModel): boolean {
  if (column.generatedExpr !== null) return false;
  if (column.category === 'text') return true;
  if (column.category !== 'uuid') return false;
  const key =
    column.identity !== null ||
    (table.primaryKey?.columns.includes(column.name) ?? false) ||
    table.foreignKeys.some((fk) => fk.columns.includes(column.name));
  return !key;
}
