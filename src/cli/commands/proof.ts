/**
 * `leakproof verify`, `leakproof fingerprint` and `leakproof scan`: the leak check on its own, the
 * fingerprints of a source written to a file, and a breach scan of any database against them.
 */
import { randomBytes } from 'node:crypto';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import type { DatabaseAdapter } from '../../adapters/adapter.js';
import { openDatabase } from '../../adapters/open-database.js';
import {
  type FingerprintFileFacts,
  fingerprintsTakenAt,
  parseFingerprintFile,
  renderFingerprintFile,
} from '../../check/fingerprints/fingerprint-file.js';
import type { FingerprintIndex } from '../../check/fingerprints/fingerprint-index.js';
import { mergeCounts, mergeFingerprints } from '../../check/fingerprints/fingerprint-merge.js';
import { type FingerprintOutcome, fingerprintSource } from '../../check/fingerprints/fingerprint-source.js';
import {
  createdFacts,
  type FingerprintingNow,
  otherSource,
  type SourceNow,
  updatedFacts,
} from '../../check/fingerprints/fingerprint-update.js';
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
  /**
   * Given: the source's identity is read (the result's `identity`) and handed to this, which throws
   * when the source must not be read (`fingerprint --update` of another source's file).
   */
  checkSource?: (source: SourceNow) => void,
) {
  const policy = await loadPolicyFile(policyFile);
  context.policy = { file: policy.file, sha256: policy.sha256 };
  return inSnapshot(url, 'source', async (source) => {
    context.source = { database: source.displayName, engine: source.engine };
    const identity = checkSource === undefined ? null : await source.identity();
    if (identity !== null) checkSource?.({ identity, displayName: source.displayName });
    const checked = requireCoverage(policy, await source.introspect());
    times?.restart();
    const outcome = await fingerprintSource({
      source,
      checked,
      keyed,
      jobs,
      ...(times ? { progress: times.tableDone } : {}),
    });
    return { checked, outcome, source: source.displayName, identity };
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
  /** Overwrite `out`; with `update`: merge even a file made from another source identity. */
  readonly force?: boolean;
  /** Merge the source's current state into the existing fingerprint file `out`. */
  readonly update?: boolean;
  readonly keyFile?: string;
  readonly jobs?: number;
  readonly quiet?: boolean;
}

/** Links `temporary` as `file`; where the file system has no hard links, writes `file` if new. */
async function linkOrCreate(temporary: string, file: string, text: string): Promise<void> {
  try {
    await link(temporary, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    await writeFile(file, text, { flag: 'wx', mode: 0o600 });
  }
}

/**
 * Writes `text` to `file` in one step (a temporary file beside it, mode 600, then renamed): a
 * reader never sees half a file, and a failed run leaves the old file as it was. Without
 * `overwrite`, an existing file is refused (the temporary file is linked, which fails if it exists).
 */
async function writeAtomically(file: string, text: string, overwrite: boolean): Promise<void> {
  const temporary = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, text, { flag: 'wx', mode: 0o600 });
    if (overwrite) await rename(temporary, file);
    else await linkOrCreate(temporary, file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      throw new LeakproofError(
        'LP_USAGE',
        `${file} already exists; pass --force to overwrite it, or --update to add the source's current people to it.`,
      );
    throw new LeakproofError('LP_FINGERPRINTS_FILE', `Cannot write ${file} (${code}).`);
  } finally {
    await unlink(temporary).catch(() => {});
  }
}

/** The file `--update` merges into: it must exist (a mistyped path must not start a new file). */
async function fileToUpdate(file: string, keyed: Keyed): Promise<FingerprintsLoaded> {
  try {
    return await loadFingerprints(file, keyed);
  } catch (error) {
    if (
      error instanceof LeakproofError &&
      error.code === 'LP_FINGERPRINTS_FILE' &&
      /ENOENT/.test(error.message)
    )
      throw new LeakproofError(
        'LP_FINGERPRINTS_FILE',
        `${file} does not exist: --update adds to a fingerprint file made before; leave --update out to make one.`,
      );
    throw error;
  }
}

/**
 * Writes the source's fingerprints to a file only its owner can read; with `update`, merges them
 * into the file's (people who left the source stay in it).
 */
export async function runFingerprintCommand(options: FingerprintCommandOptions, io: CliIo): Promise<void> {
  const context: Context = { toolVersion: TOOL_VERSION, command: 'fingerprint', startedAt: new Date() };
  const keyed = await resolveKey(options.keyFile, io);
  // The file to update is read first: another key or a damaged file fails before the source is read.
  const previous = options.update === true ? await fileToUpdate(options.out, keyed) : null;
  const { outcome, source, identity } = await fingerprintsOf(
    options.source,
    options.policy,
    keyed,
    context,
    options.jobs,
    new TableTimes(io, options.quiet === true, 'fingerprinted'),
    (now) => {
      const other = previous === null ? null : otherSource(previous.facts, now);
      if (other !== null && options.force !== true)
        throw new LeakproofError(
          'LP_FINGERPRINTS_SOURCE',
          `${options.out} cannot be updated from this source: ${other}. Pass --force if it is the same database.`,
        );
    },
  );
  const now: FingerprintingNow = {
    at: new Date().toISOString(),
    // Read, since a check of the source was given.
    source: { identity: identity!, displayName: source },
    policy: context.policy!,
    subjectTables: outcome.subjectTables,
    rows: outcome.rows,
    values: outcome.values,
  };
  const n = (x: number) => x.toLocaleString('en-US');
  const tables = outcome.subjectTables.join(', ') || 'no subject tables';
  const notice =
    'This file is pseudonymous personal data: keep it as safe as the source (it is readable by you only).\n';
  if (previous === null) {
    const text = renderFingerprintFile(outcome.index, createdFacts(now, outcome.index));
    await writeAtomically(options.out, text, options.force === true);
    io.stderr(
      `Wrote ${n(outcome.index.size)} fingerprints of ${n(outcome.values)} personal values of ` +
        `${n(outcome.index.subjectCount)} people (${tables}) to ${options.out} in ${outcome.seconds.toFixed(1)} s.\n${notice}`,
    );
    return;
  }
  const merged = mergeFingerprints(previous.index, outcome.index);
  const counts = mergeCounts(previous.index, outcome.index, merged);
  const text = renderFingerprintFile(merged, updatedFacts(previous.facts, previous.index, now, merged));
  await writeAtomically(options.out, text, true);
  io.stderr(
    `Updated ${options.out} (taken ${previous.takenAt.slice(0, 10)}) with ${n(outcome.index.subjectCount)} people ` +
      `of the source now (${tables}) in ${outcome.seconds.toFixed(1)} s: ${n(counts.added)} added, ` +
      `${n(counts.keptFromBefore)} kept from before (no longer in the source; a copy made earlier still holds them); ` +
      `${n(counts.people)} people, ${n(merged.size)} fingerprints in all.\n${notice}`,
  );
}

/** A fingerprint file as `scan` and `fingerprint --update` use it. */
export interface FingerprintsLoaded {
  readonly index: FingerprintIndex;
  /** The source's display name, as of the latest fingerprinting. */
  readonly source: string;
  /** When the fingerprints were last taken (the creation or the latest update). */
  readonly takenAt: string;
  readonly linksPeople: boolean;
  /** All the file says of itself: creation, source identity, policy, counts, history. */
  readonly facts: FingerprintFileFacts;
}

/** Reads a fingerprint file made with `keyed`. Example: `await loadFingerprints('prod.fingerprints', keyed)`. */
export async function loadFingerprints(file: string, keyed: Keyed): Promise<FingerprintsLoaded> {
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
  return { index, source: facts.source, takenAt: fingerprintsTakenAt(facts), linksPeople, facts };
}
