/**
 * What the bytes a PDF shows mean: a font's ToUnicode CMap when it has one, else its encoding
 * (WinAnsi, MacRoman, a Differences array of glyph names, a Unicode CMap for CID fonts). Codes that
 * map to nothing are counted, so a document whose text cannot be decoded (a CID font with no
 * ToUnicode, glyph names like `g17`) is reported unreadable instead of passing as read.
 */
import { PdfName, PdfOp, PdfParser, PdfString, type PdfValue } from './pdf-syntax.js';

export interface GlyphStats {
  shown: number;
  unmapped: number;
}

export interface FontCodec {
  decode(bytes: string, stats: GlyphStats): string;
}

/** A ToUnicode CMap: code space (how many bytes a code has) and code → text. */
export class CMap {
  readonly #ranges: { length: number; lo: number; hi: number }[] = [];
  readonly #map = new Map<number, string>();

  /** Mappings kept at most: a hostile range `<0000> <FFFFFFFF>` must not fill the memory. */
  static readonly MAX_ENTRIES = 100_000;

  constructor(text: string) {
    const p = new PdfParser(text, 0, text.length, false);
    let operands: PdfValue[] = [];
    for (let v = p.next(); v !== undefined; v = p.next()) {
      if (!(v instanceof PdfOp)) {
        operands.push(v);
        continue;
      }
      const strings = operands;
      operands = [];
      if (v.op === 'endcodespacerange') {
        for (let k = 0; k + 1 < strings.length; k += 2) {
          const [lo, hi] = [strings[k], strings[k + 1]];
          if (
            lo instanceof PdfString &&
            hi instanceof PdfString &&
            lo.bytes.length > 0 &&
            lo.bytes.length <= 4
          )
            this.#ranges.push({ length: lo.bytes.length, lo: code(lo.bytes), hi: code(hi.bytes) });
        }
      } else if (v.op === 'endbfchar') {
        for (let k = 0; k + 1 < strings.length; k += 2) {
          const [src, dst] = [strings[k], strings[k + 1]];
          if (src instanceof PdfString && dst instanceof PdfString) this.#set(src.bytes, utf16be(dst.bytes));
        }
      } else if (v.op === 'endbfrange') {
        for (let k = 0; k + 2 < strings.length; k += 3)
          this.#range(strings[k], strings[k + 1], strings[k + 2]);
      }
    }
    this.#ranges.sort((a, b) => a.length - b.length);
  }

  /** How many bytes the code at `i` has: the shortest code-space range that holds it. */
  codeLength(bytes: string, i: number, fallback: number): number {
    for (const r of this.#ranges) {
      if (i + r.length > bytes.length) break;
      const c = code(bytes.slice(i, i + r.length));
      if (c >= r.lo && c <= r.hi) return r.length;
    }
    return this.#ranges[0]?.length ?? fallback;
  }

  get(c: number, length: number): string | undefined {
    return this.#map.get(c * 8 + length);
  }

  #set(src: string, text: string): void {
    if (this.#map.size < CMap.MAX_ENTRIES && src.length <= 4) this.#map.set(code(src) * 8 + src.length, text);
  }

  #range(lo: PdfValue | undefined, hi: PdfValue | undefined, dst: PdfValue | undefined): void {
    if (!(lo instanceof PdfString) || !(hi instanceof PdfString)) return;
    const [first, last, length] = [code(lo.bytes), code(hi.bytes), lo.bytes.length];
    if (length > 4 || last < first) return;
    const count = Math.min(last - first + 1, CMap.MAX_ENTRIES - this.#map.size);
    for (let k = 0; k < count; k++) {
      let text: string | undefined;
      if (Array.isArray(dst)) {
        const item = dst[k];
        text = item instanceof PdfString ? utf16be(item.bytes) : undefined;
      } else if (dst instanceof PdfString) {
        // The range's destination counts up in its last UTF-16 unit.
        const base = utf16be(dst.bytes);
        text = base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + k);
      }
      if (text !== undefined) this.#map.set((first + k) * 8 + length, text);
    }
  }
}

