/** How a failed command tells a person what went wrong: the message, the details, the code. */
import { LeakproofError } from '../errors.js';
import type { CliIo } from './io.js';

const MAX_DETAILS = 50;

export function printError(io: CliIo, error: unknown): number {
  const e =
    error instanceof LeakproofError
      ? error
      : new LeakproofError(
          'LP_INTERNAL',
          `Internal error: ${error instanceof Error ? error.message : String(error)}`,
        );
  io.stderr(`error: ${e.message}\n`);
  for (const line of e.details.slice(0, MAX_DETAILS)) io.stderr(`  - ${line}\n`);
  if (e.details.length > MAX_DETAILS) io.stderr(`  … and ${e.details.length - MAX_DETAILS} more\n`);
  io.stderr(`(${e.code}, exit code ${e.exitCode}; see docs/errors.md)\n`);
  return e.exitCode;
}
