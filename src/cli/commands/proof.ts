/**
 * `leakproof verify`, `leakproof fingerprint` and `leakproof scan`: the leak check on its own, the
 * fingerprints of a source written to a file, and a breach scan of any database against them.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { DatabaseAdapter } from '../../adapters/adapter.js';
import { openDatabase } from '../../adapters/open-database.js';
import { parseFingerprintFile, renderFingerprintFile } from '../../check/fingerprints/fingerprint-file.js';
import type { FingerprintIndex } from '../../check/fingerprints/fingerprint-index.js';
import { type FingerprintOutcome, fingerprintSource } from '../../check/fingerprints/fingerprint-source.js';
import type { PersonLinks } from '../../check/fingerprints/person-links.js';
import { FindingTally } from '../../check/matching/finding-tally.js';
import { keptIdentifierFinding } from '../../check/matching/policy-findings.js';
import { type ScanOutcome, scanDatabase } from '../../check/scanning/scan-database.js';
import { writtenBy } from '../../check/scanning/written-by.js';
import type { Keyed } from '../../core/keyed.js';
import { LeakproofError } from '../../errors.js';
import { requireCoverage } from '../../policy/check-policy.js';
import { loadPolicyFile } from '../../policy/load-policy.js';
import { failedReport, type ReportContext, reportHeader } from '../../report/copy-report.js';
import { policyTableReports } from '../../report/policy-tables.js';
import type { RunReport } from '../../report/run-report.js';
import {
  summarizeVerification,
  type VerificationReport,
  verificationReport,
} from '../../report/verification-report.js';
import type { CliIo } from '../io.js';
import { defaultJobs } from '../jobs.js';
import { resolveKey } from '../key.js';
import { TableTimes } from '../progress.js';
import { writeReportFiles } from '../report-files.js';
import { TOOL_VERSION } from '../version.js';

export type Context = { -readonly [K in keyof ReportContext]: ReportContext[K] };

/** Opens a database, runs `work` inside one read-only snapshot, and closes it. */
export async function inSnapshot<T>(
  url: string,
  role: 'source' | 'target',
  work: (db: DatabaseAdapter) => Promise<T>,
): Promise<T> {
  const db = await openDatabase(url, role);
  try {
    await db.begin('snapshot');
    try {
      return await work(db);
    } finally {
      await db.rollback().catch(() => {});
    }
  } finally {
    await db.close();
  }
}

async function fingerprintsOf(
  url: string,
  policyFile: string,
  keyed: Keyed,
  context: Context,
  jobs = defaultJobs(),
  times?: TableTimes,
) {
  const policy = await loadPolicyFile(policyFile);
  context.policy = { file: policy.file, sha256: policy.sha256 };
  return inSnapshot(url, 'source', async (source) => {
    context.source = { database: source.displayName, engine: source.engine };
    const checked = requireCoverage(policy, await source.introspect());
    times?.restart();
    const outcome = await fingerprintSource({
      source,
      checked,
      keyed,
      jobs,
      ...(times ? { progress: times.tableDone } : {}),
    });
    return { checked, outcome, source: source.displayName };
  });
}

export function withVerification(
  context: Context,
  verification: VerificationReport,
  extra: Partial<RunReport> = {},
): RunReport {
  const report: RunReport = {
    ...reportHeader(context),
    outcome: verification.passed ? 'success' : 'failed',
    tables: [],
    views: [],
    totals: { tables: 0, rows: 0, columnsTransformed: 0 },
    ...(verification.passed
      ? {}
      : {
          error: {
            code: 'LP_LEAK_FOUND',
            message: `${verification.findings.total} finding(s) of personal data.`,
            details: [],
          },
        }),
    verification,
    timings: { verify: verification.seconds },
    ...extra,
  };
  return report;
}

export function scanFacts(scan: ScanOutcome, links?: PersonLinks) {
  return { ...scan, findings: scan.tally.summary(links) };
}

function fingerprintFacts(outcome: FingerprintOutcome) {
  return {
    subjectTables: outcome.subjectTables,
    subjects: outcome.index.subjectCount,
    values: outcome.values,
    fingerprints: outcome.index.size,
  };
}

export async function finish(
  report: RunReport,
  summary: string,
  options: { report?: string },
  io: CliIo,
): Promise<RunReport> {
  if (options.report) {
    const html = await writeReportFiles(options.report, report);
    io.stderr(`Report: ${options.report} (readable: ${html})\n`);
  }
  io.stderr(`${summary}\n`);
  if (report.outcome === 'failed')
    throw new LeakproofError('LP_LEAK_FOUND', report.error?.message ?? 'Personal data found.');
  return report;
}

