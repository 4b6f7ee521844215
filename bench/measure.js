/**
 * Times one whole process (or pipeline): wall seconds from Node's clock, peak RSS from GNU time when
 * the machine has it (the kernel's own peak, from wait4); otherwise VmHWM polled from /proc, which
 * can miss growth in the last poll interval before the process exits.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Children still running, so an interrupted benchmark can stop them before it cleans up. */
export const running = new Set();

/** Stops every process group this benchmark started and that is still running. */
export function stopAll() {
  for (const child of running) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

/** Peak resident set size in kB from /proc/<pid>/status, or 0 when it cannot be read. */
function peakRssKb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmHWM:\s+(\d+) kB/m.exec(status) ?? /^VmRSS:\s+(\d+) kB/m.exec(status);
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * Runs `command args` with `env` added, in `tmp` for GNU time's output file. Resolves with
 * `{ seconds, peakRssMb, code, stderr }`; throws when the exit code is not in `okCodes`.
 */
export async function timed(command, args, { env = {}, tmp, label, okCodes = [0] }) {
  const outFile = join(tmp, `time-${process.hrtime.bigint()}.txt`);
  const [file, argv] = gnuTime
    ? [gnuTime, ['-f', '%M', '-o', outFile, '--', command, ...args]]
    : [command, args];
  const started = process.hrtime.bigint();
  // Its own process group, so an interrupted benchmark can stop the whole pipeline (see stopAll).
  const child = spawn(file, argv, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'pipe'],
    detached: true,
  });
  running.add(child);
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    if (stderr.length > 20_000) stderr = stderr.slice(-20_000);
  });
  let polledKb = 0;
  const poll = gnuTime ? null : setInterval(() => (polledKb = Math.max(polledKb, peakRssKb(child.pid))), 50);
  const code = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode, signal) => resolve(exitCode ?? (signal ? 128 : 1)));
  });
  running.delete(child);
  if (poll) clearInterval(poll);
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  let peakKb = polledKb;
  if (gnuTime) {
    // GNU time prints "Command exited with non-zero status N" before its line when the child failed.
    const lines = existsSync(outFile) ? readFileSync(outFile, 'utf8').trim().split('\n') : [];
    rmSync(outFile, { force: true });
    const m = /^(\d+)$/.exec(lines.at(-1) ?? '');
    if (m) peakKb = Number(m[1]);
  }
  if (!okCodes.includes(code)) {
    throw new Error(`${label} failed (exit ${code}):\n${stderr.trim()}`);
  }
  return { seconds: wall, peakRssMb: peakKb / 1024, code, stderr };
}

/** Wall seconds of an async function (for SQL the server runs: the client's own cost is nil). */
export async function timedSql(work) {
  const started = process.hrtime.bigint();
  await work();
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, peakRssMb: null };
}
