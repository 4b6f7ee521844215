/**
 * `scrub`: free text with the personal parts replaced and the rest left as written, so that what
 * it leaves is what the leak check passes. It replaces:
 * - what the check would report as the source's data (`real.realSpans`), found the same way: a digit
 *   run of the source (a phone number no validator accepts, an account number) by a keyed fake of the
 *   same shape; a word of one real person's name by the fake its name column gives it; a value few
 *   people hold (a rare surname inside `paspoort_<surname>_43.pdf`, a street) by fake name words, or,
 *   when it has digits (a diploma number), by keyed letters and digits in the same places. The check
 *   reports the outermost value only, often a whole note one person's row holds: such a value is
 *   broken by replacing what it holds (the values inside it, identifiers, full names, else its
 *   capitalized words the source has as names), so its ordinary words stay;
 * - every identifier the detectors find (BSN, IBAN, e-mail, phone, postcode), by a valid keyed fake of
 *   its kind, the same fake the column transforms give;
 * - full names as such: two or more capitalized words, each a known first or last name (in one of
 *   faker's locales or among the source's names), joined by spaces, hyphens, initials or particles,
 *   with a given name or initial among them, or written 'LAST, First' ('Jan van der Berg', 'J.
 *   Jansen', 'YILMAZ, Fatima'): each word gets the fake its own column gives it, as fullName does.
 *
 * A lone word that some locale lists as a name ('per', 'post', 'will', 'Art', 'Dallas') is ordinary
 * vocabulary and stays, unless the check would report it. No fake is a real value: what the check
 * would still report in the output (a fake that completes a real value with the words beside it) is
 * drawn again. Dates alone are not replaced; the leak check after the copy is what proves it clean.
 * bytea columns holding UTF-8 text are scrubbed as text; other bytea is emptied.
 */
import { z } from 'zod';
import { BoundedMemo } from '../core/bounded-memo.js';
import { findIdentifiers, type IdentifierKind } from '../core/detectors.js';
import type { Keyed } from '../core/keyed.js';
import { PairCache } from '../core/pair-cache.js';
import { fakeBsn } from './bsn.js';
import { needCategory, needLength } from './column-rules.js';
import { everyDrawReal, maxAttempts } from './draw-again.js';
import { fakeEmail } from './email.js';
import { fakeFullName, fakeName } from './fake-name.js';
import { fullNameRuns, looksLikeName, nameWords, type TextRange } from './full-names.js';
import { fakeIban } from './iban.js';
import type { RoleSource } from './name-parts.js';
import { type NameKind, wordPattern } from './names.js';
import { fakePhone } from './phone.js';
import { fakePostcode } from './postcode.js';
import { sameShapeCharacters, sameShapeDigits } from './same-shape.js';
import { fitLength } from './text.js';
import { noRealValues, type RealSpan, type RealValues, type TransformDefinition } from './transform.js';

const options = z.strictObject({
  names: z
    .enum(['any', 'capitalized'])
    .default('any')
    .describe(
      "which of the source's names (as the leak check finds them) to replace: 'any' however written, " +
        "'jansen' too; 'capitalized' only 'Jansen' and 'JANSEN', so words like 'groen' stay, but the " +
        'check then refuses a copy that keeps a real name in lower case. Full names are found capitalized only',
    ),
});
export type ScrubOptions = z.infer<typeof options>;

function fakeIdentifier(keyed: Keyed, kind: IdentifierKind, found: string, real: RealValues): string {
  switch (kind) {
    case 'bsn':
      return fakeBsn(keyed, found, false, real);
    case 'iban':
      return fakeIban(keyed, found, real);
    case 'email':
      return fakeEmail(keyed, found, undefined, null, real);
    case 'phone':
      return fakePhone(keyed, found, null, real);
    case 'postcode':
      return fakePostcode(keyed, found, true, real);
  }
}

// ---------------------------------------------------------------------------------------------
// What the leak check would report

const noSpans: readonly RealSpan[] = [];

/** A span the check traced to a name column or a pair of one person's names. */
const isRealName = (span: RealSpan) => span.kind === 'name' || (span.kind === 'value' && span.role !== null);

/** Whether a piece of text holds a capitalized word (or one of a caseless script). */
function capitalized(text: string, start: number, end: number): boolean {
  for (const match of text.slice(start, end).matchAll(wordPattern)) if (looksLikeName(match[0])) return true;
  return false;
}

