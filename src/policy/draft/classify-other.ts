/**
 * Columns that are not text: numbers (BSNs held as integers, keys), bytea, network addresses,
 * coordinates and types no transform reads.
 */

import {
  containing,
  type Decision,
  type Facts,
  idLabel,
  isPrimaryKey,
  keep,
  kindLabel,
  use,
} from './decision.js';
import { profile, share, strongest, textLikeBytea } from './evidence.js';

export function numbers(f: Facts): Decision {
  const { column, kind } = f;
  const p = profile(f.values);
  const bsns = `${share(p.whole.bsn, p)} sampled values are ${idLabel.bsn}`;
  if (kind === 'bsn') return use('bsn', `name says BSN; ${p.n > 0 ? bsns : 'no values sampled'}`);
  if (strongest(p) === 'bsn') return use('bsn', bsns);
  // Keys point at rows; when what they point at is personal, draftPolicy aligns them with it.
  const role = keyRole(f);
  if (role !== null) return keep(role);
  switch (kind) {
    case 'houseNumber':
      return use('houseNumber', `name says ${kindLabel[kind]}`);
    case 'birthDate':
      return column.nullable
        ? use('null', 'name says birth (a number, e.g. the year): a quasi-identifier; dropped')
        : keep('name says birth (a number, e.g. the year): a quasi-identifier; review', true);
    case 'coordinates':
      return coordinates(f);
    case 'phone':
    case 'postcode':
    case 'iban':
    case 'accountNumber':
    case 'document':
    case 'ip':
    case 'username':
    case 'secret':
    case 'email':
      return use('hash', `name says ${kindLabel[kind]}, held as a number: hashed`);
    default:
      return keep('a number, not identifying alone');
  }
}

/** Why a key column is not personal in itself, or null when the column is no key. */
function keyRole(f: Facts): string | null {
  if (isPrimaryKey(f)) return 'primary key, not personal';
  const fk = f.table.foreignKeys.find((k) => k.columns.includes(f.column.name));
  if (fk !== undefined) return `foreign key to ${fk.referencedSchema}.${fk.referencedTable}`;
  if (f.column.identity !== null) return 'identity column, not personal';
  return null;
}

export function coordinates(f: Facts): Decision {
  if (f.context === 'things') return keep('coordinates of a thing, not of a person');
  return f.column.nullable
    ? use('null', 'coordinates: may locate a person; dropped')
    : keep('coordinates: may locate a person, but no transform fits; review', true);
}

export function bytea(f: Facts): Decision {
  const n = f.values.length;
  const texts = textLikeBytea(f.values);
  const why =
    n === 0
      ? 'binary data, no values sampled'
      : texts * 2 > n
        ? `holds text (${texts}/${n} sampled values decode as UTF-8): may contain personal data`
        : `binary (${n - texts}/${n} sampled values are not text): may be a scanned document or photo`;
  // A unique column cannot take one constant for every row; NULLs never collide.
  if (f.column.unique && f.column.nullable) return use('null', `${why}; dropped`);
  return use('redact', `${why}; emptied`, { value: '\\x' });
}

export function network(f: Facts): Decision {
  if (f.context === 'things' && f.kind !== 'ip') return keep('network address in a table of things');
  const why = 'IP or network address: personal data under the GDPR';
  if (f.column.nullable) return use('null', `${why}; dropped`);
  const type = f.column.type.toLowerCase();
  // Documentation addresses (RFC 5737) can never be a real visitor's.
  const value = type.startsWith('cidr')
    ? '192.0.2.0/24'
    : type.startsWith('macaddr8')
      ? '00:00:00:00:00:00:00:00'
      : type.startsWith('macaddr')
        ? '00:00:00:00:00:00'
        : '192.0.2.1';
  return use('redact', `${why}; replaced by a documentation address`, { value });
}

/** tsvector, xml, geometry…: no transform reads them, so drop them when they could be personal. */
export function other(f: Facts): Decision {
  const p = profile(f.values);
  const personalKind = f.kind !== null && f.kind !== 'category';
  const personalType =
    f.context === 'people' && /^(tsvector|xml|hstore|point|geometry|geography)/i.test(f.column.type);
  if (p.containing === 0 && !personalKind && !personalType)
    return keep(`a ${f.column.type} value; nothing personal seen`);
  const why = `a ${f.column.type} value that may be personal${containing(p)}`;
  return f.column.nullable
    ? use('null', `${why}; dropped`)
    : keep(`${why}, but no transform fits; review`, true);
}
