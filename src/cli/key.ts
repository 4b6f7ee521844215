/**
 * The secret key behind every keyed pseudonym. There is no default: without a key the same input
 * would give the same fake for everyone who runs Leakproof, which is no protection at all.
 */
import { readFile, stat } from 'node:fs/promises';
import { Keyed } from '../core/keyed.js';
import { LeakproofError } from '../errors.js';
import type { CliIo } from './io.js';

const noKey =
  'No anonymization key. Set LEAKPROOF_KEY, or pass --key-file FILE (mode 600), or --key-file - to read it from stdin.';

export async function resolveKey(keyFile: string | undefined, io: CliIo): Promise<Keyed> {
  let key: string | undefined;
  if (keyFile === '-') {
    key = (await io.readStdin()).trim();
  } else if (keyFile !== undefined) {
    let mode: number;
    try {
      mode = (await stat(keyFile)).mode;
    } catch {
      throw new LeakproofError('LP_NO_KEY', `Key file ${keyFile} cannot be read.`);
    }
    if ((mode & 0o077) !== 0) {
      throw new LeakproofError(
        'LP_NO_KEY',
        `Key file ${keyFile} can be read by others (mode ${(mode & 0o777).toString(8)}); run chmod 600 ${keyFile}.`,
      );
    }
    key = (await readFile(keyFile, 'utf8')).trim();
  } else {
    key = io.env.LEAKPROOF_KEY;
  }
  if (key === undefined || key.trim() === '') throw new LeakproofError('LP_NO_KEY', noKey);
  return new Keyed(key.trim());
}
