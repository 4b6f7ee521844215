/**
 * Printable runs in binary of no known structure, as the leak check reads them: at least
 * `MIN_RUN` characters with a letter or digit, in UTF-8 (ASCII included), Windows-1252 and UTF-16
 * LE/BE without a BOM. Pure; built on native regular expressions over the bytes read as Latin-1,
 * since a loop in JavaScript over every byte costs several times more.
 */

/** Shortest printable run taken from binary (`strings` uses the same). */
export const MIN_RUN = 4;

export interface RunsFound {
  /** Bytes covered by UTF-8 and UTF-16 runs (Windows-1252 runs apart: see `printableRuns`). */
  readonly covered: number;
  /** The bytes look random (compressed or encrypted); see `looksRandom`. */
  readonly random: boolean;
}

/**
 * Adds the printable runs of `b[start, end)` to `texts`. Bytes that look random are read for
 * ASCII and UTF-16 runs only: their Windows-1252 and multi-byte UTF-8 readings are noise, and cost
 * most. `covered` leaves Windows-1252 runs out: random bytes are half letters in Windows-1252,
 * which would make noise look like text.
 */
export function printableRuns(b: Buffer, start: number, end: number, texts: Set<string>): RunsFound {
  if (end - start < MIN_RUN) return { covered: 0, random: false };
  const random = looksRandom(b, start, end);
  const text = b.toString('latin1', start, end);
  const taken: number[] = [];
  if (!random) {
    LATIN_RUN.lastIndex = 0;
    for (let m = LATIN_RUN.exec(text); m !== null; m = LATIN_RUN.exec(text))
      if (HIGH.test(m[0]))
        latinRuns(b, start + m.index, start + m.index + m[0].length, text, start, taken, texts);
  }
  let covered = 0;
  let next = 0; // the first run in `taken` that may still hold the current one
  const pattern = random ? ASCII_RUN : UTF8_RUN;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const [from, to] = [start + m.index, start + m.index + m[0].length];
    const ascii = random || !HIGH.test(m[0]);
    const run = random ? m[0] : (ascii ? m[0] : b.toString('utf8', from, to)).trim();
    if (run.length < MIN_RUN || !(ascii ? WORD : WORD_UNICODE).test(run)) continue;
    covered += to - from;
    while (next < taken.length && taken[next + 1]! <= from) next += 2;
    // Fragments of a Windows-1252 run (`M`, `ller` of `Müller`) would be noise.
    if (!(next < taken.length && taken[next]! <= from && to <= taken[next + 1]!)) texts.add(run);
  }
  return { covered: covered + utf16Runs(b, start, text, texts), random };
}

/**
 * UTF-16 runs without a BOM, both byte orders at both alignments. Where runs overlap, those that
 * pair the bytes into units the way with the most letters are kept (see `bestPairing`).
 */
function utf16Runs(b: Buffer, base: number, text: string, texts: Set<string>): number {
  const runs: Run[] = [];
  for (const le of [true, false]) {
    const pattern = le ? UTF16LE_RUN : UTF16BE_RUN;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const run = { start: base + m.index, end: base + m.index + m[0].length, le, words: 0 };
      run.words = utf16Words(b, run.start, run.end, le);
      if (run.words > 0) runs.push(run);
    }
  }
  if (runs.length === 0) return 0;
  runs.sort((x, y) => x.start - y.start);
  let covered = 0;
  const take = (run: Run) => {
    const found = utf16(b.subarray(run.start, run.end), run.le).trim();
    if (found !== '') texts.add(found);
    covered += run.end - run.start;
  };
  let group: Run[] = [];
  let groupEnd = -1;
  for (const run of runs) {
    if (run.start >= groupEnd) {
      for (const r of bestPairing(group)) take(r);
      group = [];
    }
    group.push(run);
    groupEnd = Math.max(groupEnd, run.end);
  }
  for (const r of bestPairing(group)) take(r);
  return covered;
}

/** Windows-1252 at 0x80–0x9f (Latin-1 has control characters there); U+FFFD where it defines none. */
const cp1252High = '€\ufffd‚ƒ„…†‡ˆ‰Š‹Œ\ufffdŽ\ufffd\ufffd‘’“”•–—˜™š›œ\ufffdžŸ';

/** `bytes[start, end)` as Windows-1252 (Node's `windows-1252` decoder is Latin-1). */
export function cp1252(bytes: Buffer, start = 0, end = bytes.length): string {
  return bytes
    .toString('latin1', start, end)
    .replace(/[\x80-\x9f]/g, (c) => cp1252High[c.charCodeAt(0) - 0x80]!);
}

/**
 * The valid UTF-8 sequence of 2–4 bytes at `i`, as `length * 2^21 + codePoint`; -1 when there is
 * none (a lone continuation byte, an overlong form, a surrogate, a cut sequence).
 */
