/**
 * The installed `leakproof` command as a real process: exit codes and streams, as a shell or CI sees
 * them. Runs the compiled CLI (`npm test` builds it first).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/leakproof.js', import.meta.url));

async function run(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], {
      env: { PATH: process.env.PATH ?? '', LEAKPROOF_REGISTER: process.env.LEAKPROOF_REGISTER ?? '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test('--help lists the commands and exits 0', async () => {
  const result = await run(['--help']);
  expect(result.code).toBe(0);
  for (const command of ['copy', 'init', 'review', 'check', 'demo', 'verify', 'fingerprint', 'scan'])
    expect(result.stdout).toContain(command);
});

test('a missing option exits 2 and says which', async () => {
  const result = await run(['copy', '--source', 'pglite:/nowhere']);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain("required option '--target <url>'");
});

test('a missing key exits 2 with the error code on stderr', async () => {
  const result = await run(['copy', '--source', 'pglite:/a', '--target', 'pglite:/b', '--policy', bin]);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('LP_NO_KEY');
});

test('a missing policy file exits 2 naming it', async () => {
  const result = await run(['check', '--source', 'pglite:/tmp/x', '--policy', '/no/such/policy.yaml']);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('/no/such/policy.yaml does not exist');
});
