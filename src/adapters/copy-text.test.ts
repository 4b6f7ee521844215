import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeField, encodeField, encodeRow, wholeLines } from './copy-text.js';

describe('COPY text fields', () => {
  test('encode then decode gives the value back, for any string and NULL', () => {
    fc.assert(
      fc.property(fc.option(fc.string({ unit: 'binary' }), { nil: null }), (value) => {
        const field = encodeField(value);
        expect(field.includes('\t') || field.includes('\n')).toBe(false);
        expect(decodeField(field)).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });

  test('NULL is \\N, and a literal backslash-N is not NULL', () => {
    expect(encodeField(null)).toBe('\\N');
    expect(encodeField('\\N')).toBe('\\\\N');
    expect(decodeField('\\\\N')).toBe('\\N');
  });

  test('octal and hex escapes, which PostgreSQL accepts on input, decode to their characters', () => {
    expect(decodeField('a\\101\\x42')).toBe('aAB');
  });

  test('rows join fields with tabs', () => {
    expect(encodeRow(['a', null, 'b\tc'])).toBe('a\t\\N\tb\\tc');
  });
});

describe('wholeLines', () => {
  async function* from(parts: Buffer[]) {
    yield* parts;
  }
  const collect = async (parts: Buffer[]) => {
    const out: Buffer[] = [];
    for await (const c of wholeLines(from(parts))) out.push(c);
    return out;
  };

  test('re-chunks at row ends, never inside a multi-byte character', async () => {
    const text = Buffer.from('één\tπ\nzwei\t€\n', 'utf8');
    const parts = [text.subarray(0, 1), text.subarray(1, 5), text.subarray(5, 13), text.subarray(13)];
    const chunks = await collect(parts);
    for (const c of chunks) expect(c[c.length - 1]).toBe(0x0a);
    expect(Buffer.concat(chunks).toString('utf8')).toBe('één\tπ\nzwei\t€\n');
  });

  test('data that ends inside a row is an error, not a silently dropped row', async () => {
    await expect(collect([Buffer.from('a\nb')])).rejects.toThrow('middle of a row');
  });
});
