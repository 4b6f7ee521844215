/**
 * How one `copy` run is written into the register: recorded as `pending` just before the target
 * is committed (a copy that cannot be recorded is rolled back), marked `released` after the
 * commit; a copy the leak check refused, or one that failed, is recorded as such.
 */
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { CopyOutcome, ReleaseFacts } from '../copy/copy-database.js';
import type { Duration } from '../core/duration.js';
import { describeCause, LeakproofError } from '../errors.js';
import { qualifiedName } from '../schema/model.js';
import type { CopyRecord, CopyRegister, RegisteredDatabase } from './copy-record.js';

/** Everything a record holds that is known once both databases are open. */
export interface CopyFacts {
  readonly startedAt: Date;
  readonly source: RegisteredDatabase;
  readonly target: RegisteredDatabase;
  readonly targetUrl: string;
  readonly policy: { readonly file: string; readonly sha256: string };
  readonly keyId: string;
  readonly expires: Duration | undefined;
}

/** The OS user running this process; `$USER` where the user database has no entry (a container). */
export function osUser(env: Readonly<Record<string, string | undefined>> = process.env): string {
  try {
    return userInfo().username;
  } catch {
    return env.USER ?? env.USERNAME ?? '(unknown)';
  }
}

export class CopyRecording {
  readonly runId = randomUUID();
  #facts: CopyFacts | null = null;
  #recorded = false;
  #expiresAt: Date | null = null;

  constructor(
    private readonly register: CopyRegister,
    private readonly user: string = osUser(),
  ) {}

  /** Whether both databases were reached: from then on the run is recorded, whatever its end. */
  get begun(): boolean {
    return this.#facts !== null;
  }

  /** Null until `beforeRelease` ran with an expiry. */
  get expiresAt(): Date | null {
    return this.#expiresAt;
  }

  /** Call once both databases are open; before that a failure is not a copy and is not recorded. */
  begin(facts: CopyFacts): void {
    this.#facts = facts;
  }

  /** The copy's `beforeRelease` hook: records it as pending; a failure stops the release. */
  readonly beforeRelease = async (release: ReleaseFacts): Promise<void> => {
    const facts = this.#required();
    this.#expiresAt = facts.expires === undefined ? null : new Date(Date.now() + facts.expires.ms);
    try {
      await this.register.record(this.#record(facts, 'pending', null, release));
    } catch (error) {
      throw new LeakproofError(
        'LP_REGISTER',
        `The copy could not be recorded in the register ${this.register.location}, so it was rolled back and not released: ${describeCause(error)}`,
      );
    }
    this.#recorded = true;
  };

  async released(): Promise<void> {
    await this.register.markReleased(this.runId, new Date());
  }

  /** A copy the leak check refused: rolled back, recorded with the rows it had written. */
  async refused(outcome: CopyOutcome): Promise<void> {
    const rows = new Map(
      outcome.tables.filter((t) => !t.plan.skip).map((t) => [qualifiedName(t.plan.table), t.writtenRows]),
    );
    await this.register.record(this.#record(this.#required(), 'refused', 'LP_LEAK_FOUND', { rows }));
  }

  /** Records a failure; a register that fails too is not allowed to hide the first error. */
  async failed(error: unknown): Promise<void> {
    const code = error instanceof LeakproofError ? error.code : 'LP_INTERNAL';
    try {
      if (this.#recorded) await this.register.markFailed(this.runId, 'failed', code);
      else if (this.#facts !== null)
        await this.register.record(this.#record(this.#facts, 'failed', code, { rows: new Map() }));
    } catch {}
  }

  #required(): CopyFacts {
    if (this.#facts === null)
      throw new LeakproofError('LP_INTERNAL', 'The copy was not begun in the register.');
    return this.#facts;
  }

  #record(
    facts: CopyFacts,
    verdict: CopyRecord['verdict'],
    errorCode: string | null,
    release: ReleaseFacts,
  ): CopyRecord {
    const perTable = Object.fromEntries(release.rows);
    return {
      runId: this.runId,
      startedAt: facts.startedAt,
      releasedAt: null,
      osUser: this.user,
      source: facts.source,
      target: facts.target,
      targetUrl: facts.targetUrl,
      policy: facts.policy,
      keyId: facts.keyId,
      verdict,
      errorCode,
      rows: { total: [...release.rows.values()].reduce((n, r) => n + r, 0), perTable },
      expiresAt: verdict === 'pending' ? this.#expiresAt : null,
      droppedAt: null,
    };
  }
}
