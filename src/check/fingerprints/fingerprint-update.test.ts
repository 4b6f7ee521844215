import { describe, expect, test } from 'vitest';
import { Keyed } from '../../core/keyed.js';
import type { FingerprintFileFacts } from './fingerprint-file.js';
import { FingerprintBuilder, type FingerprintIndex, Role } from './fingerprint-index.js';
import { mergeFingerprints } from './fingerprint-merge.js';
import { createdFacts, type FingerprintingNow, otherSource, updatedFacts } from './fingerprint-update.js';

const keyed = new Keyed('some test key');

function indexOf(keys: readonly string[]): FingerprintIndex {
  const b = new FingerprintBuilder(keyed);
  for (const key of keys) b.add('value', `v-${key}`, Role.value, 'identifier', b.subject('public.p', key));
  return b.build();
}

const now = (at: string, identity = 'pglite//data/prod'): FingerprintingNow => ({
  at,
  source: { identity, displayName: 'pglite:/data/prod' },
  policy: { file: 'leakproof.yaml', sha256: 'cd'.repeat(32) },
  subjectTables: ['public.p'],
  rows: 3,
  values: 3,
});

const v2File: FingerprintFileFacts = {
  createdAt: '2026-11-02T10:00:00.000Z',
  source: 'pglite:/data/prod',
  policy: { file: 'leakproof.yaml', sha256: 'ab'.repeat(32) },
  subjectTables: ['public.q'],
  rows: 2,
  values: 2,
};

describe('otherSource', () => {
  test('the same identity is the same source, whatever the display name', () => {
    const file = createdFacts(now('2026-11-02T10:00:00.000Z'), indexOf(['1']));
    expect(otherSource(file, { identity: 'pglite//data/prod', displayName: 'pglite:./prod' })).toBeNull();
    const other = otherSource(file, { identity: 'pglite//data/other', displayName: 'pglite:/data/other' });
    expect(other).toContain('another database (pglite:/data/prod) than pglite:/data/other');
  });

  test('a file of version 2 knows no identity: its display name is compared', () => {
    expect(otherSource(v2File, { identity: 'x', displayName: 'pglite:/data/prod' })).toBeNull();
    expect(otherSource(v2File, { identity: 'x', displayName: 'pglite:/data/other' })).toContain(
      'made from pglite:/data/prod, not from pglite:/data/other',
    );
  });
});

describe('createdFacts and updatedFacts', () => {
  test('a new file: its history is its creation', () => {
    const index = indexOf(['1', '2']);
    const facts = createdFacts(now('2026-11-02T10:00:00.000Z'), index);
    expect(facts.sourceIdentity).toBe('pglite//data/prod');
    expect(facts.updates).toEqual([
      {
        at: '2026-11-02T10:00:00.000Z',
        sourceIdentity: 'pglite//data/prod',
        policySha256: 'cd'.repeat(32),
        subjectsBefore: 0,
        subjectsAfter: 2,
        fingerprintsAfter: 2,
      },
    ]);
  });

  test('an update keeps the creation time and adds one entry; the rest is now', () => {
    const older = indexOf(['1', '2']);
    const file = createdFacts(now('2026-11-02T10:00:00.000Z'), older);
    const newer = indexOf(['2', '3', '4']);
    const merged = mergeFingerprints(older, newer);
    const facts = updatedFacts(file, older, now('2026-11-30T10:00:00.000Z'), merged);
    expect(facts.createdAt).toBe('2026-11-02T10:00:00.000Z');
    expect(facts.rows).toBe(3);
    expect(facts.updates).toHaveLength(2);
    expect(facts.updates![1]).toMatchObject({ subjectsBefore: 2, subjectsAfter: 4, fingerprintsAfter: 4 });
  });

  test('an update of a version 2 file makes its creation entry up from its facts', () => {
    const older = indexOf(['1']);
    const merged = mergeFingerprints(older, indexOf(['2']));
    const facts = updatedFacts(v2File, older, now('2026-11-30T10:00:00.000Z'), merged);
    expect(facts.updates![0]).toEqual({
      at: v2File.createdAt,
      sourceIdentity: null,
      policySha256: 'ab'.repeat(32),
      subjectsBefore: 0,
      subjectsAfter: 1,
      fingerprintsAfter: 1,
    });
    expect(facts.subjectTables).toEqual(['public.q', 'public.p']);
    expect(facts.policy.sha256).toBe('cd'.repeat(32));
  });
});
