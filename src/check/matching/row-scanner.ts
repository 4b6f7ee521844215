/**
 * The leak check's eyes: looks at every value of one target row and reports what it recognizes.
 * (a) fingerprint hits: a whole value, an identifier inside text, a value of the source as
 *     consecutive tokens anywhere in any text, or a digit run of the source however it is grouped
 *     (`sequence-matcher.ts`), that few real people hold;
 * (b) combinations: two parts of one real person in the same row (first + last name, postcode +
 *     house number, name + date of birth), inside text or across columns;
 * (c) detector hits: a BSN, IBAN, e-mail address or phone number valid by checksum or format in a
 *     column Leakproof did not write (a kept column, or a table the policy does not know), and an
 *     address (street, number, postcode) written in such a column's text.
 * It returns findings with a masked sample; the value itself never leaves this function.
 */

import { BoundedMemo } from '../../core/bounded-memo.js';
import type { DataCategory } from '../../core/data-categories.js';
import { findIdentifiers, isValidBsn, normalizeBsn } from '../../core/detectors.js';
import { maskValue } from '../../core/mask.js';
import {
  dateKey,
  datesIn,
  houseNumberKey,
  houseNumbersIn,
  postcodeKey,
  wordsOf,
} from '../../core/normalize.js';
import { type FingerprintIndex, Role } from '../fingerprints/fingerprint-index.js';
import {
  combinationsOf,
  contextPairEntry,
  emptyParts,
  isNameParticle,
  type PersonParts,
} from '../fingerprints/fingerprint-row.js';
import { fixFor, type WrittenColumn } from './finding-fix.js';
import { sequenceHits } from './sequence-matcher.js';
import { byteaReadable, checkedTexts, holdsFreeText, jsonKeysIn, type ValueShape } from './value-texts.js';

/** `policy`: what the policy's decision itself releases (a kept column that singles people out). */
export type FindingCheck = 'fingerprint' | 'combination' | 'detector' | 'policy';

/** One thing found, as reports show it: where, what kind, and a masked sample. */
export interface Finding {
  readonly table: string;
  /** The column, or columns joined by `+` for a combination across columns. */
  readonly column: string;
  /** The row's primary key (`id=17`), or its position (`#17`) when the table has none. */
  readonly row: string;
  readonly check: FindingCheck;
  /** `bsn`, `iban`, `email`, `phone`, `address`, `value`, `rare name`, `name`, `name+birthDate`, `postcode+houseNumber`. */
  readonly kind: string;
  readonly categories: readonly DataCategory[];
  readonly sample: string;
  /** How many people in the source hold the value (its weight is one over this); fingerprint hits only. */
  readonly sharedBy?: number;
  /** Why it matched: the source column the value came from (`schema.table.column`), or the detector. */
  readonly source?: string;
  /** The policy change that would resolve it. */
  readonly fix?: string;
  /** Present when the finding does not refuse the copy: the reason it is only reported. */
  readonly warning?: string;
}

/** A finding with the source subjects it points at (indexes into the fingerprints' subjects). */
export interface TracedFinding extends Finding {
  readonly holders: readonly number[];
}

export interface ScanColumn extends WrittenColumn {
  readonly name: string;
  readonly shape: ValueShape;
  /** Written by a Leakproof transform: identifiers a detector finds here are its own fakes. */
  readonly produced: boolean;
  /**
   * Words here may be people's names (kept text, free text scrub or json wrote). False for fakes a
   * generator made (a fake city 'Den Haag' holds the surname 'Haag'); absent means true.
   */
  readonly nameWords?: boolean;
  /**
   * A kept whole-number column of the primary key or a foreign key: numbers the system counts.
   * Digit runs of the source inside other values (`jan.jansen1000000@…`) are not looked for here.
   */
  readonly surrogateKey?: boolean;
}

export interface ScanOptions {
  /** Report detector hits in columns Leakproof did not write (verify: yes; breach scan: no). */
  readonly detectors: boolean;
  /**
   * Short texts remembered per column (default 4096). A file scan remembers fewer: its worker's
   * heap is bounded, and at about 1 KB per text a wide table's memos alone would fill it.
   */
  readonly cachedTexts?: number;
}

