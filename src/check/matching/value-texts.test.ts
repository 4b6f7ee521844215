import { createHash } from 'node:crypto';
import { deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import {
  byteaReadable,
  byteaText,
  holdsFreeText,
  jsonKeysIn,
  jsonTexts,
  textsIn,
  type ValueShape,
} from './value-texts.js';

const text: ValueShape = { category: 'text', isArray: false };
const textArray: ValueShape = { category: 'text', isArray: true };
const json: ValueShape = { category: 'json', isArray: false };
const jsonArray: ValueShape = { category: 'json', isArray: true };
const bytea: ValueShape = { category: 'bytea', isArray: false };
const hexOf = (s: string | Buffer) => `\\x${Buffer.from(s).toString('hex')}`;
const sorted = (a: string[]) => [...a].sort();

describe('textsIn', () => {
  test('a scalar is its own text', () => {
    expect(textsIn('Jan Jansen', text)).toEqual(['Jan Jansen']);
    expect(textsIn('', text)).toEqual(['']);
    expect(textsIn('17', { category: 'integer', isArray: false })).toEqual(['17']);
  });

  test('array elements, nested, quoted and escaped; NULL elements are left out', () => {
    expect(sorted(textsIn('{a,b}', textArray))).toEqual(['a', 'b']);
    expect(sorted(textsIn('{{a,NULL},{"b c","NULL"}}', textArray))).toEqual(['NULL', 'a', 'b c']);
    expect(textsIn('{"jan@example.nl, zie \\"notitie\\""}', textArray)).toEqual([
      'jan@example.nl, zie "notitie"',
    ]);
    expect(textsIn('{NULL,NULL}', textArray)).toEqual([]);
    expect(textsIn('{}', textArray)).toEqual([]);
    expect(sorted(textsIn('[0:1]={x,y}', textArray))).toEqual(['x', 'y']);
  });

  test('a value that is no array literal is read as one text', () => {
    expect(textsIn('not an array', textArray)).toEqual(['not an array']);
  });

  test('JSON: every string and number at any depth (keys apart)', () => {
    const doc = JSON.stringify({
      name: 'Jan',
      contact: { emails: ['jan@example.nl', { work: 'j.jansen@work.nl' }], phone: 612345678 },
      flags: [true, null, false],
    });
    expect(sorted(textsIn(doc, json))).toEqual(
      sorted(['Jan', 'jan@example.nl', 'j.jansen@work.nl', '612345678']),
    );
    expect(textsIn('"just a string"', json)).toEqual(['just a string']);
    expect(textsIn('123456782', json)).toEqual(['123456782']);
    expect(textsIn('null', json)).toEqual([]);
  });

  test('JSON that does not parse is read as one text', () => {
    expect(textsIn('{broken', json)).toEqual(['{broken']);
  });

  test('an array of JSON documents', () => {
    const value = `{${['{"a":"x@y.nl"}', '[1,"b"]'].map((d) => `"${d.replace(/"/g, '\\"')}"`).join(',')}}`;
    expect(sorted(textsIn(value, jsonArray))).toEqual(['1', 'b', 'x@y.nl']);
    expect(jsonKeysIn(value, jsonArray)).toEqual(['a']);
  });

  test('JSON nested 10,000 deep does not overflow the stack', () => {
    const deep = `${'['.repeat(10_000)}"bottom@example.nl"${']'.repeat(10_000)}`;
    expect(textsIn(deep, json)).toEqual(['bottom@example.nl']);
    const deepObject = `${'{"a":'.repeat(10_000)}"123456782"${'}'.repeat(10_000)}`;
    expect(textsIn(deepObject, json)).toEqual(['123456782']);
    expect(jsonKeysIn(deepObject, json)).toHaveLength(10_000);
  });

  // Regression: jsonTexts walks Object.values only, so object keys are never read; a map keyed by e-mail
  // address or BSN ({"jan@example.nl": "primary"}) hides its identifiers from fingerprinting and
  // from the leak check, though the json transform scrubs keys for exactly this reason.
  test('JSON object keys are read too, apart from the values (for identifiers, not names)', () => {
    expect(jsonKeysIn('{"jan@example.nl":"primary"}', json)).toEqual(['jan@example.nl']);
    expect(jsonTexts('{"jan@example.nl":"primary"}')).toEqual(['primary']);
  });

  // Regression: numbers were read through JSON.parse, so `1e400` was the word `Infinity` (a
  // fingerprint that every float column's Infinity met) and a 20-digit account number lost digits.
  test('JSON numbers are read as written', () => {
    expect(jsonTexts('{"big": 1e400, "account": 12345678901234567890, "s": "7 days"}')?.sort()).toEqual(
      ['12345678901234567890', '1e400', '7 days'].sort(),
    );
  });

  // Regression: textsIn spreads a whole inner dimension into Array.prototype.push (`stack.push(...node)`),
  // and a JSON element's texts likewise (`texts.push(...scalarTexts(…))`); a large enough value
  // throws RangeError (Maximum call stack size exceeded) instead of being read.
  test('a two-dimensional array with a large inner dimension is read', () => {
    const count = 500_000;
    const value = `{{${Array.from({ length: count }, (_, i) => `v${i}`).join(',')}}}`;
    expect(textsIn(value, textArray)).toHaveLength(count);
  });

  test('a JSON array element with very many strings is read', () => {
    const count = 500_000;
    const doc = JSON.stringify(Array.from({ length: count }, (_, i) => `v${i}`));
    expect(textsIn(`{"${doc.replace(/"/g, '\\"')}"}`, jsonArray)).toHaveLength(count);
  });

  test('bytea holding UTF-8 text gives the text', () => {
    expect(textsIn(hexOf('Notitie: bel Jan op 06-12345678'), bytea)).toEqual([
      'Notitie: bel Jan op 06-12345678',
    ]);
    expect(textsIn(hexOf('Zoë, Şükrü'), bytea)).toEqual(['Zoë, Şükrü']);
  });

  test('binary bytea gives nothing', () => {
    expect(
      textsIn(hexOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])), bytea),
    ).toEqual([]);
    expect(textsIn('\\x', bytea)).toEqual([]);
  });

  test('a bytea array gives the text of each element', () => {
    expect(
      sorted(
        textsIn(`{"${hexOf('abc').replace(/\\/g, '\\\\')}",NULL}`, { category: 'bytea', isArray: true }),
      ),
    ).toEqual(['abc']);
  });
});

