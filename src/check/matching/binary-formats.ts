/**
 * The containers and images the leak check opens inside a binary value: zip and tar (entry names
 * and each entry read again), PNG, JPEG, GIF and WebP (metadata and what follows the image, not
 * the compressed pixels), and the text of XML documents (Office files, XMP). Each reads into the
 * value's `Reading` (see `binary-texts.ts`).
 */
import type { Reading } from './binary-texts.js';

/** The text of an XML document (Office files, XMP) without its tags, words of one paragraph joined. */
export function addXmlText(reading: Reading, text: string): void {
  if (!/^\s*<\?x(ml|packet)\b/.test(text)) return;
  const stripped = text
    .replace(/<\/?(?:w:p|w:br|w:tab|w:tc|text:p|text:h|text:s|a:p|si|p|br|div|li|td|tr)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(
      /&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi,
      (_, dec, hex, name: string | undefined) => {
        if (name !== undefined)
          return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name.toLowerCase()] ?? '';
        const cp = dec !== undefined ? Number(dec) : Number.parseInt(hex, 16);
        return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
      },
    );
  reading.add(stripped.replace(/\s+/g, ' '));
}

/** Zip: entry names, and each stored or deflated entry read again. */
export function readZip(b: Buffer, reading: Reading, depth: number): void {
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    // A cut-off zip: its entries cannot be found reliably.
    reading.readable = false;
    reading.runs(b, 0, b.length);
    return;
  }
  const count = b.readUInt16LE(eocd + 10);
  let at = b.readUInt32LE(eocd + 16);
  for (let e = 0; e < count; e++) {
    if (at + 46 > b.length || b.readUInt32LE(at) !== 0x02014b50) {
      reading.readable = false;
      return;
    }
    const flags = b.readUInt16LE(at + 8);
    const method = b.readUInt16LE(at + 10);
    const size = b.readUInt32LE(at + 20);
    const nameLength = b.readUInt16LE(at + 28);
    const local = b.readUInt32LE(at + 42);
    const name = b.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + b.readUInt16LE(at + 30) + b.readUInt16LE(at + 32);
    reading.add(name);
    if (name.endsWith('/')) continue;
    if (flags & 1 || size === 0xffffffff || local + 30 > b.length || b.readUInt32LE(local) !== 0x04034b50) {
      reading.readable = false; // encrypted, zip64 or damaged
      continue;
    }
    const dataStart = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    const data = b.subarray(dataStart, dataStart + size);
    if (!reading.open(depth)) continue;
    const content = method === 0 ? data : method === 8 ? reading.inflate(data, 'raw') : null;
    if (content === null) reading.readable = false;
    else reading.read(content, depth + 1);
  }
}

/** Tar: file names, and each file read again. */
export function readTar(b: Buffer, reading: Reading, depth: number): void {
  let at = 0;
  while (at + 512 <= b.length) {
    const header = b.subarray(at, at + 512);
    if (header.every((c) => c === 0)) return;
    const field = (from: number, to: number) => header.toString('utf8', from, to).replace(/\0.*$/s, '');
    const size = Number.parseInt(field(124, 136).trim() || '0', 8);
    if (!Number.isFinite(size) || size < 0) {
      reading.readable = false;
      reading.runs(b, at, b.length);
      return;
    }
    const type = String.fromCharCode(header[156]!);
    reading.add(field(345, 500) + field(0, 100));
    const content = b.subarray(at + 512, at + 512 + size);
    if (type === '0' || type === '\0' || type === '7') {
      if (!reading.open(depth)) return;
      reading.read(content, depth + 1);
    } else if (content.length > 0) reading.runs(content, 0, content.length); // long names, pax headers
    at += 512 + Math.ceil(size / 512) * 512;
  }
}

