/**
 * The text a binary value holds, as the leak check reads it: a `bytea` can hold a note, a PDF, a
 * gzip'd export or a photo, and a name inside any of them is as much a leak as one in a text
 * column. Pure: bytes in, texts out, nothing written anywhere.
 *
 * What is read:
 * - text: the whole value when it is UTF-8 (or Windows-1252, or UTF-16 with a byte order mark) with
 *   few control characters;
 * - otherwise its printable runs (at least 4 characters, with a letter or digit) in UTF-8,
 *   Windows-1252 and UTF-16 LE/BE (found by the zero high bytes of Latin text, no BOM needed);
 * - PDF: the text its content streams show (plain, Flate, ASCIIHex, ASCII85; fonts mapped through
 *   ToUnicode), its strings (metadata, form fields, annotations) and its runs (see `pdf-texts.ts`);
 * - gzip, zlib, zip (stored and deflated entries, and their names) and tar: what they hold, read
 *   again, at most two containers deep, and never more than 8 MB of unpacked bytes per value;
 * - PNG, JPEG, GIF and WebP: their metadata (text chunks, EXIF, XMP, comments) and any bytes after
 *   the image's end; not the compressed pixels, whose runs are noise.
 *
 * `readable` says whether that reading saw everything the value can hold as text. It is false for
 * compressed or encrypted data that could not be unpacked (bzip2, xz, 7z, rar, zstd, an encrypted
 * zip entry or PDF, a PDF filter or font encoding not supported, output past the cap), and for a
 * value of no known format whose printable runs cover less than a fifth of it: random-looking bytes
 * (a hash, a key, ciphertext, a format nobody here knows) may be personal data in a form the check
 * cannot see, so a person decides. Recognised images count as readable although their pixels are
 * not read (text in a photo is out of reach of any check like this, and flagging every photo would
 * bury the findings that matter); a PDF with images and no text at all (a scan) does not.
 */
import { isUtf8 } from 'node:buffer';
import { constants, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { addXmlText, readGif, readJpeg, readPng, readTar, readWebp, readZip } from './binary-formats.js';
import { cp1252, MIN_RUN, printableRuns, utf8Sequence, utf16 } from './binary-runs.js';
import { readPdf } from './pdf-texts.js';

export interface BinaryTexts {
  readonly texts: string[];
  /** False when part of the value could not be read as text (see the module comment). */
  readonly readable: boolean;
  /**
   * The whole value is bytes of no known format that look random or whose printable runs cover
   * little of it (a hash, a key, ciphertext): its runs are chance, like `E «3` in 32 bytes of two
   * MD5s, not text anyone wrote.
   */
  readonly random?: boolean;
}
/** Unpacked bytes one value may produce, over all its containers and streams. */
const MAX_OUTPUT = 8 * 1024 * 1024;
/** Containers opened inside each other (a zip in a gzip is two). */
const MAX_DEPTH = 2;
/** Share of a value of unknown format (padding apart) that printable runs must cover to be readable. */
const TEXT_SHARE = 0.2;

/** Everything printable in `bytes`. Example: `binaryTexts(Buffer.from('%PDF-1.4 Naam: Jan'))`. */
export function binaryTexts(bytes: Buffer): BinaryTexts {
  const reading = new Reading(bytes);
  reading.read(bytes, 0);
  return {
    texts: [...reading.texts],
    readable: reading.readable,
    ...(reading.random ? { random: true } : {}),
  };
}

/** The whole value as text when it is valid UTF-8 with few control characters (1 in 20); else null. */
export function utf8Text(bytes: Buffer): string | null {
  if (bytes.length === 0 || !isUtf8(bytes)) return null;
  const text = bytes.toString('utf8');
  return fewControls(text) ? text : null;
}

function fewControls(text: string): boolean {
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) control++;
  }
  return control * 20 <= text.length;
}

/** Printable in Windows-1252: tab, newline, carriage return, ASCII and every defined high byte. */
function printable1252(c: number): boolean {
  if (c < 0x80) return (c >= 0x20 && c < 0x7f) || c === 9 || c === 10 || c === 13;
  return c !== 0x81 && c !== 0x8d && c !== 0x8f && c !== 0x90 && c !== 0x9d;
}

