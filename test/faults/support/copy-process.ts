/**
 * `leakproof copy` as a child process with piped output, so a test can wait for a point of its run,
 * kill it or cut its connections, and keep every byte it printed (and its report) for the search
 * for personal values; what a failed run must say; and the run after a fault, which must succeed.
 */
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { TEST_KEY, tempDir } from '../../support/cli.js';
import type { FaultSource } from './fault-source.js';
import { databaseName, lastStatement, rowCounts, runningCopy, sleep, userTables } from './observe.js';

const bin = fileURLToPath(new URL('../../../bin/leakproof.js', import.meta.url));

export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The report file's text, when one was asked for and written. */
  readonly report: string | undefined;
  readonly seconds: number;
}

export interface CopyRun {
  readonly pid: number;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves when stderr contains `text` (true), or when the process ended first (false). */
  readonly printed: (text: string | RegExp) => Promise<boolean>;
  /** Whether the process has ended (and its output is complete). */
  readonly ended: () => boolean;
  readonly kill: () => void;
  readonly done: Promise<RunResult>;
}

/** Every output of every run of a test file, for the search for personal values. */
export const outputs: { what: string; text: string }[] = [];

export interface CopyOptions {
  readonly extraArgs?: readonly string[];
  readonly report?: boolean;
  readonly label?: string;
}

/** Starts `leakproof copy` as a child process with piped output and a report file. */
export async function startCopy(
  source: FaultSource,
  target: string,
  options: CopyOptions = {},
): Promise<CopyRun> {
  const report = options.report === false ? undefined : join(await tempDir('leakproof-faults-'), 'run.json');
  const args = [bin, 'copy', '--source', source.url, '--target', target, '--policy', source.policy];
  if (report) args.push('--report', report);
  args.push(...(options.extraArgs ?? []));
  const started = performance.now();
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(process.execPath, args, {
    env: {
      PATH: process.env.PATH ?? '',
      LEAKPROOF_REGISTER: process.env.LEAKPROOF_REGISTER ?? '',
      LEAKPROOF_KEY: TEST_KEY,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: { text: string | RegExp; resolve: (found: boolean) => void }[] = [];
  const has = (text: string | RegExp) =>
    typeof text === 'string' ? stderr.includes(text) : text.test(stderr);
  const settle = () => {
    for (const w of [...waiters]) {
      if (has(w.text)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(true);
      }
    }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    settle();
  });
  const label = options.label ?? 'copy';
  const done = new Promise<RunResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', async (code, signal) => {
      for (const w of waiters.splice(0)) w.resolve(has(w.text));
      const seconds = (performance.now() - started) / 1000;
      const reportText = report ? await readFile(report, 'utf8').catch(() => undefined) : undefined;
      outputs.push({ what: `${label} stdout`, text: stdout }, { what: `${label} stderr`, text: stderr });
      if (reportText !== undefined) outputs.push({ what: `${label} report`, text: reportText });
      // The readable page beside it is searched too: it must hold no more than the JSON does.
      const pageText = report
        ? await readFile(report.replace(/\.json$/, '.html'), 'utf8').catch(() => undefined)
        : undefined;
      if (pageText !== undefined) outputs.push({ what: `${label} report.html`, text: pageText });
      resolve({ code, signal, stdout, stderr, report: reportText, seconds });
    });
  });
  let ended = false;
  void done.then(() => {
    ended = true;
  });
  return {
    pid: child.pid ?? -1,
    stdout: () => stdout,
    stderr: () => stderr,
    printed: (text) =>
      has(text) || ended
        ? Promise.resolve(has(text))
        : new Promise((resolve) => waiters.push({ text, resolve })),
    ended: () => ended,
    kill: () => {
      child.kill('SIGKILL');
    },
    done,
  };
}

/**
 * Polls `probe` while the run goes on: true once it holds, false when the run ended first (the
 * point it waited for was never reached).
 */
export async function whileRunning(run: CopyRun, probe: () => Promise<boolean>): Promise<boolean> {
  for (;;) {
    if (run.ended()) return false;
    if (await probe()) return !run.ended();
    await sleep(15);
  }
}

/** True once leakproof's COPY matching `pattern` in `database` has processed `rows` rows. */
export function copying(run: CopyRun, database: string, pattern: string, rows: number): Promise<boolean> {
  return whileRunning(run, async () => ((await runningCopy(database, pattern))?.rows ?? -1) >= rows);
}

/** True once leakproof's current or last statement in `database` matches `pattern`. */
export function issued(run: CopyRun, database: string, pattern: string): Promise<boolean> {
  return whileRunning(run, async () => (await lastStatement(database, pattern)) !== undefined);
}

/** The line progress prints when a table is loaded: `  public.client  6,000/6,000 rows  0.31 s`. */
export const tableDone = (table: string) =>
  new RegExp(`^  ${table.replaceAll('.', '\\.')}  [\\d,]+/[\\d,]+ rows  [\\d.]+ s(  [\\d,]+ rows/s)?$`, 'm');

