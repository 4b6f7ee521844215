/**
 * One person, counted once: subject records that share an identifier only one person has (a BSN,
 * an e-mail address, a phone number, an IBAN, a document number: the `Role.strong` fingerprints) are
 * linked into one person, so a person held in a current and an archive table is one person in a
 * breach count, not two.
 *
 * Union-find over the holders of every strong fingerprint, on typed arrays only (a source of a
 * million people must not make a million objects), computed once per index on first use.
 */

import { type FingerprintIndex, Role } from './fingerprint-index.js';

/**
 * A strong value held by more records than this is shared (an office phone, a family's e-mail
 * address, a shelter's postal IBAN): it links none of them.
 */
export const MAX_LINKED_RECORDS = 10;

/** The rule, as reports print it. */
export const PERSON_RULE =
  'subject records that share a BSN, e-mail address, phone number, IBAN or document number count as ' +
  'one person, unless their first names differ; a value more than ' +
  `${MAX_LINKED_RECORDS} records share (an office phone) links none of them`;

export const UNLINKED_RULE = 'every subject record counts as one person (records were not linked)';

/** For a fingerprint file made before `Role.strong` (version 1): nothing marks what links records. */
export const UNMARKED_FILE_RULE =
  'every subject record counts as one person: this fingerprint file (version 1) does not mark the ' +
  'identifiers that link records; make it again with `leakproof fingerprint` to link them';

export interface PersonLinks {
  /** How the records were linked, for the report. */
  readonly rule: string;
  /**
   * The person of each subject index, named by the smallest subject index among its records: two
   * records are one person exactly when their entries are equal.
   */
  readonly personOf: Uint32Array;
  /** The person of a subject index; an index `personOf` does not cover is a person of its own. */
  person(subject: number): number;
}

class Links implements PersonLinks {
  constructor(
    readonly rule: string,
    readonly personOf: Uint32Array,
  ) {}
  person(subject: number): number {
    return subject < this.personOf.length ? this.personOf[subject]! : subject;
  }
}

/** Every record a person of its own, with `rule` saying why (e.g. a fingerprint file too old to link). */
export function unlinkedPeople(rule: string = UNLINKED_RULE): PersonLinks {
  return new Links(rule, new Uint32Array(0));
}

/**
 * Of a strong value's forms (`valueForms`), the one that carries `Role.strong`: the form every
 * spelling of the value shares, so its entry holds every record of the value and the
 * MAX_LINKED_RECORDS cap counts them all (`020-5550000` and `+31 20 555 0000` both end in
 * `+31205550000`). That is the last, most normalized form, except for an e-mail address: its dots
 * and hyphens are part of it (`jan.jansen@` and `janjansen@` are two people), so its folded text.
 */
export function linkingForm(forms: readonly string[]): string | undefined {
  const folded = forms[0];
  return folded?.includes('@') ? folded : forms[forms.length - 1];
}

const computed = new WeakMap<FingerprintIndex, PersonLinks>();

/** The people of an index, linked once and kept. Example: `personLinks(index).person(subject)`. */
export function personLinks(index: FingerprintIndex): PersonLinks {
  let links = computed.get(index);
  if (links === undefined) {
    links = new Links(PERSON_RULE, linkPeople(index));
    computed.set(index, links);
  }
  return links;
}

/** Entries whose holders may be linked: strong, and held by 2 to MAX_LINKED_RECORDS records. */
function linkingEntries(index: FingerprintIndex): number[] {
  const { roles } = index.arrays;
  const out: number[] = [];
  for (let e = 0; e < roles.length; e++) {
    if ((roles[e]! & Role.strong) === 0) continue;
    const count = index.holderCount(e);
    if (count >= 2 && count <= MAX_LINKED_RECORDS && index.holders(e).length >= 2) out.push(e);
  }
  return out;
}

