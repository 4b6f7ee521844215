/**
 * The vocabulary the classifier's parts share: a decision, how to make one, what each name kind and
 * identifier is called in a reason, and the type rules a proposal must respect.
 */

import type { DataCategory } from '../../core/data-categories.js';
import type { IdentifierKind } from '../../core/detectors.js';
import type { ColumnModel, TableModel } from '../../schema/model.js';
import { bindTransform } from '../../transforms/registry.js';
import { type SampleProfile, share } from './evidence.js';
import type { NameKind, TableContext } from './names.js';

export interface Decision {
  /** A transform name as the policy spells it (`keep`, `bsn`, `dateShift`…). */
  readonly transform: string;
  /** Options written next to `transform:` in the policy, e.g. `{ maxDays: 180 }`. */
  readonly options?: Readonly<Record<string, unknown>>;
  /** Why, in a few words; becomes the YAML comment. Never contains a sampled value. */
  readonly reason: string;
  /** The column looks personal (even where it is kept for lack of a fitting transform). */
  readonly personal: boolean;
  /**
   * Written as `category:` next to the transform. `name` says the column holds names of people
   * where no table of people links to its table, so the leak check still treats them as names.
   */
  readonly category?: DataCategory;
}

export const keep = (reason: string, personal = false): Decision => ({ transform: 'keep', reason, personal });
export const use = (transform: string, reason: string, options?: Record<string, unknown>): Decision =>
  options === undefined
    ? { transform, reason, personal: true }
    : { transform, options, reason, personal: true };

export const idLabel: Record<IdentifierKind, string> = {
  email: 'e-mail addresses',
  iban: 'valid IBANs',
  bsn: 'BSNs passing the 11-proef',
  postcode: 'Dutch postcodes',
  phone: 'phone numbers',
};
/** Name kinds that have a detector, and the transform for each. */
export const detectorOf: Partial<Record<NameKind, IdentifierKind>> = {
  email: 'email',
  iban: 'iban',
  accountNumber: 'iban',
  bsn: 'bsn',
  postcode: 'postcode',
  phone: 'phone',
};
export const kindLabel: Record<NameKind, string> = {
  secret: 'password or secret',
  email: 'e-mail',
  ip: 'IP address',
  category: 'category',
  birthPlace: 'place of birth',
  birthName: 'birth name',
  birthDate: 'date of birth',
  firstName: 'first name',
  lastName: 'last name',
  nameParticle: 'name particle (tussenvoegsel)',
  initials: 'initials',
  fullName: "a person's name",
  ambiguousName: 'name',
  username: 'user name',
  bsn: 'BSN',
  iban: 'IBAN',
  accountNumber: 'account number',
  phone: 'phone',
  postcode: 'postcode',
  houseNumberAddition: 'house number addition',
  houseNumber: 'house number',
  street: 'street or address',
  city: 'city',
  thingName: 'the name or title of a thing',
  document: 'document or registration number',
  coordinates: 'coordinates',
  freeText: 'free text',
};

export interface Facts {
  readonly table: TableModel;
  readonly column: ColumnModel;
  readonly kind: NameKind | null;
  readonly context: TableContext;
  readonly values: readonly string[];
  /**
   * Whether the table is a table of people or leads to one by foreign keys; undefined while the
   * draft does not know yet (which tables are people is judged from the columns first).
   */
  readonly peopleLinked?: boolean;
}

export function containing(p: SampleProfile): string {
  return p.containing === 0
    ? ''
    : `; ${share(p.containing, p)} sampled values contain identifiers (${p.containedKinds.join(', ')})`;
}

export function keepUnlessIdentifiers(p: SampleProfile, reason: string): Decision {
  return p.containing > 0 ? use('scrub', `free text${containing(p)}`) : keep(reason);
}

/** For short parts of a name or address: NULL where allowed, else the empty string. */
export function blank(column: ColumnModel, reason: string): Decision {
  return column.nullable
    ? use('null', `${reason}; dropped`)
    : use('redact', `${reason}; emptied`, { value: '' });
}

export function isPrimaryKey(f: Facts): boolean {
  return f.table.primaryKey?.columns.includes(f.column.name) ?? false;
}

/** Whether the transform can fill this column: asks the transform itself, so the draft never proposes what the check refuses. */
export function fits(column: ColumnModel, d: Pick<Decision, 'transform' | 'options'>): boolean {
  const bound = bindTransform(d.transform, d.options ?? {});
  return bound?.ok === true && bound.bound.cannotProduce(column) === null;
}

/** Replaces a proposal the column cannot take with the nearest one it can; a constant cannot fill a unique column. */
export function fitted(column: ColumnModel, d: Decision): Decision {
  if (fits(column, d)) {
    if (d.transform === 'redact' && column.unique && fits(column, { transform: 'hash' })) {
      return use('hash', `${d.reason}; unique, so hashed instead of one constant`);
    }
    return d;
  }
  const why = `${d.reason}; ${d.transform} cannot fill this ${column.category} column`;
  for (const fallback of [{}, { alphabet: 'alphanumeric' }]) {
    if (fits(column, { transform: 'hash', options: fallback })) {
      return Object.keys(fallback).length === 0
        ? use('hash', `${why}, so hashed`)
        : use('hash', `${why}, so hashed`, fallback);
    }
  }
  if (column.nullable) return use('null', `${why}, so dropped`);
  return keep(`${why}: review by hand`, true);
}
