/**
 * `email`: a fake address 'first.last.1234567@example.org' from keyed name picks and a keyed 7-digit
 * tag, so a million distinct inputs practically never share an output (unique columns stay unique).
 * When the real local part is made of names ('fatima.yilmaz'), the fake's is made of those names'
 * fakes, the ones their name columns get, so the address fits the fake person in every table.
 * Domains are the reserved example.com/.net/.org (RFC 2606) unless the policy names one. A fake that
 * is a real address, or whose names are a real person's, is drawn again (draw-again.ts). Linked to
 * the row's name columns (`{ transform: email, first: first_name, last: last_name }` or `name:
 * full_name`), the local part is made of the row's fake names, so the address fits the person.
 */
import { z } from 'zod';
import type { Keyed } from '../core/keyed.js';
import { indexFrom } from '../core/keyed.js';
import { needCategory, needLength } from './column-rules.js';
import { attemptInput, everyDrawReal, maxAttempts } from './draw-again.js';
import { fakeName, listAttempts, syllableName } from './fake-name.js';
import { nameDictionary, pickSlug } from './names.js';
import { asciiSlug, fitLength } from './text.js';
import {
  isTaken,
  noRealValues,
  type RealValues,
  type RowValues,
  type TransformDefinition,
} from './transform.js';

const options = z.strictObject({
  domain: z
    .string()
    .regex(
      /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i,
      'a domain like example.org',
    )
    .optional()
    .describe('domain of the fakes instead of the reserved example.com/.net/.org'),
  first: z
    .string()
    .min(1)
    .optional()
    .describe("the row's first-name column: the address starts with its fake"),
  last: z.string().min(1).optional().describe("the row's last-name column: its fake follows"),
  name: z.string().min(1).optional().describe("the row's full-name column, when there are no separate ones"),
});
type EmailOptions = z.infer<typeof options>;

const reservedDomains = ['example.com', 'example.net', 'example.org'] as const;
const tagDigits = 7;
const tagRange = 10 ** tagDigits;

function shortest(domain: string | undefined): number {
  return tagDigits + 1 + (domain ?? reservedDomains[0]).length;
}

/**
 * The names part of a local part ('malik.albuquerque'), cut to `room`: list names for the first
 * `listAttempts` draws, then syllable names; null when this draw gives none.
 */
function localNames(digest: string, attempt: number, room: number | null): string | null {
  const fromLists = attempt < listAttempts;
  const first = fromLists ? (pickSlug('first', digest, 0, null) ?? 'sam') : syllableName(digest, 0, null);
  const last = fromLists ? (pickSlug('last', digest, 12, null) ?? 'bos') : syllableName(digest, 12, null);
  if (first === null || last === null) return null;
  // A cut may end on the dot between the names; a local part must not contain '..'.
  return fitLength(`${first}.${last}`.toLowerCase(), room).replace(/\.$/, '');
}

/**
 * The fake for one address; case and surrounding spaces of the input do not matter, so the same
 * mailbox written twice gets one fake. `maxLength` null means no limit. Never a real address, and
 * no real name in the local part.
 */
export function fakeEmail(
  keyed: Keyed,
  value: string,
  domain: string | undefined,
  maxLength: number | null,
  real: RealValues = noRealValues,
  /** 'first.last' from the row's fake names (linked columns), tried before keyed names. */
  rowNames: string | null = null,
): string {
  const normalized = value.trim().toLowerCase();
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const digest = keyed.digestLatin1('email', attemptInput(normalized, attempt));
    const host = domain ?? reservedDomains[digest.charCodeAt(30) % reservedDomains.length]!;
    const tag = String(indexFrom(digest, tagRange, 24)).padStart(tagDigits, '0');
    const room = maxLength === null ? null : maxLength - host.length - tag.length - 2;
    let out = `${tag}@${host}`;
    if (room === null || room >= 1) {
      const personal = attempt === 0 ? (rowNames ?? namesInLocalPart(keyed, normalized, real)) : null;
      const names =
        personal !== null ? fitLength(personal, room).replace(/\.$/, '') : localNames(digest, attempt, room);
      if (names === null || real.isReal('name', names.replace(/\./g, ' '))) continue;
      out = `${names}.${out}`;
    }
    // The row's fake names together may be some real person's full name: then keyed names.
    if (!isTaken(real, 'email', out)) return out;
  }
  throw everyDrawReal('email');
}

export const emailTransform: TransformDefinition<EmailOptions> = {
  name: 'email',
  summary: "Replace with a fake e-mail address at example.com/.net/.org (or option 'domain').",
  options,
  cannotProduce: (column, { domain }) =>
    needCategory(column, 'text') ?? needLength(column, shortest(domain), 'an e-mail address'),
  linkedColumns: ({ first, last, name }) => [first, last, name].filter((c) => c !== undefined),
  create: ({ options: { domain, first, last, name }, column, keyed, real }) => {
    const max = column.maxLength;
    const linked = first !== undefined || last !== undefined || name !== undefined;
    return (value, row) => {
      const names = linked && row !== undefined ? rowNamesOf(row, first, last, name) : null;
      return fakeEmail(keyed, value, domain, max, real, names);
    };
  },
};

/** 'first.last' in lower-case ASCII from the row's written (fake) name columns, or null. */
function rowNamesOf(
  row: RowValues,
  first: string | undefined,
  last: string | undefined,
  name: string | undefined,
): string | null {
  const words = [
    ...(name === undefined ? [] : [row.written(name)]),
    ...(first === undefined ? [] : [row.written(first)]),
    ...(last === undefined ? [] : [row.written(last)]),
  ]
    .filter((w): w is string => w !== null)
    .flatMap((w) => w.split(/[\s,]+/))
    .map((w) => asciiSlug(w))
    .join('.')
    .replace(/\.{2,}/g, '.')
    .replace(/^\.|\.$/g, '');
  return words === '' ? null : words;
}

/**
 * The names in an address's local part, each replaced by the fake its name column gives it:
 * 'fatima.yilmaz82@…' → 'ayse.demir', so the fake address fits the person's fake name in every
 * table without a link. Initials, digits and words that are no known name are left out; null when
 * the local part holds no name at all.
 */
function namesInLocalPart(keyed: Keyed, address: string, real: RealValues): string | null {
  const local = address.slice(0, Math.max(0, address.lastIndexOf('@')));
  const words = local
    .split(/[._+-]+/)
    .map((piece) => piece.replace(/\d+/g, ''))
    .filter(
      (word) => word.length >= 2 && (real.nameRole?.(word) ?? nameDictionary.get(word) ?? null) !== null,
    );
  const names: string[] = [];
  for (const [i, word] of words.entries()) {
    // What the source's name columns say; else, as addresses are written, the last name comes last.
    const role =
      real.nameRole?.(word) ??
      (words.length >= 2 ? (i === words.length - 1 ? 'last' : 'first') : nameDictionary.get(word)!);
    const slug = asciiSlug(fakeName(keyed, role, word[0]!.toUpperCase() + word.slice(1), null, real));
    if (slug !== '') names.push(slug);
  }
  return names.length === 0 ? null : names.join('.');
}
