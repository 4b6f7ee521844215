/**
 * `ipAddress`: a keyed fake IPv4 or IPv6 address of the same version and the same kind: private
 * (10/8, 172.16/12, 192.168/16, fc00::/7), loopback, link-local, shared (100.64/10), multicast and
 * the other special-purpose blocks of the IANA registries (RFC 6890) keep their block and get keyed
 * host bits; an IPv4-mapped IPv6 address keeps its prefix and fakes its IPv4 part by these rules. A
 * `/n` suffix (inet, cidr) is kept, and a network (no bits set after the prefix, as cidr always
 * is) stays one. Written canonically: dotted quads; IPv6 compressed in lower case (RFC 5952),
 * upper case when the input was.
 *
 * Public addresses stay public: a keyed draw from all of IPv4, drawn again until it is in none of
 * the special-purpose blocks; for IPv6 from global unicast 2000::/3 outside them. Not the
 * documentation ranges (192.0.2/24, 198.51.100/24, 203.0.113/24): 768 addresses are too few for a
 * column (a thousand addresses would share fakes), and they are not public, so software that
 * checks "is this a public address" would see a different kind. A drawn public address can be in
 * use somewhere, as any address can; it is not the source's (real values are drawn again).
 *
 * Equal addresses get equal fakes (keyed on the address, not its spelling or prefix length), so
 * logs still tell one client from another. A fake too long for the column first gives up its
 * highest drawn groups (IPv6) or bytes (IPv4), which shortens it; a fake that is real, the input
 * itself or still too long is drawn again (draw-again.ts). Blocks with nothing left to fake (::1,
 * a /8 network of 10/8) stay as they are.
 */
import { z } from 'zod';
import type { Keyed } from '../core/keyed.js';
import { LeakproofError } from '../errors.js';
import type { ColumnModel } from '../schema/model.js';
import { needCategory, needLength } from './column-rules.js';
import { attemptInput, everyDrawReal, maxAttempts } from './draw-again.js';
import { isTaken, noRealValues, type RealValues, type TransformDefinition } from './transform.js';

/** An address as bytes (4 or 16) with its `/n` suffix, if written. */
interface Address {
  readonly bytes: Uint8Array;
  readonly prefix: number | null;
}

function parseV4(text: string, into: Uint8Array, at: number): boolean {
  const parts = text.split('.');
  if (parts.length !== 4) return false;
  for (let i = 0; i < 4; i++) {
    const part = parts[i]!;
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return false;
    into[at + i] = Number(part);
  }
  return true;
}

function parseV6(text: string): Uint8Array | null {
  const bytes = new Uint8Array(16);
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  // An IPv4 tail ('::ffff:1.2.3.4') fills the last two groups.
  const last = (halves.length === 2 ? tail : head).at(-1);
  const v4Tail = last?.includes('.') === true;
  if (v4Tail) {
    (halves.length === 2 ? tail : head).pop();
    if (!parseV4(last!, bytes, 12)) return null;
  }
  const groups = 8 - (v4Tail ? 2 : 0);
  if (halves.length === 1 ? head.length !== groups : head.length + tail.length >= groups) return null;
  const put = (group: string, index: number): boolean => {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return false;
    const value = Number.parseInt(group, 16);
    bytes[2 * index] = value >> 8;
    bytes[2 * index + 1] = value & 0xff;
    return true;
  };
  for (let i = 0; i < head.length; i++) if (!put(head[i]!, i)) return null;
  for (let i = 0; i < tail.length; i++) if (!put(tail[i]!, groups - tail.length + i)) return null;
  return bytes;
}

function parse(value: string): Address | null {
  const m = /^([0-9A-Fa-f:.]+)(?:\/(\d{1,3}))?$/.exec(value.trim());
  if (m === null) return null;
  let bytes: Uint8Array | null;
  if (m[1]!.includes(':')) bytes = parseV6(m[1]!);
  else {
    bytes = new Uint8Array(4);
    if (!parseV4(m[1]!, bytes, 0)) bytes = null;
  }
  const prefix = m[2] === undefined ? null : Number(m[2]);
  if (bytes === null || (prefix !== null && prefix > bytes.length * 8)) return null;
  return { bytes, prefix };
}

function bitAt(bytes: Uint8Array, bit: number): number {
  return (bytes[bit >> 3]! >> (7 - (bit & 7))) & 1;
}

