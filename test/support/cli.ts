/** Runs the CLI in-process, as a user would from a shell, and captures what it prints. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
