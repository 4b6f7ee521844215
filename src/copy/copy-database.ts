/**
 * The copy: one read-only snapshot of the source, one transaction on the target. Tables are created
 * bare, rows streamed through the transforms with COPY, then keys, indexes, foreign keys, sequences
 * and views are added, and only then is the target committed. A failure anywhere (or a killed
 * process) rolls the target back to what it was: there is never a half-made copy that looks whole.
 */
import type { DatabaseAdapter } from '../adapters/adapter.js';
import { fingerprintSource } from '../check/fingerprints/fingerprint-source.js';
import { FindingTally } from '../check/matching/finding-tally.js';
import { keptIdentifierFinding } from '../check/matching/policy-findings.js';
import { realValuesOf } from '../check/matching/real-values.js';
import {
  keyPositions,
  type ScanOutcome,
  scanColumnsOf,
  scanDatabase,
} from '../check/scanning/scan-database.js';
import { StreamCheck } from '../check/scanning/stream-check.js';
import { type WrittenBy, writtenBy } from '../check/scanning/written-by.js';
import type { Keyed } from '../core/keyed.js';
import { LeakproofError } from '../errors.js';
import { requireCoverage } from '../policy/check-policy.js';
import type { Policy } from '../policy/policy-model.js';
import { requireRebuildable } from '../schema/cross-dialect.js';
import { qualifiedName } from '../schema/model.js';
import { schemaHash } from '../schema/schema-hash.js';
import { planCopy, type TablePlan } from './plan.js';
import { type RowCounter, transformRows } from './transform-rows.js';

export interface CopyProgress {
  /** A table of the source was fingerprinted (before the load: a long phase of its own). */
  tableFingerprinted?(table: string, rows: number): void;
  tableStarted?(table: string, rows: number): void;
  rowsCopied?(table: string, done: number, total: number): void;
  tableDone?(table: string, rows: number, seconds: number): void;
  phase?(description: string): void;
  warning?(message: string): void;
}

export interface CopyRequest {
  readonly source: DatabaseAdapter;
  readonly target: DatabaseAdapter;
  readonly policy: Policy;
  readonly keyed: Keyed;
  /** Replace whatever the target holds instead of refusing an occupied target. */
  readonly replace: boolean;
  readonly progress?: CopyProgress;
  readonly signal?: AbortSignal;
  /**
   * False skips the leak check and releases whatever was copied. Only for tests of how values
   * travel (a keep-all copy must arrive unchanged); the command line always checks.
   */
  readonly leakCheck?: boolean;
  /** Threads that share the work, the main thread included (`--jobs`); 1 by default. */
  readonly jobs?: number;
  /**
   * Awaited once the check has passed, before the target is committed (the register of copies
   * records the copy here). A throw rolls the target back: a copy that cannot be recorded is not
   * released.
   */
  readonly beforeRelease?: (facts: ReleaseFacts) => Promise<void>;
}

/** What is about to be released: rows written per table (`schema.table`). */
export interface ReleaseFacts {
  readonly rows: ReadonlyMap<string, number>;
}

export interface TableOutcome {
  readonly plan: TablePlan;
  readonly sourceRows: number;
  readonly writtenRows: number;
  readonly seconds: number;
}

export interface CopyOutcome {
  readonly schemaSha256: string;
  readonly tableCount: number;
  readonly columnCount: number;
  readonly tables: readonly TableOutcome[];
  readonly views: readonly { name: string; materialized: boolean; created: boolean; reason?: string }[];
  readonly fingerprints: FingerprintFacts;
  /** What the leak check read in the target and found. */
  readonly verification: ScanOutcome;
  /** True when the check found nothing and the target was committed; false: rolled back. */
  readonly released: boolean;
  readonly timings: {
    introspect: number;
    fingerprint: number;
    load: number;
    constraints: number;
    /** Waiting for the check after the load, plus reading back what the load did not write. */
    verify: number;
    /** The check's own time on the rows as they were written, on another thread during the load. */
    verifyDuringLoad: number;
    total: number;
  };
}

