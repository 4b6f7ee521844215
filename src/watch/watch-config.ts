/**
 * The watchdog's list of test environments (`watch.yaml`): each a database, folders of files, or
 * both, under a name the reports use. Example:
 *
 *   environments:
 *     - name: acceptance
 *       target: postgres://scanner@acc-db/app
 *     - name: shared-exports
 *       files: [/srv/exports, /srv/handover]
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { LeakproofError } from '../errors.js';

const environmentSchema = z
  .strictObject({
    name: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
        'a name of letters, digits, ".", "_" and "-" (it names report files)',
      ),
    target: z.string().min(1).optional(),
    files: z.array(z.string().min(1)).min(1).optional(),
  })
  .refine((e) => e.target !== undefined || e.files !== undefined, {
    message: 'give a target (a database URL), files (paths), or both',
  });

const configSchema = z.strictObject({
  environments: z
    .array(environmentSchema)
    .min(1)
    .refine((list) => new Set(list.map((e) => e.name)).size === list.length, {
      message: 'two environments have the same name',
    }),
});

export type WatchEnvironment = z.infer<typeof environmentSchema>;
export type WatchConfig = z.infer<typeof configSchema>;

/** Reads and checks a watch file; every error names the file and the place in it. */
export async function loadWatchConfig(file: string): Promise<WatchConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new LeakproofError(
      'LP_USAGE',
      `Cannot read the watch file ${file} (${(error as NodeJS.ErrnoException).code}).`,
    );
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch {
    throw new LeakproofError('LP_USAGE', `The watch file ${file} is not valid YAML.`);
  }
  const parsed = configSchema.safeParse(data);
  if (!parsed.success)
    throw new LeakproofError(
      'LP_USAGE',
      `The watch file ${file} is not a list of environments.`,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`),
    );
  return parsed.data;
}
