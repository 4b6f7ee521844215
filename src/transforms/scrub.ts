/**
 * `scrub`: free text with the personal parts replaced and the rest left as written. Every identifier
 * the detectors find (BSN, IBAN, e-mail, phone, postcode) becomes a valid keyed fake of its kind, the
 * same fake the column transforms give; every word that is a known first or last name in any of
 * faker's locales, or a first or last name of someone in the source (when the copy passes the
 * source's fingerprints as `real`), becomes a keyed fake name; no fake is a real value or a real
 * name. Names keep their shape: in 'Jan van der Berg' or 'YILMAZ, Fatima' the given names get
 * the firstName fake and the surname words the lastName fake of their real words (as fullName
 * does), a lone word the fake of the role the source's name columns give it (`real.nameRole`) or
 * else the name lists. Dates and street names are not found: scrub lowers the risk of free text,
 * the leak check after the copy is what proves it. bytea columns holding UTF-8 text are scrubbed
 * as text; other bytea is emptied.
 */
import { z } from 'zod';
import { BoundedMemo } from '../core/bounded-memo.js';
import { findIdentifiers, type IdentifierKind } from '../core/detectors.js';
import type { Keyed } from '../core/keyed.js';
import { fakeBsn } from './bsn.js';
import { needCategory, needLength } from './column-rules.js';
import { fakeEmail } from './email.js';
import { fakeFullName, fakeName, nameRoles } from './fake-name.js';
import { fakeIban } from './iban.js';
import { isParticle, type RoleSource } from './name-parts.js';
import { wordPattern } from './names.js';
import { fakePhone } from './phone.js';
import { fakePostcode } from './postcode.js';
import { fitLength } from './text.js';
import { noRealValues, type RealValues, type TransformDefinition } from './transform.js';

