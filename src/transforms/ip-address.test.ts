import { isIPv4, isIPv6 } from 'node:net';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serverUrl } from '../../test/support/postgres.js';
import { fakeIpAddress } from './ip-address.js';
import { column, keyed, make, otherKeyed, varchar } from './test-support.js';
import { everythingReal, RealSet, thrownBy } from './test-support-real.js';

const addressOf = (value: string) => value.split('/')[0]!;
/** The WHATWG URL parser writes IPv6 hosts canonically: '::0' → '[::]'. */
const canonical = (address: string) =>
  address.includes(':') ? new URL(`http://[${address}]/`).hostname : address;
const octets = (v4: string) => v4.split('.').map(Number) as [number, number, number, number];

/** The kinds the tests hold the transform to, written out independently of it. */
function v4Kind(v4: string): string {
  const [a, b] = octets(v4);
  if (a === 10) return 'private 10';
  if (a === 172 && b >= 16 && b <= 31) return 'private 172';
  if (a === 192 && b === 168) return 'private 192';
  if (a === 127) return 'loopback';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 100 && b >= 64 && b <= 127) return 'shared';
  if (a >= 224) return a >= 240 ? 'reserved' : 'multicast';
  if (a === 0) return 'this network';
  const special = ['192.0.0.', '192.0.2.', '192.88.99.', '198.51.100.', '203.0.113.'];
  if (special.some((p) => v4.startsWith(p)) || (a === 198 && (b === 18 || b === 19))) return 'special';
  return 'public';
}

function v6Kind(v6: string): string {
  const first = Number.parseInt(v6.startsWith('::') ? '0' : v6.split(':')[0]!, 16);
  if (v6.toLowerCase().startsWith('::ffff:') && v6.includes('.')) return `mapped ${v4Kind(v6.slice(7))}`;
  if (first >= 0xfe80 && first <= 0xfebf) return 'link-local';
  if (first >= 0xfc00 && first <= 0xfdff) return `unique local ${v6.slice(0, 2)}`;
  if (first >= 0xff00) return 'multicast';
  if (v6.toLowerCase().startsWith('2001:db8:')) return 'documentation';
  if (first >= 0x2000 && first <= 0x3fff && first !== 0x2001 && first !== 0x2002 && first !== 0x3fff)
    return 'public';
  return 'other';
}

const kindOf = (address: string) => (address.includes(':') ? v6Kind(address) : v4Kind(address));

/** Random addresses, and more of the special blocks than chance would give. */
const v4Inputs = fc.oneof(
  fc.ipV4(),
  fc
    .tuple(fc.constantFrom('10', '172.16', '172.31', '192.168', '127', '169.254', '100.64'), fc.nat())
    .map(([prefix, n]) => {
      const kept = prefix.split('.');
      const bytes = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
      return [...kept, ...bytes.slice(kept.length)].join('.');
    }),
);
const v6Inputs = fc.oneof(
  fc.ipV6(),
  fc
    .constantFrom('fe80::', 'fd12:3456:789a::', '2001:db8::', '2a01:4f8::', '::ffff:192.168.')
    .chain((p) =>
      fc
        .integer({ min: 1, max: 0xffff })
        .map((n) => (p.endsWith('.') ? `${p}${n >> 8}.${n & 0xff}` : `${p}${n.toString(16)}`)),
    ),
);

