/**
 * The text of a PDF, as the leak check reads it: what its pages show (text operators in content
 * streams, through each font's ToUnicode map or encoding), every text string of its objects
 * (metadata such as `/Author`, form field values, annotations, bookmarks), its embedded files and
 * XMP metadata, and the printable runs of everything outside its streams.
 *
 * It is unreadable when encrypted, when a stream it needs has a filter not supported here (LZW,
 * RunLength, a predictor, a crypt filter) or does not inflate, when more than 1 in 20 shown
 * characters map to nothing (a CID font without ToUnicode), and when it shows no text but holds
 * images: a scan, whose text is in pixels no check like this can read.
 */
import type { Reading } from './binary-texts.js';
import { CMap, type FontCodec, type GlyphStats, simpleCodec, type0Codec } from './pdf-fonts.js';
import {
  isDict,
  nameOf,
  type PdfDict,
  PdfOp,
  PdfParser,
  PdfRef,
  PdfString,
  type PdfValue,
  pdfTextString,
} from './pdf-syntax.js';

interface PdfObject {
  readonly value: PdfValue;
  /** Byte span of the stream's data, for stream objects. */
  readonly stream?: { readonly start: number; readonly end: number };
}

/** Filters of image data: pixels, not text. */
const IMAGE_FILTERS = new Set(['DCTDecode', 'DCT', 'JPXDecode', 'CCITTFaxDecode', 'CCF', 'JBIG2Decode']);
/** Keys whose strings are hashes or signatures, not text. */
const BINARY_KEYS = new Set(['ID', 'O', 'U', 'OE', 'UE', 'Perms', 'Cert', 'ByteRange']);
/** A TJ adjustment at least this far left (thousandths of an em) is read as a word space. */
const WORD_SPACE = -200;
/** A page's text is passed on in pieces of about this size, so no single text grows without bound. */
const MAX_TEXT = 256 * 1024;

const defaultCodec = simpleCodec(undefined, []);

/** Reads a PDF into `reading`; `textTaken`: the whole value was already taken as text (skip its runs). */
export function readPdf(bytes: Buffer, reading: Reading, depth: number, textTaken: boolean): void {
  new PdfDocument(bytes, reading).read(depth, textTaken);
}

class PdfDocument {
  readonly #s: string;
  readonly #objects = new Map<number, PdfObject>();
  /** Start and end of each stream's data, in order. */
  readonly #streamSpans: number[] = [];
  readonly #trailers: PdfDict[] = [];
  readonly #codecs = new Map<number, FontCodec>();
  readonly #stats: GlyphStats = { shown: 0, unmapped: 0 };
  #globalFonts: Map<string, PdfValue> | undefined;
  #images = 0;

  constructor(
    readonly bytes: Buffer,
    readonly reading: Reading,
  ) {
    this.#s = bytes.toString('latin1');
  }

