/**
 * The register's store on each engine it supports (SQLite file, PGlite directory, PostgreSQL
 * database): records survive a reopen, verdicts and drops are updated, lists and look-ups filter
 * as documented, and `registeredCopyOf` finds the latest released copy of a target.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { openRegister } from '../../src/adapters/register/open-register.js';
import type { CopyRecord } from '../../src/register/copy-record.js';
import { registeredCopyOf } from '../../src/register/registered-copy.js';
import { tempDir } from '../support/cli.js';
import { createDatabase, dropAll } from '../support/postgres.js';

afterAll(dropAll);

function record(overrides: Partial<CopyRecord> = {}): CopyRecord {
  return {
    runId: randomUUID(),
    startedAt: new Date('2026-01-01T10:00:00.000Z'),
    releasedAt: null,
    osUser: 'tester',
    source: {
      identity: 'postgres/1/5432/16384',
      name: 'postgres://app@db/prod',
      engine: 'postgres',
      user: 'app',
    },
    target: { identity: 'sqlite:/tmp/t.db', name: 'sqlite:/tmp/t.db', engine: 'sqlite', user: null },
    targetUrl: 'sqlite:/tmp/t.db',
    policy: { file: 'leakproof.yaml', sha256: 'a'.repeat(64) },
    keyId: 'k1',
    verdict: 'pending',
    errorCode: null,
    rows: { total: 12, perTable: { 'public.applicant': 10, 'public.note': 2 } },
    expiresAt: new Date('2026-01-31T10:00:00.000Z'),
    droppedAt: null,
    ...overrides,
  };
}

const engines: [string, () => Promise<string>][] = [
  ['sqlite', async () => `sqlite:${join(await tempDir('leakproof-reg-'), 'register.sqlite')}`],
  ['pglite', async () => `pglite:${join(await tempDir('leakproof-reg-'), 'register')}`],
  ['postgres', () => createDatabase('lp_register')],
];

describe.each(engines)('the register on %s', (_engine, makeUrl) => {
  test('records, updates and finds copies, across a reopen', async () => {
    const url = await makeUrl();
    const first = record();
    const refused = record({
      startedAt: new Date('2026-01-02T10:00:00Z'),
      verdict: 'refused',
      errorCode: 'LP_LEAK_FOUND',
    });
    const second = record({ startedAt: new Date('2026-01-03T10:00:00Z'), expiresAt: null });
    const other = record({
      startedAt: new Date('2026-01-04T10:00:00Z'),
      target: {
        identity: 'sqlite:/tmp/other.db',
        name: 'sqlite:/tmp/other.db',
        engine: 'sqlite',
        user: null,
      },
    });
    let register = await openRegister(url);
    try {
      for (const r of [first, refused, second, other]) await register.record(r);
      await register.markReleased(first.runId, new Date('2026-01-01T10:05:00Z'));
      await register.markReleased(second.runId, new Date('2026-01-03T10:05:00Z'));
      await register.markFailed(other.runId, 'failed', 'LP_DATABASE');
    } finally {
      await register.close();
    }
    register = await openRegister(url);
    try {
      const live = await register.list();
      expect(live.map((r) => r.runId)).toEqual([first.runId, second.runId]);
      expect(live[0]).toEqual({
        ...first,
        verdict: 'released',
        releasedAt: new Date('2026-01-01T10:05:00Z'),
      });
      expect((await register.list({ all: true })).map((r) => r.verdict)).toEqual([
        'released',
        'refused',
        'released',
        'failed',
      ]);
      const byTarget = await register.findByTarget(first.target.identity);
      expect(byTarget.map((r) => r.runId)).toEqual([second.runId, refused.runId, first.runId]);

      expect(await registeredCopyOf(register, first.target.identity)).toEqual({
        runId: second.runId,
        madeAt: new Date('2026-01-03T10:05:00Z'),
        policy: second.policy,
        keyId: 'k1',
        expiresAt: null,
        droppedAt: null,
      });
      expect(await registeredCopyOf(register, other.target.identity)).toBeNull();
      expect(await registeredCopyOf(register, 'sqlite:/nowhere')).toBeNull();

      await register.markDropped(first.runId, new Date('2026-02-01T00:00:00Z'));
      expect((await register.list()).map((r) => r.runId)).toEqual([second.runId]);
      expect((await register.findByTarget(first.target.identity))[2]?.droppedAt).toEqual(
        new Date('2026-02-01T00:00:00Z'),
      );
    } finally {
      await register.close();
    }
  });
});

describe('a register that cannot be opened', () => {
  test.each([
    ['mysql://root@127.0.0.1:3306/register', 'not supported'],
    ['sqlite:', 'names no file'],
    ['pglite:', 'names no directory'],
    ['nonsense', 'not a URL'],
    ['postgres://nobody:register-secret-pw@127.0.0.1:1/register', 'cannot be opened'],
  ])('%s is LP_REGISTER, without a password', async (url, says) => {
    const error = await openRegister(url).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'LP_REGISTER' });
    expect((error as Error).message).toContain(says);
    expect(
      JSON.stringify({ m: (error as Error).message, d: (error as { details: unknown }).details }),
    ).not.toContain('register-secret-pw');
  });
});
