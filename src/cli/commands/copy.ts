/** `leakproof copy`: the anonymized copy, its report and its summary. */
import type { DatabaseAdapter } from '../../adapters/adapter.js';
import { describeUrl, openDatabase } from '../../adapters/open-database.js';
import { copyDatabase } from '../../copy/copy-database.js';
import type { Keyed } from '../../core/keyed.js';
import { LeakproofError } from '../../errors.js';
import { loadPolicyFile } from '../../policy/load-policy.js';
import type { Policy } from '../../policy/policy-model.js';
import { copyReport, failedReport, type ReportContext, summarizeCopy } from '../../report/copy-report.js';
import type { RunReport } from '../../report/run-report.js';
import type { CliIo } from '../io.js';
import { defaultJobs } from '../jobs.js';
import { resolveKey } from '../key.js';
import { progressPrinter } from '../progress.js';
import { writeReportFiles } from '../report-files.js';
import { TOOL_VERSION } from '../version.js';

export interface CopyCommandOptions {
  readonly source: string;
  readonly target: string;
  readonly policy: string;
  readonly report?: string;
  readonly replace?: boolean;
  readonly quiet?: boolean;
  readonly keyFile?: string;
  readonly jobs?: number;
}

/** Runs a copy and writes its report (also when it fails, so the failure is on record). */
export async function runCopyCommand(options: CopyCommandOptions, io: CliIo): Promise<RunReport> {
  const context: { -readonly [K in keyof ReportContext]: ReportContext[K] } = {
    toolVersion: TOOL_VERSION,
    command: 'copy',
    startedAt: new Date(),
  };
  let report: RunReport;
  try {
    const keyed: Keyed = await resolveKey(options.keyFile, io);
    context.keyId = keyed.keyId;
    const policy: Policy = await loadPolicyFile(options.policy);
    context.policy = { file: policy.file, sha256: policy.sha256 };
    report = await withDatabases(options, context, async (source, target) => {
      const outcome = await copyDatabase({
        source,
        target,
        policy,
        keyed,
        replace: options.replace === true,
        jobs: options.jobs ?? defaultJobs(),
        progress: progressPrinter(io, options.quiet === true),
      });
      return copyReport(context, outcome);
    });
  } catch (error) {
    if (options.report) await writeReportFiles(options.report, failedReport(context, error));
    throw error;
  }
  if (options.report) {
    const html = await writeReportFiles(options.report, report);
    if (!options.quiet) io.stderr(`Report: ${options.report} (readable: ${html})\n`);
  }
  if (report.outcome === 'failed') {
    // Findings are shown whatever --quiet says: they are why the exit code is 4.
    io.stderr(`${summarizeCopy(report)}\n`);
    throw new LeakproofError('LP_LEAK_FOUND', report.error?.message ?? 'Personal data found in the target.');
  }
  if (!options.quiet) io.stderr(`${summarizeCopy(report)}\n`);
  return report;
}

async function withDatabases<T>(
  options: CopyCommandOptions,
  context: { source?: ReportContext['source']; target?: ReportContext['target'] },
  work: (source: DatabaseAdapter, target: DatabaseAdapter) => Promise<T>,
): Promise<T> {
  context.source = { database: describeUrl(options.source), engine: '' };
  context.target = { database: describeUrl(options.target), engine: '' };
  const source = await openDatabase(options.source, 'source');
  try {
    context.source = { database: source.displayName, engine: source.engine };
    const target = await openDatabase(options.target, 'target');
    try {
      context.target = { database: target.displayName, engine: target.engine };
      return await work(source, target);
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