/** PNG: every chunk but the pixels and the colour profile; compressed text chunks inflated. */
export function readPng(b: Buffer, reading: Reading): void {
  let at = 8;
  while (at + 12 <= b.length) {
    const length = b.readUInt32BE(at);
    const type = b.toString('latin1', at + 4, at + 8);
    const data = at + 8;
    if (data + length + 4 > b.length) break;
    at = data + length + 4;
    if (type === 'IDAT' || type === 'fdAT' || type === 'iCCP') continue;
    if (type === 'IEND') {
      reading.runs(b, at, b.length); // anything appended after the image
      return;
    }
    const nul = b.indexOf(0, data);
    if ((type === 'zTXt' || type === 'iTXt') && nul >= 0 && nul < data + length) {
      reading.add(b.toString('latin1', data, nul));
      let textStart = nul + 2; // zTXt: keyword, 0, method
      let compressed = type === 'zTXt';
      if (type === 'iTXt') {
        compressed = b[nul + 1] === 1;
        const language = b.indexOf(0, nul + 3);
        const translated = language < 0 ? -1 : b.indexOf(0, language + 1);
        if (translated < 0 || translated >= data + length) continue;
        reading.add(b.toString('utf8', language + 1, translated));
        textStart = translated + 1;
      }
      const raw = b.subarray(textStart, data + length);
      const text = compressed ? reading.inflate(raw, 'zlib') : raw;
      if (text === null) reading.readable = false;
      else reading.add(text.toString(type === 'zTXt' ? 'latin1' : 'utf8'));
      continue;
    }
    reading.runs(b, data, data + length);
  }
  // A damaged chunk list: what is left may be anything.
  if (at < b.length) reading.runs(b, at, b.length);
}

/** JPEG: application segments (EXIF, XMP, comments) and what follows the image; not the scans. */
export function readJpeg(b: Buffer, reading: Reading, thumbnails: boolean): void {
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) break;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xd9) {
      reading.runs(b, at + 2, b.length);
      return;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xd8) {
      at += 2;
      continue;
    }
    const end = at + 2 + b.readUInt16BE(at + 2);
    if (end > b.length) break;
    if ((marker >= 0xe0 && marker <= 0xef) || marker === 0xfe) {
      // EXIF carries a thumbnail JPEG: read its segments, not its scan.
      const thumb = thumbnails ? b.indexOf(Buffer.from([0xff, 0xd8, 0xff]), at + 4) : -1;
      if (thumb >= 0 && thumb < end) {
        reading.runs(b, at + 4, thumb);
        readJpeg(b.subarray(thumb, end), reading, false);
      } else reading.runs(b, at + 4, end);
    }
    at = end;
    if (marker === 0xda) {
      // Entropy-coded data: a marker is 0xff followed by neither 0 (a stuffed 0xff) nor a restart.
      for (at = b.indexOf(0xff, at); at >= 0 && at + 1 < b.length; at = b.indexOf(0xff, at + 1)) {
        const next = b[at + 1]!;
        if (next !== 0 && (next < 0xd0 || next > 0xd7)) break;
      }
      if (at < 0) at = b.length;
    }
  }
  if (at < b.length && b.length - at > 1) reading.runs(b, at, b.length);
}

/** GIF: comment, plain-text and application extensions (XMP), and what follows the trailer. */
export function readGif(b: Buffer, reading: Reading): void {
  const table = (packed: number) => (packed & 0x80 ? 3 * 2 ** ((packed & 7) + 1) : 0);
  let at = 13 + table(b[10] ?? 0);
  const blocks = (from: number): [Buffer, number] => {
    const parts: Buffer[] = [];
    let p = from;
    while (p < b.length && b[p] !== 0) {
      parts.push(b.subarray(p + 1, p + 1 + b[p]!));
      p += 1 + b[p]!;
    }
    return [Buffer.concat(parts), p + 1];
  };
  while (at < b.length) {
    const kind = b[at];
    if (kind === 0x3b) {
      reading.runs(b, at + 1, b.length);
      return;
    }
    if (kind === 0x21) {
      const label = b[at + 1];
      const [data, next] = blocks(at + 2);
      if (label !== 0xf9) reading.runs(data, 0, data.length);
      at = next;
    } else if (kind === 0x2c) {
      at = blocks(at + 10 + table(b[at + 9] ?? 0) + 1)[1];
    } else break;
  }
  if (at < b.length) reading.runs(b, at, b.length);
}

/** WebP: its EXIF, XMP and unknown chunks, and what follows the RIFF container. */
export function readWebp(b: Buffer, reading: Reading): void {
  const riffEnd = Math.min(b.length, 8 + b.readUInt32LE(4));
  let at = 12;
  while (at + 8 <= riffEnd) {
    const type = b.toString('latin1', at, at + 4);
    const size = b.readUInt32LE(at + 4);
    const end = Math.min(riffEnd, at + 8 + size);
    if (!['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF', 'ICCP'].includes(type))
      reading.runs(b, at + 8, end);
    at = end + (size & 1);
  }
  if (riffEnd < b.length) reading.runs(b, riffEnd, b.length);
}
