/** What the register says about a database where personal data was found: the copy that made it. */
import type { CopyRecord, CopyRegister } from './copy-record.js';

export interface RegisteredCopy {
  readonly runId: string;
  readonly madeAt: Date;
  readonly policy: { readonly file: string; readonly sha256: string };
  readonly keyId: string;
  readonly expiresAt: Date | null;
  readonly droppedAt: Date | null;
}

/**
 * The latest released copy onto the database whose `identity()` is `targetIdentity`, or null.
 * A PostgreSQL identity holds the server's start time, so after a restart the same database has
 * another one: then `targetName` (its `displayName`, the same URL spelled the same way) finds it.
 * @example const copy = await registeredCopyOf(register, await target.identity(), target.displayName);
 */
export async function registeredCopyOf(
  register: CopyRegister,
  targetIdentity: string,
  targetName?: string,
): Promise<RegisteredCopy | null> {
  const isReleased = (r: CopyRecord) => r.verdict === 'released';
  const released =
    (await register.findByTarget(targetIdentity)).find(isReleased) ??
    (targetName === undefined
      ? undefined
      : (await register.list({ all: true }))
          .filter((r) => isReleased(r) && r.target.name === targetName)
          .at(-1));
  if (released === undefined) return null;
  return {
    runId: released.runId,
    madeAt: released.releasedAt ?? released.startedAt,
    policy: released.policy,
    keyId: released.keyId,
    expiresAt: released.expiresAt,
    droppedAt: released.droppedAt,
  };
}