/**
 * The spans of `text` the check would report that scrub replaces: all of them, except, with
 * `names: 'capitalized'`, real names written in lower case only.
 */
function reportedIn(text: string, names: ScrubOptions['names'], real: RealValues): readonly RealSpan[] {
  const spans = real.realSpans?.(text) ?? noSpans;
  if (names === 'any' || spans.length === 0) return spans;
  return spans.filter((span) => !isRealName(span) || capitalized(text, span.start, span.end));
}

const nameShaped = /^[\p{L}\p{M}\s'’‘.,\-‐]+$/u;
const hasDigit = /\p{N}/u;
const hasLetter = /\p{L}/u;

/**
 * The readable fake for a span the check reported: same-shape digits for a number, keyed letters and
 * digits for a code, fake names for words (last names unless the source knows the role).
 */
function fakeSpan(keyed: Keyed, span: RealSpan, found: string, real: RealValues, roles: RoleSource): string {
  if (span.kind === 'digits') return sameShapeDigits(keyed, found, 0);
  if (hasDigit.test(found) || !hasLetter.test(found)) return sameShapeCharacters(keyed, found, 0);
  const kind: NameKind = span.role ?? (span.kind === 'name' ? (roles.role(found) ?? 'last') : 'last');
  // A whole name of the source ('Jan Zwartkruis' in a fullName column): each word its own fake.
  if (span.role !== null && nameShaped.test(found)) {
    const parts = [...found.matchAll(wordPattern)].map((m) => roles.sourceRole(m[0]));
    if (parts.includes('first') && parts.includes('last')) return fakeFullName(keyed, found, null, real);
  }
  // 'de Vries' or 'Anne-Marie' as a name; 'jansen_bakker' word by word, the rest kept.
  const fake = nameShaped.test(found)
    ? fakeName(keyed, kind, found, null, real)
    : found.replace(wordPattern, (word) => fakeName(keyed, kind, word, null, real));
  return fake === found ? sameShapeCharacters(keyed, found, 0) : fake; // particles alone: 'van der'
}

// ---------------------------------------------------------------------------------------------
// Choosing what to replace

/** What to replace: an identifier, a full name, a reported span, or an earlier fake reported again. */
type Piece = TextRange &
  (
    | { readonly what: 'identifier'; readonly kind: IdentifierKind }
    | { readonly what: 'name' }
    | { readonly what: 'span'; readonly span: RealSpan }
    | { readonly what: 'redraw'; readonly digits: boolean }
  );

const overlap = (a: TextRange, b: TextRange) => a.start < b.end && b.start < a.end;
const inside = (a: TextRange, b: TextRange) => a.start >= b.start && a.end <= b.end;
const byStart = (a: TextRange, b: TextRange) => a.start - b.start || b.end - a.end;

/** What one text's scrub needs at hand. */
interface Scrub {
  readonly keyed: Keyed;
  readonly names: ScrubOptions['names'];
  readonly real: RealValues;
  readonly roles: RoleSource;
  /** Short texts already scrubbed: JSON keys, statuses, street names and cities come back. */
  readonly remembered: BoundedMemo<string, string>;
}

/** Texts up to this length are remembered, up to this many per scrub (a few MB at most). */
const REMEMBERED_LENGTH = 64;
const REMEMBERED_TEXTS = 20_000;

const tokenPattern = /[\p{L}\p{M}\p{N}]+/gu;
/** Deeper than this, a value inside a value inside a value is replaced as it is. */
const MAX_NESTING = 3;

/**
 * The reported spans inside `span` other than itself: the check reports only the outermost hit (a
 * whole note that one person's row holds), so the span is asked again with its first token and
 * with its last token blanked out. Every shorter hit misses one of the two.
 */
function innerSpans(s: Scrub, text: string, span: RealSpan): RealSpan[] {
  const piece = text.slice(span.start, span.end);
  const tokens = [...piece.matchAll(tokenPattern)];
  if (tokens.length < 2) return [];
  const blank = (token: RegExpMatchArray) =>
    piece.slice(0, token.index) +
    '\u0000'.repeat(token[0].length) +
    piece.slice(token.index! + token[0].length);
  const found = [
    ...reportedIn(blank(tokens[0]!), s.names, s.real),
    ...reportedIn(blank(tokens.at(-1)!), s.names, s.real),
  ].sort(byStart);
  const out: RealSpan[] = [];
  for (const hit of found) {
    if (out.length > 0 && hit.start < out.at(-1)!.end) continue;
    out.push({ ...hit, start: hit.start + span.start, end: hit.end + span.start });
  }
  return out;
}

/**
 * The pieces that take a reported value apart: a value that holds other values (a note one person's
 * row holds, with a rare surname and a number in it) is broken by replacing those, so the words
 * around them stay; else by the capitalized words in it the source has as names; else by its
 * numbers; else the value itself is replaced.
 */
function takeApart(s: Scrub, text: string, span: RealSpan, depth: number): Piece[] {
  const whole: Piece = { start: span.start, end: span.end, what: 'span', span };
  // A name is replaced whole, each word with the fake its column gives it.
  if (span.kind !== 'value' || span.role !== null || depth >= MAX_NESTING) return [whole];
  const inner = innerSpans(s, text, span);
  if (inner.length > 0) return inner.flatMap((hit) => takeApart(s, text, hit, depth + 1));
  const named: Piece[] = [];
  for (const match of text.slice(span.start, span.end).matchAll(wordPattern)) {
    const role = looksLikeName(match[0]) ? s.roles.sourceRole(match[0]) : null;
    if (role === null) continue;
    const start = span.start + match.index;
    const end = start + match[0].length;
    named.push({ start, end, what: 'span', span: { start, end, kind: 'name', role } });
  }
  if (named.length > 0) return named;
  const numbers = digitGroups(text, span);
  return numbers.length > 0 ? numbers : [whole];
}

/**
 * The digit groups of a value of words and numbers ('Studieduur 4 jaar, 180 credits',
 * 'scan_20240312_4821.jpg') as numbers to replace: a new number breaks the value, and its words
 * stay. None for a code of one word ('DIP-2024-00123'), which is replaced whole.
 */
function digitGroups(text: string, span: RealSpan): Piece[] {
  const tokens = [...text.slice(span.start, span.end).matchAll(tokenPattern)];
  if (tokens.filter((t) => /^[\p{L}\p{M}]{2,}$/u.test(t[0])).length < 2) return [];
  return tokens
    .filter((t) => /^\p{N}+$/u.test(t[0]))
    .map((t) => {
      const start = span.start + t.index;
      const end = start + t[0].length;
      return { start, end, what: 'span', span: { start, end, kind: 'digits', role: null } };
    });
}

/**
 * What to replace in `text`: the reported spans, and what scrub finds itself (`ours`: identifiers
 * and full names, in the first round only). A span inside one of ours is replaced with it; a span
 * that holds some of ours is broken by them; a span that overlaps one only in part wins over it, as
 * it is what the check reports. A span that overlaps a fake of an earlier round (`fakes`) has that
 * fake drawn again.
 */
function piecesFor(
  s: Scrub,
  text: string,
  spans: readonly RealSpan[],
  ours: readonly Piece[],
  fakes: readonly (TextRange & { readonly digits: boolean })[],
): Piece[] {
  let mine = ours;
  const out: Piece[] = [];
  for (const span of spans) {
    const drawn = fakes.filter((fake) => overlap(fake, span));
    if (drawn.length > 0 && span.kind === 'digits' && digitsOutside(text, span, drawn)) {
      // A real number beside a fake one, read as one run ('+25 5 38445691 / 06-74802848'):
      // redrawing the fake would leave the real digits, so the whole run gets one fake.
      const start = Math.min(span.start, ...drawn.map((f) => f.start));
      const end = Math.max(span.end, ...drawn.map((f) => f.end));
      for (let i = out.length - 1; i >= 0; i--) if (overlap(out[i]!, { start, end })) out.splice(i, 1);
      out.push({ start, end, what: 'span', span: { ...span, start, end } });
      continue;
    }
    if (drawn.length > 0) {
      for (const fake of drawn)
        if (!out.some((p) => p.start === fake.start))
          out.push({
            start: fake.start,
            end: fake.end,
            what: 'redraw',
            digits: span.kind === 'digits' && fake.digits,
          });
      continue;
    }
    const touching = mine.filter((piece) => overlap(piece, span));
    if (touching.some((piece) => inside(span, piece))) continue;
    if (touching.length > 0 && span.kind === 'value' && touching.every((piece) => inside(piece, span)))
      continue;
    if (touching.length > 0) mine = mine.filter((piece) => !touching.includes(piece));
    for (const piece of takeApart(s, text, span, 0))
      if (!mine.some((p) => overlap(p, piece)) && !out.some((p) => overlap(p, piece))) out.push(piece);
  }
  return [...mine, ...out].sort(byStart);
}

/** Whether `span` has digits that none of `fakes` covers. */
function digitsOutside(text: string, span: TextRange, fakes: readonly TextRange[]): boolean {
  for (let i = span.start; i < span.end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57 && !fakes.some((f) => i >= f.start && i < f.end)) return true;
  }
  return false;
}

