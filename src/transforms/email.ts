/**
 * `email`: a fake address 'first.last.1234567@example.org' from keyed name picks and a keyed 7-digit
 * tag, so a million distinct inputs practically never share an output (unique columns stay unique).
 * Domains are the reserved example.com/.net/.org (RFC 2606) unless the policy names one.
 */
import { z } from 'zod';
import { needCategory, needLength } from './column-rules.js';
import type { Keyed } from './keyed.js';
import { indexFrom } from './keyed.js';
import { pickSlug } from './names.js';
import { fitLength } from './text.js';
import type { TransformDefinition } from './transform.js';

const options = z.strictObject({
  domain: z
    .string()
    .regex(
      /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i,
      'a domain like example.org',
    )
    .optional(),
});
type EmailOptions = z.infer<typeof options>;

const reservedDomains = ['example.com', 'example.net', 'example.org'] as const;
const tagDigits = 7;
const tagRange = 10 ** tagDigits;

function shortest(domain: string | undefined): number {
  return tagDigits + 1 + (domain ?? reservedDomains[0]).length;
}

/**
 * The fake for one address; case and surrounding spaces of the input do not matter, so the same
 * mailbox written twice gets one fake. `maxLength` null means no limit.
 */
export function fakeEmail(
  keyed: Keyed,
  value: string,
  domain: string | undefined,
  maxLength: number | null,
): string {
  const digest = keyed.digestLatin1('email', value.trim().toLowerCase());
  const host = domain ?? reservedDomains[digest.charCodeAt(30) % reservedDomains.length]!;
  const tag = String(indexFrom(digest, tagRange, 24)).padStart(tagDigits, '0');
  const room = maxLength === null ? null : maxLength - host.length - tag.length - 2;
  if (room !== null && room < 1) return `${tag}@${host}`;
  const first = pickSlug('first', digest, 0, null) ?? 'sam';
  const last = pickSlug('last', digest, 12, null) ?? 'bos';
  // A cut may end on the dot between the names; a local part must not contain '..'.
  const names = fitLength(`${first}.${last}`, room).replace(/\.$/, '');
  return `${names}.${tag}@${host}`;
}

export const emailTransform: TransformDefinition<EmailOptions> = {
  name: 'email',
  summary: "Replace with a fake e-mail address at example.com/.net/.org (or option 'domain').",
  options,
  cannotProduce: (column, { domain }) =>
    needCategory(column, 'text') ?? needLength(column, shortest(domain), 'an e-mail address'),
  create: ({ options: { domain }, column, keyed }) => {
    const max = column.maxLength;
    return (value) => fakeEmail(keyed, value, domain, max);
  },
};
