/**
 * The register in PostgreSQL or PGlite: table `leakproof.copies`, made when missing. The
 * connection is the engine's own adapter (same session settings, same error redaction).
 */
import type { CopyRecord, CopyRegister } from '../../register/copy-record.js';
import type { DatabaseAdapter } from '../adapter.js';
import { recordOf, recordParams, registerColumns, registerColumnsDdl } from './register-rows.js';

const TABLE = 'leakproof.copies';
const placeholders = registerColumns.map((_, i) => `$${i + 1}`).join(', ');
const ACTIVE = "verdict IN ('pending', 'released') AND dropped_at IS NULL";

/** Makes the table if missing and returns the store over `db` (which it closes on `close()`). */
export async function postgresRegister(db: DatabaseAdapter, location: string): Promise<CopyRegister> {
  await db.exec(
    `CREATE SCHEMA IF NOT EXISTS leakproof;
     CREATE TABLE IF NOT EXISTS ${TABLE} (\n  ${registerColumnsDdl}\n);
     CREATE INDEX IF NOT EXISTS copies_target ON ${TABLE} (target_identity, started_at)`,
  );
  const rows = async (where: string, params: readonly unknown[]) =>
    (
      await db.query<Record<string, unknown>>(
        `SELECT * FROM ${TABLE}${where} ORDER BY started_at, run_id`,
        params,
      )
    ).map((r) => recordOf(r, location));
  return {
    location,
    identity: () => db.identity(),
    async record(record: CopyRecord) {
      await db.query(`INSERT INTO ${TABLE} (${registerColumns.join(', ')}) VALUES (${placeholders})`, [
        ...recordParams(record),
      ]);
    },
    async markReleased(runId, releasedAt) {
      await db.query(`UPDATE ${TABLE} SET verdict = 'released', released_at = $2 WHERE run_id = $1`, [
        runId,
        releasedAt.toISOString(),
      ]);
    },
    async markFailed(runId, verdict, errorCode) {
      await db.query(`UPDATE ${TABLE} SET verdict = $2, error_code = $3 WHERE run_id = $1`, [
        runId,
        verdict,
        errorCode,
      ]);
    },
    async markDropped(runId, droppedAt) {
      await db.query(`UPDATE ${TABLE} SET dropped_at = $2 WHERE run_id = $1`, [
        runId,
        droppedAt.toISOString(),
      ]);
    },
    list: (options) => rows(options?.all === true ? '' : ` WHERE ${ACTIVE}`, []),
    findByTarget: async (identity) => (await rows(' WHERE target_identity = $1', [identity])).reverse(),
    close: () => db.close(),
  };
}
