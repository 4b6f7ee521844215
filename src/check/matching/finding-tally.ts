/**
 * Adds up what a scan found: counts by kind, by table and column, rows with findings per table,
 * categories of data, and the distinct people the findings point at — the numbers a breach
 * notification asks for (GDPR art. 33) — plus the first findings themselves, masked.
 */
import { type DataCategory, dataCategories } from '../../core/data-categories.js';
import { FEW_PEOPLE } from '../fingerprints/fingerprint-index.js';
import { countPeople, type PersonLinks, unlinkedPeople } from '../fingerprints/person-links.js';
import type { Finding, TracedFinding } from './row-scanner.js';

/** Findings kept for the report; the counts always cover all of them. */
export const LISTED_FINDINGS = 1000;

export interface FindingSummary {
  readonly total: number;
  readonly byKind: Readonly<Record<string, number>>;
  readonly byCheck: Readonly<Record<string, number>>;
  /** `schema.table.column` → findings. */
  readonly byColumn: Readonly<Record<string, number>>;
  /** `schema.table` → rows with at least one finding. */
  readonly rowsByTable: Readonly<Record<string, number>>;
  readonly categories: readonly DataCategory[];
  /**
   * Distinct people the findings point at (each counted once, however often found): subject records
   * linked into people by `personRule`.
   */
  readonly people: number;
  /** Distinct subject records the findings point at, before linking (a person in two tables is two). */
  readonly subjectRecords: number;
  /** How records were linked into people, for the report. */
  readonly personRule: string;
  /** Findings of values many people share (more than FEW_PEOPLE), not counted as anyone in particular. */
  readonly sharedValueFindings: number;
  /** Findings of values from rows that belong to no subject table. */
  readonly untracedFindings: number;
  readonly listed: readonly Finding[];
  readonly truncated: boolean;
  /** What was found but does not refuse a copy (each says why), apart from the findings above. */
  readonly warnings: { readonly total: number; readonly listed: readonly Finding[] };
}

const bump = (map: Map<string, number>, key: string, by = 1) => map.set(key, (map.get(key) ?? 0) + by);

/** Places (tables, files) kept per record found: enough for a letter, bounded for a huge breach. */
export const PLACES_PER_RECORD = 10;

/** What was found of one subject record: the categories of its data, and where. */
export interface RecordFound {
  /** Bits of `dataCategories` indexes. */
  categories: number;
  readonly places: Set<string>;
}

export class FindingTally {
  #total = 0;
  readonly #byKind = new Map<string, number>();
  readonly #byCheck = new Map<string, number>();
  readonly #byColumn = new Map<string, number>();
  readonly #rowsByTable = new Map<string, number>();
  readonly #categories = new Set<DataCategory>();
  readonly #people = new Map<number, RecordFound>();
  #shared = 0;
  #untraced = 0;
  readonly #listed: Finding[] = [];
  #warnings = 0;
  readonly #listedWarnings: Finding[] = [];

  /** Adds the findings of one row (all from the same table and row); warnings are kept apart. */
  addRow(findings: readonly TracedFinding[]): void {
    const refusing = findings.filter((f) => f.warning === undefined);
    for (const { holders: _, ...warning } of findings) {
      if (warning.warning === undefined) continue;
      this.#warnings++;
      if (this.#listedWarnings.length < LISTED_FINDINGS) this.#listedWarnings.push(warning);
    }
    if (refusing.length === 0) return;
    bump(this.#rowsByTable, refusing[0]!.table);
    for (const { holders, ...finding } of refusing) {
      this.#total++;
      bump(this.#byKind, finding.kind);
      bump(this.#byCheck, finding.check);
      for (const column of finding.column.split('+')) bump(this.#byColumn, `${finding.table}.${column}`);
      for (const category of finding.categories) this.#categories.add(category);
      if (finding.check !== 'detector') {
        if ((finding.sharedBy ?? 0) > FEW_PEOPLE) this.#shared++;
        else if (holders.length === 0) this.#untraced++;
        else for (const h of holders) this.#found(h, finding);
      }
      if (this.#listed.length < LISTED_FINDINGS) this.#listed.push(finding);
    }
  }

  #found(holder: number, finding: Finding): void {
    let found = this.#people.get(holder);
    if (found === undefined) {
      found = { categories: 0, places: new Set() };
      this.#people.set(holder, found);
    }
    for (const category of finding.categories) found.categories |= 1 << dataCategories.indexOf(category);
    if (found.places.size < PLACES_PER_RECORD) found.places.add(finding.table);
  }

  get total(): number {
    return this.#total;
  }

  /** Subject indexes of the records found, ascending. */
  people(): number[] {
    return [...this.#people.keys()].sort((a, b) => a - b);
  }

  /** What was found of a subject record (`people()` lists them): its categories and places. */
  recordFound(subject: number): { categories: DataCategory[]; places: string[] } | undefined {
    const found = this.#people.get(subject);
    if (found === undefined) return undefined;
    return {
      categories: dataCategories.filter((_, i) => (found.categories & (1 << i)) !== 0),
      places: [...found.places],
    };
  }

  /** `links`: the source's people (`personLinks(index)`); without, every record is a person. */
  summary(links: PersonLinks = unlinkedPeople()): FindingSummary {
    const record = (map: Map<string, number>) =>
      Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return {
      total: this.#total,
      byKind: record(this.#byKind),
      byCheck: record(this.#byCheck),
      byColumn: record(this.#byColumn),
      rowsByTable: record(this.#rowsByTable),
      categories: dataCategories.filter((c) => this.#categories.has(c)),
      people: countPeople(this.#people.keys(), links),
      subjectRecords: this.#people.size,
      personRule: links.rule,
      sharedValueFindings: this.#shared,
      untracedFindings: this.#untraced,
      listed: this.#listed,
      truncated: this.#total > this.#listed.length,
      warnings: { total: this.#warnings, listed: this.#listedWarnings },
    };
  }
}