/** The first round's own finds: identifiers, and full names outside them and the reported numbers. */
function ownPieces(s: Scrub, text: string, spans: readonly RealSpan[]): Piece[] {
  const pieces: Piece[] = findIdentifiers(text).map((m) => ({ ...m, what: 'identifier' }) as const);
  const blocked = [...pieces, ...spans.filter((span) => span.kind === 'digits')].sort(byStart);
  // A word the check traced to a name column brings its role into the full name around it.
  const named = spans.filter(isRealName);
  const hint = (start: number, end: number) => {
    const span = named.find((n) => n.start <= start && n.end >= end);
    return span === undefined ? undefined : span.role;
  };
  for (const run of fullNameRuns(text, blocked, hint, s.real))
    if (!pieces.some((p) => overlap(p, run))) pieces.push({ ...run, what: 'name' });
  return pieces.sort(byStart);
}

// ---------------------------------------------------------------------------------------------
// Writing the fakes

type Fake = TextRange & { readonly digits: boolean };

function fakeOf(s: Scrub, piece: Piece, found: string, attempt: number): string {
  switch (piece.what) {
    case 'identifier':
      return fakeIdentifier(s.keyed, piece.kind, found, s.real);
    case 'name':
      return fakeFullName(s.keyed, found, null, s.real);
    case 'span':
      return fakeSpan(s.keyed, piece.span, found, s.real, s.roles);
    case 'redraw': {
      const fake = piece.digits
        ? sameShapeDigits(s.keyed, found, attempt)
        : sameShapeCharacters(s.keyed, found, attempt);
      // Numbered texts ('a note about …, number 1506' in 20,000 rows) hold every number of a
      // length: a number of that length is always real there, one digit more rarely is.
      return attempt >= LONGER_AFTER && onlyDigits.test(fake)
        ? `${fake[0] === '0' ? '1' : fake[0]}${fake}`
        : fake;
    }
  }
}

