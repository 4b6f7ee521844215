/**
 * Finds the source's values inside any text, whatever validators think of them: a whole value of
 * the source as consecutive tokens (a rare surname in `paspoort_jansen_43.pdf`, an e-mail address
 * in a sentence, a note copied into another note), and digit runs (`06-0123 4567` that no phone
 * validator accepts, a diploma number, the same phone number grouped another way). The leak check
 * reports these; the scrubber replaces exactly these (through `RealValues.realSpans`).
 */
import { digitKeysOf, finerTokensOf, type Token, tokensOf, withoutHexIds } from '../../core/tokens.js';
import { type FingerprintIndex, Role } from '../fingerprints/fingerprint-index.js';
import { hashOfRun, prefixHashes, SEQUENCE_SALT, START_SALT } from '../fingerprints/sequence-hash.js';

export interface SequenceHit {
  readonly start: number;
  readonly end: number;
  readonly entry: number;
  /** `seq`: a whole value as tokens; `digits`: a digit run. */
  readonly domain: 'seq' | 'digits';
}

/** Whether an entry identifies: few people hold it in some column it came from. */
const identifies = (index: FingerprintIndex, entry: number) => (index.roles(entry) & Role.value) !== 0;

function searchTokens(index: FingerprintIndex, tokens: readonly Token[], hits: SequenceHit[]): void {
  const n = tokens.length;
  if (n === 0) return;
  const keyAt = (i: number) => tokens[i]!.key;
  const prefix = prefixHashes(keyAt, n);
  const joined = (from: number, to: number) => {
    let text = tokens[from]!.key;
    for (let k = from + 1; k < to; k++) text += ` ${tokens[k]!.key}`;
    return text;
  };
  const hit = (from: number, to: number) => {
    const entry = index.findHashed('seq', hashOfRun(prefix, from, to, SEQUENCE_SALT), () => joined(from, to));
    if (entry !== -1 && identifies(index, entry))
      hits.push({ start: tokens[from]!.start, end: tokens[to - 1]!.end, entry, domain: 'seq' });
  };
  const longest = index.longestSequence;
  for (let i = 0; i < n; i++) {
    hit(i, i + 1);
    if (i + 1 >= n || longest < 2) continue;
    hit(i, i + 2);
    if (longest < 3 || i + 2 >= n) continue;
    // Longer values are looked for only where one starts: most positions start none.
    if (index.findHashed('start', hashOfRun(prefix, i, i + 2, START_SALT), () => joined(i, i + 2)) === -1)
      continue;
    const last = Math.min(n, i + longest);
    for (let j = i + 3; j <= last; j++) hit(i, j);
  }
}

/**
 * Every place in `text` where a value or digit run of the source that few people hold occurs.
 * Overlapping hits are all returned (a full name and the rare surname inside it), in no order.
 */
export function sequenceHits(index: FingerprintIndex, text: string): SequenceHit[] {
  const hits: SequenceHit[] = [];
  const tokens = tokensOf(text);
  searchTokens(index, tokens, hits);
  // Hex ids split at every letter–digit step into noise: the finer pass leaves them out.
  const hexFree = withoutHexIds(text);
  const finer = finerTokensOf(hexFree, hexFree === text ? tokens : tokensOf(hexFree));
  if (finer !== null) {
    const before = hits.length;
    searchTokens(index, finer, hits);
    // The finer pass finds the coarse hits again where a token did not split: drop those.
    const seen = new Set(hits.slice(0, before).map((h) => `${h.start}:${h.end}`));
    for (let i = hits.length - 1; i >= before; i--)
      if (seen.has(`${hits[i]!.start}:${hits[i]!.end}`)) hits.splice(i, 1);
  }
  // Digit runs inside hex ids (a SHA-256, a UUID) are noise, as on the source side.
  for (const run of digitKeysOf(hexFree)) {
    const entry = index.find('digits', run.key);
    if (entry !== -1 && identifies(index, entry))
      hits.push({ start: run.start, end: run.end, entry, domain: 'digits' });
  }
  return hits;
}

/** The hits that no longer or earlier hit covers, in text order: what a scrubber replaces. */
export function outermostHits(hits: readonly SequenceHit[]): SequenceHit[] {
  const sorted = [...hits].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: SequenceHit[] = [];
  for (const h of sorted) {
    const previous = out.at(-1);
    if (previous !== undefined && h.start < previous.end) {
      if (h.end > previous.end) out[out.length - 1] = { ...previous, end: h.end };
      continue;
    }
    out.push(h);
  }
  return out;
}
