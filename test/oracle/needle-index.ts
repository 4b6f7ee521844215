/**
 * Finds folded source values inside folded target texts at word boundaries, without testing every
 * value at every position. Values are bucketed by their leading key (any non-word characters they
 * start with, then their first word): a value can only occur at a boundary position whose own key
 * is the same. Within a bucket, values are held by length and by a rolling hash of the whole value,
 * so a position costs one O(1) hash lookup per distinct length in its bucket (however many values
 * share a long prefix, as the PDFs of a document table do), and a hash hit is confirmed with
 * `startsWith` and a boundary test after the value.
 */
import { boundaryAt, boundaryBefore, isWordCodePoint, wordRunEnd } from './fold.js';

interface Needle<T> {
  readonly text: string;
  readonly data: T;
}

interface Bucket<T> {
  readonly lengths: number[];
  /** Hash of the whole value (its length is part of the key) → values. */
  readonly byHash: Map<number, Needle<T>[]>;
}

/**
 * The key of position `i`: the run of non-word characters starting there (often empty), then the
 * run of word characters after it. A value matching at `i` with a boundary after it has the same
 * key as the text at `i` (it contains a letter, so its leading word run is complete or ends where
 * the text's does). `next` is where the scan goes on: past the word run when `i` starts one (no
 * position inside it is a boundary), else the next character.
 */
function leadingKey(text: string, i: number): { key: string; next: number } {
  let j = i;
  while (j < text.length) {
    const cp = text.codePointAt(j) as number;
    if (isWordCodePoint(cp)) break;
    j += cp > 0xffff ? 2 : 1;
  }
  const end = wordRunEnd(text, j);
  const first = text.codePointAt(i) as number;
  return { key: text.slice(i, end), next: j === i ? end : i + (first > 0xffff ? 2 : 1) };
}

// Two polynomial hashes modulo primes below 2^26, so every product stays exact in a double.
const P1 = 67108859;
const P2 = 67108837;
const B1 = 257;
const B2 = 263;
const pow1: number[] = [1];
const pow2: number[] = [1];

function powers(n: number): void {
  for (let k = pow1.length; k <= n; k++) {
    pow1.push(((pow1[k - 1] as number) * B1) % P1);
    pow2.push(((pow2[k - 1] as number) * B2) % P2);
  }
}

/** Prefix hashes of a text: h[k] covers its first k code units. */
function prefixHashes(text: string): { h1: Float64Array; h2: Float64Array } {
  const h1 = new Float64Array(text.length + 1);
  const h2 = new Float64Array(text.length + 1);
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    h1[k + 1] = ((h1[k] as number) * B1 + c) % P1;
    h2[k + 1] = ((h2[k] as number) * B2 + c) % P2;
  }
  return { h1, h2 };
}

function rangeHash(h: { h1: Float64Array; h2: Float64Array }, from: number, to: number): number {
  const n = to - from;
  const a = ((h.h1[to] as number) - (((h.h1[from] as number) * (pow1[n] as number)) % P1) + P1) % P1;
  const b = ((h.h2[to] as number) - (((h.h2[from] as number) * (pow2[n] as number)) % P2) + P2) % P2;
  return a * 2 ** 26 + b;
}

export class NeedleIndex<T> {
  readonly #buckets = new Map<string, Bucket<T>>();
  #size = 0;

  add(text: string, data: T): void {
    if (text.length === 0) return;
    const { key } = leadingKey(text, 0);
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = { lengths: [], byHash: new Map() };
      this.#buckets.set(key, bucket);
    }
    if (!bucket.lengths.includes(text.length)) bucket.lengths.push(text.length);
    powers(text.length);
    const hash = rangeHash(prefixHashes(text), 0, text.length);
    const same = bucket.byHash.get(hash);
    if (same) same.push({ text, data });
    else bucket.byHash.set(hash, [{ text, data }]);
    this.#size++;
  }

  get size(): number {
    return this.#size;
  }

  /** Calls `found` for every value that occurs in `text` with a boundary before and after it. */
  search(text: string, found: (data: T, needle: string) => void): void {
    let hashes: { h1: Float64Array; h2: Float64Array } | undefined;
    let i = 0;
    while (i < text.length) {
      const { key, next } = leadingKey(text, i);
      const bucket = boundaryBefore(text, i) ? this.#buckets.get(key) : undefined;
      if (bucket)
        for (const length of bucket.lengths) {
          const end = i + length;
          if (end > text.length || !boundaryAt(text, end)) continue;
          hashes ??= prefixHashes(text);
          for (const needle of bucket.byHash.get(rangeHash(hashes, i, end)) ?? [])
            if (needle.text.length === length && text.startsWith(needle.text, i))
              found(needle.data, needle.text);
        }
      i = next;
    }
  }
}
