/**
 * The register of copies: one record per `leakproof copy`, so that when personal data turns up in
 * a test environment it is known which copy it was, under which policy and key, since when, and
 * until when it was meant to live. It names databases and counts rows; it never holds a password
 * or a value.
 */

/**
 * `pending`: recorded, the target not yet known to be committed (a process killed between the
 * commit and its confirmation leaves this; treat it as released). `refused`: the leak check found
 * personal data, nothing was released. `failed`: the copy stopped on an error, nothing released.
 */
export type CopyVerdict = 'pending' | 'released' | 'refused' | 'failed';

/** A database as the register names it: never a password. */
export interface RegisteredDatabase {
  /** What `DatabaseAdapter.identity()` says: the same for every spelling of one database's URL. */
  readonly identity: string;
  /** `displayName`: where it is, safe to print. */
  readonly name: string;
  readonly engine: string;
  /** The database user the copy connected as (from the URL or the driver's default), or null. */
  readonly user: string | null;
}

export interface CopyRecord {
  /** A random UUID. */
  readonly runId: string;
  readonly startedAt: Date;
  readonly releasedAt: Date | null;
  /** Who ran the copy on this machine. */
  readonly osUser: string;
  readonly source: RegisteredDatabase;
  readonly target: RegisteredDatabase;
  /** The target's URL without password (and without secret query parameters), to reconnect to it. */
  readonly targetUrl: string;
  readonly policy: { readonly file: string; readonly sha256: string };
  readonly keyId: string;
  readonly verdict: CopyVerdict;
  /** The error code of a refused or failed copy. */
  readonly errorCode: string | null;
  readonly rows: { readonly total: number; readonly perTable: Readonly<Record<string, number>> };
  readonly expiresAt: Date | null;
  readonly droppedAt: Date | null;
}

/** What a store does; one implementation per engine under src/adapters/register/. */
export interface CopyRegister {
  /** Where the register is, safe to print. */
  readonly location: string;
  /** The register database's identity, so a copy can refuse a source or target that is the register. */
  identity(): Promise<string>;
  /** Adds a record (a copy about to be released, or one refused or failed). */
  record(record: CopyRecord): Promise<void>;
  markReleased(runId: string, releasedAt: Date): Promise<void>;
  markFailed(runId: string, verdict: 'refused' | 'failed', errorCode: string | null): Promise<void>;
  markDropped(runId: string, droppedAt: Date): Promise<void>;
  /** Oldest first; without `all`: pending and released copies not dropped. */
  list(options?: { readonly all?: boolean }): Promise<CopyRecord[]>;
  /** Every record of one target identity, newest first. */
  findByTarget(targetIdentity: string): Promise<CopyRecord[]>;
  close(): Promise<void>;
}
