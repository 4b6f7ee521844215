/**
 * Texts hidden under an encoding a copy may carry them in: percent-encoding in URLs
 * (`?name=J%C3%BCrgen%20M%C3%BCller`) and base64 (an API payload, a data: URL). The leak check reads
 * these decoded as well, so a value does not slip through by being encoded.
 */

const percentEscape = /%[0-9A-Fa-f]{2}/;
/** Base64 runs long enough to hold a name (16 characters are 12 bytes), standard or URL alphabet. */
const base64Run = /[A-Za-z0-9+/_-]{16,}={0,2}/g;
/** A decoded run is text when it is valid UTF-8 with no control characters but white space. */
const controlCharacter = /[^\P{Cc}\t\n\f\r]|\ufffd/u;

function percentDecoded(text: string): string | null {
  if (!percentEscape.test(text)) return null;
  // A '+' is a space in a query string; a lone '%' is left as it is.
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

function base64Decoded(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(base64Run)) {
    const run = m[0];
    // A word or an identifier is not base64: base64 of text mixes cases and digits.
    if (!/[A-Z]/.test(run) || !/[a-z]/.test(run)) continue;
    const decoded = Buffer.from(run.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
    if (decoded.length >= 5 && !controlCharacter.test(decoded)) out.push(decoded);
  }
  return out;
}

/** The decoded texts a text holds, none for most texts. Example: `encodedTexts('a%20b')` → `['a b']`. */
export function encodedTexts(text: string): string[] {
  if (text.length < 3) return [];
  const out: string[] = [];
  const percent = percentDecoded(text);
  if (percent !== null && percent !== text) out.push(percent);
  if (text.length >= 16) for (const decoded of base64Decoded(text)) out.push(decoded);
  return out;
}
