/**
 * Text columns: the name proposes, the sample confirms or overrules, and where neither says enough
 * the table decides — text in a table about people is anonymized when unsure.
 */

import {
  blank,
  containing,
  type Decision,
  detectorOf,
  type Facts,
  idLabel,
  keep,
  keepUnlessIdentifiers,
  kindLabel,
  use,
} from './decision.js';
import { looksLikeCategory, profile, type SampleProfile, share, strongest } from './evidence.js';
import { thingNeighbour } from './names.js';

export function text(f: Facts): Decision {
  const { column, kind, context } = f;
  const p = profile(f.values);
  const found = strongest(p);
  const expected = kind === null ? undefined : detectorOf[kind];
  if (found !== null && found !== expected) {
    const said =
      kind !== null && kind !== 'freeText' && kind !== 'category' ? `name says ${kindLabel[kind]}, but ` : '';
    return use(found, `${said}${share(p.whole[found], p)} sampled values are ${idLabel[found]}`);
  }
  const evidence =
    expected === undefined
      ? ''
      : p.n === 0
        ? '; no values sampled'
        : `; ${share(p.whole[expected], p)} sampled values are ${idLabel[expected]}`;
  const says = kind === null ? '' : `name says ${kindLabel[kind]}`;
  switch (kind) {
    case 'email':
    case 'phone':
    case 'iban':
    case 'postcode':
    case 'bsn':
      return use(kind, says + evidence);
    case 'accountNumber':
      return p.n > 0 && p.whole.iban * 2 >= p.n
        ? use('iban', says + evidence)
        : use('hash', `${says}: hashed, which keeps it unique`);
    case 'firstName':
    case 'lastName':
    case 'fullName':
      return peopleNames(f, kind, says);
    case 'birthName':
      return peopleNames(f, 'lastName', says);
    case 'thingName':
      return keepUnlessIdentifiers(p, `${says}, not a person's name`);
    case 'birthPlace':
      return use('city', says);
    case 'houseNumber':
    case 'street':
      return use(kind, says);
    case 'city':
      if (context === 'things')
        return keepUnlessIdentifiers(p, 'city of an organisation or place, not of a person');
      return use(
        'city',
        context === 'people' ? `${says}; table is about people` : `${says}; unsure whose, so replaced`,
      );
    case 'nameParticle':
    case 'initials':
    case 'houseNumberAddition':
      return blank(column, says);
    case 'birthDate':
      return blank(column, `${says}, stored as text (dateShift needs a date column)`);
    case 'ip':
      return use('hash', `${says}: personal data; hashed, which keeps values distinct`);
    case 'document':
      return use('code', `${says}: identifies a person; replaced by a keyed code of the same format`);
    case 'username':
      return use('hash', `${says}: identifies a person; hashed, which keeps it unique`);
    case 'secret':
      return use('redact', `${says}: never copied`);
    case 'freeText':
      return use('scrub', says + containing(p));
    case 'category':
      return keepUnlessIdentifiers(p, `${says}: not identifying alone`);
    case 'ambiguousName':
      return ambiguousName(f, p);
    case 'coordinates':
    case null:
      return generic(f, p);
  }
}

/**
 * A column of people's names. Where no table of people links to the table, the leak check would
 * not take its values for people's names unless the policy says so: `category: name` says so.
 */
function peopleNames(f: Facts, transform: string, reason: string): Decision {
  if (f.peopleLinked !== false) return use(transform, reason);
  return {
    ...use(transform, `${reason}; no table of people links here, so marked as names of people`),
    category: 'name',
  };
}

/**
 * `name` on `country` is a thing's name, on `applicant` a person's; elsewhere the neighbouring
 * columns and the values decide. Names of things are shaped like people's names too, so outside
 * tables of people a name needs the name lists' word that it is a first and a last name.
 */
function ambiguousName(f: Facts, p: SampleProfile): Decision {
  if (f.context === 'people') return peopleNames(f, 'fullName', 'a name, in a table about people');
  if (f.context === 'things')
    return keepUnlessIdentifiers(p, 'a name in a table of things (lookup or organisation)');
  const neighbour = thingNeighbour(
    f.table.columns.map((c) => c.name),
    f.column.name,
  );
  if (neighbour !== null)
    return keepUnlessIdentifiers(p, `a name next to ${neighbour}, which things have: the name of a thing`);
  if (p.n > 0 && !looksLikeCategory(p)) {
    if (p.personNamed * 2 >= p.n)
      return peopleNames(
        f,
        'fullName',
        `unsure: ${share(p.personNamed, p)} sampled values read as a first and a last name`,
      );
    if (p.nameShaped * 2 >= p.n) {
      const shaped = `unsure: ${share(p.nameShaped, p)} sampled values are shaped like names`;
      if (f.peopleLinked === false)
        return keepUnlessIdentifiers(
          p,
          `${shaped}, but only ${p.personNamed} read as a first and a last name, and no table of people ` +
            'links here: taken for names of things',
        );
      return use(
        'fullName',
        `unsure: ${share(p.nameShaped, p)} sampled values are shaped like people's names` +
          (f.peopleLinked === true ? ', in a table that leads to people' : ''),
      );
    }
  }
  return generic(f, p);
}

/** Text the name says nothing about: decided by the table and by what the values look like. */
function generic(f: Facts, p: SampleProfile): Decision {
  if (p.containing > 0) return use('scrub', `free text${containing(p)}`);
  if (p.n === 0) {
    return f.context === 'people'
      ? use('scrub', 'no values sampled; unsure, in a table about people')
      : keep('no values sampled; name says nothing personal');
  }
  const codes = p.codeLike >= 0.9 * p.n;
  // In a table about people, a few capitalised words may be a few people's first names; scrub
  // leaves words that are no known name alone, so it costs little there.
  if (looksLikeCategory(p) && (codes || f.context !== 'people')) {
    return keep(`${p.distinct} distinct values in ${p.n} sampled: a category`);
  }
  if (f.context === 'people') {
    if (looksLikeCategory(p))
      return use('scrub', 'unsure; few distinct but human-looking values in a table about people');
    return codes
      ? use(
          'code',
          'codes in a table about people: may identify the person elsewhere; same-format keyed code',
        )
      : use('scrub', 'unsure; free text in a table about people');
  }
  if (f.context === 'things') return keep('text in a table of things; no identifiers in the sample');
  return codes
    ? keep('codes or identifiers of things; no identifiers in the sample')
    : use('scrub', 'unsure; human-looking text that might mention people');
}