/** Redraws of a number after which it gets one digit more each time. */
const LONGER_AFTER = 4;
const onlyDigits = /^\d+$/;

/** `text` with `pieces` replaced; the fakes written, the earlier ones moved with the text. */
function replace(
  s: Scrub,
  text: string,
  pieces: readonly Piece[],
  fakes: readonly Fake[],
  attempt: number,
): { text: string; fakes: Fake[] } {
  let out = '';
  let position = 0;
  const written: Fake[] = [];
  const shifts: { end: number; by: number }[] = [];
  for (const piece of pieces) {
    out += text.slice(position, piece.start);
    const found = text.slice(piece.start, piece.end);
    const fake = fakeOf(s, piece, found, attempt);
    const digits =
      piece.what === 'identifier' ||
      (piece.what === 'span' && piece.span.kind === 'digits') ||
      (piece.what === 'redraw' && piece.digits);
    written.push({ start: out.length, end: out.length + fake.length, digits });
    shifts.push({ end: piece.end, by: fake.length - found.length });
    out += fake;
    position = piece.end;
  }
  for (const fake of fakes) {
    if (pieces.some((piece) => overlap(piece, fake))) continue;
    let by = 0;
    for (const shift of shifts) if (shift.end <= fake.start) by += shift.by;
    written.push({ start: fake.start + by, end: fake.end + by, digits: fake.digits });
  }
  return { text: out + text.slice(position), fakes: written.sort(byStart) };
}

const scrubs = new PairCache<Keyed, RealValues, { any?: Scrub; capitalized?: Scrub }>(() => ({}));

function scrubFor(keyed: Keyed, names: ScrubOptions['names'], real: RealValues): Scrub {
  const entry = scrubs.get(keyed, real);
  entry[names] ??= {
    keyed,
    names,
    real,
    roles: nameWords(real).roles,
    remembered: new BoundedMemo(REMEMBERED_TEXTS),
  };
  return entry[names];
}

/**
 * The scrubbed text, without a length limit; nothing in it is what the check would report (except,
 * with `names: 'capitalized'`, real names in lower case). Example: `scrubText(keyed, 'Bel Jan
 * Jansen: 0612345678')`.
 */