/** A big-endian code of 1–4 bytes. */
function code(bytes: string): number {
  let c = 0;
  for (let i = 0; i < bytes.length; i++) c = c * 256 + bytes.charCodeAt(i);
  return c;
}

function utf16be(bytes: string): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2)
    out += String.fromCharCode((bytes.charCodeAt(i) << 8) | bytes.charCodeAt(i + 1));
  return out;
}

const cp1252High = '€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ';
/** WinAnsiEncoding (Windows-1252); also used for StandardEncoding and fonts that name none. */
const winAnsi: readonly (string | undefined)[] = Array.from({ length: 256 }, (_, c) => {
  if (c >= 0x20 && c < 0x7f) return String.fromCharCode(c);
  if (c >= 0x80 && c < 0xa0) return cp1252High[c - 0x80] === '\0' ? undefined : cp1252High[c - 0x80];
  return c >= 0xa0 ? String.fromCharCode(c) : undefined;
});
const macDecoder = new TextDecoder('macintosh');
const macRoman: readonly (string | undefined)[] = Array.from({ length: 256 }, (_, c) =>
  c >= 0x80 ? macDecoder.decode(Uint8Array.of(c)) : winAnsi[c],
);

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** A simple (one byte per code) font: ToUnicode first, then its encoding with Differences. */
export function simpleCodec(
  baseEncoding: string | undefined,
  differences: readonly PdfValue[],
  toUnicode?: CMap,
): FontCodec {
  const table = [...(baseEncoding === 'MacRomanEncoding' ? macRoman : winAnsi)];
  let at = 0;
  for (const item of differences) {
    if (typeof item === 'number') at = item;
    else if (item instanceof PdfName && at >= 0 && at < 256) table[at++] = glyphText(item.name);
  }
  let plainAscii = toUnicode === undefined;
  for (let c = 0x20; c < 0x7f && plainAscii; c++) plainAscii = table[c] === String.fromCharCode(c);
  return {
    decode(bytes, stats) {
      if (plainAscii && PRINTABLE_ASCII.test(bytes)) {
        stats.shown += bytes.length; // the common case, without a string built glyph by glyph
        return bytes;
      }
      let out = '';
      for (let i = 0; i < bytes.length; i++) {
        const c = bytes.charCodeAt(i);
        const text = toUnicode?.get(c, 1) ?? table[c];
        stats.shown++;
        if (text === undefined) stats.unmapped++;
        else out += text;
      }
      return out;
    },
  };
}

/** A CID font (Type0): ToUnicode, else a Unicode encoding CMap; Identity without ToUnicode maps nothing. */
export function type0Codec(encoding: string | undefined, toUnicode?: CMap): FontCodec {
  const unicode = encoding === undefined ? undefined : /^Uni.*-(UCS2|UTF16|UTF8)-[HV]$/.exec(encoding)?.[1];
  return {
    decode(bytes, stats) {
      if (toUnicode === undefined && unicode !== undefined) {
        stats.shown += bytes.length;
        const b = Buffer.from(bytes, 'latin1');
        if (unicode === 'UTF8') return b.toString('utf8');
        return b
          .subarray(0, b.length & ~1)
          .swap16()
          .toString('utf16le');
      }
      let out = '';
      for (let i = 0; i < bytes.length; ) {
        const length = toUnicode?.codeLength(bytes, i, 2) ?? 2;
        const text = toUnicode?.get(code(bytes.slice(i, i + length)), length);
        stats.shown++;
        if (text === undefined) stats.unmapped++;
        else out += text;
        i += length;
      }
      return out;
    },
  };
}

