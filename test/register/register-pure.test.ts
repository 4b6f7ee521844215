/** The register's pure parts: where it is by default, durations, and URLs without secrets. */
import { describe, expect, test } from 'vitest';
import { reconnectUrl, urlUser } from '../../src/adapters/describe-url.js';
import { durationSchema } from '../../src/core/duration.js';
import { registerUrl } from '../../src/register/register-location.js';

describe('registerUrl', () => {
  const linux = { platform: 'linux' as const, home: '/home/fallback' };
  test('--register wins, then $LEAKPROOF_REGISTER, then the user data folder', () => {
    const env = { LEAKPROOF_REGISTER: 'sqlite:/env.db', XDG_DATA_HOME: '/xdg', HOME: '/home/u' };
    expect(registerUrl('postgres://h/reg', env, linux)).toBe('postgres://h/reg');
    expect(registerUrl(undefined, env, linux)).toBe('sqlite:/env.db');
    expect(registerUrl(undefined, { XDG_DATA_HOME: '/xdg', HOME: '/home/u' }, linux)).toBe(
      'pglite:/xdg/leakproof/register',
    );
    expect(registerUrl(undefined, { HOME: '/home/u' }, linux)).toBe(
      'pglite:/home/u/.local/share/leakproof/register',
    );
    // A relative XDG_DATA_HOME is invalid by the XDG rule, and ignored.
    expect(registerUrl(undefined, { XDG_DATA_HOME: 'rel', HOME: '/home/u' }, linux)).toBe(
      'pglite:/home/u/.local/share/leakproof/register',
    );
    expect(registerUrl(undefined, {}, linux)).toBe('pglite:/home/fallback/.local/share/leakproof/register');
    expect(registerUrl(undefined, { HOME: '/Users/u' }, { platform: 'darwin' })).toBe(
      'pglite:/Users/u/Library/Application Support/leakproof/register',
    );
  });
});

describe('durations', () => {
  test.each([
    ['12h', 12 * 3_600_000],
    ['30d', 30 * 86_400_000],
    ['2w', 14 * 86_400_000],
  ])('%s', (text, ms) => {
    expect(durationSchema.parse(text)).toEqual({ text, ms });
  });
  test.each(['thirty days', '0d', '1.5d', '30', 'd', '30 d', '5m', ''])('%j is refused', (text) => {
    expect(durationSchema.safeParse(text).success).toBe(false);
  });
});

describe('reconnectUrl', () => {
  test('drops the password and secret-looking parameters, keeps the rest', () => {
    expect(reconnectUrl('postgres://app:s3cret@db:5433/test?sslmode=require&password=x&sslpassword=y')).toBe(
      'postgres://app@db:5433/test?sslmode=require',
    );
    expect(reconnectUrl('mysql://root:pw@127.0.0.1/copy')).toBe('mysql://root@127.0.0.1/copy');
  });
  test('makes file and directory URLs absolute', () => {
    expect(reconnectUrl('sqlite:copy.db', '/work')).toBe('sqlite:/work/copy.db');
    expect(reconnectUrl('sqlite:///abs/copy.db', '/work')).toBe('sqlite:/abs/copy.db');
    expect(reconnectUrl('pglite:./dir', '/work')).toBe('pglite:/work/dir');
  });
});

describe('urlUser', () => {
  test('the URL user, else the driver default, none for file engines', () => {
    expect(urlUser('postgres://app:pw@db/x', {}, 'os')).toBe('app');
    expect(urlUser('postgres://db/x', { PGUSER: 'pguser' }, 'os')).toBe('pguser');
    expect(urlUser('postgresql://db/x', {}, 'os')).toBe('os');
    expect(urlUser('mysql://db/x', { PGUSER: 'pguser' }, 'os')).toBe('os');
    expect(urlUser('sqlite:/x.db', {}, 'os')).toBeNull();
    expect(urlUser('pglite:/x', {}, 'os')).toBeNull();
  });
});
