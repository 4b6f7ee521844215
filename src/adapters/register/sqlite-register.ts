/**
 * The register in a SQLite file: table `leakproof_copies`, made when missing. Written in place
 * (not through the target adapter's write-file-and-rename, which is for copies): each statement
 * is its own transaction, and several processes may share the file (SQLite waits for the lock).
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import type { CopyRecord, CopyRegister } from '../../register/copy-record.js';
import { openReadWrite, realPathOf, redactSqliteError } from '../sqlite/sqlite-driver.js';
import { recordOf, recordParams, registerColumns, registerColumnsDdl } from './register-rows.js';

const TABLE = 'leakproof_copies';
const ACTIVE = "verdict IN ('pending', 'released') AND dropped_at IS NULL";

export async function sqliteRegister(file: string, location: string): Promise<CopyRegister> {
  await mkdir(dirname(file), { recursive: true });
  const db: Database.Database = openReadWrite(file, `the register ${location}`);
  const run = <T>(doing: string, work: () => T): T => {
    try {
      return work();
    } catch (error) {
      throw redactSqliteError(error, `${doing} (the register ${location})`);
    }
  };
  run('Making the register table', () => {
    db.pragma('busy_timeout = 10000');
    db.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (\n  ${registerColumnsDdl}\n);
             CREATE INDEX IF NOT EXISTS ${TABLE}_target ON ${TABLE} (target_identity, started_at)`);
  });
  const rows = (where: string, params: readonly unknown[]) =>
    run('Reading the register', () =>
      (
        db.prepare(`SELECT * FROM ${TABLE}${where} ORDER BY started_at, run_id`).all(...params) as Record<
          string,
          unknown
        >[]
      ).map((r) => recordOf(r, location)),
    );
  const insert = db.prepare(
    `INSERT INTO ${TABLE} (${registerColumns.join(', ')}) VALUES (${registerColumns.map(() => '?').join(', ')})`,
  );
  return {
    location,
    identity: async () => `sqlite:${await realPathOf(file)}`,
    async record(record: CopyRecord) {
      run('Recording the copy', () => insert.run(...recordParams(record)));
    },
    async markReleased(runId, releasedAt) {
      run('Recording the release', () =>
        db
          .prepare(`UPDATE ${TABLE} SET verdict = 'released', released_at = ? WHERE run_id = ?`)
          .run(releasedAt.toISOString(), runId),
      );
    },
    async markFailed(runId, verdict, errorCode) {
      run('Recording the verdict', () =>
        db
          .prepare(`UPDATE ${TABLE} SET verdict = ?, error_code = ? WHERE run_id = ?`)
          .run(verdict, errorCode, runId),
      );
    },
    async markDropped(runId, droppedAt) {
      run('Recording the drop', () =>
        db.prepare(`UPDATE ${TABLE} SET dropped_at = ? WHERE run_id = ?`).run(droppedAt.toISOString(), runId),
      );
    },
    list: async (options) => rows(options?.all === true ? '' : ` WHERE ${ACTIVE}`, []),
    findByTarget: async (identity) => rows(' WHERE target_identity = ?', [identity]).reverse(),
    close: async () => {
      db.close();
    },
  };
}