/** Whether `bytes` start with the first `length` bits of `block`. */
function inBlock(bytes: Uint8Array, block: Uint8Array, length: number): boolean {
  for (let bit = 0; bit < length; bit++) if (bitAt(bytes, bit) !== bitAt(block, bit)) return false;
  return true;
}

/** A special-purpose block: addresses in it keep their first `keep` bits. */
interface Block {
  readonly bytes: Uint8Array;
  readonly length: number;
  readonly keep: number;
}

function block(cidr: string, keep?: number): Block {
  const address = parse(cidr)!;
  return { bytes: address.bytes, length: address.prefix!, keep: keep ?? address.prefix! };
}

/** Most specific first (the first match wins). RFC 6890 and the IANA special-purpose registries. */
const v4Blocks: readonly Block[] = [
  block('0.0.0.0/32'),
  block('255.255.255.255/32'),
  block('192.0.0.0/24'), // IETF protocol assignments
  block('192.0.2.0/24'), // documentation
  block('192.88.99.0/24'), // 6to4 relay anycast
  block('198.51.100.0/24'), // documentation
  block('203.0.113.0/24'), // documentation
  block('169.254.0.0/16'), // link-local
  block('192.168.0.0/16'), // private
  block('198.18.0.0/15'), // benchmarking
  block('172.16.0.0/12'), // private
  block('100.64.0.0/10'), // shared address space (carrier-grade NAT)
  block('0.0.0.0/8'), // "this network"
  block('10.0.0.0/8'), // private
  block('127.0.0.0/8'), // loopback
  block('224.0.0.0/4'), // multicast
  block('240.0.0.0/4'), // reserved
];

const mappedV4 = block('::ffff:0:0/96');
const v6Blocks: readonly Block[] = [
  block('::/128'),
  block('::1/128'),
  mappedV4,
  block('64:ff9b::/96'), // IPv4/IPv6 translation
  block('100::/64'), // discard-only
  block('2001:db8::/32'), // documentation
  block('2001::/23', 32), // IETF protocol assignments (Teredo, ORCHID…): keep the /32
  block('3fff::/20'), // documentation
  block('2002::/16'), // 6to4
  block('fc00::/7', 8), // unique local (private): keep fc or fd
  block('fe80::/10', 64), // link-local: the rest of the first 64 bits is zero
  block('fec0::/10'), // site-local (deprecated)
  block('ff00::/8', 16), // multicast: keep flags and scope
];
/** Global unicast: public IPv6 addresses are drawn from it. */
const globalUnicast = block('2000::/3');

function blockOf(bytes: Uint8Array): Block | null {
  const blocks = bytes.length === 4 ? v4Blocks : v6Blocks;
  return blocks.find((b) => inBlock(bytes, b.bytes, b.length)) ?? null;
}

/** Whether `bytes` is a public address: in no special block (and, for IPv6, global unicast). */
function isPublic(bytes: Uint8Array): boolean {
  if (blockOf(bytes) !== null) return false;
  return bytes.length === 4 || inBlock(bytes, globalUnicast.bytes, 3);
}

/**
 * How an address is faked: its first `keep` bits stay, the rest are drawn, and `valid` says
 * whether a draw is of the same kind (public stays public, a mapped IPv4 address keeps its kind).
 */
interface Kind {
  readonly keep: number;
  readonly valid: (bytes: Uint8Array) => boolean;
}

function kindOf(bytes: Uint8Array): Kind {
  const special = blockOf(bytes);
  if (special === mappedV4) {
    const inner = kindOf(bytes.subarray(12));
    return { keep: 96 + inner.keep, valid: (b) => inner.valid(b.subarray(12)) };
  }
  if (special !== null) return { keep: special.keep, valid: () => true };
  if (bytes.length === 16 && !inBlock(bytes, globalUnicast.bytes, 3)) {
    // Unassigned IPv6 space (outside 2000::/3 and the blocks above): keep the first group.
    return { keep: 16, valid: (b) => blockOf(b) === null };
  }
  return { keep: bytes.length === 4 ? 0 : 3, valid: isPublic };
}

function formatV4(bytes: Uint8Array): string {
  return Array.from(bytes, String).join('.');
}

