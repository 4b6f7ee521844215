/**
 * What a sample of values says about a column, reduced to counts: the classifier's reasons quote
 * these counts and never a value. Values arrive in PostgreSQL's text form.
 */
import {
  findIdentifiers,
  type IdentifierKind,
  isDutchPostcode,
  isEmail,
  isPhoneNumber,
  isValidBsn,
  isValidIban,
  normalizeBsn,
} from '../../core/detectors.js';
import { nameDictionary, wordPattern } from '../../transforms/names.js';

/**
 * Elements of array literals as PostgreSQL prints them (`{a,"b c",NULL}`, nested, with optional
 * bounds `[0:1]={…}`), flattened; NULL elements are dropped like NULL values are.
 */
export function parseArrayLiteral(literal: string): string[] {
  const text = literal.replace(/^(?:\[[^\]]*\])+=/, '');
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '{' || ch === '}' || ch === ',' || ch === ' ') {
      i++;
    } else if (ch === '"') {
      let value = '';
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\') i++;
        value += text[i] ?? '';
      }
      i++;
      out.push(value);
    } else {
      let end = i;
      while (end < text.length && text[end] !== ',' && text[end] !== '}') end++;
      const raw = text.slice(i, end).trim();
      if (raw.toUpperCase() !== 'NULL') out.push(raw);
      i = end;
    }
  }
  return out;
}

/** Whole-value detectors in the order they are preferred when several agree (see `strongest`). */
export const wholeValueKinds: readonly IdentifierKind[] = ['email', 'iban', 'bsn', 'postcode', 'phone'];

const isWhole: Record<IdentifierKind, (value: string) => boolean> = {
  email: isEmail,
  iban: isValidIban,
  bsn: (v) => {
    const digits = normalizeBsn(v);
    return digits !== null && isValidBsn(digits);
  },
  postcode: isDutchPostcode,
  phone: isPhoneNumber,
};

/** A person's name as written: capitalised words, Dutch and other particles between them. */
const nameWord = "\\p{Lu}[\\p{L}'’\\-]*\\.?";
const particle = "(?:van|de|der|den|ter|ten|te|het|'t|von|di|da|le|la|du|op|in|el|al|bin|ibn|dos|das|del|y)";
const personName = new RegExp(`^${nameWord}(?:\\s+(?:${particle}\\s+)*${nameWord}){1,4}$`, 'u');
/**
 * A first and a last name by the name lists of every locale: the first word a known first name and
 * the last any known name, or the first any known name and the last a known surname. Titles and
 * names of things are shaped like names ("Bohemian Rhapsody", "United Kingdom") but are rarely
 * made of two known names.
 */
function readsAsPersonName(value: string): boolean {
  const words = value.match(wordPattern);
  if (words === null || words.length < 2) return false;
  const first = nameDictionary.get(words[0]!.toLowerCase());
  const last = nameDictionary.get(words[words.length - 1]!.toLowerCase());
  return (first === 'first' && last !== undefined) || (first !== undefined && last === 'last');
}

/** Codes and identifiers of things: one token, with a digit, or all one case (`NL`, `active`, `ORD-1`). */
const codeLike = (v: string) =>
  !/\s/.test(v) &&
  (/\d/.test(v) || /^[\p{Lu}\d_.\-/:]+$/u.test(v) || /^[\p{Ll}\d_.\-/:]+$/u.test(v) || !/\p{L}/u.test(v));

export interface SampleProfile {
  /** Values looked at (array elements count one by one). */
  readonly n: number;
  readonly distinct: number;
  /** Values that are, as a whole, a valid identifier of each kind. */
  readonly whole: Readonly<Record<IdentifierKind, number>>;
  /** Values with an identifier inside them (a BSN or phone number that is the whole value does not count: see below). */
  readonly containing: number;
  readonly containedKinds: readonly IdentifierKind[];
  readonly nameShaped: number;
  /** Name-shaped values whose words the name lists know as a first and a last name. */
  readonly personNamed: number;
  readonly codeLike: number;
}

/** Counts over the sample; pure and cheap enough for ~200 values per column. */
export function profile(values: readonly string[]): SampleProfile {
  const whole: Record<IdentifierKind, number> = { email: 0, iban: 0, bsn: 0, postcode: 0, phone: 0 };
  const kinds = new Set<IdentifierKind>();
  let containing = 0;
  let nameShaped = 0;
  let personNamed = 0;
  let codes = 0;
  for (const raw of values) {
    const value = raw.trim();
    for (const kind of wholeValueKinds) if (isWhole[kind](value)) whole[kind]++;
    // About 1 in 11 nine-digit numbers passes the 11-proef and many pass as phone numbers, so a
    // bare number counts only through the majority rule, never as "free text with a BSN in it".
    const found = findIdentifiers(value).filter(
      (m) => !((m.kind === 'bsn' || m.kind === 'phone') && m.start === 0 && m.end === value.length),
    );
    if (found.length > 0) containing++;
    for (const m of found) kinds.add(m.kind);
    if (personName.test(value)) {
      nameShaped++;
      if (readsAsPersonName(value)) personNamed++;
    }
    if (codeLike(value)) codes++;
  }
  return {
    n: values.length,
    distinct: new Set(values).size,
    whole,
    containing,
    containedKinds: [...kinds],
    nameShaped,
    personNamed,
    codeLike: codes,
  };
}

/**
 * The identifier most sampled values are (≥ 80%), or null. BSN and phone need a few values,
 * since one nine-digit number passes either check by chance.
 */
export function strongest(p: SampleProfile): IdentifierKind | null {
  for (const kind of wholeValueKinds) {
    if ((kind === 'bsn' || kind === 'phone') && p.n < 3) continue;
    if (p.n > 0 && p.whole[kind] >= 0.8 * p.n) return kind;
  }
  return null;
}

/** Few distinct values among many: a category (`M/F/X`, statuses), not something about one person. */
export function looksLikeCategory(p: SampleProfile): boolean {
  return p.n >= 10 && p.distinct <= 20 && p.distinct * 3 <= p.n;
}

export const share = (count: number, p: SampleProfile) => `${count}/${p.n}`;

/** How many bytea values (hex form `\x…`) decode as mostly printable UTF-8 text. */
export function textLikeBytea(values: readonly string[]): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let count = 0;
  for (const value of values) {
    const hex = /^\\x((?:[0-9a-fA-F]{2})*)$/.exec(value);
    if (hex === null) continue; // escape format is not what PostgreSQL prints by default
    const bytes = Buffer.from(hex[1]!, 'hex');
    if (bytes.length === 0) continue;
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      continue;
    }
    let control = 0;
    for (const ch of text) if (isControl(ch.codePointAt(0)!)) control++;
    if (control <= text.length * 0.05) count++;
  }
  return count;
}

/** Control characters other than tab, line feed and carriage return: binary data, not text. */
const isControl = (code: number) =>
  (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
