/**
 * `leakproof review`: reads the source's schema and a few rows once, closes the source, and serves
 * the review page on 127.0.0.1 until interrupted. The URL, with its one-time token, is printed
 * once; nothing else the page shows is printed.
 */
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../../adapters/open-database.js';
import { Keyed } from '../../core/keyed.js';
import { LeakproofError } from '../../errors.js';
import { loadPolicyFile } from '../../policy/load-policy.js';
import { readReviewSource } from '../../review/review-samples.js';
import { type ReviewServer, startReviewServer } from '../../review/review-server.js';
import type { CliIo } from '../io.js';
import { resolveKey } from '../key.js';

export interface ReviewOptions {
  readonly source: string;
  readonly policy: string;
  readonly keyFile?: string;
}

/** Starts the review server and prints its address; the caller closes it. */
export async function startReview(options: ReviewOptions, io: CliIo): Promise<ReviewServer> {
  // A file the loader refuses outright is reported as `check` would; a policy that loads but does
  // not fit the source yet is what the page is for.
  await loadPolicyFile(options.policy);
  const { keyed, keyConfigured } = await previewKey(options.keyFile, io);
  const database = await openDatabase(options.source, 'source');
  let source: Awaited<ReturnType<typeof readReviewSource>>;
  try {
    source = await readReviewSource(database);
  } finally {
    await database.close();
  }
  const server = await startReviewServer({ file: options.policy, source, keyed, keyConfigured });
  io.stdout(`Review ${options.policy} against ${source.displayName} at\n  ${server.url}\n`);
  io.stderr('Only this machine can open it. Stop with Ctrl-C.\n');
  if (!keyConfigured)
    io.stderr('No key configured: the page makes its fakes with a one-off key, unlike the copy.\n');
  return server;
}

/** The copy's key when one is configured; otherwise a one-off key, for previews only. */
async function previewKey(keyFile: string | undefined, io: CliIo) {
  try {
    return { keyed: await resolveKey(keyFile, io), keyConfigured: true };
  } catch (error) {
    // A key file that was named but cannot be used is an error; no key at all is not.
    if (keyFile !== undefined || !(error instanceof LeakproofError) || error.code !== 'LP_NO_KEY')
      throw error;
    return { keyed: new Keyed(randomBytes(32)), keyConfigured: false };
  }
}

export async function runReviewCommand(options: ReviewOptions, io: CliIo): Promise<void> {
  const server = await startReview(options, io);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
}