  read(depth: number, textTaken: boolean): void {
    this.#index();
    if (!textTaken && this.#objects.size === 0) this.reading.readRuns(this.bytes);
    else if (!textTaken) {
      let from = 0;
      for (let k = 0; k < this.#streamSpans.length; k += 2) {
        this.reading.runs(this.bytes, from, this.#streamSpans[k]!);
        from = this.#streamSpans[k + 1]!;
      }
      this.reading.runs(this.bytes, from, this.bytes.length);
    }
    if (this.#encrypted()) {
      this.reading.readable = false;
      return;
    }
    this.#expandObjectStreams();
    for (const object of this.#objects.values()) this.#addStrings(object.value);
    const pages = this.#pageResources();
    let shown = false;
    for (const [num, object] of this.#objects)
      if (object.stream !== undefined && this.#readStream(num, object, pages, depth)) shown = true;
    const { shown: glyphs, unmapped } = this.#stats;
    if (unmapped > 0 && unmapped * 20 > glyphs) this.reading.readable = false;
    if (!shown && this.#images > 0) this.reading.readable = false;
  }

  /** Every `n g obj` outside stream data, and every trailer. Later definitions win (incremental updates). */
  #index(): void {
    const s = this.#s;
    const header = /(\d+)\s+\d+\s+obj\b/g;
    let endobj = s.indexOf('endobj');
    for (let m = header.exec(s); m !== null; m = header.exec(s)) {
      const bodyStart = m.index + m[0].length;
      while (endobj >= 0 && endobj < bodyStart) endobj = s.indexOf('endobj', bodyStart);
      const p = new PdfParser(s, bodyStart, endobj < 0 ? s.length : endobj);
      const value = p.next() ?? null;
      const after = p.next();
      const num = Number(m[1]);
      if (after instanceof PdfOp && after.op === 'stream') {
        let start = p.pos;
        if (s[start] === '\r') start++;
        if (s[start] === '\n') start++;
        const end = this.#streamEnd(value, start);
        this.#objects.set(num, { value, stream: { start, end } });
        this.#streamSpans.push(start, end);
        header.lastIndex = end;
      } else {
        this.#objects.set(num, { value });
        header.lastIndex = Math.max(bodyStart, Math.min(p.pos, endobj < 0 ? s.length : endobj));
      }
    }
    for (let at = s.indexOf('trailer'); at >= 0; at = s.indexOf('trailer', at + 7)) {
      const value = new PdfParser(s, at + 7, Math.min(s.length, at + 64 * 1024)).next();
      if (isDict(value)) this.#trailers.push(value);
    }
  }

  /** Where a stream's data ends: its `/Length` when `endstream` follows there, else before `endstream`. */
  #streamEnd(dict: PdfValue, start: number): number {
    const s = this.#s;
    const length = isDict(dict) ? dict.get('Length') : undefined;
    if (typeof length === 'number' && length >= 0 && start + length <= s.length) {
      if (/^\s*endstream/.test(s.slice(start + length, start + length + 32))) return start + length;
    }
    const at = s.indexOf('endstream', start);
    if (at < 0) return s.length;
    let end = at;
    if (s[end - 1] === '\n') end--;
    if (s[end - 1] === '\r') end--;
    return Math.max(start, end);
  }

  #encrypted(): boolean {
    const xrefs = [...this.#objects.values()]
      .map((o) => o.value)
      .filter((v) => isDict(v) && nameOf(v.get('Type')) === 'XRef');
    return [...this.#trailers, ...xrefs].some((d) => isDict(d) && d.has('Encrypt'));
  }

  #resolve(v: PdfValue | undefined): PdfValue | undefined {
    for (let hops = 0; v instanceof PdfRef && hops < 16; hops++) v = this.#objects.get(v.num)?.value;
    return v instanceof PdfRef ? undefined : v;
  }

  #dict(v: PdfValue | undefined): PdfDict | undefined {
    const r = this.#resolve(v);
    return isDict(r) ? r : undefined;
  }

  /** Objects compressed into object streams (PDF 1.5+), added to the index. */
  #expandObjectStreams(): void {
    for (const object of [...this.#objects.values()]) {
      const dict = this.#dict(object.value);
      if (object.stream === undefined || dict === undefined || nameOf(dict.get('Type')) !== 'ObjStm')
        continue;
      const data = this.#decode(object);
      if (data === null) {
        this.reading.readable = false;
        continue;
      }
      const text = data.toString('latin1');
      const first = this.#resolve(dict.get('First'));
      const count = this.#resolve(dict.get('N'));
      if (typeof first !== 'number' || typeof count !== 'number') continue;
      const head = new PdfParser(text, 0, Math.min(first, text.length));
      for (let k = 0; k < count; k++) {
        const num = head.next();
        const offset = head.next();
        if (typeof num !== 'number' || typeof offset !== 'number') break;
        const value = new PdfParser(text, first + offset).next() ?? null;
        if (!this.#objects.has(num)) this.#objects.set(num, { value });
      }
    }
  }

  /** Text strings anywhere in an object (metadata, form values, annotations), hashes apart. */
  #addStrings(root: PdfValue): void {
    const stack: PdfValue[] = [root];
    while (stack.length > 0) {
      const v = stack.pop()!;
      if (v instanceof PdfString) this.#addTextString(v.bytes);
      else if (Array.isArray(v)) for (const item of v) stack.push(item);
      else if (isDict(v)) for (const [key, item] of v) if (!BINARY_KEYS.has(key)) stack.push(item);
    }
  }

  #addTextString(bytes: string): void {
    const text = pdfTextString(bytes);
    let control = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) control++;
    }
    if (control * 10 <= text.length && /[\p{L}\p{N}]/u.test(text)) this.reading.add(text);
  }

