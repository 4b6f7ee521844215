/**
 * The installed `leakproof` command as a real process (bin/leakproof.js runs dist/: `npm test`
 * builds it first), for faults only a real process shows: standard input, two runs at once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const bin = fileURLToPath(new URL('../../bin/leakproof.js', import.meta.url));

export interface ProcessResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunningCli {
  readonly child: ChildProcess;
  /** Resolves when the process has ended and its streams are drained. */
  readonly done: Promise<ProcessResult>;
  /** Resolves when stderr has printed `text` (false if the process ended first). */
  printed(text: string): Promise<boolean>;
}

/**
 * Starts `leakproof <args>` with only PATH, the test register and `env` in its environment (never this process's
 * LEAKPROOF_KEY), and `stdin` (or nothing) on its standard input.
 */
export function startCli(
  args: readonly string[],
  options: { env?: Record<string, string>; stdin?: string } = {},
): RunningCli {
  const child = spawn(process.execPath, [bin, ...args], {
    // The test run's register (global-setup.ts): never the user's own.
    env: {
      PATH: process.env.PATH ?? '',
      LEAKPROOF_REGISTER: process.env.LEAKPROOF_REGISTER ?? '',
      ...options.env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiting: { text: string; resolve: (seen: boolean) => void }[] = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const w of waiting.filter((x) => stderr.includes(x.text))) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve(true);
    }
  });
  child.stdin?.end(options.stdin ?? '');
  const done = new Promise<ProcessResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      for (const w of waiting.splice(0)) w.resolve(stderr.includes(w.text));
      resolve({ code, stdout, stderr });
    });
  });
  return {
    child,
    done,
    printed: (text) =>
      stderr.includes(text) || child.exitCode !== null
        ? Promise.resolve(stderr.includes(text))
        : new Promise((resolve) => waiting.push({ text, resolve })),
  };
}

/** Runs `leakproof <args>` to the end. */
export function runCli(
  args: readonly string[],
  options: { env?: Record<string, string>; stdin?: string } = {},
): Promise<ProcessResult> {
  return startCli(args, options).done;
}
