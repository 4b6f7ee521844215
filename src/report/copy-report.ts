/**
 * Builds the report of a `copy` run from what the copy did, and a summary a person reads on stderr.
 */
import type { CopyOutcome } from '../copy/copy-database.js';
import { LeakproofError } from '../errors.js';
import { columnReports } from './policy-tables.js';
import type { RegisterReport, RunReport, TableReport } from './run-report.js';
import { REPORT_VERSION } from './run-report.js';
import { summarizeVerification, verificationReport } from './verification-report.js';

export interface ReportContext {
  readonly toolVersion: string;
  readonly command: string;
  readonly startedAt: Date;
  readonly source?: { database: string; engine: string };
  readonly target?: { database: string; engine: string };
  readonly policy?: { file: string; sha256: string };
  readonly keyId?: string;
  readonly register?: RegisterReport;
}

/** The part every report starts with: tool, command, times, databases, policy, key id. */
export function reportHeader(context: ReportContext) {
  return {
    reportVersion: REPORT_VERSION,
    tool: { name: 'leakproof', version: context.toolVersion },
    command: context.command,
    startedAt: context.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    ...(context.source ? { source: context.source } : {}),
    ...(context.target ? { target: context.target } : {}),
    ...(context.policy ? { policy: context.policy } : {}),
    ...(context.keyId ? { key: { id: context.keyId } } : {}),
    ...(context.register ? { register: context.register } : {}),
  } as const;
}

export function copyReport(context: ReportContext, outcome: CopyOutcome): RunReport {
  const { verification: scan, fingerprints } = outcome;
  const verification = verificationReport(
    { ...scan, findings: scan.tally.summary() },
    {
      subjectTables: fingerprints.subjectTables,
      subjects: fingerprints.subjects,
      values: fingerprints.values,
      fingerprints: fingerprints.fingerprints,
    },
  );
  const tables: TableReport[] = outcome.tables.map(({ plan, sourceRows, writtenRows, seconds }) => ({
    name: `${plan.table.schema}.${plan.table.name}`,
    action: plan.skip ? 'skipped' : 'copied',
    subject: plan.subject,
    rows: { source: sourceRows, written: writtenRows },
    columnsTransformed: plan.decisions.filter((d) => d.transform !== 'keep').length,
    columns: columnReports(plan.table, plan.decisions),
    seconds,
  }));
  return {
    ...reportHeader(context),
    ...(outcome.released
      ? { outcome: 'success' as const }
      : { outcome: 'failed' as const, error: leakError(verification.findings.total) }),
    schema: { sha256: outcome.schemaSha256, tables: outcome.tableCount, columns: outcome.columnCount },
    tables,
    views: outcome.views,
    totals: {
      tables: tables.length,
      rows: tables.reduce((n, t) => n + t.rows.written, 0),
      columnsTransformed: tables.reduce((n, t) => n + t.columnsTransformed, 0),
    },
    timings: outcome.timings,
    verification,
  };
}

function leakError(findings: number) {
  return {
    code: 'LP_LEAK_FOUND',
    message: `The leak check found ${findings} piece(s) of personal data in the target; it was rolled back and not released.`,
    details: [],
  } as const;
}

export function failedReport(context: ReportContext, error: unknown): RunReport {
  const e =
    error instanceof LeakproofError
      ? error
      : new LeakproofError('LP_INTERNAL', error instanceof Error ? error.message : String(error));
  return {
    ...reportHeader(context),
    outcome: 'failed',
    error: { code: e.code, message: e.message, details: e.details },
    tables: [],
    views: [],
    totals: { tables: 0, rows: 0, columnsTransformed: 0 },
    timings: {},
  };
}

/** A few lines for the terminal: what was copied, how much, how fast. */
export function summarizeCopy(report: RunReport): string {
  const lines: string[] = [];
  const seconds = report.timings.total ?? 0;
  const rate = seconds > 0 ? Math.round(report.totals.rows / seconds) : 0;
  lines.push(
    `Copied ${report.totals.tables} tables, ${report.totals.rows.toLocaleString('en-US')} rows, ` +
      `${report.totals.columnsTransformed} columns transformed in ${seconds.toFixed(1)} s ` +
      `(${rate.toLocaleString('en-US')} rows/s).`,
  );
  const skipped = report.tables.filter((t) => t.action === 'skipped');
  if (skipped.length > 0) lines.push(`Skipped (structure only): ${skipped.map((t) => t.name).join(', ')}.`);
  const missing = report.views.filter((v) => !v.created);
  if (missing.length > 0) lines.push(`Views not created: ${missing.map((v) => v.name).join(', ')}.`);
  if (report.verification) lines.push(summarizeVerification(report.verification));
  if (report.outcome === 'failed') lines.push('The target was rolled back: nothing was released.');
  return lines.join('\n');
}
