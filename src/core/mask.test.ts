import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { maskKeptTokens, maskValue } from './mask.js';
import { tokensOf } from './tokens.js';

const dot = '•';

describe('maskValue', () => {
  test('shows the first and last two characters of a BSN', () => {
    expect(maskValue('123456782')).toBe('1••••••82');
  });

  test('short values are all dots', () => {
    expect(maskValue('')).toBe(dot);
    expect(maskValue('a')).toBe(dot);
    expect(maskValue('12')).toBe('••');
    expect(maskValue('Jan')).toBe('•••');
  });

  test('values of four to seven characters show only their first and last', () => {
    expect(maskValue('1234AB')).toBe('1••••B');
    expect(maskValue('Fatima')).toBe('F••••a');
  });

  test('surrounding white space is ignored', () => {
    expect(maskValue('  123456782 ')).toBe('1••••••82');
  });

  test('long text shows its length, not its content', () => {
    const note = 'Mevrouw Jansen belde over haar BSN 123456782 en adres';
    const masked = maskValue(note);
    expect(masked).toContain(`(${note.length} chars)`);
    expect(masked).not.toContain('123456782');
    expect(masked).not.toContain('Jansen');
    expect(masked.length).toBeLessThan(note.length);
  });

  test('counts characters, not UTF-16 units', () => {
    expect(maskValue('😀😀😀')).toBe('•••');
    expect(maskValue('😀bcdefg😀')).toBe('😀•••••g😀');
  });

  test('never shows four characters in a row of the middle of a value', () => {
    // The mask's own dot is left out: a value made of dots cannot be told from its mask.
    const unit = fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme-ascii' }).filter((c) => c !== dot);
    const anyChar = fc.oneof(unit, fc.constantFrom('é', 'ß', 'ü', '😀', 'ش'));
    fc.assert(
      fc.property(fc.array(anyChar, { minLength: 8, maxLength: 60 }), (chars) => {
        const value = chars.join('');
        const masked = maskValue(value);
        const n = chars.length;
        // The note the mask itself writes for long values; a run that is part of it is no leak.
        const note = `(${[...value.trim()].length} chars)`;
        const middle = chars.slice(1, n - 2);
        for (let i = 0; i + 4 <= middle.length; i++) {
          const run = middle.slice(i, i + 4).join('');
          if (note.includes(run)) continue;
          expect(masked).not.toContain(run);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('maskKeptTokens', () => {
  test('masks what a transform kept of the source and shows what it wrote', () => {
    const source = 'Call Jan Jansen on 0612345678 about the diploma';
    const fake = 'Call Piet de Vries on 0687654321 about the diploma';
    expect(maskKeptTokens(fake, source)).toBe('C••l Piet de Vries •• 0687654321 a•••t ••• d•••••a');
  });

  test('a fake sharing nothing with its source is shown whole', () => {
    expect(maskKeptTokens('renee.delucia@example.com', 'jan.jansen@mail.nl')).toBe(
      'renee.delucia@example.com',
    );
  });

  test('no token of the source survives unmasked, whatever the texts', () => {
    const word = fc.stringMatching(/^[A-Za-zÀ-ÿ0-9]{1,10}$/);
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), fc.array(word, { maxLength: 8 }), (kept, written) => {
        const source = kept.join(' ');
        const shown = maskKeptTokens([...written, ...kept].join(', '), source);
        const sourceKeys = new Set(tokensOf(source).map((t) => t.key));
        for (const t of tokensOf(shown)) expect(sourceKeys.has(t.key) && t.key.length > 3).toBe(false);
      }),
    );
  });
});
