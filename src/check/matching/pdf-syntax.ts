/**
 * PDF's object syntax, enough to read text out of a document: numbers, strings, names, arrays,
 * dictionaries, references and (in content streams and CMaps) operators. Works on a Latin-1 string
 * of the bytes, so string positions are byte positions. Tolerant: malformed input gives odd values,
 * never an exception or a loop that does not end.
 */

export class PdfName {
  constructor(readonly name: string) {}
}

/** A string's bytes, one character per byte (what they mean depends on where the string is used). */
export class PdfString {
  constructor(readonly bytes: string) {}
}

export class PdfRef {
  constructor(readonly num: number) {}
}

/** An operator or keyword: `Tj`, `BT`, `stream`, `beginbfchar`; also a stray `]` or `>>`. */
export class PdfOp {
  constructor(readonly op: string) {}
}

export type PdfDict = Map<string, PdfValue>;

// Operators repeat by the thousand in a content stream: one object each.
const operators = new Map<string, PdfOp>();
function op(word: string): PdfOp {
  let known = operators.get(word);
  if (known === undefined) {
    known = new PdfOp(word);
    if (operators.size < 1024 && word.length <= 32) operators.set(word, known);
  }
  return known;
}
export type PdfValue = number | boolean | null | PdfName | PdfString | PdfRef | PdfOp | PdfValue[] | PdfDict;

/** Nesting deeper than this is not followed: real documents nest a few levels, hostile ones thousands. */
const MAX_NESTING = 64;

/** Character classes by byte: 1 whitespace, 2 delimiter, 0 regular. */
const CLASS = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) CLASS[c] = 1;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2;

const isSpace = (c: number) => CLASS[c] === 1;
const isDelimiter = (c: number) => CLASS[c] === 2;
/** Regular (part of a word); NaN (past the end) is not. */
const isRegular = (c: number) => CLASS[c] === 0;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

export class PdfParser {
  pos: number;

  /** `refs`: read `n g R` as a reference (content streams and CMaps have none; skipping the look-ahead is faster). */
  constructor(
    readonly s: string,
    start = 0,
    readonly end = s.length,
    readonly refs = true,
  ) {
    this.pos = start;
  }

  /** The next object or operator; undefined at the end. */
  next(depth = 0): PdfValue | undefined {
    const s = this.s;
    this.#skipSpace();
    if (this.pos >= this.end) return undefined;
    const c = s.charCodeAt(this.pos);
    if (c === 0x28) return this.#literal();
    if (c === 0x3c) {
      if (s.charCodeAt(this.pos + 1) === 0x3c) {
        this.pos += 2;
        // Too deep: the opening is dropped (no recursion, so no stack overflow).
        return depth < MAX_NESTING ? this.#dict(depth) : null;
      }
      return this.#hex();
    }
    if (c === 0x5b) {
      this.pos++;
      return depth < MAX_NESTING ? this.#array(depth) : null;
    }
    if (c === 0x2f) return this.#name();
    if (c === 0x3e && s.charCodeAt(this.pos + 1) === 0x3e) {
      this.pos += 2;
      return op('>>');
    }
    if (isDelimiter(c)) {
      this.pos++;
      return op(String.fromCharCode(c));
    }
    const start = this.pos;
    while (this.pos < this.end && isRegular(s.charCodeAt(this.pos))) this.pos++;
    const word = s.slice(start, this.pos);
    if (isDigit(c) || ((c === 0x2b || c === 0x2d || c === 0x2e) && word.length > 1)) {
      const n = Number(word);
      if (Number.isNaN(n)) return op(word);
      return this.refs && Number.isInteger(n) && isDigit(c) ? this.#maybeRef(n) : n;
    }
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    return op(word);
  }

  /** Skips to just after `keyword` standing alone at or past the position; false when it never comes. */
  skipPast(keyword: string): boolean {
    let at = this.pos;
    for (;;) {
      at = this.s.indexOf(keyword, at);
      if (at < 0 || at >= this.end) return false;
      const before = this.s.charCodeAt(at - 1);
      const after = this.s.charCodeAt(at + keyword.length);
      if ((at === 0 || isSpace(before)) && !isRegular(after)) {
        this.pos = at + keyword.length;
        return true;
      }
      at += keyword.length;
    }
  }

