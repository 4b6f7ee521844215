/**
 * `leakproof demo`: builds the "production" database of a Dutch diploma-evaluation service — schema
 * and synthetic, deterministic, realistic-looking personal data — into an empty database.
 */
import { LeakproofError } from '../errors.js';
import { generateDemoRows } from './demo-data.js';
import { type DemoTableName, demoConstraintsSql, demoTables, demoTablesSql } from './demo-schema.js';
import { maxDemoBsns } from './identifiers.js';
import { rowBatches } from './json-rows.js';

export { type DemoTableName, demoSchemaSql, demoTables } from './demo-schema.js';

/**
 * What the demo needs from a database connection. `exec` resolves to anything (PGlite returns its
 * results) so that a PGlite instance or a thin node-postgres wrapper fits as is.
 */
export interface SqlExecutor {
  exec(sql: string): Promise<unknown>;
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export interface DemoOptions {
  /** Number of applicants; everything else scales with it. Default 18,000. */
  applicants?: number;
  /** Seed of the one random sequence: the same seed gives byte-identical data. */
  seed?: number;
  /** Called after each loaded batch with rows loaded so far and rows in total. */
  onProgress?: (done: number, total: number) => void;
}

/** Rows loaded per table, schema-qualified, in load order. */
export type DemoSummary = Readonly<Record<DemoTableName, number>>;

export const defaultDemoApplicants = 18_000;
export const defaultDemoSeed = 20_250_701;

/** Tables whose id column draws from a sequence; the sequences are moved past the loaded ids. */
const sequencedTables: readonly DemoTableName[] = [
  'public.staff',
  'public.applicant',
  'public.application',
  'public.document',
  'public.evaluation',
  'public.note',
  'audit.audit_log',
];

/**
 * Creates the demo schema in an empty database and fills it. It opens no transaction of its own, so
 * a caller that wants all-or-nothing wraps it in one (`leakproof demo` does).
 * @example await buildDemoDatabase(new PGlite(), { applicants: 300, seed: 7 })
 */
export async function buildDemoDatabase(db: SqlExecutor, options: DemoOptions = {}): Promise<DemoSummary> {
  const applicants = options.applicants ?? defaultDemoApplicants;
  const seed = options.seed ?? defaultDemoSeed;
  if (!Number.isInteger(applicants) || applicants < 1 || applicants > maxDemoBsns) {
    throw new LeakproofError('LP_USAGE', `demo: applicants must be a whole number from 1 to ${maxDemoBsns}`);
  }
  if (!Number.isSafeInteger(seed)) throw new LeakproofError('LP_USAGE', 'demo: seed must be a whole number');
  await assertEmpty(db);

  const tables = generateDemoRows(applicants, seed);
  const total = tables.reduce((sum, t) => sum + t.rows.length, 0);
  let done = 0;
  options.onProgress?.(done, total);
  const summary = Object.fromEntries(demoTables.map((t) => [t, 0])) as Record<DemoTableName, number>;

  let step = 'schema';
  try {
    await db.exec(demoTablesSql);
    for (const { table, columns, rows, overriding } of tables) {
      step = table;
      for (const batch of rowBatches(table, columns, rows, overriding)) {
        await db.query(batch.sql, [batch.payload]);
        done += batch.rows;
        summary[table] += batch.rows;
        options.onProgress?.(done, total);
      }
    }
    step = 'constraints and indexes';
    await db.exec(demoConstraintsSql);
    step = 'sequences';
    await db.exec(
      sequencedTables
        .map((t) => `SELECT setval(pg_get_serial_sequence('${t}', 'id'), max(id)) FROM ${t};`)
        .concat("SELECT setval('public.application_reference_seq', max(id)) FROM public.application;")
        .join('\n'),
    );
  } catch (error) {
    if (error instanceof LeakproofError) throw error;
    // Database errors can quote row values: say where it failed and the SQLSTATE, nothing more.
    const code =
      typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unknown';
    throw new LeakproofError(
      'LP_DATABASE',
      `demo: building the demo database failed at ${step} (SQLSTATE ${code})`,
    );
  }
  return summary;
}

/** Refuses a database that already holds a demo (or anything named like its tables). */
async function assertEmpty(db: SqlExecutor): Promise<void> {
  const result = await db.query(
    `SELECT count(*)::int AS n FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace s ON s.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p', 'v', 'm') AND (s.nspname, c.relname) IN (${demoTables
       .map((t) => `('${t.split('.')[0]}', '${t.split('.')[1]}')`)
       .join(', ')})`,
  );
  // PGlite and node-postgres resolve to `{ rows }`, Leakproof's adapters to the rows themselves.
  const rows = Array.isArray(result)
    ? result
    : typeof result === 'object' && result !== null && 'rows' in result
      ? result.rows
      : undefined;
  const first = Array.isArray(rows) ? (rows[0] as { n?: unknown } | undefined) : undefined;
  if (first?.n !== 0) {
    throw new LeakproofError(
      'LP_TARGET_OCCUPIED',
      'demo: the target database already has demo tables; use an empty one',
    );
  }
}
