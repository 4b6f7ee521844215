/**
 * Everything `leakproof demo` needs before the copy: the embedded "production" database (built once,
 * reused on later runs), a generated key in a mode-600 file, and a policy drafted by `init`.
 */
import { randomBytes } from 'node:crypto';
import { access, chmod, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DatabaseAdapter } from '../adapters/adapter.js';
import { draftPolicyFor } from '../policy/init-policy.js';
import { buildDemoDatabase } from './demo-database.js';

export interface DemoPaths {
  readonly dir: string;
  readonly sourceUrl: string;
  readonly targetUrl: string;
  readonly policyFile: string;
  readonly keyFile: string;
  readonly reportFile: string;
}

export function demoPaths(dir: string): DemoPaths {
  const root = resolve(dir);
  return {
    dir: root,
    sourceUrl: `pglite:${join(root, 'production')}`,
    targetUrl: `pglite:${join(root, 'test-copy')}`,
    policyFile: join(root, 'leakproof.yaml'),
    keyFile: join(root, 'leakproof.key'),
    reportFile: join(root, 'report.json'),
  };
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

export async function prepareDemo(
  dir: string,
  open: (url: string) => Promise<DatabaseAdapter>,
  options: { applicants: number; onProgress?: (message: string) => void },
): Promise<DemoPaths> {
  const paths = demoPaths(dir);
  await mkdir(paths.dir, { recursive: true });

  const source = await open(paths.sourceUrl);
  try {
    if ((await source.listUserRelations()).length === 0) {
      options.onProgress?.(
        `Building the demo production database (${options.applicants.toLocaleString('en-US')} applicants)`,
      );
      // One transaction: a build interrupted half-way leaves an empty database, rebuilt next time.
      await source.begin('write');
      try {
        await buildDemoDatabase(source, { applicants: options.applicants });
        await source.commit();
      } catch (error) {
        await source.rollback().catch(() => {});
        throw error;
      }
    }
    if (!(await exists(paths.policyFile))) {
      options.onProgress?.('Drafting a policy with `leakproof init`');
      await writeFile(paths.policyFile, await draftPolicyFor(source));
    }
  } finally {
    await source.close();
  }

  if (!(await exists(paths.keyFile))) {
    await writeFile(paths.keyFile, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
  }
  await chmod(paths.keyFile, 0o600);
  return paths;
}