describe('bytea beyond plain text', () => {
  const has = (texts: readonly string[], piece: string) => texts.some((t) => t.includes(piece));
  const content = 'BT /F1 12 Tf (Naam: Jan Jansen) Tj ET';
  const pdf = Buffer.concat([
    Buffer.from(
      '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Page /Contents 2 0 R >>\nendobj\n',
      'latin1',
    ),
    Buffer.from('2 0 obj\n<< /Filter /FlateDecode >>\nstream\n'),
    deflateSync(Buffer.from(content)),
    Buffer.from('\nendstream\nendobj\ntrailer\n<< >>\n%%EOF\n'),
  ]);

  test('a PDF gives the text its pages show, a gzip what it holds, binary its printable runs', () => {
    expect(has(textsIn(hexOf(pdf), bytea), 'Naam: Jan Jansen')).toBe(true);
    expect(textsIn(hexOf(gzipSync('bel Jan op 06-12345678')), bytea)).toEqual(['bel Jan op 06-12345678']);
    const binary = Buffer.concat([
      Buffer.from([0, 1, 2, 3]),
      Buffer.from('paspoort_jansen_43.pdf'),
      Buffer.from([0, 9]),
    ]);
    expect(textsIn(hexOf(binary), bytea)).toEqual(['paspoort_jansen_43.pdf']);
  });

  test('what the check reads is a copy: changing it changes nothing for the next caller', () => {
    const value = hexOf('Jan Jansen');
    textsIn(value, bytea).push('x');
    expect(textsIn(value, bytea)).toEqual(['Jan Jansen']);
  });

  test('byteaReadable: text, PDFs, images and empty values are; random or compressed-unknown bytes are not', () => {
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24));
    expect(byteaReadable(hexOf('Jan Jansen'))).toBe(true);
    expect(byteaReadable(hexOf(pdf))).toBe(true);
    expect(
      byteaReadable(
        hexOf(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), random])),
      ),
    ).toBe(true);
    expect(byteaReadable('\\x')).toBe(true);
    expect(byteaReadable(hexOf(random))).toBe(false);
    expect(
      byteaReadable(hexOf(Buffer.concat([Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), random]))),
    ).toBe(false);
    expect(byteaReadable('not hex')).toBe(false);
  });

  test('byteaReadable of a bytea array: readable when every element is', () => {
    const element = (b: Buffer | string) => `"${hexOf(b).replace(/\\/g, '\\\\')}"`;
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24));
    expect(byteaReadable(`{${element('Jan')},NULL,${element('Piet')}}`)).toBe(true);
    expect(byteaReadable(`{${element('Jan')},${element(random)}}`)).toBe(false);
  });
});