const bsnContext = /bsn|burgerservice|sofi/i;
const NAME_WITHOUT_PERSON =
  'the value is a name from a column that leads to no person (no subject table links to it): reported, not refused';
/** A street, a house number and a postcode in one text: an address whoever it belongs to. */
const addressInText = /\p{Lu}[\p{L}.'-]{2,}\s+[1-9]\d{0,4}\s?[a-zA-Z]?\s*,?\s+[1-9]\d{3}\s?[A-Z]{2}\b/u;
/** Texts up to this length are cached per column, up to this many per column. */
const CACHED_TEXT_LENGTH = 64;
const CACHE_ENTRIES = 4096;

/** What one text holds on its own: findings, parts of a person for combinations, and whether it is free text. */
interface TextAnalysis {
  readonly found: Omit<TracedFinding, 'table' | 'row'>[];
  readonly parts: { list: keyof PersonParts; key: string; source: PartSource }[];
  hit: boolean;
  free: boolean;
}

function kindOfIdentifier(text: string): string {
  const found = findIdentifiers(text.trim());
  const whole = found.find((m) => m.start === 0 && m.end >= text.trim().length);
  if (whole !== undefined) return whole.kind;
  const bsn = normalizeBsn(text);
  return bsn !== null && isValidBsn(bsn) ? 'bsn' : 'value';
}

/** The kind a sequence or digit hit is reported as: what the piece is, or where it came from. */
function kindOfHit(piece: string, domain: 'seq' | 'digits', categories: readonly DataCategory[]): string {
  const kind = kindOfIdentifier(piece);
  if (kind !== 'value') return kind;
  if (domain === 'digits') return 'number';
  return categories.includes('name') ? 'name' : 'value';
}

/** Where a part of a person was seen; the piece is masked only if it ends up in a finding. */
interface PartSource {
  readonly column: string;
  /** Position of the column in the row, so a key column in a finding gets masked. */
  readonly at: number;
  readonly piece: string;
}

export class RowScanner {
  readonly #index: FingerprintIndex;
  readonly #options: ScanOptions;
  /** Per column, short text → its analysis. */
  readonly #cache = new WeakMap<ScanColumn, BoundedMemo<string, TextAnalysis>>();
  /** Per JSON column, the same column as its keys are read: text, identifiers only. */
  readonly #keyColumns = new WeakMap<ScanColumn, ScanColumn>();
  /** `table\0column` of kept binary columns already reported as unreadable. */
  readonly #unreadableReported = new Set<string>();

  #keysOf(column: ScanColumn): ScanColumn {
    let keys = this.#keyColumns.get(column);
    if (keys === undefined) {
      keys = { ...column, shape: { category: 'text', isArray: false }, nameWords: false };
      this.#keyColumns.set(column, keys);
    }
    return keys;
  }

  constructor(index: FingerprintIndex, options: ScanOptions) {
    this.#index = index;
    this.#options = options;
  }

  #traced(entry: number): {
    sharedBy: number;
    holders: readonly number[];
    categories: DataCategory[];
    source?: string;
  } {
    const source = this.#index.sourceOf(entry);
    return {
      sharedBy: this.#index.holderCount(entry),
      holders: [...this.#index.holders(entry)],
      categories: this.#index.categories(entry),
      ...(source === null ? {} : { source }),
    };
  }

  /** Whether the fingerprints know people at all (without subject tables every match counts). */
  get #peopleKnown(): boolean {
    return this.#index.arrays.holders.length > 0;
  }

  /**
   * Findings of one row. `rowKey` is asked last, with the positions of columns that had a finding
   * (their values must not be shown as the key).
   */
  scanRow(
    table: string,
    columns: readonly ScanColumn[],
    values: readonly (string | null)[],
    rowKey: (columnsWithFindings: ReadonlySet<number>) => string,
  ): TracedFinding[] {
    const found: Omit<TracedFinding, 'table' | 'row'>[] = [];
    const hit = new Set<number>();
    const parts = emptyParts();
    const sources = new Map<string, PartSource>();
    const freeTexts: { column: string; at: number; text: string }[] = [];
    const addPart = (list: keyof PersonParts, key: string, source: PartSource) => {
      if (parts[list].length < 16 && !parts[list].includes(key)) {
        parts[list].push(key);
        sources.set(`${list}\0${key}`, source);
      }
    };

    columns.forEach((column, c) => {
      const value = values[c];
      if (value === null || value === undefined) return;
      if (column.shape.category === 'bytea' && !column.produced && !column.acknowledged)
        this.#unreadable(table, column, value, found);
      for (const text of checkedTexts(value, column.shape)) {
        const analysis = this.#analysis(text, column, c);
        for (const f of analysis.found) found.push(f);
        for (const p of analysis.parts) addPart(p.list, p.key, p.source);
        if (analysis.hit) hit.add(c);
        if (analysis.free) freeTexts.push({ column: column.name, at: c, text });
      }
      for (const key of jsonKeysIn(value, column.shape)) {
        const analysis = this.#analysis(key, this.#keysOf(column), c);
        for (const f of analysis.found) found.push(f);
        if (analysis.hit) hit.add(c);
      }
    });

    // (b) combinations: only when the row holds some real name or postcode (the common case is none).
    if (parts.first.length + parts.last.length + parts.postcode.length > 0) {
      for (const { column, at, text } of freeTexts) {
        for (const d of datesIn(text)) addPart('birthDate', d, { column, at, piece: d });
        if (parts.postcode.length > 0)
          for (const h of houseNumbersIn(text)) addPart('houseNumber', h, { column, at, piece: h });
      }
      for (const combination of this.#combinations(parts, sources, hit)) found.push(combination);
    }
    if (found.length === 0) return [];
    const row = rowKey(hit);
    const byName = new Map(columns.map((c) => [c.name, c] as const));
    return found.map((f) => {
      const warning =
        f.warning ??
        (f.check !== 'detector' &&
        f.holders.length === 0 &&
        this.#peopleKnown &&
        f.categories.length > 0 &&
        f.categories.every((c) => c === 'name')
          ? NAME_WITHOUT_PERSON
          : undefined);
      return {
        table,
        row,
        ...f,
        fix: f.fix ?? fixFor(table, f, byName.get(f.column.split('+')[0]!)),
        ...(warning === undefined ? {} : { warning }),
      };
    });
  }

  /**
   * A kept binary value the check cannot read (compressed, encrypted, an unknown format) may hold
   * anything: reported once per column, so a person decides (null it, or state it identifies no one).
   */
  #unreadable(
    table: string,
    column: ScanColumn,
    value: string,
    found: Omit<TracedFinding, 'table' | 'row'>[],
  ) {
    const key = `${table}\0${column.name}`;
    if (this.#unreadableReported.has(key) || byteaReadable(value)) return;
    this.#unreadableReported.add(key);
    found.push({
      column: column.name,
      check: 'policy',
      kind: 'unreadable binary',
      categories: [],
      sample: `(binary, ${Math.max(0, (value.length - 2) / 2)} bytes)`,
      source: 'a kept binary value the check cannot read',
      holders: [],
    });
  }

  /**
   * What one text of one column holds, apart from its row. Short texts repeat (statuses, dates,
   * countries, kept codes), so their analysis is cached per column.
   */
  #analysis(text: string, column: ScanColumn, c: number): TextAnalysis {
    if (text.length > CACHED_TEXT_LENGTH) return this.#analyze(text, column, c);
    let cache = this.#cache.get(column);
    if (cache === undefined) {
      cache = new BoundedMemo(this.#options.cachedTexts ?? CACHE_ENTRIES);
      this.#cache.set(column, cache);
    }
    return cache.get(text, () => this.#analyze(text, column, c));
  }

  #analyze(text: string, column: ScanColumn, c: number): TextAnalysis {
    const index = this.#index;
    const analysis: TextAnalysis = { found: [], parts: [], hit: false, free: false };
    const source = { column: column.name, at: c, piece: text };
    // (a) the whole value
    const entry = index.findValue(text, Role.value);
    if (entry !== -1) {
      analysis.found.push({
        column: column.name,
        check: 'fingerprint',
        kind: kindOfIdentifier(text),
        sample: maskValue(text),
        ...this.#traced(entry),
      });
      analysis.hit = true;
      return analysis;
    }
    const postcode = postcodeKey(text);
    if (postcode !== null && index.findWithRole('postcode', [postcode], Role.postcode) !== -1)
      analysis.parts.push({ list: 'postcode', key: postcode, source });
    const number = houseNumberKey(text);
    if (number !== null) analysis.parts.push({ list: 'houseNumber', key: number, source });
    const date = dateKey(text);
    if (date !== null) analysis.parts.push({ list: 'birthDate', key: date, source });
    const bsnColumn = bsnContext.test(column.name);
    const spans: [number, number][] = [];
    if (!holdsFreeText(column.shape.category)) {
      this.#sequences(text, column, analysis, spans);
      if (this.#options.detectors && !column.produced && bsnColumn) {
        const bsn = normalizeBsn(text);
        if (bsn !== null && isValidBsn(bsn)) {
          analysis.found.push({
            column: column.name,
            check: 'detector',
            kind: 'bsn',
            categories: ['identifier'],
            sample: maskValue(text),
            holders: [],
          });
          analysis.hit = true;
        }
      }
      return analysis;
    }
    const hit = new Set<number>();
    this.#scanText(text, column, c, bsnColumn, analysis.found, hit, spans, (list, key, partSource) =>
      analysis.parts.push({ list, key, source: partSource }),
    );
    this.#sequences(text, column, analysis, spans);
    analysis.hit = analysis.hit || hit.size > 0;
    analysis.free = true;
    return analysis;
  }

  /**
   * (a) values and digit runs of the source anywhere in the text, valid or not; a piece already
   * reported as an identifier (`spans`) is not reported twice.
   */
  #sequences(text: string, column: ScanColumn, analysis: TextAnalysis, spans: [number, number][]): void {
    const hits = sequenceHits(this.#index, text);
    if (hits.length === 0) return;
    hits.sort((a, b) => a.start - b.start || b.end - a.end);
    for (const h of hits) {
      // A kept key counts what the system made (row 1000000); the same number inside an e-mail or
      // a file name is that key written into it, and says no more than the key. Whole values count.
      if (column.surrogateKey === true && h.domain === 'digits') continue;
      if (spans.some(([s, e]) => h.start < e && h.end > s)) continue;
      spans.push([h.start, h.end]);
      const piece = text.slice(h.start, h.end);
      const traced = this.#traced(h.entry);
      analysis.found.push({
        column: column.name,
        check: 'fingerprint',
        kind: kindOfHit(piece, h.domain, traced.categories),
        sample: maskValue(piece),
        ...traced,
      });
      analysis.hit = true;
    }
  }

  #scanText(
    text: string,
    column: ScanColumn,
    c: number,
    bsnColumn: boolean,
    found: Omit<TracedFinding, 'table' | 'row'>[],
    hit: Set<number>,
    spans: [number, number][],
    addPart: (list: keyof PersonParts, key: string, source: PartSource) => void,
  ): void {
    const index = this.#index;
    const detect = this.#options.detectors && !column.produced;
    const identifiers = findIdentifiers(text);
    for (const match of identifiers) {
      const piece = text.slice(match.start, match.end);
      if (match.kind === 'postcode') {
        const key = postcodeKey(piece);
        if (key !== null && index.findWithRole('postcode', [key], Role.postcode) !== -1)
          addPart('postcode', key, { column: column.name, at: c, piece });
        continue;
      }
      const entry = index.findValue(piece, Role.value);
      if (entry !== -1) {
        found.push({
          column: column.name,
          check: 'fingerprint',
          kind: match.kind,
          sample: maskValue(piece),
          ...this.#traced(entry),
        });
        spans.push([match.start, match.end]);
        hit.add(c);
      } else if (
        detect &&
        (match.kind !== 'bsn' ||
          bsnColumn ||
          bsnContext.test(text.slice(Math.max(0, match.start - 40), match.start)))
      ) {
        found.push({
          column: column.name,
          check: 'detector',
          kind: match.kind,
          categories: [match.kind === 'email' || match.kind === 'phone' ? 'contact' : 'identifier'],
          sample: maskValue(piece),
          source: `detector: ${match.kind}`,
          holders: [],
        });
        spans.push([match.start, match.end]);
        hit.add(c);
      }
    }
    if (detect) {
      const address = addressInText.exec(text);
      if (address !== null) {
        found.push({
          column: column.name,
          check: 'detector',
          kind: 'address',
          categories: ['address'],
          sample: maskValue(address[0]),
          source: 'detector: street, number and postcode',
          holders: [],
        });
        hit.add(c);
      }
    }
    const names: { readonly piece: string; readonly key: string }[] = [];
    const contexts: string[] = [];
    for (const word of column.nameWords === false ? [] : wordsOf(text)) {
      // Letters inside an identifier are no name: the bank code of an IBAN, the parts of an address.
      if (isNameParticle(word.key) || identifiers.some((m) => word.start < m.end && word.end > m.start))
        continue;
      const entry = index.find('word', word.key);
      if (entry === -1) continue;
      const roles = index.roles(entry);
      const source = { column: column.name, at: c, piece: text.slice(word.start, word.end) };
      if ((roles & Role.first) !== 0) addPart('first', word.key, source);
      if ((roles & Role.last) !== 0) addPart('last', word.key, source);
      if ((roles & Role.first) !== 0 || (roles & Role.last) !== 0)
        names.push({ piece: source.piece, key: word.key });
      if ((roles & Role.context) !== 0) contexts.push(word.key);
    }
    // A name beside a word of the same person's row counts within this text only (a biography
    // naming 'Jake' and 'the Dallas office'): across a row, a fake first name that is some real
    // person's would meet a common word of theirs ('post') in many rows.
    for (const name of names)
      for (const context of contexts) {
        const entry = contextPairEntry(index, name.key, context);
        if (entry === -1) continue;
        found.push({
          column: column.name,
          check: 'combination',
          kind: 'name',
          sample: maskValue(name.piece),
          ...this.#traced(entry),
        });
        hit.add(c);
      }
  }

  *#combinations(
    parts: PersonParts,
    sources: ReadonlyMap<string, PartSource>,
    hit: Set<number>,
  ): Generator<Omit<TracedFinding, 'table' | 'row'>> {
    const index = this.#index;
    for (const { text } of combinationsOf(parts)) {
      const entry = index.findWithRole('combination', [text], Role.combination);
      if (entry === -1) continue;
      const [tag, a, b] = text.split('\0') as [string, string, string];
      const lists: Record<string, [keyof PersonParts, keyof PersonParts, string]> = {
        n: ['first', 'last', 'name'],
        a: ['postcode', 'houseNumber', 'postcode+houseNumber'],
        b: [parts.first.includes(a) ? 'first' : 'last', 'birthDate', 'name+birthDate'],
      };
      const [listA, listB, kind] = lists[tag]!;
      const sa = sources.get(`${listA}\0${a}`);
      const sb = sources.get(`${listB}\0${b}`);
      const columnNames = [...new Set([sa?.column ?? '?', sb?.column ?? '?'])].join('+');
      if (sa) hit.add(sa.at);
      if (sb) hit.add(sb.at);
      yield {
        column: columnNames,
        check: 'combination',
        kind,
        sample: `${sa ? maskValue(sa.piece) : '•'} + ${sb ? maskValue(sb.piece) : '•'}`,
        ...this.#traced(entry),
      };
    }
  }
}