  #skipSpace(): void {
    const s = this.s;
    while (this.pos < this.end) {
      const c = s.charCodeAt(this.pos);
      if (isSpace(c)) this.pos++;
      else if (c === 0x25) {
        while (this.pos < this.end && s.charCodeAt(this.pos) !== 10 && s.charCodeAt(this.pos) !== 13)
          this.pos++;
      } else return;
    }
  }

  /** `n g R` after an integer `n`, else the integer itself. */
  #maybeRef(n: number): number | PdfRef {
    const s = this.s;
    let p = this.pos;
    const skip = (test: (c: number) => boolean) => {
      const from = p;
      while (p < this.end && test(s.charCodeAt(p))) p++;
      return p > from;
    };
    if (!skip(isSpace) || !skip(isDigit) || !skip(isSpace) || s.charCodeAt(p) !== 0x52) return n;
    if (p + 1 < this.end && isRegular(s.charCodeAt(p + 1))) return n;
    this.pos = p + 1;
    return new PdfRef(n);
  }

  #literal(): PdfString {
    const s = this.s;
    let out = '';
    let depth = 0;
    let from = ++this.pos;
    while (this.pos < this.end) {
      const c = s.charCodeAt(this.pos);
      if (c === 0x28) depth++;
      else if (c === 0x29) {
        if (depth === 0) break;
        depth--;
      } else if (c === 0x5c) {
        out += s.slice(from, this.pos);
        this.pos++;
        out += this.#escape();
        from = this.pos;
        continue;
      } else if (c === 13) {
        // An end of line in a string is a line feed, however it was written.
        out += `${s.slice(from, this.pos)}\n`;
        if (s.charCodeAt(this.pos + 1) === 10) this.pos++;
        from = this.pos + 1;
      }
      this.pos++;
    }
    out += s.slice(from, this.pos);
    this.pos++;
    return new PdfString(out);
  }

  /** The character a backslash escape stands for; the position is just past the backslash. */
  #escape(): string {
    const s = this.s;
    const c = s[this.pos] ?? '';
    this.pos++;
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
    if (c in simple) return simple[c]!;
    if (c >= '0' && c <= '7') {
      let code = c.charCodeAt(0) - 0x30;
      for (let k = 0; k < 2 && s[this.pos]! >= '0' && s[this.pos]! <= '7'; k++)
        code = code * 8 + s.charCodeAt(this.pos++) - 0x30;
      return String.fromCharCode(code & 0xff);
    }
    if (c === '\r') {
      if (s[this.pos] === '\n') this.pos++;
      return '';
    }
    if (c === '\n') return '';
    return c; // \( \) \\ and any other character stand for themselves
  }

  #hex(): PdfString {
    const close = this.s.indexOf('>', this.pos + 1);
    const end = close < 0 || close > this.end ? this.end : close;
    const digits = this.s.slice(this.pos + 1, end).replace(/[^0-9a-fA-F]/g, '');
    this.pos = end + 1;
    let out = '';
    for (let i = 0; i < digits.length; i += 2)
      out += String.fromCharCode(Number.parseInt((digits.slice(i, i + 2) + '0').slice(0, 2), 16));
    return new PdfString(out);
  }

  #name(): PdfName {
    const start = ++this.pos;
    while (this.pos < this.end && isRegular(this.s.charCodeAt(this.pos))) this.pos++;
    const raw = this.s.slice(start, this.pos);
    return new PdfName(
      raw.includes('#')
        ? raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
        : raw,
    );
  }

  #array(depth: number): PdfValue[] {
    const items: PdfValue[] = [];
    for (;;) {
      const v = this.next(depth + 1);
      if (v === undefined || (v instanceof PdfOp && v.op === ']')) break;
      items.push(v);
    }
    return items;
  }

  #dict(depth: number): PdfDict {
    const dict: PdfDict = new Map();
    for (;;) {
      const key = this.next(depth + 1);
      if (key === undefined || (key instanceof PdfOp && key.op === '>>')) break;
      if (!(key instanceof PdfName)) continue;
      const value = this.next(depth + 1);
      if (value === undefined || (value instanceof PdfOp && value.op === '>>')) break;
      dict.set(key.name, value);
    }
    return dict;
  }
}

export const isDict = (v: PdfValue | undefined): v is PdfDict => v instanceof Map;
export const nameOf = (v: PdfValue | undefined): string | undefined =>
  v instanceof PdfName ? v.name : undefined;

/** PDFDocEncoding at 0x80–0x9f and 0x18–0x1f; elsewhere it is Latin-1. */
const pdfDocHigh = '•†‡…—–ƒ⁄‹›−‰„“”‘’‚™ﬁﬂŁŒŠŸŽıłœšž\ufffd€';
const pdfDocLow = '˘ˇˆ˙˝˛˚˜';

/** The PDFDocEncoding bytes that differ from Latin-1 (built from a string: 0x18–0x1f are control bytes). */
const PDF_DOC_SPECIAL = new RegExp(
  `[${String.fromCharCode(0x18)}-${String.fromCharCode(0x1f)}\\x80-\\xa0]`,
  'g',
);

/** A text string outside content (metadata, form values, bookmarks): UTF-16BE with a BOM, UTF-8 with one, else PDFDocEncoding. */
export function pdfTextString(bytes: string): string {
  if (bytes.startsWith('\xfe\xff') || bytes.startsWith('\xff\xfe')) {
    const b = Buffer.from(bytes.slice(2), 'latin1');
    if (bytes[0] === '\xfe') b.subarray(0, b.length & ~1).swap16();
    return b.toString('utf16le', 0, b.length & ~1);
  }
  if (bytes.startsWith('\xef\xbb\xbf')) return Buffer.from(bytes.slice(3), 'latin1').toString('utf8');
  return bytes.replace(PDF_DOC_SPECIAL, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return pdfDocLow[code - 0x18]!;
    return code === 0xa0 ? '€' : pdfDocHigh[code - 0x80]!;
  });
}
