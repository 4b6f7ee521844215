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
import { isParticle, parseFullName, type RoleSource } from '../../transforms/name-parts.js';
import { jsonKeysIn, textsIn } from '../matching/value-texts.js';
import { type FingerprintBuilder, Role } from './fingerprint-index.js';
import { identifierShaped, type PersonalColumn } from './personal-columns.js';

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
}

export const emptyParts = (): PersonParts => ({
  first: [],
  last: [],
  postcode: [],
  houseNumber: [],
  birthDate: [],
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
  return out;
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
  for (const { text, category } of combinationsOf(parts))
    builder.add('combination', text, Role.combination, category, holder);
}

/** Adds the fingerprints of one row. `values[i]` belongs to `columns[i]`; null is SQL NULL. */
export function fingerprintRow(
  builder: FingerprintBuilder,
  columns: readonly PersonalColumn[],
  values: readonly (string | null)[],
  holder: number | null,
): void {
  const parts = emptyParts();
  // One holder for the whole row, so a row without a subject counts once for each fingerprint.
  const rowHolder = holder ?? builder.unlinkedRow();
  columns.forEach((column, i) => {
    const value = values[i];
    if (value === null || value === undefined) return;
    for (const text of textsIn(value, column.shape)) {
      if (column.whole === 'always' || (column.whole === 'rare' && identifierShaped(text))) {
        const roles = column.whole === 'always' ? Role.value : Role.rareValue;
        for (const form of valueForms(text)) builder.add('value', form, roles, column.category, rowHolder);
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
    if (column.inside)
      for (const key of jsonKeysIn(value, column.shape)) identifiersInside(builder, key, rowHolder);
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