/** RFC 5952: groups without leading zeros, the longest run of two or more zero groups as '::'. */
function formatV6(bytes: Uint8Array): string {
  if (inBlock(bytes, mappedV4.bytes, 96)) return `::ffff:${formatV4(bytes.subarray(12))}`;
  const groups = Array.from({ length: 8 }, (_, i) => (bytes[2 * i]! << 8) | bytes[2 * i + 1]!);
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

function written(bytes: Uint8Array, prefix: number | null, upper: boolean): string {
  const address = bytes.length === 4 ? formatV4(bytes) : formatV6(bytes);
  const cased = upper ? address.toUpperCase() : address;
  return prefix === null ? cased : `${cased}/${prefix}`;
}

/** The input's first `keep` bits, then bits of `digest`, all zero from bit `zeroFrom` on. */
function drawBits(bytes: Uint8Array, keep: number, zeroFrom: number, digest: string): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    let byte = 0;
    for (let bit = 0; bit < 8; bit++) {
      const at = 8 * i + bit;
      const value =
        at < keep ? bitAt(bytes, at) : at >= zeroFrom ? 0 : (digest.charCodeAt(i) >> (7 - bit)) & 1;
      byte |= value << (7 - bit);
    }
    out[i] = byte;
  }
  return out;
}

/** The bits of byte `i` that lie in [from, to), as a mask. */
function maskOf(from: number, to: number, i: number): number {
  let mask = 0;
  for (let bit = 0; bit < 8; bit++) {
    const at = 8 * i + bit;
    if (at >= from && at < to) mask |= 1 << (7 - bit);
  }
  return mask;
}

/**
 * The fake for one address, at most `maxLength` characters (null: no limit), never one of `real`
 * nor the input. Throws (naming no value) when a value is no IP address.
 */
export function fakeIpAddress(
  keyed: Keyed,
  value: string,
  maxLength: number | null,
  real: RealValues = noRealValues,
): string {
  const address = parse(value);
  if (address === null)
    throw new LeakproofError('LP_TRANSFORM', 'ipAddress: a value is not an IPv4 or IPv6 address.');
  const { bytes, prefix } = address;
  const bits = bytes.length * 8;
  // A network (nothing set after its prefix) stays a network: those bits stay zero.
  let network = prefix !== null;
  for (let bit = prefix ?? bits; bit < bits && network; bit++) if (bitAt(bytes, bit) === 1) network = false;
  const zeroFrom = network ? prefix! : bits;
  const kind = kindOf(bytes);
  if (kind.keep >= zeroFrom) return value; // nothing of the address is left to fake
  const upper = /[A-F]/.test(value);
  const key = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  let realDraws = 0;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const digest = keyed.digestLatin1('ipAddress', attemptInput(key, attempt));
    let fake = drawBits(bytes, kind.keep, zeroFrom, digest);
    let out = written(fake, prefix, upper);
    // Too long for the column: zero the drawn bits a group (IPv6) or byte (IPv4) at a time from
    // the top, which shortens the text ('2001:db8::1:2:3:4' → '2001:db8::3:4'), keeping the lowest.
    const step = bytes.length === 16 ? 16 : 8;
    for (let zeroTo = kind.keep + step; maxLength !== null && out.length > maxLength; zeroTo += step) {
      if (zeroTo >= zeroFrom) break;
      fake = fake.map((b, i) => b & ~maskOf(kind.keep, zeroTo, i));
      out = written(fake, prefix, upper);
    }
    if (maxLength !== null && out.length > maxLength) continue;
    if (!kind.valid(fake) || fake.every((b, i) => b === bytes[i])) continue;
    if (!isTaken(real, 'code', out)) return out;
    realDraws++;
  }
  if (realDraws > 0) throw everyDrawReal('ipAddress');
  throw new LeakproofError(
    'LP_TRANSFORM',
    'ipAddress: no fake address of the same kind fits the column; widen it or choose another transform.',
  );
}

/** inet and cidr hold IP addresses; macaddr, also in the network category, does not. */
function isMacAddress(column: ColumnModel): boolean {
  return column.category === 'network' && /^macaddr/i.test(column.type);
}

const options = z.strictObject({});

export const ipAddressTransform: TransformDefinition<z.infer<typeof options>> = {
  name: 'ipAddress',
  summary:
    'Replace an IPv4/IPv6 address (inet, cidr or text) with a keyed one of the same version and kind (private, public…), /n kept.',
  options,
  cannotProduce: (column) => {
    const wrongType = needCategory(column, 'network', 'text');
    if (wrongType !== null) return wrongType;
    if (isMacAddress(column)) return 'a MAC address column holds no IP addresses';
    return needLength(column, 15, 'an IPv4 address');
  },
  create: ({ column, keyed, real }) => {
    const max = column.maxLength;
    return (value) => fakeIpAddress(keyed, value, max, real);
  },
};
