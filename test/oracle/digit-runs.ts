/**
 * Digit runs, as the oracle's rule b reads them: digit groups joined by 1–3 separator characters
 * (space, tab, `.`, `/`, `(`, `)`, `-`), an optional leading `+` or `(`, at least 7 digits in all.
 * The key is the run's digits, or its last 9 when it has more (so `+31 6 1234 5678` and
 * `06-12345678` meet). Digits are ASCII 0–9 after folding (NFKD turns fullwidth and other
 * compatibility digits into them); digits of other scripts (Arabic-Indic, Devanagari…) are not
 * converted.
 *
 * On the source side calendar dates are blanked first (`blankDates`), so a date is never a key nor
 * glued by a separator onto a number next to it; the target side reads its text as it is.
 */

const run = /\+?\(?\d+(?:[ \t./()-]{1,3}\d+)*/g;

/**
 * `yyyy-m(m)-d(d)` or `d(d)-m(m)-yyyy` (each separator one of space, `.`, `/`, `-`), not preceded
 * by a digit or `+` nor followed by a digit, optionally followed by a time `hh:mm(:ss(.fff))` after
 * a space or `T` (`t` once folded).
 */
const date =
  /(?<![\d+])(?:(\d{4})[ ./-](\d{1,2})[ ./-](\d{1,2})|(\d{1,2})[ ./-](\d{1,2})[ ./-](\d{4}))(?!\d)(?:[ tT]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?/g;

export const MIN_DIGITS = 7;
export const KEY_DIGITS = 9;

function validDate(year: string, month: string, day: string): boolean {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/** The text with every valid calendar date (and the time after it) replaced by as many `#`. */
export function blankDates(text: string): string {
  return text.replace(
    date,
    (match: string, y1?: string, m1?: string, d1?: string, d2?: string, m2?: string, y2?: string) => {
      const valid =
        y1 !== undefined ? validDate(y1, m1 ?? '', d1 ?? '') : validDate(y2 ?? '', m2 ?? '', d2 ?? '');
      return valid ? '#'.repeat(match.length) : match;
    },
  );
}

/** The key of every digit run of at least 7 digits in a folded text. */
export function digitRuns(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(run)) {
    const digits = match[0].replace(/\D/g, '');
    if (digits.length < MIN_DIGITS) continue;
    out.push(digits.length > KEY_DIGITS ? digits.slice(-KEY_DIGITS) : digits);
  }
  return out;
}
