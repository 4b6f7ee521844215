/**
 * The source's fingerprints as the transforms ask about them (`RealValues`): "is this fake a real
 * value?" for the generators, and "which pieces of this text would the leak check report?" for the
 * scrubber, answered by the check's own matching, so what scrub leaves is what the check passes.
 */
import { datesIn, wordsOf } from '../../core/normalize.js';
import type { RealSpan, RealValues } from '../../transforms/transform.js';
import { type FingerprintIndex, Role } from '../fingerprints/fingerprint-index.js';
import { contextPairEntry, isNameParticle } from '../fingerprints/fingerprint-row.js';
import { outermostHits, sequenceHits } from './sequence-matcher.js';

const MAX_NAME_WORDS = 16;

/** Words of a text that are one real person's first and last name together, or a name beside that person's date of birth. */
function namePairSpans(index: FingerprintIndex, text: string): RealSpan[] {
  const firsts: { key: string; start: number; end: number }[] = [];
  const lasts: { key: string; start: number; end: number }[] = [];
  const contexts: { key: string; start: number; end: number }[] = [];
  for (const word of wordsOf(text)) {
    if (isNameParticle(word.key)) continue;
    const entry = index.find('word', word.key);
    if (entry === -1) continue;
    const roles = index.roles(entry);
    if ((roles & Role.first) !== 0 && firsts.length < MAX_NAME_WORDS) firsts.push(word);
    if ((roles & Role.last) !== 0 && lasts.length < MAX_NAME_WORDS) lasts.push(word);
    if ((roles & Role.context) !== 0 && contexts.length < MAX_NAME_WORDS) contexts.push(word);
  }
  const spans: RealSpan[] = [];
  // A name beside a word of the same person's row ('Jake … the Dallas office'): the name is
  // replaced, the other word (an office, a place) stays.
  for (const [words, role] of [
    [firsts, 'first'],
    [lasts, 'last'],
  ] as const)
    for (const word of words)
      for (const context of contexts)
        if (contextPairEntry(index, word.key, context.key) !== -1)
          spans.push({ start: word.start, end: word.end, kind: 'name', role });
  // A name with the same person's date of birth written beside it ('…, geboren 1965-10-16').
  const dates = firsts.length + lasts.length > 0 ? datesIn(text) : [];
  for (const date of dates)
    for (const [words, role] of [
      [firsts, 'first'],
      [lasts, 'last'],
    ] as const)
      for (const word of words)
        if (index.findWithRole('combination', [`b\0${word.key}\0${date}`], Role.combination) !== -1)
          spans.push({ start: word.start, end: word.end, kind: 'name', role });
  for (const first of firsts)
    for (const last of lasts) {
      if (first.key === last.key) continue;
      if (index.findWithRole('combination', [`n\0${first.key}\0${last.key}`], Role.combination) === -1)
        continue;
      spans.push({ start: first.start, end: first.end, kind: 'name', role: 'first' });
      spans.push({ start: last.start, end: last.end, kind: 'name', role: 'last' });
    }
  return spans;
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
  for (const span of namePairSpans(index, text)) {
    let i = starts.length - 1;
    while (starts[i]! > span.start) i--;
    at.add(i);
  }
  return at;
}

/** `RealValues` over the fingerprints: every question the transforms ask, one index. */
export function realValuesOf(index: FingerprintIndex): RealValues {
  return {
    isReal: (kind, value) => index.isReal(kind, value),
    nameRole: (word) => index.nameRole(word),
    realSpans: (text) => realSpansOf(index, text),
    pairedIn: (values) => pairedInRow(index, values),
  };
}
