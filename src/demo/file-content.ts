/**
 * Bytes of uploaded files: small but well-formed-looking PDFs, JPEGs and PNGs. PDFs carry their text
 * uncompressed and images may carry the person's name in metadata (a JPEG comment, a PNG iTXt
 * chunk), as scanner software does: personal data inside bytea is what the anonymizer must catch.
 */
import { crc32 } from 'node:zlib';

const utf8 = new TextEncoder();

/** Escapes a PDF literal string: backslash and parentheses. */
function pdfString(text: string): string {
  return `(${text.replace(/[\\()]/g, (ch) => `\\${ch}`)})`;
}

/** A one-page PDF whose content stream shows `lines`; `author` goes into the document info. */
export function pdfFile(lines: readonly string[], author: string | null): Uint8Array {
  const text = lines.map((line, i) => `${i === 0 ? '' : '0 -16 Td '}${pdfString(line)} Tj`).join('\n');
  const stream = `BT /F1 11 Tf 56 780 Td\n${text}\nET`;
  const info =
    author === null
      ? '<</Producer(ScanDesk 4.2)>>'
      : `<</Author${pdfString(author)}/Producer(ScanDesk 4.2)>>`;
  // Compact but complete object structure: catalog, page tree, page, content stream, info.
  const body = [
    '1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj',
    '2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj',
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>endobj',
    `4 0 obj<</Length ${utf8.encode(stream).length}>>stream\n${stream}\nendstream endobj`,
    `5 0 obj${info}endobj`,
    'trailer<</Root 1 0 R/Info 5 0 R>>\n%%EOF\n',
  ].join('\n');
  // The second header line holds high bytes so that tools treat the file as binary, as real PDFs do.
  return concat([utf8.encode('%PDF-1.4\n%'), Uint8Array.of(0xe2, 0xe3, 0xcf, 0xd3, 0x0a), utf8.encode(body)]);
}

/** A JPEG: SOI, a JFIF APP0 segment, an optional comment segment, scan noise, EOI. */
export function jpegFile(comment: string | null, noise: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [
    Uint8Array.of(0xff, 0xd8),
    Uint8Array.of(
      0xff,
      0xe0,
      0x00,
      0x10,
      0x4a,
      0x46,
      0x49,
      0x46,
      0x00,
      0x01,
      0x01,
      0x00,
      0x00,
      0x48,
      0x00,
      0x48,
      0x00,
      0x00,
    ),
  ];
  if (comment !== null) {
    const bytes = utf8.encode(comment);
    parts.push(Uint8Array.of(0xff, 0xfe, (bytes.length + 2) >> 8, (bytes.length + 2) & 0xff), bytes);
  }
  parts.push(Uint8Array.of(0xff, 0xda), noise, Uint8Array.of(0xff, 0xd9));
  return concat(parts);
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const typeAndData = concat([utf8.encode(type), data]);
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(typeAndData, 4);
  view.setUint32(8 + data.length, crc32(typeAndData));
  return out;
}

/** A PNG with a real signature, IHDR and CRCs; the name, if any, sits in an iTXt `Author` chunk. */
export function pngFile(author: string | null, width: number, height: number, noise: Uint8Array): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no interlace
  const chunks = [Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), pngChunk('IHDR', header)];
  if (author !== null) {
    // iTXt: keyword NUL, compression flag, method, language NUL, translated keyword NUL, UTF-8 text.
    chunks.push(
      pngChunk('iTXt', concat([utf8.encode('Author'), Uint8Array.of(0, 0, 0, 0, 0), utf8.encode(author)])),
    );
  }
  chunks.push(pngChunk('IDAT', noise), pngChunk('IEND', new Uint8Array(0)));
  return concat(chunks);
}

export function textFile(text: string): Uint8Array {
  return utf8.encode(text);
}

/**
 * `length` pseudo-random bytes from a 32-bit seed (xorshift32). Cheaper than drawing every byte from
 * the shared Mersenne Twister, and still deterministic because the seed is drawn from it.
 */
export function noiseBytes(seed: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed >>> 0 || 0x9e3779b9;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out[i] = state & 0xff;
  }
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