export function scrubText(
  keyed: Keyed,
  text: string,
  names: ScrubOptions['names'] = 'any',
  real: RealValues = noRealValues,
): string {
  // The scrub of a text depends on the text, the key, the option and the source alone.
  if (text.length <= REMEMBERED_LENGTH)
    return scrubFor(keyed, names, real).remembered.get(text, () => scrubAnyText(keyed, text, names, real));
  return scrubAnyText(keyed, text, names, real);
}

function scrubAnyText(keyed: Keyed, text: string, names: ScrubOptions['names'], real: RealValues): string {
  const plain = percentEscape.test(text) ? scrubPercentEncoded(keyed, text, names, real) : text;
  return scrubPlainText(keyed, plain, names, real);
}

const percentEscape = /%[0-9A-Fa-f]{2}/;
/** A piece of a URL between its delimiters that holds percent escapes: a query value, a path part. */
const percentEncodedPiece =
  /(?:[^\s%&=?#/:;,+]|%[0-9A-Fa-f]{2})*%[0-9A-Fa-f]{2}(?:[^\s%&=?#/:;,+]|%[0-9A-Fa-f]{2})*/g;

/**
 * A URL's percent-encoded pieces scrubbed as the text they encode and encoded again
 * (`?name=Wytje%20van%20der%20Horst` → `?name=Anouk%20van%20der%20Meer`): the leak check reads them
 * decoded (`check/matching/encoded-texts.ts`).
 */
function scrubPercentEncoded(
  keyed: Keyed,
  text: string,
  names: ScrubOptions['names'],
  real: RealValues,
): string {
  return text.replace(percentEncodedPiece, (piece) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(piece);
    } catch {
      return piece; // not UTF-8 underneath: left to the plain scrub
    }
    const scrubbed = scrubPlainText(keyed, decoded, names, real);
    return scrubbed === decoded ? piece : encodeURIComponent(scrubbed);
  });
}

function scrubPlainText(keyed: Keyed, text: string, names: ScrubOptions['names'], real: RealValues): string {
  const s = scrubFor(keyed, names, real);
  const spans = reportedIn(text, names, real);
  const pieces = piecesFor(s, text, spans, ownPieces(s, text, spans), []);
  if (pieces.length === 0) return text;
  let out = replace(s, text, pieces, [], 0);
  if (real.realSpans === undefined) return out.text;
  // The output is asked again: a value that held others may hold more, a detector's fake may be a
  // real digit run, a fake name beside a kept word may complete a real value.
  for (let attempt = 1; attempt < maxAttempts; attempt++) {
    const again = reportedIn(out.text, names, real);
    if (again.length === 0) return out.text;
    out = replace(s, out.text, piecesFor(s, out.text, again, [], out.fakes), out.fakes, attempt);
  }
  throw everyDrawReal('scrub');
}

/** Control characters no text holds (tab, newline, form feed and carriage return are text). */
const binary = /[^\P{Cc}\t\n\f\r]/u;

/**
 * A bytea value in PostgreSQL's hex form (`\x48656c6c6f`): UTF-8 text is scrubbed and encoded
 * again; anything else (images, PDFs, compressed data) cannot be checked, so it becomes empty.
 */
export function scrubBytea(
  keyed: Keyed,
  value: string,
  names: ScrubOptions['names'] = 'any',
  real: RealValues = noRealValues,
): string {
  if (!/^\\x(?:[0-9a-fA-F]{2})*$/.test(value)) return '\\x';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(
      Buffer.from(value.slice(2), 'hex'),
    );
  } catch {
    return '\\x';
  }
  if (binary.test(text)) return '\\x';
  return `\\x${Buffer.from(scrubText(keyed, text, names, real), 'utf8').toString('hex')}`;
}

export const scrubTransform: TransformDefinition<ScrubOptions> = {
  name: 'scrub',
  summary:
    "Free text: replace identifiers, full names and the source's own values with keyed fakes, keep the rest; bytea: text scrubbed, binary emptied.",
  options,
  cannotProduce: (column) => needCategory(column, 'text', 'bytea') ?? needLength(column, 1, 'this transform'),
  create: ({ options: { names }, column, keyed, real }) => {
    if (column.category === 'bytea') return (value) => scrubBytea(keyed, value, names, real);
    const max = column.maxLength;
    return (value) => fitLength(scrubText(keyed, value, names, real), max);
  },
};