type Format =
  | 'pdf'
  | 'gzip'
  | 'zlib'
  | 'zip'
  | 'tar'
  | 'png'
  | 'jpeg'
  | 'gif'
  | 'webp'
  | 'opaque'
  | 'unknown';

const startsWith = (b: Buffer, magic: readonly number[], at = 0) =>
  b.length >= at + magic.length && magic.every((m, k) => b[at + k] === m);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Compressed or encrypted formats that built-ins cannot unpack: read as nothing, and unreadable. */
const opaqueMagics = [
  [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], // xz
  [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], // 7z
  [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], // rar
  [0x28, 0xb5, 0x2f, 0xfd], // zstd
  [0x04, 0x22, 0x4d, 0x18], // lz4
  ascii('Salted__'), // openssl enc
];

function formatOf(b: Buffer): Format {
  if (b.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  if (startsWith(b, [0x1f, 0x8b, 0x08])) return 'gzip';
  if (zlibHeaded(b)) return 'zlib';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(b, ascii('ustar'), 257)) return 'tar';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a'))) return 'gif';
  if (startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(b, ascii('BZh')) && b[3]! >= 0x31 && b[3]! <= 0x39) return 'opaque'; // bzip2
  if (opaqueMagics.some((m) => startsWith(b, m))) return 'opaque';
  return 'unknown';
}

/** Starts with a zlib header: deflate, a window of at most 32 KB, and the header's check bits. */
function zlibHeaded(b: Buffer): boolean {
  return b.length >= 2 && (b[0]! & 0x0f) === 8 && b[0]! >> 4 <= 7 && ((b[0]! << 8) | b[1]!) % 31 === 0;
}

type InflateKind = 'gzip' | 'zlib' | 'raw' | 'flate';

/**
 * One value's reading: the texts found so far, whether all was readable, and the unpacked bytes it
 * may still produce. `pdf-texts.ts` reads through it too.
 */
export class Reading {
  readonly texts = new Set<string>();
  readable = true;
  /** The whole value was read as runs, and they are chance (see `BinaryTexts.random`). */
  random = false;
  #budget = MAX_OUTPUT;

  /** `whole`: the value being read, to tell when the runs read are of the whole of it. */
  constructor(readonly whole: Buffer) {}

  /** Adds a text found, trimmed. */
  add(text: string): void {
    const trimmed = text.trim();
    if (trimmed.length > 0) this.texts.add(trimmed);
  }

  /** Reads a value, or bytes found inside one `depth` containers down. */
  read(bytes: Buffer, depth: number): void {
    if (bytes.length === 0) return;
    const text = utf8Text(bytes);
    if (text !== null) {
      this.texts.add(text);
      addXmlText(this, text);
      if (formatOf(bytes) === 'pdf') readPdf(bytes, this, depth, true);
      return;
    }
    switch (formatOf(bytes)) {
      case 'pdf':
        readPdf(bytes, this, depth, false);
        return;
      case 'gzip': {
        const inner = this.open(depth) ? this.inflate(bytes, 'gzip') : null;
        if (inner === null) this.readable = false;
        else this.read(inner, depth + 1);
        return;
      }
      case 'zlib': {
        // Two bytes can look like a zlib header by chance: only a stream that inflates is one.
        const inner = depth < MAX_DEPTH ? this.#inflate(bytes, 'zlib') : 'invalid';
        if (inner instanceof Buffer) {
          this.read(inner, depth + 1);
          return;
        }
        if (inner === 'capped') {
          this.readable = false;
          return;
        }
        break;
      }
      case 'zip':
        readZip(bytes, this, depth);
        return;
      case 'tar':
        readTar(bytes, this, depth);
        return;
      case 'png':
        readPng(bytes, this);
        return;
      case 'jpeg':
        readJpeg(bytes, this, true);
        return;
      case 'gif':
        readGif(bytes, this);
        return;
      case 'webp':
        readWebp(bytes, this);
        return;
      case 'opaque':
        this.readable = false;
        return;
    }
    this.#readUnknown(bytes);
  }

