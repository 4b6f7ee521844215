/** `leakproof init`: write a drafted policy to a file (never over an existing one) or stdout. */
import { writeFile } from 'node:fs/promises';
import { openDatabase } from '../../adapters/open-database.js';
import { LeakproofError } from '../../errors.js';
import { draftPolicyFor } from '../../policy/init-policy.js';
import type { CliIo } from '../io.js';

export async function runInitCommand(
  options: { source: string; out?: string; force?: boolean },
  io: CliIo,
): Promise<void> {
  const source = await openDatabase(options.source, 'source');
  let yaml: string;
  try {
    yaml = await draftPolicyFor(source);
  } finally {
    await source.close();
  }
  if (options.out === undefined) {
    io.stdout(yaml);
    return;
  }
  try {
    await writeFile(options.out, yaml, { flag: options.force ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new LeakproofError('LP_USAGE', `${options.out} already exists; pass --force to overwrite it.`);
    }
    throw new LeakproofError(
      'LP_USAGE',
      `Cannot write ${options.out} (${(error as NodeJS.ErrnoException).code}).`,
    );
  }
  io.stderr(`Wrote a draft policy to ${options.out}. Review every decision before you rely on it.\n`);
}