describe('ipAddress', () => {
  test('same version and kind, valid, never the input, deterministic', () => {
    fc.assert(
      fc.property(fc.oneof(v4Inputs, v6Inputs), (input) => {
        const fake = fakeIpAddress(keyed, input, null);
        const v4 = !input.includes(':');
        expect(v4 ? isIPv4(fake) : isIPv6(fake)).toBe(true);
        // A block with nothing to fake (::1, ::) stays.
        if (fake !== input) expect(kindOf(fake)).toBe(kindOf(input));
        else expect(['[::1]', '[::]', '0.0.0.0', '255.255.255.255']).toContain(canonical(input));
        expect(fakeIpAddress(keyed, input, null)).toBe(fake);
      }),
      { numRuns: 3000 },
    );
  });

  test('public addresses stay public, over many draws', () => {
    const publicInputs = fc.sample(
      fc.ipV4().filter((a) => v4Kind(a) === 'public'),
      3000,
    );
    const kinds = new Set(publicInputs.map((a) => v4Kind(fakeIpAddress(keyed, a, null))));
    expect([...kinds]).toEqual(['public']);
  });

  test('prefix lengths stay; networks stay networks', () => {
    expect(fakeIpAddress(keyed, '10.1.0.0/16', null)).toMatch(/^10\.\d+\.0\.0\/16$/);
    expect(fakeIpAddress(keyed, '192.168.12.0/24', null)).toMatch(/^192\.168\.\d+\.0\/24$/);
    expect(fakeIpAddress(keyed, '192.168.12.7/24', null)).toMatch(/^192\.168\.\d+\.\d+\/24$/);
    expect(fakeIpAddress(keyed, '2001:db8:1234::/48', null)).toMatch(/^2001:db8:[0-9a-f]{1,4}::\/48$/);
    // Nothing left to fake: a whole private block, the loopback address.
    expect(fakeIpAddress(keyed, '10.0.0.0/8', null)).toBe('10.0.0.0/8');
    expect(fakeIpAddress(keyed, '::1', null)).toBe('::1');
  });

  test('one address gets one fake, whatever its spelling; upper case stays upper case', () => {
    const fake = fakeIpAddress(keyed, '2001:db8::1', null);
    expect(fakeIpAddress(keyed, '2001:0db8:0000:0000:0000:0000:0000:0001', null)).toBe(fake);
    expect(fakeIpAddress(keyed, '2001:DB8::1', null)).toBe(fake.toUpperCase());
  });

  test('depends on the key', () => {
    const inputs = fc.sample(fc.oneof(v4Inputs, v6Inputs), 300);
    const differ = inputs.filter((a) => fakeIpAddress(keyed, a, null) !== fakeIpAddress(otherKeyed, a, null));
    expect(differ.length).toBeGreaterThan(290);
  });

  test('never a real address: a first fake that is real is drawn again', () => {
    const inputs = fc.sample(fc.oneof(v4Inputs, v6Inputs), 300).filter((a) => a !== '::1' && a !== '::');
    const firsts = inputs.map((a) => fakeIpAddress(keyed, a, null));
    const real = new RealSet([...inputs, ...firsts]);
    const fake = make('ipAddress', {}, column({ category: 'network', type: 'inet' }), keyed, real);
    inputs.forEach((input, i) => {
      const out = fake(input)!;
      if (firsts[i] === input) return; // a block with nothing to fake
      expect(out).not.toBe(firsts[i]);
      expect(real.isReal('code', out)).toBe(false);
      expect(kindOf(addressOf(out))).toBe(kindOf(addressOf(input)));
    });
  });

  test('fits varchar(n): long IPv6 fakes give up their top groups first', () => {
    const fake = make('ipAddress', {}, varchar(15));
    for (const input of ['fe80::1', '2001:db8::1', 'fd00::1', '192.168.100.100', '8.8.8.8']) {
      const out = fake(input)!;
      expect(out.length).toBeLessThanOrEqual(15);
      expect(kindOf(out)).toBe(kindOf(input));
    }
    expect(() => make('ipAddress', {}, varchar(14))).toThrow(/15/);
  });

  test('fills inet, cidr and text, not macaddr; refuses what is no address, naming no value', () => {
    expect(() => make('ipAddress', {}, column({ category: 'network', type: 'macaddr' }))).toThrow(/MAC/);
    expect(() => make('ipAddress', {}, column({ category: 'integer', type: 'integer' }))).toThrow(
      /not integer/,
    );
    for (const bad of ['10.1.2.300', '1.2.3', 'fe80:::1', '10.1.2.3/33', 'localhost']) {
      const error = thrownBy(() => fakeIpAddress(keyed, bad, null));
      expect(error.code).toBe('LP_TRANSFORM');
      expect(error.message).not.toContain(bad);
    }
  });

  test('gives up cleanly, naming no value, when every address is real', () => {
    const error = thrownBy(() => fakeIpAddress(keyed, '192.168.1.20', null, everythingReal));
    expect(error.code).toBe('LP_TRANSFORM');
    expect(error.message).not.toContain('192.168');
  });

  describe('PostgreSQL reads every output back as inet and cidr', () => {
    let client: pg.Client;
    beforeAll(async () => {
      client = new pg.Client({ connectionString: serverUrl() });
      await client.connect();
    });
    afterAll(async () => {
      await client.end();
    });

    test('as the same address family, networks as cidr', async () => {
      const hosts = fc.sample(fc.oneof(v4Inputs, v6Inputs), 500);
      const networks = ['10.1.0.0/16', '192.168.12.0/24', '8.8.8.0/24', '2001:db8:1234::/48', 'fd00:1::/32'];
      const { rows } = await client.query<{ ok: boolean }>(
        `SELECT bool_and(family(a::inet) = family(b::inet) AND masklen(a::inet) = masklen(b::inet)) AS ok
         FROM unnest($1::text[], $2::text[]) AS x(a, b)`,
        [hosts, hosts.map((h) => fakeIpAddress(keyed, h, null))],
      );
      expect(rows[0]?.ok).toBe(true);
      const cidrFake = make('ipAddress', {}, column({ category: 'network', type: 'cidr' }));
      const { rows: cidr } = await client.query<{ n: string }>(
        'SELECT count(*) AS n FROM unnest($1::text[]) AS v WHERE v::cidr IS NOT NULL',
        [networks.map((n) => cidrFake(n))],
      );
      expect(Number(cidr[0]?.n)).toBe(networks.length);
    });
  });
});
