/** Runs the CLI in-process, as a user would from a shell, and captures what it prints. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from '../../src/cli/main.js';

export const TEST_KEY = 'test-key-not-secret-0123456789abcdef';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function leakproof(
  args: readonly string[],
  env: Record<string, string | undefined> = { LEAKPROOF_KEY: TEST_KEY },
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  // The test run's register (global-setup.ts), unless the test gives one (or unsets it).
  env = { LEAKPROOF_REGISTER: process.env.LEAKPROOF_REGISTER, ...env };
  const code = await runCli(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env,
    interactive: false,
    readStdin: async () => env.STDIN ?? '',
  });
  return { code, stdout, stderr };
}

export async function tempDir(prefix = 'leakproof-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** What a `copy` run is given; `quiet` (no progress lines) unless said otherwise. */
export interface CopyRun {
  readonly source: string;
  readonly target: string;
  readonly policy: string;
  /** Where the run report goes; none written when absent. */
  readonly report?: string;
  readonly quiet?: boolean;
  readonly extra?: readonly string[];
}

/** `leakproof copy --source … --target … --policy … [--report …]`, the call most tests make. */
export function leakproofCopy(run: CopyRun): Promise<CliResult> {
  return leakproof([
    'copy',
    ...(run.quiet === false ? [] : ['--quiet']),
    '--source',
    run.source,
    '--target',
    run.target,
    '--policy',
    run.policy,
    ...(run.report === undefined ? [] : ['--report', run.report]),
    ...(run.extra ?? []),
  ]);
}

/** `leakproof init --source url` into a new folder; the draft policy's path. Fails the test if init does. */
export async function draftPolicy(source: string, prefix = 'leakproof-policy-'): Promise<string> {
  const policy = join(await tempDir(prefix), 'leakproof.yaml');
  const init = await leakproof(['init', '--source', source, '--out', policy]);
  expect(init.code, init.stderr).toBe(0);
  return policy;
}
