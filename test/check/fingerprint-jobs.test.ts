/**
 * `--jobs`: the source's fingerprints made by worker threads beside the main thread are the very
 * fingerprints the main thread alone makes (the same digests, holders, roles and source columns).
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { DatabaseAdapter } from '../../src/adapters/adapter.js';
import { openDatabase } from '../../src/adapters/open-database.js';
import type { IndexHandOver } from '../../src/check/fingerprints/fingerprint-index.js';
import {
  type FingerprintOutcome,
  fingerprintSource,
} from '../../src/check/fingerprints/fingerprint-source.js';
import { Keyed } from '../../src/core/keyed.js';
import { prepareDemo } from '../../src/demo/prepare-demo.js';
import { type CheckedPolicy, requireCoverage } from '../../src/policy/check-policy.js';
import { loadPolicyFile } from '../../src/policy/load-policy.js';
import { tempDir } from '../support/cli.js';

let dir: string;
let source: DatabaseAdapter;
let checked: CheckedPolicy;
const keyed = new Keyed('test-key-not-secret-0123456789abcdef');

beforeAll(async () => {
  dir = await tempDir('leakproof-jobs-');
  const paths = await prepareDemo(dir, (url) => openDatabase(url, 'source'), { applicants: 150 });
  source = await openDatabase(paths.sourceUrl, 'source');
  checked = requireCoverage(await loadPolicyFile(paths.policyFile), await source.introspect());
}, 300_000);

afterAll(async () => {
  await source?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

async function fingerprinted(jobs: number): Promise<FingerprintOutcome> {
  await source.begin('snapshot');
  try {
    return await fingerprintSource({ source, checked, keyed, jobs });
  } finally {
    await source.rollback();
  }
}

/** The index as comparable plain data. */
const plain = (h: IndexHandOver) => ({
  ...Object.fromEntries(Object.entries(h.arrays).map(([name, array]) => [name, Array.from(array)])),
  sourceColumns: h.sourceColumns,
  longestSequence: h.longestSequence,
  valueLengths: h.valueLengths,
  presence: h.presence === undefined ? undefined : Array.from(h.presence),
});

test('three threads make the fingerprints one thread makes', async () => {
  const alone = await fingerprinted(1);
  const shared = await fingerprinted(3);
  expect(alone.index.size).toBeGreaterThan(5_000);
  expect(shared.index.size).toBe(alone.index.size);
  expect(shared.index.subjects.length).toBe(alone.index.subjects.length);
  expect([shared.rows, shared.values]).toEqual([alone.rows, alone.values]);
  expect(shared.keptIdentifiers).toEqual(alone.keptIdentifiers);
  expect(plain(shared.index.handOver())).toEqual(plain(alone.index.handOver()));
}, 300_000);