  /** A stream's data through its filters; null when a filter is not supported or the data is damaged. */
  #decode(object: PdfObject): Buffer | null {
    const dict = this.#dict(object.value) ?? new Map();
    let data: Buffer | null = this.bytes.subarray(object.stream!.start, object.stream!.end);
    const filters = this.#filters(dict);
    const parms = this.#resolve(dict.get('DecodeParms'));
    for (const [k, filter] of filters.entries()) {
      const parm = this.#dict(Array.isArray(parms) ? parms[k] : parms);
      const predictor = this.#resolve(parm?.get('Predictor'));
      if (filter === 'FlateDecode' || filter === 'Fl') {
        if (typeof predictor === 'number' && predictor > 1) return null;
        data = this.reading.inflate(data, 'flate');
      } else if (filter === 'ASCIIHexDecode' || filter === 'AHx') data = asciiHex(data);
      else if (filter === 'ASCII85Decode' || filter === 'A85') data = ascii85(data);
      else return null;
      if (data === null) return null;
    }
    return data;
  }

  #filters(dict: PdfDict): string[] {
    const filter = this.#resolve(dict.get('Filter'));
    const list = Array.isArray(filter) ? filter.map((f) => this.#resolve(f)) : [filter];
    return list.map(nameOf).filter((f): f is string => f !== undefined);
  }

  /** Reads one stream; true when it showed text. */
  #readStream(num: number, object: PdfObject, pages: Map<number, PdfDict>, depth: number): boolean {
    const dict = this.#dict(object.value) ?? new Map<string, PdfValue>();
    const type = nameOf(this.#resolve(dict.get('Type')));
    const subtype = nameOf(this.#resolve(dict.get('Subtype')));
    if (type === 'XRef' || type === 'ObjStm' || type === 'CMap') return false;
    if (subtype === 'Image' || this.#filters(dict).some((f) => IMAGE_FILTERS.has(f))) {
      this.#images++;
      return false;
    }
    // Font programs: glyph outlines, not text.
    if (dict.has('Length1') || dict.has('Length2') || dict.has('Length3')) return false;
    if (subtype === 'Type1C' || subtype === 'CIDFontType0C' || subtype === 'OpenType') return false;
    const data = this.#decode(object);
    if (data === null) {
      this.reading.readable = false;
      return false;
    }
    if (type === 'EmbeddedFile') {
      if (this.reading.open(depth)) this.reading.read(data, depth + 1);
      return false;
    }
    if (type === 'Metadata') {
      this.reading.read(data, depth);
      return false;
    }
    const text = data.toString('latin1');
    if (text.includes('begincmap')) return false;
    const resources = this.#dict(dict.get('Resources')) ?? pages.get(num);
    return this.#showTexts(text, this.#fonts(resources));
  }

  /** The resources of the page each content stream belongs to (inherited from the page tree). */
  #pageResources(): Map<number, PdfDict> {
    const byStream = new Map<number, PdfDict>();
    for (const object of this.#objects.values()) {
      const page = this.#dict(object.value);
      if (page === undefined || nameOf(page.get('Type')) !== 'Page') continue;
      let resources: PdfDict | undefined;
      let node: PdfDict | undefined = page;
      for (let hops = 0; node !== undefined && resources === undefined && hops < 32; hops++) {
        resources = this.#dict(node.get('Resources'));
        node = this.#dict(node.get('Parent'));
      }
      const contents = page.get('Contents');
      const resolved = this.#resolve(contents);
      for (const ref of Array.isArray(resolved) ? resolved : [contents])
        if (ref instanceof PdfRef && resources !== undefined) byStream.set(ref.num, resources);
    }
    return byStream;
  }

  /** The codec for a font resource name, from these resources, else any font of that name in the document. */
  #fonts(resources: PdfDict | undefined): (name: string) => FontCodec {
    const fonts = this.#dict(resources?.get('Font'));
    return (name) => {
      const font = fonts?.get(name) ?? this.#anyFont(name);
      return font === undefined ? defaultCodec : this.#codec(font);
    };
  }

  #anyFont(name: string): PdfValue | undefined {
    if (this.#globalFonts === undefined) {
      this.#globalFonts = new Map();
      for (const object of this.#objects.values()) {
        const dict = this.#dict(object.value);
        for (const holder of [dict, this.#dict(dict?.get('Resources'))]) {
          const fonts = this.#dict(holder?.get('Font'));
          if (fonts !== undefined)
            for (const [key, font] of fonts)
              if (!this.#globalFonts.has(key)) this.#globalFonts.set(key, font);
        }
      }
    }
    return this.#globalFonts.get(name);
  }

  #codec(font: PdfValue): FontCodec {
    const cached = font instanceof PdfRef ? this.#codecs.get(font.num) : undefined;
    if (cached !== undefined) return cached;
    const dict = this.#dict(font);
    let codec = defaultCodec;
    if (dict !== undefined) {
      const toUnicode = this.#toUnicode(dict.get('ToUnicode'));
      const encoding = this.#resolve(dict.get('Encoding'));
      if (nameOf(dict.get('Subtype')) === 'Type0') codec = type0Codec(nameOf(encoding), toUnicode);
      else if (isDict(encoding)) {
        const differences = this.#resolve(encoding.get('Differences'));
        codec = simpleCodec(
          nameOf(this.#resolve(encoding.get('BaseEncoding'))),
          Array.isArray(differences) ? differences : [],
          toUnicode,
        );
      } else codec = simpleCodec(nameOf(encoding), [], toUnicode);
    }
    if (font instanceof PdfRef) this.#codecs.set(font.num, codec);
    return codec;
  }

  #toUnicode(ref: PdfValue | undefined): CMap | undefined {
    if (!(ref instanceof PdfRef)) return undefined;
    const object = this.#objects.get(ref.num);
    if (object?.stream === undefined) return undefined;
    const data = this.#decode(object);
    if (data === null) {
      this.reading.readable = false;
      return undefined;
    }
    return new CMap(data.toString('latin1'));
  }

  /**
   * The text a content stream shows, added twice when they differ: with a space wherever the
   * text moves (`Jan Jansen`, though glyph-by-glyph placement then reads `J a n`), and with words
   * of one line joined (`Jansen` from `[(Jan) -250 (sen)] TJ` or from one glyph per `Tj`).
   */
  #showTexts(content: string, fonts: (name: string) => FontCodec): boolean {
    const p = new PdfParser(content, 0, content.length, false);
    const operands: PdfValue[] = [];
    let codec = defaultCodec;
    const codecs = new Map<string, FontCodec>();
    let spaced = '';
    let joined = '';
    // Whether each ends open for a space (not empty, no space last): asking `endsWith` of a string
    // built by `+=` flattens it, every time.
    let spacedOpen = false;
    let joinedOpen = false;
    let shown = false;
    let lineY: number | undefined;
    const moved = () => {
      if (spacedOpen) spaced += ' ';
      spacedOpen = false;
    };
    const newLine = () => {
      moved();
      if (joinedOpen) joined += ' ';
      joinedOpen = false;
    };
    const flush = () => {
      if (/\S/.test(joined)) {
        this.reading.add(spaced);
        if (joined !== spaced) this.reading.add(joined);
      }
      spaced = joined = '';
      spacedOpen = joinedOpen = false;
    };
    const show = (v: PdfValue | undefined) => {
      if (!(v instanceof PdfString)) return;
      const text = codec.decode(v.bytes, this.#stats);
      spaced += text;
      joined += text;
      if (text !== '') spacedOpen = joinedOpen = !text.endsWith(' ');
      if (text !== '') shown = true;
    };
    for (let v = p.next(); v !== undefined; v = p.next()) {
      if (!(v instanceof PdfOp)) {
        operands.push(v);
        if (operands.length > 64) operands.splice(0, 48); // garbage between operators
        continue;
      }
      const last = operands[operands.length - 1];
      switch (v.op) {
        case 'Tf': {
          const name = nameOf(operands[operands.length - 2]);
          if (name !== undefined) {
            codec = codecs.get(name) ?? fonts(name);
            codecs.set(name, codec);
          }
          break;
        }
        case 'Tj':
          show(last);
          break;
        case "'":
        case '"':
          newLine();
          show(last);
          break;
        case 'TJ':
          if (Array.isArray(last))
            for (const item of last) {
              if (typeof item === 'number') {
                if (item <= WORD_SPACE) moved();
              } else show(item);
            }
          break;
        case 'Td':
        case 'TD':
          if (operands[operands.length - 1] !== 0) newLine();
          else moved();
          break;
        case 'Tm': {
          const y = operands[5];
          if (typeof y === 'number' && y === lineY) moved();
          else newLine();
          lineY = typeof y === 'number' ? y : undefined;
          break;
        }
        case 'T*':
        case 'BT':
        case 'ET':
          newLine();
          break;
        case 'BDC':
          if (isDict(last)) for (const key of ['ActualText', 'Alt', 'E']) this.#addText(last.get(key));
          break;
        case 'ID':
          // Inline image data runs to `EI`; read as operators it would be noise.
          p.skipPast('EI');
          break;
      }
      operands.length = 0;
      if (spaced.length > MAX_TEXT) flush();
    }
    flush();
    return shown;
  }

  #addText(v: PdfValue | undefined): void {
    if (v instanceof PdfString) this.#addTextString(v.bytes);
  }
}