  /** Whether a container at `depth` may be opened; marks the value unreadable when not. */
  open(depth: number): boolean {
    if (depth < MAX_DEPTH) return true;
    this.readable = false;
    return false;
  }

  /**
   * Inflates `data` within the value's budget; null when it is no such stream or would exceed the
   * budget (then the value is unreadable: what lies past the cap is not seen). A cut-off stream
   * gives what it holds. `flate` (a PDF's FlateDecode) tries zlib, then raw deflate.
   */
  inflate(data: Buffer, kind: InflateKind): Buffer | null {
    const out = this.#inflate(data, kind);
    if (out === 'capped') this.readable = false;
    return out instanceof Buffer ? out : null;
  }

  #inflate(data: Buffer, kind: InflateKind): Buffer | 'capped' | 'invalid' {
    if (kind === 'flate') {
      const zlib = this.#inflate(data, 'zlib');
      if (zlib !== 'invalid') return zlib;
      // A damaged checksum or a missing header still leaves a readable deflate stream.
      return this.#inflate(zlibHeaded(data) ? data.subarray(2) : data, 'raw');
    }
    if (this.#budget <= 0) return 'capped';
    const options = { maxOutputLength: this.#budget, finishFlush: constants.Z_SYNC_FLUSH };
    try {
      const out =
        kind === 'gzip'
          ? gunzipSync(data, options)
          : kind === 'zlib'
            ? inflateSync(data, options)
            : inflateRawSync(data, options);
      this.#budget -= out.length;
      return out;
    } catch (error) {
      return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'capped' : 'invalid';
    }
  }

  /** Text, or else printable runs judged by how much of the value they cover. */
  #readUnknown(b: Buffer): void {
    if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) {
      const text = utf16(b.subarray(2), b[0] === 0xff);
      if (fewControls(text)) {
        this.add(text);
        return;
      }
    }
    if (!this.#readMostlyText(b)) this.readRuns(b);
  }

  /**
   * The printable runs of binary of no known structure. Unreadable when it looks random
   * (compressed or encrypted data) or its runs cover less than `TEXT_SHARE` of it (zero and 0xff
   * padding apart).
   */
  readRuns(b: Buffer): void {
    const { covered, random } = printableRuns(b, 0, b.length, this.texts);
    if (b.length < MIN_RUN) return;
    let chance = random;
    if (!random) {
      // Zero and 0xff bytes pad structures; they are neither text nor data.
      let padding = 0;
      for (let i = 0; i < b.length; i++) if (b[i] === 0 || b[i] === 0xff) padding++;
      chance = covered < (b.length - padding) * TEXT_SHARE;
    }
    if (chance) {
      this.readable = false;
      if (b === this.whole) this.random = true;
    }
  }

  /**
   * A text that is not valid UTF-8 as a whole: Windows-1252, or UTF-8 with some damage (read both
   * ways when it holds both kinds of high bytes). False when control bytes say it is binary.
   */
  #readMostlyText(b: Buffer): boolean {
    const limit = b.length / 20;
    let control = 0;
    for (let i = 0; i < b.length; i++)
      if (!printable1252(b[i]!) && b[i]! < 0xa0 && ++control > limit) return false;
    let utf8 = 0;
    let latin = 0;
    for (let i = 0; i < b.length; i++) {
      if (b[i]! < 0x80) continue;
      const seq = utf8Sequence(b, i, b.length);
      if (seq < 0) latin++;
      else {
        utf8++;
        i += Math.floor(seq / 0x200000) - 1;
      }
    }
    if (latin * 3 > b.length) return false;
    if (utf8 > 0) this.add(b.toString('utf8'));
    if (latin > 0) this.add(cp1252(b));
    return true;
  }

  /** Adds the printable runs of `b[start, end)` (see `printableRuns`); returns how many bytes they cover. */
  runs(b: Buffer, start: number, end: number): number {
    return printableRuns(b, start, end, this.texts).covered;
  }
}