const options = z.strictObject({
  /**
   * 'any' (default) replaces names however they are written; 'capitalized' only 'Jansen' and
   * 'JANSEN', leaving words like 'green' or 'bos' alone: more readable, but misses 'jan'.
   */
  names: z.enum(['any', 'capitalized']).default('any'),
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

/** A word starting with a capital, or in a script without case (Arabic, Persian…). */
function looksLikeName(word: string): boolean {
  const first = String.fromCodePoint(word.codePointAt(0)!);
  return first !== first.toLowerCase() || first === first.toUpperCase();
}

type WordKind = 'name' | 'particle' | 'initial' | 'other';

interface TextWord {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly kind: WordKind;
}

/** Letters a run of name words may be joined by: a space, a hyphen, an initial's dot. */
function joins(text: string, a: TextWord, b: TextWord): boolean {
  const gap = text.slice(a.end, b.start);
  if (gap === ' ' || gap === '-' || gap === '‐') return true;
  if (a.kind === 'initial') return gap === '.' || gap === '. ';
  return b.kind === 'particle' && /^ ?['’]$/.test(gap); // "van 't Hek"
}

/**
 * Particles that start a surname in running text ('de Vries', 'van der Berg', 'Van Dam', 'da
 * Silva'). Dutch prepositions that are particles too ('brief van Jansen', 'aan Jansen', 'bij
 * Jansen', 'te Velde') are read as prepositions unless a given name comes first ('Jan van Dam').
 */
const surnameStarts = new Set(
  'de den der ter ten t het von da di dos das del della le la du el bin ibn abu'.split(' '),
);

function startsSurname(run: readonly TextWord[]): boolean {
  const word = run[0]!.text;
  const lower = word.toLowerCase();
  if (surnameStarts.has(lower)) return true;
  return lower === 'van' && (word === 'Van' || run[1]?.kind === 'particle');
}

/**
 * Spans of text that are one person's name: consecutive name words, with the particles and
 * initials between and before them ('Jan van der Berg', 'J. Jansen'), and 'LAST, First' when the
 * part before the comma is in capitals or the source knows it as a last name and the part after as
 * a first name. Each span has at least one name word.
 */
function nameSpans(text: string, words: readonly TextWord[], roles: RoleSource): TextWord[][] {
  const runs: TextWord[][] = [];
  let run: TextWord[] = [];
  const close = () => {
    while (run.length > 0 && run.at(-1)!.kind !== 'name') run.pop();
    while (run.length > 0 && run[0]!.kind === 'particle' && !startsSurname(run)) run.shift();
    if (run.length > 0) runs.push(run);
    run = [];
  };
  words.forEach((word, i) => {
    if (word.kind === 'other') {
      close();
      return;
    }
    if (run.length > 0 && !joins(text, words[i - 1]!, word)) close();
    run.push(word);
  });
  close();
  const spans: TextWord[][] = [];
  const merged = new Set<TextWord[]>();
  for (const next of runs) {
    const previous = spans.at(-1);
    const names = previous?.filter((w) => w.kind === 'name') ?? [];
    const lastFirst =
      previous !== undefined &&
      !merged.has(previous) &&
      /^, ?$/.test(text.slice(previous.at(-1)!.end, next[0]!.start)) &&
      !previous.some((w) => w.kind === 'initial') &&
      (names.every(
        (w) => w.text === w.text.toUpperCase() && w.text !== w.text.toLowerCase() && w.text.length > 1,
      ) ||
        (roles.sourceRole(names.at(-1)!.text) === 'last' && roles.sourceRole(next[0]!.text) === 'first'));
    if (lastFirst) {
      const span = [...previous, ...next];
      spans[spans.length - 1] = span;
      merged.add(span);
    } else spans.push(next);
  }
  return spans;
}

/** Per source: word → whether it is a name (a listed one, or a source person's). */
const nameWordCaches = new WeakMap<RealValues, BoundedMemo<string, boolean>>();
const NAME_WORD_CACHE = 20_000;

/**
 * Whether a word is a name, remembered: the words of notes repeat ('Gebeld', 'met', the common
 * names), and asking the lists and the fingerprints costs a few microseconds each time. Words of 13
 * characters or more are not kept, since V8 holds those as slices that would keep the whole note.
 */
function nameWordTest(real: RealValues, roles: RoleSource): (word: string) => boolean {
  let cache = nameWordCaches.get(real);
  if (cache === undefined) {
    cache = new BoundedMemo(NAME_WORD_CACHE);
    nameWordCaches.set(real, cache);
  }
  const known = cache;
  const isName = (word: string) => roles.role(word) !== null || real.isReal('name', word);
  return (word) => (word.length < 13 ? known.get(word, () => isName(word)) : isName(word));
}

function scrubNames(keyed: Keyed, text: string, names: ScrubOptions['names'], real: RealValues): string {
  const roles = nameRoles(real);
  const isNameWord = nameWordTest(real, roles);
  const words: TextWord[] = [...text.matchAll(wordPattern)].map((match) => {
    const word = match[0];
    const start = match.index;
    const end = start + word.length;
    let kind: WordKind = 'other';
    if (isParticle(word) && (!/^[ts]$/i.test(word) || /['’]$/.test(text.slice(0, start)))) kind = 'particle';
    else if (word.length === 1 && word !== word.toLowerCase() && text[end] === '.') kind = 'initial';
    // A name of the source is replaced even when no name list knows it (a name in Arabic script,
    // a rare surname): the leak check would find it otherwise.
    else if ((names === 'any' || looksLikeName(word)) && isNameWord(word)) kind = 'name';
    return { text: word, start, end, kind };
  });
  const spans = nameSpans(text, words, roles);
  // A particle outside a name that is a name of the source ('Van' as a first name) is replaced too.
  const inSpans = new Set(spans.flat());
  for (const word of words)
    if (word.kind === 'particle' && !inSpans.has(word) && (names === 'any' || looksLikeName(word.text)))
      if (real.isReal('name', word.text)) spans.push([word]);
  spans.sort((a, b) => a[0]!.start - b[0]!.start);
  let out = '';
  let position = 0;
  for (const span of spans) {
    const start = span[0]!.start;
    const end = span.at(-1)!.end;
    out += text.slice(position, start);
    if (span.length === 1) {
      // One word: the firstName or lastName fake, so a name in a note gets the fake its column got.
      const word = span[0]!.text;
      out += fakeName(keyed, roles.role(word) ?? 'last', word, null, real);
    } else {
      // A whole name: the fullName fake, each word the fake its own column gave it.
      out += fakeFullName(keyed, text.slice(start, end), null, real);
    }
    position = end;
  }
  return out + text.slice(position);
}

/**
 * The scrubbed text, without a length limit; no fake in it is one of `real`.
 * Example: `scrubText(keyed, 'Bel Jan: 0612345678')`.
 */
export function scrubText(
  keyed: Keyed,
  text: string,
  names: ScrubOptions['names'] = 'any',
  real: RealValues = noRealValues,
): string {
  let out = '';
  let position = 0;
  for (const match of findIdentifiers(text)) {
    out += scrubNames(keyed, text.slice(position, match.start), names, real);
    out += fakeIdentifier(keyed, match.kind, text.slice(match.start, match.end), real);
    position = match.end;
  }
  return out + scrubNames(keyed, text.slice(position), names, real);
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
    'Free text: replace identifiers and known names with keyed fakes, keep the rest; bytea: text scrubbed, binary emptied.',
  options,
  cannotProduce: (column) => needCategory(column, 'text', 'bytea') ?? needLength(column, 1, 'this transform'),
  create: ({ options: { names }, column, keyed, real }) => {
    if (column.category === 'bytea') return (value) => scrubBytea(keyed, value, names, real);
    const max = column.maxLength;
    return (value) => fitLength(scrubText(keyed, value, names, real), max);
  },
};
