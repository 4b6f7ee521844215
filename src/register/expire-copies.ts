/**
 * `copies expire`: the released copies past their expiry, and dropping one. Engines are reached
 * through the `open` function the caller gives (the CLI passes `openDatabase`), so this file
 * knows no engine.
 */
import type { DatabaseAdapter } from '../adapters/adapter.js';
import { describeCause } from '../errors.js';
import type { CopyRecord, CopyRegister } from './copy-record.js';

/** Copies that may hold data (pending or released, not dropped) whose expiry is at or before `now`. */
export function expiredCopies(records: readonly CopyRecord[], now: Date): CopyRecord[] {
  return records.filter(
    (r) =>
      (r.verdict === 'released' || r.verdict === 'pending') &&
      r.droppedAt === null &&
      r.expiresAt !== null &&
      r.expiresAt.getTime() <= now.getTime(),
  );
}

export type DropResult =
  | { readonly outcome: 'dropped' }
  /** A later copy onto the same target replaced this one: nothing to drop, marked dropped. */
  | { readonly outcome: 'replaced'; readonly by: string }
  | { readonly outcome: 'failed'; readonly reason: string };

/**
 * Drops what `record`'s copy put in its target (everything a copy would create, in one write
 * transaction under Leakproof's lock) and marks it dropped at `now`. A target that cannot be
 * reached, or that is no longer the database the copy was made in, is left and left marked.
 */
export async function dropCopy(
  register: CopyRegister,
  record: CopyRecord,
  open: (url: string) => Promise<DatabaseAdapter>,
  now: Date,
): Promise<DropResult> {
  const later = (await register.findByTarget(record.target.identity)).find(
    (r) =>
      r.runId !== record.runId &&
      (r.verdict === 'released' || r.verdict === 'pending') &&
      r.startedAt.getTime() > record.startedAt.getTime(),
  );
  if (later !== undefined) {
    await register.markDropped(record.runId, now);
    return { outcome: 'replaced', by: later.runId };
  }
  let db: DatabaseAdapter;
  try {
    db = await open(record.targetUrl);
  } catch (error) {
    return { outcome: 'failed', reason: describeCause(error) };
  }
  try {
    // A URL can come to point elsewhere (a reused port, a new server): drop only the very database.
    if ((await db.identity()) !== record.target.identity)
      return {
        outcome: 'failed',
        reason:
          'the database at that URL is not the one the copy was made in (its identity changed; a restart of a PostgreSQL server changes it too): drop it by hand',
      };
    await db.begin('write');
    try {
      await db.lockForCopy();
      await db.dropUserObjects();
      await db.commit();
    } catch (error) {
      await db.rollback().catch(() => {});
      throw error;
    }
  } catch (error) {
    return { outcome: 'failed', reason: describeCause(error) };
  } finally {
    await db.close();
  }
  await register.markDropped(record.runId, now);
  return { outcome: 'dropped' };
}
