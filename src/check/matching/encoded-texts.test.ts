import { describe, expect, test } from 'vitest';
import { encodedTexts } from './encoded-texts.js';

describe('encodedTexts', () => {
  test('percent-encoded query strings are read decoded, also with a stray %', () => {
    const url = `https://x.example/?name=${encodeURIComponent('Jürgen Müller')}&lang=nl`;
    expect(encodedTexts(url)).toContain('https://x.example/?name=Jürgen Müller&lang=nl');
    expect(encodedTexts('100% of J%C3%BCrgen')).toEqual(['100% of Jürgen']);
  });

  test('base64 of a text is read decoded; words, hex digests and random bytes are not', () => {
    const text = 'Contact: Jan Zwartkruis, tel 06-01234567';
    expect(encodedTexts(`payload=${Buffer.from(text).toString('base64')}`)).toContain(text);
    expect(encodedTexts('internationalisation of the application')).toEqual([]);
    expect(encodedTexts('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08')).toEqual([]);
    expect(
      encodedTexts(Buffer.from([0, 1, 2, 250, 251, 252, 3, 4, 5, 6, 7, 8]).toString('base64') + 'AbCd'),
    ).toEqual([]);
  });
});