export async function onFailure<T>(
  context: Context,
  options: { report?: string },
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const leak = error instanceof LeakproofError && error.code === 'LP_LEAK_FOUND';
    if (options.report && !leak) await writeReportFiles(options.report, failedReport(context, error));
    throw error;
  }
}

export interface VerifyCommandOptions {
  readonly source: string;
  readonly target: string;
  readonly policy: string;
  readonly report?: string;
  readonly keyFile?: string;
  readonly jobs?: number;
  readonly quiet?: boolean;
}

/** Fingerprints the source and checks every value of the target; exit 4 on any finding. */
export async function runVerifyCommand(options: VerifyCommandOptions, io: CliIo): Promise<RunReport> {
  const context: Context = { toolVersion: TOOL_VERSION, command: 'verify', startedAt: new Date() };
  return onFailure(context, options, async () => {
    const keyed = await resolveKey(options.keyFile, io);
    context.keyId = keyed.keyId;
    const quiet = options.quiet === true;
    const fingerprinted = new TableTimes(io, quiet, 'fingerprinted in the source');
    const checkedRows = new TableTimes(io, quiet, 'checked in the target');
    const { checked, outcome } = await fingerprintsOf(
      options.source,
      options.policy,
      keyed,
      context,
      options.jobs,
      fingerprinted,
    );
    // What the policy itself releases (a kept column that singles people out) is a finding too.
    const tally = new FindingTally();
    for (const kept of outcome.keptIdentifiers) tally.addRow([keptIdentifierFinding(kept)]);
    const scan = await inSnapshot(options.target, 'target', (target) => {
      context.target = { database: target.displayName, engine: target.engine };
      checkedRows.restart();
      return scanDatabase({
        db: target,
        index: outcome.index,
        detectors: true,
        progress: checkedRows.tableDone,
        writtenBy: writtenBy(checked),
        tally,
        keyed, // half of each table's rows are scanned on a worker thread
      });
    });
    const verification = verificationReport(scanFacts(scan), fingerprintFacts(outcome));
    const report = withVerification(context, verification, {
      timings: { fingerprint: outcome.seconds, verify: scan.seconds },
      tables: policyTableReports(checked, {
        sourceRows: fingerprinted.rows,
        targetRows: checkedRows.rows,
        seconds: checkedRows.seconds,
      }),
    });
    return finish(report, summarizeVerification(verification), options, io);
  });
}

export interface FingerprintCommandOptions {
  readonly source: string;
  readonly policy: string;
  readonly out: string;
  readonly force?: boolean;
  readonly keyFile?: string;
  readonly jobs?: number;
  readonly quiet?: boolean;
}

/** Writes the source's fingerprints to a file only its owner can read. */
export async function runFingerprintCommand(options: FingerprintCommandOptions, io: CliIo): Promise<void> {
  const context: Context = { toolVersion: TOOL_VERSION, command: 'fingerprint', startedAt: new Date() };
  const keyed = await resolveKey(options.keyFile, io);
  const { outcome, source } = await fingerprintsOf(
    options.source,
    options.policy,
    keyed,
    context,
    options.jobs,
    new TableTimes(io, options.quiet === true, 'fingerprinted'),
  );
  const text = renderFingerprintFile(outcome.index, {
    createdAt: new Date().toISOString(),
    source,
    policy: context.policy!,
    subjectTables: outcome.subjectTables,
    rows: outcome.rows,
    values: outcome.values,
  });
  try {
    await writeFile(options.out, text, { flag: options.force ? 'w' : 'wx', mode: 0o600 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      throw new LeakproofError('LP_USAGE', `${options.out} already exists; pass --force to overwrite it.`);
    throw new LeakproofError('LP_FINGERPRINTS_FILE', `Cannot write ${options.out} (${code}).`);
  }
  const n = (x: number) => x.toLocaleString('en-US');
  io.stderr(
    `Wrote ${n(outcome.index.size)} fingerprints of ${n(outcome.values)} personal values of ` +
      `${n(outcome.index.subjectCount)} people (${outcome.subjectTables.join(', ') || 'no subject tables'}) to ${options.out} in ${outcome.seconds.toFixed(1)} s.\n` +
      'This file is pseudonymous personal data: keep it as safe as the source (it is readable by you only).\n',
  );
}

export async function loadFingerprints(
  file: string,
  keyed: Keyed,
): Promise<{ index: FingerprintIndex; source: string; takenAt: string; linksPeople: boolean }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new LeakproofError(
      'LP_FINGERPRINTS_FILE',
      `Cannot read ${file} (${(error as NodeJS.ErrnoException).code}).`,
    );
  }
  const { index, facts, linksPeople } = parseFingerprintFile(text, keyed, file);
  return { index, source: facts.source, takenAt: facts.createdAt, linksPeople };
}