describe('byteaText', () => {
  test('valid UTF-8 text with tabs and new lines is text', () => {
    expect(byteaText(hexOf('line one\n\tline two\r\n'))).toBe('line one\n\tline two\r\n');
  });

  test('invalid UTF-8 is no text', () => {
    expect(byteaText('\\xc328')).toBeNull(); // a lead byte followed by no continuation
    expect(byteaText('\\xff')).toBeNull();
    expect(byteaText(hexOf(Buffer.concat([Buffer.from('hello '), Buffer.from([0xe2, 0x82])])))).toBeNull();
  });

  test('mostly control characters is no text', () => {
    expect(byteaText(hexOf('\u0001\u0002\u0003abc'))).toBeNull();
    // One control character in a long text is tolerated.
    expect(byteaText(hexOf(`${'a'.repeat(40)}\u0001`))).toBe(`${'a'.repeat(40)}\u0001`);
  });

  test('what is not in hex form is no bytea text', () => {
    expect(byteaText('hello')).toBeNull();
    expect(byteaText('')).toBeNull();
  });
});

describe('holdsFreeText', () => {
  test('text, json, bytea and other hold free text; numbers and dates do not', () => {
    for (const c of ['text', 'json', 'bytea', 'other'] as const) expect(holdsFreeText(c)).toBe(true);
    for (const c of ['integer', 'numeric', 'date', 'timestamp', 'uuid', 'boolean', 'enum'] as const)
      expect(holdsFreeText(c)).toBe(false);
  });
});

describe('a random-looking bytea, read to be fingerprinted', () => {
  // Two MD5 digests, as a stored hash or key looks: a run of printable bytes in them by chance.
  const hashLike = Buffer.concat([
    createHash('md5').update('1a1').digest(),
    createHash('md5').update('1b1').digest(),
  ]);
  const hex = `\\x${hashLike.toString('hex')}`;
  const bytea = { category: 'bytea', isArray: false } as const;

  test('holds no text of the source: its printable runs are chance', () => {
    expect(textsIn(hex, bytea, true)).toEqual([]);
  });

  test('is still read for its runs when it is what a scan looks at', () => {
    expect(textsIn(hex, bytea)).toContain('E «3');
  });

  test('a bytea holding text is fingerprinted as before', () => {
    expect(textsIn(`\\x${Buffer.from('Notitie over Jan Jansen').toString('hex')}`, bytea, true)).toEqual([
      'Notitie over Jan Jansen',
    ]);
  });
});
