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
 * @example const copy = await registeredCopyOf(register, await target.identity());
 */
export async function registeredCopyOf(
  register: CopyRegister,
  targetIdentity: string,
): Promise<RegisteredCopy | null> {
  const released = (await register.findByTarget(targetIdentity)).find(
    (r: CopyRecord) => r.verdict === 'released',
  );
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
