/**
 * The fingerprints of a source's personal values: keyed HMAC digests cut to 64 bits, never the
 * values. Each fingerprint knows what it is (a whole identifying value, a first or last name, a
 * postcode, a combination of two parts of one person), which categories of data it came from, and
 * which people (subjects) hold it, so that a token many people share (a common first name) can be
 * told from one that points at a single person.
 *
 * Built once from a stream of records (`FingerprintBuilder`), then frozen into sorted typed arrays
 * (`FingerprintIndex`): about 20 bytes per fingerprint plus 4 per holder, looked up by binary search.
 */

import { BoundedMemo } from '../../core/bounded-memo.js';
import { type DataCategory, dataCategories } from '../../core/data-categories.js';
import type { Keyed } from '../../core/keyed.js';
import { postcodeKey, valueForms, wordsOf } from '../../core/normalize.js';
import { LeakproofError } from '../../errors.js';
import type { RealValueKind, RealValues } from '../../transforms/transform.js';
import { PresenceFilter, quickHash } from './presence-filter.js';
import { sharedArray, sharedCopy } from './shared-arrays.js';
import { type SubjectList, type SubjectRef, SubjectRegistry } from './subject-registry.js';

export type { SubjectList, SubjectRef };

/** What a fingerprint stands for; a bit set, since one digest can be several things. */
export const Role = {
  /** A whole value that identifies a person on its own (BSN, e-mail, a full name…). */
  value: 1,
  first: 2,
  last: 4,
  postcode: 8,
  /** Two parts of one person's record together (first + last name, postcode + house number…). */
  combination: 16,
  /** A whole value that identifies only when few people share it; becomes `value` if so. */
  rareValue: 32,
  /**
   * A whole value from a column that names one person wherever it appears (BSN, e-mail, phone,
   * IBAN, document number): subject records that share one are the same person in a breach count.
   */
  strong: 64,
  /**
   * A word of one person's row beside their name that the name lists also hold (an office in
   * 'Dallas', a nickname): no name, but with the same person's first or last name it points at them.
   */
  context: 128,
} as const;

export const categoryBit = (c: DataCategory): number => 1 << dataCategories.indexOf(c);
export const categoriesOf = (bits: number): DataCategory[] =>
  dataCategories.filter((c) => (bits & categoryBit(c)) !== 0);

/**
 * Hash domains: the same text as a whole value and as a word are different fingerprints. `seq` is
 * a value as its token sequence (tokens joined by one space), `start` the first two tokens of a
 * sequence of three or more (where a search for it must look further), `digits` a digit run's key.
 */
export type Domain = 'value' | 'word' | 'postcode' | 'combination' | 'seq' | 'start' | 'digits';
const domainLabel: Record<Domain, string> = {
  value: 'leakproof fingerprint value',
  word: 'leakproof fingerprint word',
  postcode: 'leakproof fingerprint postcode',
  combination: 'leakproof fingerprint combination',
  seq: 'leakproof fingerprint sequence',
  start: 'leakproof fingerprint sequence start',
  digits: 'leakproof fingerprint digits',
};

/** Seeds of the presence filter's quick hash, one per domain (see presence-filter.ts). */
const domainSeed: Record<Domain, number> = {
  value: 0x811c9dc5,
  word: 0x2f0a7c1d,
  postcode: 0x5bd1e995,
  combination: 0x3c6ef372,
  // Sequences and their starts are filtered by their rolling hash (sequence-hash.ts), not by text.
  seq: 0,
  start: 0,
  digits: 0x7f4a7c15,
};

/** The column a fingerprint came from is not known (an older file, or a digest added by hand). */
export const NO_COLUMN = 0xffff;

/** For `findValue`: any entry, whatever its roles (a rare value not promoted has none). */
export const ANY_ROLE = 0;

/** A value shared by more people than this identifies nobody on its own. */
export const FEW_PEOPLE = 3;
/** Holder ids from here up are rows that lead to no subject: counted, but nobody to name. */
const UNLINKED_BASE = 0x80000000;

export function digestOf(keyed: Keyed, domain: Domain, text: string): [number, number] {
  const d = keyed.digestLatin1(domainLabel[domain], text);
  const hi =
    ((d.charCodeAt(0) << 24) | (d.charCodeAt(1) << 16) | (d.charCodeAt(2) << 8) | d.charCodeAt(3)) >>> 0;
  const lo =
    ((d.charCodeAt(4) << 24) | (d.charCodeAt(5) << 16) | (d.charCodeAt(6) << 8) | d.charCodeAt(7)) >>> 0;
  return [hi, lo];
}

