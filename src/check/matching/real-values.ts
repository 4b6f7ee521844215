/**
 * The source's fingerprints as the transforms ask about them (`RealValues`): "is this fake a real
 * value?" for the generators, and "which pieces of this text would the leak check report?" for the
 * scrubber, answered by the check's own matching, so what scrub leaves is what the check passes.
 */
import { BoundedMemo } from '../../core/bounded-memo.js';
import { datesIn, wordsOf } from '../../core/normalize.js';
import type { RealSpan, RealValues } from '../../transforms/transform.js';
import { type FingerprintIndex, Role } from '../fingerprints/fingerprint-index.js';
import { contextPairEntry, isNameParticle } from '../fingerprints/fingerprint-row.js';
import { outermostHits, sequenceHits } from './sequence-matcher.js';

/** Distinct name words a text is searched with, per role: the check's own cap is 16 per row. */
const MAX_NAME_WORDS = 32;

interface WordPlaces {
  readonly key: string;
  readonly places: { start: number; end: number }[];
}

/** Adds a word's place under its key; a new key only while fewer than `MAX_NAME_WORDS` are held. */
function addPlace(words: Map<string, WordPlaces>, key: string, start: number, end: number): void {
  const known = words.get(key);
  if (known !== undefined) known.places.push({ start, end });
  else if (words.size < MAX_NAME_WORDS) words.set(key, { key, places: [{ start, end }] });
}

/**
 * Words of a text that are one real person's first and last name together, or a name beside that
 * person's date of birth. Words are collected by key, so a name written five times in a row (the
 * name column, the e-mail, a note) takes one place, not five, and a pair further on is still seen.
 */
function namePairSpans(index: FingerprintIndex, text: string): RealSpan[] {
  return namePairs(index, text).spans;
}

/** `namePairSpans`, and the dates (as `datesIn` keys) that made a pair with a name. */
function namePairs(index: FingerprintIndex, text: string): { spans: RealSpan[]; dates: Set<string> } {
  const firsts = new Map<string, WordPlaces>();
  const lasts = new Map<string, WordPlaces>();
  const contexts = new Map<string, WordPlaces>();
  for (const word of wordsOf(text)) {
    if (isNameParticle(word.key)) continue;
    const entry = index.find('word', word.key);
    if (entry === -1) continue;
    const roles = index.roles(entry);
    if ((roles & Role.first) !== 0) addPlace(firsts, word.key, word.start, word.end);
    if ((roles & Role.last) !== 0) addPlace(lasts, word.key, word.start, word.end);
    if ((roles & Role.context) !== 0) addPlace(contexts, word.key, word.start, word.end);
  }
  const spans: RealSpan[] = [];
  const paired = new Set<string>();
  const mark = (word: WordPlaces, role: 'first' | 'last') => {
    for (const { start, end } of word.places) spans.push({ start, end, kind: 'name', role });
  };
  // A name beside a word of the same person's row ('Jake … the Dallas office'): the name is
  // replaced, the other word (an office, a place) stays.
  for (const [words, role] of [
    [firsts, 'first'],
    [lasts, 'last'],
  ] as const)
    for (const word of words.values())
      for (const context of contexts.values())
        if (contextPairEntry(index, word.key, context.key) !== -1) {
          mark(word, role);
          break;
        }
  // A name with the same person's date of birth written beside it ('…, geboren 1965-10-16').
  const dates = firsts.size + lasts.size > 0 ? datesIn(text) : [];
  for (const date of dates)
    for (const [words, role] of [
      [firsts, 'first'],
      [lasts, 'last'],
    ] as const)
      for (const word of words.values())
        if (index.findWithRole('combination', [`b\0${word.key}\0${date}`], Role.combination) !== -1) {
          mark(word, role);
          paired.add(date);
        }
  for (const first of firsts.values())
    for (const last of lasts.values()) {
      if (first.key === last.key) continue;
      if (index.findWithRole('combination', [`n\0${first.key}\0${last.key}`], Role.combination) === -1)
        continue;
      mark(first, 'first');
      mark(last, 'last');
    }
  return { spans, dates: paired };
}

/** The pieces of `text` the check would report as the source's, in order, without overlaps. */
export function realSpansOf(index: FingerprintIndex, text: string): RealSpan[] {
  const spans: RealSpan[] = outermostHits(sequenceHits(index, text)).map((hit) => {
    const piece = text.slice(hit.start, hit.end);
    const named = hit.domain === 'seq' && index.categories(hit.entry).includes('name');
    return {
      start: hit.start,
      end: hit.end,
      kind: hit.domain === 'digits' ? 'digits' : 'value',
      role: named ? index.nameRole(piece) : null,
    };
  });
  for (const pair of namePairSpans(index, text)) spans.push(pair);
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: RealSpan[] = [];
  for (const span of spans) {
    const previous = out.at(-1);
    if (previous !== undefined && span.start < previous.end) continue;
    out.push(span);
  }
  return out;
}

/** Positions of `values` holding a word of a name pair spread over the row (`RealValues.pairedIn`). */
export function pairedInRow(index: FingerprintIndex, values: readonly (string | null)[]): Set<number> {
  // One text of the whole row, a line per value: the pairs the check makes across columns are
  // then the pairs within one text, found the same way.
  const starts: number[] = [];
  let text = '';
  for (const value of values) {
    starts.push(text.length);
    text += `${value ?? ''}\n`;
  }
  const at = new Set<number>();
  const { spans, dates } = namePairs(index, text);
  for (const span of spans) {
    let i = starts.length - 1;
    while (starts[i]! > span.start) i--;
    at.add(i);
  }
  // The date of a name + date pair is as much the pair's as the name: a name that no draw changes
  // (kept words inside scrubbed text) leaves the shifted date to be drawn again.
  if (dates.size > 0)
    values.forEach((value, i) => {
      if (value !== null && datesIn(value).some((d) => dates.has(d))) at.add(i);
    });
  return at;
}

/** Short texts whose spans are remembered: fakes drawn from lists come back row after row. */
const REMEMBERED_LENGTH = 64;
const REMEMBERED_TEXTS = 50_000;

/** `RealValues` over the fingerprints: every question the transforms ask, one index. */
export function realValuesOf(index: FingerprintIndex): RealValues {
  // Every generator asks about its fake (`isTaken`, `drawUnreported`): a fake first name or city
  // is one of a few thousand, so the answer is worked out once per text, not once per row.
  const remembered = new BoundedMemo<string, readonly RealSpan[]>(REMEMBERED_TEXTS);
  return {
    isReal: (kind, value) => index.isReal(kind, value),
    nameRole: (word) => index.nameRole(word),
    realSpans: (text) =>
      text.length > REMEMBERED_LENGTH
        ? realSpansOf(index, text)
        : remembered.get(text, () => Object.freeze(realSpansOf(index, text))),
    pairedIn: (values) => pairedInRow(index, values),
  };
}
