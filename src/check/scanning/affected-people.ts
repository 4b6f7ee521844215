/**
 * Who must be told (GDPR art. 34): the people a scan found, one entry per person, each with the
 * production keys of its subject records (linked as the report counts them), the categories of
 * data found and where. This is personal data itself: it goes to a file only its owner can read,
 * never into a report or onto a terminal.
 */
import type { DataCategory } from '../../core/data-categories.js';
import { dataCategories } from '../../core/data-categories.js';
import type { FingerprintIndex, SubjectRef } from '../fingerprints/fingerprint-index.js';
import { numberPeople, type PersonLinks } from '../fingerprints/person-links.js';
import type { FindingTally } from '../matching/finding-tally.js';

export interface AffectedPerson {
  /** 1, 2, … as the report numbers people. */
  readonly person: number;
  readonly records: readonly SubjectRef[];
  readonly categories: readonly DataCategory[];
  /** Tables and files the person's data was found in (the first few). */
  readonly places: readonly string[];
}

/** The people behind a scan's findings. Example: `affectedPeople(tally, index, personLinks(index))`. */
export function affectedPeople(
  tally: FindingTally,
  index: FingerprintIndex,
  links: PersonLinks,
): AffectedPerson[] {
  const people: {
    person: number;
    records: SubjectRef[];
    categories: Set<DataCategory>;
    places: Set<string>;
  }[] = [];
  for (const { subject, person } of numberPeople(tally.people(), links)) {
    const ref = index.subjectAt(subject);
    const found = tally.recordFound(subject);
    if (ref === undefined || found === undefined) continue;
    let entry = people[person - 1];
    if (entry === undefined) {
      entry = { person, records: [], categories: new Set(), places: new Set() };
      people[person - 1] = entry;
    }
    entry.records.push(ref);
    for (const c of found.categories) entry.categories.add(c);
    for (const p of found.places) entry.places.add(p);
  }
  return people
    .filter((p) => p !== undefined)
    .map((p) => ({
      person: p.person,
      records: p.records,
      categories: dataCategories.filter((c) => p.categories.has(c)),
      places: [...p.places].sort(),
    }));
}

const AFFECTED_HEADER = ['person', 'records', 'categories', 'found_in'];

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The affected file's lines (CSV with a header): one row per person; `records` lists the person's
 * subject records as `table:key`, separated by ` | `. Example row: `1,public.applicant:17,name;contact,public.export`.
 */
export function* affectedCsvLines(people: readonly AffectedPerson[]): Generator<string> {
  yield `${AFFECTED_HEADER.join(',')}\n`;
  for (const p of people) {
    yield `${[
      String(p.person),
      p.records.map((r) => `${r.table}:${r.key}`).join(' | '),
      p.categories.join(';'),
      p.places.join(' | '),
    ]
      .map(csvField)
      .join(',')}\n`;
  }
}
