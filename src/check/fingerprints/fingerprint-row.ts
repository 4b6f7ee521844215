/**
 * Fingerprints of one source row: its personal values, their identifiers found inside text, the
 * name and address parts as tokens, and the combinations of parts that point at one person (first
 * + last name, postcode + house number, name + date of birth). The scanner builds the same
 * combinations from what it finds in a target row, so the two meet.
 */

import type { DataCategory } from '../../core/data-categories.js';
import { findIdentifiers, type IdentifierKind } from '../../core/detectors.js';
import { knownNames } from '../../core/name-dictionary.js';
import { dateKey, houseNumberKey, postcodeKey, valueForms, wordsOf } from '../../core/normalize.js';
import { digitRunsOf, tokensOf } from '../../core/tokens.js';
import { isParticle, parseFullName, type RoleSource } from '../../transforms/name-parts.js';
import { jsonKeysIn, textsIn } from '../matching/value-texts.js';
import { type FingerprintBuilder, type FingerprintIndex, NO_COLUMN, Role } from './fingerprint-index.js';
import { linkingForm } from './person-links.js';
import { identifierShaped, type PersonalColumn } from './personal-columns.js';
import { hashOfRun, prefixHashes, SEQUENCE_SALT, START_SALT } from './sequence-hash.js';

/** Words that are part of a surname but name nobody ('van', 'de', 'al'): the name transforms' list. */
export const isNameParticle = isParticle;

/** Combinations per row are capped: a row with 40 names in a note is not 1,600 people. */
const MAX_PARTS = 16;

export const identifierCategory: Record<IdentifierKind, DataCategory> = {
  bsn: 'identifier',
  iban: 'identifier',
  email: 'contact',
  phone: 'contact',
  postcode: 'address',
};

export interface PersonParts {
  readonly first: string[];
  readonly last: string[];
  readonly postcode: string[];
  readonly houseNumber: string[];
  readonly birthDate: string[];
  /** Single words of the row's other columns that the name lists hold (`Role.context`). */
  readonly context: string[];
}

export const emptyParts = (): PersonParts => ({
  first: [],
  last: [],
  postcode: [],
  houseNumber: [],
  birthDate: [],
  context: [],
});

function push(list: string[], value: string): void {
  if (list.length < MAX_PARTS && !list.includes(value)) list.push(value);
}

/** The combination texts of a row's parts, each with its category. */
export function combinationsOf(parts: PersonParts): { text: string; category: DataCategory }[] {
  const out: { text: string; category: DataCategory }[] = [];
  for (const f of parts.first)
    for (const l of parts.last) if (f !== l) out.push({ text: `n\0${f}\0${l}`, category: 'name' });
  for (const p of parts.postcode)
    for (const h of parts.houseNumber) out.push({ text: `a\0${p}\0${h}`, category: 'address' });
  for (const w of [...parts.first, ...parts.last])
    for (const d of parts.birthDate) out.push({ text: `b\0${w}\0${d}`, category: 'birthDate' });
  for (const w of [...parts.first, ...parts.last])
    for (const c of parts.context) if (c !== w) out.push({ text: contextPair(w, c), category: 'name' });
  return out;
}

/** The combination of a first or last name with a context word of the same row. */
const contextPair = (name: string, context: string) => `c\0${name}\0${context}`;

/**
 * The entry of one person's name beside a context word of their row ('jake' + 'dallas'), both
 * folded, or -1; the matchers look for it within one text.
 */
export function contextPairEntry(index: FingerprintIndex, name: string, context: string): number {
  if (name === context) return -1;
  return index.findWithRole('combination', [contextPair(name, context)], Role.combination);
}

const listRoles: RoleSource = {
  role: (word) => knownNames().get(word.toLowerCase()) ?? null,
  sourceRole: () => null,
};

/**
 * Splits a name value into first-name and last-name tokens as the column's part says; a full name
 * is taken apart the way the fullName transform does ('YILMAZ, Fatima', 'Jan van der Berg').
 */
export function nameTokens(text: string, part: 'first' | 'last' | 'fullName', parts: PersonParts): void {
  if (part === 'fullName') {
    for (const p of parseFullName(text, listRoles)) {
      if (p.role !== 'first' && p.role !== 'last') continue;
      for (const w of wordsOf(p.text))
        if (!isParticle(w.key)) push(p.role === 'first' ? parts.first : parts.last, w.key);
    }
    return;
  }
  for (const w of wordsOf(text))
    if (!isParticle(w.key)) push(part === 'first' ? parts.first : parts.last, w.key);
}

function addParts(builder: FingerprintBuilder, parts: PersonParts, holder: number | null): void {
  for (const w of parts.first) builder.add('word', w, Role.first, 'name', holder);
  for (const w of parts.last) builder.add('word', w, Role.last, 'name', holder);
  for (const p of parts.postcode) builder.add('postcode', p, Role.postcode, 'address', holder);
  // Only with a name of the row: alone, 'Dallas' is an office.
  if (parts.first.length + parts.last.length > 0)
    for (const w of parts.context) builder.add('word', w, Role.context, 'other', holder);
  for (const { text, category } of combinationsOf(parts))
    builder.add('combination', text, Role.combination, category, holder);
}

