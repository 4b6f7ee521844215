/**
 * `leakproof watch`: the breach scan of every listed test environment, one report each and a
 * summary, so personal data in a test environment is found the night it lands, not six months
 * later. Exit 4 when any environment holds someone of the source.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatabaseAdapter } from '../../adapters/adapter.js';
import type { Keyed } from '../../core/keyed.js';
import { LeakproofError } from '../../errors.js';
import type { CopyRegister } from '../../register/copy-record.js';
import { failedReport } from '../../report/copy-report.js';
import { qualifiedName, type TableModel } from '../../schema/model.js';
import { fileStamps } from '../../watch/file-stamps.js';
import { loadWatchConfig, type WatchEnvironment } from '../../watch/watch-config.js';
import {
  type EnvironmentState,
  readWatchState,
  unchangedSince,
  writeWatchState,
} from '../../watch/watch-state.js';
import type { CliIo } from '../io.js';
import { resolveKey } from '../key.js';
import { writeReportFiles } from '../report-files.js';
import { TOOL_VERSION } from '../version.js';
import type { Context } from './proof.js';
import { loadFingerprints } from './proof.js';
import { type ScanFingerprints, scanPlace, scanRegister } from './scan.js';

export interface WatchCommandOptions {
  readonly fingerprints: string;
  readonly config: string;
  /** Folder for the reports, the summary and the state. */
  readonly out: string;
  /** Leave unread what has not changed since the last clean scan. */
  readonly since?: boolean;
  readonly keyFile?: string;
  readonly quiet?: boolean;
  readonly register?: string;
}

/** One environment's line in the summary. */
export interface WatchedEnvironment {
  readonly name: string;
  readonly outcome: 'clean' | 'personal data' | 'not scanned';
  readonly people: number;
  readonly findings: number;
  /** Tables (or, for files, the whole folder) left unread: unchanged since the last clean scan. */
  readonly unchanged: number;
  readonly report: string;
  readonly error?: { readonly code: string; readonly message: string };
}

export interface WatchSummary {
  readonly tool: { readonly name: 'leakproof'; readonly version: string };
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly fingerprints: { readonly source: string; readonly takenAt: string };
  readonly environments: readonly WatchedEnvironment[];
}

const fingerprintsStamp = (f: ScanFingerprints) => `${f.takenAt}/${f.index.size}/${f.index.subjectCount}`;

interface EnvironmentRun {
  readonly watched: WatchedEnvironment;
  readonly state: EnvironmentState;
}

/** Scans one environment; never throws for the environment's own failure (it is in the result). */
async function watchOne(
  env: WatchEnvironment,
  fingerprints: ScanFingerprints,
  run: {
    io: CliIo;
    keyed: Keyed;
    quiet: boolean;
    out: string;
    last: EnvironmentState | undefined;
    since: boolean;
    register: CopyRegister | null;
  },
): Promise<EnvironmentRun> {
  const report = join(run.out, `${env.name}.json`);
  const context: Context = { toolVersion: TOOL_VERSION, command: 'scan', startedAt: new Date() };
  const printsStamp = fingerprintsStamp(fingerprints);
  const stamps: Record<string, string> = {};
  const at = new Date().toISOString();
  let unchanged = 0;
  try {
    const files = env.files === undefined ? undefined : await fileStamps(env.files);
    for (const [path, stamp] of files ?? []) stamps[`file:${path}`] = stamp;
    // A folder is read again as a whole when any file under it is new or rewritten.
    const filesUnchanged =
      run.since &&
      files !== undefined &&
      [...files].every(([path, stamp]) => unchangedSince(run.last, printsStamp, `file:${path}`, stamp)) &&
      Object.keys(run.last?.stamps ?? {}).filter((k) => k.startsWith('file:')).length === files.size;
    if (filesUnchanged) unchanged++;
    const tablesToSkip = async (db: DatabaseAdapter) => {
      const now = await db.changeStamps();
      for (const [name, stamp] of now) stamps[`table:${name}`] = stamp;
      return (table: TableModel) => {
        const name = qualifiedName(table);
        const skip = run.since && unchangedSince(run.last, printsStamp, `table:${name}`, now.get(name));
        if (skip) unchanged++;
        return skip;
      };
    };
    const result = await scanPlace(
      fingerprints,
      {
        ...(env.target === undefined ? {} : { target: env.target, tablesToSkip }),
        ...(env.files === undefined || filesUnchanged ? {} : { files: env.files }),
      },
      { io: run.io, keyed: run.keyed, quiet: run.quiet, context, register: run.register },
    );
    await writeReportFiles(report, result.report);
    const clean = result.report.outcome === 'success';
    return {
      watched: {
        name: env.name,
        outcome: clean ? 'clean' : 'personal data',
        people: result.breach.people,
        findings: result.report.verification?.findings.total ?? 0,
        unchanged,
        report,
      },
      // Stamps count only after a clean scan: a table that held someone is read again next time.
      state: { clean, at, fingerprints: printsStamp, stamps: clean ? stamps : {} },
    };
  } catch (error) {
    await writeReportFiles(report, failedReport(context, error)).catch(() => {});
    const code = error instanceof LeakproofError ? error.code : 'LP_INTERNAL';
    const message = error instanceof Error ? error.message : String(error);
    return {
      watched: {
        name: env.name,
        outcome: 'not scanned',
        people: 0,
        findings: 0,
        unchanged,
        report,
        error: { code, message },
      },
      state: { clean: false, at, fingerprints: printsStamp, stamps: {} },
    };
  }
}

