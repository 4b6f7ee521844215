/**
 * How the leak check and the scrubber cut a text into the pieces they match against the source's
 * fingerprints: tokens (runs of letters and digits, folded) and digit runs (phone numbers, document
 * numbers, account numbers however they are grouped). Matching does not depend on a value being a
 * valid anything: `06-0123…` that no phone validator accepts is a digit run like any other.
 *
 * Both sides of the check use these functions, so a value of the source and its copy in a target
 * meet whatever their case, accents, separators or grouping.
 */
import { foldText } from './normalize.js';

export interface Token {
  /** Folded (lower case, accents removed). */
  readonly key: string;
  /** UTF-16 offsets into the text. */
  readonly start: number;
  readonly end: number;
}

/** Letters, marks (a decomposed accent belongs to its letter) and digits. */
const tokenPattern = /[\p{L}\p{M}\p{N}]+/gu;
const asciiTokenPattern = /[A-Za-z0-9]+/g;
const nonAscii = /[^\x20-\x7e\t\n\r]/;

/**
 * The tokens of a text: every maximal run of letters and digits, so `_`, `.`, `@`, `-` and spaces
 * are boundaries (`paspoort_jansen_43.pdf` → paspoort, jansen, 43, pdf).
 */
export function tokensOf(text: string): Token[] {
  const tokens: Token[] = [];
  if (!nonAscii.test(text)) {
    for (const m of text.matchAll(asciiTokenPattern))
      tokens.push({ key: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
    return tokens;
  }
  for (const m of text.matchAll(tokenPattern)) {
    const key = foldText(m[0]);
    if (key !== '') tokens.push({ key, start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

/** Where a token splits further: between a letter and a digit, and at a lower→upper camelCase step. */
const finerBoundary = /(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})|(?<=\p{Ll})(?=\p{Lu})/u;
const asciiFinerBoundary = /(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])|(?<=[a-z])(?=[A-Z])/;

/**
 * The finer tokens of a text: tokens also split at letter–digit and camelCase boundaries
 * (`paspoortJansen43` → paspoort, jansen, 43). Null when that changes nothing (most texts), so
 * the caller can skip a second pass.
 */
export function finerTokensOf(text: string, tokens: readonly Token[]): Token[] | null {
  const boundary = nonAscii.test(text) ? finerBoundary : asciiFinerBoundary;
  let finer: Token[] | null = null;
  tokens.forEach((token, i) => {
    const raw = text.slice(token.start, token.end);
    if (!boundary.test(raw)) {
      finer?.push(token);
      return;
    }
    finer ??= tokens.slice(0, i);
    let at = token.start;
    for (const piece of raw.split(boundary)) {
      const key = foldText(piece);
      if (key !== '') finer.push({ key, start: at, end: at + piece.length });
      at += piece.length;
    }
  });
  return finer;
}

export interface DigitRun {
  /** The digits, or their last 9 when there are more (so `+31 6…` meets `06…`). */
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

/** Digit runs shorter than this are not looked up: house numbers, years, amounts. */
export const MIN_RUN_DIGITS = 7;
const KEY_DIGITS = 9;

/**
 * Digit groups joined by one to three separators (space, tab, `.`, `-`, `/`, brackets), with an
 * optional leading `+`: `06-1234 5678`, `+31 (0)6 12 34 56 78`, `1234.56.782`.
 */
const runPattern = /\+?\(?\d+(?:[ \t./()-]{1,3}\d+)*/g;
/** A date, optionally with its time of day (`1990-05-17`, `17-05-1990 10:15`, `2024-03-12T10:15:00`). */
const dateTimePattern =
  /(?<![\d+])(?:(\d{4})[ ./-](\d{1,2})[ ./-](\d{1,2})|(\d{1,2})[ ./-](\d{1,2})[ ./-](\d{4}))(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?(?!\d)/g;

function validDate(year: string, month: string, day: string): boolean {
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  return y >= 1900 && y <= 2099 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
}

/**
 * The text with every calendar date (and the time written with it) blanked out, offsets kept: dates
 * are checked as name + birth date combinations, and a check that called every date an identifier
 * would refuse every copy whose notes mention a date that some kept date column also holds.
 */
export function withoutDates(text: string): string {
  if (!/\d[ ./-]\d{1,2}[ ./-]\d/.test(text)) return text;
  return text.replace(dateTimePattern, (date, y1, m1, d1, d2, m2, y2) =>
    (y1 !== undefined ? validDate(y1, m1, d1) : validDate(y2, m2, d2)) ? '#'.repeat(date.length) : date,
  );
}

/**
 * A UUID or a long hexadecimal digest (`d863d321-7e10-…`, a SHA-256): its digit groups are no phone
 * number and its letters and digits no words; it identifies a row, and copies of it are caught as
 * whole values.
 */
const hexIdPattern =
  /(?<![\p{L}\p{N}])(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32,})(?![\p{L}\p{N}])/giu;

/** The text with UUIDs and long hex digests blanked out, offsets kept. */
export function withoutHexIds(text: string): string {
  if (text.length < 32) return text;
  return text.replace(hexIdPattern, (id) => '#'.repeat(id.length));
}

/** Whether a whole text is one calendar date (with or without its time). */
export function isCalendarDate(text: string): boolean {
  const blanked = withoutDates(text.trim());
  return blanked !== text.trim() && /^#+$/.test(blanked);
}

/** `20180409` or `09042018` in a file name or a reference: a date written without separators. */
function isCompactDate(digits: string): boolean {
  if (digits.length !== 8) return false;
  const ymd = validDate(digits.slice(0, 4), digits.slice(4, 6), digits.slice(6, 8));
  return ymd || validDate(digits.slice(4, 8), digits.slice(2, 4), digits.slice(0, 2));
}

function keyOf(digits: string): string {
  return digits.length > KEY_DIGITS ? digits.slice(-KEY_DIGITS) : digits;
}

/**
 * The digit runs of a text as the source is fingerprinted: each maximal run of at least 7 digits
 * outside calendar dates, keyed by its digits (the last 9 of longer runs).
 */
export function digitRunsOf(text: string): DigitRun[] {
  const runs: DigitRun[] = [];
  if (!/\d/.test(text)) return runs;
  for (const m of withoutHexIds(withoutDates(text)).matchAll(runPattern)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length < MIN_RUN_DIGITS || isCompactDate(digits)) continue;
    runs.push({ key: keyOf(digits), start: m.index, end: m.index + m[0].length });
  }
  return runs;
}

/**
 * The digit keys to look up in a target text, stricter than the source's own runs: the key of each
 * maximal run outside calendar dates, and of every window of whole groups inside a run that holds 7 to 15 digits, so a number written
 * beside another (`06 12345678 / 020 1234567`) or with a country code in front is still found.
 */
export function digitKeysOf(text: string): DigitRun[] {
  const keys: DigitRun[] = [];
  if (!/\d/.test(text)) return keys;
  // Dates are no digit runs on either side (see `withoutDates`).
  for (const m of withoutHexIds(withoutDates(text)).matchAll(runPattern)) {
    const whole = m[0].replace(/\D/g, '');
    if (whole.length < MIN_RUN_DIGITS) continue;
    const start = m.index;
    keys.push({ key: keyOf(whole), start, end: start + m[0].length });
    const groups = [...m[0].matchAll(/\d+/g)];
    if (groups.length === 1) continue;
    for (let i = 0; i < groups.length; i++) {
      let digits = '';
      for (let j = i; j < groups.length; j++) {
        digits += groups[j]![0];
        if (digits.length > 15) break;
        if (digits.length < MIN_RUN_DIGITS) continue;
        const g = groups[j]!;
        keys.push({
          key: keyOf(digits),
          start: start + groups[i]!.index,
          end: start + g.index + g[0].length,
        });
      }
    }
  }
  return keys;
}