/** An append-only Uint32Array that doubles when full. */
class GrowingU32 {
  data = new Uint32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  pushAll(values: Uint32Array): void {
    let size = this.data.length;
    while (size < this.length + values.length) size *= 2;
    if (size !== this.data.length) {
      const bigger = new Uint32Array(size);
      bigger.set(this.data.subarray(0, this.length));
      this.data = bigger;
    }
    this.data.set(values, this.length);
    this.length += values.length;
  }
  view(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

/** The frozen arrays a `FingerprintIndex` is made of; also what the fingerprint file stores. */
export interface FingerprintArrays {
  readonly hi: Uint32Array;
  readonly lo: Uint32Array;
  readonly roles: Uint8Array;
  readonly categories: Uint16Array;
  /** The source column (an index into the index's `sourceColumns`) each fingerprint came from first. */
  readonly sources: Uint16Array;
  /** Rows that hold the fingerprint but belong to no subject (their table links to none). */
  readonly unlinked: Uint32Array;
  /** Holders of entry e are `holders[holderStart[e] … holderStart[e+1])`, subject indexes. */
  readonly holderStart: Uint32Array;
  readonly holders: Uint32Array;
}

/** A `FingerprintIndex` as plain data, for a worker thread (structured clone copies it). */
export interface IndexHandOver {
  readonly arrays: FingerprintArrays;
  readonly sourceColumns: readonly string[];
  readonly longestSequence: number;
  readonly valueLengths?: readonly number[];
  readonly presence?: Uint32Array;
}

/**
 * The records a builder has collected, as plain arrays: what a fingerprinting worker thread hands
 * back (`FingerprintBuilder.records`), to be merged into the main builder (`absorb`).
 */
export interface FingerprintRecords {
  readonly hi: Uint32Array;
  readonly lo: Uint32Array;
  readonly holder: Uint32Array;
  readonly meta: Uint32Array;
  readonly quick: Uint32Array;
  readonly valueLengths: readonly number[];
  readonly longestSequence: number;
}

/** Digests a builder remembers per domain. */
const DIGEST_MEMO_SIZE = 20_000;

/** Collects fingerprints record by record. Example: `builder.add('value', '123456782', Role.value, 'identifier', s)`. */
export class FingerprintBuilder {
  readonly #keyed: Keyed;
  readonly #hi = new GrowingU32();
  readonly #lo = new GrowingU32();
  readonly #holder = new GrowingU32();
  /** roles in the low byte, category bits in the next, the source column in the upper half. */
  readonly #meta = new GrowingU32();
  readonly #columns: string[] = [];
  readonly #columnIds = new Map<string, number>();
  #longestSequence = 0;
  /** Quick hashes of every added text, for the index's `PresenceFilter`. */
  readonly #quick = new GrowingU32();
  readonly #subjects = new SubjectRegistry();
  readonly #valueLengths = new Set<number>();
  #nextUnlinked = UNLINKED_BASE;
  /**
   * Names, postcodes and codes repeat across people: their digests are kept for a while, one memo
   * per domain (a key made of domain and text would be a new string to hash every time).
   */
  readonly #digests = new Map<Domain, BoundedMemo<string, [number, number]>>();

  constructor(keyed: Keyed) {
    this.#keyed = keyed;
  }

  /** The index of a subject (a person's row in a subject table), registered on first sight. */
  subject(table: string, key: string): number {
    return this.#subjects.indexOf(table, key);
  }

  /** The id of a source column (`schema.table.column`), for findings that say where a value came from. */
  column(name: string): number {
    let id = this.#columnIds.get(name);
    if (id === undefined) {
      id = Math.min(this.#columns.length, NO_COLUMN);
      if (id < NO_COLUMN) {
        this.#columns.push(name);
        this.#columnIds.set(name, id);
      }
    }
    return id;
  }

  #digest(domain: Domain, text: string): [number, number] {
    // Long texts (whole notes as token sequences) rarely repeat; keying the memo by them would only
    // hash and hold them.
    if (text.length > 64) return digestOf(this.#keyed, domain, text);
    let memo = this.#digests.get(domain);
    if (memo === undefined) {
      memo = new BoundedMemo(DIGEST_MEMO_SIZE);
      this.#digests.set(domain, memo);
    }
    return memo.get(text, () => digestOf(this.#keyed, domain, text));
  }

  /**
   * A holder id for one row that leads to no subject: its fingerprints count it once, however many
   * of them the row yields (`fingerprintRow` takes one per row).
   */
  unlinkedRow(): number {
    if (this.#nextUnlinked === 0xffffffff)
      throw new LeakproofError('LP_INTERNAL', 'Too many rows without a subject.');
    return this.#nextUnlinked++;
  }

  /**
   * Adds one already-normalized text; `holder` is a subject index, an `unlinkedRow()`, or null for
   * a row of its own; `column` a `column()` id. `quick` is the presence filter's hash where the
   * domain does not hash its text (`seq` and `start`: the rolling hash of the tokens).
   */
  add(
    domain: Domain,
    text: string,
    roles: number,
    category: DataCategory,
    holder: number | null,
    column: number = NO_COLUMN,
    quick?: number,
  ): void {
    const [hi, lo] = this.#digest(domain, text);
    if (domain === 'value') this.#valueLengths.add(text.length);
    this.#hi.push(hi);
    this.#lo.push(lo);
    this.#holder.push(holder ?? this.unlinkedRow());
    this.#meta.push((roles | (categoryBit(category) << 8) | (column << 16)) >>> 0);
    this.#quick.push(quick ?? quickHash(domainSeed[domain], text));
  }

  /**
   * The records collected so far, copied out, for a worker thread to hand back. Its holders must be
   * the main builder's (subjects and unlinked rows numbered there), and its column ids too.
   */
  records(): FingerprintRecords {
    return {
      hi: this.#hi.view().slice(),
      lo: this.#lo.view().slice(),
      holder: this.#holder.view().slice(),
      meta: this.#meta.view().slice(),
      quick: this.#quick.view().slice(),
      valueLengths: [...this.#valueLengths],
      longestSequence: this.#longestSequence,
    };
  }

  /** Adds another builder's records (see `records`); the index is the same whatever the order. */
  absorb(records: FingerprintRecords): void {
    this.#hi.pushAll(records.hi);
    this.#lo.pushAll(records.lo);
    this.#holder.pushAll(records.holder);
    this.#meta.pushAll(records.meta);
    this.#quick.pushAll(records.quick);
    for (const length of records.valueLengths) this.#valueLengths.add(length);
    this.sequenceLength(records.longestSequence);
  }

  /** Notes how many tokens the longest `seq` fingerprint has: a search never looks further. */
  sequenceLength(tokens: number): void {
    if (tokens > this.#longestSequence) this.#longestSequence = tokens;
  }

  /** Sorts, merges records of one digest, and counts distinct holders. */
  build(): FingerprintIndex {
    const n = this.#hi.length;
    const hi = this.#hi.view();
    const lo = this.#lo.view();
    const holder = this.#holder.view();
    const meta = this.#meta.view();
    const order = sortedOrder(hi, lo, holder);

    const eHi = new GrowingU32();
    const eLo = new GrowingU32();
    const eMeta = new GrowingU32();
    const eSource = new GrowingU32();
    /** Per source column, the distinct holders of the entry being merged (sorted by holder). */
    const perColumn = new Map<number, { last: number; count: number }>();
    const eUnlinked = new GrowingU32();
    const start = new GrowingU32();
    const holders = new GrowingU32();
    for (let i = 0; i < n; ) {
      const first = order[i]!;
      let roles = 0;
      let categories = 0;
      let unlinked = 0;
      let source = NO_COLUMN;
      start.push(holders.length);
      let last = -1;
      let j = i;
      perColumn.clear();
      for (; j < n && hi[order[j]!] === hi[first] && lo[order[j]!] === lo[first]; j++) {
        const r = order[j]!;
        roles |= meta[r]! & 0xff;
        categories |= (meta[r]! >>> 8) & 0xff;
        const column = meta[r]! >>> 16;
        if (column < source) source = column;
        const h = holder[r]!;
        if ((meta[r]! & Role.rareValue) !== 0) {
          const seen = perColumn.get(column);
          if (seen === undefined) perColumn.set(column, { last: h, count: 1 });
          else if (seen.last !== h) {
            seen.last = h;
            seen.count++;
          }
        }
        if (h === last) continue; // sorted by holder: one holder's records are neighbours
        last = h;
        if (h >= UNLINKED_BASE) unlinked++;
        else holders.push(h);
      }
      const count = holders.length - start.data[start.length - 1]! + unlinked;
      // Rare in at least one column it came from: a value one column holds for two people is
      // theirs, however many other people another column holds it for.
      if ((roles & Role.rareValue) !== 0 && (count <= FEW_PEOPLE || rareInSomeColumn(perColumn)))
        roles |= Role.value;
      eHi.push(hi[first]!);
      eLo.push(lo[first]!);
      eMeta.push((roles & ~Role.rareValue) | (categories << 8));
      eSource.push(source);
      eUnlinked.push(unlinked);
      i = j;
    }
    start.push(holders.length);
    const entries = eHi.length;
    const metaView = eMeta.view();
    const roles = sharedArray(Uint8Array, entries);
    const categories = sharedArray(Uint16Array, entries);
    const sources = sharedArray(Uint16Array, entries);
    const sourceView = eSource.view();
    for (let e = 0; e < entries; e++) {
      roles[e] = metaView[e]! & 0xff;
      categories[e] = metaView[e]! >>> 8;
      sources[e] = sourceView[e]!;
    }
    return new FingerprintIndex(
      this.#keyed,
      {
        hi: sharedCopy(eHi.view()),
        lo: sharedCopy(eLo.view()),
        roles,
        categories,
        sources,
        unlinked: sharedCopy(eUnlinked.view()),
        holderStart: sharedCopy(start.view().subarray(0, entries + 1)),
        holders: sharedCopy(holders.view()),
      },
      this.#subjects,
      {
        sourceColumns: [...this.#columns],
        longestSequence: this.#longestSequence,
        valueLengths: [...this.#valueLengths].sort((a, b) => a - b),
        presence: PresenceFilter.fromHashes(this.#quick.view()),
      },
    );
  }
}

/**
 * The record numbers in order of digest, then holder. Digests are uniform, so one counting pass on
 * the top 16 bits leaves buckets of a few dozen records, each sorted on its own: about 3× faster
 * than one comparator sort of millions of records.
 */
function sortedOrder(hi: Uint32Array, lo: Uint32Array, holder: Uint32Array): Uint32Array {
  const n = hi.length;
  const next = new Uint32Array(BUCKETS + 1);
  for (let i = 0; i < n; i++) next[(hi[i]! >>> 16) + 1]!++;
  for (let b = 1; b <= BUCKETS; b++) next[b]! += next[b - 1]!;
  const start = next.slice();
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[next[hi[i]! >>> 16]!++] = i;
  const byDigest = (a: number, b: number) => hi[a]! - hi[b]! || lo[a]! - lo[b]! || holder[a]! - holder[b]!;
  for (let b = 0; b < BUCKETS; b++)
    if (start[b + 1]! - start[b]! > 1) order.subarray(start[b], start[b + 1]).sort(byDigest);
  return order;
}
const BUCKETS = 1 << 16;

function rareInSomeColumn(perColumn: ReadonlyMap<number, { count: number }>): boolean {
  for (const { count } of perColumn.values()) if (count <= FEW_PEOPLE) return true;
  return false;
}

/** What an index knows beside its arrays. */
export interface IndexExtras {
  readonly sourceColumns?: readonly string[];
  /** Tokens of the longest `seq` fingerprint; absent: unknown, searches look up to a fixed limit. */
  readonly longestSequence?: number;
  /** Absent: every length is possible (no shortcut). */
  readonly valueLengths?: readonly number[];
  /** Absent (an index read from a file, which holds digests only): every lookup pays the digest. */
  readonly presence?: PresenceFilter;
}

/** Lookups remembered per domain, and the longest text remembered (longer ones rarely repeat). */
const REMEMBERED_LOOKUPS = 50_000;
const REMEMBERED_LENGTH = 64;

/** How far a search for a sequence looks when the index does not know its longest one. */
const SEQUENCE_LIMIT = 256;

/** A frozen, searchable set of fingerprints; also answers the generators' "is this real?". */
export class FingerprintIndex implements RealValues {
  readonly #keyed: Keyed;
  readonly arrays: FingerprintArrays;
  readonly #subjectList: SubjectList;
  #subjects: readonly SubjectRef[] | undefined;
  /**
   * The lengths whole values have, in the 'value' domain: a text of another length cannot match,
   * so the scanner skips its digest (most texts of a target are longer than any identifier).
   */
  readonly valueLengths: readonly number[];
  readonly #valueLength: ReadonlySet<number> | null;
  readonly #longestValue: number;
  readonly #presence: PresenceFilter | null;
  /** Per domain, text → entry (or -1) of lookups that passed the presence filter. */
  readonly #found = new Map<Domain, BoundedMemo<string, number>>();

  readonly sourceColumns: readonly string[];
  readonly longestSequence: number;

  constructor(keyed: Keyed, arrays: FingerprintArrays, subjects: SubjectList, extras: IndexExtras = {}) {
    const { valueLengths, presence } = extras;
    const n = arrays.hi.length;
    if (
      [arrays.lo, arrays.roles, arrays.categories, arrays.sources, arrays.unlinked].some(
        (a) => a.length !== n,
      ) ||
      arrays.holderStart.length !== n + 1 ||
      arrays.holderStart[n] !== arrays.holders.length
    ) {
      throw new LeakproofError('LP_FINGERPRINTS_INVALID', 'The fingerprint arrays do not fit together.');
    }
    // Lookups are binary searches: arrays that are not strictly ascending would miss silently, and
    // holder ranges out of order would give entries other entries' holders.
    const outOfOrder = () =>
      new LeakproofError('LP_FINGERPRINTS_INVALID', 'The fingerprint arrays are not in order.');
    if (arrays.holderStart[0] !== 0) throw outOfOrder();
    for (let i = 1; i <= n; i++) {
      if (arrays.holderStart[i]! < arrays.holderStart[i - 1]!) throw outOfOrder();
      if (i < n && (arrays.hi[i]! - arrays.hi[i - 1]! || arrays.lo[i]! - arrays.lo[i - 1]!) <= 0)
        throw outOfOrder();
    }
    this.#keyed = keyed;
    this.arrays = arrays;
    this.#subjectList = subjects;
    this.#presence = presence ?? null;
    this.sourceColumns = extras.sourceColumns ?? [];
    this.longestSequence = Math.min(extras.longestSequence ?? SEQUENCE_LIMIT, SEQUENCE_LIMIT);
    this.valueLengths = valueLengths ?? [];
    this.#valueLength = valueLengths === undefined ? null : new Set(valueLengths);
    this.#longestValue = valueLengths === undefined ? Number.POSITIVE_INFINITY : Math.max(0, ...valueLengths);
  }

  /** The index as typed arrays, for a worker thread to search the same fingerprints. */
  handOver(): IndexHandOver {
    return {
      arrays: this.arrays,
      sourceColumns: this.sourceColumns,
      longestSequence: this.longestSequence,
      ...(this.#valueLength === null ? {} : { valueLengths: this.valueLengths }),
      ...(this.#presence === null ? {} : { presence: this.#presence.bits }),
    };
  }

  /**
   * Another index made with the same key (the key itself stays private): what a merge of two files
   * builds. Example: `older.derive(arrays, subjects, { sourceColumns })`.
   */
  derive(arrays: FingerprintArrays, subjects: SubjectList, extras: IndexExtras = {}): FingerprintIndex {
    return new FingerprintIndex(this.#keyed, arrays, subjects, extras);
  }

  /** Rebuilds a handed-over index; it knows its people by number only (`subjects` is empty). */
  static fromHandOver(keyed: Keyed, handOver: IndexHandOver): FingerprintIndex {
    return new FingerprintIndex(
      keyed,
      handOver.arrays,
      { length: 0, at: () => undefined },
      {
        sourceColumns: handOver.sourceColumns,
        longestSequence: handOver.longestSequence,
        ...(handOver.valueLengths === undefined ? {} : { valueLengths: handOver.valueLengths }),
        ...(handOver.presence === undefined ? {} : { presence: new PresenceFilter(handOver.presence) }),
      },
    );
  }

  /**
   * The entry of a whole value in any of its spellings with one of `roles`, or -1. Cheap for texts
   * no whole value could be (longer than the longest, or of a length none has).
   */
  findValue(text: string, roles: number): number {
    // Spellings differ from the text by separators and a country code: a few characters at most.
    if (text.length > this.#longestValue + 8) return -1;
    for (const form of valueForms(text)) {
      if (this.#valueLength !== null && !this.#valueLength.has(form.length)) continue;
      const e = this.find('value', form);
      if (e !== -1 && (roles === ANY_ROLE || (this.arrays.roles[e]! & roles) !== 0)) return e;
    }
    return -1;
  }

  /** Whether a word is some real person's first or last name. */
  isRealWord(key: string): boolean {
    return this.findWithRole('word', [key], Role.first | Role.last) !== -1;
  }

  get keyId(): string {
    return this.#keyed.keyId;
  }

  /** How many people the fingerprints name. */
  get subjectCount(): number {
    return this.#subjectList.length;
  }

  /** The people, by subject table and primary key (made on first use: a breach report, a file). */
  get subjects(): readonly SubjectRef[] {
    this.#subjects ??= Array.from({ length: this.#subjectList.length }, (_, i) => this.#subjectList.at(i)!);
    return this.#subjects;
  }

  /** One person, by index. */
  subjectAt(index: number): SubjectRef | undefined {
    return this.#subjectList.at(index);
  }

  get size(): number {
    return this.arrays.hi.length;
  }

  /** The entry of a normalized text in a domain, or -1. */
  find(domain: Domain, text: string): number {
    if (this.#presence !== null && !this.#presence.mayHold(quickHash(domainSeed[domain], text))) return -1;
    return this.#search(domain, text);
  }

  /** Whether the presence filter may hold a hash (always true without a filter). */
  mayHold(quick: number): boolean {
    return this.#presence === null || this.#presence.mayHold(quick);
  }

  /**
   * The entry of a text whose presence hash the caller computed (`seq`, `start`), or -1. `text` is
   * built only when the filter says maybe.
   */
  findHashed(domain: Domain, quick: number, text: () => string): number {
    if (this.#presence !== null && !this.#presence.mayHold(quick)) return -1;
    return this.#search(domain, text());
  }

  /** The source column a fingerprint came from (`schema.table.column`), or null when unknown. */
  sourceOf(entry: number): string | null {
    return this.sourceColumns[this.arrays.sources[entry]!] ?? null;
  }

  #search(domain: Domain, text: string): number {
    // Texts the filter lets through are mostly real (a surname, a phone number) and come back
    // text after text: their entries are remembered, per domain, so the keyed digest is paid once.
    if (text.length > REMEMBERED_LENGTH) return this.#searchDigest(domain, text);
    let memo = this.#found.get(domain);
    if (memo === undefined) {
      memo = new BoundedMemo<string, number>(REMEMBERED_LOOKUPS);
      this.#found.set(domain, memo);
    }
    return memo.get(text, () => this.#searchDigest(domain, text));
  }

  #searchDigest(domain: Domain, text: string): number {
    const [hi, lo] = digestOf(this.#keyed, domain, text);
    const { hi: his, lo: los } = this.arrays;
    let low = 0;
    let high = his.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const d = his[mid]! - hi || los[mid]! - lo;
      if (d === 0) return mid;
      if (d < 0) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }

  /** The first entry of any of `texts` that has one of `roles`, or -1. */
  findWithRole(domain: Domain, texts: readonly string[], roles: number): number {
    for (const text of texts) {
      const e = this.find(domain, text);
      if (e !== -1 && (this.arrays.roles[e]! & roles) !== 0) return e;
    }
    return -1;
  }

  roles(entry: number): number {
    return this.arrays.roles[entry]!;
  }

  categories(entry: number): DataCategory[] {
    return categoriesOf(this.arrays.categories[entry]!);
  }

  holders(entry: number): Uint32Array {
    return this.arrays.holders.subarray(this.arrays.holderStart[entry]!, this.arrays.holderStart[entry + 1]!);
  }

  /** How many people (and unlinked rows) hold this fingerprint: its weight is one over this. */
  holderCount(entry: number): number {
    return this.holders(entry).length + this.arrays.unlinked[entry]!;
  }

  nameRole(word: string): 'first' | 'last' | null {
    const key = wordsOf(word)[0]?.key;
    if (key === undefined) return null;
    const entry = this.findWithRole('word', [key], Role.first | Role.last);
    if (entry === -1) return null;
    // A word that is both a first and a last name (Jordan) counts as a first name, as in the name lists.
    return (this.arrays.roles[entry]! & Role.first) !== 0 ? 'first' : 'last';
  }

  isReal(kind: RealValueKind, value: string): boolean {
    switch (kind) {
      case 'name':
        return wordsOf(value).some((w) => this.isRealWord(w.key));
      case 'postcode': {
        const key = postcodeKey(value);
        return key !== null && this.findWithRole('postcode', [key], Role.postcode) !== -1;
      }
      default:
        // Any spelling the source had counts, identifying on its own or not: a fake must not be it.
        return this.findValue(value, ANY_ROLE) !== -1;
    }
  }
}