function summaryLine(e: WatchedEnvironment): string {
  const unchanged = e.unchanged > 0 ? `; ${e.unchanged} unchanged since the last clean scan, not read` : '';
  if (e.outcome === 'clean') return `  ${e.name}: clean${unchanged}`;
  if (e.outcome === 'personal data')
    return `  ${e.name}: PERSONAL DATA of ${e.people} ${e.people === 1 ? 'person' : 'people'} (${e.findings} findings), report ${e.report}`;
  return `  ${e.name}: NOT SCANNED (${e.error?.code}: ${e.error?.message})`;
}

/** Scans every environment of the watch file; exit 4 when any holds personal data of the source. */
export async function runWatchCommand(options: WatchCommandOptions, io: CliIo): Promise<WatchSummary> {
  const startedAt = new Date().toISOString();
  const config = await loadWatchConfig(options.config);
  const keyed = await resolveKey(options.keyFile, io);
  const fingerprints = await loadFingerprints(options.fingerprints, keyed);
  await mkdir(options.out, { recursive: true });
  const stateFile = join(options.out, 'watch-state.json');
  const state = await readWatchState(stateFile);
  const environments: WatchedEnvironment[] = [];
  // The register says which registered copy a watched database is, and since when it exists.
  const register = config.environments.some((e) => e.target !== undefined)
    ? await scanRegister(options.register, io.env)
    : null;
  try {
    for (const env of config.environments) {
      if (!options.quiet) io.stderr(`Scanning ${env.name}…\n`);
      const { watched, state: envState } = await watchOne(env, fingerprints, {
        io,
        keyed,
        quiet: options.quiet === true,
        out: options.out,
        last: state.environments[env.name],
        since: options.since === true,
        register,
      });
      environments.push(watched);
      state.environments[env.name] = envState;
    }
  } finally {
    await register?.close();
  }
  await writeWatchState(stateFile, state);
  const summary: WatchSummary = {
    tool: { name: 'leakproof', version: TOOL_VERSION },
    startedAt,
    finishedAt: new Date().toISOString(),
    fingerprints: { source: fingerprints.source, takenAt: fingerprints.takenAt },
    environments,
  };
  const summaryFile = join(options.out, 'summary.json');
  await writeFile(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
  io.stderr(
    `Watched ${environments.length} environments (summary: ${summaryFile}):\n${environments.map(summaryLine).join('\n')}\n`,
  );
  const leaking = environments.filter((e) => e.outcome === 'personal data').map((e) => e.name);
  if (leaking.length > 0)
    throw new LeakproofError('LP_LEAK_FOUND', `Personal data of the source found in: ${leaking.join(', ')}.`);
  const failed = environments.filter((e) => e.outcome === 'not scanned');
  if (failed.length > 0)
    throw new LeakproofError(
      'LP_WATCH_INCOMPLETE',
      `Not every environment could be scanned: ${failed.map((e) => e.name).join(', ')}.`,
    );
  return summary;
}