function asciiHex(data: Buffer): Buffer {
  const text = data.toString('latin1');
  const end = text.indexOf('>');
  const digits = (end < 0 ? text : text.slice(0, end)).replace(/[^0-9a-fA-F]/g, '');
  return Buffer.from(digits.length % 2 === 0 ? digits : `${digits}0`, 'hex');
}

function ascii85(data: Buffer): Buffer {
  let zeros = 0;
  for (const c of data) if (c === 0x7a) zeros++;
  const out = Buffer.alloc(Math.ceil((data.length * 4) / 5) + zeros * 4 + 4);
  let n = 0;
  let group = 0;
  let count = 0;
  const put = (bytes: number) => {
    for (let k = 0; k < bytes; k++) out[n++] = Math.floor(group / 256 ** (3 - k)) % 256;
  };
  let i = data[0] === 0x3c && data[1] === 0x7e ? 2 : 0; // an optional `<~`
  for (; i < data.length; i++) {
    const c = data[i]!;
    if (c === 0x7e) break; // `~>` ends the data
    if (c === 0x7a && count === 0) {
      put(4); // `z`: four zero bytes (group is 0)
      continue;
    }
    if (c < 33 || c > 117) continue;
    group = group * 85 + (c - 33);
    if (++count === 5) {
      put(4);
      group = count = 0;
    }
  }
  if (count > 1) {
    const kept = count - 1;
    for (; count < 5; count++) group = group * 85 + 84;
    put(kept);
  }
  return out.subarray(0, n);
}