/** Glyph names for the printable ASCII characters, in code order from 0x20. */
const asciiGlyphs = [
  'space exclam quotedbl numbersign dollar percent ampersand quotesingle parenleft parenright asterisk plus',
  'comma hyphen period slash zero one two three four five six seven eight nine colon semicolon less equal',
  'greater question at A B C D E F G H I J K L M N O P Q R S T U V W X Y Z bracketleft backslash',
  'bracketright asciicircum underscore grave a b c d e f g h i j k l m n o p q r s t u v w x y z braceleft bar',
  'braceright asciitilde',
]
  .join(' ')
  .split(' ');
const glyphs = new Map<string, string>(asciiGlyphs.map((name, k) => [name, String.fromCharCode(0x20 + k)]));
for (const [name, text] of Object.entries({
  quoteright: '’',
  quoteleft: '‘',
  quotedblleft: '“',
  quotedblright: '”',
  quotesinglbase: '‚',
  quotedblbase: '„',
  guillemotleft: '«',
  guillemotright: '»',
  guilsinglleft: '‹',
  guilsinglright: '›',
  endash: '–',
  emdash: '—',
  bullet: '•',
  ellipsis: '…',
  periodcentered: '·',
  exclamdown: '¡',
  questiondown: '¿',
  nbspace: '\u00a0',
  nonbreakingspace: '\u00a0',
  sfthyphen: '\u00ad',
  minus: '−',
  multiply: '×',
  divide: '÷',
  degree: '°',
  Euro: '€',
  sterling: '£',
  yen: '¥',
  cent: '¢',
  currency: '¤',
  section: '§',
  paragraph: '¶',
  copyright: '©',
  registered: '®',
  trademark: '™',
  ordfeminine: 'ª',
  ordmasculine: 'º',
  mu: 'µ',
  dagger: '†',
  daggerdbl: '‡',
  perthousand: '‰',
  florin: 'ƒ',
  germandbls: 'ß',
  AE: 'Æ',
  ae: 'æ',
  OE: 'Œ',
  oe: 'œ',
  Oslash: 'Ø',
  oslash: 'ø',
  Eth: 'Ð',
  eth: 'ð',
  Thorn: 'Þ',
  thorn: 'þ',
  dotlessi: 'ı',
  Lslash: 'Ł',
  lslash: 'ł',
  Dcroat: 'Đ',
  dcroat: 'đ',
  fi: 'fi',
  fl: 'fl',
  ff: 'ff',
  ffi: 'ffi',
  ffl: 'ffl',
})) {
  glyphs.set(name, text);
}
const accents: Record<string, string> = {
  acute: '\u0301',
  grave: '\u0300',
  circumflex: '\u0302',
  tilde: '\u0303',
  macron: '\u0304',
  breve: '\u0306',
  dotaccent: '\u0307',
  dieresis: '\u0308',
  ring: '\u030a',
  hungarumlaut: '\u030b',
  caron: '\u030c',
  commaaccent: '\u0326',
  cedilla: '\u0327',
  ogonek: '\u0328',
};
const accented = new RegExp(`^([A-Za-z])(${Object.keys(accents).join('|')})$`);

/**
 * The text of a glyph name (Adobe's naming: `a`, `eacute`, `uni00E9`, `f_i`, `one.oldstyle`);
 * undefined for names that say nothing (`g17`, `cid42`), which is when a document stops being read.
 */
export function glyphText(name: string): string | undefined {
  const known = glyphs.get(name);
  if (known !== undefined) return known;
  const base = name.split('.')[0]!;
  if (base.includes('_')) {
    const parts = base.split('_').map(glyphText);
    return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
  }
  const uni = /^uni((?:[0-9A-F]{4})+)$/.exec(base);
  if (uni !== null) return String.fromCharCode(...uni[1]!.match(/.{4}/g)!.map((h) => Number.parseInt(h, 16)));
  const u = /^u([0-9A-F]{4,6})$/.exec(base);
  if (u !== null) {
    const cp = Number.parseInt(u[1]!, 16);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : undefined;
  }
  const m = accented.exec(base);
  if (m !== null) return (m[1]! + accents[m[2]!]!).normalize('NFC');
  return base !== name ? glyphText(base) : undefined;
}