/** What was fingerprinted, for the report (never the fingerprints themselves). */
export interface FingerprintFacts {
  readonly subjectTables: readonly string[];
  readonly subjects: number;
  readonly rows: number;
  readonly values: number;
  readonly fingerprints: number;
}

const seconds = (since: number) => Math.round((performance.now() - since) / 10) / 100;

export async function copyDatabase(request: CopyRequest): Promise<CopyOutcome> {
  const { source, target, policy, keyed, progress } = request;
  const started = performance.now();

  if ((await source.identity()) === (await target.identity())) {
    throw new LeakproofError(
      'LP_SAME_DATABASE',
      `The source and the target are the same database (${source.displayName}); refusing to copy onto it.`,
    );
  }

  await source.begin('snapshot');
  try {
    progress?.phase?.('Reading the source schema');
    const schema = await source.introspect();
    const checked = requireCoverage(policy, schema);
    // Asked before the long fingerprint phase: a type or generated column the target's engine cannot
    // rebuild stops the copy at once.
    requireRebuildable(schema, target.engine);
    const ddl = target.schemaDdl(schema);
    progress?.phase?.('Fingerprinting the personal values of the source');
    const fingerprinted = await fingerprintSource({
      source,
      checked,
      keyed,
      jobs: request.jobs ?? 1,
      progress: (table, rows) => progress?.tableFingerprinted?.(table, rows),
      ...(request.signal ? { signal: request.signal } : {}),
    });
    const { index } = fingerprinted;
    const fingerprint = fingerprinted.seconds;
    // The fingerprints tell the generators which values are real, so no fake is ever one.
    const plans = planCopy(checked, keyed, realValuesOf(index));
    const written = writtenBy(checked);
    const tally = new FindingTally();
    if (request.leakCheck !== false)
      for (const kept of fingerprinted.keptIdentifiers) tally.addRow([keptIdentifierFinding(kept)]);
    // The check reads every row on its way to the target, on a worker thread: started now, it is
    // ready by the time the first rows come.
    const check =
      request.leakCheck === false ? null : new StreamCheck(index, keyed, { detectors: true }, tally);
    try {
      const sourceRows = new Map<string, number>();
      for (const plan of plans) {
        if (plan.skip) continue;
        sourceRows.set(qualifiedName(plan.table), await source.countRows(plan.table));
      }
      const introspect = Math.round((seconds(started) - fingerprint) * 100) / 100;

      await target.begin('write');
      try {
        await target.lockForCopy();
        const occupied = await target.listUserRelations();
        if (occupied.length > 0 && !request.replace) {
          throw new LeakproofError(
            'LP_TARGET_OCCUPIED',
            `The target ${target.displayName} already holds ${occupied.length} table(s), view(s) or sequence(s); ` +
              'use --replace to replace them.',
            occupied.slice(0, 10).map((name) => `already there: ${name}`),
          );
        }
        if (occupied.length > 0) {
          progress?.phase?.('Clearing the target (--replace)');
          await target.dropUserObjects();
        }

        progress?.phase?.('Creating tables');
        for (const statement of ddl.beforeLoad) await target.exec(statement);

        const loadStarted = performance.now();
        const tables: TableOutcome[] = [];
        for (const plan of plans)
          tables.push(
            await copyTable(request, plan, sourceRows.get(qualifiedName(plan.table)) ?? 0, check, written),
          );
        const load = seconds(loadStarted);

        const constraintsStarted = performance.now();
        progress?.phase?.('Adding keys, indexes, foreign keys and sequence positions');
        for (const statement of ddl.afterLoad) await target.exec(statement);
        const views = [];
        for (const { view, sql } of ddl.views) {
          // A view that cannot be made (a function it calls is not copied) is reported, and the
          // copy goes on without it.
          const reason = await target.createView(sql);
          if (reason === null) {
            views.push({ name: qualifiedName(view), materialized: view.materialized, created: true });
          } else {
            progress?.warning?.(`View ${qualifiedName(view)} was not created: ${reason}`);
            views.push({
              name: qualifiedName(view),
              materialized: view.materialized,
              created: false,
              reason,
            });
          }
        }
        const constraints = seconds(constraintsStarted);

        // What the check saw on the stream is what landed; it also reads back whatever the stream did
        // not write, inside the same transaction: nobody else can see the copy before it has passed,
        // and a failed check rolls it all back.
        progress?.phase?.('Checking every value of the target for personal data');
        const verifyStarted = performance.now();
        const onStream = check === null ? undefined : await check.finish();
        const verification = await scanDatabase({
          db: target,
          skipTables: request.leakCheck === false,
          index,
          detectors: true,
          writtenBy: written,
          tally,
          ...(onStream ? { checkedOnStream: onStream } : {}),
          ...(request.signal ? { signal: request.signal } : {}),
        });
        const verify = seconds(verifyStarted);
        const released = verification.tally.total === 0;
        if (released) {
          if (request.beforeRelease !== undefined) {
            progress?.phase?.('Recording the copy in the register');
            await request.beforeRelease({
              rows: new Map(
                tables.filter((t) => !t.plan.skip).map((t) => [qualifiedName(t.plan.table), t.writtenRows]),
              ),
            });
          }
          progress?.phase?.('Committing the target');
          await target.commit();
        } else {
          progress?.phase?.('Personal data found: rolling the target back');
          await target.rollback();
        }
        return {
          schemaSha256: schemaHash(schema),
          tableCount: schema.tables.length,
          columnCount: schema.tables.reduce((n, t) => n + t.columns.length, 0),
          tables,
          views,
          fingerprints: {
            subjectTables: fingerprinted.subjectTables,
            subjects: index.subjectCount,
            rows: fingerprinted.rows,
            values: fingerprinted.values,
            fingerprints: index.size,
          },
          // The check's own time: on the stream during the load, and reading back what it did not see.
          verification: { ...verification, seconds: verification.seconds + (onStream?.busySeconds ?? 0) },
          released,
          timings: {
            introspect,
            fingerprint,
            load,
            constraints,
            verify,
            verifyDuringLoad: onStream?.busySeconds ?? 0,
            total: seconds(started),
          },
        };
      } catch (error) {
        await target.rollback().catch(() => {});
        throw error;
      }
    } finally {
      await check?.close();
    }
  } finally {
    await source.rollback().catch(() => {});
  }
}

