/** `leakproof copy`: the anonymized copy, its report, its summary and its record in the register. */
import type { DatabaseAdapter } from '../../adapters/adapter.js';
import { describeUrl, openDatabase, reconnectUrl, urlUser } from '../../adapters/open-database.js';
import { openRegister } from '../../adapters/register/open-register.js';
import { copyDatabase } from '../../copy/copy-database.js';
import { type Duration, durationSchema } from '../../core/duration.js';
import type { Keyed } from '../../core/keyed.js';
import { LeakproofError } from '../../errors.js';
import { loadPolicyFile } from '../../policy/load-policy.js';
import type { Policy } from '../../policy/policy-model.js';
import type { CopyRegister, RegisteredDatabase } from '../../register/copy-record.js';
import { CopyRecording, osUser } from '../../register/record-copy.js';
import { registerUrl } from '../../register/register-location.js';
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
  /** The register of copies' URL; default `$LEAKPROOF_REGISTER`, else the user's data folder. */
  readonly register?: string;
  /** How long the copy may live (`30d`); wins over the policy's `expires:`. */
  readonly expires?: string;
}

/** `--expires 30d` read, or LP_USAGE naming the option. */
export function expiresOption(text: string | undefined): Duration | undefined {
  if (text === undefined) return undefined;
  const parsed = durationSchema.safeParse(text);
  if (!parsed.success)
    throw new LeakproofError(
      'LP_USAGE',
      `--expires: ${parsed.error.issues[0]?.message ?? 'not a duration'}.`,
    );
  return parsed.data;
}

/** Runs a copy and writes its report (also when it fails, so the failure is on record). */
export async function runCopyCommand(options: CopyCommandOptions, io: CliIo): Promise<RunReport> {
  const context: { -readonly [K in keyof ReportContext]: ReportContext[K] } = {
    toolVersion: TOOL_VERSION,
    command: 'copy',
    startedAt: new Date(),
  };
  const expires = expiresOption(options.expires);
  // Opened first: a copy that cannot be registered must not start.
  const register = await openRegister(registerUrl(options.register, io.env));
  const recording = new CopyRecording(register, osUser(io.env));
  let report: RunReport;
  try {
    try {
      const keyed: Keyed = await resolveKey(options.keyFile, io);
      context.keyId = keyed.keyId;
      const policy: Policy = await loadPolicyFile(options.policy);
      context.policy = { file: policy.file, sha256: policy.sha256 };
      report = await withDatabases(options, context, async (source, target) => {
        await refuseRegisterAs(register, source, target);
        recording.begin({
          startedAt: context.startedAt,
          source: await registered(source, options.source, io),
          target: await registered(target, options.target, io),
          targetUrl: reconnectUrl(options.target),
          policy: context.policy!,
          keyId: keyed.keyId,
          expires: expires ?? policy.expires,
        });
        const outcome = await copyDatabase({
          source,
          target,
          policy,
          keyed,
          replace: options.replace === true,
          jobs: options.jobs ?? defaultJobs(),
          progress: progressPrinter(io, options.quiet === true),
          beforeRelease: recording.beforeRelease,
        });
        if (outcome.released) await markReleased(recording, register, io);
        else await recording.refused(outcome);
        context.register = registerSection(recording, register);
        return copyReport(context, outcome);
      });
    } catch (error) {
      await recording.failed(error);
      if (recording.begun) context.register = registerSection(recording, register);
      if (options.report) await writeReportFiles(options.report, failedReport(context, error));
      throw error;
    }
  } finally {
    await register.close();
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

function registerSection(recording: CopyRecording, register: CopyRegister) {
  return {
    runId: recording.runId,
    location: register.location,
    expiresAt: recording.expiresAt?.toISOString() ?? null,
  };
}

/**
 * The target is committed by now: a register that fails here leaves the record `pending`, which
 * every reader counts as released, so the copy is still on record; say so and go on.
 */
async function markReleased(recording: CopyRecording, register: CopyRegister, io: CliIo): Promise<void> {
  try {
    await recording.released();
  } catch {
    io.stderr(
      `Warning: the copy was released but the register ${register.location} could not mark it so; ` +
        `it stays recorded as pending (run ${recording.runId}).\n`,
    );
  }
}

/** `--replace` would drop the register, and the source is never written: neither may be the register. */
async function refuseRegisterAs(
  register: CopyRegister,
  source: DatabaseAdapter,
  target: DatabaseAdapter,
): Promise<void> {
  const id = await register.identity();
  for (const [role, db] of [
    ['source', source],
    ['target', target],
  ] as const) {
    if ((await db.identity()) === id)
      throw new LeakproofError(
        'LP_REGISTER',
        `The register of copies ${register.location} is the ${role} database; give the register a database of its own.`,
      );
  }
}

async function registered(db: DatabaseAdapter, url: string, io: CliIo): Promise<RegisteredDatabase> {
  return {
    identity: await db.identity(),
    name: db.displayName,
    engine: db.engine,
    user: urlUser(url, io.env, osUser(io.env)),
  };
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
