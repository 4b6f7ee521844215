/**
 * The spellings under which a personal value is fingerprinted and looked up. The source and the
 * target go through the same functions, so `06-12345678` in one and `+31 6 1234 5678` in the other
 * meet, as do `NL91 ABNA 0417 1643 00` and `nl91abna0417164300`, `123456782` and `1234.56.782`.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

const marks = /\p{M}/gu;
const spaces = /\s+/gu;

/** Lower case, accents removed, compatibility forms folded, runs of white space as one space. */
export function foldText(value: string): string {
  // Most values are printable ASCII, for which decomposing and stripping marks changes nothing.
  const decomposed = nonAscii.test(value) ? value.normalize('NFKD').replace(marks, '') : value;
  return decomposed.toLowerCase().replace(spaces, ' ').trim();
}
const nonAscii = /[^ -~\t\n\r]/;

const separators = /[\s.\-()/]/g;
/** As phone numbers are written: with a country code (`+31…`, `0031…`) or a national prefix (`06…`). */
const phoneLike = /^(?:\+|0)\d{6,14}$/;
const ibanLike = /^[a-z]{2}\d{2}[a-z0-9]{10,30}$/;

/**
 * The E.164 form of the two commonest spellings of a Dutch number, `0612345678` and `+31612345678`
 * (or `0031…`), without libphonenumber's parse (~3 µs); other spellings take that path. Whether
 * the number is in use does not matter here: the same digits get the same form on both sides.
 */
function dutchPhone(compact: string): string | null {
  if (compact.length === 10 && /^0[1-9]\d{8}$/.test(compact)) return `+31${compact.slice(1)}`;
  if (compact.length === 12 && /^\+31[1-9]\d{8}$/.test(compact)) return compact;
  if (compact.length === 13 && /^0031[1-9]\d{8}$/.test(compact)) return `+${compact.slice(2)}`;
  return null;
}

/**
 * Every form a whole value is known by: the folded text, and for identifiers their compact form
 * (no separators; a BSN padded to 9 digits; a phone number in E.164). Empty for blank values.
 */
export function valueForms(value: string): string[] {
  const folded = foldText(value);
  if (folded === '') return [];
  const forms = new Set([folded]);
  const compact = folded.replace(separators, '');
  if (compact !== folded && compact.length >= 6) forms.add(compact);
  if (/^\d{8,9}$/.test(compact)) forms.add(compact.padStart(9, '0'));
  const national = dutchPhone(compact);
  if (national !== null) forms.add(national);
  else if (phoneLike.test(compact)) {
    const phone = parsePhoneNumberFromString(folded, 'NL');
    if (phone?.isValid()) forms.add(phone.number);
  } else if (ibanLike.test(compact)) forms.add(compact);
  return [...forms];
}

/** A Dutch postcode as one key: `1234 ab` → `1234AB`; null when it is not one. */
export function postcodeKey(value: string): string | null {
  const m = /^\s*([1-9]\d{3})\s?([a-zA-Z]{2})\s*$/.exec(value);
  return m === null ? null : `${m[1]}${m[2]!.toUpperCase()}`;
}

/** A house number as one key: `12 A` → `12a`, `12-3` kept; null when it does not look like one. */
export function houseNumberKey(value: string): string | null {
  // A letter addition may follow directly (`12a`); a numeric one needs its dash (`12-3`, not `123`).
  const m = /^\s*([1-9]\d{0,4})(?:\s*([a-zA-Z]{1,2})|\s*[-‐]\s*(\d{1,3}))?\s*$/.exec(value);
  if (m === null) return null;
  if (m[2] !== undefined) return `${m[1]}${m[2].toLowerCase()}`;
  return m[3] === undefined ? m[1]! : `${m[1]}-${m[3]}`;
}

/**
 * A calendar date as `yyyy-mm-dd`, from a date or timestamp column's text or a date written in
 * text (`17-05-1990`, `17/05/1990`, `1990-05-17`); null otherwise.
 */
export function dateKey(value: string): string | null {
  const iso = /^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[\sT])/.exec(value);
  if (iso !== null) return calendarDate(iso[1]!, Number(iso[2]), Number(iso[3]));
  const dmy = /^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$/.exec(value);
  return dmy === null ? null : calendarDate(dmy[3]!, Number(dmy[2]), Number(dmy[1]));
}

function calendarDate(year: string, month: number, day: number): string | null {
  if (day < 1 || day > 31 || month < 1 || month > 12) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Words as names are written: letters and marks, with inner apostrophes (O'Brien). */
const wordPattern = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu;

export interface Word {
  /** Folded (see `foldText`). */
  readonly key: string;
  readonly start: number;
  readonly end: number;
  /** Written with a capital, or in a script without case. */
  readonly capitalized: boolean;
}

/** The words of a text of two letters or more, folded, with where they are. */
export function wordsOf(text: string): Word[] {
  return nonAscii.test(text) ? wordsOfAnyScript(text) : asciiWordsOf(text);
}

/** `wordsOf` for text in any script (exported for the test that the ASCII path agrees). */
export function wordsOfAnyScript(text: string): Word[] {
  const words: Word[] = [];
  for (const m of text.matchAll(wordPattern)) {
    if (m[0].length < 2) continue;
    const first = String.fromCodePoint(m[0].codePointAt(0)!);
    words.push({
      key: foldText(m[0]),
      start: m.index,
      end: m.index + m[0].length,
      capitalized: first !== first.toLowerCase() || first === first.toUpperCase(),
    });
  }
  return words;
}

const asciiWordPattern = /[A-Za-z]+(?:'[A-Za-z]+)*/g;
/** `wordsOf` for printable ASCII, most texts: the same words, without Unicode classes or NFKD. */
function asciiWordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const m of text.matchAll(asciiWordPattern)) {
    const word = m[0];
    if (word.length < 2) continue;
    const first = word.charCodeAt(0);
    words.push({
      key: word.toLowerCase(),
      start: m.index,
      end: m.index + word.length,
      capitalized: first >= 65 && first <= 90,
    });
  }
  return words;
}

/** Date-like and house-number-like pieces of a text, for combinations inside free text. */
export function datesIn(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[-/.]\d{1,2}[-/.]\d{4}\b/g)) {
    const key = dateKey(m[0]);
    if (key !== null) found.push(key);
  }
  return found;
}

export function houseNumbersIn(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?<![\d.,:/-])[1-9]\d{0,4}(?:\s?[a-zA-Z](?![a-zA-Z]))?(?![\d.,:/-]?\d)/g)) {
    const key = houseNumberKey(m[0]);
    if (key !== null) found.push(key);
  }
  return found;
}