async function copyTable(
  request: CopyRequest,
  plan: TablePlan,
  sourceRows: number,
  check: StreamCheck | null,
  written: WrittenBy,
): Promise<TableOutcome> {
  const name = qualifiedName(plan.table);
  const started = performance.now();
  if (plan.skip) return { plan, sourceRows: 0, writtenRows: 0, seconds: 0 };
  const { progress } = request;
  progress?.tableStarted?.(name, sourceRows);
  const counter: RowCounter = { rows: 0 };
  const rows = request.source.readRows(plan.table, plan.columns, request.signal);
  const reporting = async function* (chunks: AsyncIterable<Buffer>) {
    for await (const chunk of chunks) {
      yield chunk;
      progress?.rowsCopied?.(name, counter.rows, sourceRows);
    }
  };
  const transformed = reporting(
    transformRows(
      rows,
      plan.transforms,
      counter,
      { table: name, columns: plan.columns },
      plan.linkedOrder,
      plan.redraw,
    ),
  );
  // A table with generated columns is read back instead: the target computes those values itself.
  const checked =
    check === null || plan.table.columns.some((c) => c.generatedExpr !== null)
      ? transformed
      : check.tap(
          {
            table: name,
            columns: scanColumnsOf(plan.table, plan.columns, written),
            keyAt: keyPositions(plan.table, plan.columns),
          },
          transformed,
        );
  await request.target.writeRows(plan.table, plan.columns, checked);
  if (counter.rows !== sourceRows) {
    throw new LeakproofError(
      'LP_INTERNAL',
      `${name}: ${counter.rows} rows were copied but the source snapshot holds ${sourceRows}; the copy was rolled back.`,
    );
  }
  const took = seconds(started);
  progress?.tableDone?.(name, counter.rows, took);
  return { plan, sourceRows, writtenRows: counter.rows, seconds: took };
}
