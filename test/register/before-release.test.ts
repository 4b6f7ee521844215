/**
 * The copy's `beforeRelease` hook (where the register records a copy): called after the check
 * passed and before the commit, with the rows written; a hook that throws rolls the copy back.
 */
import { afterAll, expect, test } from 'vitest';
import { copyDatabase, type ReleaseFacts } from '../../src/copy/copy-database.js';
import { Keyed } from '../../src/core/keyed.js';
import { LeakproofError } from '../../src/errors.js';
import { loadPolicyFile } from '../../src/policy/load-policy.js';
import { TEST_KEY } from '../support/cli.js';
import { withDatabase } from '../support/databases.js';
import { cleanPolicy, leakSource } from '../support/leaks.js';
import { createDatabase, dropAll } from '../support/postgres.js';

afterAll(dropAll);

const relations = (url: string) => withDatabase(url, (db) => db.listUserRelations(), 'target');

async function copy(source: string, target: string, beforeRelease: (facts: ReleaseFacts) => Promise<void>) {
  const policy = await loadPolicyFile(cleanPolicy);
  return withDatabase(source, (from) =>
    withDatabase(
      target,
      (to) =>
        copyDatabase({
          source: from,
          target: to,
          policy,
          keyed: new Keyed(TEST_KEY),
          replace: false,
          beforeRelease,
        }),
      'target',
    ),
  );
}

test('the hook runs before the commit, with the rows written, and a throw rolls the copy back', async () => {
  const source = await leakSource('postgres');
  const target = await createDatabase();
  let seen: ReleaseFacts | undefined;
  let visibleDuringHook: string[] | undefined;
  const outcome = await copy(source, target, async (facts) => {
    seen = facts;
    // Another session does not see the copy yet: the hook runs inside the uncommitted write.
    visibleDuringHook = await relations(target);
  });
  expect(outcome.released).toBe(true);
  expect(visibleDuringHook).toEqual([]);
  expect(seen?.rows.get('public.applicant')).toBe(
    outcome.tables.find((t) => t.plan.table.name === 'applicant')?.writtenRows,
  );
  expect((await relations(target)).length).toBeGreaterThan(0);

  const refused = await createDatabase();
  const failing = copy(source, refused, async () => {
    throw new LeakproofError('LP_REGISTER', 'the register is gone');
  });
  await expect(failing).rejects.toMatchObject({ code: 'LP_REGISTER' });
  expect(await relations(refused)).toEqual([]);
});