export function utf8Sequence(b: Buffer, i: number, end: number): number {
  const c = b[i]!;
  let n: number;
  let cp: number;
  if (c >= 0xc2 && c <= 0xdf) [n, cp] = [2, c & 0x1f];
  else if (c >= 0xe0 && c <= 0xef) [n, cp] = [3, c & 0x0f];
  else if (c >= 0xf0 && c <= 0xf4) [n, cp] = [4, c & 0x07];
  else return -1;
  if (i + n > end) return -1;
  for (let k = 1; k < n; k++) {
    const d = b[i + k]!;
    if ((d & 0xc0) !== 0x80) return -1;
    cp = (cp << 6) | (d & 0x3f);
  }
  if (
    (n === 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
    (n === 4 && (cp < 0x10000 || cp > 0x10ffff))
  )
    return -1;
  return n * 0x200000 + cp;
}

// Run patterns, over bytes read as Latin-1 (one character per byte).
/** Runs of printable ASCII, trimmed: from the first to the last character that is no space. */
const ASCII_RUN = /[!-~][\t\n\r -~]{2,}[!-~]/g;
/** Printable ASCII and valid UTF-8 sequences of non-control characters (no overlong forms or surrogates). */
const UTF8_RUN =
  /(?:[\t\n\r\x20-\x7e]|\xc2[\xa0-\xbf]|[\xc3-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}){4,}/g;
/** Printable Windows-1252; `latinRuns` decides what in it is text. */
const LATIN_RUN = /[\t\n\r\x20-\x7e\x80\x8a\x8c\x8e\x91-\x94\x96\x97\x9a\x9c\x9e\x9f\xa0-\xff]{4,}/g;
/** Latin text (high byte 0) or Latin Extended, Greek, Cyrillic, Armenian, Hebrew, Vietnamese. */
// Built from strings: the zero and other control bytes of UTF-16 cannot be written in a literal.
const UTF16_CHAR = '[\\t\\n\\r\\x20-\\x7e\\xa0-\\xff]';
const UTF16_HIGH = '[\\u0001-\\u0005\\u001e]';
// A low byte of 0 above U+00FF (`Ā`, U+0100) is left out: `00 01` is far more often a small number.
const UTF16LE_RUN = new RegExp(`(?:${UTF16_CHAR}\\u0000|[\\u0001-\\u00ff]${UTF16_HIGH}){4,}`, 'g');
const UTF16BE_RUN = new RegExp(`(?:\\u0000${UTF16_CHAR}|${UTF16_HIGH}[\\u0001-\\u00ff]){4,}`, 'g');
const HIGH = /[\x80-\xff]/;
const WORD = /[A-Za-z0-9]/;
const WORD_UNICODE = /[\p{L}\p{N}]/u;

/**
 * Whether bytes look random: a byte histogram (of up to 16 samples of 4 KB) close to uniform.
 * Compressed and encrypted data come out at about 1–2 times the chi-square of uniform bytes; text,
 * executables and other structured data at tens to thousands of times.
 */
function looksRandom(b: Buffer, start: number, end: number): boolean {
  const n = end - start;
  if (n < 1024) return false;
  const histogram = new Uint32Array(256);
  const chunk = Math.min(4096, n);
  const chunks = Math.min(16, Math.ceil(n / chunk));
  for (let k = 0; k < chunks; k++) {
    const from = start + Math.floor(((n - chunk) * k) / Math.max(1, chunks - 1));
    for (let i = from; i < from + chunk; i++) histogram[b[i]!]!++;
  }
  const expected = (chunk * chunks) / 256;
  let chi = 0;
  for (const observed of histogram) chi += (observed - expected) ** 2 / expected;
  return chi < 3 * 255;
}

/**
 * The runs of a group of overlapping ones that pair its bytes into units the right way. UTF-16BE
 * read one byte later is UTF-16LE of the same units, but for its ends: `Jansen` big-endian after
 * a printable byte `R` reads `RJanse` little-endian, and nothing in the bytes says which is
 * meant, so such twins are all kept. Runs pairing the bytes the other way read other units; of
 * the two pairings, the one whose best run has more letters (then more units) wins, both on a tie.
 */
function bestPairing(group: readonly Run[]): Run[] {
  const pairing = (r: Run) => (r.start + (r.le ? 0 : 1)) % 2;
  const score = (r: Run) => r.words * 2 ** 32 + (r.end - r.start);
  const best = [0, 0];
  for (const r of group) best[pairing(r)] = Math.max(best[pairing(r)]!, score(r));
  return group.filter((r) => best[pairing(r)]! >= best[1 - pairing(r)]!);
}

function utf16Words(b: Buffer, start: number, end: number, le: boolean): number {
  let words = 0;
  for (let j = start; j + 1 < end; j += 2) {
    const [lo, hi] = le ? [b[j]!, b[j + 1]!] : [b[j + 1]!, b[j]!];
    if (hi !== 0 || (lo < 0x80 ? byteClass[lo] === ALNUM : lo >= 0xc0 && lo !== 0xd7 && lo !== 0xf7)) words++;
  }
  return words;
}

/** Byte classes of the run scanners. High bytes are classed as Windows-1252. */
const STOP = 0;
const SPACE = 1;
const PUNCT = 2;
const ALNUM = 3;
const HIGH_LETTER = 4;
const HIGH_PUNCT = 5;
const byteClass = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  if (c === 9 || c === 10 || c === 13 || c === 32) byteClass[c] = SPACE;
  else if (c > 32 && c < 0x7f) byteClass[c] = /[A-Za-z0-9]/.test(String.fromCharCode(c)) ? ALNUM : PUNCT;
  else if ((c >= 0xc0 && c !== 0xd7 && c !== 0xf7) || [0x8a, 0x8c, 0x8e, 0x9a, 0x9c, 0x9e, 0x9f].includes(c))
    byteClass[c] = HIGH_LETTER;
  else if ([0x80, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0xa0, 0xa3, 0xa7, 0xab, 0xb0, 0xb4, 0xbb].includes(c))
    byteClass[c] = HIGH_PUNCT;
}
const asciiLetter = (c: number | undefined) => c !== undefined && (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;

/**
 * Windows-1252 runs that hold a high byte UTF-8 does not explain (`Müller` written by a Latin-1
 * system). Random bytes are half letters in Windows-1252, so a run must look like text: its high
 * letters sit in words with an ASCII letter (or stand alone, `à`), three high bytes in a row end
 * it, and it has at least twice as many ASCII letters and digits as high bytes. `text` is `b` as
 * Latin-1 from `base`; the runs' spans go to `taken` (start, end pairs in order).
 */
function latinRuns(
  b: Buffer,
  start: number,
  end: number,
  text: string,
  base: number,
  taken: number[],
  texts: Set<string>,
): void {
  let first = -1;
  let last = -1;
  let lastAscii = -1;
  let high = 0;
  let latinOnly = 0;
  let alnum = 0;
  let row = 0;
  let utf8Until = start; // bytes before this belong to a UTF-8 character already seen
  const flush = () => {
    if (first >= 0 && latinOnly > 0 && last - first >= MIN_RUN && alnum >= 2 * high) {
      const run = text.slice(first - base, last - base);
      texts.add(
        /[\x80-\x9f]/.test(run)
          ? run.replace(/[\x80-\x9f]/g, (c) => cp1252High[c.charCodeAt(0) - 0x80]!)
          : run,
      );
      taken.push(first, last);
    }
    first = -1;
    high = latinOnly = alnum = 0;
  };
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    const kind = byteClass[c]!;
    if (kind === STOP) {
      if (first >= 0) flush();
      row = 0;
      continue;
    }
    if (c < 0x80) {
      row = 0;
      if (kind !== SPACE) {
        if (first < 0) first = i;
        last = lastAscii = i + 1;
        if (kind === ALNUM) alnum++;
      }
      continue;
    }
    if (++row >= 3) {
      // Noise, or text in another encoding: the run ends before this cluster.
      if (row === 3 && first >= 0) {
        last = Math.max(first, lastAscii);
        flush();
      }
      continue;
    }
    if (kind === HIGH_LETTER && !inWord(b, i)) {
      if (first >= 0) flush();
      continue;
    }
    if (first < 0) first = i;
    last = i + 1;
    high++;
    if (i < utf8Until) continue;
    const seq = utf8Sequence(b, i, end);
    if (seq < 0) latinOnly++;
    else utf8Until = i + Math.floor(seq / 0x200000);
  }
  if (first >= 0) flush();
}

/** A high letter at `i` in a word with an ASCII letter (`Müller`, `één`), or a word of its own (`à`). */
function inWord(b: Buffer, i: number): boolean {
  const [p, q] = [b[i - 1], b[i + 1]];
  if (asciiLetter(p) || asciiLetter(q)) return true;
  if (p !== undefined && byteClass[p] === HIGH_LETTER && asciiLetter(b[i - 2])) return true;
  if (q !== undefined && byteClass[q] === HIGH_LETTER && asciiLetter(b[i + 2])) return true;
  return p !== undefined && byteClass[p] === SPACE && (q === undefined || byteClass[q]! <= PUNCT);
}

interface Run {
  start: number;
  end: number;
  le: boolean;
  /** Letters and digits: where two readings overlap, the one with more is the right one. */
  words: number;
}

/** Bytes as UTF-16 of one byte order (an odd last byte is left out). */
export function utf16(b: Buffer, le: boolean): string {
  const even = b.length & ~1;
  if (le) return b.toString('utf16le', 0, even);
  const swapped = Buffer.from(b.subarray(0, even));
  return swapped.swap16().toString('utf16le');
}