/**
 * The first names of the records that may be linked, as sorted entry numbers per record (CSR:
 * record r's are `names[start[r] … start[r+1])`). Only words the source uses as first names and
 * never as last names count: 'Thomas' is a first name to some and a family's surname to others,
 * so sharing it says nothing.
 */
function firstNamesOf(
  index: FingerprintIndex,
  wanted: Uint8Array,
): { start: Uint32Array; names: Uint32Array } {
  const { roles } = index.arrays;
  const n = wanted.length;
  const start = new Uint32Array(n + 1);
  const firstOnly = (e: number) => (roles[e]! & (Role.first | Role.last)) === Role.first;
  for (let e = 0; e < roles.length; e++) {
    if (!firstOnly(e)) continue;
    for (const h of index.holders(e)) if (h < n && wanted[h] === 1) start[h + 1]!++;
  }
  for (let r = 0; r < n; r++) start[r + 1]! += start[r]!;
  const names = new Uint32Array(start[n]!);
  const fill = start.slice(0, n);
  // Entries ascend, so each record's list comes out sorted.
  for (let e = 0; e < roles.length; e++) {
    if (!firstOnly(e)) continue;
    for (const h of index.holders(e)) if (h < n && wanted[h] === 1) names[fill[h]!++] = e;
  }
  return { start, names };
}

function linkPeople(index: FingerprintIndex): Uint32Array {
  const n = index.subjectCount;
  const parent = new Uint32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const entries = linkingEntries(index);
  if (entries.length === 0) return parent;

  const wanted = new Uint8Array(n);
  for (const e of entries) for (const h of index.holders(e)) if (h < n) wanted[h] = 1;
  const { start, names } = firstNamesOf(index, wanted);

  /** Two records are not one person when both have a first name and they share none. */
  const sameName = (a: number, b: number): boolean => {
    let i = start[a]!;
    let j = start[b]!;
    const aEnd = start[a + 1]!;
    const bEnd = start[b + 1]!;
    if (i === aEnd || j === bEnd) return true; // no first name to tell them apart
    while (i < aEnd && j < bEnd) {
      if (names[i] === names[j]) return true;
      if (names[i]! < names[j]!) i++;
      else j++;
    }
    return false;
  };
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) {
      parent[r] = parent[parent[r]!]!; // path halving
      r = parent[r]!;
    }
    return r;
  };
  for (const e of entries) {
    const holders = index.holders(e);
    for (let i = 0; i < holders.length; i++) {
      const a = holders[i]!;
      if (a >= n) continue;
      for (let j = i + 1; j < holders.length; j++) {
        const b = holders[j]!;
        if (b >= n || !sameName(a, b)) continue;
        const ra = find(a);
        const rb = find(b);
        // The smaller index is the root, so a person is named by its first record.
        if (ra < rb) parent[rb] = ra;
        else if (rb < ra) parent[ra] = rb;
      }
    }
  }
  for (let i = 0; i < n; i++) parent[i] = find(i);
  return parent;
}

/** A listed record with the number of its person in this list (1, 2, …). */
export interface NumberedRecord {
  readonly subject: number;
  readonly person: number;
}

/**
 * Numbers the people among `subjects` 1, 2, … in order of their first record, and lists the records
 * grouped by person (one letter per person, art. 34), records of a person in the order given.
 */
export function numberPeople(subjects: readonly number[], links: PersonLinks): NumberedRecord[] {
  const numberOf = new Map<number, number>();
  const out = subjects.map((subject) => {
    const p = links.person(subject);
    let person = numberOf.get(p);
    if (person === undefined) {
      person = numberOf.size + 1;
      numberOf.set(p, person);
    }
    return { subject, person };
  });
  // Array.prototype.sort is stable: records of one person keep their order.
  return out.sort((a, b) => a.person - b.person);
}

/** How many distinct people the records are. */
export function countPeople(subjects: Iterable<number>, links: PersonLinks): number {
  const people = new Set<number>();
  for (const s of subjects) people.add(links.person(s));
  return people.size;
}