/** Whether the copy said what went wrong: an `error:` line, an LP_ code, exit code 1 or 2, a report. */
export function failedClearly(result: RunResult): string[] {
  const problems: string[] = [];
  const { message, code } = errorLines(result.stderr);
  if (result.signal !== null) problems.push(`ended by ${result.signal}`);
  if (result.code !== 1 && result.code !== 2) problems.push(`exit code ${result.code}, not 1 or 2`);
  if (message === '') problems.push('no "error:" line on stderr');
  if (code === undefined) problems.push('no LP_ error code on stderr');
  const report = JSON.parse(result.report ?? '{}') as { outcome?: string; error?: { code?: string } };
  if (report.outcome !== 'failed' || report.error?.code !== code)
    problems.push('no failed report with that code');
  return problems;
}

/**
 * The run's result once it ends by itself; a run still going after `timeoutMs` is a hang: it is
 * killed and the test fails, with what it printed.
 */
export async function finishes(run: CopyRun, timeoutMs: number): Promise<RunResult> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), timeoutMs);
  });
  const result = await Promise.race([run.done, hung]);
  clearTimeout(timer);
  if (result !== 'hung') return result;
  run.kill();
  const killed = await run.done;
  throw new Error(
    `the run did not end within ${timeoutMs} ms after the fault; it printed:\n${killed.stderr}`,
  );
}

/** Whether a message names the database of `url` (its name, as the display name ends with it). */
export const mentionsDatabase = (message: string, url: string) => message.includes(databaseName(url));

/** Runs a copy to its end. */
export async function runCopy(source: FaultSource, target: string, options: CopyOptions = {}) {
  return (await startCopy(source, target, options)).done;
}

/** The phase lines `leakproof copy` prints on stderr (src/cli/progress.ts), in order. */
export const phases = {
  schema: 'Reading the source schema…',
  fingerprint: 'Fingerprinting the personal values of the source…',
  create: 'Creating tables…',
  constraints: 'Adding keys, indexes, foreign keys and sequence positions…',
  check: 'Checking every value of the target for personal data…',
  commit: 'Committing the target…',
} as const;

/** The `error: …` line and the `(LP_…, exit code n; …)` line of a failed run. */
export function errorLines(stderr: string): { message: string; code: string | undefined } {
  const message = stderr
    .split('\n')
    .filter((l) => l.startsWith('error: ') || l.startsWith('  - '))
    .join('\n');
  return { message, code: /\((LP_[A-Z_]+), exit code/.exec(stderr)?.[1] };
}

// ---------------------------------------------------------------------------------------------
// After a fault: the target holds nothing, nobody is left connected, the next run succeeds.

/**
 * Runs a copy into `target` that must succeed: exit 0, the report's outcome `success` with a leak
 * check that read every row and found nothing, and the target holding every table with the
 * source's row counts.
 */
export async function expectNextRunSucceeds(source: FaultSource, target: string): Promise<string[]> {
  const problems: string[] = [];
  const result = await runCopy(source, target, { label: 'next run' });
  if (result.code !== 0) {
    problems.push(`next run exited ${result.code} (${result.signal}): ${errorLines(result.stderr).message}`);
    return problems;
  }
  const report = JSON.parse(result.report ?? '{}') as {
    outcome?: string;
    verification?: { findings?: { total?: number }; rows?: number };
  };
  if (report.outcome !== 'success') problems.push(`next run's report says ${report.outcome}`);
  if (report.verification?.findings?.total !== 0) problems.push("next run's check did not report 0 findings");
  const tables = await userTables(target);
  if (tables.join() !== source.tables.join()) problems.push(`target holds ${tables.join(', ')}`);
  const want = await rowCounts(source.url, source.tables);
  const got = await rowCounts(target, source.tables);
  for (const t of source.tables)
    if (want[t] !== got[t]) problems.push(`${t}: ${got[t]} rows, source ${want[t]}`);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// No personal value in any output.

const mask = (value: string) =>
  value.length <= 3 ? '•••' : `${value[0]}${'•'.repeat(value.length - 3)}${value.slice(-2)}`;

/**
 * Where personal values appear in the texts, as `what: table.column value-masked` (never the value
 * itself). Values without spaces are matched as whole tokens (a name inside a longer word is not
 * that name); values with spaces as substrings.
 */
export function personalValuesIn(
  texts: readonly { what: string; text: string }[],
  values: ReadonlyMap<string, string>,
): string[] {
  const found: string[] = [];
  const spaced = [...values.keys()].filter((v) => /\s/.test(v));
  for (const { what, text } of texts) {
    const tokens = new Set(text.split(/[^\p{L}\p{N}@.+_-]+/u).flatMap((t) => [t, t.replace(/[.]+$/, '')]));
    for (const token of tokens) {
      const where = values.get(token);
      if (where !== undefined) found.push(`${what}: ${where} ${mask(token)}`);
    }
    for (const v of spaced) if (text.includes(v)) found.push(`${what}: ${values.get(v)} ${mask(v)}`);
  }
  return found;
}
