/**
 * The register's one table, as every engine stores it: times as ISO-8601 texts in UTC (they sort
 * as text and read the same on every engine), the per-table row counts as JSON text.
 */
import { LeakproofError } from '../../errors.js';
import type { CopyRecord, CopyVerdict } from '../../register/copy-record.js';

/** The columns in insert order; each engine's SQL lists them in this order. */
export const registerColumns = [
  'run_id',
  'started_at',
  'released_at',
  'os_user',
  'source_identity',
  'source_name',
  'source_engine',
  'source_user',
  'target_identity',
  'target_name',
  'target_engine',
  'target_user',
  'target_url',
  'policy_file',
  'policy_sha256',
  'key_id',
  'verdict',
  'error_code',
  'rows_total',
  'rows_per_table',
  'expires_at',
  'dropped_at',
] as const;

export type RegisterRow = Record<(typeof registerColumns)[number], string | number | null>;

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** A record as the insert's parameters, in `registerColumns` order. */
export function recordParams(r: CopyRecord): (string | number | null)[] {
  const row: RegisterRow = {
    run_id: r.runId,
    started_at: iso(r.startedAt),
    released_at: iso(r.releasedAt),
    os_user: r.osUser,
    source_identity: r.source.identity,
    source_name: r.source.name,
    source_engine: r.source.engine,
    source_user: r.source.user,
    target_identity: r.target.identity,
    target_name: r.target.name,
    target_engine: r.target.engine,
    target_user: r.target.user,
    target_url: r.targetUrl,
    policy_file: r.policy.file,
    policy_sha256: r.policy.sha256,
    key_id: r.keyId,
    verdict: r.verdict,
    error_code: r.errorCode,
    rows_total: r.rows.total,
    rows_per_table: JSON.stringify(r.rows.perTable),
    expires_at: iso(r.expiresAt),
    dropped_at: iso(r.droppedAt),
  };
  return registerColumns.map((c) => row[c]);
}

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
const date = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)));
const verdicts: readonly CopyVerdict[] = ['pending', 'released', 'refused', 'failed'];

/** A stored row back as a record; a row no version of Leakproof wrote is an error, not a guess. */
export function recordOf(row: Record<string, unknown>, location: string): CopyRecord {
  const verdict = String(row.verdict) as CopyVerdict;
  if (!verdicts.includes(verdict))
    throw new LeakproofError('LP_REGISTER', `The register ${location} holds a copy with an unknown verdict.`);
  let perTable: Record<string, number>;
  try {
    perTable = JSON.parse(String(row.rows_per_table ?? '{}')) as Record<string, number>;
  } catch {
    throw new LeakproofError('LP_REGISTER', `The register ${location} holds unreadable row counts.`);
  }
  return {
    runId: String(row.run_id),
    startedAt: new Date(String(row.started_at)),
    releasedAt: date(row.released_at),
    osUser: String(row.os_user),
    source: {
      identity: String(row.source_identity),
      name: String(row.source_name),
      engine: String(row.source_engine),
      user: text(row.source_user),
    },
    target: {
      identity: String(row.target_identity),
      name: String(row.target_name),
      engine: String(row.target_engine),
      user: text(row.target_user),
    },
    targetUrl: String(row.target_url),
    policy: { file: String(row.policy_file), sha256: String(row.policy_sha256) },
    keyId: String(row.key_id),
    verdict,
    errorCode: text(row.error_code),
    rows: { total: Number(row.rows_total), perTable },
    expiresAt: date(row.expires_at),
    droppedAt: date(row.dropped_at),
  };
}

/** The column definitions, the same texts on every engine (all three take TEXT and BIGINT). */
export const registerColumnsDdl = registerColumns
  .map((c) => `${c} ${c === 'rows_total' ? 'BIGINT NOT NULL' : c === 'run_id' ? 'TEXT PRIMARY KEY' : 'TEXT'}`)
  .join(',\n  ');