/** A context word is a whole value of one word, in a text no longer than this. */
const MAX_CONTEXT_LENGTH = 40;

/** Values shorter than this are not whole-value fingerprints: `Li`, `Bos`, `12a` identify nobody alone. */
const SHORTEST_VALUE = 5;
const hasLetter = /\p{L}/u;

/**
 * The fingerprints of a value as the check searches for it in any text: its token sequence (when
 * it has at least 5 characters and a letter; a single word that is in the name lists counts only
 * as a pair with the row's other name part, through the combinations) and its digit runs. Both
 * become identifying only where few people hold them (`Role.rareValue`). Returns that single
 * listed word, folded, when the value is one; else null.
 */
export function sequenceFingerprints(
  builder: FingerprintBuilder,
  text: string,
  category: DataCategory,
  holder: number,
  column: number,
): string | null {
  for (const run of digitRunsOf(text))
    builder.add('digits', run.key, Role.rareValue, category, holder, column);
  // The folded tokens decide the length, not the text: folding decomposes a Hangul syllable into
  // its two or three letters (jamo), so '경기도' is 3 characters written and 8 folded.
  if (!hasLetter.test(text)) return null;
  const tokens = tokensOf(text);
  const n = tokens.length;
  if (n === 0) return null;
  if (n === 1 && knownNames().has(tokens[0]!.key)) return tokens[0]!.key;
  const keys = tokens.map((t) => t.key);
  // The tokens, not the text: `t.;;;` is five characters but only the token `t`, which every
  // boolean column holds.
  if (keys.join(' ').length < SHORTEST_VALUE) return null;
  const prefix = prefixHashes(keys, n);
  builder.add(
    'seq',
    keys.join(' '),
    Role.rareValue,
    category,
    holder,
    column,
    hashOfRun(prefix, 0, n, SEQUENCE_SALT),
  );
  builder.sequenceLength(n);
  if (n >= 3)
    builder.add(
      'start',
      `${keys[0]} ${keys[1]}`,
      0,
      category,
      holder,
      column,
      hashOfRun(prefix, 0, 2, START_SALT),
    );
  return null;
}

/**
 * Adds the fingerprints of one row. `values[i]` belongs to `columns[i]`; null is SQL NULL;
 * `columnIds[i]` is the builder's id of that source column (for findings that name it).
 */
export function fingerprintRow(
  builder: FingerprintBuilder,
  columns: readonly PersonalColumn[],
  values: readonly (string | null)[],
  holder: number | null,
  columnIds: readonly number[] = [],
): void {
  const parts = emptyParts();
  // One holder for the whole row, so a row without a subject counts once for each fingerprint.
  const rowHolder = holder ?? builder.unlinkedRow();
  columns.forEach((column, i) => {
    const value = values[i];
    if (value === null || value === undefined) return;
    const id = columnIds[i] ?? NO_COLUMN;
    for (const text of textsIn(value, column.shape, true)) {
      const listed = column.sequences
        ? sequenceFingerprints(builder, text, column.category, rowHolder, id)
        : null;
      if (listed !== null && column.part === null && text.length <= MAX_CONTEXT_LENGTH)
        push(parts.context, listed);
      if (column.whole === 'always' || (column.whole === 'rare' && identifierShaped(text))) {
        const roles = column.whole === 'always' ? Role.value : Role.rareValue;
        const forms = valueForms(text);
        // Strong on one form only, the one every spelling shares: its holders are all records of
        // the value, so an office phone written two ways is still one value too shared to link.
        const link = column.strong ? linkingForm(forms) : undefined;
        for (const form of forms)
          builder.add(
            'value',
            form,
            form === link ? roles | Role.strong : roles,
            column.category,
            rowHolder,
            id,
          );
      }
      switch (column.part) {
        case 'first':
        case 'last':
        case 'fullName':
          nameTokens(text, column.part, parts);
          break;
        case 'postcode': {
          const key = postcodeKey(text);
          if (key !== null) push(parts.postcode, key);
          break;
        }
        case 'houseNumber': {
          const key = houseNumberKey(text);
          if (key !== null) push(parts.houseNumber, key);
          break;
        }
        case 'birthDate': {
          const key = dateKey(text);
          if (key !== null) push(parts.birthDate, key);
          break;
        }
      }
      if (column.inside) identifiersInside(builder, text, rowHolder);
    }
    // Object keys hold identifiers too (an address book keyed by e-mail address).
    for (const key of jsonKeysIn(value, column.shape)) {
      if (column.inside) identifiersInside(builder, key, rowHolder);
      if (column.sequences) sequenceFingerprints(builder, key, column.category, rowHolder, id);
    }
  });
  addParts(builder, parts, rowHolder);
}

/** Fingerprints of the identifiers the detectors find inside a text. */
function identifiersInside(builder: FingerprintBuilder, text: string, holder: number): void {
  for (const match of findIdentifiers(text)) {
    const found = text.slice(match.start, match.end);
    if (match.kind === 'postcode') {
      const key = postcodeKey(found);
      if (key !== null) builder.add('postcode', key, Role.postcode, 'address', holder);
      continue;
    }
    for (const form of valueForms(found))
      builder.add('value', form, Role.value, identifierCategory[match.kind], holder);
  }
}
